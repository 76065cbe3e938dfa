using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>The portal refused what an exportConfig file asked for: its field errors are shown against the file's lines.</summary>
public sealed class ExportConfigRefusedException(PortalRefusedException refused, ExportConfigPlan plan) : Exception(refused.Message, refused)
{
    public PortalRefusedException Refused { get; } = refused;

    public ExportConfigPlan Plan { get; } = plan;
}
