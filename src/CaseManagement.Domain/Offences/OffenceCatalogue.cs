namespace CaseManagement.Domain.Offences;

public sealed class OffenceCatalogue
{
    private readonly Dictionary<string, OffenceRef> byCode;

    public OffenceCatalogue(IEnumerable<OffenceRef> offences)
    {
        All = offences.ToArray();
        byCode = All.ToDictionary(o => o.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<OffenceRef> All { get; }

    public bool TryGet(string code, out OffenceRef offence) => byCode.TryGetValue(code, out offence!);

    // Penal Code 2015 (amended 2017), sexual offences against children; frames as in DOMAIN.md.
    public static OffenceCatalogue Default { get; } = new(
    [
        Offence(141, 1, "Tội hiếp dâm", 7, victimMayWithdraw: true),
        Offence(141, 2, "Tội hiếp dâm", 15),
        Offence(142, 1, "Tội hiếp dâm người dưới 16 tuổi", 15),
        Offence(142, 2, "Tội hiếp dâm người dưới 16 tuổi", 20),
        Offence(142, 3, "Tội hiếp dâm người dưới 16 tuổi", 20, lifeOrDeath: true),
        Offence(143, 1, "Tội cưỡng dâm", 5, victimMayWithdraw: true),
        Offence(143, 2, "Tội cưỡng dâm", 10),
        Offence(143, 3, "Tội cưỡng dâm", 18),
        Offence(144, 1, "Tội cưỡng dâm người từ đủ 13 tuổi đến dưới 16 tuổi", 10),
        Offence(144, 2, "Tội cưỡng dâm người từ đủ 13 tuổi đến dưới 16 tuổi", 15),
        Offence(144, 3, "Tội cưỡng dâm người từ đủ 13 tuổi đến dưới 16 tuổi", 20, lifeOrDeath: true),
        Offence(145, 1, "Tội giao cấu hoặc thực hiện hành vi quan hệ tình dục khác với người từ đủ 13 tuổi đến dưới 16 tuổi", 5),
        Offence(145, 2, "Tội giao cấu hoặc thực hiện hành vi quan hệ tình dục khác với người từ đủ 13 tuổi đến dưới 16 tuổi", 10),
        Offence(145, 3, "Tội giao cấu hoặc thực hiện hành vi quan hệ tình dục khác với người từ đủ 13 tuổi đến dưới 16 tuổi", 15),
        Offence(146, 1, "Tội dâm ô đối với người dưới 16 tuổi", 3),
        Offence(146, 2, "Tội dâm ô đối với người dưới 16 tuổi", 7),
        Offence(146, 3, "Tội dâm ô đối với người dưới 16 tuổi", 12),
        Offence(147, 1, "Tội sử dụng người dưới 16 tuổi vào mục đích khiêu dâm", 3),
        Offence(147, 2, "Tội sử dụng người dưới 16 tuổi vào mục đích khiêu dâm", 7),
        Offence(147, 3, "Tội sử dụng người dưới 16 tuổi vào mục đích khiêu dâm", 12),
    ]);

    private static OffenceRef Offence(int article, int clause, string title, decimal maxPenaltyYears,
        bool lifeOrDeath = false, bool victimMayWithdraw = false) =>
        new(OffenceCode.Format(article, clause), article, clause, maxPenaltyYears, lifeOrDeath, victimMayWithdraw) { Title = title };
}
