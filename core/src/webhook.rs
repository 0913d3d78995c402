//! What a webhook answers Antom. Antom stops redelivering a notification only when it gets HTTP
//! 200 with exactly [`NOTIFICATION_ACK`]; every other answer makes it try again for 24 hours.
//! So a notification is acked only once it is verified and handled; one that fails verification
//! is refused without being acted on; and one whose handler failed gets no ack, so that Antom
//! delivers it again. Every binding's framework handlers answer from this table.
//!
//! ```
//! use antom::{ErrorKind, WebhookReply};
//!
//! assert_eq!(WebhookReply::ACKED.status, 200);
//! assert_eq!(WebhookReply::for_error(ErrorKind::SignatureMismatch).status, 401);
//! // A key the server cannot read is its own fault: no ack, so Antom redelivers after the fix.
//! assert_eq!(WebhookReply::for_error(ErrorKind::InvalidKey).status, 500);
//! ```

use crate::error::ErrorKind;
use crate::notify::{Notification, NOTIFICATION_ACK};

/// One HTTP answer to a notification delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookReply {
    /// A short name every language uses for it (`ACKED`, `REFUSED`, ...).
    pub name: &'static str,
    pub status: u16,
    pub content_type: &'static str,
    pub body: &'static str,
    /// When this is the answer.
    pub doc: &'static str,
}

impl WebhookReply {
    /// Verified and handled: the ack, so Antom stops redelivering.
    pub const ACKED: WebhookReply = WebhookReply {
        name: "ACKED",
        status: 200,
        content_type: "application/json",
        body: NOTIFICATION_ACK,
        doc: "Verified and handled: HTTP 200 with the exact ack, so Antom stops redelivering.",
    };
    /// The signature is missing, malformed or does not verify: never acted on.
    pub const REFUSED: WebhookReply = WebhookReply {
        name: "REFUSED",
        status: 401,
        content_type: "text/plain; charset=utf-8",
        body: "notification refused: its signature does not verify",
        doc: "The signature is missing, malformed or does not verify (forged, tampered, signed for another path or by another key): refused, never acted on.",
    };
    /// Signed but not a notification this merchant can take (another client id, not JSON).
    pub const MALFORMED: WebhookReply = WebhookReply {
        name: "MALFORMED",
        status: 400,
        content_type: "text/plain; charset=utf-8",
        body: "notification refused: not a notification for this merchant",
        doc: "Not a notification this merchant can take (oversize, another client id, not a JSON object): refused, never acted on.",
    };
    /// The handler failed, or the server cannot verify (its key is unreadable): no ack.
    pub const FAILED: WebhookReply = WebhookReply {
        name: "FAILED",
        status: 500,
        content_type: "text/plain; charset=utf-8",
        body: "notification not handled: Antom will deliver it again",
        doc: "The handler raised, or the server cannot verify (its Antom public key is unreadable): no ack, so Antom delivers it again.",
    };

    /// Every reply, in the order above.
    pub const ALL: [WebhookReply; 4] = [
        WebhookReply::ACKED,
        WebhookReply::REFUSED,
        WebhookReply::MALFORMED,
        WebhookReply::FAILED,
    ];

    /// The answer to a delivery whose verification failed with `kind`. Only the sender's fault
    /// is refused; anything else (a key this server cannot read) asks for a redelivery.
    pub fn for_error(kind: ErrorKind) -> WebhookReply {
        match kind {
            ErrorKind::SignatureMismatch
            | ErrorKind::UnsignedResponse
            | ErrorKind::InvalidHeader => WebhookReply::REFUSED,
            ErrorKind::InvalidInput | ErrorKind::InvalidResponse => WebhookReply::MALFORMED,
            ErrorKind::InvalidKey
            | ErrorKind::Transport
            | ErrorKind::Timeout
            | ErrorKind::OutcomeUnknown
            | ErrorKind::HttpStatus => WebhookReply::FAILED,
        }
    }

    /// The answer to a delivery: `verified` is what verification gave; `handle` runs only on a
    /// verified notification, and its error means "not handled" (no ack).
    ///
    /// ```
    /// use antom::{Error, ErrorKind, WebhookReply};
    ///
    /// let forged: Result<antom::Notification, Error> =
    ///     Err(Error::new(ErrorKind::SignatureMismatch, "forged"));
    /// let mut acted = false;
    /// let reply = WebhookReply::answer(forged, |_| {
    ///     acted = true;
    ///     Ok::<(), ()>(())
    /// });
    /// assert_eq!((reply.status, acted), (401, false));
    /// ```
    pub fn answer<E>(
        verified: crate::Result<Notification>,
        handle: impl FnOnce(&Notification) -> Result<(), E>,
    ) -> WebhookReply {
        match verified {
            Err(e) => WebhookReply::for_error(e.kind()),
            Ok(n) => match handle(&n) {
                Ok(()) => WebhookReply::ACKED,
                Err(_) => WebhookReply::FAILED,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_ack_is_200_and_every_kind_has_an_answer() {
        assert_eq!(
            WebhookReply::ALL.iter().filter(|r| r.status == 200).count(),
            1
        );
        assert_eq!(WebhookReply::ACKED.body, NOTIFICATION_ACK);
        for kind in ErrorKind::ALL {
            assert_ne!(WebhookReply::for_error(kind).status, 200, "{kind:?}");
        }
    }
}
