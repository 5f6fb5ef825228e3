using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>
/// Applies a <see cref="MappingSpec"/> to one record, in the documented order: rename (all at once, so swaps work),
/// transforms (in order; absent and null fields are skipped), include/exclude, defaults (for absent or null fields).
/// Deterministic: the result depends on the record and the spec only.
/// </summary>
internal sealed class RecordMapper
{
    private readonly MappingSpec _spec;

    public RecordMapper(MappingSpec spec)
    {
        _spec = spec;
    }

    /// <summary>Maps the record in place, or returns why it cannot be mapped (the record is then left unchanged).</summary>
    public RecordFailure? Apply(Record record)
    {
        var state = new MappingState(record);
        FieldRef? field = null;
        long line = 0;
        string step = "rename";
        try
        {
            var renames = _spec.Renames;
            if (renames.Count > 0)
            {
                var values = new MetadataValue?[renames.Count];
                for (var i = 0; i < renames.Count; i++)
                {
                    values[i] = state.Get(renames[i].From);
                }

                for (var i = 0; i < renames.Count; i++)
                {
                    if (values[i] is not null)
                    {
                        state.Remove(renames[i].From);
                    }
                }

                for (var i = 0; i < renames.Count; i++)
                {
                    if (values[i] is { } value)
                    {
                        field = renames[i].To;
                        line = renames[i].Line;
                        state.Set(renames[i].To, value);
                    }
                }
            }

            foreach (var rule in _spec.Transforms)
            {
                step = rule.Operation.Name;
                line = rule.Line;
                foreach (var target in rule.Fields)
                {
                    field = target;
                    var value = state.Get(target);
                    if (value is null || value.IsNull)
                    {
                        continue;
                    }

                    state.Set(target, rule.Operation.Apply(value));
                }
            }

            state.Filter(_spec);
            step = "defaults";
            foreach (var rule in _spec.Defaults)
            {
                field = rule.Field;
                line = rule.Line;
                var current = state.Get(rule.Field);
                if (current is null || current.IsNull)
                {
                    state.Set(rule.Field, rule.Value);
                }
            }
        }
        catch (MappingValueException e)
        {
            return new RecordFailure(record.Id, $"record '{record.Id}', field '{field}': {step} ({_spec.Name}, line {line}): {e.Message}")
            {
                Field = field?.ToString(),
                Record = record,
            };
        }

        state.CommitTo(record);
        return null;
    }
}
