using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Web.Components.AuditLogs;

namespace AdminPortal.Web.Tests.AuditLogs;

public sealed class ExplorerPageStateTests
{
    private static readonly AuditColumn Login = AuditColumns.Find("Login")!;
    private static readonly AuditColumn Status = AuditColumns.Find("Status")!;

    [Fact]
    public void An_address_without_a_query_is_the_last_7_days_newest_first_with_the_default_columns()
    {
        var state = ExplorerPageState.FromUri("http://localhost/audit-logs");

        Assert.Equal("7d", state.View.Range);
        Assert.Equal(nameof(AuditEvent.EventTimeUtc), state.View.Sort);
        Assert.True(state.View.Descending);
        Assert.Equal(AuditColumns.DefaultVisible, state.View.Columns);
        Assert.Empty(state.View.Filters);
        Assert.Null(state.WorkbookId);
        Assert.False(state.HasView);
        Assert.Empty(state.Ignored);
        Assert.Equal("?range=7d", state.ToQuery());
    }

    [Fact]
    public void A_formatted_view_reads_back_as_the_same_view()
    {
        var view = new ExplorerState
        {
            Range = "custom",
            FromUtc = new DateTime(2026, 11, 1, 8, 30, 0, DateTimeKind.Utc),
            ToUtc = new DateTime(2026, 11, 2, 17, 0, 0, DateTimeKind.Utc),
            Search = "drop table",
            Sort = "Login",
            Descending = false,
            Columns = ["EventTimeUtc", "Login", "Status"],
            Filters = [new AuditFilter("Login", FilterOperator.StartsWith, "alice"), new AuditFilter("Status", FilterOperator.Equals, "Fail")],
        };
        var state = new ExplorerPageState { View = view, WorkbookId = 12, ElementId = 34 };

        var back = ExplorerPageState.FromUri("http://localhost/audit-logs" + state.ToQuery());

        Assert.Equal(view.ToJson(), back.View.ToJson());
        Assert.Equal(12, back.WorkbookId);
        Assert.Equal(34, back.ElementId);
        Assert.True(back.HasView);
        Assert.Empty(back.Ignored);
    }

    [Fact]
    public void Values_that_are_not_valid_are_dropped_and_named_never_thrown()
    {
        var state = ExplorerPageState.FromUri(
            "/audit-logs?range=fortnight&from=yesterday&q=%20okta%20&sort=Nope&dir=sideways&cols=Nope,Login&f=%25%25not-base64&workbook=abc&element=-1&history=x");

        Assert.Equal("7d", state.View.Range);
        Assert.Null(state.View.FromUtc);
        Assert.Equal("okta", state.View.Search);
        Assert.Equal(nameof(AuditEvent.EventTimeUtc), state.View.Sort);
        Assert.Equal(new[] { "Login" }, state.View.Columns);
        Assert.Empty(state.View.Filters);
        Assert.Null(state.WorkbookId);
        Assert.Null(state.ElementId);
        Assert.Null(state.HistoryId);
        Assert.Contains(state.Ignored, i => i.Contains("time range 'fortnight'", StringComparison.Ordinal));
        Assert.Contains(state.Ignored, i => i.Contains("'yesterday'", StringComparison.Ordinal));
        Assert.Contains(state.Ignored, i => i.Contains("f= part could not be read", StringComparison.Ordinal));
        Assert.Contains(state.Ignored, i => i.Contains("workbook 'abc'", StringComparison.Ordinal));
        Assert.Contains(state.Ignored, i => i.Contains("table '-1'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_filter_value_that_does_not_suit_its_column_is_dropped_and_named()
    {
        var view = new ExplorerState { Filters = [new AuditFilter("Count", FilterOperator.Equals, "many"), new AuditFilter("Login", FilterOperator.Contains, "bob")] };

        var state = ExplorerPageState.FromUri("/audit-logs" + new ExplorerPageState { View = view }.ToQuery());

        Assert.Equal(new[] { new AuditFilter("Login", FilterOperator.Contains, "bob") }, state.View.Filters);
        Assert.Contains(state.Ignored, i => i.Contains("'many' is not a valid value for Count", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_view_spelled_otherwise_is_recognised_as_shown()
    {
        var state = new ExplorerPageState { View = new ExplorerState { Range = "30d", Columns = ["Login", "Action"] } };

        Assert.True(state.IsShownBy("http://localhost/audit-logs?cols=Login%2CAction&range=30d"));
        Assert.False(state.IsShownBy("http://localhost/audit-logs?cols=Login&range=30d"));
    }

    [Fact]
    public void Sorting_by_a_new_column_is_ascending_and_the_same_column_again_flips_it()
    {
        var byLogin = ExplorerPageState.SortedBy(new ExplorerState(), "Login");
        var flipped = ExplorerPageState.SortedBy(byLogin, "Login");

        Assert.Equal(("Login", false), (byLogin.Sort, byLogin.Descending));
        Assert.Equal(("Login", true), (flipped.Sort, flipped.Descending));
    }

    [Fact]
    public void A_new_text_filter_contains_its_value_and_a_status_filter_equals_it()
    {
        var view = ExplorerPageState.FilteredBy(ExplorerPageState.FilteredBy(new ExplorerState(), Login, " alice "), Status, "Fail");

        Assert.Equal(new[] { new AuditFilter("Login", FilterOperator.Contains, "alice"), new AuditFilter("Status", FilterOperator.Equals, "Fail") }, view.Filters);
        Assert.Equal("alice", ExplorerPageState.FilterText(view, "Login"));
    }

    [Fact]
    public void A_filter_the_address_brought_keeps_its_operator_and_an_empty_value_removes_it()
    {
        var view = new ExplorerState { Filters = [new AuditFilter("Login", FilterOperator.StartsWith, "al")] };

        var changed = ExplorerPageState.FilteredBy(view, Login, "ali");
        var cleared = ExplorerPageState.FilteredBy(changed, Login, "");

        Assert.Equal(new[] { new AuditFilter("Login", FilterOperator.StartsWith, "ali") }, changed.Filters);
        Assert.Empty(cleared.Filters);
    }
}
