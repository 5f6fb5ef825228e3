// xUnit has a Record type too; in these tests "Record" is always Ferry's.
global using Record = Ferry.Sdk.Records.Record;
