//! `antom check report`: reads a simulator's audit (live over HTTP, or a saved `audit.json`)
//! and prints it for a person: one line per rule, then one per finding.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use antom::ErrorKind;
use serde_json::Value;

fn invalid(message: String) -> antom::Error {
    antom::Error::new(ErrorKind::InvalidInput, message)
}

fn fetch(sim: &str) -> antom::Result<Value> {
    let url = format!("{}/sim/audit", sim.trim_end_matches('/'));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| antom::Error::new(ErrorKind::Transport, e.to_string()))?;
    runtime
        .block_on(async {
            let transport = |e: reqwest::Error| {
                antom::Error::new(ErrorKind::Transport, format!("cannot read {url}: {e}"))
            };
            reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .map_err(transport)?
                .get(&url)
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
                .map_err(transport)?
                .bytes()
                .await
                .map_err(transport)
        })
        .and_then(|body| {
            serde_json::from_slice(&body)
                .map_err(|e| invalid(format!("{url} did not answer an audit report: {e}")))
        })
}

pub fn run(sim: Option<&str>, file: Option<&Path>) -> antom::Result<ExitCode> {
    let report = match (sim, file) {
        (Some(url), _) => fetch(url)?,
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
            serde_json::from_str(&text)
                .map_err(|e| invalid(format!("{} is not an audit report: {e}", path.display())))?
        }
        (None, None) => return Err(invalid("give --sim URL or --file audit.json".into())),
    };
    if report["audit"] != Value::Bool(true) {
        return Err(invalid(
            "the simulator was not started with --audit: nothing was audited".into(),
        ));
    }
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    for rule in list(&report["rules"]) {
        let found = rule["findings"].as_u64().unwrap_or(0);
        let checked = rule["checked"].as_u64().unwrap_or(0);
        let (mark, how) = match (found, checked) {
            (0, 0) => (
                "----",
                format!(
                    "not exercised: {}",
                    rule["exercisedBy"].as_str().unwrap_or("")
                ),
            ),
            (0, n) => ("PASS", format!("{n} checked")),
            (f, n) => ("FAIL", format!("{f} of {n} checked")),
        };
        println!(
            "{mark}  {}: {} ({})",
            antom_sim::printable(rule["rule"].as_str().unwrap_or("")),
            antom_sim::printable(rule["title"].as_str().unwrap_or("")),
            antom_sim::printable(&how)
        );
    }
    let findings = list(&report["findings"]);
    for f in &findings {
        let named = antom_sim::audit_evidence(f);
        // The evidence and the detail quote the merchant's own strings (order ids, URLs).
        let text = |k: &str| antom_sim::printable(f[k].as_str().unwrap_or(""));
        println!(
            "\n{} {} [{}]\n  {}",
            text("time"),
            text("rule"),
            antom_sim::printable(&named),
            text("detail")
        );
    }
    println!(
        "\n{} finding{}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
