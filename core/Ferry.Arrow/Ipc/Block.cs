namespace Ferry.Arrow.Ipc;

/// <summary>A message's place in an IPC file (File.fbs Block).</summary>
internal readonly record struct Block(long Offset, int MetadataLength, long BodyLength);
