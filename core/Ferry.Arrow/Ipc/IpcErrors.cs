namespace Ferry.Arrow.Ipc;

/// <summary>Corrupt input is reported as <see cref="InvalidDataException"/> (sealed, so not subclassed)
/// with a message that starts with "Invalid Arrow IPC data".</summary>
internal static class IpcErrors
{
    public static InvalidDataException Invalid(string detail) => new("Invalid Arrow IPC data: " + detail);

    public static InvalidDataException Invalid(string detail, Exception inner) => new("Invalid Arrow IPC data: " + detail, inner);
}
