using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The checks of a schedule's own fields (the template is checked against its integration by the service): the
/// frequency, at least <see cref="ExportOptions.MinimumIntervalMinutes"/> between runs for everyone, and notification
/// addresses limited to the portal's users or <see cref="ExportOptions.AllowedRecipientDomains"/>, at most
/// <see cref="ExportOptions.MaxNotificationRecipients"/> of them.
/// </summary>
public sealed class ScheduleExportCommandValidator : AbstractValidator<ScheduleExportCommand>
{
    public ScheduleExportCommandValidator(ExportRecipients recipients, IOptions<ExportOptions> options, TimeProvider clock)
    {
        var settings = options.Value;

        RuleFor(c => c.Name).Must(n => (n?.Trim().Length ?? 0) <= ScheduleExportRules.MaxNameLength)
            .WithMessage($"A schedule name has at most {ScheduleExportRules.MaxNameLength} characters.");

        RuleFor(c => c.FirstRun).IsInEnum()
            .WithMessage("The first run takes the workbook's time range (WorkbookRange) or all retained events (AllRetainedEvents).");

        RuleFor(c => c.EveryHours).Must(h => h is { } hours && ScheduleExportRules.IntervalHours.Contains(hours))
            .When(c => c.FrequencyKind == ExportFrequencyKind.EveryHours)
            .WithMessage("Choose every 2, 4, 6, 12 or 24 hours.");

        RuleFor(c => c.TimeOfDay).NotNull()
            .When(c => c.FrequencyKind is ExportFrequencyKind.Daily or ExportFrequencyKind.Weekly or ExportFrequencyKind.Monthly)
            .WithMessage("Choose the time of day the export runs.");

        RuleFor(c => c.Cron).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give a cron expression, for example 0 0 2 * * ? (every day at 02:00).")
            .Must(cron => cron!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is 6 or 7)
            .WithMessage("A cron expression has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], for example 0 0 2 * * ?.")
            .Custom((cron, context) =>
            {
                if (Scheduling.ExportCron.CronError(cron) is { } error)
                {
                    context.AddFailure(error);
                }
            })
            .When(c => c.FrequencyKind == ExportFrequencyKind.Cron);

        RuleFor(c => c.Day).Must(d => d is >= 0 and <= 6)
            .When(c => c.FrequencyKind == ExportFrequencyKind.Weekly)
            .WithMessage("Choose the day of the week.");

        // Days 29 and 30 are missing from some months and cron cannot say "or the last day": 1 to 28, or the last day.
        RuleFor(c => c.Day).Must(d => d is (>= 1 and <= 28) or Scheduling.ExportCron.LastDayOfMonth)
            .When(c => c.FrequencyKind == ExportFrequencyKind.Monthly)
            .WithMessage("Choose a day of the month from 1 to 28, or the last day of the month.");

        RuleFor(c => c.TimeZoneId).Must(z => !string.IsNullOrWhiteSpace(z) && TimeZoneInfo.TryFindSystemTimeZoneById(z.Trim(), out _))
            .WithMessage(c => $"Unknown time zone \"{c.TimeZoneId}\": use a name such as UTC, Europe/Paris or America/New_York.");

        // One rule for every kind of frequency: the firings Quartz will make, stepped through (a "* * * * * ?" cron ran
        // back to back, 22 e-mails in 40 s). A cron Quartz refuses has its own message above.
        RuleFor(c => c).Custom((c, context) =>
        {
            var minimum = TimeSpan.FromMinutes(settings.MinimumIntervalMinutes);
            if (Scheduling.ExportCron.FiringsCloserThan(Probe(c), minimum, clock.GetUtcNow()) is not { } pair)
            {
                return;
            }

            var field = c.FrequencyKind switch
            {
                ExportFrequencyKind.Cron => nameof(c.Cron),
                ExportFrequencyKind.EveryHours => nameof(c.EveryHours),
                _ => nameof(c.FrequencyKind),
            };
            context.AddFailure(field,
                $"Exports run at most once every {Minutes(settings.MinimumIntervalMinutes)}: this schedule would run at " +
                $"{pair.First.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC and again " +
                $"{Gap(pair.Second - pair.First)} later. Choose a frequency with at least {Minutes(settings.MinimumIntervalMinutes)} between runs.");
        });

        RuleFor(c => c.NotificationEmails).CustomAsync(async (text, context, ct) =>
        {
            var addresses = ScheduleExportRules.Addresses(text);
            if (addresses.Count > settings.MaxNotificationRecipients)
            {
                context.AddFailure($"At most {settings.MaxNotificationRecipients} notification addresses.");
                return;
            }

            var wellFormed = new List<string>();
            foreach (var address in addresses)
            {
                if (!MailboxAddress.TryParse(address, out var parsed) || parsed.Address != address || parsed.Domain.Length == 0 || !address.Contains('.', StringComparison.Ordinal))
                {
                    context.AddFailure($"\"{address}\" is not an e-mail address.");
                }
                else
                {
                    wellFormed.Add(address);
                }
            }

            var domains = settings.AllowedRecipientDomains.Length == 0
                ? ""
                : $" or an address at {string.Join(", ", settings.AllowedRecipientDomains)}";
            foreach (var address in await recipients.NotAllowedAsync(wellFormed, ct))
            {
                context.AddFailure($"\"{address}\" is not a user of this portal: failure e-mails go only to the portal's users{domains}. " +
                    "Ask an Admin to add the person as a user, or to allow the domain (Exports:AllowedRecipientDomains).");
            }
        });
    }

    /// <summary>The frequency fields as a schedule, for <see cref="Scheduling.ExportCron"/>.</summary>
    private static ScheduledExport Probe(ScheduleExportCommand c) => new()
    {
        FrequencyKind = c.FrequencyKind,
        EveryHours = c.EveryHours,
        TimeOfDay = c.TimeOfDay,
        Day = c.Day,
        Cron = c.Cron?.Trim(),
        TimeZoneId = c.TimeZoneId.Trim(),
    };

    private static string Minutes(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} hour{(minutes == 60 ? "" : "s")}" : $"{minutes} minute{(minutes == 1 ? "" : "s")}";

    private static string Gap(TimeSpan gap) =>
        gap < TimeSpan.FromMinutes(1) ? $"{gap.TotalSeconds:0} second{(gap.TotalSeconds == 1 ? "" : "s")}"
        : $"{gap.TotalMinutes:0} minute{(gap.TotalMinutes == 1 ? "" : "s")}";
}
