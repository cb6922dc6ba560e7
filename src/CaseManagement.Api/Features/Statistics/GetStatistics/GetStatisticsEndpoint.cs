using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.OpenApi;
using Mediator;

namespace CaseManagement.Api.Features.Statistics.GetStatistics;

public sealed class GetStatisticsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/statistics", async (
                [MaxLength(10), RegularExpression(ContractPatterns.Date)] string? from,
                [MaxLength(10), RegularExpression(ContractPatterns.Date)] string? to,
                [MaxLength(16), RegularExpression("^[a-z]+(-[a-z]+)*$")] string? groupBy,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetStatistics(from, to, groupBy), ct)))
            .WithName("GetStatistics")
            .WithTags("Statistics")
            .WithSummary("Counts per group (groupBy: unit (default), ward, offence, relationship, age-band, gender) for whole Hanoi "
                + "calendar months from..to (from the 1st of a month to the last day of a month, YYYY-MM-DD, both required, at least "
                + "one month (else 400 statistics.period-too-short or statistics.period-not-whole-months), at most 5 years): reports "
                + "(cases received), proceedingsInitiated, indictments, convictions (cases, each once per group; the last verdict of "
                + "the range decides a conviction), medianDaysReportToIndictment and medianDaysReportToVerdict. A group of fewer than "
                + "k cases (suppressionThreshold, k = 5 by default) is not named: it is merged into the group other. Every count is "
                + "{value, suppressed}: 1 to k-1 is {value: null, suppressed: true}; 0 is published; the rest is rounded to a "
                + "multiple of k, so no difference of published figures recovers a suppressed one; when one count of a figure is "
                + "suppressed, the smallest published one is suppressed with it. A median over fewer than k cases is suppressed the "
                + "same way; over none it is {value: null, suppressed: false}. A case with no victim or suspect recorded falls in "
                + "the group not-recorded.")
            .ForMessage<GetStatistics>()
            .Audited("statistics.read", "statistics");
}
