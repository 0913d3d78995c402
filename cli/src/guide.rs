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

/// `words` lower-cased with every run of other characters (hyphens too: "card-on-file" is
/// "card on file") one space, padded, so a phrase matches only at word boundaries.
fn normalize(words: &str) -> String {
    let mut s = String::from(" ");
    for c in words.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
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

/// The phrases found in `text`, longest first; each takes its words out of the text, so a
/// shorter phrase is found only where it stands alone ("goods" is not also found inside
/// "digital goods", "alipay" not inside "alipay hk"), occurrence by occurrence.
fn take<'a>(text: &str, phrases: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut phrases: Vec<&str> = phrases.collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut rest = text.to_string();
    let mut out = Vec::new();
    for p in phrases {
        let n = normalize(p);
        if n.trim().is_empty() || !rest.contains(&n) {
            continue;
        }
        out.push(p);
        rest = rest.replace(&n, " | ");
    }
    out
}

fn strs(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

/// The payment methods the words name, by the guide's table of method words (each checked
/// against the schema's method enums by `make lint`): "gcash" is GCASH, "alipay" is ALIPAY_CN
/// or ALIPAY_HK.
fn methods(text: &str) -> Vec<Value> {
    let table = GUIDE["method_words"].as_object();
    let words = take(text, table.into_iter().flatten().map(|(w, _)| w.as_str()));
    table
        .into_iter()
        .flatten()
        .filter(|(w, _)| words.contains(&w.as_str()))
        .map(|(w, values)| json!({"word": w, "values": values}))
        .collect()
}

/// The products and payment methods a merchant's description names, and what to ask back.
/// A product is named by its own words; its context words (sell, goods) only rank the products
/// named, or, when none is, choose among the products they fit.
pub fn find(description: &str) -> Value {
    let text = normalize(description);
    let scored: Vec<((usize, usize), Value)> = products()
        .iter()
        .map(|p| {
            let own = take(&text, strs(&p["words"]));
            let context = take(&text, strs(&p["context"]));
            let matched: Vec<&str> = own.iter().chain(&context).copied().collect();
            let c = json!({"product": p["id"], "name": p["name"], "how": p["asks"], "matched": matched});
            ((own.len(), context.len()), c)
        })
        .filter(|((own, context), _)| own + context > 0)
        .collect();
    let named = scored.iter().any(|((own, _), _)| *own > 0);
    let mut candidates: Vec<((usize, usize), Value)> = scored
        .into_iter()
        .filter(|((own, _), _)| !named || *own > 0)
        .collect();
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    let top = candidates.first().map_or((0, 0), |c| c.0);
    let tied: Vec<&Value> = candidates
        .iter()
        .filter(|c| c.0 == top)
        .map(|c| &c.1)
        .collect();
    let methods = methods(&text);
    let regions: Vec<&Value> = GUIDE["regions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| strs(&r["words"]).any(|w| found(&text, w)))
        .collect();
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
    if regions.len() > 1 {
        let names: Vec<&str> = regions
            .iter()
            .filter_map(|r| r["region"].as_str())
            .collect();
        questions.push(format!(
            "Your words name more than one region ({}): where is the merchant's account?",
            names.join(", ")
        ));
    }
    if candidates.is_empty() {
        questions.push(
            "No product matched. Say how the buyer pays: a redirect to the payment method, an element embedded in your page, auto debit with an agreement, a subscription, a saved card, authorize now and capture later, holding and releasing funds, or handling disputes."
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
        "region": (regions.len() == 1).then(|| json!({"region": regions[0]["region"], "source": {"protocol": regions[0]["quote"]}})),
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
    let default = p["method"].as_str();
    let method = match (method, default) {
        (Some(m), None) => {
            return Err(format!(
                "{product} takes no payment method (it was given {m})"
            ))
        }
        (Some(m), Some(d)) => {
            // The first method enum is the one paymentMethodType takes.
            let primary = strs(&GUIDE["method_enums"]).next().unwrap_or_default();
            if !wire_schema::enum_values(primary).iter().any(|v| v == m) {
                return Err(format!("{m} is not a value of {primary} in Antom's schema"));
            }
            // Where the starters use the method as an enum member, it must be one of that enum.
            for e in GUIDE["method_enums"].as_array().into_iter().flatten() {
                let e = e.as_str().unwrap_or_default();
                let used = STARTERS.iter().filter(|s| s.0 == product).any(|s| {
                    s.3.contains(&format!("{e}.{d}")) || s.3.contains(&format!("{e}::{d}"))
                });
                if used && !wire_schema::enum_values(e).iter().any(|v| v == m) {
                    return Err(format!(
                        "{product} sends the method as {e}, which has no {m}"
                    ));
                }
            }
            Some((d, m))
        }
        (None, d) => d.map(|d| (d, d)),
    };
    let langs: Vec<&str> = STARTERS.iter().map(|s| s.1).collect();
    if let Some(l) = lang.filter(|l| !langs.contains(l)) {
        return Err(format!(
            "no starter in {l:?}; there are {}",
            langs_list(&langs)
        ));
    }
    let starters: Vec<Value> = STARTERS
        .iter()
        .filter(|s| s.0 == product && lang.is_none_or(|l| l == s.1))
        .map(|s| {
            let code = match method {
                Some((d, m)) => with_method(s.3, d, m),
                None => s.3.to_string(),
            };
            json!({"language": s.1, "file": s.2, "code": code})
        })
        .collect();
    let steps: Vec<Value> = p["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let when = if s["phase"] == "resume" {
                format!(
                    "resume, once {}",
                    p["between"].as_str().unwrap_or("the buyer has acted")
                )
            } else {
                "start".into()
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
        "paymentMethod": method.map(|(_, m)| m),
        "sequence": steps,
        "notifications": p["notifications"],
        "redLines": red_lines,
        "facts": p["facts"],
        "starters": starters,
        "sources": "tools/guide.json: every fact names its schema reference or its quote from the protocol notes",
    }))
}

/// The starter's code with the method `from` written as `to`, where it stands as a value: in
/// quotes, or as an enum member (`CustomerBelongsTo.ALIPAY_CN`, `ProductCodeType::...`).
fn with_method(code: &str, from: &str, to: &str) -> String {
    let mut out = code.to_string();
    for (before, after) in [("\"", "\""), ("'", "'"), (".", ""), ("::", "")] {
        let pattern = format!("{before}{from}{after}");
        let boundary =
            |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        let mut next = String::new();
        let mut rest = out.as_str();
        while let Some(at) = rest.find(&pattern) {
            let end = at + pattern.len();
            next.push_str(&rest[..at]);
            if after.is_empty() && !boundary(&rest[end..]) {
                next.push_str(&pattern);
            } else {
                next.push_str(&format!("{before}{to}{after}"));
            }
            rest = &rest[end..];
        }
        next.push_str(rest);
        out = next;
    }
    out
}

fn langs_list(langs: &[&str]) -> String {
    let mut l: Vec<&str> = Vec::new();
    for x in langs {
        if !l.contains(x) {
            l.push(x);
        }
    }
    l.join(", ")
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
        v["paymentMethod"]
            .as_str()
            .unwrap_or("none (this product takes none)")
    ));
    for (i, st) in v["sequence"].as_array().into_iter().flatten().enumerate() {
        out.push_str(&format!(
            "{}. {} [{}]: {}\n",
            i + 1,
            s(&st["endpoint"]),
            s(&st["when"]),
            s(&st["why"])
        ));
    }
    out.push_str("\nnotifications to handle (verify the raw bytes first, ack, stay idempotent):\n");
    if v["notifications"].as_array().is_none_or(Vec::is_empty) {
        out.push_str("- none in Antom's schema for this product\n");
    }
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
        for (words, product) in [
            ("a monthly membership", "subscriptions"),
            ("we hold and release funds", "reserve-hold"),
            (
                "authorize at checkout, capture when we ship",
                "authorize-capture",
            ),
            ("handle chargebacks", "disputes"),
        ] {
            let a = find(words);
            assert_eq!(a["status"], "clear", "{words}: {a}");
            assert_eq!(a["candidates"][0]["product"], product, "{words}");
        }
        let none = find("lorem ipsum");
        assert_eq!(none["status"], "clarify");
        assert!(none["candidates"].as_array().unwrap().is_empty());
    }

    #[test]
    fn ordinary_words_are_not_products_regions_or_methods() {
        // "us" in "contact us", "antom", "ideal", a lone "card": none of them decides anything.
        let a = find("Contact us: the ideal Antom setup, customers pay by card");
        assert!(a["region"].is_null(), "{a}");
        let words: Vec<&str> = a["paymentMethods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["word"].as_str().unwrap())
            .collect();
        assert_eq!(words, ["card"]);
        assert!(a["candidates"].as_array().unwrap().is_empty(), "{a}");
        // A phrase counts once: "digital goods" is not also "goods"; "alipay hk" not "alipay".
        let b = find("digital goods, Alipay HK");
        assert_eq!(b["candidates"][0]["matched"], json!(["digital goods"]));
        assert_eq!(
            b["paymentMethods"],
            json!([{"word": "alipay hk", "values": ["ALIPAY_HK"]}])
        );
        // Hyphens split words, and two regions are asked about.
        let c = find("card-on-file for Asia-Pacific and Europe");
        assert_eq!(c["candidates"][0]["product"], "card-vaulting");
        assert!(c["region"].is_null());
        assert!(c["questions"].to_string().contains("asia, europe"), "{c}");
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
