namespace CaseManagement.Domain.Offences;

// BLHS Art. 9: the category follows the top of the penalty frame.
public static class OffenceClassification
{
    public static OffenceCategory CategoryFor(decimal maxPenaltyYears, bool lifeOrDeath)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPenaltyYears);
        if (lifeOrDeath || maxPenaltyYears > 15m)
            return OffenceCategory.EspeciallySerious;
        if (maxPenaltyYears > 7m)
            return OffenceCategory.VerySerious;
        if (maxPenaltyYears > 3m)
            return OffenceCategory.Serious;
        return OffenceCategory.LessSerious;
    }

    // A case's category is that of its gravest offence; null when nothing is charged or reported.
    public static OffenceCategory? Gravest(IEnumerable<OffenceRef> offences)
    {
        OffenceCategory? gravest = null;
        foreach (var offence in offences)
        {
            var category = offence.Category;
            if (gravest is null || category > gravest)
                gravest = category;
        }
        return gravest;
    }
}
