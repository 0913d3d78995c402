using System;
using System.Collections.Generic;

namespace Antom
{
    /// <summary>Antom's resultStatus.</summary>
    public enum ResultStatus
    {
        /// <summary>S: succeeded.</summary>
        Success,
        /// <summary>F: failed, final.</summary>
        Failure,
        /// <summary>U: unknown; inquire or wait for the notification, never charge again.</summary>
        Unknown,
    }

    /// <summary>A response from Antom. Raw is the JSON body, exactly as received and verified.</summary>
    public sealed class AntomResponse
    {
        public ResultStatus ResultStatus { get; private set; }
        public string ResultCode { get; private set; }
        public string ResultMessage { get; private set; }
        /// <summary>True when Antom's signature over the raw body verified (always for Success).</summary>
        public bool Verified { get; private set; }
        public string Raw { get; private set; }
        public int HttpStatus { get; private set; }
        public IDictionary<string, string> Headers { get; private set; }
        public int Attempts { get; private set; }
        public string IdempotencyKey { get; private set; }
        public bool IsSuccess { get { return ResultStatus == ResultStatus.Success; } }
        /// <summary>A verified F: the call failed, finally (decided by the core).</summary>
        public bool IsFailure { get; private set; }
        /// <summary>U, or an unverified F: the outcome is not known; inquire, never charge again.</summary>
        public bool IsUnknown { get; private set; }

        internal static ResultStatus ParseStatus(string s)
        {
            return s == "S" ? ResultStatus.Success : s == "F" ? ResultStatus.Failure : ResultStatus.Unknown;
        }

        internal static AntomResponse FromNative(string json)
        {
            var d = Json.Read<ResponseView>(json);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in d.Headers ?? new HeaderView[0])
            {
                if (h != null && h.Name != null) headers[h.Name] = h.Value;
            }
            return new AntomResponse
            {
                ResultStatus = ParseStatus(d.ResultStatus),
                ResultCode = d.ResultCode,
                ResultMessage = d.ResultMessage,
                Verified = d.Verified,
                IsFailure = d.IsFailure,
                IsUnknown = d.IsUnknown,
                Raw = d.Raw,
                HttpStatus = d.HttpStatus,
                Headers = headers,
                Attempts = d.Attempts,
                IdempotencyKey = d.IdempotencyKey,
            };
        }

        public override string ToString()
        {
            return string.Format("AntomResponse({0} {1}, Verified={2}, HttpStatus={3}, Attempts={4})", ResultStatus, ResultCode, Verified, HttpStatus, Attempts);
        }
    }

    /// <summary>A verified notification. Raw is the JSON body.</summary>
    public sealed class AntomNotification
    {
        /// <summary>notifyType, e.g. PAYMENT_RESULT, REFUND_RESULT.</summary>
        public string Kind { get; private set; }
        public ResultStatus? ResultStatus { get; private set; }
        public string ResultCode { get; private set; }
        public string Raw { get; private set; }
        public string ClientId { get; private set; }
        public string RequestTime { get; private set; }

        internal static AntomNotification FromNative(string json)
        {
            var d = Json.Read<NotificationView>(json);
            return new AntomNotification
            {
                Kind = d.Kind,
                ResultStatus = d.ResultStatus == null ? (ResultStatus?)null : AntomResponse.ParseStatus(d.ResultStatus),
                ResultCode = d.ResultCode,
                Raw = d.Raw,
                ClientId = d.ClientId,
                RequestTime = d.RequestTime,
            };
        }

        public override string ToString()
        {
            return string.Format("AntomNotification({0}, {1})", Kind, ResultStatus);
        }
    }

    /// <summary>Options of <see cref="AntomClient"/>. ToString never shows keys or the agent token.</summary>
    public sealed class AntomOptions
    {
        public string ClientId { get; set; }
        /// <summary>Merchant private key text: PEM or base64, PKCS#8 or PKCS#1.</summary>
        public string PrivateKey { get; set; }
        /// <summary>Antom public key text: PEM or base64 SPKI, PKCS#1, or a certificate.</summary>
        public string AntomPublicKey { get; set; }
        /// <summary>asia, north-america, europe or us (default asia).</summary>
        public string Region { get; set; }
        /// <summary>An explicit gateway (http:// only for loopback, e.g. the simulator).</summary>
        public string GatewayUrl { get; set; }
        public int KeyVersion { get; set; } = 1;
        public string AgentToken { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
        public int MaxRetries { get; set; } = 2;
        public string Proxy { get; set; }

        public override string ToString()
        {
            return string.Format("AntomOptions(ClientId={0}, Gateway={1}, PrivateKey=<redacted>)", ClientId, GatewayUrl ?? Region ?? "asia");
        }
    }
}
