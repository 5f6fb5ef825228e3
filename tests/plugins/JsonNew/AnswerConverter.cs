using Newtonsoft.Json;

namespace Ferry.TestPlugins;

/// <summary>
/// A type deriving from a Newtonsoft.Json type: loading this assembly's types needs Newtonsoft.Json, so a copy of
/// the plugin without it fails with a type load error (tested).
/// </summary>
public sealed class AnswerConverter : JsonConverter<int>
{
    public override int ReadJson(JsonReader reader, Type objectType, int existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        Convert.ToInt32(reader.Value, System.Globalization.CultureInfo.InvariantCulture);

    public override void WriteJson(JsonWriter writer, int value, JsonSerializer serializer) => writer.WriteValue(value);
}
