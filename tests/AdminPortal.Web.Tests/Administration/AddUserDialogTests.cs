using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Administration;
using AdminPortal.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Administration;

public sealed class AddUserDialogTests : CorePortalContext
{
    [Fact]
    public void An_empty_submit_reports_every_error_at_once_each_on_its_field()
    {
        var (dialogs, open) = OpenAddUser();

        dialogs.Find("[data-testid=add-user-form]").Submit();

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Enter an e-mail address.", FieldText(dialogs, "new-email"));
            Assert.Contains("Enter an initial password.", FieldText(dialogs, "new-password"));
        });
        Assert.False(open.IsCompleted);
    }

    [Fact]
    public void A_second_submit_clears_the_messages_the_first_one_left()
    {
        var (dialogs, _) = OpenAddUser();
        dialogs.Find("#new-email").Change("not-an-address");
        dialogs.Find("#new-password").Change("weak");
        dialogs.Find("[data-testid=add-user-form]").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("Enter an e-mail address like name@example.com.", dialogs.Markup));

        dialogs.Find("#new-email").Change("weak.password@example.test");
        dialogs.Find("[data-testid=add-user-form]").Submit();

        dialogs.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("Enter an e-mail address like name@example.com.", dialogs.Markup);
            Assert.Contains("Passwords must be at least 12 characters.", FieldText(dialogs, "new-password"));
        });
    }

    [Fact]
    public async Task A_valid_form_creates_the_user_with_the_chosen_role()
    {
        var (dialogs, open) = OpenAddUser();
        dialogs.Find("#new-email").Change("new.admin@example.test");
        dialogs.FindAll("input[type=radio]").Single(r => r.ParentElement!.ParentElement!.TextContent.Trim() == PortalRoles.Admin).Click();
        dialogs.Find("#new-password").Change("Long-Enough-Pass-1");

        dialogs.Find("[data-testid=add-user-form]").Submit();

        dialogs.WaitForAssertion(() => Assert.True(open.IsCompleted), TimeSpan.FromSeconds(10));
        Assert.Equal("new.admin@example.test", await open);
        var users = await Services.GetRequiredService<UserAdministration>().ListAsync(Admin);
        Assert.Equal(PortalRoles.Admin, users.Single(u => u.Email == "new.admin@example.test").Role);
    }

    [Fact]
    public void An_existing_address_is_refused_on_its_field()
    {
        var (dialogs, _) = OpenAddUser();
        dialogs.Find("#new-email").Change(AdminEmail);
        dialogs.Find("#new-password").Change("Long-Enough-Pass-1");

        dialogs.Find("[data-testid=add-user-form]").Submit();

        dialogs.WaitForAssertion(() => Assert.Contains("A user with this e-mail address already exists.", dialogs.Markup));
    }

    /// <summary>The text of a field's control: its input, label and the message under it.</summary>
    private static string FieldText(IRenderedComponent<MudDialogProvider> dialogs, string id) =>
        dialogs.Find($"#{id}").Closest(".mud-input-control")!.TextContent;

    private (IRenderedComponent<MudDialogProvider> Dialogs, Task<string?> Open) OpenAddUser()
    {
        var dialogs = RenderDialogs();
        Task<string?> open = null!;
        dialogs.InvokeAsync(() => { open = Services.GetRequiredService<PortalDialogs>().OpenAsync<AddUserDialog, string>("Add user"); });
        dialogs.WaitForElement("[data-testid=add-user-form]");
        return (dialogs, open);
    }
}
