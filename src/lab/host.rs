//! The embedding page's requests (message API v1), read and checked: each one becomes
//! lab `Command`s or a read of the lab, or is refused with a one-line reason that
//! names the field and what is allowed. The page (www/app.js) moves the messages and
//! checks their origin, size and rate; this module decides what they mean.
//!
//! Envelope: `{"vrest": 1, "id": <number>, "do": "<command>", "args": {…}}`.

use serde_json::{json, Map, Value};
use vrest_core::error::{printable, Arg};
use vrest_core::{presets, ModelError};

use super::{Command, Lab, StepDirection, SPEEDS_MODEL_S_PER_REAL_S};

/// The API's version, the envelope's `vrest` field.
pub const VERSION: u64 = 1;
/// The fastest a subscription may send its events.
pub const MAX_EVENT_HZ: f64 = 10.0;
/// The largest message read, in bytes of its JSON, and the most read per second: the
/// page counts them before the lab sees a message (www/app.js).
pub const MAX_MESSAGE_BYTES: usize = 65_536;
pub const MAX_MESSAGES_PER_S: usize = 50;

/// The deepest nesting of a message read (objects and arrays): a `set_state` with a
/// scenario patch is 5 deep. A message that refers to itself is infinitely deep.
pub const MAX_MESSAGE_DEPTH: usize = 16;

/// Why the page refused a message before the lab read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Over [`MAX_MESSAGE_BYTES`] of JSON.
    Size,
    /// Beyond [`MAX_MESSAGES_PER_S`].
    Rate,
    /// Deeper than [`MAX_MESSAGE_DEPTH`], or cyclic.
    Depth,
    /// Not plain JSON data: a Map, a Set, a Date, undefined, a BigInt, a function…
    NotData,
}

/// The refusal of a message the page did not pass on; `what` and `at` name the value
/// that was not JSON data and where it was (for [`Limit::NotData`]).
pub fn limit_refusal(limit: Limit, what: &str, at: &str) -> ModelError {
    match limit {
        Limit::Size => ModelError::new("message", "error-host-size").whole("max", MAX_MESSAGE_BYTES),
        Limit::Rate => ModelError::new("message", "error-host-rate").whole("max", MAX_MESSAGES_PER_S),
        Limit::Depth => ModelError::new("message", "error-host-depth").whole("max", MAX_MESSAGE_DEPTH),
        Limit::NotData => ModelError::new(printable(at, 40), "error-host-not-data").text("got", printable(what, 24)),
    }
}

/// Read one message from its JSON text, bounded before it is parsed (the checks the
/// page makes on a message object, for the CLI, tests and any host that sends text).
pub fn parse_text(text: &str) -> Result<(f64, Request), Refusal> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(refuse(None, limit_refusal(Limit::Size, "", "")));
    }
    if super::limits::json_depth(text) > MAX_MESSAGE_DEPTH {
        return Err(refuse(None, limit_refusal(Limit::Depth, "", "")));
    }
    let value: Value = serde_json::from_str(text).map_err(|_| refuse(None, not_json()))?;
    parse(&value)
}
/// The commands, as a host names them.
pub const COMMANDS: [&str; 12] = [
    "get_state",
    "set_state",
    "play",
    "pause",
    "step",
    "reset",
    "lock",
    "unlock",
    "export_csv",
    "snapshot_png",
    "subscribe",
    "answer",
];

/// One checked request.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    GetState,
    /// Apply these commands as one change: all of them, or none.
    Change(Vec<Command>),
    ExportCsv,
    SnapshotPng,
    /// Events to send: `state` at most `max_hz` a second, and/or every `lesson` event.
    Subscribe {
        max_hz: f64,
        state: bool,
        lesson: bool,
    },
}

/// A refused request: its id (when it had a usable one) and why, as data (the page
/// words it in its language, `present::words::model_error`).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub id: Option<f64>,
    pub error: ModelError,
}

fn refuse(id: Option<f64>, error: ModelError) -> Refusal {
    Refusal { id, error }
}

