using System.Globalization;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Records;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>
/// Typed values in YAML. Writing: strings plain only when they cannot be read as anything else, double-quoted
/// otherwise; integers and floats plain (a float always with a fraction or exponent, <c>.nan</c>, <c>.inf</c>);
/// timestamps <c>!!timestamp</c>, bytes <c>!!binary</c>, decimals <c>!decimal</c>, NaN payloads <c>!f64</c>. Reading:
/// the tag wins; a quoted scalar is a string; a plain one resolves by the YAML 1.2 core schema (null, bool, int,
/// float, else string).
/// </summary>
internal static class YamlScalars
{
    private static readonly TagName NoTag = TagName.Empty;

    public static void Emit(IEmitter emitter, MetadataValue value)
    {
        switch (value.Kind)
        {
            case MetadataKind.Null:
                Plain(emitter, "null");
                break;
            case MetadataKind.Bool:
                Plain(emitter, value.AsBool() ? "true" : "false");
                break;
            case MetadataKind.Integer:
                Plain(emitter, value.AsInteger().ToString(CultureInfo.InvariantCulture));
                break;
            case MetadataKind.Float:
                EmitFloat(emitter, value.AsFloat());
                break;
            case MetadataKind.Decimal:
                Tagged(emitter, YamlTags.Decimal, MetadataText.FormatDecimal(value.AsDecimal()));
                break;
            case MetadataKind.String:
                EmitString(emitter, value.AsString());
                break;
            case MetadataKind.Timestamp:
                Tagged(emitter, YamlTags.Timestamp, MetadataText.FormatTimestamp(value.AsTimestamp()));
                break;
            case MetadataKind.Bytes:
                Tagged(emitter, YamlTags.Binary, Convert.ToBase64String(value.AsBytes().Span));
                break;
            case MetadataKind.Array:
                var items = value.AsArray();
                emitter.Emit(new SequenceStart(AnchorName.Empty, NoTag, true, items.Count == 0 || IsFlat(items) ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case MetadataKind.Object:
                var entries = value.AsObject();
                emitter.Emit(new MappingStart(AnchorName.Empty, NoTag, true, entries.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, item) in entries)
                {
                    EmitString(emitter, key);
                    Emit(emitter, item);
                }

                emitter.Emit(new MappingEnd());
                break;
        }
    }

    public static void EmitFloat(IEmitter emitter, double value)
    {
        if (double.IsNaN(value))
        {
            if (BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(double.NaN))
            {
                Plain(emitter, ".nan");
            }
            else
            {
                Tagged(emitter, YamlTags.RawFloat64, MetadataText.FormatFloatBits(value));
            }
        }
        else if (double.IsInfinity(value))
        {
            Plain(emitter, value > 0 ? ".inf" : "-.inf");
        }
        else
        {
            Plain(emitter, MetadataText.FormatFloat(value));
        }
    }

    public static void EmitString(IEmitter emitter, string text)
    {
        if (!Utf16.IsValid(text))
        {
            throw new FormatException("a string is not valid UTF-16 (lone surrogate), which YAML cannot carry");
        }

        emitter.Emit(new Scalar(AnchorName.Empty, NoTag, text, IsPlainSafe(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, true, true));
    }

    public static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, NoTag, text, ScalarStyle.Plain, true, true));

    public static void Tagged(IEmitter emitter, string tag, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, new TagName(tag), text, ScalarStyle.Plain, false, false));

