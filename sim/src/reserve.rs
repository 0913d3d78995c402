//! Hold and Release (`payments/reserve/*`) and mandate creation, with state: a hold keeps what
//! is still releasable, a release can never exceed it, every create is idempotent on its request
//! id (the same id with a different request is REPEAT_REQ_INCONSISTENT). The schema defines no
//! notification for these, so none is sent.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::fields::{amount, amount_json, new_id, text, Outcome};
use crate::listing::cursor_page;
use crate::reply::{fail, iso_now, success, Reply};
use crate::Sim;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Hold {
    pub hold_id: String,
    pub hold_request_id: String,
    pub currency: String,
    pub value: u64,
    pub released: u64,
    pub release_time: Option<String>,
}

impl Hold {
    fn detail(&self) -> Value {
        let status = match self.released {
            0 => "NOT_RELEASED",
            r if r < self.value => "PARTIALLY_RELEASED",
            _ => "RELEASED",
        };
        json!({
            "holdId": self.hold_id,
            "holdRequestId": self.hold_request_id,
            "holdStatus": "SUCCESS",
            "holdAmount": amount_json(&self.currency, self.value),
            "releasableAmount": amount_json(&self.currency, self.value - self.released),
            "releaseStatus": status,
            "releaseTime": self.release_time,
        })
    }
}

/// Everything this module keeps, per client id.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reserve {
    #[serde(with = "crate::pairs")]
    pub holds: HashMap<(String, String), Hold>,
    /// (client, request id) -> (the request as sent, the response given).
    #[serde(with = "crate::pairs")]
    pub created: HashMap<(String, String), (Value, Value)>,
    #[serde(with = "crate::pairs")]
    pub releases: HashMap<(String, String), Value>,
    #[serde(with = "crate::pairs")]
    pub rules: HashMap<(String, String), Value>,
}

const HANDLED: [&str; 10] = [
    "payments.reserve.createHold",
    "payments.reserve.updateHold",
    "payments.reserve.inquireHoldList",
    "payments.reserve.createRelease",
    "payments.reserve.inquireRelease",
    "payments.reserve.createRule",
    "payments.reserve.updateRule",
    "payments.reserve.cancelRule",
    "payments.reserve.inquireRuleList",
    "payments.createMandate",
];

pub fn handles(name: &str) -> bool {
    HANDLED.contains(&name)
}

pub fn handle(sim: &Sim, client: &str, name: &str, req: &Value) -> Reply {
    let result = match name {
        "payments.reserve.createHold" => idempotent(sim, client, req, "holdRequestId", create_hold),
        "payments.reserve.createRelease" => {
            idempotent(sim, client, req, "releaseRequestId", create_release)
        }
        "payments.createMandate" => {
            idempotent(sim, client, req, "mandateRequestId", create_mandate)
        }
        "payments.reserve.updateHold" => update_hold(sim, client, req),
        "payments.reserve.inquireHoldList" => inquire_holds(sim, client, req),
        "payments.reserve.inquireRelease" => inquire_release(sim, client, req),
        "payments.reserve.createRule" => create_rule(sim, client, req),
        "payments.reserve.updateRule" | "payments.reserve.cancelRule" => {
            change_rule(sim, client, req, name.ends_with("cancelRule"))
        }
        _ => inquire_rules(sim, client, req),
    };
    result.unwrap_or_else(|r| r)
}

/// A create keyed by its request id: a repeat gets the first answer; a different request under
/// the same id is refused.
fn idempotent(
    sim: &Sim,
    client: &str,
    req: &Value,
    key: &str,
    create: fn(&Sim, &str, &Value) -> Outcome,
) -> Outcome {
    let id = (client.to_string(), format!("{key}:{}", text(req, key)?));
    if let Some((seen, response)) = sim.ledger().reserve.created.get(&id) {
        if seen != req {
            return Err(fail(
                "REPEAT_REQ_INCONSISTENT",
                "the request id was used with a different request",
            ));
        }
        return Ok(Reply::ok(response.clone()));
    }
    let reply = create(sim, client, req)?;
    if reply.body.pointer("/result/resultStatus") == Some(&json!("S")) {
        sim.ledger()
            .reserve
            .created
            .insert(id, (req.clone(), reply.body.clone()));
    }
    Ok(reply)
}

fn create_hold(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let (currency, value) = amount(req, "holdAmount")?;
    let hold = Hold {
        hold_id: new_id("HOLD"),
        hold_request_id: text(req, "holdRequestId")?.to_string(),
        currency,
        value,
        released: 0,
        release_time: req["releaseTime"].as_str().map(str::to_string),
    };
    let detail = hold.detail();
    sim.ledger()
        .reserve
        .holds
        .insert((client.to_string(), hold.hold_id.clone()), hold);
    let mut body = detail;
    for f in ["releasableAmount", "releaseStatus"] {
        body.as_object_mut().map(|m| m.remove(f));
    }
    Ok(Reply::ok(success(body)))
}

