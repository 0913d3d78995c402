//! `antom guide` (and the MCP tools `guide` and `guide_product`): from a merchant's words to
//! the products the catalog supports, asking back when the words fit more than one, then the
//! product's API sequence, notifications, red lines and a starter program in each language.
//! Every fact comes from tools/guide.json, whose references `make lint` checks against the
//! schema and the protocol notes; the starters are generated from it and run in `make test`.

use std::sync::LazyLock;

use serde_json::{json, Value};

use crate::guide_starters::STARTERS;
use crate::wire_schema;

static GUIDE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../tools/guide.json")).unwrap_or(Value::Null)
});

fn products() -> &'static [Value] {
    GUIDE["products"].as_array().map_or(&[], Vec::as_slice)
}

/// `words` lower-cased with every run of other characters one space, padded, so a phrase
/// matches only at word boundaries.
fn normalize(words: &str) -> String {
    let mut s = String::from(" ");
    for c in words.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' {
            s.push(c);
        } else if !s.ends_with(' ') {
            s.push(' ');
        }
    }
    if !s.ends_with(' ') {
        s.push(' ');
    }
    s
}

fn found(text: &str, phrase: &str) -> bool {
    text.contains(&normalize(phrase))
}

/// The payment methods the words name: each word against the schema's method enums, exactly
/// (`gcash` is GCASH) or as the first part of a value (`alipay` is ALIPAY_CN or ALIPAY_HK).
fn methods(text: &str) -> Vec<Value> {
    let mut values: Vec<String> = GUIDE["method_enums"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .flat_map(wire_schema::enum_values)
        .collect();
    values.sort();
    values.dedup();
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let w = word.replace('-', "");
        if w.len() < 3 {
            continue;
        }
        let exact: Vec<&String> = values
            .iter()
            .filter(|v| v.to_lowercase().replace('_', "") == w)
            .collect();
        let hits: Vec<&String> = if exact.is_empty() {
            values
                .iter()
                .filter(|v| v.to_lowercase().starts_with(&format!("{w}_")))
                .collect()
        } else {
            exact
        };
        if !hits.is_empty() && !out.iter().any(|m: &Value| m["word"] == word) {
            out.push(json!({"word": word, "values": hits}));
        }
    }
    out
}

