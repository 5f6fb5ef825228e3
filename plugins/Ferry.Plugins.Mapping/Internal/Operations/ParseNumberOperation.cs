using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>
/// parse_number: a string in number syntax (<c>[+-]digits[.digits][e[+-]digits]</c>, nothing else) into an Integer,
/// Float or Decimal (option <c>as</c>), never losing digits silently: an integer beyond 64 bits, an integer a double
/// cannot hold exactly (as: float), more digits than a decimal holds (as: decimal), or overflow to infinity or
/// underflow to zero fail the record. A fraction in float form is the nearest double, as every JSON parser reads it.
/// A value that already is a number of the requested kind (any kind for auto) is left as it is.
/// </summary>
internal sealed class ParseNumberOperation : ValueOperation
{
    private readonly NumberTarget _target;

    public ParseNumberOperation(NumberTarget target)
    {
        _target = target;
    }

    public override string Name => "parse_number";

    public override bool KeepsStrings => false;

    public override MetadataValue Apply(MetadataValue value)
    {
        if (value.Kind is MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal)
        {
            return _target == NumberTarget.Auto || value.Kind == KindOf(_target)
                ? value
                : throw new MappingValueException($"parse_number (as: {Lower(_target)}) reads strings; the value already is {Describe(value)}");
        }

        if (value.Kind != MetadataKind.String)
        {
            throw Unsupported(value, "a string");
        }

        var text = value.AsString();
        if (!ExactNumber.IsNumber(text))
        {
            throw new MappingValueException($"'{Clip(text)}' is not a number (digits with an optional sign, fraction and exponent; no spaces, no thousands separators)");
        }

        var integral = ExactNumber.IsIntegerSyntax(text);
        return _target switch
        {
            NumberTarget.Auto => integral ? Integer(text) : Float(text),
            NumberTarget.Integer => integral ? Integer(text) : throw new MappingValueException($"'{Clip(text)}' is not an integer"),
            NumberTarget.Float => Float(text),
            _ => Decimal(text),
        };
    }

    public override MetadataKind? ResultKind(MetadataKind? input) => _target switch
    {
        NumberTarget.Auto => input is MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal ? input : null,
        _ => KindOf(_target),
    };

    private static MetadataValue Integer(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? MetadataValue.FromInteger(value)
            : throw new MappingValueException($"'{Clip(text)}' is beyond the 64-bit integer range; use as: decimal");

    private static MetadataValue Float(string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new MappingValueException($"'{Clip(text)}' is beyond the range of a float (64-bit)");
        }

        if (value == 0 && !ExactNumber.Parse(text).Mantissa.IsZero)
        {
            throw new MappingValueException($"'{Clip(text)}' is too small for a float (64-bit): it would become 0");
        }

        if (ExactNumber.IsIntegerSyntax(text) && !ExactNumber.Equals(text, value))
        {
            throw new MappingValueException($"'{Clip(text)}' cannot be held exactly by a float (64-bit); use as: integer or as: decimal");
        }

        return MetadataValue.FromFloat(value);
    }

    private static MetadataValue Decimal(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !ExactNumber.Equals(text, value))
        {
            throw new MappingValueException($"'{Clip(text)}' cannot be held exactly by a decimal (at most 28 significant digits and 28 decimal places)");
        }

        return MetadataValue.FromDecimal(value);
    }

    private static MetadataKind KindOf(NumberTarget target) => target switch
    {
        NumberTarget.Integer => MetadataKind.Integer,
        NumberTarget.Float => MetadataKind.Float,
        _ => MetadataKind.Decimal,
    };

    private static string Lower(NumberTarget target) => target.ToString().ToLowerInvariant();

    private static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
