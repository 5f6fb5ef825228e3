namespace Ferry.Plugins.Folder.Internal;

/// <summary>What happens to a file whose bytes equal those of a file earlier in the scan order.</summary>
internal enum DedupeMode
{
    /// <summary>No deduplication: every file is a full record.</summary>
    Off = 0,

    /// <summary>The later file becomes a <c>reference</c> record (metadata, no text) with a <c>duplicate_of</c> relationship to the first.</summary>
    Link,

    /// <summary>The later file is left out.</summary>
    Skip,
}
