//! `Antom\Pages`: the iterator over a paged operation of the bridge's table (`foreach
//! ($client->listAll(...) as $item)`). It keeps the operation's arguments, passes each page's
//! `next_page` as the token, and fetches a page only when the one before is used up; an error
//! is thrown from the `foreach`. ext-php-rs cannot make a PHP `Generator`, so this is an
//! `\Iterator` (it works with `foreach` and `iterator_to_array`); `rewind` starts over.

use std::collections::VecDeque;

use antom_bridge::operations::{Outcome, Value};
use antom_bridge::{Handle, Naming};
use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ce;

use crate::convert::json_to_zval;
use crate::errors::to_php;

#[php_class]
#[php(name = "Antom\\Pages")]
#[php(implements(ce = ce::iterator, stub = "\\Iterator"))]
pub struct Pages {
    handle: Handle,
    op: &'static str,
    args: Vec<Value>,
    token_at: usize,
    items: VecDeque<serde_json::Value>,
    next: Option<String>,
    key: i64,
    started: bool,
}

impl Pages {
    /// The iterator over `op` with `args`, whose argument at `token_at` takes the token.
    pub(crate) fn new(handle: Handle, op: &'static str, args: Vec<Value>, token_at: usize) -> Self {
        Pages {
            handle,
            op,
            args,
            token_at,
            items: VecDeque::new(),
            next: None,
            key: 0,
            started: false,
        }
    }

    fn fetch(&mut self, token: Option<String>) -> PhpResult<()> {
        let mut args = self.args.clone();
        if let Some(slot) = args.get_mut(self.token_at) {
            *slot = token.map_or(Value::None, Value::Text);
        }
        let outcome = self.handle.invoke_blocking(self.op, args, Naming::Camel);
        crate::diagnostics::deliver();
        let outcome = outcome.map_err(to_php)?;
        let Outcome::Response(page) = outcome else {
            return Err(PhpException::from_message(
                "a paged operation answers a response".into(),
            ));
        };
        if let serde_json::Value::Array(items) = page.items {
            self.items.extend(items);
        }
        self.next = page.next_page;
        self.started = true;
        Ok(())
    }
}

#[php_impl]
impl Pages {
    /// The current object, as an array.
    pub fn current(&mut self) -> PhpResult<Zval> {
        if !self.valid()? {
            return Ok(Zval::new());
        }
        self.items.front().map_or(Ok(Zval::new()), json_to_zval)
    }

    /// Its position in the whole list, from 0.
    pub fn key(&self) -> i64 {
        self.key
    }

    /// Moves to the next object.
    pub fn next(&mut self) {
        if self.items.pop_front().is_some() {
            self.key += 1;
        }
    }

    /// Starts over from the first page.
    pub fn rewind(&mut self) -> PhpResult<()> {
        // Forget the walk so far first: a first page that fails must not leave the old walk's
        // token to be followed by the next valid().
        self.items.clear();
        self.key = 0;
        self.next = None;
        self.started = false;
        self.fetch(None)
    }

    /// Whether there is a current object (fetching the next page when this one is used up).
    pub fn valid(&mut self) -> PhpResult<bool> {
        if !self.started {
            self.fetch(None)?;
        }
        while self.items.is_empty() {
            match self.next.take() {
                Some(token) => self.fetch(Some(token))?,
                None => return Ok(false),
            }
        }
        Ok(true)
    }
}
