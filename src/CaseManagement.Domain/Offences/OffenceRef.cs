namespace CaseManagement.Domain.Offences;

// One article-and-clause of the Penal Code as charged or reported; MaxPenaltyYears is the top of its frame.
public sealed record OffenceRef(string Code, int Article, int Clause, decimal MaxPenaltyYears, bool LifeOrDeath, bool VictimMayWithdraw)
{
    public string Title { get; init; } = "";

    public OffenceCategory Category => OffenceClassification.CategoryFor(MaxPenaltyYears, LifeOrDeath);
}
