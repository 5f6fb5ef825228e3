using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Manifests;

/// <summary>Source-generated JSON (de)serialization of manifests: snake_case names, enums as snake_case strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ManifestJsonContext.KindConverter), typeof(ManifestJsonContext.MetricConverter)])]
[JsonSerializable(typeof(Manifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
    internal sealed class KindConverter() : JsonStringEnumConverter<MetadataKind>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    internal sealed class MetricConverter() : JsonStringEnumConverter<DistanceMetric>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
}
