using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CaseManagement.Api.Platform.Hosting;

public static class RequestPipeline
{
    public static WebApplication UseCaseManagement(this WebApplication app)
    {
        // Behind the load balancer the access log records the client's address, taken only from trusted proxies.
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (!response.HasStarted && (response.ContentLength is null or 0) && response.ContentType is null)
            {
                await ProblemWriter.WriteAsync(context.HttpContext, new AppProblem(response.StatusCode, ProblemWriter.CodeForStatus(response.StatusCode)));
            }
        });
        app.UseRouting();
        // Before everything that may answer (rate-limit headers, access log, errors, auth): a preflight is answered
        // here, and every answer to an allowed origin carries Access-Control-Allow-Origin, refusals included.
        app.UseCors();
        app.UseMiddleware<RateLimitHeadersMiddleware>();
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseExceptionHandler();
        // Before authentication: a flood is refused per client address before any token is checked.
        app.UseMiddleware<PerAddressRateLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<Idempotency.IdempotencyMiddleware>();

        app.UseSwagger();
        // The UI only where configured: on by default in Development, off elsewhere (Swagger:UiEnabled).
        if (app.Configuration.GetValue("Swagger:UiEnabled", app.Environment.IsDevelopment()))
        {
            app.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "CaseManagement API v1");
                options.DocumentTitle = "CaseManagement API";
            });
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = DatabaseHealthCheck.WriteAsync,
        }).AllowAnonymous();

        var api = app.MapGroup(PerUserRateLimit.ApiPrefix);
        api.MapFeatureEndpoints(typeof(RequestPipeline).Assembly);
        return app;
    }
}
