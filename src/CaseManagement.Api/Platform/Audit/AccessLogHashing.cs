using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>One access-log entry as it is hashed: every column of the entry and every case id of its response.</summary>
public sealed class SealableEntry
{
    public long Seq { get; init; }

    public int EntryVersion { get; init; }

    /// <summary>Raw column value (text in SQLite, datetime2 in SQL Server), read to UTC ticks when hashed.</summary>
    public object? At { get; init; }

    public string? ActorId { get; init; }
    public string? ActorRole { get; init; }
    public string? ActorUnit { get; init; }
    public string? Action { get; init; }
    public string? ResourceType { get; init; }
    public string? ResourceId { get; init; }
    public string? VictimId { get; init; }
    public string? Purpose { get; init; }
    public string? Outcome { get; init; }
    public long StatusCode { get; init; }
    public string? ClientIp { get; init; }
    public string? CorrelationId { get; init; }

    public List<string> CaseIds { get; } = [];
}

/// <summary>
/// The canonical, versioned encodings of the access log's seals. All integers are big-endian; a string is 0x00 for
/// NULL, otherwise 0x01, its UTF-8 length as a 4-byte integer and its UTF-8 bytes; an instant is its UTC ticks
/// (100 ns since 0001-01-01) as an 8-byte integer.
/// <para>Entry, <c>entry_version</c> 1 (RFC 6962 leaf): SHA-256(0x00 ‖ u32 entry_version ‖ i64 seq ‖ i64 at ‖
/// actor_id ‖ actor_role ‖ actor_unit ‖ action ‖ resource_type ‖ resource_id ‖ victim_id ‖ purpose ‖ outcome ‖
/// i32 status_code ‖ client_ip ‖ correlation_id ‖ u32 case-id count ‖ case ids sorted by ordinal string order).</para>
/// <para>Merkle root (RFC 6962 §2.1): one leaf is its own root; otherwise SHA-256(0x01 ‖ root(first k) ‖ root(rest)),
/// k the largest power of two below n.</para>
/// <para>Block, <c>block_version</c> 1: SHA-256(0x02 ‖ u32 block_version ‖ i64 block_no ‖ i64 first_seq ‖ i64 last_seq
/// ‖ u32 entry_count ‖ merkle_root ‖ previous block hash (32 zero bytes for block 1) ‖ i64 sealed_at, whole milliseconds
/// as the API writes it). The signature is
/// ECDSA P-256 with SHA-256 over the 32-byte block hash, DER-encoded (RFC 3279), so OpenSSL verifies it too.</para>
/// </summary>
public static class AccessLogHashing
{
    public const int HashBytes = 32;
    public const int BlockVersion = 1;
    public const byte LeafPrefix = 0x00;
    public const byte NodePrefix = 0x01;
    public const byte BlockPrefix = 0x02;

    public static readonly byte[] GenesisHash = new byte[HashBytes];

    public static bool IsKnownEntryVersion(int version) => version == 1;

    /// <summary>The leaf hash of an entry; throws <see cref="FormatException"/> when the row cannot be encoded.</summary>
    public static byte[] LeafHash(SealableEntry entry)
    {
        if (!IsKnownEntryVersion(entry.EntryVersion))
        {
            throw new FormatException($"unknown entry version {entry.EntryVersion}");
        }
        // One buffer per thread, grown as needed: encoding an entry allocates nothing but its 32-byte hash.
        var buffer = LeafBuffer ??= new SpanWriter();
        buffer.Reset();
        buffer.Byte(LeafPrefix);
        buffer.UInt32((uint)entry.EntryVersion);
        buffer.Int64(entry.Seq);
        buffer.Int64(Ticks(entry.At));
        buffer.Text(entry.ActorId);
        buffer.Text(entry.ActorRole);
        buffer.Text(entry.ActorUnit);
        buffer.Text(entry.Action);
        buffer.Text(entry.ResourceType);
        buffer.Text(entry.ResourceId);
        buffer.Text(entry.VictimId);
        buffer.Text(entry.Purpose);
        buffer.Text(entry.Outcome);
        buffer.Int32(checked((int)entry.StatusCode));
        buffer.Text(entry.ClientIp);
        buffer.Text(entry.CorrelationId);
        buffer.UInt32((uint)entry.CaseIds.Count);
        if (entry.CaseIds.Count == 1)
        {
            buffer.Text(entry.CaseIds[0]);
        }
        else if (entry.CaseIds.Count > 1)
        {
            foreach (var id in entry.CaseIds.Order(StringComparer.Ordinal))
            {
                buffer.Text(id);
            }
        }
        return SHA256.HashData(buffer.Written);
    }

