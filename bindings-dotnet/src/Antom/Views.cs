using System;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace Antom
{
    // The shapes that cross the C ABI as JSON (native/src/views.rs writes and reads the same
    // ones with serde), read and written with the standard library's DataContractJsonSerializer.

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
        [DataMember(Name = "message")] public string Message;
        [DataMember(Name = "http_status")] public int? HttpStatus;
        [DataMember(Name = "raw")] public string Raw;
        [DataMember(Name = "idempotency_key")] public string IdempotencyKey;
        [DataMember(Name = "result_code")] public string ResultCode;
        [DataMember(Name = "attempts")] public int? Attempts;
        [DataMember(Name = "outcome_unknown")] public bool OutcomeUnknown;
        [DataMember(Name = "attempt_history")] public string[] AttemptHistory;
    }

    [DataContract]
    internal sealed class ResponseView
    {
        [DataMember(Name = "result_status")] public string ResultStatus;
        [DataMember(Name = "result_code")] public string ResultCode;
        [DataMember(Name = "result_message")] public string ResultMessage;
        [DataMember(Name = "verified")] public bool Verified;
        [DataMember(Name = "is_failure")] public bool IsFailure;
        [DataMember(Name = "is_unknown")] public bool IsUnknown;
        [DataMember(Name = "raw")] public string Raw;
        [DataMember(Name = "http_status")] public int HttpStatus;
        [DataMember(Name = "headers")] public HeaderView[] Headers;
        [DataMember(Name = "attempts")] public int Attempts;
        [DataMember(Name = "idempotency_key")] public string IdempotencyKey;
    }

    [DataContract]
    internal sealed class NotificationView
    {
        [DataMember(Name = "kind")] public string Kind;
        [DataMember(Name = "result_status")] public string ResultStatus;
        [DataMember(Name = "result_code")] public string ResultCode;
        [DataMember(Name = "raw")] public string Raw;
        [DataMember(Name = "client_id")] public string ClientId;
        [DataMember(Name = "request_time")] public string RequestTime;
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
