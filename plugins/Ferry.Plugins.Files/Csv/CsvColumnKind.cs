namespace Ferry.Plugins.Files.Csv;

/// <summary>What a CSV column holds.</summary>
internal enum CsvColumnKind
{
    Id,
    Title,
    Text,
    Collection,
    RecordType,
    Vector,
    Metadata,
    Extra,
}
