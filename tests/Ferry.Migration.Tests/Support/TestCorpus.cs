using System.Globalization;
using System.Text;

namespace Ferry.Migration.Tests.Support;

/// <summary>
/// Writes a corpus in the shape of the shared bench generator (gen-dataset.mjs): id, title, text,
/// metadata {category, year, tags[], author, published (ISO-8601 with milliseconds and Z), score}, embedding[]
/// (float32 values written as JavaScript prints the doubles they widen to). Deterministic per seed.
/// </summary>
internal static class TestCorpus
{
    private static readonly string[] Categories = ["news", "science", "sports", "finance", "health", "travel", "food", "tech", "art", "law"];

    public static void Write(string path, int count, int dimension, int seed = 11, Func<int, string?>? replaceLine = null)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder(256 + (dimension * 24));
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            var words = Enumerable.Range(0, 5 + random.Next(20)).Select(_ => "w" + random.Next(500).ToString(CultureInfo.InvariantCulture)).ToArray();
            line.Append("{\"id\":\"doc-").Append(i.ToString("D8", CultureInfo.InvariantCulture)).Append("\",\"title\":\"")
                .Append(string.Join(' ', words.Take(3))).Append("\",\"text\":\"").Append(string.Join(' ', words)).Append("\",\"metadata\":{\"category\":\"")
                .Append(Categories[random.Next(Categories.Length)]).Append("\",\"year\":").Append(2000 + random.Next(26))
                .Append(",\"tags\":[\"tag").Append(random.Next(50)).Append("\",\"tag").Append(random.Next(50)).Append("\"],\"author\":\"author")
                .Append(random.Next(1000)).Append("\",\"published\":\"")
                .Append(new DateTime(2000 + random.Next(26), 1 + random.Next(12), 1 + random.Next(28), 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append("\",\"score\":").Append((Math.Round(random.NextDouble() * 1000) / 1000).ToString("R", CultureInfo.InvariantCulture)).Append("},\"embedding\":[");
            for (var d = 0; d < dimension; d++)
            {
                if (d > 0)
                {
                    line.Append(',');
                }

                var value = (float)((random.NextDouble() * 2) - 1);
                line.Append(((double)value).ToString("R", CultureInfo.InvariantCulture));
            }

            line.Append("]}");
            writer.Write(replaceLine?.Invoke(i) ?? line.ToString());
            writer.Write('\n');
        }
    }
}
