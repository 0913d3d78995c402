//! `Antom\Models` without files: the extension carries the source of every model class (the
//! Composer package `bindings-php/models`, embedded at build time) and compiles a class the
//! first time a script names it, so `new PayRequest(...)` and the typed `$r->data` work with
//! the extension alone, in every SAPI, at the extension's own version. A Composer autoloader of
//! `antom/models` runs first (Composer prepends its loader) and loads the same classes as files.

use std::cell::RefCell;

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendCallable, Zval};

use crate::convert::json_to_zval;
use crate::errors::type_error;

include!("models_generated.rs");

const NAMESPACE: &str = "Antom\\Models\\";

/// The autoloader's name as PHP calls it.
const LOADER: &str = "Antom\\Internal\\loadModel";

/// Loads the class `class` of `Antom\Models` from the embedded sources; any other class is left
/// to the next autoloader. Registered for every request by [`register`].
#[php_function]
#[php(name = "Antom\\Internal\\loadModel")]
pub fn load_model(class: String) {
    let Some(name) = strip_prefix_ignore_case(&class, NAMESPACE) else {
        return;
    };
    // PHP class names are case-insensitive: an exact match first, then any case.
    let found = SOURCES
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .or_else(|| {
            SOURCES
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name))
        });
    if let Some(i) = found {
        // A failure (only a broken build could compile one wrong) leaves the class undefined,
        // and PHP then says so where the script named it.
        let _ = ext_php_rs::php_eval::execute(SOURCES[i].1);
    }
}

/// The loader, for the module to register.
pub fn loader() -> ext_php_rs::builders::FunctionBuilder<'static> {
    wrap_function!(load_model)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.trim_start_matches('\\').get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text.trim_start_matches('\\')[prefix.len()..])
}

/// Adds the loader to this request's autoloaders (they are reset at every request's end).
pub fn register() {
    if let Ok(spl) = ZendCallable::try_from_name("spl_autoload_register") {
        let _ = spl.try_call(vec![&LOADER]);
    }
}

/// A response's or notification's body as PHP reads it: an object of `Antom\Models\{class}`
/// (parsed once, then the same object each time), or the array when there is no model (`call`
/// by name) or the body is not a JSON object.
pub fn typed(
    data: &serde_json::Value,
    class: &str,
    cache: &RefCell<Option<Zval>>,
) -> PhpResult<Zval> {
    if let Some(z) = cache.borrow().as_ref() {
        return Ok(z.shallow_clone());
    }
    let array = json_to_zval(data)?;
    if class.is_empty() || !data.is_object() {
        return Ok(array);
    }
    let parse = ZendCallable::try_from_name(&format!("{NAMESPACE}{class}::fromArray"))
        .map_err(|e| type_error(format!("cannot load Antom\\Models\\{class}: {e}")))?;
    let object = parse.try_call(vec![&array])?;
    *cache.borrow_mut() = Some(object.shallow_clone());
    Ok(object)
}
