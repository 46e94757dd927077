namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Documents;

/// <summary>
/// The built-in proto-personas: assumptions written down in the shape of a persona, to be replaced by
/// evidence. Each has needs with importance, jobs to be done, preferred channels and a segment filter.
/// </summary>
public static partial class TemplateCatalog
{
    /// <summary>A student who flies often on the lowest fare and hates add-on fees.</summary>
    public static Persona BudgetTraveller(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Tags = ["template", "travel"],
        Type = PersonaType.Proto,
        Name = "Jonas",
        Role = "Budget traveller",
        Quote = "If it's cheaper on Tuesday, I fly on Tuesday.",
        Story = "Jonas is a student who travels four or five times a year to see friends and festivals. Jonas books months ahead, packs everything into one cabin bag and compares every fare.",
        Demographics = new Demographics { AgeRange = "19-26", Location = "Berlin, Germany", Occupation = "Student, part-time barista", Income = "Under 1,200 EUR a month", Other = new() { ["trips_per_year"] = "4-5" } },
        Goals = ["Travel as often as possible on a small budget", "Never pay for something not chosen"],
        Needs =
        [
            new Need { Id = "lowest-total-price", Text = "See the lowest total price, bags included", Importance = 5 },
            new Need { Id = "flexible-dates", Text = "Compare prices across nearby dates", Importance = 4 },
            new Need { Id = "cabin-bag-rules", Text = "Know exactly what fits in the free bag", Importance = 4 },
            new Need { Id = "lounge-access", Text = "Lounge access", Importance = 1 },
        ],
        Jobs = [new JobToBeDone { Id = "weekend-trip", When = "a friend invites me for a weekend", Want = "find the cheapest way there within a day's travel", SoThat = "I can say yes without worrying about money" }],
        Motivations = ["Freedom to go when friends call", "Beating the system"],
        Pains = ["Add-on fees at the last step", "Fare prices that change while comparing"],
        Gains = ["A fare alert that saves 30 EUR", "Boarding early enough to find space for the bag"],
        Behaviours = ["Books on a laptop after comparing on a search site", "Clears cookies before booking", "Never buys seats"],
        Channels = ["search", "web", "app", "social"],
        EmpathyMap = new EmpathyMap
        {
            Says = ["Just show me the real price"],
            Thinks = ["They will get me with a fee somewhere"],
            Does = ["Opens five tabs of the same flight"],
            Feels = ["Smart on finding a deal, cheated by surprise fees"],
        },
        Segment = "age < 27 and fare_family in (\"light\", \"basic\")",
    };

    /// <summary>A young adult on a first flight, more worried about the rules than the flight.</summary>
    public static Persona FirstTimeFlyer(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Tags = ["template", "travel", "airline"],
        Type = PersonaType.Proto,
        Name = "Maya",
        Role = "First-time flyer",
        Quote = "I just don't want to be the one holding up the queue.",
        Story = "Maya is 22 and has never flown. The first trip is a weekend in Lisbon with friends who fly often. Maya worries about getting the rules wrong more than about the flight itself.",
        Demographics = new Demographics { AgeRange = "18-25", Gender = "Female", Location = "Manchester, UK", Occupation = "Nursing student", Income = "Under 18,000 GBP a year" },
        Goals = ["Get to the destination without embarrassment", "Know what to do at each step before having to do it"],
        Needs =
        [
            new Need { Id = "clear-steps", Text = "Know what happens at each step at the airport", Importance = 5 },
            new Need { Id = "bag-rules", Text = "Know what can go in the bag", Importance = 5 },
            new Need { Id = "total-price", Text = "Pay one clear price with no surprises", Importance = 4 },
            new Need { Id = "reassurance", Text = "Someone to ask when unsure", Importance = 3 },
            new Need { Id = "seat-choice", Text = "Sit next to friends", Importance = 2 },
        ],
        Jobs = [new JobToBeDone { Id = "first-trip", When = "I fly for the first time", Want = "a checklist of what to do and when", SoThat = "I don't miss my flight or lose my things" }],
        Motivations = ["Independence", "Not missing out on trips with friends"],
        Pains = ["Jargon like 'bag drop' and 'boarding group'", "Fear of queues and being told off at security"],
        Gains = ["A friendly person at the gate", "Notifications that say what to do next"],
        Behaviours = ["Does everything on the phone", "Screenshots confirmations", "Arrives much too early"],
        Channels = ["app", "social", "chat", "sms"],
        EmpathyMap = new EmpathyMap
        {
            Says = ["Is this the right queue?"],
            Thinks = ["Everyone else knows what they're doing"],
            Does = ["Checks the boarding pass again and again"],
            Feels = ["Excited and nervous at the same time"],
        },
        Segment = "flights_taken = 0 and age < 26",
    };

