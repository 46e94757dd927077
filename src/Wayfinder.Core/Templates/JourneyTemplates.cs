namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Documents;
using static Wayfinder.Core.Documents.OpportunityStatus;

/// <summary>
/// The built-in journey maps. Each is a worked example a team edits rather than a blank grid: stages named
/// for the customer's goal, touchpoints mapped to events, an emotion score per stage, pain points with the
/// opportunities that address them, and KPIs bound to metrics.
/// </summary>
public static partial class TemplateCatalog
{
    /// <summary>The five stages of a generic digital journey: discovery, consideration, purchase, retention, advocacy.</summary>
    public static Journey Digital(string id, string title)
    {
        var d = new JourneyDraft()
            .Stage("discovery", "Discover", "I want to find out what could solve my problem")
            .Goal("Find a few credible options without much effort")
            .Action("Searches the problem; notices an ad or a friend's post")
            .Question("Is this for someone like me?")
            .Touchpoint("tp-search-ad", "Search ad", "ads", "marketing", "ad_clicked")
            .Touchpoint("tp-social-post", "Social post", "social", "marketing", "social_post_clicked")
            .Emotion(0, "Curious but sceptical")
            .Pain("pp-generic-ads", "Ads talk about features, not the problem I searched for")
            .Opportunity("op-problem-landing", "Landing pages per search intent that lead with the problem", "marketing", Planned, 4, 4, 2, "pp-generic-ads")
            .Kpi("kpi-ad-reach", "Share of visitors who first arrive through the search ad", "starts(touchpoint: tp-search-ad)", ">= 40%", "34%", KpiStatus.DoesNotMeet)
            .Backstage("Campaign planning and audience targeting", "marketing")

            .Stage("consideration", "Compare options", "I want to know my options and pick the right one")
            .Goal("Understand the difference between plans and what it really costs")
            .Action("Reads product pages, compares plans, looks for reviews")
            .Question("What will it cost me in total?")
            .Thought("I don't want to be locked in")
            .Touchpoint("tp-product-page", "Product page", "web", "ecommerce", "product_viewed")
            .Touchpoint("tp-comparison", "Plan comparison", "web", "ecommerce", "plans_compared")
            .Emotion(-0.5, "Unsure which plan fits")
            .Pain("pp-hidden-costs", "Total price only appears at checkout")
            .Opportunity("op-price-calculator", "Price calculator on the comparison page", "ecommerce", Idea, 5, 3, 3, "pp-hidden-costs")
            .Backstage("Merchandising keeps product content and prices current", "ecommerce")

            .Stage("purchase", "Buy", "I want to buy quickly and without surprises")
            .Goal("Pay in a way I trust and get a confirmation right away")
            .Action("Adds to basket, creates an account, pays")
            .Question("Do I really have to create an account?")
            .Touchpoint("tp-checkout", "Checkout", "web", "ecommerce", "checkout_*")
            .Touchpoint("tp-order-email", "Order confirmation", "email", "crm", "order_confirmation_sent")
            .Emotion(-1, "Annoyed by the forced sign-up")
            .Pain("pp-forced-account", "An account is required before paying")
            .Opportunity("op-guest-checkout", "Guest checkout with optional account afterwards", "ecommerce", InProgress, 5, 5, 2, "pp-forced-account", "pp-hidden-costs")
            .Kpi("kpi-conversion", "Visitors who complete a purchase", "reach(touchpoint: tp-order-email)", ">= 3%", "2.1%", KpiStatus.DoesNotMeet)
            .Kpi("kpi-time-to-buy", "Median time from first visit to purchase", "median_time(discovery -> purchase)", "<= 7 days", "5 days", KpiStatus.Meets)
            .Backstage("Payment provider authorises the card; the order goes to fulfilment", "operations")

            .Stage("retention", "Use and stay", "I want to get value from what I bought")
            .Goal("Get set up and see the benefit in the first week")
            .Action("Opens the app, follows the onboarding emails, asks support")
            .Thought("Was this worth it?")
            .Touchpoint("tp-onboarding-email", "Onboarding emails", "email", "crm", "onboarding_email_opened")
            .Touchpoint("tp-app", "App", "app", "product", "app_session_started")
            .Touchpoint("tp-support-chat", "Support chat", "chat", "support", "chat_started")
            .Emotion(1, "Pleased once it works")
            .Pain("pp-slow-support", "Chat replies take hours in the evening")
            .Opportunity("op-evening-cover", "Extend chat cover to 22:00", "support", Idea, 4, 2, 4, "pp-slow-support")
            .Kpi("kpi-repeat", "Buyers who come back and use it, within the funnel window", "conversion(purchase -> retention)", ">= 60%", "64%", KpiStatus.Meets)
            .Backstage("CRM triggers lifecycle emails; support triages tickets", "crm")

            .Stage("advocacy", "Recommend", "I want to tell others when something works well")
            .Goal("Share a good experience and get something back for it")
            .Action("Leaves a review, shares a referral link")
            .Touchpoint("tp-review-request", "Review request", "email", "crm", "review_request_sent")
            .Touchpoint("tp-referral", "Referral page", "web", "marketing", "referral_shared")
            .Emotion(1.5, "Proud of a good find")
            .Pain("pp-no-referral-reward", "Nothing in it for me when I refer a friend")
            .Opportunity("op-referral-credit", "Give both sides a credit on referral", "marketing", Idea, 3, 4, 2, "pp-no-referral-reward")
            .Kpi("kpi-nps", "Net Promoter Score when asked to recommend", "nps(stage: advocacy)", ">= 30", "41", KpiStatus.Exceeds)
            .Backstage("Review platform collects ratings; referral credits are booked", "marketing");
        return d.Build(id, title) with
        {
            BusinessGoal = "Turn more first visits into repeat customers who recommend us",
            Scenario = "A first-time customer finds us online, buys, and comes back",
            Tags = ["template", "digital"],
        };
    }

