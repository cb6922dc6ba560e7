using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.OpenApi;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;
using Mediator;

namespace CaseManagement.Api.Features.Cases.CreateCase;

/// <summary>Record a report (tố giác, tin báo): the case starts at stage reported.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor)]
public sealed record CreateCase : ICommand<CaseView>
{
    [Required]
    public ReportSource? Source { get; init; }

    /// <summary>When the report reached the police (UTC).</summary>
    [Required]
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Confidential free text. Never logged, never on the timeline.</summary>
    [MaxLength(CreateCaseValidator.SummaryMaxLength)]
    [Required]
    public string? Summary { get; init; }

    public DateOnly? IncidentDate { get; init; }

    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    [Required]
    public string? IncidentWardCode { get; init; }

    /// <summary>Article-and-clause codes from GET /offences, e.g. BLHS-142-1.</summary>
    [MinLength(1), MaxLength(CreateCaseValidator.MaxOffences), ItemsLimit(ReferenceCode.MaxLength, ReferenceCode.Pattern)]
    public IReadOnlyList<string>? OffenceArticles { get; init; }

    /// <summary>Default: the caller's unit.</summary>
    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    public string? HandlingUnit { get; init; }

    /// <summary>Default: the handling unit's supervising procuracy.</summary>
    [MaxLength(ReferenceCode.MaxLength), RegularExpression(ReferenceCode.Pattern)]
    public string? ProcuracyUnit { get; init; }
}

public sealed class CreateCaseValidator(ReferenceData reference, IClock clock, ICurrentUser user) : IValidator<CreateCase>
{
    public const int SummaryMaxLength = 4000;
    public const int MaxOffences = 10;
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Validate(CreateCase c, ValidationErrors errors)
    {
        var now = clock.UtcNow;
        errors.Required("source", c.Source);
        if (errors.Required("receivedAt", c.ReceivedAt))
        {
            errors.NotInFuture("receivedAt", c.ReceivedAt, now);
            errors.NotBefore("receivedAt", c.ReceivedAt, Earliest);
        }
        errors.Text("summary", c.Summary, SummaryMaxLength);
        if (c.IncidentDate is { } incident)
        {
            var today = HanoiCalendar.ToLocalDate(now);
            if (incident > today)
            {
                errors.Add("incidentDate", "Cannot be in the future.");
            }
            else if (c.ReceivedAt is { } received && incident > HanoiCalendar.ToLocalDate(received))
            {
                errors.Add("incidentDate", "Cannot be after the report was received.");
            }
            else if (incident < new DateOnly(1990, 1, 1))
            {
                errors.Add("incidentDate", "Cannot be before 1990-01-01.");
            }
        }
        if (errors.Required("incidentWardCode", c.IncidentWardCode) && !reference.TryResolveWard(c.IncidentWardCode!, out _))
        {
            errors.Add("incidentWardCode", "Unknown ward code (see GET /wards).");
        }
        errors.OffenceCodes("offenceArticles", c.OffenceArticles, reference, MaxOffences);
        ValidateUnits(c, errors);
    }

    private void ValidateUnits(CreateCase c, ValidationErrors errors)
    {
        if (!user.IsAuthenticated)
        {
            return;
        }
        var handling = c.HandlingUnit ?? user.Unit;
        if (!reference.Units.TryGetValue(handling, out var handlingUnit) || handlingUnit.UnitKind != UnitKind.Police)
        {
            errors.Add("handlingUnit", "Not a police unit (see GET /units).");
        }
        else if (handlingUnit.EffectiveTo is { } ended && ended < HanoiCalendar.ToLocalDate(clock.UtcNow))
        {
            errors.Add("handlingUnit", "This unit no longer exists.");
        }
        else if (!reference.IsSameOrAncestor(user.Unit, handling))
        {
            errors.Add("handlingUnit", "Must be your unit or one of its units.");
        }
        else if (c.ProcuracyUnit is null && handlingUnit.SupervisingProcuracyCode is null)
        {
            errors.Add("procuracyUnit", "The handling unit has no default supervising procuracy; name one.");
        }
        if (c.ProcuracyUnit is { } procuracy
            && (!reference.Units.TryGetValue(procuracy, out var procuracyUnit) || procuracyUnit.UnitKind != UnitKind.Procuracy))
        {
            errors.Add("procuracyUnit", "Not a procuracy unit (see GET /units).");
        }
    }
}

