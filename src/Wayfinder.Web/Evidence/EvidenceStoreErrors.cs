namespace Wayfinder.Web.Evidence;

using Microsoft.AspNetCore.Diagnostics;
using Wayfinder.Evidence.ClickHouse;
using Wayfinder.Evidence.Store;

/// <summary>
/// A ClickHouse event store that cannot be reached, is too old or refuses a query answers 503 with problem details saying
/// so in the store's own plain words (the address without credentials), never a stack trace or a partial result; so
/// does an embedded store too large for this server's memory (<see cref="StoreTooLargeException"/>).
/// </summary>
internal sealed class EvidenceStoreErrors(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (ClickHouseException or StoreTooLargeException))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The event store cannot answer",
                Detail = exception.Message,
            },
        }).ConfigureAwait(false);
    }
}
