using Microsoft.Net.Http.Headers;

namespace CaseManagement.Api.Platform.Http;

/// <summary>
/// Every answer under /api/v1 may carry case data: no cache keeps it (Cache-Control: no-store), and no browser guesses
/// its type (X-Content-Type-Options: nosniff, on every answer). No Server banner names the software.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
            }
            headers.Remove(HeaderNames.Server);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
