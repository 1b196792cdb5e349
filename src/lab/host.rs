//! The embedding page's requests (message API v1), read and checked: each one becomes
//! lab `Command`s or a read of the lab, or is refused with a one-line reason that
//! names the field and what is allowed. The page (www/app.js) moves the messages and
//! checks their origin, size and rate; this module decides what they mean.
//!
//! Envelope: `{"vrest": 1, "id": <number>, "do": "<command>", "args": {…}}`.

use serde_json::{json, Map, Value};
use vrest_core::presets;

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
pub fn limit_refusal(limit: Limit, what: &str, at: &str) -> String {
    match limit {
        Limit::Size => format!("message: at most {MAX_MESSAGE_BYTES} bytes of JSON"),
        Limit::Rate => format!("message: at most {MAX_MESSAGES_PER_S} a second; send it again later"),
        Limit::Depth => format!(
            "message: at most {MAX_MESSAGE_DEPTH} levels of objects and arrays (a message that contains itself has no end)"
        ),
        Limit::NotData => format!(
            "{}: must be JSON data (an object, array, string, number, true, false or null); got {}",
            vrest_core::error::printable(at, 40),
            vrest_core::error::printable(what, 24)
        ),
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
    let value: Value = serde_json::from_str(text).map_err(|_| refuse(None, "the message must be JSON data"))?;
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

/// A refused request: its id (when it had a usable one) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub id: Option<f64>,
    pub error: String,
}

fn refuse(id: Option<f64>, error: impl Into<String>) -> Refusal {
    Refusal { id, error: error.into() }
}

/// The keys of an object, refusing any not in `allowed`.
fn only(args: &Map<String, Value>, allowed: &[&str], at: &str) -> Result<(), String> {
    match args.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "{at}: \"{}\" is not an argument of this command; it takes {}",
            vrest_core::error::printable(k, 24),
            if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") }
        )),
        None => Ok(()),
    }
}

/// Read one message, already bounded in depth (by [`parse_text`], or by the page's
/// checks before serde read it). `Ok((id, request))`, or the reply's refusal.
pub fn parse(message: &Value) -> Result<(f64, Request), Refusal> {
    let Some(envelope) = message.as_object() else {
        return Err(refuse(None, "the message must be an object {\"vrest\": 1, \"id\": …, \"do\": …}"));
    };
    let id = match envelope.get("id").and_then(Value::as_f64) {
        Some(id) if id.is_finite() => id,
        _ => return Err(refuse(None, "id: must be a number")),
    };
    if envelope.get("vrest").and_then(Value::as_u64) != Some(VERSION) {
        return Err(refuse(Some(id), "vrest: must be 1, the version of this API"));
    }
    only(envelope, &["vrest", "id", "do", "args"], "message").map_err(|e| refuse(Some(id), e))?;
    let name = envelope.get("do").and_then(Value::as_str).unwrap_or("");
    let empty = Map::new();
    let args = match envelope.get("args") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(a)) => a,
        Some(_) => return Err(refuse(Some(id), "args: must be an object {…}")),
    };
    request(name, args).map(|r| (id, r)).map_err(|e| refuse(Some(id), e))
}

fn request(name: &str, args: &Map<String, Value>) -> Result<Request, String> {
    let strings = |key: &str| -> Result<Vec<String>, String> {
        match args.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str().map(String::from).ok_or_else(|| format!("args.{key}: must be a list of control keys"))
                })
                .collect(),
            _ => Err(format!("args.{key}: must be a list of control keys such as [\"ion.K.outside\", \"pump\"]")),
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
                return Err("args.direction: must be 1 (forward) or -1 (back)".into());
            };
            Request::Change(vec![Command::Step { direction }])
        }
        "answer" => {
            // The lesson's question, answered by the host page (0 is the first choice).
            only(args, &["choice"], "args")?;
            match args.get("choice").and_then(Value::as_u64) {
                Some(c) if c <= u64::from(u8::MAX) => Request::Change(vec![Command::Answer { choice: c as usize }]),
                _ => return Err("args.choice: must be a whole number from 0 (the first choice)".into()),
            }
        }
        "lock" | "unlock" => {
            only(args, &["controls"], "args")?;
            let controls = strings("controls")?;
            Request::Change(vec![if name == "lock" {
                Command::Lock { controls }
            } else {
                Command::Unlock { controls }
            }])
        }
        "subscribe" => {
            only(args, &["events", "max_hz"], "args")?;
            const EVENTS_ERROR: &str = "args.events: must be a list of \"state\" and \"lesson\", not empty";
            let events = strings("events").map_err(|_| EVENTS_ERROR.to_string())?;
            let (state, lesson) = (events.iter().any(|e| e == "state"), events.iter().any(|e| e == "lesson"));
            if events.is_empty() || events.iter().any(|e| e != "state" && e != "lesson") {
                return Err(EVENTS_ERROR.into());
            }
            let max_hz = match args.get("max_hz") {
                None => MAX_EVENT_HZ,
                Some(v) => match v.as_f64() {
                    Some(hz) if hz > 0.0 && hz <= MAX_EVENT_HZ => hz,
                    _ => return Err(format!("args.max_hz: must be a number above 0 and at most {MAX_EVENT_HZ}")),
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
                Some(_) => return Err("args.preset: must be a preset id (vrest presets lists them)".into()),
            };
            match (args.get("scenario"), preset) {
                (Some(Value::Object(patch)), preset) => commands.push(Command::LoadScenario {
                    // A patch goes over the named preset, else over the present one.
                    preset: preset.unwrap_or_default(),
                    patch: Value::Object(patch.clone()),
                }),
                (Some(_), _) => return Err("args.scenario: must be a scenario patch, an object {…}".into()),
                (None, Some(preset)) => commands.push(Command::LoadPreset { preset }),
                (None, None) => {}
            }
            if let Some(v) = args.get("speed") {
                let max = SPEEDS_MODEL_S_PER_REAL_S.len() - 1;
                match v.as_u64() {
                    Some(i) if i as usize <= max => commands.push(Command::SetSpeed { index: i as usize }),
                    _ => return Err(format!("args.speed: must be a speed index from 0 to {max}")),
                }
            }
            if let Some(v) = args.get("playing") {
                match v.as_bool() {
                    Some(true) => commands.push(Command::Play),
                    Some(false) => commands.push(Command::Pause),
                    None => return Err("args.playing: must be true or false".into()),
                }
            }
            Request::Change(commands)
        }
        other => {
            return Err(format!(
                "do: \"{}\" is not a command; the commands are {}",
                vrest_core::error::printable(other, 24),
                COMMANDS.join(", ")
            ))
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
