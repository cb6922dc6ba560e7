using System.Text;
using CaseManagement.Domain.Identity;

namespace CaseManagement.Domain.Tests;

public class IdentityNormaliserTests
{
    [TestCase("NGUYỄN  Văn A", "nguyễn văn a")]
    [TestCase("  Nguyễn\tVăn\u00A0A \n", "nguyễn văn a")]
    [TestCase("Trần Thị   Bích", "trần thị bích")]
    [TestCase("ĐỖ MINH", "đỗ minh")]
    [TestCase("", "")]
    [TestCase("   ", "")]
    public void Names_normalise(string input, string expected)
    {
        Assert.That(IdentityNormaliser.NormaliseName(input), Is.EqualTo(expected));
    }

    [Test]
    public void Decomposed_and_composed_spellings_are_the_same_name()
    {
        var decomposed = "Nguyễn Văn A".Normalize(NormalizationForm.FormD);
        Assert.That(decomposed, Is.Not.EqualTo("Nguyễn Văn A"), "precondition: the input really is decomposed");
        Assert.That(IdentityNormaliser.NormaliseName(decomposed), Is.EqualTo("nguyễn văn a"));
    }

    [TestCase("Nguyen Van A", "Nguyễn Văn A")]
    [TestCase("Lê Văn B", "Lễ Văn B")]
    [TestCase("Nguyễn Văn A", "Nguyễn VănA")]
    public void Diacritics_and_word_breaks_still_distinguish_names(string a, string b)
    {
        Assert.That(IdentityNormaliser.NormaliseName(a), Is.Not.EqualTo(IdentityNormaliser.NormaliseName(b)));
    }
}

public class VictimCodeTests
{
    [Test]
    public void New_code_takes_characters_from_the_alphabet_by_index()
    {
        var indices = new Queue<int>([0, 1, 7, 8, 22, 23, 29, 30]);
        Assert.That(VictimCode.New(n => indices.Dequeue()), Is.EqualTo("V-ABHJZ289"));
    }

    [Test]
    public void New_codes_are_valid_and_ask_for_indices_below_the_alphabet_size()
    {
        var random = new Random(42);
        var asked = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var code = VictimCode.New(n => { asked.Add(n); return random.Next(n); });
            Assert.That(VictimCode.IsValid(code), Is.True, code);
        }
        Assert.That(asked, Has.All.EqualTo(31));
        Assert.That(asked, Has.Count.EqualTo(1600));
    }

    [TestCase(-1)]
    [TestCase(31)]
    public void An_index_outside_the_alphabet_is_refused(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VictimCode.New(_ => index));
    }

    [Test]
    public void Alphabet_has_no_ambiguous_characters()
    {
        Assert.That(VictimCode.Alphabet, Has.Length.EqualTo(31));
        Assert.That(VictimCode.Alphabet.IndexOfAny(['I', 'L', 'O', '0', '1']), Is.EqualTo(-1));
        Assert.That(VictimCode.Alphabet.Distinct().Count(), Is.EqualTo(31));
    }

    [TestCase("V-ABCD2345", true)]
    [TestCase("V-ZZZZ9999", true)]
    [TestCase("V-ABCD234", false)]
    [TestCase("V-ABCD23456", false)]
    [TestCase("V-ABCD234O", false)]
    [TestCase("V-ABCD2341", false)]
    [TestCase("V-ABCD234I", false)]
    [TestCase("V-ABCD234L", false)]
    [TestCase("v-ABCD2345", false)]
    [TestCase("V-abcd2345", false)]
    [TestCase("X-ABCD2345", false)]
    [TestCase("VABCD23456", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void Validity(string? code, bool valid)
    {
        Assert.That(VictimCode.IsValid(code), Is.EqualTo(valid));
    }
}

public class SuspectKeyTests
{
    [TestCase("Nguyễn Văn An", "nguyen van an")]
    [TestCase("NGUYEN  van   an", "nguyen van an")]
    [TestCase("Đỗ Thị Hằng", "do thi hang")]
    [TestCase(" Lê\tVăn\u00A0Bình ", "le van binh")]
    public void Suspect_names_fold_case_spacing_and_diacritics(string input, string expected)
    {
        Assert.That(IdentityNormaliser.FoldName(input), Is.EqualTo(expected));
        Assert.That(IdentityNormaliser.FoldName(input.Normalize(NormalizationForm.FormD)), Is.EqualTo(expected));
    }

    [TestCase("Nguyễn Văn An", "Nguyễn Văn Anh")]
    [TestCase("Nguyễn Văn A", "Nguyễn VănA")]
    public void Different_names_stay_different(string a, string b) =>
        Assert.That(IdentityNormaliser.FoldName(a), Is.Not.EqualTo(IdentityNormaliser.FoldName(b)));

    [TestCase("001 090 012 345", "001090012345")]
    [TestCase("001-090-012-345", "001090012345")]
    [TestCase("b1234567", "B1234567")]
    public void Identity_numbers_normalise(string input, string expected) =>
        Assert.That(IdentityNormaliser.NormaliseIdentityNumber(input), Is.EqualTo(expected));
}
