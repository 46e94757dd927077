namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Documents;

/// <summary>A named starting point for a journey map.</summary>
public sealed record JourneyTemplate(string Id, string Name, string Description, Func<string, string, Journey> Create);

/// <summary>A named starting point for a proto-persona.</summary>
public sealed record PersonaTemplate(string Id, string Name, string Description, Func<string, string, Persona> Create);

/// <summary>The built-in templates. Create(id, title) gives a new document with that id and title.</summary>
public static partial class TemplateCatalog
{
    /// <summary>The id of the journey template used when none is named.</summary>
    public const string DefaultJourney = "digital";

    private static readonly JourneyTemplate[] s_journeys =
    [
        new("digital", "Digital journey", "The five classic stages (discovery, consideration, purchase, retention, advocacy) with web, app and email touchpoints.", Digital),
        new("b2b-saas", "B2B SaaS purchase", "A buying group (champion and economic buyer) from problem to renewal, with the sales funnel (lead, MQL, SQL, opportunity, closed) as the backstage lane.", B2bSaas),
        new("ecommerce", "Online shop", "Inspiration, search, decision, checkout, delivery and returns.", Ecommerce),
        new("airline-first-flight", "First flight", "A first-time flyer from planning the trip to boarding and arrival.", AirlineFirstFlight),
        new("bank-account-opening", "Opening a bank account", "A retail bank current account, from comparing to switching the salary over.", BankAccountOpening),
        new("subscription-media", "Media subscription", "Trial, subscription, the weekly habit, renewal and cancellation of a streaming or news service.", SubscriptionMedia),
        new("clinic-visit", "Clinic visit", "A patient's visit to an outpatient clinic, from symptoms to results.", ClinicVisit),
        new("blank", "Blank lifecycle", "Eight lifecycle stages (trigger to advocacy) and the usual lanes, all empty.", Blank),
    ];

    private static readonly PersonaTemplate[] s_personas =
    [
        new("budget-traveller", "Budget traveller", "Flies often on the lowest fare; hates add-on fees.", BudgetTraveller),
        new("first-time-flyer", "First-time flyer", "Has never flown; worried about getting the rules wrong.", FirstTimeFlyer),
        new("b2b-economic-buyer", "B2B economic buyer", "Owns the budget; decides on the business case and the risk.", B2bEconomicBuyer),
        new("b2b-champion", "B2B end user and champion", "Finds the tool, runs the trial and sells it internally.", B2bChampion),
        new("busy-parent-shopper", "Busy parent shopper", "Shops on the phone late in the evening; delivery dates matter most.", BusyParentShopper),
        new("patient", "Patient", "A working-age patient who struggles to fit appointments around shifts.", Patient),
    ];

    public static IReadOnlyList<JourneyTemplate> Journeys => s_journeys;

    public static IReadOnlyList<PersonaTemplate> Personas => s_personas;

    /// <summary>The journey template with this id, or null.</summary>
    public static JourneyTemplate? FindJourney(string id) => Array.Find(s_journeys, t => t.Id == id);

    /// <summary>The persona template with this id, or null.</summary>
    public static PersonaTemplate? FindPersona(string id) => Array.Find(s_personas, t => t.Id == id);

    /// <summary>
    /// A value gap map skeleton for a persona: four example needs across the importance scale with our
    /// rating in the middle of the scale and no competitors yet; add competitor ids and their ratings.
    /// </summary>
    public static ValueGapMap NewValueGap(string id, string title, string persona) => new()
    {
        Id = id,
        Title = title,
        Persona = persona,
        Tags = ["value-gap"],
        Needs =
        [
            new ValueNeed { Id = "price-clarity", Text = "Know the full price before committing", Importance = 5, Ours = 3 },
            new ValueNeed { Id = "ease-of-use", Text = "Get it done quickly without help", Importance = 4, Ours = 3 },
            new ValueNeed { Id = "support", Text = "Reach a person when something goes wrong", Importance = 3, Ours = 3 },
            new ValueNeed { Id = "extras", Text = "Extras beyond the core service", Importance = 1, Ours = 3 },
        ],
        Comments = [new Comment { Author = "wayfinder", Text = "List the competitors this persona compares us with, then rate each need for us and for them from 1 to 5." }],
    };
}
