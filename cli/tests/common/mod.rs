//! What the CLI's process tests share: a real `antom sim` process and a client for it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// A started `antom sim` process and the JSON line it printed.
pub struct Sim {
    pub child: Child,
    pub info: Value,
}

/// A failing assertion must not leave the simulator running.
impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sim {
    /// `antom sim --time-scale 0.001` plus `args`; stderr goes to `stderr`.
    pub fn start(args: &[&std::ffi::OsStr], stderr: Stdio) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
            .args(["sim", "--time-scale", "0.001"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let info = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        Sim { child, info }
    }

    pub fn text(&self, key: &str) -> String {
        self.info[key].as_str().unwrap().to_string()
    }

    /// A client of the simulator's default merchant.
    pub fn client(&self, max_retries: u32) -> antom::Client {
        let config = antom::Config::builder(
            self.text("client_id"),
            antom::PrivateKey::from_file(self.text("merchant_private_key_file")).unwrap(),
            antom::PublicKey::from_file(self.text("antom_public_key_file")).unwrap(),
        )
        .gateway_url(self.text("url"))
        .max_retries(max_retries)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
        antom::Client::new(config).unwrap()
    }

    /// Stops the simulator the way a supervisor does (SIGTERM) and waits for a clean exit.
    pub fn terminate(&mut self) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(
            self.child.wait().unwrap().success(),
            "the simulator did not stop cleanly"
        );
    }
}
