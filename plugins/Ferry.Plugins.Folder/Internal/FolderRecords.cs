using Ferry.Sdk.Records;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>Builds the records of files and folders (the mapping is documented in docs/from-filesystem.md).</summary>
internal static class FolderRecords
{
    /// <summary>The relationship kind from a duplicate file to the first file with the same bytes.</summary>
    public const string DuplicateOf = "duplicate_of";

    /// <summary>A file's record: a document with its text, or a reference (binary, too large, undecodable, duplicate).</summary>
    public static Record File(FolderItem item, FileInfo info, FileContent content, string? duplicateOf)
    {
        var record = new Record(item.Id);
        var extension = FileContent.ExtensionOf(item.Name);
        var metadata = record.Metadata;
        metadata[MetadataKeys.Path] = item.RelativePath;
        metadata[MetadataKeys.FileName] = item.Name;
        metadata[MetadataKeys.Extension] = extension;
        metadata[MetadataKeys.Size] = content.Size;
        metadata[MetadataKeys.Created] = new DateTimeOffset(info.CreationTimeUtc, TimeSpan.Zero);
        metadata[MetadataKeys.Modified] = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        metadata[MetadataKeys.Sha256] = content.Sha256;
        metadata[MetadataKeys.Directory] = DirectoryOf(item.RelativePath);
        record.Title = item.Name;
        if (duplicateOf is not null || !content.IsText)
        {
            record.RecordType = RecordTypes.Reference;
            metadata[MetadataKeys.MimeType] = content.Type?.MimeType ?? (content.IsText ? MimeTypes.PlainText : MimeTypes.OctetStream);
            metadata[MetadataKeys.ReferenceReason] = duplicateOf is not null ? ReferenceReasons.Duplicate : content.ReferenceReason!;
            if (content.IsText)
            {
                metadata[MetadataKeys.Encoding] = content.Encoding!;
            }

            if (duplicateOf is not null)
            {
                record.Relationships.Add(new Relationship(DuplicateOf, duplicateOf));
            }
        }
        else
        {
            var type = content.Type ?? new FileType(MimeTypes.PlainText, ContentKind.Text, "text");
            metadata[MetadataKeys.MimeType] = type.MimeType;
            metadata[MetadataKeys.Format] = type.Format;
            metadata[MetadataKeys.Encoding] = content.Encoding!;
            var (text, title) = Extract(type.Kind, content.Text!);
            record.Text = text;
            record.Title = title ?? item.Name;
        }

        Link(record, item);
        return record;
    }

    /// <summary>A folder's collection header; <paramref name="readme"/> supplies its text and title when the folder has a readable one.</summary>
    public static Record Folder(FolderItem folder, FileContent? readme)
    {
        var record = new Record(folder.Id)
        {
            RecordType = RecordTypes.CollectionHeader,
            Title = folder.Name,
        };
        var metadata = record.Metadata;
        metadata[MetadataKeys.Path] = folder.RelativePath;
        metadata[MetadataKeys.Name] = folder.Name;
        if (folder.ParentId is not null)
        {
            metadata[MetadataKeys.Directory] = folder.ParentId;
        }

        metadata[MetadataKeys.FileCount] = (long)folder.FileCount;
        metadata[MetadataKeys.FolderCount] = (long)folder.FolderCount;
        if (readme is { IsText: true } && folder.Readme is not null)
        {
            var kind = readme.Type?.Kind ?? ContentKind.Text;
            var (text, title) = Extract(kind, readme.Text!);
            record.Text = text;
            record.Title = title ?? folder.Name;
            metadata[MetadataKeys.Readme] = folder.Readme.RelativePath;
        }

        Link(record, folder);
        return record;
    }

    /// <summary>The folder part of a relative path (<see cref="FolderItem.RootId"/> at the top).</summary>
    public static string DirectoryOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? FolderItem.RootId : relativePath[..slash];
    }

    /// <summary>A rough size in bytes of a record, for batch byte limits.</summary>
    public static long EstimateBytes(Record record) =>
        256 + (2L * ((record.Text?.Length ?? 0) + (record.Title?.Length ?? 0) + record.Id.Length)) + (64L * record.Metadata.Count);

    private static (string Text, string? Title) Extract(ContentKind kind, string text) => kind switch
    {
        ContentKind.Markdown => (text, MarkdownTitle.Find(text)),
        ContentKind.Html => HtmlText.Extract(text),
        _ => (text, null),
    };

    private static void Link(Record record, FolderItem item)
    {
        if (item.ParentId is not null)
        {
            record.Collection = item.ParentId;
            record.Relationships.Add(new Relationship(RelationshipKinds.MemberOf, item.ParentId));
        }
    }
}
