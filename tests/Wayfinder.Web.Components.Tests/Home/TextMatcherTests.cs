namespace Wayfinder.Web.Components.Tests.Home;

using Wayfinder.Web.Components.Home;

/// <summary>The search's matching: case and accents ignored, ranges given back in the original text.</summary>
public sealed class TextMatcherTests
{
    [Fact]
    public void A_match_ignores_case_and_names_its_range_in_the_text() =>
        Assert.Equal([new TextRange(7, 4)], TextMatcher.Find("Hidden fees at checkout", "FEES"));

    [Fact]
    public void Accents_are_ignored_on_both_sides() =>
        Assert.Equal([new TextRange(0, 10)], TextMatcher.Find("Café Crème", "cafe creme"));

    [Fact]
    public void A_query_with_accents_finds_plain_text() =>
        Assert.Equal([new TextRange(4, 6)], TextMatcher.Find("the resume", "résumé"));

    [Fact]
    public void A_decomposed_accent_stays_inside_the_match()
    {
        // "Cafe" + U+0301 (combining acute) is five characters; the mark belongs to the matched "e".
        Assert.Equal([new TextRange(0, 5)], TextMatcher.Find("Cafe\u0301 noir", "café"));
    }

    [Fact]
    public void Every_match_is_found_left_to_right_without_overlap() =>
        Assert.Equal([new TextRange(0, 3), new TextRange(5, 3), new TextRange(13, 3)], TextMatcher.Find("bag, bag and BAG", "bag"));

    [Fact]
    public void Runs_of_space_in_the_query_count_as_one() =>
        Assert.Equal([new TextRange(0, 8)], TextMatcher.Find("bag drop kiosk", "  bag   drop "));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_blank_query_matches_nothing(string? query) =>
        Assert.Empty(TextMatcher.Find("anything", query));

    [Fact]
    public void Parts_split_the_text_at_the_matches() =>
        Assert.Equal(
            [new TextPart("Hidden ", false), new TextPart("fees", true), new TextPart(" and ", false), new TextPart("FEES", true)],
            TextMatcher.Parts("Hidden fees and FEES", [new TextRange(7, 4), new TextRange(16, 4)]));

    [Fact]
    public void A_long_text_is_cut_to_a_window_around_its_first_match()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 30)) + " needle " + string.Join(' ', Enumerable.Repeat("word", 30));
        var at = text.IndexOf("needle", StringComparison.Ordinal);

        var parts = TextMatcher.Parts(text, [new TextRange(at, 6)], maxLength: 40);

        // The window starts 13 characters (40 / 3) before the match, moved on to the next word: "word word needle word wo…".
        Assert.Equal("…", parts[0].Text);
        Assert.Equal(new TextPart("needle", true), parts[2]);
        Assert.Equal("…", parts[^1].Text);
        Assert.Equal("word word ", parts[1].Text);
    }
}
