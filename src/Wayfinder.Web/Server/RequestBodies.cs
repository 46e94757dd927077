namespace Wayfinder.Web.Server;

/// <summary>Request bodies read with a limit of the endpoint's own, whatever the host (Kestrel, a test server) enforces.</summary>
internal static class RequestBodies
{
    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
