global using Xunit;
global using Record = Ferry.Sdk.Records.Record;
