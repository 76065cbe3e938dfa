using AdminPortal.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Security.Secrets;

public static class SecretsServices
{
    /// <summary>Registers the master key ring (loaded, and the key file created, at start), the protector and the rotation.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        // Settings: validated at start, messages never repeat a key
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();

        // Keys: settings, else keys/secrets.key beside the data folder (MasterKeyRing.KeyFilePath)
        services.AddSingleton(sp => MasterKeyRing.Load(
            sp.GetRequiredService<IOptions<SecretsOptions>>().Value,
            Path.GetDirectoryName(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.FullPath)!,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<MasterKeyRing>()));
        services.AddHostedService<MasterKeyRingStartup>();

        // Use cases; stores of secrets register themselves as ISecretStore
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<SecretRotation>();
        return services;
    }
}
