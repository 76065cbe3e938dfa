using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Exports;
using MudBlazor;

namespace AdminPortal.Web.Tests.Exports;

/// <summary>The Add Schedule form on the real schedule service: each frequency's fields, the next runs it gives, the use case's messages per field.</summary>
public sealed class ScheduleFormTests : ExportsComponentContext
{
    private async Task<IRenderedComponent<ScheduleForm>> RenderFormAsync()
    {
        var (workbook, _) = await SeedScheduleAsync();
        return Render<ScheduleForm>(p => p
            .Add(f => f.WorkbookId, workbook.Id)
            .Add(f => f.Elements, (IReadOnlyList<TableElement>)workbook.Elements));
    }

    private static string[] NextRuns(IRenderedComponent<ScheduleForm> form) =>
        form.Find("[data-testid=next-runs]").QuerySelectorAll("code").Select(c => c.TextContent).ToArray();

    private static Task Choose<T>(IRenderedComponent<ScheduleForm> form, string label, T value) =>
        form.InvokeAsync(() => form.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label).Instance.SelectOption(value));

    [Fact]
    public async Task Each_frequency_shows_its_own_fields_and_the_next_runs_it_gives_in_its_time_zone()
    {
        var form = await RenderFormAsync();
        form.WaitForAssertion(() => Assert.Equal(["2026-03-03 00:00 UTC", "2026-03-04 00:00 UTC", "2026-03-05 00:00 UTC"], NextRuns(form)));
        Assert.NotEmpty(form.FindAll("#every-hours"));
        Assert.Empty(form.FindAll("#time-of-day"));

        await Choose(form, "Every", 6);
        form.WaitForAssertion(() => Assert.Equal(["2026-03-02 12:00 UTC", "2026-03-02 18:00 UTC", "2026-03-03 00:00 UTC"], NextRuns(form)));

        await Choose(form, "Frequency", ExportFrequencyKind.Weekly);
        await Choose(form, "Day", (int)DayOfWeek.Friday);
        form.Find("#time-of-day").Change("03:30");
        await form.InvokeAsync(() => form.FindComponent<MudAutocomplete<string>>().Instance.SelectOptionAsync("Europe/Paris"));
        // Paris is UTC+1 until the last Sunday of March.
        form.WaitForAssertion(() => Assert.Equal(["2026-03-06 02:30 UTC", "2026-03-13 02:30 UTC", "2026-03-20 02:30 UTC"], NextRuns(form)));
        Assert.Empty(form.FindAll("#every-hours"));

        await Choose(form, "Frequency", ExportFrequencyKind.Cron);
        Assert.Empty(form.FindAll("#time-of-day"));
        form.WaitForAssertion(() => Assert.Contains("No next run until the frequency is complete.", form.Find("[data-testid=next-runs]").TextContent));
        form.Find("#cron").Change("0 15 6 1 * ?");
        // 06:15 in Paris on the first of April, May and June: summer time, UTC+2.
        form.WaitForAssertion(() => Assert.Equal(["2026-04-01 04:15 UTC", "2026-05-01 04:15 UTC", "2026-06-01 04:15 UTC"], NextRuns(form)));
    }

    [Fact]
    public async Task Saving_bad_input_puts_each_message_beside_its_field_and_saves_nothing()
    {
        var form = await RenderFormAsync();
        form.Find("#uri-template").Input("audit/{date}/events-{run}.csv");
        form.WaitForAssertion(() => Assert.Contains("Unknown token {date}", form.Find("[data-testid=uri-preview]").TextContent), TimeSpan.FromSeconds(5));
        await Choose(form, "Frequency", ExportFrequencyKind.Cron);
        form.Find("#cron").Change("0 61 2 * * ?");
        await form.InvokeAsync(() => form.FindComponent<MudAutocomplete<string>>().Instance.SelectOptionAsync("Mars/Olympus_Mons"));

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() =>
        {
            Assert.Contains("is not a cron expression Quartz understands", FieldText(form, "#cron"));
            Assert.Contains("Unknown time zone \"Mars/Olympus_Mons\"", FieldText(form, "#time-zone"));
            Assert.Contains("Unknown token {date}", FieldText(form, "#uri-template"));
        });
        // Only the seeded schedule: nothing was saved.
        Assert.Single(await Services.GetRequiredService<ScheduledExportService>().ListAsync(Admin, workbookId: null));
    }

    [Fact]
    public async Task Include_identity_columns_is_saved_with_the_schedule_and_shown_as_saved_when_editing()
    {
        var (workbook, seeded) = await SeedScheduleAsync();
        var schedules = Services.GetRequiredService<ScheduledExportService>();
        IRenderedComponent<ScheduleForm> Edit(ScheduledExport schedule) => Render<ScheduleForm>(p => p
            .Add(f => f.WorkbookId, workbook.Id)
            .Add(f => f.Elements, (IReadOnlyList<TableElement>)workbook.Elements)
            .Add(f => f.Editing, schedule));
        static MudCheckBox<bool> Box(IRenderedComponent<ScheduleForm> form) =>
            form.FindComponents<MudCheckBox<bool>>().Single(b => b.Instance.Label == "Include identity columns").Instance;

        var form = Edit(seeded);
        Assert.False(Box(form).Value);
        Ledger.LedgerImportFormTests.InputOf(form.Find("[data-testid=identity-columns]")).Change(true);
        await form.Find("form").SubmitAsync();

        var saved = await WaitForAsync(async () => await schedules.GetAsync(Admin, seeded.Id) is { IncludeIdentityColumns: true } s ? s : null);
        Assert.Contains(await schedules.ListAsync(Admin, workbook.Id), s => s.Id == seeded.Id && s.IncludeIdentityColumns);
        var again = Edit(saved);
        Assert.True(Box(again).Value);
        Ledger.LedgerImportFormTests.InputOf(again.Find("[data-testid=identity-columns]")).Change(false);
        await again.Find("form").SubmitAsync();
        await WaitForAsync(async () => await schedules.GetAsync(Admin, seeded.Id) is { IncludeIdentityColumns: false } s ? s : null);
    }

    /// <summary>Polls until <paramref name="found"/> gives a value (the form saves on the renderer's thread), for at most 5 s.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> found) where T : class
    {
        for (var waited = 0; waited < 5000; waited += 50)
        {
            if (await found() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        return await found() ?? throw new Xunit.Sdk.XunitException("Not saved within 5 s.");
    }

    /// <summary>The text of the field around <paramref name="input"/>: its label, value and helper or error line.</summary>
    private static string FieldText(IRenderedComponent<ScheduleForm> form, string input) =>
        form.Find(input).Closest(".mud-input-control")?.TextContent ?? "";
}
