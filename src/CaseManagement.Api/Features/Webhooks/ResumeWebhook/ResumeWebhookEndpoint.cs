using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Http;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.ResumeWebhook;

public sealed class ResumeWebhookEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks/{id:guid}/resume", async (Guid id, IMediator mediator, AccessLogContext log, CancellationToken ct) =>
            {
                log.ResourceId = id.ToString("D");
                return TypedResults.Ok(await mediator.Send(new ResumeWebhook(id), ct));
            })
            .WithName("ResumeWebhook")
            .WithTags("Webhooks")
            .WithSummary("Put a failing subscription of your unit back to active: delivery resumes with the first event it did not deliver.")
            .ForMessage<ResumeWebhook>()
            .CaseProblems()
            .Audited("webhook.resume", "webhook");
}