/// The products and payment methods a merchant's description names, and what to ask back.
pub fn find(description: &str) -> Value {
    let text = normalize(description);
    let mut candidates: Vec<(usize, Value)> = products()
        .iter()
        .filter_map(|p| {
            let words: Vec<&str> = p["words"]
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .filter(|w| found(&text, w))
                .collect();
            (!words.is_empty()).then(|| {
                let c = json!({"product": p["id"], "name": p["name"], "how": p["asks"], "matched": words});
                (words.len(), c)
            })
        })
        .collect();
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    let top = candidates.first().map_or(0, |c| c.0);
    let tied: Vec<&Value> = candidates
        .iter()
        .filter(|c| c.0 == top)
        .map(|c| &c.1)
        .collect();
    let methods = methods(&text);
    let region = GUIDE["regions"].as_array().into_iter().flatten().find(|r| {
        r["words"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|w| found(&text, w))
    });
    let mut questions = Vec::new();
    if tied.len() > 1 {
        let options: Vec<String> = tied
            .iter()
            .map(|c| {
                format!(
                    "{} ({}): {}",
                    c["name"].as_str().unwrap_or_default(),
                    c["product"].as_str().unwrap_or_default(),
                    c["how"].as_str().unwrap_or_default()
                )
            })
            .collect();
        questions.push(format!(
            "Your words fit {} products equally. Which one is it?\n- {}",
            tied.len(),
            options.join("\n- ")
        ));
    }
    for m in &methods {
        let values: Vec<&str> = m["values"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if values.len() > 1 {
            questions.push(format!(
                "\"{}\" is more than one payment method in Antom's schema: which of {}?",
                m["word"].as_str().unwrap_or_default(),
                values.join(", ")
            ));
        }
    }
    if candidates.is_empty() {
        questions.push(
            "No product matched. Say how the buyer pays: a redirect to the payment method, an element embedded in your page, auto debit with an agreement, a subscription, a saved card, authorize now and capture later, or handling disputes."
                .to_string(),
        );
    }
    let status = if questions.is_empty() {
        "clear"
    } else {
        "clarify"
    };
    json!({
        "status": status,
        "candidates": candidates.into_iter().map(|c| c.1).collect::<Vec<_>>(),
        "paymentMethods": methods,
        "region": region.map(|r| json!({"region": r["region"], "source": {"protocol": r["quote"]}})),
        "questions": questions,
        "next": "antom guide --product <product> [--method <METHOD>] [--lang python|node|dotnet|java|php] (MCP: guide_product)",
    })
}

/// A product's plan: the API sequence, notifications, red lines, facts with their sources and
/// the starter programs (one language, or all), with the default method replaced by `method`.
pub fn plan(product: &str, method: Option<&str>, lang: Option<&str>) -> Result<Value, String> {
    let ids: Vec<&str> = products().iter().filter_map(|p| p["id"].as_str()).collect();
    let p = products()
        .iter()
        .find(|p| p["id"] == product)
        .ok_or_else(|| {
            format!(
                "no product {product:?}; the products are {}",
                ids.join(", ")
            )
        })?;
    let default = GUIDE["default_method"].as_str().unwrap_or("ALIPAY_CN");
    let method = match method {
        Some(m) => {
            let known = GUIDE["method_enums"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .any(|e| wire_schema::enum_values(e).iter().any(|v| v == m));
            if !known {
                return Err(format!(
                    "{m} is not a payment method value in Antom's schema"
                ));
            }
            // Where the starters use the method as an enum member, it must be one of that enum.
            let python = STARTERS.iter().find(|s| s.0 == product && s.1 == "python");
            for e in GUIDE["method_enums"].as_array().into_iter().flatten() {
                let e = e.as_str().unwrap_or_default();
                let used = python.is_some_and(|s| s.3.contains(&format!("{e}.{default}")));
                if used && !wire_schema::enum_values(e).iter().any(|v| v == m) {
                    return Err(format!(
                        "{product} sends the method as {e}, which has no {m}"
                    ));
                }
            }
            m
        }
        None => default,
    };
    let langs: Vec<&str> = STARTERS.iter().map(|s| s.1).collect();
    if let Some(l) = lang.filter(|l| !langs.contains(l)) {
        return Err(format!(
            "no starter in {l:?}; there are python, node, dotnet, java and php"
        ));
    }
    let starters: Vec<Value> = STARTERS
        .iter()
        .filter(|s| s.0 == product && lang.is_none_or(|l| l == s.1))
        .map(|s| json!({"language": s.1, "file": s.2, "code": s.3.replace(default, method)}))
        .collect();
    let steps: Vec<Value> = p["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let when = if s["phase"] == "resume" {
                format!(
                    "once the buyer {}",
                    p["buyer"].as_str().unwrap_or("has acted")
                )
            } else {
                "at checkout".into()
            };
            json!({"endpoint": s["endpoint"], "when": when, "why": s["why"]})
        })
        .collect();
    let mut red_lines: Vec<Value> = p["red_lines"].as_array().cloned().unwrap_or_default();
    red_lines.extend(
        GUIDE["common_red_lines"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    let red_lines: Vec<Value> = red_lines
        .into_iter()
        .map(|l| json!(l.as_str().unwrap_or_default().replace("\n  ", " ")))
        .collect();
    Ok(json!({
        "product": p["id"],
        "name": p["name"],
        "how": p["asks"],
        "paymentMethod": method,
        "sequence": steps,
        "notifications": p["notifications"],
        "redLines": red_lines,
        "facts": p["facts"],
        "starters": starters,
        "sources": "tools/guide.json: every fact names its schema reference or its quote from the protocol notes",
    }))
}

/// `antom guide`'s text: the same answers, for a person.
pub fn text(v: &Value) -> String {
    let s = |x: &Value| x.as_str().unwrap_or_default().to_string();
    let mut out = String::new();
    if let Some(status) = v.get("status") {
        out.push_str(&format!("status: {}\n", s(status)));
        for c in v["candidates"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "- {} ({}): {}\n",
                s(&c["name"]),
                s(&c["product"]),
                s(&c["how"])
            ));
        }
        for m in v["paymentMethods"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "payment method \"{}\": {}\n",
                s(&m["word"]),
                m["values"]
            ));
        }
        if let Some(r) = v["region"].as_object() {
            out.push_str(&format!("region: {}\n", s(&r["region"])));
        }
        for q in v["questions"].as_array().into_iter().flatten() {
            out.push_str(&format!("question: {}\n", s(q)));
        }
        out.push_str(&format!("next: {}\n", s(&v["next"])));
        return out;
    }
    out.push_str(&format!(
        "{} ({})\n{}\npayment method: {}\n\nAPI sequence:\n",
        s(&v["name"]),
        s(&v["product"]),
        s(&v["how"]),
        s(&v["paymentMethod"])
    ));
    for (i, st) in v["sequence"].as_array().into_iter().flatten().enumerate() {
        out.push_str(&format!(
            "{}. {} ({}): {}\n",
            i + 1,
            s(&st["endpoint"]),
            s(&st["when"]),
            s(&st["why"])
        ));
    }
    out.push_str("\nnotifications to handle (verify the raw bytes first, ack, stay idempotent):\n");
    for n in v["notifications"].as_array().into_iter().flatten() {
        out.push_str(&format!("- {}: {}\n", s(&n["type"]), s(&n["why"])));
    }
    out.push_str("\nred lines:\n");
    for l in v["redLines"].as_array().into_iter().flatten() {
        out.push_str(&format!("- {}\n", s(l)));
    }
    for st in v["starters"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "\n--- starter ({}): {}\n{}",
            s(&st["language"]),
            s(&st["file"]),
            s(&st["code"])
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_products_and_two_alipays_are_asked_back_never_guessed() {
        let a = find("I sell digital goods in Southeast Asia and want Alipay and GCash");
        assert_eq!(a["status"], "clarify");
        let ids: Vec<&str> = a["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["product"].as_str().unwrap())
            .collect();
        assert_eq!(&ids[..2], ["cashier-payment", "payment-session"]);
        assert_eq!(a["region"]["region"], "asia");
        let questions = a["questions"].to_string();
        assert!(questions.contains("ALIPAY_CN, ALIPAY_HK"), "{questions}");
    }

    #[test]
    fn words_that_fit_one_product_need_no_question() {
        let a = find("a monthly membership plan");
        assert_eq!(a["status"], "clear");
        assert_eq!(a["candidates"][0]["product"], "subscriptions");
        let none = find("lorem ipsum");
        assert_eq!(none["status"], "clarify");
        assert!(none["candidates"].as_array().unwrap().is_empty());
    }

    #[test]
    fn a_plan_names_only_what_exists() {
        let p = plan("cashier-payment", Some("GCASH"), Some("php")).unwrap();
        assert_eq!(p["starters"].as_array().unwrap().len(), 1);
        assert!(p["starters"][0]["code"]
            .as_str()
            .unwrap()
            .contains("'GCASH'"));
        assert!(plan("cashier-payment", Some("NOPE"), None).is_err());
        assert!(plan("cashier-payment", None, Some("cobol")).is_err());
        assert!(plan("crypto", None, None)
            .unwrap_err()
            .contains("cashier-payment"));
    }
}
