namespace Wayfinder.Web.Components.Tests.People;

using Wayfinder.Web.Components.Account;
using Wayfinder.Web.Components.People;

/// <summary>The small rules the people pages lean on: where sign-in may send a person back to, problems in plain words.</summary>
public sealed class PeopleRulesTests
{
    [Theory]
    [InlineData("/w/demo/journeys/first-flight?share=x", "/w/demo/journeys/first-flight?share=x")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/w/demo\r\nSet-Cookie: x", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Sign_in_returns_only_to_a_path_of_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, ReturnUrls.Local(returnUrl));

    [Theory]
    [InlineData("Sign in first", "the user name or the password is wrong", "Sign in first. The user name or the password is wrong.")]
    [InlineData("The account is locked", "too many failed sign-ins; try again after 2026-12-03 12:15:00Z", "The account is locked. Too many failed sign-ins; try again after 2026-12-03 12:15:00Z.")]
    [InlineData("Not allowed", null, "Not allowed.")]
    public void A_problem_reads_as_sentences(string title, string? detail, string expected) =>
        Assert.Equal(expected, ApiResults.Sentence(title, detail));
}
