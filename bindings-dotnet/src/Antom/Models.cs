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
