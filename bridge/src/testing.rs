//! The simulator inside a merchant's own tests (feature `testing`): started in-process on a
//! free loopback port, on the one runtime, with its buyer and fault controls described once
//! in [`SIM_CONTROLS`] so every language's `Simulator` class is generated from the table.
//!
//! A control is a request to the simulator's own control API (`/sim/...`), the same contract
//! `antom sim` users script against; its JSON answer is handed back as text.

use std::time::Duration;

use antom::{Error, ErrorKind, Result};
use antom_sim::Simulator;
use serde_json::{Map, Value};

use crate::input;

/// The type of one control argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimArgType {
    /// A string, e.g. a payment id.
    Text,
    /// A whole number, e.g. a fault code.
    Int,
}

/// One argument of a control: in the path (`{name}`) or in the JSON body.
#[derive(Debug, Clone, Copy)]
pub struct SimArg {
    /// snake_case; the body's key is its camelCase.
    pub name: &'static str,
    pub ty: SimArgType,
    /// The value when the caller gives none (JSON text); `None` = required.
    pub default: Option<&'static str>,
}

/// One buyer or fault control of the simulator.
#[derive(Debug, Clone, Copy)]
pub struct SimControl {
    /// snake_case method name.
    pub name: &'static str,
    pub doc: &'static str,
    pub method: &'static str,
    /// The control API path; `{arg}` is filled from an argument, percent-encoded.
    pub path: &'static str,
    pub args: &'static [SimArg],
    /// The answer's member handed back (`None`: the whole answer).
    pub pick: Option<&'static str>,
}

const PAYMENT_ID: SimArg = SimArg {
    name: "payment_id",
    ty: SimArgType::Text,
    default: None,
};

/// Every control, in the order languages list them.
pub static SIM_CONTROLS: &[SimControl] = &[
    SimControl {
        name: "complete",
        doc: "The buyer pays: the payment succeeds and its notification is sent to paymentNotifyUrl.",
        method: "POST",
        path: "/sim/payments/{payment_id}/complete",
        args: &[PAYMENT_ID],
        pick: None,
    },
    SimControl {
        name: "decline",
        doc: "The buyer declines: the payment fails and its notification is sent.",
        method: "POST",
        path: "/sim/payments/{payment_id}/decline",
        args: &[PAYMENT_ID],
        pick: None,
    },
    SimControl {
        name: "payment",
        doc: "What the simulator's ledger holds for a payment (status, captured, refunded).",
        method: "GET",
        path: "/sim/payments/{payment_id}",
        args: &[PAYMENT_ID],
        pick: None,
    },
    SimControl {
        name: "arm_fault",
        doc: "The next `count` requests whose path ends with `path` get fault `code`: 9901 answers U (the payment still succeeds), 9902 holds the answer past the timeout, 9903 corrupts the response signature, 9904 answers S unsigned, 9905 HTTP 500 once, 9906 F USER_BALANCE_NOT_ENOUGH, 9907 corrupts the notification's signature, 9908 a signed page that is not JSON.",
        method: "POST",
        path: "/sim/faults",
        args: &[
            SimArg {
                name: "path",
                ty: SimArgType::Text,
                default: None,
            },
            SimArg {
                name: "code",
                ty: SimArgType::Int,
                default: None,
            },
            SimArg {
                name: "count",
                ty: SimArgType::Int,
                default: Some("1"),
            },
        ],
        pick: Some("armed"),
    },
    SimControl {
        name: "deliveries",
        doc: "Every notification delivery so far: kind, url, attempt, HTTP status, acked.",
        method: "GET",
        path: "/sim/notifications",
        args: &[],
        pick: Some("deliveries"),
    },
    SimControl {
        name: "requests",
        doc: "The API requests the simulator received, with their headers.",
        method: "GET",
        path: "/sim/requests",
        args: &[],
        pick: None,
    },
    SimControl {
        name: "audit",
        doc: "The red-line audit: rules and findings (empty unless the simulator was started with the audit on).",
        method: "GET",
        path: "/sim/audit",
        args: &[],
        pick: None,
    },
];

/// A simulator running in this process. Dropping it stops the server.
#[derive(Debug)]
pub struct SimHandle {
    sim: Option<Simulator>,
    info: String,
    url: String,
    http: reqwest::Client,
}

