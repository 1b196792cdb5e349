//! One reader of named arguments, for the page's commands (`command.rs`) and an
//! embedding page's messages (`host.rs`): which keys an object may have, and each
//! value as the type it must be. A refusal is a `ModelError` naming the field
//! (`args.speed`) with a code the catalog words; the caller may give its own code for
//! what a value must be ("1 (forward) or −1 (back)").

use serde_json::{Map, Value};
use vrest_core::error::{printable, Arg};
use vrest_core::ModelError;

/// An object's arguments, read under the name `at` ("args", "message").
pub struct Args<'a> {
    map: &'a Map<String, Value>,
    at: &'static str,
}

/// The longest key quoted back in a refusal.
const MAX_KEY_CHARS: usize = 24;

impl<'a> Args<'a> {
    pub fn new(map: &'a Map<String, Value>, at: &'static str) -> Self {
        Args { map, at }
    }

    /// The field path of `key`: "args.speed".
    pub fn field(&self, key: &str) -> String {
        format!("{}.{}", self.at, printable(key, MAX_KEY_CHARS))
    }

    /// Refuse a key not in `allowed`, naming it and listing what is taken.
    pub fn only(&self, allowed: &[&'static str]) -> Result<(), ModelError> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) if allowed.is_empty() => {
                Err(ModelError::new(self.at, "error-host-no-argument").text("got", printable(k, MAX_KEY_CHARS)))
            }
            Some(k) => Err(ModelError::new(self.at, "error-host-argument")
                .text("got", printable(k, MAX_KEY_CHARS))
                .with("takes", Arg::Keys(allowed.iter().map(|t| t.to_string()).collect()))),
            None => Ok(()),
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    /// A value the caller needs: missing, it is refused with `code`.
    fn need(&self, key: &str, code: &'static str) -> Result<&'a Value, ModelError> {
        self.map.get(key).ok_or_else(|| ModelError::new(self.field(key), code))
    }

    /// A number (any finite or not; the lab checks its range).
    pub fn number(&self, key: &str, code: &'static str) -> Result<f64, ModelError> {
        self.need(key, code)?.as_f64().ok_or_else(|| ModelError::new(self.field(key), code))
    }

    /// A whole number from 0 to `max`.
    pub fn whole(&self, key: &str, max: u64, code: &'static str) -> Result<u64, ModelError> {
        match self.need(key, code)?.as_u64() {
            Some(n) if n <= max => Ok(n),
            _ => Err(ModelError::new(self.field(key), code)),
        }
    }

    pub fn text(&self, key: &str, code: &'static str) -> Result<String, ModelError> {
        self.need(key, code)?.as_str().map(String::from).ok_or_else(|| ModelError::new(self.field(key), code))
    }

    pub fn flag(&self, key: &str, code: &'static str) -> Result<bool, ModelError> {
        self.need(key, code)?.as_bool().ok_or_else(|| ModelError::new(self.field(key), code))
    }

    /// A list of texts.
    pub fn texts(&self, key: &str, code: &'static str) -> Result<Vec<String>, ModelError> {
        let list = self.need(key, code)?.as_array().ok_or_else(|| ModelError::new(self.field(key), code))?;
        list.iter()
            .map(|v| v.as_str().map(String::from).ok_or_else(|| ModelError::new(self.field(key), code)))
            .collect()
    }

    /// An object.
    pub fn object(&self, key: &str, code: &'static str) -> Result<&'a Map<String, Value>, ModelError> {
        self.need(key, code)?.as_object().ok_or_else(|| ModelError::new(self.field(key), code))
    }
}
