namespace Wayfinder.Web.Comments;

using System.Text.RegularExpressions;
using Wayfinder.Web.Access;

/// <summary>The <c>@username</c> mentions of a comment's text that name members of the workspace.</summary>
public static partial class Mentions
{
    /// <summary>
    /// The members <paramref name="text"/> mentions, once each, in the order first mentioned, spelled as the member list
    /// spells them; an <c>@name</c> that names no member (or sits inside a word or an e-mail address) is not a mention.
    /// </summary>
    public static IReadOnlyList<string> Of(string text, IReadOnlyList<WorkspaceMember> members)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(members);
        var byName = members.GroupBy(m => m.UserName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().UserName, StringComparer.OrdinalIgnoreCase);
        var found = new List<string>();
        foreach (Match match in Mention().Matches(text))
        {
            // A sentence may end right after a name: "thanks @ana." mentions ana.
            var name = match.Groups[1].Value.TrimEnd('.', '-');
            if (byName.TryGetValue(name, out var member) && !found.Contains(member, StringComparer.Ordinal))
            {
                found.Add(member);
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?<![\w.@])@([\w][\w.-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
