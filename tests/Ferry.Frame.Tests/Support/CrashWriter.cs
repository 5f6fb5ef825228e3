using Ferry.Sdk.Records;

namespace Ferry.Frame.Tests.Support;

/// <summary>
/// The child process of the crash tests: upserts records into a dataset and, once its fragment files are written and
/// its manifest is ready to publish, prints <see cref="ReadyLine"/> and waits to be killed.
/// </summary>
internal static class CrashWriter
{
    public const string Command = "crash-writer";
    public const string ReadyLine = "READY-TO-PUBLISH";

    /// <summary>args: crash-writer DATASET FIRST_ID COUNT DIMENSION</summary>
    public static int Run(string[] args)
    {
        var path = args[1];
        var first = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var dimension = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        var options = new FrameDatasetOptions
        {
            BeforePublish = () =>
            {
                Console.Out.WriteLine(ReadyLine);
                Console.Out.Flush();

                // Wait for SIGKILL; never publish.
                Thread.Sleep(Timeout.Infinite);
            },
        };

        using var dataset = FrameDataset.OpenAsync(path, options).AsTask().GetAwaiter().GetResult();
        List<Record> records = TestRecords.Make(first, count, dimension, seed: 99);
        dataset.UpsertAsync(records).AsTask().GetAwaiter().GetResult();
        Console.Error.WriteLine("The commit was published although the test should have killed this process.");
        return 3;
    }
}
