using AdminPortal.Core.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace AdminPortal.Web.Components.Shared;

/// <summary>Puts a use case's messages on the form: per field where the field exists, the rest on the form.</summary>
public static class FormErrors
{
    public static IReadOnlyList<string> Apply(EditContext context, ValidationMessageStore store, Result result)
    {
        store.Clear();
        var general = new List<string>();
        foreach (var (field, messages) in result.Errors)
        {
            if (field.Length > 0 && context.Model.GetType().GetProperty(field) is not null)
            {
                store.Add(context.Field(field), messages);
            }
            else
            {
                general.AddRange(messages);
            }
        }

        context.NotifyValidationStateChanged();
        return general;
    }
}
