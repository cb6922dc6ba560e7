namespace CaseManagement.Domain.Cases;

/// <summary>An earlier case of the same child that was closed because the victim withdrew the request.</summary>
public sealed record EarlierWithdrawal(DateOnly? IncidentDate, IReadOnlyCollection<string> OffenceCodes, DateOnly WithdrawnOn);

// CPC 155(2): a victim (or their representative) who withdrew the request to prosecute has no right to request it
// again, unless the withdrawal was coerced (a coerced withdrawal is refused in the first place and the case goes on).
// The same act: the same child (blind index), an offence in common, and the same incident date, or a date unknown on
// either side (then the act cannot be told apart; the new report may give the date).
public static class RefilingRule
{
    public static EarlierWithdrawal? SameActWithdrawn(
        IEnumerable<EarlierWithdrawal> earlier, DateOnly? incidentDate, IReadOnlyCollection<string> offenceCodes) =>
        earlier.FirstOrDefault(w =>
            w.OffenceCodes.Intersect(offenceCodes, StringComparer.Ordinal).Any()
            && (w.IncidentDate is null || incidentDate is null || w.IncidentDate == incidentDate));
}
