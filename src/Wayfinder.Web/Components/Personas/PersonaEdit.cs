namespace Wayfinder.Web.Components.Personas;

using Wayfinder.Core.Documents;

/// <summary>
/// One edit of a persona: how to change it (applied by the page to a draft, a deep copy of what it shows) and what was
/// done in plain words, for undo.
/// </summary>
public sealed record PersonaEdit(Func<Persona, Persona> Change, string What);
