//! The embedding page's requests (message API v1), read and checked: each one becomes
//! lab `Command`s or a read of the lab, or is refused with a one-line reason that
//! names the field and what is allowed. The page (www/app.js) moves the messages and
//! checks their origin, size and rate; this module decides what they mean.
//!
//! Envelope: `{"vrest": 1, "id": <number>, "do": "<command>", "args": {…}}`.

use serde_json::{json, Map, Value};
use vrest_core::error::{printable, Arg};
use vrest_core::{presets, ModelError};

use super::args::Args;
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
    Args::new(envelope, "message").only(&["vrest", "id", "do", "args"]).map_err(|e| refuse(Some(id), e))?;
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
    let a = Args::new(args, "args");
    let takes: &[&'static str] = match name {
        "step" => &["direction"],
        "answer" => &["choice"],
        "lock" | "unlock" => &["controls"],
        "subscribe" => &["events", "max_hz"],
        "set_state" => &["preset", "scenario", "speed", "step_s", "playing"],
        _ => &[],
    };
    if !COMMANDS.contains(&name) {
        return Err(must("do", "error-host-command")
            .text("got", printable(name, 24))
            .with("commands", Arg::Names(COMMANDS.to_vec())));
    }
    a.only(takes)?;
    Ok(match name {
        "get_state" => Request::GetState,
        "play" => Request::Change(vec![Command::Play]),
        "pause" => Request::Change(vec![Command::Pause]),
        "reset" => Request::Change(vec![Command::Reset]),
        "export_csv" => Request::ExportCsv,
        "snapshot_png" => Request::SnapshotPng,
        "step" => Request::Change(vec![Command::Step { direction: StepDirection::read(&a)? }]),
        // The lesson's question, answered by the host page (0 is the first choice).
        "answer" => {
            let choice = a.whole("choice", u64::from(u8::MAX), "error-host-choice")? as usize;
            Request::Change(vec![Command::Answer { choice }])
        }
        "lock" | "unlock" => {
            let controls = a.texts("controls", "error-host-controls")?;
            Request::Change(vec![if name == "lock" {
                Command::Lock { controls }
            } else {
                Command::Unlock { controls }
            }])
        }
        "subscribe" => subscribe(&a)?,
        _ => set_state(&a)?,
    })
}

/// `subscribe`: which events, and at most how often.
fn subscribe(a: &Args) -> Result<Request, ModelError> {
    let events = a.texts("events", "error-host-events").unwrap_or_default();
    let (state, lesson) = (events.iter().any(|e| e == "state"), events.iter().any(|e| e == "lesson"));
    if events.is_empty() || events.iter().any(|e| e != "state" && e != "lesson") {
        return Err(must("args.events", "error-host-events"));
    }
    let max_hz = match a.get("max_hz") {
        None => MAX_EVENT_HZ,
        Some(_) => match a.number("max_hz", "error-host-max-hz")? {
            hz if hz > 0.0 && hz <= MAX_EVENT_HZ => hz,
            _ => return Err(must("args.max_hz", "error-host-max-hz").with("max", Arg::Limit(MAX_EVENT_HZ))),
        },
    };
    Ok(Request::Subscribe { max_hz, state, lesson })
}

/// `set_state`: a preset and a patch over it (or over the present cell), the speed,
/// playing or not, as one change.
fn set_state(a: &Args) -> Result<Request, ModelError> {
    let mut commands = Vec::new();
    let preset = match a.get("preset") {
        None => None,
        Some(Value::String(p)) if presets::find(p).is_some() => Some(p.clone()),
        Some(_) => return Err(must("args.preset", "error-host-preset")),
    };
    match (a.get("scenario"), preset) {
        // A patch goes over the named preset, else over the present one.
        (Some(_), preset) => commands.push(Command::LoadScenario {
            preset: preset.unwrap_or_default(),
            patch: Value::Object(a.object("scenario", "error-host-scenario")?.clone()),
        }),
        (None, Some(preset)) => commands.push(Command::LoadPreset { preset }),
        (None, None) => {}
    }
    if a.get("speed").is_some() {
        let max = SPEEDS_MODEL_S_PER_REAL_S.len() - 1;
        let index = a.whole("speed", max as u64, "error-host-speed").map_err(|e| e.whole("max", max))?;
        commands.push(Command::SetSpeed { index: index as usize });
    }
    if a.get("step_s").is_some() {
        commands.push(Command::SetStepSize { step_s: a.number("step_s", "error-host-step-size")? });
    }
    if a.get("playing").is_some() {
        commands.push(if a.flag("playing", "error-host-playing")? { Command::Play } else { Command::Pause });
    }
    Ok(Request::Change(commands))
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
            // One Step's model time as chosen; 0 follows the speed.
            "step_s": self.step_size().map_or(0.0, |i| super::STEP_SIZES_S[i]),
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
