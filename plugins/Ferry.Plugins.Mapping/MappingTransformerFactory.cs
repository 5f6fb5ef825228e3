using Ferry.Plugins.Mapping.Internal;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Mapping;

/// <summary>
/// Creates field-mapping transformers from a YAML spec (docs/mapping.md): <c>ferry migrate … --transform mapping.yaml</c>
/// (the location is the spec file), or in a job file <c>transformers: [ ./mapping.yaml ]</c>, or
/// <c>{ name: mapping, options: { spec: "…yaml…" } }</c> for an inline spec.
/// </summary>
[TransformerExport("mapping", Extensions = [".yaml", ".yml"], Description = "Field mapping declared in YAML: rename, include/exclude, typed defaults, trim/lowercase/uppercase/split/join/parse_number/parse_date/to_string.")]
public sealed class MappingTransformerFactory : TransformerFactory
{
    /// <inheritdoc />
    public override Transformer Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var key in context.Options.Values.Keys)
        {
            if (!string.Equals(key, "spec", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConnectorConfigurationException($"Unknown option '{key}' for the mapping transformer. Known: spec.");
            }
        }

        if (context.Options.Get("spec") is { } inline)
        {
            using var reader = new StringReader(inline);
            return new MappingTransformer(MappingSpecParser.Parse(reader, MappingSpecParser.InlineName));
        }

        var location = context.Location;
        if (location.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || location.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(location))
        {
            return new MappingTransformer(MappingSpecParser.Load(location));
        }

        throw new ConnectorConfigurationException(
            $"The mapping transformer needs a spec: a YAML file (--transform ./mapping.yaml) or the option spec in a job file; got '{location}'.");
    }
}
