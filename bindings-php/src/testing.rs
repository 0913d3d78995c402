//! `Antom\Testing\Simulator`: the bridge's in-process simulator (feature `testing`) for a
//! merchant's PHPUnit suite. Its PHP methods (testing_generated.rs) are written from the
//! bridge's `SIM_CONTROLS`; here: start, one control by name, and clients for it.

use antom_bridge::testing::SimHandle;
use antom_bridge::{Handle, Naming, Options};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use serde_json::{Map, Value};

use crate::client::Client;
use crate::convert::{array_to_json, json_to_zval};
use crate::errors::to_php;

include!("testing_generated.rs");

/// A simulator running in this PHP process; it stops when the object is destroyed (or on
/// `stop()`).
#[php_class]
#[php(name = "Antom\\Testing\\Simulator")]
pub struct Simulator {
    handle: SimHandle,
    info: Value,
}

impl Simulator {
    fn start(options: Option<&ZendHashTable>) -> PhpResult<Self> {
        let options = match options {
            Some(o) => array_to_json(o, true)?,
            None => Value::Object(Map::new()),
        };
        let handle = SimHandle::start(&options.to_string()).map_err(to_php)?;
        let info = serde_json::from_str(handle.info())
            .map_err(|e| to_php(antom_bridge::input(e.to_string())))?;
        Ok(Simulator { handle, info })
    }

    fn field(&self, name: &str) -> String {
        self.info[name].as_str().unwrap_or_default().to_string()
    }

    /// A client for this simulator, `extra` options (camelCase) over the ready ones.
    fn client_with(&self, extra: Option<&ZendHashTable>) -> PhpResult<Client> {
        let read = |name: &str| {
            std::fs::read_to_string(self.field(name))
                .map_err(|e| to_php(antom_bridge::input(format!("the simulator's {name}: {e}"))))
        };
        let mut options = Map::new();
        options.insert("clientId".into(), self.field("client_id").into());
        options.insert(
            "privateKey".into(),
            read("merchant_private_key_file")?.into(),
        );
        options.insert(
            "antomPublicKey".into(),
            read("antom_public_key_file")?.into(),
        );
        options.insert("gatewayUrl".into(), self.field("url").into());
        if let Some(Value::Object(m)) = extra.map(|e| array_to_json(e, true)).transpose()? {
            options.extend(m);
        }
        let options = Options::from_json(Value::Object(options), Naming::Camel).map_err(to_php)?;
        Ok(Client::from_handle(
            Handle::new(&options, "php").map_err(to_php)?,
        ))
    }

    /// Runs one control; its JSON answer as PHP values (objects as arrays).
    fn control(&self, name: &str, args: Value) -> PhpResult<Zval> {
        let text = self
            .handle
            .control(name, &args.to_string())
            .map_err(to_php)?;
        let value: Value =
            serde_json::from_str(&text).map_err(|e| to_php(antom_bridge::input(e.to_string())))?;
        json_to_zval(&value)
    }
}
