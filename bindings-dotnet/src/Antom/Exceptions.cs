using System;
using System.Collections.Generic;

namespace Antom
{
    /// <summary>Every SDK error. <see cref="Kind"/> is the core's stable error code.</summary>
    public partial class AntomException : Exception
    {
        public AntomException(string kind, string message) : base(message)
        {
            Kind = kind;
            AttemptHistory = new string[0];
        }

        /// <summary>The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN".</summary>
        public string Kind { get; private set; }
        /// <summary>HTTP status of Antom's answer, when there was one.</summary>
        public int? HttpStatus { get; internal set; }
        /// <summary>The raw response body, when there was one.</summary>
        public string Raw { get; internal set; }
        /// <summary>Antom's resultCode, when the body had one.</summary>
        public string ResultCode { get; internal set; }
        /// <summary>The request's idempotency key (paymentRequestId, ...): inquire with it.</summary>
        public string IdempotencyKey { get; internal set; }
        /// <summary>Attempts made before giving up.</summary>
        public int? Attempts { get; internal set; }
        /// <summary>
        /// True on any error after which the request may have taken effect at Antom (an
        /// <see cref="OutcomeUnknownException"/>, or a signature error on a pay): never charge
        /// again; inquire with <see cref="IdempotencyKey"/>.
        /// </summary>
        public bool OutcomeUnknown { get; internal set; }
        /// <summary>What each attempt got, e.g. "attempt 1: HTTP 503".</summary>
        public IList<string> AttemptHistory { get; internal set; }

        internal static AntomException FromDetail(string detail)
        {
            ErrorView d;
            try
            {
                d = Json.Read<ErrorView>(detail ?? "{}");
            }
            catch (InvalidResponseException)
            {
                return new AntomException("PANIC", detail ?? "unknown native error");
            }
            var kind = d.Kind ?? "PANIC";
            var e = Create(d.Family ?? "", kind, d.Message ?? kind);
            e.HttpStatus = d.HttpStatus;
            e.Attempts = d.Attempts;
            e.Raw = d.Raw;
            e.ResultCode = d.ResultCode;
            e.IdempotencyKey = d.IdempotencyKey;
            e.OutcomeUnknown = d.OutcomeUnknown;
            e.AttemptHistory = d.AttemptHistory ?? new string[0];
            return e;
        }
    }
}