    /// <summary>A B2B SaaS purchase by a buying group, with the sales funnel as the backstage lane.</summary>
    public static Journey B2bSaas(string id, string title)
    {
        const string buyer = "b2b-economic-buyer";
        const string champion = "b2b-champion";
        var d = new JourneyDraft()
            .LaneName(LaneType.Backstage, "Sales funnel")
            .Stage("problem", "Recognise the problem", "I need to fix how my team handles this before the next quarter")
            .Role(champion, "Feels the pain daily and starts looking")
            .Goal("Put a name and a cost on the problem")
            .Action("Reads blog posts and a benchmark report")
            .Question("How do other teams like mine solve this?")
            .Touchpoint("tp-blog", "Blog and benchmark report", "web", "marketing", "content_downloaded", "blog_viewed")
            .Emotion(-1, "Frustrated with spreadsheets")
            .Pain("pp-gated-content", "The report asks for a phone number before I can read it")
            .Opportunity("op-ungate-report", "Ungate the benchmark report; offer the full data set for email only", "marketing", Planned, 3, 3, 1, "pp-gated-content")
            .Backstage("Lead: content download creates a lead in the CRM", "marketing")

            .Stage("research", "Shortlist vendors", "I want to see which tools could work for us")
            .Role(champion, "Builds the shortlist")
            .Role(buyer, "Asks for the business case")
            .Action("Compares vendors on review sites, books a demo")
            .Question("Will it integrate with what we already use?")
            .Touchpoint("tp-pricing-page", "Pricing page", "web", "marketing", "pricing_viewed")
            .Touchpoint("tp-review-site", "Review site profile", "search", "marketing", "review_site_referral")
            .Touchpoint("tp-demo", "Demo call", "phone", "sales", "demo_booked", "demo_held")
            .Emotion(0, "Hopeful, wary of sales pressure")
            .Pain("pp-no-prices", "No prices on the website; a call is needed to get one")
            .Opportunity("op-public-pricing", "Publish list prices for the first two tiers", "revenue-ops", Idea, 4, 3, 2, "pp-no-prices")
            .Kpi("kpi-demo-rate", "Pricing page visitors who book a demo", "conversion(tp-pricing-page -> tp-demo)", ">= 8%", "6%", KpiStatus.DoesNotMeet)
            .Backstage("MQL: lead score passes 60 on fit and engagement", "marketing")

            .Stage("evaluate", "Prove it works", "I want to prove it works with our own data")
            .Role(champion, "Runs the trial with two colleagues")
            .Action("Starts a trial, imports real data, invites the team")
            .Thought("If this fails in front of my boss, it is on me")
            .Touchpoint("tp-trial", "Free trial workspace", "app", "product", "trial_started", "data_imported")
            .Touchpoint("tp-trial-emails", "Trial nurture emails", "email", "growth", "trial_email_*")
            .Emotion(0.5, "Encouraged once the import works")
            .Pain("pp-import-fails", "The first import fails on our CSV export")
            .Opportunity("op-import-wizard", "Import wizard with previews and fixes for common exports", "product", InProgress, 5, 4, 4, "pp-import-fails")
            .Kpi("kpi-trial-to-deal", "Median time from trial start to approval", "median_time(evaluate -> buy)", "<= 14 days", "19 days", KpiStatus.DoesNotMeet)
            .Backstage("SQL: SDR confirms need, budget and timing", "sales")

            .Stage("buy", "Get it approved", "I want a price and a contract I can defend")
            .Role(buyer, "Signs off budget and contract")
            .Role(champion, "Writes the business case")
            .Action("Requests a quote, passes security review, negotiates")
            .Question("What is the total cost over three years, and what is the risk?")
            .Touchpoint("tp-proposal", "Proposal and order form", "email", "sales", "proposal_sent", "contract_signed")
            .Touchpoint("tp-security-review", "Security questionnaire", "web", "security", "security_review_*")
            .Emotion(-1.5, "Drained by procurement")
            .Pain("pp-security-review", "The security questionnaire takes weeks of back and forth")
            .Opportunity("op-trust-center", "A public trust centre with SOC 2 report and filled-in questionnaires", "security", Planned, 4, 5, 3, "pp-security-review")
            .Kpi("kpi-win-rate", "Trials that go on to approval", "conversion(evaluate -> buy)", ">= 25%", "22%", KpiStatus.DoesNotMeet)
            .Backstage("Opportunity: AE runs proposal, security review and procurement; then closed won or lost", "sales")

            .Stage("onboard", "Roll it out", "I want my team productive in weeks, not months")
            .Role(champion, "Trains the team")
            .Action("Kick-off call, configures the workspace, invites everyone")
            .Touchpoint("tp-kickoff", "Kick-off with customer success", "video", "customer-success", "kickoff_held")
            .Touchpoint("tp-in-app-guide", "In-app checklist", "app", "product", "checklist_step_completed")
            .Emotion(1, "Relieved to see the team using it")
            .Pain("pp-handover-gap", "Had to repeat our requirements to customer success")
            .Opportunity("op-handover-notes", "Sales-to-success handover note shared with the customer", "customer-success", Done, 3, 3, 1, "pp-handover-gap")
            .Backstage("Closed won: handover to customer success", "customer-success")

            .Stage("renew", "Show the value", "I want to show what we got for the money at renewal", loopsTo: "evaluate")
            .Role(buyer, "Decides on renewal and expansion")
            .Action("Reviews usage report, renews, adds seats")
            .Touchpoint("tp-business-review", "Quarterly business review", "video", "customer-success", "qbr_held")
            .Touchpoint("tp-usage-report", "Usage report", "email", "customer-success", "usage_report_sent")
            .Emotion(1, "Confident with numbers in hand")
            .Kpi("kpi-renewal-nps", "NPS of buyers at renewal", "nps(stage: renew)", ">= 30", "35", KpiStatus.Exceeds)
            .Backstage("Renewal opportunity opened 90 days before the end of term", "customer-success");
        return d.Build(id, title) with
        {
            BusinessGoal = "Shorten the sales cycle and raise trial-to-paid conversion",
            Personas = [champion, buyer],
            Scenario = "A team lead finds a tool, proves it in a trial and gets the economic buyer to sign",
            Tags = ["template", "b2b", "saas"],
        };
    }

