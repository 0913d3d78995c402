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
        /// <summary>S (decided by the core).</summary>
        public bool IsSuccess { get; private set; }
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
                IsSuccess = d.IsSuccess,
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
        /// <summary>The keyVersion announced in the Signature header (default 1).</summary>
        public int? KeyVersion { get; set; }
        public string AgentToken { get; set; }
        /// <summary>One whole attempt (default 15 s).</summary>
        public TimeSpan? Timeout { get; set; }
        /// <summary>Establishing a connection (default 5 s).</summary>
        public TimeSpan? ConnectTimeout { get; set; }
        /// <summary>Retries after the first attempt, where a retry is safe (default 2, at most 10).</summary>
        public int? MaxRetries { get; set; }
        public string Proxy { get; set; }
        /// <summary>Refuse notifications whose Request-Time is older (off by default).</summary>
        public TimeSpan? NotificationMaxAge { get; set; }
        /// <summary>An extra trusted root certificate (PEM), e.g. a corporate TLS proxy's.</summary>
        public string CaCertificate { get; set; }

        internal OptionsView ToView()
        {
            return new OptionsView
            {
                ClientId = ClientId, PrivateKey = PrivateKey, AntomPublicKey = AntomPublicKey, Region = Region,
                GatewayUrl = GatewayUrl, KeyVersion = KeyVersion, AgentToken = AgentToken, Proxy = Proxy,
                Timeout = Seconds(Timeout), ConnectTimeout = Seconds(ConnectTimeout), MaxRetries = MaxRetries,
                NotificationMaxAge = Seconds(NotificationMaxAge), CaCertificate = CaCertificate,
            };
        }

        private static double? Seconds(TimeSpan? t)
        {
            return t.HasValue ? t.Value.TotalSeconds : (double?)null;
        }

        public override string ToString()
        {
            return string.Format("AntomOptions(ClientId={0}, Gateway={1}, PrivateKey=<redacted>)", ClientId, GatewayUrl ?? Region ?? "asia");
        }
    }
}
