using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// Walks the folder tree once: excluded folders are pruned (never entered), symbolic links to folders are not
/// followed (no cycles), unreadable folders are skipped with a warning, files are kept when they match the include
/// patterns and no exclude pattern. Folders get a header item when they hold an included file somewhere below (the
/// root always does). The items come back sorted ordinally by key.
/// </summary>
internal static class FolderScanner
{
    /// <summary>Names of the files whose text and title a folder's header takes, in order of preference (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> ReadmeNames = ["README.md", "index.md", "index.html"];

    private static readonly EnumerationOptions Enumeration = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    public static List<FolderItem> Scan(FolderOptions options, ConnectorLog log, CancellationToken cancellationToken)
    {
        var items = new List<FolderItem>();
        var root = new FolderItem(isDirectory: true, FolderItem.RootId, options.Root, 0);
        Walk(options, log, root, string.Empty, items, cancellationToken);
        if (options.Hierarchy)
        {
            items.Add(root);
        }

        items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return items;
    }

    /// <summary>Adds the included files below <paramref name="folder"/> and the headers of its subfolders; returns whether anything was added.</summary>
    private static bool Walk(FolderOptions options, ConnectorLog log, FolderItem folder, string prefix, List<FolderItem> items, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(folder.FullPath).GetFileSystemInfos("*", Enumeration);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            log.Warn($"Folder '{(prefix.Length == 0 ? FolderItem.RootId : prefix.TrimEnd('/'))}' cannot be listed and is skipped: {e.Message}");
            return false;
        }

        var files = new List<FolderItem>();
        var any = false;
        foreach (var entry in entries)
        {
            var relative = prefix + entry.Name;
            if ((entry.Attributes & FileAttributes.Directory) != 0)
            {
                if (entry.LinkTarget is not null || options.Exclude.IsMatch(relative) || options.Exclude.IsMatch(relative + "/"))
                {
                    continue;
                }

                var child = new FolderItem(isDirectory: true, relative, entry.FullName, 0);
                if (Walk(options, log, child, relative + "/", items, cancellationToken))
                {
                    any = true;
                    folder.FolderCount++;
                    if (options.Hierarchy)
                    {
                        child.ParentId = folder.Id;
                        items.Add(child);
                    }
                }

                continue;
            }

            if (options.Exclude.IsMatch(relative) || (!options.Include.IsEmpty && !options.Include.IsMatch(relative)))
            {
                continue;
            }

            var file = new FolderItem(isDirectory: false, relative, entry.FullName, entry is FileInfo info && entry.Exists ? info.Length : 0)
            {
                ParentId = options.Hierarchy ? folder.Id : null,
            };
            files.Add(file);
        }

        if (files.Count == 0)
        {
            return any;
        }

        folder.FileCount = files.Count;
        items.AddRange(files);
        if (options.Hierarchy)
        {
            folder.Readme = ChooseReadme(files, options.MaxTextBytes);
            if (folder.Readme is not null)
            {
                folder.Readme.IsReadme = true;
            }
        }

        return true;
    }

    private static FolderItem? ChooseReadme(List<FolderItem> files, long maxTextBytes)
    {
        foreach (var name in ReadmeNames)
        {
            FolderItem? best = null;
            foreach (var file in files)
            {
                if (string.Equals(file.Name, name, StringComparison.OrdinalIgnoreCase)
                    && file.Size <= maxTextBytes
                    && (best is null || string.CompareOrdinal(file.Key, best.Key) < 0))
                {
                    best = file;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }
}