/// A message that is not JSON data at all.
pub fn not_json() -> ModelError {
    ModelError::new("", "error-host-not-json")
}

/// `field` is not what it must be: the code says what it must be.
fn must(field: &str, code: &'static str) -> ModelError {
    ModelError::new(field, code)
}

/// The keys of an object, refusing any not in `allowed`.
fn only(args: &Map<String, Value>, allowed: &[&'static str], at: &str) -> Result<(), ModelError> {
    match args.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) if allowed.is_empty() => Err(must(at, "error-host-no-argument").text("got", printable(k, 24))),
        Some(k) => Err(must(at, "error-host-argument")
            .text("got", printable(k, 24))
            .with("takes", Arg::Keys(allowed.iter().map(|t| t.to_string()).collect()))),
        None => Ok(()),
    }
}

/// Read one message, already bounded in depth (by [`parse_text`], or by the page's
/// checks before serde read it). `Ok((id, request))`, or the reply's refusal.
pub fn parse(message: &Value) -> Result<(f64, Request), Refusal> {
    let Some(envelope) = message.as_object() else {
        return Err(refuse(None, must("", "error-host-envelope")));
    };
    let id = match envelope.get("id").and_then(Value::as_f64) {
        Some(id) if id.is_finite() => id,
        _ => return Err(refuse(None, must("id", "error-host-id"))),
    };
    if envelope.get("vrest").and_then(Value::as_u64) != Some(VERSION) {
        return Err(refuse(Some(id), must("vrest", "error-host-version").whole("version", VERSION)));
    }
    only(envelope, &["vrest", "id", "do", "args"], "message").map_err(|e| refuse(Some(id), e))?;
    let name = envelope.get("do").and_then(Value::as_str).unwrap_or("");
    let empty = Map::new();
    let args = match envelope.get("args") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(a)) => a,
        Some(_) => return Err(refuse(Some(id), must("args", "error-host-args"))),
    };
    request(name, args).map(|r| (id, r)).map_err(|e| refuse(Some(id), e))
}

