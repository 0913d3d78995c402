using System;
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

    [DataContract]
    internal sealed class ErrorView
    {
        [DataMember(Name = "kind")] public string Kind;
        [DataMember(Name = "family")] public string Family;
        [DataMember(Name = "message")] public string Message;
        [DataMember(Name = "httpStatus")] public int? HttpStatus;
        [DataMember(Name = "raw")] public string Raw;
        [DataMember(Name = "idempotencyKey")] public string IdempotencyKey;
        [DataMember(Name = "resultCode")] public string ResultCode;
        [DataMember(Name = "attempts")] public int? Attempts;
        [DataMember(Name = "outcomeUnknown")] public bool OutcomeUnknown;
        [DataMember(Name = "attemptHistory")] public string[] AttemptHistory;
    }

    [DataContract]
    internal sealed class ResponseView
    {
        [DataMember(Name = "resultStatus")] public string ResultStatus;
        [DataMember(Name = "resultCode")] public string ResultCode;
        [DataMember(Name = "resultMessage")] public string ResultMessage;
        [DataMember(Name = "verified")] public bool Verified;
        [DataMember(Name = "isSuccess")] public bool IsSuccess;
        [DataMember(Name = "isFailure")] public bool IsFailure;
        [DataMember(Name = "isUnknown")] public bool IsUnknown;
        [DataMember(Name = "raw")] public string Raw;
        [DataMember(Name = "httpStatus")] public int HttpStatus;
        [DataMember(Name = "headers")] public HeaderView[] Headers;
        [DataMember(Name = "attempts")] public int Attempts;
        [DataMember(Name = "idempotencyKey")] public string IdempotencyKey;
    }

    [DataContract]
    internal sealed class NotificationView
    {
        [DataMember(Name = "kind")] public string Kind;
        [DataMember(Name = "resultStatus")] public string ResultStatus;
        [DataMember(Name = "resultCode")] public string ResultCode;
        [DataMember(Name = "raw")] public string Raw;
        [DataMember(Name = "clientId")] public string ClientId;
        [DataMember(Name = "requestTime")] public string RequestTime;
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