    /// <summary>An online shop: inspiration, search, decision, checkout, delivery and returns.</summary>
    public static Journey Ecommerce(string id, string title)
    {
        var d = new JourneyDraft()
            .Stage("inspire", "Get ideas", "I want ideas for what to buy")
            .Action("Scrolls social media, opens a newsletter")
            .Touchpoint("tp-instagram", "Instagram post", "social", "marketing", "social_post_clicked")
            .Touchpoint("tp-newsletter", "Newsletter", "email", "crm", "newsletter_opened")
            .Emotion(0.5, "Browsing for fun")
            .Kpi("kpi-newsletter-reach", "Shoppers whose path starts with the newsletter", "starts(touchpoint: tp-newsletter)", ">= 15%", "12%", KpiStatus.DoesNotMeet)
            .Backstage("Content calendar; product feed to social shops", "marketing")

            .Stage("search", "Find the right product", "I want to find the right product fast")
            .Action("Searches, filters by size and price")
            .Question("Do they have it in my size?")
            .Touchpoint("tp-site-search", "Site search", "web", "ecommerce", "search_performed", "filter_applied")
            .Touchpoint("tp-category-page", "Category page", "web", "ecommerce", "category_viewed")
            .Emotion(-0.5, "Too many irrelevant results")
            .Pain("pp-no-results", "Search for common words returns nothing")
            .Opportunity("op-synonyms", "Search synonyms and typo tolerance", "ecommerce", InProgress, 4, 4, 2, "pp-no-results")
            .Backstage("Search index refreshed hourly from the PIM", "ecommerce")

            .Stage("decide", "Be sure it is right", "I want to be sure it fits and is worth it")
            .Action("Reads reviews, checks the size guide, compares with another shop")
            .Thought("Will I have to send it back?")
            .Touchpoint("tp-product-page", "Product page", "web", "ecommerce", "product_viewed")
            .Touchpoint("tp-reviews", "Customer reviews", "web", "ecommerce", "reviews_expanded")
            .Emotion(0, "Hesitant about the size")
            .Pain("pp-size-doubt", "The size guide does not match how the brand fits")
            .Opportunity("op-fit-feedback", "Show 'runs small / true to size' from returns data", "ecommerce", Planned, 5, 4, 3, "pp-size-doubt")

            .Stage("checkout", "Pay", "I want to pay without hassle")
            .Action("Enters address, chooses delivery, pays")
            .Question("When will it arrive, and what does delivery cost?")
            .Touchpoint("tp-basket", "Basket", "web", "ecommerce", "basket_viewed", "product_added_to_basket")
            .Touchpoint("tp-checkout", "Checkout", "web", "ecommerce", "checkout_*")
            .Emotion(-1, "Delivery cost appears late")
            .Pain("pp-late-delivery-cost", "Delivery cost only shown at the last step")
            .Opportunity("op-delivery-estimate", "Delivery cost and date on the product page", "ecommerce", Idea, 5, 3, 2, "pp-late-delivery-cost")
            .Kpi("kpi-checkout-conversion", "Shoppers with a basket who go on to check out", "conversion(tp-basket -> tp-checkout)", ">= 45%", "38%", KpiStatus.DoesNotMeet)
            .Backstage("Fraud check and payment authorisation", "finance")

            .Stage("delivery", "Receive it", "I want to know when it arrives")
            .Action("Tracks the parcel, waits at home")
            .Touchpoint("tp-shipping-email", "Shipping notification", "email", "operations", "order_shipped")
            .Touchpoint("tp-tracking-sms", "Tracking SMS", "sms", "operations", "delivery_*")
            .Emotion(1, "Excited when it arrives")
            .Pain("pp-no-slot", "Cannot choose a delivery slot")
            .Opportunity("op-delivery-slots", "Let customers pick a delivery slot by SMS", "operations", Idea, 3, 2, 4, "pp-no-slot")
            .Kpi("kpi-time-to-door", "Median time from order to delivery", "median_time(checkout -> delivery)", "<= 2 days", "2 days", KpiStatus.Meets)
            .Backstage("Warehouse picks and packs; carrier hand-over", "operations")

            .Stage("return", "Return or keep", "I want returns to be easy if it does not fit", loopsTo: "search")
            .Action("Prints a label, drops the parcel at a shop")
            .Touchpoint("tp-returns-portal", "Returns portal", "web", "customer-service", "return_*")
            .Touchpoint("tp-parcel-shop", "Parcel shop", "store", "operations", "parcel_dropped")
            .Emotion(-0.5, "Waiting for the refund")
            .Pain("pp-slow-refund", "Refund takes 14 days")
            .Opportunity("op-instant-refund", "Refund when the carrier scans the parcel", "finance", Idea, 5, 2, 3, "pp-slow-refund")
            .Kpi("kpi-return-nps", "NPS after a return", "nps(stage: return)", ">= 20", "24", KpiStatus.Meets)
            .Backstage("Returns inspected and restocked", "operations");
        return d.Build(id, title) with
        {
            BusinessGoal = "Raise checkout conversion and cut returns caused by wrong sizes",
            Personas = ["busy-parent-shopper"],
            Scenario = "A shopper finds a jacket on social media and orders it",
            Tags = ["template", "ecommerce", "retail"],
        };
    }

