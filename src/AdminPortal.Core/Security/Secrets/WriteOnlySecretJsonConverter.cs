using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>Reads a typed secret from JSON; writes only the mask.</summary>
public sealed class WriteOnlySecretJsonConverter : JsonConverter<WriteOnlySecret>
{
    public override WriteOnlySecret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WriteOnlySecret.FromInput(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());

    public override void Write(Utf8JsonWriter writer, WriteOnlySecret value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
