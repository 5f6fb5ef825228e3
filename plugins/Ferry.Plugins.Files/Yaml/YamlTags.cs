namespace Ferry.Plugins.Files.Yaml;

/// <summary>The tags of Ferry's YAML (docs/formats.md, "YAML"): the YAML 1.2 core ones, plus local tags for the kinds YAML lacks.</summary>
internal static class YamlTags
{
    public const string Str = "tag:yaml.org,2002:str";
    public const string Int = "tag:yaml.org,2002:int";
    public const string Float = "tag:yaml.org,2002:float";
    public const string Bool = "tag:yaml.org,2002:bool";
    public const string Null = "tag:yaml.org,2002:null";
    public const string Timestamp = "tag:yaml.org,2002:timestamp";
    public const string Binary = "tag:yaml.org,2002:binary";

    /// <summary>An exact decimal, scale kept: <c>!decimal 12.3400</c>.</summary>
    public const string Decimal = "!decimal";

    /// <summary>A double by its raw bits, for NaN payloads: <c>!f64 0x7FF8000000000ABC</c>.</summary>
    public const string RawFloat64 = "!f64";

    /// <summary>A float32 vector by its little-endian bytes in base64, when a component is NaN or infinite: <c>!f32 AADAfw==</c>.</summary>
    public const string RawFloat32 = "!f32";
}
