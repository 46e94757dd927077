namespace Wayfinder.Drafting.Tests.Discovery;

using Wayfinder.Drafting.Discovery;

/// <summary>How a discovered touchpoint's name is read from its first event name.</summary>
public sealed class DiscoveryNamesTests
{
    [Theory]
    [InlineData("search_flights", "Search flights")]
    [InlineData("CheckoutStarted", "Checkout started")]
    [InlineData("NPS_survey", "NPS survey")]
    [InlineData("page.view:home", "Page view home")]
    [InlineData("___", "___")]
    [InlineData("", "")]
    public void AnEventNameReadsAsWordsWithACapitalFirst(string eventName, string expected) =>
        Assert.Equal(expected, DiscoveryPlan.Readable(eventName));
}
