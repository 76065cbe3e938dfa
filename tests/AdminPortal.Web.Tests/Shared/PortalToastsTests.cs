using AdminPortal.Web.Components.Shared;

namespace AdminPortal.Web.Tests.Shared;

public sealed class PortalToastsTests
{
    [Fact]
    public void An_error_toast_shows_the_first_line_of_a_multi_line_cloud_error()
    {
        Assert.Equal("AccessDenied: the bucket refused the write", PortalToasts.OneLine("AccessDenied: the bucket refused the write\n   at Amazon.S3 ..."));
    }

    [Fact]
    public void An_error_toast_is_cut_to_200_characters()
    {
        var text = PortalToasts.OneLine(new string('x', 500));
        Assert.Equal(200, text.Length);
        Assert.EndsWith("…", text);
    }
}
