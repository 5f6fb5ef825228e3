namespace Ferry.Arrow.Ipc;

/// <summary>A message ready to be framed: its flatbuffer and, for batches, its body plan.</summary>
internal sealed record PendingMessage(byte[] Metadata, BodyPlan? Body, bool IsDictionary);
