//! Property tests: whatever signature bytes and key version, formatting then parsing gives
//! them back, in every spelling the official SDKs produce.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use antom::{format_header, SignatureHeader};
use proptest::prelude::*;

proptest! {
    #[test]
    fn format_then_parse_round_trips(sig in proptest::collection::vec(any::<u8>(), 1..=512), version in 0u32..1000) {
        let header = format_header(version, &sig);
        let parsed = SignatureHeader::parse(&header).unwrap();
        prop_assert_eq!(&parsed.signature, &sig);
        prop_assert_eq!(parsed.key_version, version.to_string());
        // Lowercase escapes, spaces after commas, other field order and case: all the same.
        let lower = header.replace("%2B", "%2b").replace("%2F", "%2f").replace("%3D", "%3d");
        prop_assert_eq!(&SignatureHeader::parse(&lower).unwrap().signature, &sig);
        let spaced = header.replace(',', ", ");
        prop_assert_eq!(&SignatureHeader::parse(&spaced).unwrap().signature, &sig);
        let value = header.split("signature=").nth(1).unwrap();
        let reordered = format!("Signature={value}, KEYVERSION={version}, Algorithm=rsa256");
        prop_assert_eq!(&SignatureHeader::parse(&reordered).unwrap().signature, &sig);
    }

    /// Longer than an RSA-4096 signature: it can never verify, so it is refused as a header error.
    #[test]
    fn signatures_past_512_bytes_are_refused(sig in proptest::collection::vec(any::<u8>(), 513..700)) {
        let e = SignatureHeader::parse(&format_header(1, &sig)).unwrap_err();
        prop_assert_eq!(e.kind(), antom::ErrorKind::InvalidHeader);
    }

    #[test]
    fn parsing_never_panics(s in ".{0,300}") {
        let _ = SignatureHeader::parse(&s);
    }

    #[test]
    fn key_parsing_never_panics(s in "[A-Za-z0-9+/=\\n-]{0,600}") {
        let _ = antom::PrivateKey::parse(&s);
        let _ = antom::PublicKey::parse(&s);
    }
}
