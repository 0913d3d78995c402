<?php

// Stubs of the antom extension (antom.so) for IDEs and static analysers. A PHPUnit test
// checks them against the loaded extension by reflection.

namespace Antom;

/** Base class of every SDK error; getKind() is the core's stable error code. */
class AntomException extends \Exception
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** A key is unreadable or not an accepted RSA key form. */
class InvalidKeyException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** A malformed argument, header, body or option. */
class InvalidInputException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** A signature did not verify, or a success arrived unsigned. */
class SignatureException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** The request could not be delivered: it never reached Antom. */
class TransportException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** Timed out before the request could have had an effect. */
class TimeoutException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** The request may have reached Antom: inquire with getIdempotencyKey(), never charge again. */
class OutcomeUnknownException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** Antom answered with a non-2xx HTTP status. */
class HttpStatusException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** The response body is not the JSON Antom sends. */
class InvalidResponseException extends AntomException
{
    public function __construct() {}
    /** The stable error code, e.g. "SIGNATURE_MISMATCH", "OUTCOME_UNKNOWN". */
    public function getKind(): string {}
    public function getHttpStatus(): ?int {}
    public function getRaw(): ?string {}
    public function getIdempotencyKey(): ?string {}
    public function getResultCode(): ?string {}
    public function getAttempts(): ?int {}
    /** True when the request may have taken effect at Antom: never charge again, inquire. */
    public function isOutcomeUnknown(): bool {}
    /** What each attempt got, e.g. "attempt 1: HTTP 503". */
    public function getAttemptHistory(): array {}
}

/** Request signing and signature verification. */
class Signature
{
    public function __construct() {}
    /** The whole Signature header value for a request. */
    public static function signRequest(string $privateKey, string $method, string $path, string $clientId, string $requestTime, string $body, int $keyVersion = 1): string {}
    /** True when the signature verifies; false on a mismatch; throws on malformed keys or headers. */
    public static function verify(string $publicKey, string $method, string $path, string $clientId, string $requestTime, string $body, string $signature): bool {}
}

/** A verified notification; ACK is the exact acknowledgement body. */
class Notification
{
    public const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';
    public string $kind;
    /** "S", "F", "U" or null. */
    public ?string $resultStatus;
    public ?string $resultCode;
    public string $raw;
    public string $clientId;
    public string $requestTime;
    public array $data;
    public function __construct() {}
}

/** A response from Antom. */
class Response
{
    /** "S", "F" or "U". */
    public string $resultStatus;
    public string $resultCode;
    public string $resultMessage;
    /** True when Antom's signature over the raw body verified (always for "S"). */
    public bool $verified;
    public string $raw;
    public int $httpStatus;
    public int $attempts;
    public ?string $idempotencyKey;
    /** "S". */
    public bool $isSuccess;
    /** A verified "F": failed, finally. */
    public bool $isFailure;
    /** "U", or an unverified "F": inquire, never charge again. */
    public bool $isUnknown;
    public array $data;
    public array $headers;
    public function __construct() {}
}

/** Antom API client (blocking). Safe under PHP-FPM: its pool is built lazily per process. */
class Client
{
    /**
     * @param array{clientId: string, privateKey: string, antomPublicKey: string, region?: string, gatewayUrl?: string,
     *   keyVersion?: int, agentToken?: string, timeout?: float, connectTimeout?: float, maxRetries?: int, proxy?: string} $options
     */
    public function __construct(array $options) {}
    /** Any endpoint by catalog name ("payments.pay", "pay") or path; the body is an array or JSON text. */
    public function call(string $endpoint, array|string $body): Response {}
    public function pay(array|string $body): Response {}
    public function consult(array|string $body): Response {}
    public function inquiryPayment(array|string $body): Response {}
    public function cancel(array|string $body): Response {}
    public function capture(array|string $body): Response {}
    public function refund(array|string $body): Response {}
    public function inquiryRefund(array|string $body): Response {}
    public function createPaymentSession(array|string $body): Response {}
    /** Polls inquiryPayment until paymentStatus is final or $timeout seconds pass. */
    public function inquirePaymentUntilFinal(string $paymentRequestId, float $timeout): Response {}
    /** Verifies a notification over its raw body, then parses it; headers as getallheaders() returns them. */
    public function verifyNotification(string $path, array $headers, string $body): Notification {}
    public function __debugInfo(): array {}
}
