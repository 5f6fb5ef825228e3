namespace Ferry.Files.Splitting;

/// <summary>One completed part of a split output, as the manifest lists it.</summary>
/// <param name="Name">The part's file name, relative to the manifest's folder.</param>
/// <param name="Records">The records in the part.</param>
/// <param name="Bytes">The part's size on disk.</param>
/// <param name="Sha256">The SHA-256 of the part's bytes, lower-case hex.</param>
public sealed record PartEntry(string Name, long Records, long Bytes, string Sha256);
