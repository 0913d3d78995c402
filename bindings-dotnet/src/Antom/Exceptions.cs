using System;
using System.Collections.Generic;

namespace Antom
{
    /// <summary>Every SDK error. <see cref="Kind"/> is the core's stable error code.</summary>
    public class AntomException : Exception
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
            var message = d.Message ?? kind;
            AntomException e;
            switch (kind)
            {
                case "INVALID_KEY": e = new InvalidKeyException(kind, message); break;
                case "INVALID_HEADER":
                case "INVALID_INPUT": e = new InvalidInputException(kind, message); break;
                case "SIGNATURE_MISMATCH":
                case "UNSIGNED_RESPONSE": e = new SignatureException(kind, message); break;
                case "TRANSPORT": e = new TransportException(kind, message); break;
                case "TIMEOUT": e = new AntomTimeoutException(kind, message); break;
                case "OUTCOME_UNKNOWN": e = new OutcomeUnknownException(kind, message); break;
                case "HTTP_STATUS": e = new HttpStatusException(kind, message); break;
                case "INVALID_RESPONSE": e = new InvalidResponseException(kind, message); break;
                default: e = new AntomException(kind, message); break;
            }
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

    /// <summary>A key is unreadable or not an accepted RSA key form.</summary>
    public class InvalidKeyException : AntomException
    {
        public InvalidKeyException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>A malformed argument, header, body or option.</summary>
    public class InvalidInputException : AntomException
    {
        public InvalidInputException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>A signature did not verify, or a success arrived unsigned.</summary>
    public class SignatureException : AntomException
    {
        public SignatureException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>The request could not be delivered: it never reached Antom.</summary>
    public class TransportException : AntomException
    {
        public TransportException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>Timed out before the request could have had an effect.</summary>
    public class AntomTimeoutException : AntomException
    {
        public AntomTimeoutException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>The request may have reached Antom: inquire with IdempotencyKey, never charge again.</summary>
    public class OutcomeUnknownException : AntomException
    {
        public OutcomeUnknownException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>Antom answered with a non-2xx HTTP status.</summary>
    public class HttpStatusException : AntomException
    {
        public HttpStatusException(string kind, string message) : base(kind, message) { }
    }

    /// <summary>The response body is not the JSON Antom sends.</summary>
    public class InvalidResponseException : AntomException
    {
        public InvalidResponseException(string kind, string message) : base(kind, message) { }
    }
}
