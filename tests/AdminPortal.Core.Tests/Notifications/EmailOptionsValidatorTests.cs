using AdminPortal.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Tests.Notifications;

public class EmailOptionsValidatorTests
{
    private static EmailOptions Configured(int port = 587, EmailSecurity security = EmailSecurity.Auto, bool? enableSsl = null) =>
        new() { SmtpHost = "smtp.example.com", SmtpPort = port, Security = security, EnableSsl = enableSsl };

    [Fact]
    public void By_default_the_connection_is_upgraded_with_StartTls_and_valid()
    {
        var options = Configured();

        Assert.Empty(EmailOptionsValidator.Errors(options));
        Assert.Equal(EmailSecurity.StartTls, options.EffectiveSecurity);
    }

    [Theory]
    [InlineData(587, true, EmailSecurity.StartTls)]
    [InlineData(25, true, EmailSecurity.StartTls)]
    [InlineData(465, true, EmailSecurity.SslOnConnect)]
    [InlineData(465, null, EmailSecurity.SslOnConnect)]
    [InlineData(25, false, EmailSecurity.None)]
    public void An_existing_EnableSsl_config_keeps_working_through_Auto(int port, bool? enableSsl, EmailSecurity expected)
    {
        var options = Configured(port, enableSsl: enableSsl);

        Assert.Empty(EmailOptionsValidator.Errors(options));
        Assert.Equal(expected, options.EffectiveSecurity);
    }

    [Fact]
    public void EnableSsl_false_beside_an_encrypted_Security_is_named_as_a_contradiction()
    {
        var error = Assert.Single(EmailOptionsValidator.Errors(Configured(security: EmailSecurity.StartTls, enableSsl: false)));

        Assert.Equal("Email:EnableSsl=false contradicts Email:Security=StartTls. Remove Email:EnableSsl: Email:Security replaces it.", error);
    }

    [Fact]
    public void StartTls_on_the_implicit_TLS_port_is_refused_with_the_fix()
    {
        var error = Assert.Single(EmailOptionsValidator.Errors(Configured(465, EmailSecurity.StartTls)));

        Assert.Equal("Email:Security=StartTls does not work on port 465, which speaks TLS from the first byte: use SslOnConnect there, or StartTls on port 587.", error);
    }

    [Fact]
    public void SslOnConnect_on_the_submission_port_is_refused_with_the_fix()
    {
        var error = Assert.Single(EmailOptionsValidator.Errors(Configured(587, EmailSecurity.SslOnConnect)));

        Assert.Equal("Email:Security=SslOnConnect does not work on port 587, which starts in plain text: use StartTls there, or SslOnConnect on port 465.", error);
    }

    [Theory]
    [InlineData("adminportal")]
    [InlineData("AdminPortal <>")]
    [InlineData("")]
    public void A_From_that_is_not_an_address_is_refused(string from)
    {
        var options = Configured();
        options.From = from;

        Assert.Contains("Email:From must be an e-mail address, such as AdminPortal <adminportal@example.com>.", EmailOptionsValidator.Errors(options));
    }

    [Fact]
    public void The_registered_options_refuse_a_security_the_port_does_not_speak()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:SmtpHost"] = "smtp.example.com",
            ["Email:SmtpPort"] = "465",
            ["Email:Security"] = "StartTls",
        }).Build();
        using var services = new ServiceCollection().AddNotifications(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailOptions>>().Value);

        Assert.Contains("Email:Security=StartTls does not work on port 465", failure.Message);
    }
}