public sealed class CreateCaseHandler(
    DbSession db, ICurrentUser user, IClock clock, ReferenceData reference, PolicyBook policies, AccessLogContext log)
    : ICommandHandler<CreateCase, CaseView>
{
    public const string InsertCase = """
        INSERT INTO cases (id, case_number, stage, stage_since, source, received_at, summary, incident_date,
            incident_ward_code, handling_unit, procuracy_unit, category, deadline_kind, due_on, clock_start_on, created_at,
            created_by, updated_at, version)
        VALUES (@Id, @CaseNumber, @Stage, @StageSince, @Source, @ReceivedAt, @Summary, @IncidentDate,
            @IncidentWardCode, @HandlingUnit, @ProcuracyUnit, @Category, @DeadlineKind, @DueOn, @ClockStartOn, @CreatedAt,
            @CreatedBy, @CreatedAt, 1)
        """;

    public const string InsertOffence = "INSERT INTO case_offences (case_id, offence_code) VALUES (@CaseId, @OffenceCode)";

    public async ValueTask<CaseView> Handle(CreateCase command, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        log.AddCase(id);
        log.ResourceId = id.ToString("D");

        var year = HanoiCalendar.ToLocalDate(now).Year;
        var sequence = await YearCounters.NextAsync(db, YearCounters.CaseNumbers, year, ct);
        var caseNumber = CaseNumber.Format(year, sequence);

        var handlingUnit = command.HandlingUnit ?? user.Unit;
        // A retired sample code is stored as the official code of the national list it stands for.
        reference.TryResolveWard(command.IncidentWardCode!, out var ward);
        var wardCode = ward.Code;
        var procuracyUnit = command.ProcuracyUnit ?? reference.Units[handlingUnit].SupervisingProcuracyCode!;
        var offences = command.OffenceArticles!.Select(code => reference.Offences[code]).ToList();
        var category = OffenceClassification.Gravest(offences.Select(o =>
            new OffenceRef(o.Code, o.Article, o.Clause, o.MaxPenaltyYears, o.LifeOrDeath, o.VictimMayWithdraw)));
        var receivedOn = HanoiCalendar.ToLocalDate(command.ReceivedAt!.Value);
        // CPC 147(1): verification runs from the receipt of the report.
        var deadline = DeadlineCalculator.For(new CaseClock { Stage = CaseStage.Reported, Start = receivedOn, Category = category },
            policies.For(receivedOn), reference.RestDays);

        await db.ExecuteAsync(InsertCase, new
        {
            Id = id,
            CaseNumber = caseNumber,
            Stage = Wire.Name(CaseStage.Reported),
            StageSince = now,
            Source = Wire.Name(command.Source!.Value),
            ReceivedAt = command.ReceivedAt!.Value,
            command.Summary,
            command.IncidentDate,
            IncidentWardCode = wardCode,
            HandlingUnit = handlingUnit,
            ProcuracyUnit = procuracyUnit,
            Category = category is { } cat ? Wire.Name(cat) : null,
            DeadlineKind = deadline is null ? null : Wire.Name(deadline.Kind),
            DueOn = deadline?.DueOn,
            ClockStartOn = receivedOn,
            CreatedAt = now,
            CreatedBy = user.Id,
        }, ct);
        foreach (var offence in offences)
        {
            await db.ExecuteAsync(InsertOffence, new { CaseId = id, OffenceCode = offence.Code }, ct);
        }
        // The timeline holds no protected value and not the confidential summary.
        await CaseEvents.AppendAsync(db, id, 1, "case-reported", new
        {
            caseNumber,
            source = command.Source,
            receivedAt = command.ReceivedAt,
            offenceArticles = offences.Select(o => o.Code),
            handlingUnit,
            procuracyUnit,
            incidentWardCode = wardCode,
        }, user, now, ct);

        var record = await db.QuerySingleOrDefaultAsync<CaseRecord>(
            $"SELECT {CaseRecord.SelectColumns} FROM cases c WHERE c.id = @CaseId", new { CaseId = id }, ct);
        return CaseView.From(record!, offences.Select(o => o.Code).Order(StringComparer.Ordinal), reference, user.Role, now);
    }
}
