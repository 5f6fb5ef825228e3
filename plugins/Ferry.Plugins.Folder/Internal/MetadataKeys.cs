namespace Ferry.Plugins.Folder.Internal;

/// <summary>The metadata keys the folder source writes (docs/from-filesystem.md lists them with their kinds).</summary>
internal static class MetadataKeys
{
    public const string Path = "path";
    public const string FileName = "file_name";
    public const string Extension = "extension";
    public const string MimeType = "mime_type";
    public const string Size = "size";
    public const string Created = "created";
    public const string Modified = "modified";
    public const string Sha256 = "sha256";
    public const string Directory = "directory";
    public const string Format = "format";
    public const string Encoding = "encoding";
    public const string ReferenceReason = "reference_reason";
    public const string Name = "name";
    public const string FileCount = "file_count";
    public const string FolderCount = "folder_count";
    public const string Readme = "readme";
}