impl SimHandle {
    /// Starts a simulator on a free 127.0.0.1 port with generated keys in a temporary folder
    /// (removed when it stops). Blocks until it listens.
    pub fn start(options_json: &str) -> Result<SimHandle> {
        let o = crate::sim_options::sim_options(options_json)?;
        let sim = crate::runtime::block_on(Simulator::start(o))??;
        let info = serde_json::to_string(&sim.info)
            .map_err(|e| input(format!("the simulator's info: {e}")))?;
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| Error::new(ErrorKind::Transport, e.to_string()))?;
        Ok(SimHandle {
            url: sim.info.url.clone(),
            sim: Some(sim),
            info,
            http,
        })
    }

    /// What `antom sim` prints: `url`, `client_id`, the key files (JSON text).
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Runs the control `name` with its arguments (a JSON object keyed by snake_case names);
    /// returns its JSON answer as text. A refusal (no such payment, a bad code) is an
    /// `INVALID_INPUT` error carrying the simulator's message.
    pub fn control(&self, name: &str, args_json: &str) -> Result<String> {
        if self.sim.is_none() {
            return Err(input("the simulator was stopped"));
        }
        let c = SIM_CONTROLS
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| input(format!("no simulator control `{name}`")))?;
        let args: Map<String, Value> = match serde_json::from_str(args_json) {
            Ok(Value::Object(m)) => m,
            _ => return Err(input("control arguments must be a JSON object")),
        };
        let (path, body) = fill(c, &args)?;
        let request = match c.method {
            "GET" => self.http.get(format!("{}{path}", self.url)),
            _ => self
                .http
                .post(format!("{}{path}", self.url))
                .header("content-type", "application/json")
                .body(Value::Object(body).to_string()),
        };
        let send = async move {
            let r = request.send().await?;
            let status = r.status();
            Ok::<_, reqwest::Error>((status, r.text().await?))
        };
        let (status, text) = crate::runtime::block_on(send)?
            .map_err(|e| Error::new(ErrorKind::Transport, format!("simulator control: {e}")))?;
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if !status.is_success() {
            let why = v["error"]
                .as_str()
                .map_or_else(|| v.to_string(), str::to_string);
            return Err(input(format!("simulator {name}: {why}")));
        }
        let picked = match c.pick {
            Some(k) => v.get(k).cloned().unwrap_or(Value::Null),
            None => v,
        };
        Ok(picked.to_string())
    }

    /// Stops the server and removes its key files; later controls are errors.
    pub fn stop(&mut self) {
        if let Some(sim) = self.sim.take() {
            let _ = crate::runtime::block_on(sim.shutdown());
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The control's path with its arguments in place, and the body of the others.
fn fill(c: &SimControl, args: &Map<String, Value>) -> Result<(String, Map<String, Value>)> {
    if let Some(k) = args
        .keys()
        .find(|k| !c.args.iter().any(|a| a.name == k.as_str()))
    {
        return Err(input(format!("{} takes no argument `{k}`", c.name)));
    }
    let mut path = c.path.to_string();
    let mut body = Map::new();
    for a in c.args {
        let v = match (args.get(a.name), a.default) {
            (Some(v), _) if !v.is_null() => v.clone(),
            (_, Some(d)) => serde_json::from_str(d).unwrap_or(Value::Null),
            _ => return Err(input(format!("{} needs `{}`", c.name, a.name))),
        };
        let ok = match a.ty {
            SimArgType::Text => v.is_string(),
            SimArgType::Int => v.is_i64() || v.is_u64(),
        };
        if !ok {
            return Err(input(format!(
                "{}: `{}` has the wrong type",
                c.name, a.name
            )));
        }
        let hole = format!("{{{}}}", a.name);
        if path.contains(&hole) {
            let text = v.as_str().unwrap_or_default();
            let enc =
                percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC);
            path = path.replace(&hole, &enc.to_string());
        } else {
            body.insert(crate::options::Naming::Camel.spell(a.name), v);
        }
    }
    Ok((path, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_flow_through_the_controls() {
        let sim = SimHandle::start("{}").unwrap();
        let info: Value = serde_json::from_str(sim.info()).unwrap();
        assert!(info["url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:"));
        let err = sim
            .control("complete", r#"{"payment_id":"nope"}"#)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        let armed = sim
            .control("arm_fault", r#"{"path":"/payments/pay","code":9901}"#)
            .unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&armed).unwrap(),
            serde_json::json!({"path": "/payments/pay", "code": 9901, "count": 1})
        );
        assert_eq!(sim.control("deliveries", "{}").unwrap(), "[]");
        for bad in [
            ("arm_fault", r#"{"path":"/p","code":"9901"}"#),
            ("arm_fault", r#"{"code":9901}"#),
            ("complete", r#"{"payment_id":"x","extra":1}"#),
            ("nothing", "{}"),
            ("deliveries", "[]"),
        ] {
            assert_eq!(
                sim.control(bad.0, bad.1).unwrap_err().kind(),
                ErrorKind::InvalidInput,
                "{bad:?}"
            );
        }
        assert!(SimHandle::start(r#"{"timeScale":-1}"#).is_err());
        assert!(SimHandle::start(r#"{"port":1}"#).is_err());
        let mut sim = sim;
        sim.stop();
        assert!(sim.control("deliveries", "{}").is_err());
    }
}
