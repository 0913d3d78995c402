using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace Antom
{
    // The shapes that cross the C ABI as JSON (antom-bridge's views, which bindings-c writes and
    // reads with serde), read and written with the standard library's DataContractJsonSerializer.

    [DataContract]
    internal sealed class HeaderView
    {
        [DataMember(Name = "name")] public string Name;
        [DataMember(Name = "value")] public string Value;
    }

    // ResponseView, NotificationView and ErrorView are generated (Generated.cs) from the bridge's
    // field tables.
    internal static class Views
    {
        internal static ResultStatus Status(string s) =>
            s == "S" ? ResultStatus.Success : s == "F" ? ResultStatus.Failure : ResultStatus.Unknown;

        internal static IDictionary<string, string> Headers(HeaderView[] pairs)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in pairs ?? new HeaderView[0])
            {
                if (h != null && h.Name != null) headers[h.Name] = h.Value;
            }
            return headers;
        }
    }

    internal static class Json
    {
        // One serializer per type (they are thread-safe and costly to build). Free-form JSON
        // objects are written as objects, not as key/value arrays.
        private static readonly ConcurrentDictionary<Type, DataContractJsonSerializer> Serializers = new ConcurrentDictionary<Type, DataContractJsonSerializer>();
        private static readonly DataContractJsonSerializerSettings Settings = new DataContractJsonSerializerSettings { UseSimpleDictionaryFormat = true };

        internal static DataContractJsonSerializer Serializer(Type type) =>
            Serializers.GetOrAdd(type, t => new DataContractJsonSerializer(t, Settings));

        /// <summary>Reads a view; malformed input is a typed error, never a stray exception.</summary>
        internal static T Read<T>(string json) where T : class
        {
            try
            {
                using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json ?? "")))
                {
                    var value = Serializer(typeof(T)).ReadObject(stream) as T;
                    if (value == null) throw new SerializationException("empty");
                    return value;
                }
            }
            catch (Exception e) when (e is SerializationException || e is ArgumentException || e is InvalidCastException || e is OverflowException || e is FormatException)
            {
                throw new InvalidResponseException("INVALID_RESPONSE", "the native library returned unreadable JSON: " + e.Message);
            }
        }

        /// <summary>Writes a value by its run-time type (a model passed as object).</summary>
        internal static string WriteObject(object value)
        {
            using (var stream = new MemoryStream())
            {
                Serializer(value.GetType()).WriteObject(stream, value);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        internal static string Write<T>(T value) => value == null ? "null" : WriteObject(value);
    }
}
