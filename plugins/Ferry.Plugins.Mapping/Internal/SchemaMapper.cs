using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>The target schema after a mapping: metadata fields renamed, re-typed, filtered and defaulted; text and title presence updated.</summary>
internal static class SchemaMapper
{
    public static DatasetSchema Apply(MappingSpec spec, DatasetSchema input)
    {
        var fields = new List<MetadataField>(input.Metadata);
        var hasText = input.HasText;
        var hasTitle = input.HasTitle;

        var moved = new List<(FieldRef To, MetadataKind? Kind)>();
        foreach (var rename in spec.Renames)
        {
            MetadataKind? kind = MetadataKind.String;
            switch (rename.From.Kind)
            {
                case FieldKind.Metadata:
                    var index = fields.FindIndex(f => f.Name == rename.From.Key);
                    if (index < 0)
                    {
                        continue;
                    }

                    kind = fields[index].Kind;
                    fields.RemoveAt(index);
                    break;
                case FieldKind.Text:
                    if (!hasText)
                    {
                        continue;
                    }

                    hasText = false;
                    break;
                case FieldKind.Title:
                    if (!hasTitle)
                    {
                        continue;
                    }

                    hasTitle = false;
                    break;
            }

            moved.Add((rename.To, kind));
        }

        foreach (var (to, kind) in moved)
        {
            switch (to.Kind)
            {
                case FieldKind.Text: hasText = true; break;
                case FieldKind.Title: hasTitle = true; break;
                case FieldKind.Metadata:
                    fields.RemoveAll(f => f.Name == to.Key);
                    fields.Add(new MetadataField(to.Key, kind));
                    break;
            }
        }

        foreach (var rule in spec.Transforms)
        {
            foreach (var field in rule.Fields)
            {
                var index = field.Kind == FieldKind.Metadata ? fields.FindIndex(f => f.Name == field.Key) : -1;
                if (index >= 0)
                {
                    var kind = rule.Operation.ResultKind(fields[index].Kind);
                    fields[index] = fields[index] with
                    {
                        Kind = kind,
                        ItemKind = kind == MetadataKind.Array ? (fields[index].Kind == MetadataKind.Array ? fields[index].ItemKind : MetadataKind.String) : null,
                    };
                }
            }
        }

        fields.RemoveAll(f => !spec.Keeps(f.Name));
        foreach (var rule in spec.Defaults)
        {
            switch (rule.Field.Kind)
            {
                case FieldKind.Text: hasText = true; break;
                case FieldKind.Title: hasTitle = true; break;
                case FieldKind.Metadata:
                    var index = fields.FindIndex(f => f.Name == rule.Field.Key);
                    var kind = rule.Value.IsNull ? (MetadataKind?)null : rule.Value.Kind;
                    if (index < 0)
                    {
                        fields.Add(new MetadataField(rule.Field.Key, kind) { Nullable = rule.Value.IsNull });
                    }
                    else if (!rule.Value.IsNull)
                    {
                        fields[index] = fields[index] with { Kind = fields[index].Kind == kind ? kind : null, Nullable = false };
                    }

                    break;
            }
        }

        return input with { Metadata = fields, HasText = hasText, HasTitle = hasTitle };
    }
}
