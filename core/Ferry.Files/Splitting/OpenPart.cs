namespace Ferry.Files.Splitting;

/// <summary>
/// The file a sink is writing and has not completed yet: how much of it was flushed durably. After a crash, a sink
/// recovers exactly <see cref="Records"/> records from the first <see cref="Bytes"/> bytes of <see cref="Name"/>.
/// </summary>
/// <param name="Name">The in-progress file name, relative to the manifest's folder.</param>
/// <param name="Records">Records durably flushed.</param>
/// <param name="Bytes">Bytes of the file that hold them.</param>
public sealed record OpenPart(string Name, long Records, long Bytes);