    /// <summary>The value of a scalar event, typed by its tag or, untagged and plain, by the core schema.</summary>
    public static MetadataValue Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            return scalar.Tag.Value switch
            {
                YamlTags.Str => MetadataValue.FromString(text),
                YamlTags.Null => MetadataValue.Null,
                YamlTags.Bool => ResolvePlain(text) is { Kind: MetadataKind.Bool } b ? b : throw Bad(scalar, "a boolean"),
                YamlTags.Int => ResolvePlain(text) is { Kind: MetadataKind.Integer } i ? i : throw Bad(scalar, "an integer"),
                YamlTags.Float => ParseFloat(text) is { } f ? MetadataValue.FromFloat(f) : throw Bad(scalar, "a float"),
                YamlTags.RawFloat64 => MetadataText.TryParseFloatBits(text, out var bits) ? MetadataValue.FromFloat(bits) : throw Bad(scalar, "0x and 16 hex digits"),
                YamlTags.Decimal => MetadataText.TryParseDecimal(text, out var d) ? MetadataValue.FromDecimal(d) : throw Bad(scalar, "a decimal"),
                YamlTags.Timestamp => MetadataText.TryParseTimestamp(text, out var ts) ? MetadataValue.FromTimestamp(ts) : throw Bad(scalar, "a timestamp"),
                YamlTags.Binary => MetadataValue.FromBytes(FromBase64(text, scalar)),
                _ => MetadataValue.FromString(text),
            };
        }

        return scalar.Style is ScalarStyle.Plain && scalar.Tag.IsEmpty ? ResolvePlain(text) : MetadataValue.FromString(text);
    }

    /// <summary>The YAML 1.2 core schema for a plain scalar.</summary>
    public static MetadataValue ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return MetadataValue.Null;
            case "true" or "True" or "TRUE":
                return MetadataValue.True;
            case "false" or "False" or "FALSE":
                return MetadataValue.False;
        }

        if (IsInteger(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return MetadataValue.FromInteger(integer);
            }

            return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)
                ? MetadataValue.FromDecimal(big)
                : MetadataValue.FromFloat(double.Parse(text, CultureInfo.InvariantCulture));
        }

        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o'))
        {
            var style = text[1] == 'x' ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
            if (text[1] == 'x' && long.TryParse(text.AsSpan(2), style, CultureInfo.InvariantCulture, out var hex))
            {
                return MetadataValue.FromInteger(hex);
            }

            if (text[1] == 'o' && IsOctal(text.AsSpan(2)))
            {
                return MetadataValue.FromInteger(Convert.ToInt64(text[2..], 8));
            }
        }

        return ParseFloat(text) is { } f && LooksLikeFloat(text) ? MetadataValue.FromFloat(f) : MetadataValue.FromString(text);
    }

    public static double? ParseFloat(string text) => text switch
    {
        ".nan" or ".NaN" or ".NAN" => double.NaN,
        ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
        "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
    };

    /// <summary>A string written plain reads back as this string: letters, digits, spaces and a few marks, and not a word of another type.</summary>
    public static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || text.Length > 200 || !char.IsAsciiLetter(text[0]) || text[^1] == ' ')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '/'))
            {
                return false;
            }
        }

        return ResolvePlain(text).Kind == MetadataKind.String
            && text.ToLowerInvariant() is not ("yes" or "no" or "on" or "off" or "y" or "n");
    }

    private static bool IsInteger(string text)
    {
        var span = text.AsSpan();
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOctal(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }

    /// <summary>The core schema's float pattern: digits with a fraction and/or exponent (no words like Infinity).</summary>
    private static bool LooksLikeFloat(string text)
    {
        var sawDigit = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                sawDigit = true;
            }
            else if (c is not ('.' or 'e' or 'E' or '-' or '+'))
            {
                return text is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF";
            }
        }

        return sawDigit || text is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF";
    }

    private static bool IsFlat(IReadOnlyList<MetadataValue> items)
    {
        foreach (var item in items)
        {
            if (item.Kind is MetadataKind.Array or MetadataKind.Object || (item.Kind == MetadataKind.String && !IsPlainSafe(item.AsString())))
            {
                return false;
            }
        }

        return items.Count <= 16;
    }

    private static byte[] FromBase64(string text, Scalar scalar)
    {
        try
        {
            return Convert.FromBase64String(text.Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            throw Bad(scalar, "base64");
        }
    }

    private static FormatException Bad(Scalar scalar, string what) =>
        new($"line {scalar.Start.Line}: '{(scalar.Value.Length > 40 ? scalar.Value[..40] + "…" : scalar.Value)}' tagged {scalar.Tag.Value} is not {what}");
}
