namespace Wayfinder.Web.Components.Personas;

/// <summary>A row of a <see cref="ListEditor{TItem}"/>: its item, its place, and how to replace it with a changed one.</summary>
public sealed record ListRow<TItem>(TItem Item, int Index, Func<TItem, Task> Replace);
