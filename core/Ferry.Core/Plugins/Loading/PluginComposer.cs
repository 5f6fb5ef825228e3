using System.Composition;
using System.Composition.Convention;
using System.Composition.Hosting;
using System.Reflection;
using Ferry.Core.Catalog;
using Ferry.Sdk.Connectors;

namespace Ferry.Core.Plugins.Loading;

/// <summary>
/// Composes a plugin's exports with System.Composition conventions: every public, non-abstract class deriving
/// from an SDK factory type and carrying the matching export attribute is exported under that factory type,
/// with the attribute as metadata. Plugins therefore need no composition library, only Ferry.Sdk.
/// </summary>
internal static class PluginComposer
{
    private const string ExportMetadataKey = "FerryExport";

    private static readonly (ConnectorKind Kind, Type Factory, Type Attribute)[] Contracts =
    [
        (ConnectorKind.Source, typeof(SourceFactory), typeof(SourceExportAttribute)),
        (ConnectorKind.Sink, typeof(SinkFactory), typeof(SinkExportAttribute)),
        (ConnectorKind.Transformer, typeof(TransformerFactory), typeof(TransformerExportAttribute)),
    ];

    /// <summary>Composes and constructs every exported factory; throws <see cref="PluginRefusedException"/> with every problem found.</summary>
    public static (CompositionHost Container, List<PluginExport> Exports) Compose(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var reasons = ex.LoaderExceptions
                .Where(e => e is not null)
                .Select(e => $"type load failure in {assembly.GetName().Name}: {Describe(e!)}")
                .Distinct(StringComparer.Ordinal)
                .ToList();
            throw new PluginRefusedException(reasons.Count > 0 ? reasons : [$"type load failure in {assembly.GetName().Name}: {ex.Message}"]);
        }

        var problems = new List<string>();
        var candidates = new List<Type>();
        foreach (var type in types)
        {
            foreach (var (kind, factoryType, attributeType) in Contracts)
            {
                var hasAttribute = type.IsDefined(attributeType, inherit: false);
                if (!hasAttribute)
                {
                    continue;
                }

                if (!factoryType.IsAssignableFrom(type))
                {
                    problems.Add($"{type.FullName} is marked [{attributeType.Name.Replace("Attribute", string.Empty, StringComparison.Ordinal)}] but does not derive from {factoryType.Name}");
                }
                else if (!type.IsVisible || type.IsAbstract || !type.IsClass)
                {
                    problems.Add($"{type.FullName} is marked as a {kind.ToString().ToLowerInvariant()} export but is not a public, non-abstract class");
                }
                else if (type.GetConstructor(Type.EmptyTypes) is null)
                {
                    problems.Add($"{type.FullName} has no public parameterless constructor");
                }
                else
                {
                    candidates.Add(type);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new PluginRefusedException(problems);
        }

        var conventions = new ConventionBuilder();
        foreach (var (_, factoryType, attributeType) in Contracts)
        {
            conventions
                .ForTypesMatching(t => factoryType.IsAssignableFrom(t) && t.IsDefined(attributeType, inherit: false))
                .Export(export => export
                    .AsContractType(factoryType)
                    .AddMetadata(ExportMetadataKey, t => t.GetCustomAttribute(attributeType, inherit: false)!))
                .Shared();
        }

        var container = new ContainerConfiguration().WithParts(candidates, conventions).CreateContainer();
        var exports = new List<PluginExport>();
        try
        {
            Collect<SourceFactory>(container, ConnectorKind.Source, exports, problems);
            Collect<SinkFactory>(container, ConnectorKind.Sink, exports, problems);
            Collect<TransformerFactory>(container, ConnectorKind.Transformer, exports, problems);
        }
        catch
        {
            container.Dispose();
            throw;
        }

        if (problems.Count > 0)
        {
            container.Dispose();
            throw new PluginRefusedException(problems);
        }

        return (container, exports);
    }

    private static void Collect<TFactory>(CompositionHost container, ConnectorKind kind, List<PluginExport> exports, List<string> problems)
        where TFactory : class
    {
        foreach (var export in container.GetExports<Lazy<TFactory, IDictionary<string, object>>>())
        {
            var attribute = (ConnectorExportAttribute)export.Metadata[ExportMetadataKey];
            try
            {
                exports.Add(new PluginExport(kind, attribute, export.Value));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                problems.Add($"{kind.ToString().ToLowerInvariant()} factory '{attribute.Name}' could not be constructed: {Describe(ex)}");
            }
        }
    }

    /// <summary>The innermost meaningful exception, as "Type: message" (composition and reflection wrappers removed).</summary>
    public static string Describe(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null
            && current is TargetInvocationException or TypeInitializationException or CompositionFailedException or AggregateException)
        {
            current = current.InnerException;
        }

        return $"{current.GetType().Name}: {current.Message}";
    }
}
