using System.Text;

namespace Ferry.Arrow;

/// <summary>A struct: one child field per member. Field names need not be unique.</summary>
public sealed class StructType : ArrowType
{
    private readonly Field[] _fields;

    /// <summary>Creates the type.</summary>
    public StructType(IReadOnlyList<Field> fields)
        : base(ArrowTypeId.Struct)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new Field[fields.Count];
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i] = fields[i] ?? throw new ArgumentException("Struct fields must not be null.", nameof(fields));
        }
    }

    /// <summary>The member fields.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <inheritdoc/>
    public override IReadOnlyList<Field> Children => _fields;

    /// <summary>Index of the first member with this name, or -1.</summary>
    public int GetFieldIndex(string name)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other)
    {
        if (other is not StructType s || s._fields.Length != _fields.Length)
        {
            return false;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (!_fields[i].EqualsIgnoringMetadata(s._fields[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, _fields.Length);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder("struct<");
        for (var i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_fields[i]);
        }

        return sb.Append('>').ToString();
    }
}
