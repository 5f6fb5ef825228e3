using System.Reflection;
using System.Text;
using Ferry.Sdk.Connectors;
using Xunit;

namespace Ferry.Sdk.Tests.PublicApi;

/// <summary>
/// Ferry.Sdk is the contract with third-party plugins, so its public surface is tracked in
/// sdk/Ferry.Sdk/PublicAPI.Shipped.txt (released) and PublicAPI.Unshipped.txt (since the last release). This test
/// lists the surface by reflection and fails, with the lines to add or remove, when it differs from the files.
/// After an intended change, regenerate the unshipped file (and review the diff):
/// <code>FERRY_UPDATE_PUBLIC_API=1 dotnet test tests/Ferry.Sdk.Tests --filter FullyQualifiedName~PublicApi</code>
/// A removed shipped line is written to the unshipped file as <c>*REMOVED*line</c>: a breaking change, on purpose.
/// At a release, move the unshipped lines into the shipped file.
/// </summary>
public sealed class PublicApiTests
{
    private const string Header = "#nullable enable";
    private const string Removed = "*REMOVED*";
    private const string UpdateVariable = "FERRY_UPDATE_PUBLIC_API";

    [Fact]
    public void PublicApi_FerrySdk_MatchesPublicApiFiles()
    {
        var folder = Path.Combine(RepositoryRoot(), "sdk", "Ferry.Sdk");
        var shippedPath = Path.Combine(folder, "PublicAPI.Shipped.txt");
        var unshippedPath = Path.Combine(folder, "PublicAPI.Unshipped.txt");
        var actual = PublicApiSurface.Of(typeof(SourceFactory).Assembly);
        var shipped = ReadLines(shippedPath);
        var unshipped = ReadLines(unshippedPath);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var lines = new SortedSet<string>(actual.Where(l => !shipped.Contains(l)), StringComparer.Ordinal);
            foreach (var gone in shipped.Where(l => !actual.Contains(l)))
            {
                lines.Add(Removed + gone);
            }

            File.WriteAllText(unshippedPath, Header + "\n" + string.Concat(lines.Select(l => l + "\n")));
            if (!File.Exists(shippedPath))
            {
                File.WriteAllText(shippedPath, Header + "\n");
            }

            unshipped = ReadLines(unshippedPath);
        }

        var removedOnPurpose = unshipped.Where(l => l.StartsWith(Removed, StringComparison.Ordinal)).Select(l => l[Removed.Length..]).ToHashSet(StringComparer.Ordinal);
        var declared = new HashSet<string>(shipped.Where(l => !removedOnPurpose.Contains(l)), StringComparer.Ordinal);
        declared.UnionWith(unshipped.Where(l => !l.StartsWith(Removed, StringComparison.Ordinal)));
        var both = shipped.Intersect(unshipped.Where(l => !l.StartsWith(Removed, StringComparison.Ordinal)), StringComparer.Ordinal).ToList();
        var added = actual.Where(l => !declared.Contains(l)).ToList();
        var missing = declared.Where(l => !actual.Contains(l)).Order(StringComparer.Ordinal).ToList();

        if (added.Count == 0 && missing.Count == 0 && both.Count == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.AppendLine("The public API of Ferry.Sdk differs from sdk/Ferry.Sdk/PublicAPI.*.txt.");
        report.AppendLine($"If the change is intended, run: {UpdateVariable}=1 dotnet test tests/Ferry.Sdk.Tests --filter FullyQualifiedName~PublicApi");
        Section(report, "In the assembly but in neither file (new API: add to PublicAPI.Unshipped.txt)", added, "+ ");
        Section(report, "In the files but not in the assembly (removed or changed API: a breaking change for plugins)", missing, "- ");
        Section(report, "In both PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt", both, "= ");
        Assert.Fail(report.ToString());
    }

    [Fact]
    public void PublicApiSurface_KnownMembers_AreListedWithNullability()
    {
        var surface = PublicApiSurface.Of(typeof(SourceFactory).Assembly);

        Assert.Contains("abstract Ferry.Sdk.Connectors.SourceFactory", surface);
        Assert.Contains("abstract Ferry.Sdk.Connectors.SourceFactory.Create(Ferry.Sdk.Connectors.ConnectorContext! context) -> Ferry.Sdk.Connectors.SourceConnector!", surface);
        Assert.Contains("Ferry.Sdk.Connectors.ConnectorContext.ConnectorContext(string! location, Ferry.Sdk.Connectors.ConnectorOptions? options = null) -> void", surface);
        Assert.Contains("const Ferry.Sdk.Records.Record.DefaultVectorName = \"default\" -> string!", surface);
        Assert.Contains("static Ferry.Sdk.SdkInfo", surface);
        Assert.Contains("Ferry.Sdk.Records.MetadataKind.Bool = 1 -> Ferry.Sdk.Records.MetadataKind", surface);
        Assert.Contains("Ferry.Sdk.Connectors.ReadRequest.BatchSize.init -> void", surface);
        Assert.Contains("virtual Ferry.Sdk.Connectors.SourceConnector.CountAsync(Ferry.Sdk.Filtering.FilterExpression? filter, System.Threading.CancellationToken cancellationToken) -> System.Threading.Tasks.ValueTask<long?>", surface);
        Assert.Contains("Ferry.Sdk.Records.Record.Vectors.get -> System.Collections.Generic.Dictionary<string!, float[]!>!", surface);
        Assert.DoesNotContain(surface, l => l.Contains("<Clone>$", StringComparison.Ordinal));
    }

    private static List<string> ReadLines(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];

    private static void Section(StringBuilder report, string title, List<string> lines, string marker)
    {
        if (lines.Count == 0)
        {
            return;
        }

        report.AppendLine().AppendLine($"{title}: {lines.Count}");
        foreach (var line in lines)
        {
            report.Append(marker).AppendLine(line);
        }
    }

    private static string RepositoryRoot() =>
        typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Ferry.RepositoryRoot").Value!;
}
