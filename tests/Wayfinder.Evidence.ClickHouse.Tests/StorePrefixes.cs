namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The table prefix of a contract test's store folder: the same folder gives the same tables, so a store created again on
/// it (a store "reopened") sees what the first one stored, as the embedded store does; every test's folder is new.
/// </summary>
internal static class StorePrefixes
{
    public static string For(string folder) => "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16];
}