    /// <summary>A first-time flyer from planning the trip to collecting bags at the destination.</summary>
    public static Journey AirlineFirstFlight(string id, string title)
    {
        var d = new JourneyDraft()
            .Stage("plan", "Plan the trip", "I want to know whether flying is affordable and how it works")
            .Action("Asks friends, compares fares on a search site")
            .Question("What is included in the fare? Can I take my suitcase?")
            .Touchpoint("tp-fare-search", "Fare search", "search", "marketing", "fare_search_referral")
            .Touchpoint("tp-fare-finder", "Fare finder", "web", "digital", "fare_search")
            .Emotion(0.5, "Excited about the trip")
            .Pain("pp-fare-jargon", "Fare names (Light, Classic, Flex) do not say what is included")
            .Opportunity("op-fare-explainer", "Plain-language fare comparison with pictures of the bags", "digital", Planned, 4, 3, 2, "pp-fare-jargon")
            .Backstage("Revenue management publishes fares and availability", "revenue")

            .Stage("book", "Book a flight", "I want to book the right ticket without extra costs")
            .Action("Chooses the flight, adds a bag, pays")
            .Thought("Did I just buy the wrong ticket?")
            .Touchpoint("tp-booking", "Booking flow", "web", "digital", "booking_*")
            .Touchpoint("tp-booking-email", "Booking confirmation", "email", "digital", "itinerary_email_sent")
            .Emotion(-0.5, "Unsure about the add-ons")
            .Pain("pp-bag-upsell", "Bag and seat add-ons feel like traps")
            .Opportunity("op-first-flyer-bundle", "A 'first flight' bundle with bag and seat at one clear price", "revenue", Idea, 4, 4, 3, "pp-bag-upsell")
            .Kpi("kpi-booking-conversion", "Fare searchers who go on to book", "conversion(tp-fare-finder -> tp-booking)", ">= 40%", "34%", KpiStatus.DoesNotMeet)
            .Backstage("Reservation system issues the ticket; payment captured", "it")

            .Stage("prepare", "Get ready", "I want to know what to bring and when to be at the airport")
            .Action("Reads the baggage rules, downloads the app")
            .Question("Can I take liquids? When should I leave home?")
            .Touchpoint("tp-pretrip-email", "Pre-trip email", "email", "digital", "pretrip_email_opened")
            .Touchpoint("tp-app-install", "App", "app", "digital", "app_installed")
            .Emotion(-1, "Nervous about doing something wrong")
            .Pain("pp-rules-scattered", "Baggage and liquid rules are spread over five pages")

            .Stage("check-in", "Check in", "I want to check in and drop my bag without queueing")
            .Action("Checks in online, queues at bag drop")
            .Touchpoint("tp-online-check-in", "Online check-in", "app", "digital", "check_in_completed")
            .Touchpoint("tp-bag-drop", "Bag drop desk", "airport", "ground-operations", "bag_dropped")
            .Emotion(-1.5, "Stressed by the queue")
            .Pain("pp-bag-drop-queue", "Long queue at bag drop even after checking in online")
            .Opportunity("op-self-bag-drop", "Self-service bag drop kiosks", "ground-operations", Planned, 4, 3, 5, "pp-bag-drop-queue")
            .Kpi("kpi-online-check-in", "Passengers who check in online after booking", "conversion(book -> tp-online-check-in)", ">= 70%", "58%", KpiStatus.DoesNotMeet)
            .Backstage("Departure control system opens check-in 30 hours before departure", "ground-operations")

            .Stage("security", "Get through security", "I want to get through security without trouble")
            .Action("Unpacks liquids and laptop, walks through the scanner")
            .Touchpoint("tp-security-signs", "Security signage", "airport", "airport-partner", "security_passed")
            .Emotion(-1, "Embarrassed when the bag is checked again")
            .Pain("pp-liquids-surprise", "Had to throw away a water bottle and shampoo")

            .Stage("board", "Board flight", "I want to find my gate and get on without stress")
            .Action("Finds the gate, waits for the group to be called, scans the boarding pass")
            .Question("Which group am I? Is this my queue?")
            .Touchpoint("tp-gate-info", "Gate information push", "app", "digital", "gate_notification_sent")
            .Touchpoint("tp-boarding-gate", "Boarding gate", "airport", "ground-operations", "boarding_pass_scanned")
            .Emotion(0, "Relieved once seated")
            .Pain("pp-boarding-groups", "Boarding groups are announced only in English and by number")
            .Opportunity("op-live-boarding", "Live boarding status in the app with the passenger's group highlighted", "digital", InProgress, 4, 3, 3, "pp-boarding-groups")
            .Kpi("kpi-board-nps", "NPS of the boarding experience", "nps(stage: board)", ">= 30", "12", KpiStatus.DoesNotMeet)
            .Backstage("Gate agents run boarding by group; load sheet closed", "ground-operations")

            .Stage("fly", "Enjoy the flight", "I want to feel safe and comfortable in the air")
            .Action("Listens to the safety briefing, buys a snack")
            .Touchpoint("tp-cabin-crew", "Cabin crew", "agent", "in-flight", "inflight_purchase")
            .Emotion(1.5, "Thrilled at take-off")
            .Backstage("Crew briefing flags first-time flyers on the passenger list", "in-flight")

            .Stage("arrive", "Arrive", "I want to collect my bag and get to the city")
            .Action("Waits at the belt, follows signs to the train")
            .Touchpoint("tp-arrival-push", "Baggage belt push", "app", "digital", "baggage_belt_notification_sent")
            .Emotion(1, "Proud to have done it")
            .Kpi("kpi-plan-to-board", "Median time from first search to boarding", "median_time(plan -> board)", "<= 45 days", "38 days", KpiStatus.Meets)
            .Backstage("Baggage handling delivers bags to the belt", "ground-operations")

            .Stage("fly-again", "Fly again", "I want to book the next trip now that I know how it works", loopsTo: "plan")
            .Action("Gets a post-trip email, joins the loyalty programme, searches the next trip")
            .Touchpoint("tp-post-trip-email", "Post-trip email with loyalty offer", "email", "loyalty", "post_trip_email_opened", "loyalty_joined")
            .Emotion(1, "Ready for the next trip")
            .Kpi("kpi-second-booking", "Flyers who book again after the post-trip email", "conversion(tp-post-trip-email -> tp-booking)", ">= 35%", "29%", KpiStatus.DoesNotMeet)
            .Backstage("Loyalty team sends the welcome series", "loyalty");
        return d.Build(id, title) with
        {
            BusinessGoal = "Win first-time flyers as loyal customers by making the first flight feel easy",
            Personas = ["first-time-flyer"],
            Scenario = "A young adult takes a first flight, alone, for a weekend city trip",
            Timeline = new Timeline { Span = "6 weeks", Phases = [new Phase { Name = "Before the airport", Stages = ["plan", "book", "prepare"] }, new Phase { Name = "At the airport", Stages = ["check-in", "security", "board"] }, new Phase { Name = "In the air and after", Stages = ["fly", "arrive", "fly-again"] }] },
            Tags = ["template", "airline", "travel"],
        };
    }

