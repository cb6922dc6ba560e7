using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Interviews;
using CaseManagement.Domain.Offences;

namespace CaseManagement.Domain.Tests;

// Every enum that travels on the wire; a new one is added here so its names are checked.
internal static class WireEnums
{
    public static readonly Type[] Types =
    [
        typeof(Role),
        typeof(UnitKind),
        typeof(OffenceCategory),
        typeof(CaseStage),
        typeof(ReportSource),
        typeof(Reports.ReportState),
        typeof(DecisionKind),
        typeof(ReasonCode),
        typeof(ReturnedBy),
        typeof(Appellant),
        typeof(SuspensionGround),
        typeof(SuspensionOutcome),
        typeof(AppealRecorder),
        typeof(TransitionOutcome),
        typeof(DeadlineKind),
        typeof(ExtensionOutcome),
        typeof(InterviewLocation),
        typeof(SupportPersonRole),
        typeof(InterviewOutcome),
    ];
}