    /// <summary>The B2B buying role that owns the budget and decides on the business case and the risk.</summary>
    public static Persona B2bEconomicBuyer(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Tags = ["template", "b2b"],
        Type = PersonaType.Proto,
        Name = "Dana",
        Role = "Economic buyer",
        Quote = "Show me the payback period and who else like us uses it.",
        Story = "Dana is the operations director who owns the budget. Dana rarely sees the product; the decision rests on the business case the team brings, on risk, and on the total cost over three years.",
        Demographics = new Demographics { AgeRange = "40-55", Location = "Munich, Germany", Occupation = "Director of operations, 400-person company", Other = new() { ["budget_authority"] = "up to 150,000 EUR a year" } },
        Goals = ["Hit the cost-saving target for the year", "Avoid another failed tool roll-out"],
        Needs =
        [
            new Need { Id = "business-case", Text = "A business case with payback within 12 months", Importance = 5 },
            new Need { Id = "low-risk", Text = "Proof that security and compliance are handled", Importance = 5 },
            new Need { Id = "predictable-cost", Text = "A predictable price as the team grows", Importance = 4 },
            new Need { Id = "references", Text = "References from companies like hers", Importance = 3 },
        ],
        Jobs = [new JobToBeDone { Id = "approve-purchase", When = "my team asks for budget for a new tool", Want = "to compare its cost with what it saves", SoThat = "I can defend the decision to the CFO" }],
        Motivations = ["Being seen as the one who modernised operations"],
        Pains = ["Vendors that only talk features", "Surprise costs at renewal"],
        Gains = ["A one-page summary to forward to the CFO"],
        Behaviours = ["Reads email summaries, not product pages", "Delegates evaluation to a team lead"],
        Channels = ["email", "phone", "event"],
        EmpathyMap = new EmpathyMap
        {
            Says = ["What does it cost all-in?"],
            Thinks = ["My team falls for shiny tools"],
            Does = ["Asks for a second quote"],
            Feels = ["Accountable for the money and the risk"],
        },
        Segment = "role = \"economic_buyer\" and company_size >= 200",
    };

    /// <summary>The B2B end user who finds the tool, runs the trial and sells it internally.</summary>
    public static Persona B2bChampion(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Tags = ["template", "b2b"],
        Type = PersonaType.Proto,
        Name = "Sam",
        Role = "End user and champion",
        Quote = "I'll happily set it up if it saves us Friday afternoons.",
        Story = "Sam leads a team of six analysts and spends hours each week on manual reports. Sam finds the tool, runs the trial and has to convince Dana to pay for it.",
        Demographics = new Demographics { AgeRange = "28-38", Location = "Vienna, Austria", Occupation = "Team lead, analytics" },
        Goals = ["Stop doing the same report by hand every week", "Look good in front of the director"],
        Needs =
        [
            new Need { Id = "quick-setup", Text = "Working with our own data on day one", Importance = 5 },
            new Need { Id = "integrations", Text = "Connects to the tools we already use", Importance = 4 },
            new Need { Id = "ammunition", Text = "Material to make the case to the buyer", Importance = 4 },
            new Need { Id = "customisation", Text = "Deep customisation of every screen", Importance = 2 },
        ],
        Jobs = [new JobToBeDone { Id = "prove-value", When = "I find a tool that might help", Want = "to prove it on real data in a week", SoThat = "I can get budget before the team gives up on it" }],
        Motivations = ["Mastery", "Recognition for the team's work"],
        Pains = ["Trials that end before the import works", "Having to sit through sales calls"],
        Gains = ["Templates that match the team's reports"],
        Behaviours = ["Reads review sites and community threads", "Tries the product before talking to sales"],
        Channels = ["web", "app", "chat", "search"],
        EmpathyMap = new EmpathyMap
        {
            Says = ["Can I just try it?"],
            Thinks = ["If this fails, it's on me"],
            Does = ["Builds a spreadsheet comparing three tools"],
            Feels = ["Hopeful and exposed"],
        },
        Segment = "role = \"end_user\" and plan = \"trial\"",
    };