    /// <summary>Opening a current account at a retail bank, from need to first salary.</summary>
    public static Journey BankAccountOpening(string id, string title)
    {
        var d = new JourneyDraft()
            .Stage("need", "Realise I need an account", "I want an account that does not cost me money every month")
            .Action("Notices monthly fees on the old account, asks friends")
            .Touchpoint("tp-comparison-site", "Comparison site listing", "search", "marketing", "comparison_referral")
            .Touchpoint("tp-social-ad", "Social ad", "ads", "marketing", "ad_clicked")
            .Emotion(-0.5, "Annoyed at the old bank")
            .Backstage("Acquisition campaigns by segment", "marketing")

            .Stage("compare", "Choose the account", "I want the account that suits me")
            .Action("Compares fees, interest and app ratings")
            .Question("What happens if I go overdrawn?")
            .Touchpoint("tp-account-page", "Account product page", "web", "digital", "account_page_viewed")
            .Emotion(0, "Overwhelmed by small print")
            .Pain("pp-small-print", "Fees are only in a PDF price list")
            .Opportunity("op-fee-summary", "One-screen fee summary with examples", "digital", Done, 4, 3, 1, "pp-small-print")

            .Stage("apply", "Apply", "I want to apply in minutes, on my phone")
            .Action("Fills in the application in the app")
            .Thought("Why do they need all this?")
            .Touchpoint("tp-application", "Application form", "app", "digital", "account_application_*")
            .Emotion(-0.5, "Impatient with the long form")
            .Pain("pp-long-form", "The form asks for 40 fields, some twice")
            .Opportunity("op-prefill", "Pre-fill from the ID document scan", "digital", Planned, 5, 4, 3, "pp-long-form")
            .Kpi("kpi-application-completion", "Account page visitors who go on to apply", "conversion(tp-account-page -> tp-application)", ">= 70%", "61%", KpiStatus.DoesNotMeet)
            .Backstage("Credit and fraud checks run automatically", "risk")

            .Stage("verify", "Prove who I am", "I want to prove who I am without visiting a branch")
            .Action("Scans ID, records a selfie video; some are sent to a branch")
            .Touchpoint("tp-video-ident", "Video identification", "video", "operations", "id_verification_*")
            .Touchpoint("tp-branch-appointment", "Branch appointment", "branch", "branches", "branch_appointment_booked")
            .Emotion(-1.5, "Worried when verification fails")
            .Pain("pp-verification-fails", "Verification fails on older IDs and sends me to a branch")
            .Opportunity("op-nfc-id", "Read the ID chip by NFC instead of the photo", "operations", Idea, 5, 4, 4, "pp-verification-fails")
            .Kpi("kpi-apply-to-verify", "Median time from application to verified", "median_time(apply -> verify)", "<= 1 day", "3 days", KpiStatus.DoesNotMeet)
            .Backstage("KYC team reviews failed verifications by hand", "operations")

            .Stage("activate", "Start using it", "I want my card and app working")
            .Action("Receives the card by post, activates it, sets a PIN")
            .Touchpoint("tp-card-letter", "Card by post", "mail", "operations", "card_dispatched")
            .Touchpoint("tp-card-activation", "Card activation", "app", "digital", "card_activated")
            .Emotion(1, "Pleased that it arrived quickly")
            .Backstage("Card production and dispatch", "operations")

            .Stage("switch", "Move my money over", "I want my salary and bills moved without missing a payment")
            .Action("Uses the switching service, updates the employer")
            .Question("Will my rent still go out on the 1st?")
            .Touchpoint("tp-switching", "Account switching service", "app", "digital", "switch_*")
            .Touchpoint("tp-helpline", "Helpline", "phone", "contact-centre", "call_started")
            .Emotion(0.5, "Relieved when the first salary lands")
            .Pain("pp-missed-payment", "A direct debit was missed during the switch")
            .Opportunity("op-switch-tracker", "Switch tracker that lists every moved payment", "digital", Idea, 4, 3, 2, "pp-missed-payment")
            .Kpi("kpi-primary-account", "Customers who activate the card and then switch their account over", "conversion(tp-card-activation -> tp-switching)", ">= 50%", "53%", KpiStatus.Meets)
            .Backstage("Switching service coordinates with the old bank", "operations");
        return d.Build(id, title) with
        {
            BusinessGoal = "More applications completed digitally and more new accounts becoming the customer's main account",
            Scenario = "A customer unhappy with fees opens a current account on the phone",
            Tags = ["template", "banking", "financial-services"],
        };
    }

