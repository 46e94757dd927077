namespace Wayfinder.Cli.Infrastructure;

/// <summary>Exit codes scripts can trust.</summary>
public static class ExitCodes
{
    /// <summary>Everything went as asked.</summary>
    public const int Ok = 0;

    /// <summary>The input is invalid, a check failed, or something went wrong.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown command or option, bad argument.</summary>
    public const int Usage = 2;
}
