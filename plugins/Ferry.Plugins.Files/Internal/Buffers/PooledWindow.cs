using System.Buffers;

namespace Ferry.Plugins.Files.Internal.Buffers;

/// <summary>
/// The refill step the streaming readers (CSV, JSON, JSON Lines) share: their unread bytes are
/// <c>buffer[start..end]</c> of a pooled array, and more input is read behind them.
/// </summary>
internal static class PooledWindow
{
    /// <summary>
    /// Moves the unread bytes to the front, doubles the (pooled) buffer when they fill it, and reads more input
    /// behind them; <paramref name="eof"/> is set when the input has ended.
    /// </summary>
    /// <returns>How far the unread bytes moved towards the front (readers that keep offsets into the buffer shift them by it).</returns>
    public static int Refill(Stream input, ref byte[] buffer, ref int start, ref int end, ref bool eof)
    {
        var shift = start;
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        var read = input.Read(buffer, end, buffer.Length - end);
        if (read <= 0)
        {
            eof = true;
        }
        else
        {
            end += read;
        }

        return shift;
    }
}
