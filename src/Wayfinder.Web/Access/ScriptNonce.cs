namespace Wayfinder.Web.Access;

/// <summary>
/// Endpoint metadata: the endpoint's page runs its own script, tagged with a nonce made for the response and left in
/// <c>HttpContext.Items[ItemKey]</c>; that response's Content-Security-Policy then allows exactly that nonce as well.
/// </summary>
public sealed record ScriptNonce(string ItemKey);

/// <summary>Ways to state that an endpoint's page runs a nonced script.</summary>
public static class ScriptNonceExtensions
{
    /// <summary>The endpoint's response carries a script whose nonce is in <c>HttpContext.Items[itemKey]</c>.</summary>
    public static TBuilder AllowScriptNonce<TBuilder>(this TBuilder builder, string itemKey)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScriptNonce(itemKey));
}