    /// <summary>A streaming or news subscription: discover, trial, subscribe, the weekly habit, renewal and cancellation.</summary>
    public static Journey SubscriptionMedia(string id, string title)
    {
        var d = new JourneyDraft()
            .Stage("discover", "Find something good", "I want something good to watch tonight")
            .Action("Sees a trailer shared by a friend")
            .Touchpoint("tp-trailer", "Trailer on social media", "social", "marketing", "trailer_viewed")
            .Touchpoint("tp-landing", "Show landing page", "web", "growth", "landing_viewed")
            .Emotion(0.5, "Curious")
            .Backstage("Marketing buys trailer placements", "marketing")

            .Stage("trial", "Try it", "I want to try before I pay")
            .Action("Starts the free trial, enters card details")
            .Thought("I'll forget to cancel and get charged")
            .Touchpoint("tp-trial-signup", "Trial sign-up", "web", "growth", "trial_started")
            .Touchpoint("tp-first-play", "First play", "app", "product", "first_play")
            .Emotion(0, "Wary of the card requirement")
            .Pain("pp-card-upfront", "Card details required for the free trial")
            .Opportunity("op-trial-reminder", "Reminder two days before the trial ends", "growth", Done, 4, 2, 1, "pp-card-upfront")
            .Kpi("kpi-trial-conversion", "Trials that convert to paid", "conversion(tp-trial-signup -> tp-receipt)", ">= 40%", "44%", KpiStatus.Exceeds)

            .Stage("subscribe", "Pay", "I want to pay a fair price for what I watch")
            .Action("Chooses a plan; the trial converts")
            .Touchpoint("tp-plan-picker", "Plan picker", "web", "growth", "plan_selected")
            .Touchpoint("tp-receipt", "Receipt email", "email", "billing", "payment_receipt_sent")
            .Emotion(0, "Neutral")
            .Backstage("Billing platform charges and retries failed payments", "billing")

            .Stage("habit", "Make it a habit", "I want to find something I like every week")
            .Action("Opens the app on weekday evenings, follows recommendations")
            .Question("Why does it keep recommending the same things?")
            .Touchpoint("tp-home-feed", "Home feed", "app", "product", "home_feed_viewed")
            .Touchpoint("tp-new-episode-push", "New episode notification", "app", "crm", "push_opened")
            .Emotion(1.5, "Hooked on a series")
            .Pain("pp-stale-recommendations", "Recommendations repeat what I have already seen")
            .Opportunity("op-fresh-rows", "A 'new for you' row that hides watched titles", "product", InProgress, 4, 4, 3, "pp-stale-recommendations")
            .Kpi("kpi-weekly-active", "Paying subscribers who come back to the home feed", "conversion(tp-receipt -> tp-home-feed)", ">= 60%", "57%", KpiStatus.DoesNotMeet)
            .Backstage("Recommendation model retrained nightly", "data")

            .Stage("renew", "Keep paying", "I want to feel it is worth the money", loopsTo: "habit")
            .Action("Sees the annual price rise, checks what is coming next month")
            .Touchpoint("tp-price-email", "Price change email", "email", "billing", "price_change_email_sent")
            .Emotion(-1, "Irritated by the price rise")
            .Pain("pp-price-rise", "Price rise announced without saying what is new")
            .Opportunity("op-value-recap", "A yearly recap of what I watched with the price change", "crm", Planned, 3, 4, 2, "pp-price-rise")
            .Kpi("kpi-renewal-nps", "NPS at renewal", "nps(stage: renew)", ">= 25", "18", KpiStatus.DoesNotMeet)

            .Stage("cancel", "Leave or pause", "I want to leave without a fight")
            .Action("Looks for the cancel button, is offered a pause")
            .Touchpoint("tp-cancel-flow", "Cancellation flow", "web", "growth", "cancel_*")
            .Touchpoint("tp-winback-email", "Win-back email", "email", "crm", "winback_email_opened")
            .Emotion(-0.5, "Suspicious of dark patterns")
            .Pain("pp-hidden-cancel", "The cancel option is hidden in account settings")
            .Opportunity("op-pause-option", "Offer a one-month pause up front in the cancel flow", "growth", Idea, 4, 4, 2, "pp-hidden-cancel")
            .Kpi("kpi-time-to-cancel", "Median time from trial to cancellation", "median_time(trial -> cancel)", ">= 180 days", "140 days", KpiStatus.DoesNotMeet);
        return d.Build(id, title) with
        {
            BusinessGoal = "Convert more trials and keep subscribers through the price rise",
            Scenario = "A viewer starts a trial for one show and decides whether to stay",
            Tags = ["template", "media", "subscription"],
        };
    }

