namespace CaseManagement.Domain.Cases;

public enum VictimAgeOutcome
{
    Ok,
    BornAfterOffence,
    AdultAtOffence,
}

/// <summary>A victim's ages: at the report (kept for the record) and at the offence (what every age rule reads).</summary>
public sealed record VictimAges(VictimAgeOutcome Outcome, int AtReport, int AtOffence)
{
    public bool IsAllowed => Outcome == VictimAgeOutcome.Ok;

    public string Band => AgeBand.BandFor(AtOffence);
}

// The age that matters is the age at the time of the offence (BLHS 141-147 name the victim's age when the act was
// done), not at the report: an adult may report abuse suffered as a child, and such a report is accepted.
public static class VictimAge
{
    public const int AdultAge = 18;

    /// <summary>The offence date: the incident date when known, else the day the report was received.</summary>
    public static DateOnly OffenceDate(DateOnly? incidentDate, DateOnly reportedOn) => incidentDate ?? reportedOn;

    public static VictimAges Assess(DateOnly dateOfBirth, DateOnly? incidentDate, DateOnly reportedOn)
    {
        var offenceOn = OffenceDate(incidentDate, reportedOn);
        if (dateOfBirth > offenceOn || dateOfBirth > reportedOn)
        {
            return new(VictimAgeOutcome.BornAfterOffence, 0, 0);
        }
        var atOffence = AgeBand.AgeOn(dateOfBirth, offenceOn);
        var atReport = AgeBand.AgeOn(dateOfBirth, reportedOn);
        return new(atOffence >= AdultAge ? VictimAgeOutcome.AdultAtOffence : VictimAgeOutcome.Ok, atReport, atOffence);
    }

    /// <summary>
    /// Whether an article's age condition holds for a victim of this age at the offence: BLHS 141 and 143 protect a
    /// person of 16 or more (under 16 is Art. 142 or 144); 144 and 145 a person of 13 to 15; 142, 146 and 147 a person
    /// under 16. Articles outside the catalogue have no age condition here.
    /// </summary>
    public static bool FitsArticle(int article, int ageAtOffence) => article switch
    {
        141 or 143 => ageAtOffence >= 16,
        144 or 145 => ageAtOffence is >= 13 and < 16,
        142 or 146 or 147 => ageAtOffence < 16,
        _ => true,
    };
}