    /// <summary>A working parent who shops on the phone late in the evening; delivery dates matter most.</summary>
    public static Persona BusyParentShopper(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Tags = ["template", "retail"],
        Type = PersonaType.Proto,
        Name = "Priya",
        Role = "Busy parent shopper",
        Quote = "I shop in the ten minutes after the kids are in bed.",
        Story = "Priya works full time and has two children under eight. Priya buys clothes, school supplies and groceries online, mostly on the phone in the evening, and cares about delivery dates more than price.",
        Demographics = new Demographics { AgeRange = "32-42", Gender = "Female", Location = "Utrecht, Netherlands", Occupation = "Project manager", Income = "Household 75,000 EUR a year", Other = new() { ["children"] = "2" } },
        Goals = ["Get the right thing delivered before the weekend", "Spend as little time shopping as possible"],
        Needs =
        [
            new Need { Id = "delivery-date", Text = "A guaranteed delivery date before paying", Importance = 5 },
            new Need { Id = "right-size", Text = "Children's sizes that fit the first time", Importance = 4 },
            new Need { Id = "easy-returns", Text = "Free returns from a nearby parcel shop", Importance = 4 },
            new Need { Id = "reorder", Text = "Reorder the same item in the next size", Importance = 3 },
        ],
        Jobs = [new JobToBeDone { Id = "school-start", When = "school starts next week", Want = "to order everything on the list in one go", SoThat = "the kids have what they need on day one" }],
        Motivations = ["Time with family", "Being organised"],
        Pains = ["Delivery slots that clash with work", "Sizes that vary by brand"],
        Gains = ["Saved sizes per child", "One delivery for the whole order"],
        Behaviours = ["Shops on the phone after 21:00", "Uses saved baskets", "Reads the one-star reviews first"],
        Channels = ["app", "email", "store"],
        EmpathyMap = new EmpathyMap
        {
            Says = ["When will it be here?"],
            Thinks = ["I don't have time to send it back"],
            Does = ["Orders two sizes and returns one"],
            Feels = ["Stretched thin"],
        },
        Segment = "children > 0 and orders_last_90_days >= 3",
    };

    /// <summary>A working-age patient who struggles to fit appointments around shifts.</summary>
    public static Persona Patient(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Tags = ["template", "healthcare"],
        Type = PersonaType.Proto,
        Name = "Tom",
        Role = "Working-age patient",
        Quote = "I can't take half a day off to sit in a waiting room.",
        Story = "Tom is 45, works shifts in a warehouse and sees a doctor once or twice a year. Tom puts off appointments until symptoms get worse, mostly because booking is hard around shift work.",
        Demographics = new Demographics { AgeRange = "40-50", Gender = "Male", Location = "Leeds, UK", Occupation = "Warehouse shift supervisor" },
        Goals = ["Get treated without losing pay", "Understand what is wrong and what to do"],
        Needs =
        [
            new Need { Id = "appointment-fit", Text = "An appointment that fits around shifts", Importance = 5 },
            new Need { Id = "understand", Text = "A clear explanation in plain words", Importance = 5 },
            new Need { Id = "short-wait", Text = "A short, predictable wait", Importance = 4 },
            new Need { Id = "same-doctor", Text = "See the same doctor each time", Importance = 3 },
        ],
        Jobs = [new JobToBeDone { Id = "get-seen", When = "a symptom does not go away", Want = "to see someone this week at a time I can make", SoThat = "it does not get worse or cost me a shift" }],
        Motivations = ["Staying fit for work", "Peace of mind for the family"],
        Pains = ["The 8:00 phone queue", "Repeating the same history to every new doctor"],
        Gains = ["Results to read on the phone"],
        Behaviours = ["Calls rather than using the app", "Googles symptoms at night"],
        Channels = ["phone", "sms", "app", "clinic"],
        EmpathyMap = new EmpathyMap
        {
            Says = ["It's probably nothing"],
            Thinks = ["What if it's serious?"],
            Does = ["Waits a few weeks before calling"],
            Feels = ["Anxious and rushed"],
        },
        Segment = "age >= 35 and age <= 55 and visits_last_year <= 2",
    };
}