    /// <summary>A patient's visit to an outpatient clinic, from symptoms to follow-up.</summary>
    public static Journey ClinicVisit(string id, string title)
    {
        var d = new JourneyDraft()
            .Stage("symptoms", "Decide to see someone", "I want to know whether I need to see a doctor")
            .Action("Searches the symptoms, calls the clinic")
            .Question("Is this urgent? Can it wait until Monday?")
            .Touchpoint("tp-symptom-page", "Symptom advice page", "web", "patient-services", "symptom_page_viewed")
            .Emotion(-1, "Anxious")
            .Backstage("Clinical team reviews advice pages yearly", "clinical")

            .Stage("book", "Book an appointment", "I want an appointment soon, at a time that works")
            .Action("Calls at 8:00 or books online")
            .Touchpoint("tp-phone-booking", "Phone booking line", "phone", "front-desk", "call_started")
            .Touchpoint("tp-online-booking", "Online booking", "web", "patient-services", "appointment_booked")
            .Emotion(-1.5, "Frustrated by the 8 o'clock phone queue")
            .Pain("pp-phone-queue", "Phone lines are busy for 40 minutes at 8:00")
            .Opportunity("op-online-slots", "Release same-day slots online at 7:00", "patient-services", Planned, 5, 4, 2, "pp-phone-queue")
            .Kpi("kpi-online-share", "Patients who book online", "reach(touchpoint: tp-online-booking)", ">= 50%", "31%", KpiStatus.DoesNotMeet)
            .Backstage("Rota sets the number of slots per day", "operations")

            .Stage("prepare", "Prepare", "I want to know what to bring and where to go")
            .Action("Reads the confirmation, fills in a questionnaire")
            .Touchpoint("tp-reminder-sms", "Appointment reminder", "sms", "patient-services", "reminder_sent")
            .Touchpoint("tp-pre-visit-form", "Pre-visit questionnaire", "web", "clinical", "questionnaire_*")
            .Emotion(0, "Reassured by the reminder")
            .Pain("pp-repeat-history", "Asked again for my medical history that the clinic already has")

            .Stage("arrive", "Check in", "I want check-in to be quick and private")
            .Action("Checks in at reception or the kiosk, waits")
            .Touchpoint("tp-kiosk", "Check-in kiosk", "kiosk", "front-desk", "kiosk_check_in")
            .Touchpoint("tp-reception", "Reception", "clinic", "front-desk", "reception_check_in")
            .Emotion(-0.5, "Waiting without knowing how long")
            .Pain("pp-unknown-wait", "No idea how long the wait will be")
            .Opportunity("op-wait-screen", "Waiting-room screen and SMS with the expected wait", "front-desk", Idea, 4, 2, 2, "pp-unknown-wait")
            .Kpi("kpi-wait", "Median time from check-in to consultation", "median_time(arrive -> consult)", "<= 15 minutes", "24 minutes", KpiStatus.DoesNotMeet)
            .Backstage("Clinician's list updates as patients check in", "operations")

            .Stage("consult", "See the doctor", "I want to be listened to and understand what is wrong")
            .Action("Describes the symptoms, is examined, gets a prescription")
            .Thought("I forgot to ask about the side effects")
            .Touchpoint("tp-consultation", "Consultation", "agent", "clinical", "consultation_completed")
            .Emotion(1, "Relieved to be taken seriously")
            .Pain("pp-rushed", "Ten minutes feel rushed for two problems")
            .Opportunity("op-visit-summary", "A written visit summary sent to the app", "clinical", InProgress, 5, 3, 3, "pp-rushed")
            .Kpi("kpi-consult-nps", "NPS after the consultation", "nps(stage: consult)", ">= 50", "62", KpiStatus.Exceeds)
            .Backstage("Clinician writes notes and the prescription in the record system", "clinical")

            .Stage("follow-up", "Follow up", "I want to know what happens next and get my results", loopsTo: "book")
            .Action("Collects the prescription, waits for lab results")
            .Question("Will they call me if the results are bad?")
            .Touchpoint("tp-results-app", "Results in the patient app", "app", "patient-services", "results_viewed")
            .Touchpoint("tp-pharmacy", "Pharmacy", "store", "partner-pharmacy", "prescription_collected")
            .Emotion(0.5, "Calmer once the results are in")
            .Pain("pp-results-silence", "Results arrive with no explanation")
            .Opportunity("op-results-notes", "Clinician note attached to every result", "clinical", Idea, 4, 2, 3, "pp-results-silence")
            .Backstage("Lab sends results; clinician reviews abnormal ones within 2 days", "clinical");
        return d.Build(id, title) with
        {
            BusinessGoal = "Fewer missed appointments and less pressure on the morning phone line",
            Personas = ["patient"],
            Scenario = "A working parent with a persistent cough sees a doctor for the first time this year",
            Tags = ["template", "healthcare"],
        };
    }

