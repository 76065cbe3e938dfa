using AdminPortal.Core.Common;

namespace AdminPortal.Core.Tests.Common;

public sealed class ResultTests
{
    [Fact]
    public void A_failed_check_becomes_the_failure_of_a_use_case_with_a_value_keeping_each_message_on_its_field()
    {
        var check = Result.Fail([("Name", "Give the workbook a name."), ("Folder", "Too long."), ("Name", "Second.")]);

        var failure = check.AsFailure<int>();

        Assert.False(failure.Succeeded);
        Assert.Equal(0, failure.Value);
        Assert.Equal(["Give the workbook a name.", "Second."], failure.Errors["Name"]);
        Assert.Equal(["Too long."], failure.Errors["Folder"]);
    }

    [Fact]
    public void A_success_is_never_passed_off_as_a_failure_without_a_value()
    {
        Assert.Throws<InvalidOperationException>(() => Result.Success.AsFailure<int>());
    }
}
