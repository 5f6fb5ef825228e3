using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Ferry.Host.Tests.Plugins;

/// <summary><c>ferry plugins list</c> and <c>ferry plugins verify</c> against the real sample plugin, intact and broken.</summary>
public sealed class PluginsCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ferry-host-plugins-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task List_PluginsFolder_PrintsTableRow()
    {
        CopySample("ferry.sample");

        var (code, output, _) = await RunAsync("plugins", "list", "--plugins", _root);

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ID\s+VERSION\s+KINDS\s+SCHEMES\s+EXTENSIONS\s+FOLDER$", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith("ferry.sample ", StringComparison.Ordinal));
        Assert.Matches(@"^ferry\.sample\s+1\.0\.0\s+source:sequence,sink:jsondir\s+sequence,jsondir\s+-\s+" + System.Text.RegularExpressions.Regex.Escape(Path.Combine(_root, "ferry.sample")) + "$", row);
        Assert.DoesNotContain("REFUSED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_DescribesPluginsConnectorsAndRefusals()
    {
        CopySample("ferry.sample");
        var broken = CopySample("broken");
        BreakManifest(broken);

        var (code, output, _) = await RunAsync("plugins", "list", "--json", "--plugins", _root);

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        var plugin = document.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "ferry.sample");
        Assert.Equal("1.0.0", plugin.GetProperty("version").GetString());
        Assert.Equal(">=1.0 <2.0", plugin.GetProperty("sdk").GetString());
        Assert.Equal("ferry-plugin:ferry.sample", plugin.GetProperty("loadContext").GetString());
        var connectors = plugin.GetProperty("connectors").EnumerateArray().ToList();
        var source = connectors.Single(c => c.GetProperty("kind").GetString() == "source");
        Assert.Equal("sequence", source.GetProperty("name").GetString());
        Assert.Equal("sequence", source.GetProperty("schemes")[0].GetString());
        Assert.Equal("integer", source.GetProperty("options").GetProperty("properties").GetProperty("count").GetProperty("type").GetString());
        var refused = Assert.Single(document.RootElement.GetProperty("refused").EnumerateArray());
        Assert.Equal("ferry.sample", refused.GetProperty("id").GetString());
        Assert.Equal(broken, refused.GetProperty("folder").GetString());
        Assert.Contains("$.sdk", refused.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BrokenPlugin_ListedAsRefusedWithReason()
    {
        var broken = CopySample("ferry.sample");
        BreakManifest(broken);

        var (code, output, _) = await RunAsync("plugins", "list", "--plugins", _root);

        Assert.Equal(ExitCodes.Success, code);
        var refused = output[output.IndexOf("REFUSED", StringComparison.Ordinal)..];
        Assert.Contains($"ferry.sample  ({broken})", refused, StringComparison.Ordinal);
        Assert.Contains("  - invalid plugin.json: $.sdk: '2.0' does not match the pattern", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_BuiltInsAreTheFrameAssemblysExportedFactories()
    {
        Directory.CreateDirectory(_root);
        var frame = Assembly.Load(new AssemblyName("Ferry.Frame"));
        var expected = frame.GetExportedTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttributes().Any(a => a is Ferry.Sdk.Connectors.ConnectorExportAttribute))
            .Select(t => t.GetCustomAttributes().OfType<Ferry.Sdk.Connectors.ConnectorExportAttribute>().Single().Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        var (code, output, _) = await RunAsync("plugins", "list", "--json", "--plugins", _root);

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        var builtIns = document.RootElement.GetProperty("plugins").EnumerateArray()
            .Where(p => p.GetProperty("builtin").GetBoolean())
            .SelectMany(p => p.GetProperty("connectors").EnumerateArray())
            .Select(c => c.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, builtIns);
    }

    [Fact]
    public async Task Verify_GoodPlugin_ReportsExportsAndSucceeds()
    {
        var folder = CopySample("ferry.sample");

        var (code, output, error) = await RunAsync("plugins", "verify", folder);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"ok       ferry.sample 1.0.0  ({folder})", output, StringComparison.Ordinal);
        Assert.Contains("source 'sequence' handles sequence://", output, StringComparison.Ordinal);
        Assert.Contains("sink 'jsondir' handles jsondir://", output, StringComparison.Ordinal);
        Assert.DoesNotContain("did not unload", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FolderWithGoodAndBrokenPlugins_FailsWithConfigurationAndReasons()
    {
        CopySample("good");
        var broken = CopySample("broken");
        File.WriteAllBytes(Path.Combine(broken, "Ferry.Plugins.Sample.dll"), [1, 2, 3]);

        var (code, output, _) = await RunAsync("plugins", "verify", _root);

        Assert.Equal(ExitCodes.Configuration, code);
        Assert.Contains("ok       ferry.sample 1.0.0", output, StringComparison.Ordinal);
        Assert.Contains($"refused  ferry.sample  ({broken})", output, StringComparison.Ordinal);
        Assert.Contains("- entry assembly Ferry.Plugins.Sample.dll is not a valid .NET assembly", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CorruptEntryAssembly_Fails()
    {
        var folder = CopySample("ferry.sample");
        File.WriteAllBytes(Path.Combine(folder, "Ferry.Plugins.Sample.dll"), [1, 2, 3]);

        var (code, output, _) = await RunAsync("plugins", "verify", folder);

        Assert.Equal(ExitCodes.Configuration, code);
        Assert.Contains("- entry assembly Ferry.Plugins.Sample.dll is not a valid .NET assembly", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingFolder_FailsWithConfiguration()
    {
        var (code, _, error) = await RunAsync("plugins", "verify", Path.Combine(_root, "nope"));

        Assert.Equal(ExitCodes.Configuration, code);
        Assert.Contains("No such folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FolderWithoutPlugins_FailsWithConfiguration()
    {
        Directory.CreateDirectory(_root);

        var (code, _, error) = await RunAsync("plugins", "verify", _root);

        Assert.Equal(ExitCodes.Configuration, code);
        Assert.Contains("holds no plugin", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // An unloaded plugin's files may still be mapped until its context is collected.
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FerryCli.RunAsync(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }

    private string CopySample(string folderName)
    {
        var artifacts = typeof(PluginsCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Ferry.ArtifactsPath").Value!;
        var source = Path.Combine(artifacts, "plugins", "ferry.sample");
        Assert.True(Directory.Exists(source), $"The sample plugin was not built into {source}.");
        var target = Path.Combine(_root, folderName);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static void BreakManifest(string folder)
    {
        var path = Path.Combine(folder, "plugin.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\">=1.0 <2.0\"", "\"2.0\"", StringComparison.Ordinal));
    }
}