    /// <summary>The lifecycle stages with empty lanes, for a team that maps from scratch.</summary>
    public static Journey Blank(string id, string title)
    {
        (string Id, string Name, string Goal)[] stages =
        [
            ("trigger", "Trigger", "Something happens that makes me need this"),
            ("awareness", "Awareness", "I want to know what is out there"),
            ("consideration", "Consideration", "I want to know my options"),
            ("purchase", "Purchase", "I want to buy without surprises"),
            ("onboarding", "Onboarding", "I want to get started quickly"),
            ("usage", "Usage", "I want to get value from it"),
            ("renewal", "Renewal", "I want to know it is still worth it"),
            ("advocacy", "Advocacy", "I want to tell others about it"),
        ];
        LaneType[] lanes = [LaneType.Goals, LaneType.Actions, LaneType.Thoughts, LaneType.Touchpoints, LaneType.Emotion, LaneType.PainPoints, LaneType.Opportunities, LaneType.Kpis, LaneType.Backstage];
        return new Journey
        {
            Id = id,
            Title = title,
            Tags = ["template"],
            Stages = [.. stages.Select(s => new Stage { Id = s.Id, Name = s.Name, Goal = s.Goal })],
            Lanes = [.. lanes.Select(t => new Lane { Id = LaneId(t), Type = t })],
        };
    }

    private static string LaneId(LaneType type) => type switch
    {
        LaneType.PainPoints => "pain-points",
        _ => type.ToString().ToLowerInvariant(),
    };
}
