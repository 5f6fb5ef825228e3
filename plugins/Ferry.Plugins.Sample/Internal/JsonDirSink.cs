using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Sample.Internal;

/// <summary>
/// Writes each record to <c>&lt;folder&gt;/&lt;name&gt;.json</c>. An upsert writes a temporary file, flushes it to disk
/// and renames it over the old one, so writing a record twice leaves exactly one file with the last content and a
/// crash never leaves a half-written record.
/// </summary>
internal sealed class JsonDirSink : SinkConnector
{
    public const string Scheme = "jsondir://";
    private const string Extension = ".json";

    private readonly string _folder;
    private readonly bool _indent;

    public JsonDirSink(string folder, bool indent)
    {
        _folder = folder;
        _indent = indent;
    }

    public static string FolderOf(string location)
    {
        var path = location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? location[Scheme.Length..] : location;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        return path.Length == 0
            ? throw new ConnectorConfigurationException($"'{location}' names no folder; write jsondir://path/to/folder.")
            : Path.GetFullPath(Uri.UnescapeDataString(path));
    }

    public override ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(_folder))
        {
            if (!options.CreateIfMissing)
            {
                throw new ConnectorConfigurationException($"Folder {_folder} does not exist and creating it was not allowed.");
            }

            Directory.CreateDirectory(_folder);
        }
        else if (options.Overwrite && !options.Resuming)
        {
            foreach (var file in Directory.EnumerateFiles(_folder, "*" + Extension))
            {
                File.Delete(file);
            }
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var written = 0;
        List<RecordFailure>? failures = null;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] bytes;
            try
            {
                bytes = RecordJson.Serialize(record, _indent);
            }
            catch (ArgumentException ex)
            {
                // Bad data is the record's fault, not the call's: report it and carry on with the others.
                (failures ??= []).Add(new RecordFailure(record.Id, ex.Message) { Record = record });
                continue;
            }

            var target = PathOf(record.Id);
            var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N");
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            written++;
        }

        return new WriteResult(written, failures ?? (IReadOnlyList<RecordFailure>)[]);
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = PathOf(id);
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }

            yield return RecordJson.Deserialize(bytes, path);
        }
    }

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            return ValueTask.FromResult<long?>(0);
        }

        long count = 0;
        foreach (var _ in Directory.EnumerateFiles(_folder, "*" + Extension))
        {
            count++;
        }

        return ValueTask.FromResult<long?>(count);
    }

    /// <summary>
    /// The file of an id. Ids made of lower-case letters, digits, dot, dash and underscore are used as they are (not
    /// starting with a dot); any other id is hashed, so that no id escapes the folder or collides on a
    /// case-insensitive file system.
    /// </summary>
    private string PathOf(string id)
    {
        var plain = id.Length is > 0 and <= 100 && id[0] != '.';
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'))
            {
                plain = false;
                break;
            }
        }

        var name = plain ? id : "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return Path.Combine(_folder, name + Extension);
    }
}
