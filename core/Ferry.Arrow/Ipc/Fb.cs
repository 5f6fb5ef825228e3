namespace Ferry.Arrow.Ipc;

/// <summary>Slot numbers and enum values of Schema.fbs, Message.fbs and File.fbs (Arrow format 1.x).
/// A union field takes two slots: its type tag, then its value.</summary>
internal static class Fb
{
    public const short MetadataV4 = 3;
    public const short MetadataV5 = 4;

    // union Type
    public const byte TypeNone = 0;
    public const byte TypeNull = 1;
    public const byte TypeInt = 2;
    public const byte TypeFloatingPoint = 3;
    public const byte TypeBinary = 4;
    public const byte TypeUtf8 = 5;
    public const byte TypeBool = 6;
    public const byte TypeDecimal = 7;
    public const byte TypeDate = 8;
    public const byte TypeTime = 9;
    public const byte TypeTimestamp = 10;
    public const byte TypeInterval = 11;
    public const byte TypeList = 12;
    public const byte TypeStruct = 13;
    public const byte TypeUnion = 14;
    public const byte TypeFixedSizeBinary = 15;
    public const byte TypeFixedSizeList = 16;
    public const byte TypeMap = 17;
    public const byte TypeDuration = 18;
    public const byte TypeLargeBinary = 19;
    public const byte TypeLargeUtf8 = 20;
    public const byte TypeLargeList = 21;
    public const byte TypeRunEndEncoded = 22;
    public const byte TypeBinaryView = 23;
    public const byte TypeUtf8View = 24;
    public const byte TypeListView = 25;
    public const byte TypeLargeListView = 26;

    // union MessageHeader
    public const byte HeaderSchema = 1;
    public const byte HeaderDictionaryBatch = 2;
    public const byte HeaderRecordBatch = 3;
    public const byte HeaderTensor = 4;
    public const byte HeaderSparseTensor = 5;

    // table Field
    public const int FieldName = 0;
    public const int FieldNullable = 1;
    public const int FieldTypeType = 2;
    public const int FieldType = 3;
    public const int FieldDictionary = 4;
    public const int FieldChildren = 5;
    public const int FieldCustomMetadata = 6;
    public const int FieldSlots = 7;

    // table Schema
    public const int SchemaEndianness = 0;
    public const int SchemaFields = 1;
    public const int SchemaCustomMetadata = 2;
    public const int SchemaFeatures = 3;
    public const int SchemaSlots = 4;

    // table KeyValue
    public const int KeyValueKey = 0;
    public const int KeyValueValue = 1;

    // table DictionaryEncoding
    public const int DictId = 0;
    public const int DictIndexType = 1;
    public const int DictIsOrdered = 2;
    public const int DictKind = 3;

    // table Message
    public const int MessageVersion = 0;
    public const int MessageHeaderType = 1;
    public const int MessageHeader = 2;
    public const int MessageBodyLength = 3;
    public const int MessageCustomMetadata = 4;
    public const int MessageSlots = 5;

    // table RecordBatch
    public const int BatchLength = 0;
    public const int BatchNodes = 1;
    public const int BatchBuffers = 2;
    public const int BatchCompression = 3;
    public const int BatchVariadicCounts = 4;
    public const int BatchSlots = 5;

    // table DictionaryBatch
    public const int DictBatchId = 0;
    public const int DictBatchData = 1;
    public const int DictBatchIsDelta = 2;
    public const int DictBatchSlots = 3;

    // table BodyCompression
    public const int CompressionCodec = 0;

    // table Footer
    public const int FooterVersion = 0;
    public const int FooterSchema = 1;
    public const int FooterDictionaries = 2;
    public const int FooterRecordBatches = 3;
    public const int FooterCustomMetadata = 4;
    public const int FooterSlots = 5;

    // struct sizes
    public const int FieldNodeSize = 16;
    public const int BufferSize = 16;
    public const int BlockSize = 24;

    public static string TypeName(byte type) => type switch
    {
        TypeNone => "NONE",
        TypeNull => "Null",
        TypeInt => "Int",
        TypeFloatingPoint => "FloatingPoint",
        TypeBinary => "Binary",
        TypeUtf8 => "Utf8",
        TypeBool => "Bool",
        TypeDecimal => "Decimal",
        TypeDate => "Date",
        TypeTime => "Time",
        TypeTimestamp => "Timestamp",
        TypeInterval => "Interval",
        TypeList => "List",
        TypeStruct => "Struct",
        TypeUnion => "Union",
        TypeFixedSizeBinary => "FixedSizeBinary",
        TypeFixedSizeList => "FixedSizeList",
        TypeMap => "Map",
        TypeDuration => "Duration",
        TypeLargeBinary => "LargeBinary",
        TypeLargeUtf8 => "LargeUtf8",
        TypeLargeList => "LargeList",
        TypeRunEndEncoded => "RunEndEncoded",
        TypeBinaryView => "BinaryView",
        TypeUtf8View => "Utf8View",
        TypeListView => "ListView",
        TypeLargeListView => "LargeListView",
        _ => "type #" + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
