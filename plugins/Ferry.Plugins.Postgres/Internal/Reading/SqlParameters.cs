using System.Globalization;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>Positional parameters (<c>$1</c>, <c>$2</c>, …) collected while a statement is built.</summary>
internal sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> _items = [];

    public IReadOnlyList<NpgsqlParameter> Items => _items;

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Add(NpgsqlParameter parameter)
    {
        _items.Add(parameter);
        return "$" + _items.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Adds a typed value and returns its placeholder.</summary>
    public string AddValue<T>(T value) => Add(new NpgsqlParameter<T> { TypedValue = value });

    /// <summary>Copies the parameters into a command.</summary>
    public void CopyTo(NpgsqlCommand command)
    {
        foreach (var parameter in _items)
        {
            command.Parameters.Add(parameter.Clone());
        }
    }
}
