using System.Text;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;

namespace AdminPortal.Core.Tests.Ledger;

public sealed class LedgerCsvReaderTests
{
    private static Task<LedgerFile> ReadAsync(LedgerKind kind, string csv) =>
        LedgerCsvReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), LedgerCsvLayout.Of(kind));

    [Fact]
    public async Task Headers_are_matched_without_case_spaces_or_underscores_and_a_missing_name_is_the_key()
    {
        var file = await ReadAsync(LedgerKind.Identity, "HR Code,full_name,E-Mail\nE001,Jane Doe,jane@corp.example\n");
        var accounts = await ReadAsync(LedgerKind.Account, "login,repository\njdoe,ad\n");

        var jane = Assert.Single(file.Rows);
        Assert.Equal(("E001", "Jane Doe", "jane@corp.example"), (jane.Key, jane.Name, jane.Email));
        Assert.Equal("jdoe", Assert.Single(accounts.Rows).Name);
    }

    [Fact]
    public async Task Each_bad_line_is_rejected_with_its_number_and_reason_and_the_others_are_kept()
    {
        var csv = "hrCode,fullName,email\nE001,Jane Doe,jane@corp.example\n,Nobody,\nE003,No Mail,not-an-address\nE001,Jane Again,\nE005,Nul\0,\n"
            + "E006," + new string('x', 401) + ",\nE007,\"Unclosed,\n";

        var file = await ReadAsync(LedgerKind.Identity, csv);

        Assert.Equal(["E001"], file.Rows.Select(r => r.Key));
        Assert.Equal(
        [
            "line 3: hrCode is missing",
            "line 4: email 'not-an-address' is not an e-mail address",
            "line 5: duplicate of line 2 (hrCode E001)",
            "line 6: fullName contains a NUL character (U+0000)",
            "line 7: fullName is longer than 400 characters",
        ], file.Rejections.Listed.Take(5).Select(r => r.Message));
        Assert.Equal(6, file.Rejections.Count);
    }

    [Fact]
    public async Task A_SID_is_checked_and_kept_upper_case_and_members_are_split_on_pipes()
    {
        var accounts = await ReadAsync(LedgerKind.Account, "login,repository,sid\njdoe,ad,s-1-5-21-1\nbad,ad,1234\n");
        var groups = await ReadAsync(LedgerKind.Group, "code,repository,members\nfinance,ad,jdoe| jsmith |jdoe\n");

        Assert.Equal("S-1-5-21-1", Assert.Single(accounts.Rows).Sid);
        Assert.Equal("line 3: sid '1234' is not a security identifier (S-1-…)", Assert.Single(accounts.Rejections.Listed).Message);
        Assert.Equal(["jdoe", "jsmith"], Assert.Single(groups.Rows).Members);
    }

    [Theory]
    [InlineData("login,owner\n", "the header lacks the mandatory column(s) repository")]
    [InlineData("login,repository,colour\n", "'colour' is not a column of the accounts file")]
    [InlineData("login,repository,Login\n", "the column login is named twice")]
    [InlineData("", "The accounts file is empty")]
    public async Task A_header_that_cannot_be_read_refuses_the_file(string csv, string reason)
    {
        var file = await ReadAsync(LedgerKind.Account, csv);

        Assert.Contains(reason, file.Refusal);
        Assert.Empty(file.Rows);
    }
}
