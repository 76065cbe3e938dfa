using AdminPortal.Cli.Api;
using AdminPortal.Cli.ExportConfigs;

namespace AdminPortal.Cli.Output;

/// <summary>The portal's problem details as a person reads them: title, detail, then each field's messages.</summary>
public static class ProblemPrinter
{
    /// <param name="plan">When the request came from an exportConfig file: field errors name the file's field and line.</param>
    public static void Write(TextWriter error, PortalRefusedException refused, ExportConfigPlan? plan = null)
    {
        var problem = refused.Problem;
        error.WriteLine($"Error: {problem.Title ?? "The portal refused the request."} ({refused.Status})");
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            error.WriteLine($"  {problem.Detail}");
        }

        foreach (var (field, messages) in problem.Errors ?? [])
        {
            var label = Label(field, plan);
            foreach (var message in messages)
            {
                error.WriteLine(label.Length == 0 ? $"  {message}" : $"  {label}: {message}");
            }
        }
    }

    private static string Label(string apiField, ExportConfigPlan? plan)
    {
        if (plan?.FieldFor(apiField) is { } field)
        {
            return $"{plan.Document.File} line {field.Line}, {field.Name}";
        }

        return apiField;
    }
}