    [ThreadStatic]
    private static SpanWriter? LeafBuffer;

    /// <summary>The same big-endian encoding as <see cref="ArrayBufferWriter"/>, into one reusable array.</summary>
    private sealed class SpanWriter
    {
        private byte[] _buffer = new byte[1024];
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Reset() => _length = 0;

        private Span<byte> Take(int count)
        {
            if (_length + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            }
            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        public void Byte(byte value) => Take(1)[0] = value;

        public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

        public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

        public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

        public void Text(string? value)
        {
            if (value is null)
            {
                Byte(0);
                return;
            }
            Byte(1);
            var count = Encoding.UTF8.GetByteCount(value);
            UInt32((uint)count);
            Encoding.UTF8.GetBytes(value, Take(count));
        }
    }

    public static byte[] MerkleRoot(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
        {
            return SHA256.HashData([]);
        }
        return Root(leaves, 0, leaves.Count);
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }
        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }
        var node = new byte[1 + 2 * HashBytes];
        node[0] = NodePrefix;
        Root(leaves, start, k).CopyTo(node, 1);
        Root(leaves, start + k, count - k).CopyTo(node, 1 + HashBytes);
        return SHA256.HashData(node);
    }

    public static byte[] BlockHash(long blockNo, long firstSeq, long lastSeq, int entryCount, byte[] merkleRoot, byte[] previousHash, DateTimeOffset sealedAt)
    {
        if (merkleRoot.Length != HashBytes || previousHash.Length != HashBytes)
        {
            throw new FormatException("a block hash input is not 32 bytes");
        }
        var buffer = new ArrayBufferWriter();
        buffer.Byte(BlockPrefix);
        buffer.UInt32(BlockVersion);
        buffer.Int64(blockNo);
        buffer.Int64(firstSeq);
        buffer.Int64(lastSeq);
        buffer.UInt32((uint)entryCount);
        buffer.Bytes(merkleRoot);
        buffer.Bytes(previousHash);
        buffer.Int64(sealedAt.UtcTicks);
        return SHA256.HashData(buffer.ToArray());
    }

    /// <summary>The leaf hashes as stored in a block: 32 bytes each, in seq order.</summary>
    public static byte[] Concat(IReadOnlyList<byte[]> leaves)
    {
        var result = new byte[leaves.Count * HashBytes];
        for (var i = 0; i < leaves.Count; i++)
        {
            leaves[i].CopyTo(result, i * HashBytes);
        }
        return result;
    }

    public static List<byte[]> Split(byte[] leafHashes)
    {
        var result = new List<byte[]>(leafHashes.Length / HashBytes);
        for (var offset = 0; offset + HashBytes <= leafHashes.Length; offset += HashBytes)
        {
            result.Add(leafHashes[offset..(offset + HashBytes)]);
        }
        return result;
    }

    private static long Ticks(object? at)
    {
        if (at is null)
        {
            throw new FormatException("the instant is missing");
        }
        try
        {
            return Data.DapperTypeHandlers.ParseInstant(at).UtcTicks;
        }
        catch (Exception ex) when (ex is System.Data.DataException or ArgumentException)
        {
            throw new FormatException("the instant cannot be read", ex);
        }
    }

    private sealed class ArrayBufferWriter
    {
        private readonly MemoryStream _stream = new();

        public void Byte(byte value) => _stream.WriteByte(value);

        public void Bytes(ReadOnlySpan<byte> value) => _stream.Write(value);

        public void UInt32(uint value)
        {
            Span<byte> span = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
            _stream.Write(span);
        }

        public void Int32(int value)
        {
            Span<byte> span = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(span, value);
            _stream.Write(span);
        }

        public void Int64(long value)
        {
            Span<byte> span = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(span, value);
            _stream.Write(span);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Byte(0);
                return;
            }
            Byte(1);
            var bytes = Encoding.UTF8.GetBytes(value);
            UInt32((uint)bytes.Length);
            Bytes(bytes);
        }

        public byte[] ToArray() => _stream.ToArray();
    }
}
