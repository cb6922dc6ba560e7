namespace CaseManagement.Domain.Offences;

// Ordered from least to most grave, so comparisons pick the gravest.
public enum OffenceCategory
{
    LessSerious,
    Serious,
    VerySerious,
    EspeciallySerious,
}
