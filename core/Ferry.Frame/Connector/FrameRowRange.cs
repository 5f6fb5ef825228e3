namespace Ferry.Frame.Connector;

/// <summary>Rows [Start, End) of one fragment.</summary>
internal readonly record struct FrameRowRange(long FragmentId, int Start, int End);
