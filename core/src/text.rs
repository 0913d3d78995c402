//! Outside text quoted in a message: short, on one line, with control characters escaped, so
//! an answer or a header cannot forge log lines or flood an error.

/// At most this many characters of outside text are quoted.
const MAX_QUOTED: usize = 64;

/// `s` as it may appear inside an error message.
pub(crate) fn excerpt(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == MAX_QUOTED {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn quotes_outside_text_on_one_short_line() {
        assert_eq!(excerpt("order-1"), "order-1");
        assert_eq!(excerpt("a\r\nb\u{1b}"), "a\\r\\nb\\u{1b}");
        assert_eq!(excerpt(&"x".repeat(100)).chars().count(), 65);
    }
}
