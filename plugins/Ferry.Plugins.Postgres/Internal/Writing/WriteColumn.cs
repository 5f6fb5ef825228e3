namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>A column of the write statement: its name, role and, for vectors and fields, the layout index.</summary>
internal sealed record WriteColumn(string Name, WriteColumnRole Role, int Index = -1);
