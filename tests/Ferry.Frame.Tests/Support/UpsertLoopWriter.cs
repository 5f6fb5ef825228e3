namespace Ferry.Frame.Tests.Support;

/// <summary>A child process of the concurrency tests: upserts batches of records, one commit each, as fast as it can.</summary>
internal static class UpsertLoopWriter
{
    public const string Command = "upsert-loop";

    /// <summary>args: upsert-loop DATASET PREFIX BATCHES BATCH_SIZE DIMENSION</summary>
    public static int Run(string[] args)
    {
        var path = args[1];
        var prefix = args[2];
        var batches = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var batchSize = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        var dimension = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
        using var dataset = FrameDataset.OpenAsync(path, new FrameDatasetOptions { FlushToDisk = false, MaxCommitAttempts = 1000 }).AsTask().GetAwaiter().GetResult();
        var retried = 0;
        for (var b = 0; b < batches; b++)
        {
            var commit = dataset.UpsertAsync(TestRecords.Make(b * batchSize, batchSize, dimension, seed: b, prefix: prefix)).AsTask().GetAwaiter().GetResult();
            retried += commit.Attempts - 1;
        }

        Console.Out.WriteLine("RETRIES " + retried);
        return 0;
    }
}
