using System.Text.Json;
using Ferry.Core.Plugins.Manifest;
using Ferry.Core.Tests.Plugins.Support;
using Xunit;

namespace Ferry.Core.Tests.Plugins;

public sealed class PluginManifestTests
{
    private const string Valid = """
        {
          "id": "acme.store",
          "version": "1.2.3-beta.1+build.5",
          "sdk": ">=1.0 <2.0",
          "entryAssembly": "Acme.Store.dll",
          "provides": {
            "sources": [ { "name": "acme", "schemes": [ "acme" ], "description": "Acme store", "options": { "type": "object", "properties": { "batch": { "type": "integer" } } } } ],
            "sinks": [ { "name": "acme-files", "extensions": [ ".acme", "/" ] } ]
          }
        }
        """;

    public static TheoryData<string> RepositoryManifests() => new(ManifestPaths());

    private static List<string> ManifestPaths()
    {
        var root = TestPlugins.RepositoryRoot;
        var data = new List<string>();
        foreach (var folder in new[] { "plugins", Path.Combine("tests", "plugins") })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "plugin.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file);
                if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    data.Add(relative);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryManifests))]
    public void Load_RepositoryPluginManifest_IsValid(string relativePath)
    {
        var manifest = PluginManifest.Load(Path.Combine(TestPlugins.RepositoryRoot, relativePath));

        Assert.False(string.IsNullOrEmpty(manifest.Id));
        Assert.True(manifest.Sources.Count + manifest.Sinks.Count + manifest.Transformers.Count > 0);
    }

    [Fact]
    public void RepositoryManifests_IncludeTheSampleAndTestPlugins()
    {
        var paths = ManifestPaths();

        Assert.Contains(Path.Combine("plugins", "Ferry.Plugins.Sample", "plugin.json"), paths);
        Assert.Contains(Path.Combine("tests", "plugins", "JsonOld", "plugin.json"), paths);
    }

    [Fact]
    public void Parse_ValidManifest_ReadsEveryField()
    {
        var manifest = PluginManifest.Parse(Valid);

        Assert.Equal("acme.store", manifest.Id);
        Assert.Equal("acme.store", manifest.Name);
        Assert.Equal("1.2.3-beta.1+build.5", manifest.Version);
        Assert.Equal(">=1.0 <2.0", manifest.Sdk.ToString());
        Assert.Equal("Acme.Store.dll", manifest.EntryAssembly);
        var source = Assert.Single(manifest.Sources);
        Assert.Equal("acme", source.Name);
        Assert.Equal(["acme"], source.Schemes);
        Assert.Equal("Acme store", source.Description);
        Assert.Equal(JsonValueKind.Object, source.Options!.Value.ValueKind);
        Assert.Equal([".acme", "/"], Assert.Single(manifest.Sinks).Extensions);
        Assert.Empty(manifest.Transformers);
    }

    [Fact]
    public void Parse_ObjectSdkRange_IsMinInclusiveMaxExclusive()
    {
        var manifest = PluginManifest.Parse(Valid.Replace("\">=1.0 <2.0\"", "{ \"min\": \"1.2\", \"max\": \"2\" }", StringComparison.Ordinal));

        Assert.True(manifest.Sdk.Includes(new Version(1, 2, 0, 0)));
        Assert.True(manifest.Sdk.Includes(new Version(1, 9, 9)));
        Assert.False(manifest.Sdk.Includes(new Version(1, 1, 9)));
        Assert.False(manifest.Sdk.Includes(new Version(2, 0)));
    }

    [Theory]
    [InlineData("\"id\": \"acme.store\",", "", "$: is missing required property 'id'")]
    [InlineData("\"acme.store\"", "\"Acme.Store\"", "$.id: 'Acme.Store' does not match the pattern")]
    [InlineData("\"1.2.3-beta.1+build.5\"", "\"1.2\"", "$.version: '1.2' does not match the pattern")]
    [InlineData("\"1.2.3-beta.1+build.5\"", "1", "$.version: must be a string, not the number 1")]
    [InlineData("\">=1.0 <2.0\"", "\"1.0\"", "$.sdk: '1.0' does not match the pattern")]
    [InlineData("\">=1.0 <2.0\"", "\">=1.x\"", "$.sdk: '>=1.x' does not match the pattern")]
    [InlineData("\">=1.0 <2.0\"", "{ \"max\": \"2.0\" }", "$.sdk: is missing required property 'min'")]
    [InlineData("\">=1.0 <2.0\"", "[ \"1.0\" ]", "$.sdk: must be a string or an object, not an array")]
    [InlineData("\"Acme.Store.dll\"", "\"lib/Acme.Store.dll\"", "$.entryAssembly: 'lib/Acme.Store.dll' does not match the pattern")]
    [InlineData("\"Acme.Store.dll\"", "\"Acme.Store.exe\"", "$.entryAssembly: 'Acme.Store.exe' does not match the pattern")]
    [InlineData("\"id\": \"acme.store\",", "\"id\": \"acme.store\", \"color\": \"blue\",", "$.color: is not a known property")]
    [InlineData("\"name\": \"acme\", \"schemes\"", "\"name\": \"Acme Store\", \"schemes\"", "$.provides.sources[0].name: 'Acme Store' does not match the pattern")]
    [InlineData("\"schemes\": [ \"acme\" ]", "\"schemes\": [ \"acme://\" ]", "$.provides.sources[0].schemes[0]: 'acme://' does not match the pattern")]
    [InlineData("\"schemes\": [ \"acme\" ]", "\"schemes\": [ \"acme\", \"acme\" ]", "$.provides.sources[0].schemes[1]: repeats \"acme\"; items must be unique")]
    [InlineData("\"extensions\": [ \".acme\", \"/\" ]", "\"extensions\": [ \"acme\" ]", "$.provides.sinks[0].extensions[0]: 'acme' does not match the pattern")]
    [InlineData("\"description\": \"Acme store\",", "\"description\": \"Acme store\", \"kind\": \"x\",", "$.provides.sources[0].kind: is not a known property")]
    [InlineData("\"options\": { \"type\": \"object\"", "\"options\": { \"type\": \"array\"", "$.provides.sources[0].options.type: must be \"object\"")]
    [InlineData("\"sinks\": [ { \"name\": \"acme-files\", \"extensions\": [ \".acme\", \"/\" ] } ]", "\"sinks\": []", "$.provides.sinks: must have at least 1 item")]
    [InlineData("\"sinks\"", "\"exporters\"", "$.provides.exporters: is not a known property")]
    public void Parse_InvalidManifest_NamesTheJsonPath(string oldText, string newText, string expectedError)
    {
        Assert.Contains(oldText, Valid, StringComparison.Ordinal);
        var json = Valid.Replace(oldText, newText, StringComparison.Ordinal);

        var ex = Assert.Throws<PluginManifestException>(() => PluginManifest.Parse(json));

        Assert.True(ex.Errors.Any(e => e.StartsWith(expectedError, StringComparison.Ordinal)), $"Expected an error starting with \"{expectedError}\", got: {string.Join(" | ", ex.Errors)}");
    }

    [Fact]
    public void Parse_EmptyProvides_Rejected()
    {
        var json = """{ "id": "a.b", "version": "1.0.0", "sdk": "^1.0", "entryAssembly": "A.dll", "provides": {} }""";

        var ex = Assert.Throws<PluginManifestException>(() => PluginManifest.Parse(json));

        Assert.Contains("$.provides: must have at least 1 property", ex.Errors);
        Assert.Equal("a.b", ex.PluginId);
    }

    [Fact]
    public void Parse_DuplicateConnectorName_Rejected()
    {
        var json = """{ "id": "a.b", "version": "1.0.0", "sdk": "^1.0", "entryAssembly": "A.dll", "provides": { "sources": [ { "name": "x" }, { "name": "x", "schemes": [ "y" ] } ] } }""";

        var ex = Assert.Throws<PluginManifestException>(() => PluginManifest.Parse(json));

        Assert.Contains("$.provides.sources[1].name: 'x' is listed twice", ex.Errors);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEach()
    {
        var json = """{ "id": "A", "version": "x", "entryAssembly": "A.dll", "provides": { "sources": [ { } ] } }""";

        var ex = Assert.Throws<PluginManifestException>(() => PluginManifest.Parse(json));

        Assert.Contains("$: is missing required property 'sdk'", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("$.id: 'A' does not match", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("$.version: 'x' does not match", StringComparison.Ordinal));
        Assert.Contains("$.provides.sources[0]: is missing required property 'name'", ex.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"id\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"id\": \"a\", }")]
    public void Parse_NotAnObject_Rejected(string json)
    {
        var ex = Assert.Throws<PluginManifestException>(() => PluginManifest.Parse(json, "x/plugin.json"));

        Assert.StartsWith("x/plugin.json is not a valid plugin manifest: ", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(ex.Errors);
    }

    [Fact]
    public void Parse_Comments_AreAllowed()
    {
        var manifest = PluginManifest.Parse("// a plugin\n" + Valid);

        Assert.Equal("acme.store", manifest.Id);
    }

    [Fact]
    public void Load_MissingFile_ReportsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "plugin.json");

        var ex = Assert.Throws<PluginManifestException>(() => PluginManifest.Load(path));

        Assert.Contains("cannot be read", ex.Errors[0], StringComparison.Ordinal);
    }
}
