using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace Antom
{
    // The shapes that cross the C ABI as JSON (native/src/views.rs writes and reads the same
    // ones with serde: antom-bridge's views), read and written with the standard library's DataContractJsonSerializer.

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
        internal static ResultStatus Status(string s)
        {
            return s == "S" ? ResultStatus.Success : s == "F" ? ResultStatus.Failure : ResultStatus.Unknown;
        }

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

    // The client options as the C ABI reads them (bridge Options::from_json): unset values are
    // left out, so the core's defaults apply.
    [DataContract]
    internal sealed class OptionsView
    {
        [DataMember(Name = "clientId", EmitDefaultValue = false)] public string ClientId;
        [DataMember(Name = "privateKey", EmitDefaultValue = false)] public string PrivateKey;
        [DataMember(Name = "antomPublicKey", EmitDefaultValue = false)] public string AntomPublicKey;
        [DataMember(Name = "region", EmitDefaultValue = false)] public string Region;
        [DataMember(Name = "gatewayUrl", EmitDefaultValue = false)] public string GatewayUrl;
        [DataMember(Name = "keyVersion", EmitDefaultValue = false)] public double? KeyVersion;
        [DataMember(Name = "agentToken", EmitDefaultValue = false)] public string AgentToken;
        [DataMember(Name = "timeout", EmitDefaultValue = false)] public double? Timeout;
        [DataMember(Name = "connectTimeout", EmitDefaultValue = false)] public double? ConnectTimeout;
        [DataMember(Name = "maxRetries", EmitDefaultValue = false)] public double? MaxRetries;
        [DataMember(Name = "proxy", EmitDefaultValue = false)] public string Proxy;
        [DataMember(Name = "notificationMaxAge", EmitDefaultValue = false)] public double? NotificationMaxAge;
        [DataMember(Name = "caCertificate", EmitDefaultValue = false)] public string CaCertificate;
    }

    internal static class Json
    {
        /// <summary>Reads a view; malformed input is a typed error, never a stray exception.</summary>
        internal static T Read<T>(string json) where T : class
        {
            try
            {
                using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json ?? "")))
                {
                    var value = new DataContractJsonSerializer(typeof(T)).ReadObject(stream) as T;
                    if (value == null) throw new SerializationException("empty");
                    return value;
                }
            }
            catch (Exception e) when (e is SerializationException || e is ArgumentException || e is InvalidCastException || e is OverflowException || e is FormatException)
            {
                throw new InvalidResponseException("INVALID_RESPONSE", "the native library returned unreadable JSON: " + e.Message);
            }
        }

        internal static string Write<T>(T value)
        {
            using (var stream = new MemoryStream())
            {
                new DataContractJsonSerializer(typeof(T)).WriteObject(stream, value);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }
}
