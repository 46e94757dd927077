namespace Wayfinder.Web.Tests.Access;

using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

/// <summary>What the access tests share: signing a browser in, its antiforgery token, TOTP codes.</summary>
internal static class AccessTestKit
{
    public const string Password = "correct horse battery";

    /// <summary>Signs the client in with its cookie and gives it the antiforgery header for writes.</summary>
    public static async Task SignInAsync(HttpClient browser, string userName, string password = Password)
    {
        var signedIn = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = userName, password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        await AntiforgeryAsync(browser);
    }

    /// <summary>Fetches the antiforgery token for the signed-in person and sends it on every request from now on.</summary>
    public static async Task AntiforgeryAsync(HttpClient browser)
    {
        var token = JsonNode.Parse(await browser.GetStringAsync("/api/v1/account/antiforgery"))!;
        browser.DefaultRequestHeaders.Remove((string)token["header_name"]!);
        browser.DefaultRequestHeaders.Add((string)token["header_name"]!, (string)token["token"]!);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The RFC 6238 code (SHA-1, 30-second steps, 6 digits) of a base32 key, <paramref name="stepsAhead"/> steps from now.</summary>
    public static string Totp(string base32Key, int stepsAhead = 0)
    {
        var key = Base32(base32Key);
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + stepsAhead);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0xf;
        var code = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