fn create_release(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let hold_id = text(req, "holdId")?.to_string();
    let (currency, value) = amount(req, "releaseAmount")?;
    let mut ledger = sim.ledger();
    let Some(hold) = ledger
        .reserve
        .holds
        .get_mut(&(client.to_string(), hold_id.clone()))
    else {
        return Err(fail("HOLD_NOT_EXIST", "no hold has this holdId"));
    };
    if currency != hold.currency {
        return Err(fail(
            "CURRENCY_NOT_SUPPORT",
            "the release currency is not the hold's",
        ));
    }
    if value > hold.value - hold.released {
        return Err(fail(
            "RELEASE_AMOUNT_EXCEED_LIMIT",
            "the release exceeds what the hold still keeps",
        ));
    }
    hold.released += value;
    let request_id = text(req, "releaseRequestId")?.to_string();
    let body = json!({
        "holdId": hold_id,
        "releaseId": new_id("RELEASE"),
        "releaseRequestId": request_id,
        "releaseAmount": amount_json(&currency, value),
        "releaseStatus": "SUCCESS",
    });
    ledger
        .reserve
        .releases
        .insert((client.to_string(), request_id), body.clone());
    Ok(Reply::ok(success(body)))
}

fn create_mandate(_sim: &Sim, _client: &str, req: &Value) -> Outcome {
    let now = time::OffsetDateTime::now_utc();
    let until = now + time::Duration::days(365);
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    Ok(Reply::ok(success(json!({
        "mandateId": new_id("MANDATE"),
        "mandateRequestId": text(req, "mandateRequestId")?,
        "validFrom": now.format(&format).unwrap_or_default(),
        "validUntil": until.format(&format).unwrap_or_default(),
    }))))
}

fn update_hold(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let hold_id = text(req, "holdId")?.to_string();
    let release_time = text(req, "releaseTime")?.to_string();
    let mut ledger = sim.ledger();
    let Some(hold) = ledger
        .reserve
        .holds
        .get_mut(&(client.to_string(), hold_id.clone()))
    else {
        return Err(fail("HOLD_NOT_EXIST", "no hold has this holdId"));
    };
    hold.release_time = Some(release_time.clone());
    Ok(Reply::ok(success(
        json!({"holdId": hold_id, "releaseTime": release_time}),
    )))
}

fn inquire_holds(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let ledger = sim.ledger();
    let mut holds: Vec<&Hold> = ledger
        .reserve
        .holds
        .iter()
        .filter(|((c, _), h)| {
            c == client
                && req["holdId"].as_str().is_none_or(|id| id == h.hold_id)
                && req["holdRequestId"]
                    .as_str()
                    .is_none_or(|id| id == h.hold_request_id)
        })
        .map(|(_, h)| h)
        .collect();
    holds.sort_by(|a, b| a.hold_id.cmp(&b.hold_id));
    let details: Vec<Value> = holds.iter().map(|h| h.detail()).collect();
    cursor_page(details, req, "holdDetails", "holdId")
}

fn inquire_release(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let ledger = sim.ledger();
    let found = ledger
        .reserve
        .releases
        .iter()
        .find(|((c, request_id), body)| {
            c == client
                && (req["releaseRequestId"].as_str() == Some(request_id.as_str())
                    || req["releaseId"].is_string() && req["releaseId"] == body["releaseId"])
        });
    match found {
        Some((_, body)) => Ok(Reply::ok(success(body.clone()))),
        None => Err(fail("RELEASE_NOT_EXIST", "no release has this id")),
    }
}

fn create_rule(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let now = iso_now();
    let mut rule = req.clone();
    let id = new_id("RULE");
    if let Some(m) = rule.as_object_mut() {
        m.retain(|k, _| {
            [
                "fundsType",
                "paymentMethodScope",
                "ratio",
                "releaseTime",
                "releaseType",
                "retentionTime",
                "takeType",
            ]
            .contains(&k.as_str())
        });
        m.insert("ruleId".into(), json!(id));
        m.insert("ruleStatus".into(), json!("ACTIVE"));
        m.insert("merchantId".into(), json!(client));
        m.insert("createTime".into(), json!(now));
        m.insert("updateTime".into(), json!(now));
    }
    sim.ledger()
        .reserve
        .rules
        .insert((client.to_string(), id), rule.clone());
    Ok(Reply::ok(success(rule)))
}

fn change_rule(sim: &Sim, client: &str, req: &Value, cancel: bool) -> Outcome {
    let id = text(req, "ruleId")?.to_string();
    let mut ledger = sim.ledger();
    let Some(rule) = ledger.reserve.rules.get_mut(&(client.to_string(), id)) else {
        return Err(fail("RULE_NOT_EXIST", "no rule has this ruleId"));
    };
    if let (Some(m), Some(changes)) = (rule.as_object_mut(), req.as_object()) {
        for k in [
            "paymentMethodScope",
            "ratio",
            "releaseTime",
            "retentionTime",
            "ruleStatus",
        ] {
            if let Some(v) = changes.get(k) {
                m.insert(k.into(), v.clone());
            }
        }
        if cancel {
            m.insert("ruleStatus".into(), json!("DISABLED"));
        }
        m.insert("updateTime".into(), json!(iso_now()));
    }
    Ok(Reply::ok(success(rule.clone())))
}

fn inquire_rules(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let ledger = sim.ledger();
    let mut rules: Vec<Value> = ledger
        .reserve
        .rules
        .iter()
        .filter(|((c, _), _)| c == client)
        .map(|(_, r)| r.clone())
        .collect();
    rules.sort_by(|a, b| a["ruleId"].as_str().cmp(&b["ruleId"].as_str()));
    cursor_page(rules, req, "rules", "ruleId")
}
