using System.Text.RegularExpressions;
using CaseManagement.Domain;

namespace CaseManagement.Domain.Tests;

public class WireTests
{
    private static readonly Regex Kebab = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    public static IEnumerable<TestCaseData> EnumTypes() => WireEnums.Types.Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    [TestCaseSource(nameof(EnumTypes))]
    public void Every_member_round_trips_through_a_distinct_kebab_name(Type enumType)
    {
        var method = typeof(WireTests).GetMethod(nameof(RoundTrip), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(enumType);
        method.Invoke(null, null);
    }

    private static void RoundTrip<TEnum>() where TEnum : struct, Enum
    {
        var names = new HashSet<string>();
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var name = Wire.Name(value);
            Assert.That(name, Does.Match(Kebab), $"{typeof(TEnum).Name}.{value}");
            Assert.That(names.Add(name), Is.True, $"duplicate wire name {name}");
            Assert.That(Wire.TryParse<TEnum>(name, out var parsed), Is.True, name);
            Assert.That(parsed, Is.EqualTo(value));
            Assert.That(Wire.TryParse<TEnum>(value.ToString(), out _), Is.EqualTo(value.ToString() == name),
                "the PascalCase member name is accepted only when it already is the wire name");
            Assert.That(Wire.TryParse<TEnum>(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), out _), Is.False, "numbers are not wire names");
        }
    }

    [Test]
    public void Role_and_unit_kind_names()
    {
        Assert.That(Wire.Name(Role.VictimSupport), Is.EqualTo("victim-support"));
        Assert.That(Wire.Name(UnitKind.SocialWelfare), Is.EqualTo("social-welfare"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("VICTIM-SUPPORT")]
    [TestCase("victim-support ")]
    [TestCase("victimsupport")]
    public void Near_misses_do_not_parse(string? value)
    {
        Assert.That(Wire.TryParse<Role>(value, out var role), Is.False);
        Assert.That(role, Is.EqualTo(default(Role)));
    }

    [Test]
    public void Undefined_values_have_no_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Wire.Name((Role)99));
    }
}

public class CaseWireNameTests
{
    [TestCase(Cases.CaseStage.ProsecutionReview, "prosecution-review")]
    [TestCase(Cases.CaseStage.AwaitingTrial, "awaiting-trial")]
    public void Stage_names(Cases.CaseStage stage, string wire) => Assert.That(Wire.Name(stage), Is.EqualTo(wire));

    [TestCase(Cases.ReportSource.Hotline111, "hotline-111")]
    [TestCase(Cases.ReportSource.PolicePatrol, "police-patrol")]
    [TestCase(Cases.ReportSource.HealthFacility, "health-facility")]
    public void Source_names(Cases.ReportSource source, string wire) => Assert.That(Wire.Name(source), Is.EqualTo(wire));

    [TestCase(Cases.DecisionKind.ReturnForInvestigation, "return-for-investigation")]
    [TestCase(Cases.DecisionKind.RenderAppealVerdict, "render-appeal-verdict")]
    public void Decision_names(Cases.DecisionKind kind, string wire) => Assert.That(Wire.Name(kind), Is.EqualTo(wire));

    [TestCase(Cases.ReasonCode.StatuteOfLimitations, "statute-of-limitations")]
    [TestCase(Cases.ReasonCode.SuspectUnderAge, "suspect-under-age")]
    [TestCase(Cases.ReasonCode.PrivateSettlement, "private-settlement")]
    public void Reason_names(Cases.ReasonCode reason, string wire) => Assert.That(Wire.Name(reason), Is.EqualTo(wire));
}

public class InterviewWireNameTests
{
    [TestCase(Interviews.InterviewLocation.ChildFriendlyRoom, "child-friendly-room")]
    [TestCase(Interviews.InterviewLocation.PoliceStation, "police-station")]
    public void Location_names(Interviews.InterviewLocation location, string wire) => Assert.That(Wire.Name(location), Is.EqualTo(wire));

    [TestCase(Interviews.SupportPersonRole.SocialWorker, "social-worker")]
    [TestCase(Interviews.SupportPersonRole.Guardian, "guardian")]
    public void Support_person_names(Interviews.SupportPersonRole role, string wire) => Assert.That(Wire.Name(role), Is.EqualTo(wire));
}