fn request(name: &str, args: &Map<String, Value>) -> Result<Request, ModelError> {
    let strings = |key: &str| -> Option<Vec<String>> {
        match args.get(key) {
            Some(Value::Array(items)) => items.iter().map(|i| i.as_str().map(String::from)).collect(),
            _ => None,
        }
    };
    Ok(match name {
        "get_state" | "play" | "pause" | "reset" | "export_csv" | "snapshot_png" => {
            only(args, &[], "args")?;
            match name {
                "get_state" => Request::GetState,
                "play" => Request::Change(vec![Command::Play]),
                "pause" => Request::Change(vec![Command::Pause]),
                "reset" => Request::Change(vec![Command::Reset]),
                "export_csv" => Request::ExportCsv,
                _ => Request::SnapshotPng,
            }
        }
        "step" => {
            only(args, &["direction"], "args")?;
            let d = args.get("direction").and_then(Value::as_f64);
            let direction = if d == Some(1.0) {
                StepDirection::Forward
            } else if d == Some(-1.0) {
                StepDirection::Back
            } else {
                return Err(must("args.direction", "error-host-direction"));
            };
            Request::Change(vec![Command::Step { direction }])
        }
        "answer" => {
            // The lesson's question, answered by the host page (0 is the first choice).
            only(args, &["choice"], "args")?;
            match args.get("choice").and_then(Value::as_u64) {
                Some(c) if c <= u64::from(u8::MAX) => Request::Change(vec![Command::Answer { choice: c as usize }]),
                _ => return Err(must("args.choice", "error-host-choice")),
            }
        }
        "lock" | "unlock" => {
            only(args, &["controls"], "args")?;
            let controls = strings("controls").ok_or_else(|| must("args.controls", "error-host-controls"))?;
            Request::Change(vec![if name == "lock" {
                Command::Lock { controls }
            } else {
                Command::Unlock { controls }
            }])
        }
        "subscribe" => {
            only(args, &["events", "max_hz"], "args")?;
            let events = strings("events").unwrap_or_default();
            let (state, lesson) = (events.iter().any(|e| e == "state"), events.iter().any(|e| e == "lesson"));
            if events.is_empty() || events.iter().any(|e| e != "state" && e != "lesson") {
                return Err(must("args.events", "error-host-events"));
            }
            let max_hz = match args.get("max_hz") {
                None => MAX_EVENT_HZ,
                Some(v) => match v.as_f64() {
                    Some(hz) if hz > 0.0 && hz <= MAX_EVENT_HZ => hz,
                    _ => return Err(must("args.max_hz", "error-host-max-hz").with("max", Arg::Limit(MAX_EVENT_HZ))),
                },
            };
            Request::Subscribe { max_hz, state, lesson }
        }
        "set_state" => {
            only(args, &["preset", "scenario", "speed", "playing"], "args")?;
            let mut commands = Vec::new();
            let preset = match args.get("preset") {
                None => None,
                Some(Value::String(p)) if presets::find(p).is_some() => Some(p.clone()),
                Some(_) => return Err(must("args.preset", "error-host-preset")),
            };
            match (args.get("scenario"), preset) {
                (Some(Value::Object(patch)), preset) => commands.push(Command::LoadScenario {
                    // A patch goes over the named preset, else over the present one.
                    preset: preset.unwrap_or_default(),
                    patch: Value::Object(patch.clone()),
                }),
                (Some(_), _) => return Err(must("args.scenario", "error-host-scenario")),
                (None, Some(preset)) => commands.push(Command::LoadPreset { preset }),
                (None, None) => {}
            }
            if let Some(v) = args.get("speed") {
                let max = SPEEDS_MODEL_S_PER_REAL_S.len() - 1;
                match v.as_u64() {
                    Some(i) if i as usize <= max => commands.push(Command::SetSpeed { index: i as usize }),
                    _ => return Err(must("args.speed", "error-host-speed").whole("max", max)),
                }
            }
            if let Some(v) = args.get("playing") {
                match v.as_bool() {
                    Some(true) => commands.push(Command::Play),
                    Some(false) => commands.push(Command::Pause),
                    None => return Err(must("args.playing", "error-host-playing")),
                }
            }
            Request::Change(commands)
        }
        other => {
            return Err(must("do", "error-host-command")
                .text("got", printable(other, 24))
                .with("commands", Arg::Names(COMMANDS.to_vec())))
        }
    })
}

impl Lab {
    /// The state a host reads (`get_state`, and each `state` event).
    pub fn host_state(&self) -> Value {
        json!({
            "preset": self.preset_id(),
            "scenario": serde_json::to_value(self.membrane().current_scenario()).unwrap_or(Value::Null),
            "t_s": self.membrane().time_s(),
            "voltage_mv": self.membrane().voltage_mv(),
            "playing": self.is_playing(),
            "speed": self.speed_index(),
            // The lesson in progress: its scene (from 0) and the question it waits on.
            "lesson": self.guide().map(|g| json!({
                "id": g.lesson.id,
                "scene": g.scene,
                "asking": g.phase == super::lesson::Phase::Ask,
                "choices": g.lesson.scenes[g.scene].question.as_ref().map_or(0, |q| q.choices),
            })),
        })
    }

    /// Apply `commands` as one change: on any refusal nothing changes and the error
    /// of the command refused is returned. A `LoadScenario` with no preset named goes
    /// over the present one.
    pub fn apply_all(&mut self, commands: &[Command]) -> Result<(), super::LabError> {
        let mut trial = self.clone();
        for c in commands {
            let c = match c {
                Command::LoadScenario { preset, patch } if preset.is_empty() => {
                    Command::LoadScenario { preset: trial.preset_id().to_string(), patch: patch.clone() }
                }
                c => c.clone(),
            };
            trial.apply(&c)?;
        }
        *self = trial;
        Ok(())
    }
}
