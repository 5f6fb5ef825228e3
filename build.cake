// Ferry build script: `dotnet tool restore && dotnet cake --target=<Task>`.
// Tasks: Build, Test, Pack, Demo (the README's main job), Bench (Ferry vs LanceDB, side by side).
var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
var root = MakeAbsolute(Directory("."));
var artifacts = EnvironmentVariable("FERRY_ARTIFACTS") ?? root.Combine("artifacts").FullPath;
var solution = root.CombineWithFilePath("Microkernel.sln");

int Run(string tool, string arguments, DirectoryPath workingDirectory = null, bool check = true)
{
    var exit = StartProcess(tool, new ProcessSettings { Arguments = arguments, WorkingDirectory = workingDirectory ?? root });
    if (check && exit != 0)
    {
        throw new CakeException($"'{tool} {arguments}' failed with exit code {exit}.");
    }
    return exit;
}

// The portable runtime identifier of this machine (linux-x64, osx-arm64, win-x64, ...), for ReadyToRun publishing.
string HostRuntimeIdentifier()
{
    var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
    var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
    return $"{os}-{arch}";
}

string Ferry() => System.IO.Path.Combine(artifacts, "bin", "Ferry.Host", configuration.ToLowerInvariant(), "ferry");

Task("Build")
    .Description("Restore and build the whole solution (warnings are errors).")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("InstallTestDependencies")
    .Description("npm test servers and the Arrow JS interop reader, into git-ignored folders.")
    .Does(() => Run("bash", "tests/install-test-deps.sh"));

Task("Test")
    .Description("Everything the tests need, then every test project.")
    .IsDependentOn("InstallTestDependencies")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(solution.FullPath, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Loggers = new[] { "console;verbosity=normal" },
        ArgumentCustomization = args => args.Append("--blame-hang-timeout 10m"),
    });
});

Task("Pack")
    .Description("Publish the ferry host with its plugins laid out beside it (artifacts/pack/ferry + plugins/<id>/), ReadyToRun-compiled for this machine's runtime identifier.")
    .IsDependentOn("Build")
    .Does(() =>
{
    var output = System.IO.Path.Combine(artifacts, "pack");
    if (System.IO.Directory.Exists(output))
    {
        System.IO.Directory.Delete(output, recursive: true);
    }

    // ReadyToRun code is precompiled, so a run does not spend a second of its CPU compiling the same few thousand methods;
    // with tiered compilation off, the runtime uses that code as it is instead of recompiling hot methods a second and
    // third time (docs/performance.md, "Side by side with LanceDB"). Plugins are published as IL, each into plugins/<id>/:
    // they load into collectible contexts, where the runtime ignores ReadyToRun code, and loaded non-collectible their
    // ReadyToRun code ran slower than the JIT's (the JSON Lines reader's calls into System.Text.Json are not inlined).
    var published = new DotNetMSBuildSettings()
        .WithProperty("PublishReadyToRun", "true")
        .WithProperty("SelfContained", "false");
    DotNetPublish(root.CombineWithFilePath("host/Ferry.Host/Ferry.Host.csproj").FullPath, new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = HostRuntimeIdentifier(),
        OutputDirectory = output,
        MSBuildSettings = published.WithProperty("TieredCompilation", "false"),
    });
    foreach (var plugin in GetFiles(root.FullPath + "/plugins/*/plugin.json"))
    {
        DotNetPublish(plugin.GetDirectory().FullPath, new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = HostRuntimeIdentifier(),
            MSBuildSettings = new DotNetMSBuildSettings()
                .WithProperty("SelfContained", "false")
                .WithProperty("FerryHostPublishDir", output)
                .WithProperty("FerryPluginCopyToHost", "false"),
        });
    }

    Information($"Packed into {output}");
});

Task("Demo")
    .Description("The main job on a working default: migrate the bundled sample into a Frame dataset, validate it, inspect it and search it.")
    .IsDependentOn("Build")
    .Does(() =>
{
    var dataset = System.IO.Path.Combine(artifacts, "demo", "quickstart.frame");
    var sample = root.CombineWithFilePath("docs/samples/quickstart.jsonl").FullPath;
    var query = root.CombineWithFilePath("docs/samples/query.json").FullPath;
    Run(Ferry(), $"migrate --from \"{sample}\" --to \"{dataset}\" --restart --validate full");
    Run(Ferry(), $"inspect \"{dataset}\"");
    Run(Ferry(), $"search \"{dataset}\" --vector-file \"{query}\" --k 5 --filter \"year >= 2020\"");
});

Task("Bench")
    .Description("Ferry (the packed, ReadyToRun host) and the LanceDB reference on the same corpus in one run; writes ratios to artifacts/bench/results.md.")
    .IsDependentOn("Pack")
    .Does(() => Run("bash", $"tests/bench/run-bench.sh {configuration}"));

RunTarget(target);
