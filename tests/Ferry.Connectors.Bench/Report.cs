using System.Globalization;

namespace Ferry.Connectors.Bench;

/// <summary>The measurements of a run, printed as a Markdown table.</summary>
internal sealed class Report
{
    private readonly List<(string System, string Operation, string Settings, int Records, TimeSpan Time, string Notes)> _rows = [];

    public void Add(string system, string operation, string settings, int records, TimeSpan time, string notes = "")
    {
        _rows.Add((system, operation, settings, records, time, notes));
        Console.WriteLine($"  {system} {operation} [{settings}]: {records} records in {time.TotalSeconds:0.00} s = {Rate(records, time)} records/s {notes}");
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| system | operation | settings | records | seconds | records/s | where the time goes |");
        output.WriteLine("|---|---|---|---:|---:|---:|---|");
        foreach (var (system, operation, settings, records, time, notes) in _rows)
        {
            output.WriteLine($"| {system} | {operation} | {settings} | {records} | {time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} | {Rate(records, time)} | {notes} |");
        }
    }

    private static string Rate(int records, TimeSpan time) => (records / time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
}
