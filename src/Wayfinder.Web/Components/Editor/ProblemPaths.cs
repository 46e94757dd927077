namespace Wayfinder.Web.Components.Editor;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;

/// <summary>Puts the validator's problems on the elements they name: a problem at <c>lanes[2].items[0].metric</c> belongs to that card.</summary>
public static class ProblemPaths
{
    /// <summary>
    /// The problems by the id of the deepest element whose path starts the problem's path; problems naming no element
    /// (the document's own fields) are in <paramref name="elsewhere"/>.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> ByElement(Journey journey, IEnumerable<Diagnostic> problems, out List<Diagnostic> elsewhere)
    {
        var elements = ElementIds.List(journey).OrderByDescending(e => e.Path.Length).ToList();
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        elsewhere = [];
        foreach (var problem in problems)
        {
            var owner = elements.FirstOrDefault(e => problem.Path == e.Path || problem.Path.StartsWith(e.Path + ".", StringComparison.Ordinal) || problem.Path.StartsWith(e.Path + "[", StringComparison.Ordinal));
            if (owner is null)
            {
                elsewhere.Add(problem);
            }
            else
            {
                (found.TryGetValue(owner.Id, out var list) ? list : found[owner.Id] = []).Add(problem.Message);
            }
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
