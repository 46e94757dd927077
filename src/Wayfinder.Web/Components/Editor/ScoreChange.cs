namespace Wayfinder.Web.Components.Editor;

/// <summary>A stage's new emotion score, from the emotion editor.</summary>
public sealed record ScoreChange(string Stage, double Score);
