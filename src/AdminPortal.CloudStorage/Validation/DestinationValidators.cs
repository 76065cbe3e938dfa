using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

/// <summary>Validates any destination by its cloud.</summary>
public sealed class StorageDestinationValidator : AbstractValidator<StorageDestination>
{
    public StorageDestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d).SetInheritanceValidator(v =>
        {
            v.Add(new S3DestinationValidator());
            v.Add(new AzureBlobDestinationValidator());
            v.Add(new GcsDestinationValidator());
        });
    }
}

public sealed class S3DestinationValidator : AbstractValidator<S3Destination>
{
    public S3DestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.Bucket).S3BucketName();
        RuleFor(d => d.Prefix).ObjectPrefix();
        RuleFor(d => d.ServiceUrl).HttpUrl("service URL");
        // S3-compatible stores name regions freely ("auto", "garage"); AWS itself has a fixed shape.
        RuleFor(d => d.Region).AwsRegion().When(d => !d.CompatibilityMode);
        RuleFor(d => d.Region).NotEmpty().WithMessage("Enter the region the store expects (often us-east-1).").When(d => d.CompatibilityMode);
        RuleFor(d => d.Auth).NotNull().WithMessage("Choose an access key pair or a role to assume.");
        RuleFor(d => d.Auth).SetInheritanceValidator(v =>
        {
            v.Add<S3AccessKeyAuth>(d => new S3AccessKeyAuthValidator(d.CompatibilityMode));
            v.Add<S3AssumeRoleAuth>(d => new S3AssumeRoleAuthValidator(d.CompatibilityMode));
        });
    }
}

public sealed class S3AccessKeyAuthValidator : AbstractValidator<S3AccessKeyAuth>
{
    public S3AccessKeyAuthValidator(bool compatibilityMode)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        if (compatibilityMode)
        {
            RuleFor(a => a.AccessKeyId).NotEmpty().WithMessage("Enter the access key id.");
        }
        else
        {
            RuleFor(a => a.AccessKeyId).AwsAccessKeyId();
        }

        RuleFor(a => a.SecretAccessKey).NotEmpty().WithMessage("Enter the secret access key.");
    }
}

public sealed class S3AssumeRoleAuthValidator : AbstractValidator<S3AssumeRoleAuth>
{
    public S3AssumeRoleAuthValidator(bool compatibilityMode)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.RoleArn).AwsRoleArn();
        RuleFor(a => a.ExternalId).AwsExternalId();
        RuleFor(a => a.StsServiceUrl).HttpUrl("STS endpoint");
        RuleFor(a => a.BaseCredentials!).SetValidator(new S3AccessKeyAuthValidator(compatibilityMode)).When(a => a.BaseCredentials is not null);
    }
}

public sealed class AzureBlobDestinationValidator : AbstractValidator<AzureBlobDestination>
{
    public AzureBlobDestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.AccountName).AzureStorageAccountName();
        RuleFor(d => d.Container).AzureContainerName();
        RuleFor(d => d.Prefix).ObjectPrefix();
        RuleFor(d => d.EndpointUrl).HttpUrl("endpoint URL");
        RuleFor(d => d.Auth).NotNull().WithMessage("Choose an account key, a SAS token or an application.");
        RuleFor(d => d.Auth).SetInheritanceValidator(v =>
        {
            v.Add(new AzureSharedKeyAuthValidator());
            v.Add(new AzureSasAuthValidator());
            v.Add(new AzureClientSecretAuthValidator());
        });
    }
}

public sealed class AzureSharedKeyAuthValidator : AbstractValidator<AzureSharedKeyAuth>
{
    public AzureSharedKeyAuthValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.AccountKey).Base64Key("account key");
    }
}

public sealed class AzureSasAuthValidator : AbstractValidator<AzureSasAuth>
{
    public AzureSasAuthValidator() => RuleFor(a => a.SasToken)
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("Paste the SAS token.")
        .Must(token => token.Contains("sv=", StringComparison.Ordinal) && token.Contains("sig=", StringComparison.Ordinal))
            .WithMessage("A SAS token is the query part of a SAS URL and contains sv= and sig= (for example sv=2025-11-05&ss=b&...&sig=...).");
}

public sealed class AzureClientSecretAuthValidator : AbstractValidator<AzureClientSecretAuth>
{
    public AzureClientSecretAuthValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.TenantId).TenantId();
        RuleFor(a => a.ClientId).GuidValue("application (client) id");
        RuleFor(a => a.ClientSecret).NotEmpty().WithMessage("Enter the client secret.");
    }
}

public sealed class GcsDestinationValidator : AbstractValidator<GcsDestination>
{
    public GcsDestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.Bucket).GcsBucketName();
        RuleFor(d => d.Prefix).ObjectPrefix();
        RuleFor(d => d.EndpointUrl).HttpUrl("endpoint URL");
        RuleFor(d => d.Auth).NotNull().WithMessage("Paste the service account's JSON key.");
        RuleFor(d => d.Auth).Must((d, auth) => auth is not GcsAnonymousAuth || d.EndpointUrl is not null)
            .WithMessage("Google Cloud Storage needs a service account key; only an emulator endpoint works without one.");
        RuleFor(d => d.Auth).SetInheritanceValidator(v => v.Add(new GcsServiceAccountKeyAuthValidator()));
    }
}

public sealed class GcsServiceAccountKeyAuthValidator : AbstractValidator<GcsServiceAccountKeyAuth>
{
    public GcsServiceAccountKeyAuthValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.KeyJson).ServiceAccountKeyJson();
    }
}
