namespace Ferry.Arrow.Ipc;

/// <summary>
/// Decides which dictionary batches precede a record batch. Ids follow the pre-order numbering of
/// <see cref="SchemaSerializer"/>; inner dictionaries (inside another dictionary's values) are
/// emitted before the outer one, because decoding the outer needs them.
/// </summary>
internal sealed class DictionaryWriter
{
    private readonly bool _isFile;
    private readonly Dictionary<long, ArrowArray> _written = [];
    private readonly Dictionary<long, ArrowArray> _pending = [];

    public DictionaryWriter(bool isFile) => _isFile = isFile;

    public List<(long Id, ArrowArray Values, bool IsDelta)> Collect(RecordBatch batch)
    {
        // Decisions are staged and committed only when the whole batch is accepted, so a refused
        // batch leaves the writer's dictionary state untouched.
        var output = new List<(long, ArrowArray, bool)>();
        _pending.Clear();
        var counter = 0L;
        for (var i = 0; i < batch.ColumnCount; i++)
        {
            Walk(batch.Column(i), batch.Schema.Fields[i], ref counter, output);
        }

        foreach (var (id, dictionary) in _pending)
        {
            _written[id] = dictionary;
        }

        return output;
    }

    private void Walk(ArrowArray array, Field field, ref long counter, List<(long, ArrowArray, bool)> output)
    {
        switch (field.Type)
        {
            case DictionaryType dt:
                {
                    var id = counter++;
                    var dictionary = ((DictionaryArray)array).Dictionary;
                    WalkChildren(dictionary, dt.ValueType, ref counter, output);
                    Decide(id, dictionary, field, output);
                    break;
                }

            default:
                WalkChildren(array, field.Type, ref counter, output);
                break;
        }
    }

    private void WalkChildren(ArrowArray array, ArrowType type, ref long counter, List<(long, ArrowArray, bool)> output)
    {
        switch (type)
        {
            case ListType lt:
                Walk(((ListArray)array).Values, lt.ValueField, ref counter, output);
                break;
            case MapType mt:
                Walk(((MapArray)array).Values, mt.EntriesField, ref counter, output);
                break;
            case FixedSizeListType ft:
                Walk(((FixedSizeListArray)array).Values, ft.ValueField, ref counter, output);
                break;
            case StructType st:
                {
                    var s = (StructArray)array;
                    for (var i = 0; i < st.Fields.Count; i++)
                    {
                        Walk(s.GetChild(i), st.Fields[i], ref counter, output);
                    }

                    break;
                }

            default:
                break;
        }
    }

    private void Decide(long id, ArrowArray dictionary, Field field, List<(long, ArrowArray, bool)> output)
    {
        if (!_pending.TryGetValue(id, out var previous) && !_written.TryGetValue(id, out previous))
        {
            output.Add((id, dictionary, false));
        }
        else if (ReferenceEquals(previous, dictionary))
        {
            return;
        }
        else if (dictionary.Length >= previous.Length && ArrayEquality.Equals(previous, dictionary.Slice(0, previous.Length)))
        {
            if (dictionary.Length == previous.Length)
            {
                _pending[id] = dictionary;
                return;
            }

            output.Add((id, dictionary.Slice(previous.Length, dictionary.Length - previous.Length), true));
        }
        else if (_isFile)
        {
            throw new InvalidOperationException(
                $"The dictionary of field '{field.Name}' changed to one that does not extend the previous one. "
                + "The Arrow file format cannot replace a dictionary; keep one growing dictionary per file "
                + "(e.g. one StringDictionaryArrayBuilder) or use the stream format.");
        }
        else
        {
            output.Add((id, dictionary, false));
        }

        _pending[id] = dictionary;
    }
}
