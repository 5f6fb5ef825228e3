using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ferry.Core.Pipeline;

/// <summary>
/// The ids a migration has written (or is about to write), for the skip and fail duplicate policies: a record whose
/// id exists in the target is a duplicate only when this journal does not hold it. Each id is kept as the first 16
/// bytes of its SHA-256 (a collision between a pre-existing id and one of ours has a probability near 2^-128), in
/// memory and appended to a file that is flushed to disk before the records are written, so that a crash between a
/// write and its checkpoint still knows the records as its own when the run resumes. About 32 bytes of memory per id.
/// </summary>
internal sealed class WrittenIdJournal : IDisposable
{
    private const int EntrySize = 16;

    private readonly HashSet<UInt128> _ids = [];
    private readonly FileStream _file;
    private readonly Lock _gate = new();

    private WrittenIdJournal(FileStream file)
    {
        _file = file;
    }

    public string Path => _file.Name;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>Opens the journal: a resumed migration reads what its earlier runs wrote (a torn last entry is dropped); a fresh one starts empty.</summary>
    public static WrittenIdJournal Open(string path, bool resume)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var file = new FileStream(path, resume ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        var journal = new WrittenIdJournal(file);
        if (resume)
        {
            var whole = file.Length - (file.Length % EntrySize);
            var buffer = new byte[EntrySize * 4096];
            long read = 0;
            while (read < whole)
            {
                var chunk = (int)Math.Min(buffer.Length, whole - read);
                file.ReadExactly(buffer, 0, chunk);
                for (var offset = 0; offset < chunk; offset += EntrySize)
                {
                    journal._ids.Add(BinaryPrimitives.ReadUInt128LittleEndian(buffer.AsSpan(offset, EntrySize)));
                }

                read += chunk;
            }

            file.SetLength(whole);
            file.Position = whole;
        }

        return journal;
    }

    public bool Contains(string id)
    {
        var key = Key(id);
        lock (_gate)
        {
            return _ids.Contains(key);
        }
    }

    /// <summary>Adds the ids and makes them durable before returning.</summary>
    public void Add(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            var buffer = new List<byte>();
            Span<byte> entry = stackalloc byte[EntrySize];
            foreach (var id in ids)
            {
                var key = Key(id);
                if (_ids.Add(key))
                {
                    BinaryPrimitives.WriteUInt128LittleEndian(entry, key);
                    foreach (var b in entry)
                    {
                        buffer.Add(b);
                    }
                }
            }

            if (buffer.Count > 0)
            {
                _file.Write(buffer.ToArray());
                _file.Flush(flushToDisk: true);
            }
        }
    }

    public void Dispose() => _file.Dispose();

    private static UInt128 Key(string id)
    {
        var bytes = Encoding.UTF8.GetBytes(id);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
