using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Core.Notifications;

public static class NotificationsServices
{
    /// <summary>Registers in-app notifications and the SMTP sender (section "Email").</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.SmtpPort is > 0 and < 65536, "Email:SmtpPort must be 1 to 65535.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 300, "Email:TimeoutSeconds must be 1 to 300.")
            .Validate(o => !o.IsConfigured || System.Net.Mail.MailAddress.TryCreate(o.From, out _), "Email:From must be an e-mail address, such as AdminPortal <adminportal@example.com>.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PortalUrl) || Uri.TryCreate(o.PortalUrl, UriKind.Absolute, out _), "Email:PortalUrl must be an absolute URL such as https://portal.example.com.")
            .ValidateOnStart();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<NotificationService>();
        return services;
    }
}
