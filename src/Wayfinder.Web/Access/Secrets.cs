namespace Wayfinder.Web.Access;

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>Random secrets (tokens, links, codes) and the one hash they are kept as.</summary>
internal static class Secrets
{
    /// <summary>A personal access token's prefix, so a leaked one is recognisable.</summary>
    public const string TokenPrefix = "wf_";

    /// <summary>A share link's prefix.</summary>
    public const string SharePrefix = "wfs_";

    /// <summary>An invitation's prefix.</summary>
    public const string InvitationPrefix = "wfi_";

    /// <summary><paramref name="prefix"/> and 32 random bytes, base64url.</summary>
    public static string New(string prefix) => prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of the secret's UTF-8 bytes, lower-case hex: what is stored and looked up.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
