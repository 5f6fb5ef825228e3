using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// What every format's factories do: parse the shared options, pick the layout (a folder of one-record files, one
/// file, or a split export through its manifest) and create the connector.
/// </summary>
internal static class FileConnectors
{
    public static SourceConnector CreateSource(ConnectorContext context, RecordFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = FileSettings.From(context);
        FileSettings.CheckOptions(context.Options, format);
        if (IsFolder(settings, context.Options))
        {
            return format.FolderExtension is null
                ? throw new ConnectorConfigurationException($"{settings.Path} is a folder, and the {format.Name} format has no folder layout; name a file.")
                : new FolderSource(format, settings);
        }

        var (files, manifest) = RecordFileSource.Resolve(settings);
        if (manifest is not null && !string.Equals(manifest.RecordFormat, format.Name, StringComparison.OrdinalIgnoreCase))
        {
            format = FormatRegistry.Create(manifest.RecordFormat, context.Options);
            FileSettings.CheckOptions(context.Options, format);
        }

        return new RecordFileSource(format, settings, files, manifest?.Records);
    }

    /// <summary>A source over a manifest whatever the format of its parts.</summary>
    public static SourceConnector CreateManifestSource(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = FileSettings.From(context);
        var (files, manifest) = RecordFileSource.Resolve(settings);
        if (manifest is null)
        {
            throw new ConnectorConfigurationException($"{settings.Path} is not a parts manifest.");
        }

        var format = FormatRegistry.Create(manifest.RecordFormat, context.Options);
        FileSettings.CheckOptions(context.Options, format);
        return new RecordFileSource(format, settings, files, manifest.Records);
    }

    public static SinkConnector CreateSink(ConnectorContext context, RecordFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = FileSettings.From(context);
        FileSettings.CheckOptions(context.Options, format);
        if (IsFolder(settings, context.Options))
        {
            if (format.FolderExtension is null)
            {
                throw new ConnectorConfigurationException($"{settings.Path} is a folder, and the {format.Name} format has no folder layout; name a file.");
            }

            if (settings.Split.IsSplit)
            {
                throw new ConnectorConfigurationException("split_bytes and split_records apply to a file, not to the folder layout (one file per record).");
            }

            return new FolderSink(format, settings);
        }

        return new RecordFileSink(format, settings);
    }

    /// <summary>
    /// The folder layout is chosen by <c>layout=folder</c>, by a location ending in a path separator, or by a location
    /// that is an existing folder; <c>layout=file</c> forces a file.
    /// </summary>
    private static bool IsFolder(FileSettings settings, ConnectorOptions options) => options.Get("layout")?.ToLowerInvariant() switch
    {
        "folder" or "dir" or "directory" => true,
        "file" or "single" => false,
        null => settings.Path.EndsWith('/') || settings.Path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(settings.Path),
        var other => throw new ConnectorConfigurationException($"Option 'layout' must be file or folder, got '{other}'."),
    };
}
