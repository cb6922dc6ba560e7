using CaseManagement.Api.Platform.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Api.Features.Reports.FileReport;

public sealed class FileReportEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/reports", async ([FromBody] FileReport command, IMediator mediator, CancellationToken ct) =>
            {
                var receipt = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/reports/{receipt.Id}", receipt);
            })
            .WithName("FileReport")
            .WithTags("Reports")
            .WithSummary("File a report (hotline 111, school, commune); the answer is a receipt naming the police unit it was routed to.")
            .ForMessage<FileReport>()
            .Audited("report.file", "report", StatusCodes.Status201Created);
}
