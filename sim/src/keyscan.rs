//! Finding private key material in what a merchant sends (audit mode's key rule).

/// True when `text` carries a private key: PEM armour, or base64 that parses as an RSA
/// private key, on one line or broken into lines (real or JSON-escaped newlines), wherever it
/// starts and ends within the surrounding text.
pub fn holds_private_key(text: &str) -> bool {
    if text.contains("PRIVATE KEY-----") {
        return true;
    }
    let text = text
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\\/", "/");
    let is_b64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    // An RSA-1024 key in PKCS#1 is about 820 base64 characters; shorter is not one.
    let parses =
        |run: &str| (800..=16_384).contains(&run.len()) && antom::PrivateKey::parse(run).is_ok();
    let mut block = String::new();
    for line in text.split('\n').map(str::trim) {
        if !line.is_empty() && line.chars().all(is_b64) {
            // The key may end at any line boundary, with a word on the next line.
            if parses(&block) {
                return true;
            }
            block.push_str(line);
            continue;
        }
        // A block ends in this line's first token and a new one may start in its last.
        let lead: String = line.chars().take_while(|c| is_b64(*c)).collect();
        if parses(&(block.clone() + &lead)) || line.split(|c| !is_b64(c)).any(parses) {
            return true;
        }
        block = line
            .chars()
            .rev()
            .take_while(|c| is_b64(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    }
    parses(&block)
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
        let lines: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let escaped = serde_json::to_string(&json!({ "k": format!("key {}", lines.join("\n")) }))
            .expect("json");
        assert!(escaped.contains("\\n") && holds_private_key(&escaped));
        assert!(holds_private_key(&format!(
            "debug: {}\nnext",
            lines.join("\r\n")
        )));
        assert!(!holds_private_key(&pair.public_pem));
        let public_bare: String = pair
            .public_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert!(!holds_private_key(&public_bare));
        assert!(!holds_private_key(&"A".repeat(2000)));
    }
}
