namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// One entry of a scan: a folder (its collection header) or a file. Items are read in the ordinal order of
/// <see cref="Key"/>, which is the relative path with <c>/</c> separators (the empty string for the root folder, so it
/// comes first); resume tokens and partition bounds are keys, so they stay valid when files are added or removed.
/// </summary>
internal sealed class FolderItem
{
    /// <summary>The id of the root folder's header record.</summary>
    public const string RootId = ".";

    public FolderItem(bool isDirectory, string relativePath, string fullPath, long size)
    {
        IsDirectory = isDirectory;
        RelativePath = relativePath;
        FullPath = fullPath;
        Size = size;
    }

    public bool IsDirectory { get; }

    /// <summary>The relative path with <c>/</c> separators; <see cref="RootId"/> for the root folder.</summary>
    public string RelativePath { get; }

    /// <summary>The sort and resume key: the relative path, or empty for the root folder.</summary>
    public string Key => RelativePath == RootId && IsDirectory ? string.Empty : RelativePath;

    /// <summary>The record id: the relative path (the root folder's is <see cref="RootId"/>).</summary>
    public string Id => RelativePath;

    public string FullPath { get; }

    /// <summary>The file's size at scan time (0 for folders).</summary>
    public long Size { get; }

    /// <summary>The id of the folder this item is in, or <c>null</c> for the root folder (and when the hierarchy is off).</summary>
    public string? ParentId { get; set; }

    /// <summary>For a folder: the file whose text and title its header takes (README.md, index.md, index.html), if any.</summary>
    public FolderItem? Readme { get; set; }

    /// <summary>For a file: whether it is its folder's <see cref="Readme"/> (its record is the header, when it reads as text).</summary>
    public bool IsReadme { get; set; }

    /// <summary>For a folder: included files directly inside.</summary>
    public int FileCount { get; set; }

    /// <summary>For a folder: subfolders that have a header (they hold included files somewhere below).</summary>
    public int FolderCount { get; set; }

    /// <summary>The last segment of the path (the root folder's own name for the root).</summary>
    public string Name => IsDirectory && RelativePath == RootId
        ? Path.GetFileName(FullPath)
        : RelativePath[(RelativePath.LastIndexOf('/') + 1)..];
}
