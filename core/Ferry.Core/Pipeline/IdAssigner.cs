using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Jobs;
using Ferry.Core.Validation;
using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Gives records their target ids per <see cref="IdMode"/>. <see cref="IdMode.Uuid"/> is a name-based UUID v5
/// (RFC 9562) in <see cref="Namespace"/> of the source id's UTF-8 bytes; <see cref="IdMode.Hash"/> is 32 hex digits of
/// SHA-256 over the record's canonical content. The source's id stays in <see cref="RecordSource.OriginalId"/>.
/// </summary>
internal static class IdAssigner
{
    /// <summary>Ferry's UUID namespace: the v5 UUID of "urn:ferry:record-id" in the RFC URL namespace.</summary>
    public static readonly Guid Namespace = Uuid5(new Guid("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "urn:ferry:record-id");

    public static void Assign(Record record, IdMode mode)
    {
        if (mode == IdMode.Keep)
        {
            return;
        }

        var original = record.Id;
        record.Id = mode == IdMode.Uuid ? Uuid5(Namespace, original).ToString("D") : RecordChecksum.ComputeContentId(record);
        if (record.Source is null)
        {
            record.Source = new RecordSource("unknown", null, original);
        }
        else if (record.Source.OriginalId is null)
        {
            record.Source = record.Source with { OriginalId = original };
        }
    }

    public static Guid Uuid5(Guid space, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        space.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        // SHA-1 is what RFC 9562 specifies for version 5 UUIDs; it names records, it does not protect anything.
#pragma warning disable CA5350
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
