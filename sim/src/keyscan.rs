//! Finding private key material in what a merchant sends (audit mode's key rule), in time
//! linear in the text: one pass over it, and one bounded parse per place a key can start.

use base64::Engine as _;

/// The longest key scanned for (RSA-4096 in PKCS#8 is about 3,300 base64 characters).
const MAX_KEY_CHARS: usize = 16_384;

/// True when `text` carries a private key: PEM armour, or base64 that parses as an RSA
/// private key, on one line or broken into lines (real or JSON-escaped newlines, indented or
/// not), wherever it starts and ends within the surrounding text.
pub fn holds_private_key(text: &str) -> bool {
    text.contains("PRIVATE KEY-----")
        || scan(text, &mut |b64| antom::PrivateKey::parse(b64).is_ok())
}

/// One pass over `text` as base64 runs: characters of the alphabet, with line breaks (real, or
/// `\n` and `\r` as JSON escapes them) and a new line's indentation dropped, since a key may be
/// wrapped anywhere. A key starts where a token, a line or a padded run (`=`) starts.
fn scan(text: &str, parse: &mut dyn FnMut(&str) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut run: Vec<u8> = Vec::new();
    // Where a key may start, and whether that is the start of a line.
    let mut starts: Vec<(usize, bool)> = Vec::new();
    let (mut token_start, mut line_start) = (true, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if b == b'\\' && matches!(next, Some(b'n' | b'r')) || b == b'\n' || b == b'\r' {
            i += if b == b'\\' { 2 } else { 1 };
            (token_start, line_start) = (true, true);
            continue;
        }
        if b == b'\\' && next == Some(b'/') {
            i += 1; // JSON's escaped slash: the slash itself follows
            continue;
        }
        let in_alphabet = b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if in_alphabet {
            if token_start || run.last() == Some(&b'=') && b != b'=' {
                starts.push((run.len(), line_start));
            }
            run.push(b);
            (token_start, line_start) = (false, false);
        } else if matches!(b, b' ' | b'\t') {
            // Blanks end a token, but not a run when they indent a wrapped line or trail it.
            let end = i + bytes[i..]
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t'))
                .count();
            let line_end = matches!(
                &bytes[end..],
                [] | [b'\n' | b'\r', ..] | [b'\\', b'n' | b'r', ..]
            );
            if !(line_start || line_end) {
                if keys_in(&run, &starts, parse) {
                    return true;
                }
                run.clear();
                starts.clear();
                token_start = true;
            }
            i = end;
            continue;
        } else {
            if keys_in(&run, &starts, parse) {
                return true;
            }
            run.clear();
            starts.clear();
            (token_start, line_start) = (true, false);
        }
        i += 1;
    }
    keys_in(&run, &starts, parse)
}

/// Tries each place once. A place that is not a key hides the token starts inside the span it
/// claimed, never a line start (a line that looks like a key's start must not hide the key on
/// the next line): each line costs one bounded parse at most.
fn keys_in(run: &[u8], starts: &[(usize, bool)], parse: &mut dyn FnMut(&str) -> bool) -> bool {
    let mut claimed = 0;
    for &(s, line) in starts {
        if s < claimed && !line {
            continue;
        }
        if let Some(len) = key_len(&run[s..]) {
            if std::str::from_utf8(&run[s..s + len]).is_ok_and(&mut *parse) {
                return true;
            }
            claimed = claimed.max(s + len);
        }
    }
    false
}

/// The base64 length of the DER an RSA private key's text would start with here: its first
/// four bytes (`30 82 LL LL`, "MII...") give the length. `None` where no key can start.
fn key_len(run: &[u8]) -> Option<usize> {
    if !run.starts_with(b"MII") || run.len() < 8 {
        return None;
    }
    // Eight characters are six bytes: the tag, `82` and the two length bytes among them.
    let head = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(run.get(..8)?)
        .ok()?;
    let der_len = 4 + (usize::from(*head.get(2)?) << 8 | usize::from(*head.get(3)?));
    let chars = der_len.div_ceil(3) * 4;
    (chars <= MAX_KEY_CHARS && chars <= run.len()).then_some(chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_a_key_in_any_form_it_travels_in() {
        let pair = antom::generate_key_pair().expect("key");
        let pem = pair.private_pem.to_string();
        let bare: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(holds_private_key(&pem));
        assert!(holds_private_key(&format!("{{\"k\":\"{bare}\"}}")));
        assert!(holds_private_key(&format!("key={bare}&next=1")));
        let lines: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let escaped = serde_json::to_string(&json!({ "k": format!("key {}", lines.join("\n")) }))
            .expect("json");
        assert!(escaped.contains("\\n") && holds_private_key(&escaped));
        assert!(holds_private_key(&format!(
            "debug: {}\nnext",
            lines.join("\r\n")
        )));
        // Indented, as a YAML or a log line wraps it.
        assert!(holds_private_key(&format!("  {}\n", lines.join("\n  "))));
        assert!(!holds_private_key(&pair.public_pem));
        let public_bare: String = pair
            .public_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert!(!holds_private_key(&public_bare));
        assert!(!holds_private_key(&"A".repeat(2000)));
    }

    #[test]
    fn hostile_text_costs_one_bounded_parse_per_place_a_key_could_start() {
        // Before: every line re-parsed the whole block so far (quadratic). Lines that each look
        // like the start of a key cost one parse each now, over distinct characters.
        let line = format!("MIIEvQ{}\n", "A".repeat(58));
        let lines = 16_000;
        let (mut parses, mut chars) = (0, 0);
        assert!(!scan(&line.repeat(lines), &mut |b64| {
            parses += 1;
            chars += b64.len();
            false
        }));
        assert!(parses <= lines, "{parses} parses for {lines} lines");
        assert!(chars <= lines * MAX_KEY_CHARS, "{chars} characters decoded");
        // A key after such a start is still found: after a quote, and on the very next line.
        let pair = antom::generate_key_pair().expect("key");
        let pem = pair.private_pem.to_string();
        let bare: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(holds_private_key(&format!("{}\"{bare}\"", line.repeat(3))));
        assert!(holds_private_key(&format!("{}{bare}\n", line.repeat(3))));
        // Its lines may end in blanks, as a copy from a terminal leaves them.
        let lines: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(holds_private_key(&lines.join("  \n")));
    }
}
