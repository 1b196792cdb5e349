//! The wasm shell: the one JS-facing handle, `VrestHandle`. The page sends every action
//! as a `Command` (`apply`), calls `frame` from requestAnimationFrame, and copies the
//! readout's ready-made words into its labels. Every export returns `Result<_, JsError>`;
//! nothing from JavaScript is unwrapped.
//!
//! Frame flow (`frame(now_ms)`): real dt from the rAF timestamp → `Lab::frame` (the
//! model advances dt × speed while playing, then the particles) → paint the scene →
//! when the lab's revision has moved on (at once after an action, at most 15 times a
//! second while playing): measure once, word the readout and redraw the chart from the
//! same measures.

mod canvas;
mod paint;
mod plot;

use plotters::prelude::IntoDrawingArea;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::lab::link::Link;
use crate::lab::{Command, Lab, Measures};
use crate::present::announce::{Announcer, Moment};
use crate::present::catalog::Locale;
use crate::present::chart::{draw_voltage_chart, ChartInput};
use crate::present::describe::Descriptions;
use crate::present::kchart::{draw_k_chart, KChartInput};
use crate::present::words::{describe_error, describe_link_problem, model_error, PageSetup};
use crate::present::{Catalog, Readout};
use canvas::Canvas;
use plot::Plot;
use vrest_core::error::printable;

/// While playing, the labels and the chart are renewed at most this often.
const READOUT_INTERVAL_MS: f64 = 66.0;
/// The pictures' descriptions are renewed at most this often: a screen reader reads
/// them on request, so a second old is current, and a drag stays cheap.
const DESCRIBE_INTERVAL_MS: f64 = 1000.0;
/// The lab's seed: the picture and its crossings replay the same for the same actions.
const SEED: u64 = 0x5eed_2026;
/// Unless the page chooses, one particle per this many CSS px² of scene, rounded to a
/// multiple of `BUDGET_ROUNDING`, within `AUTO_BUDGET`: every density ratio shows and
/// the channels stay visible.
const CSS_PX2_PER_PARTICLE: f64 = 300.0;
const BUDGET_ROUNDING: f64 = 50.0;
const AUTO_BUDGET: (f64, f64) = (250.0, 1000.0);

/// Show a fatal error on the page (www/app.js defines `vrestFatal`), or at least log it.
fn report_fatal(message: &str) {
    let shown = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("vrestFatal")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.call1(&JsValue::NULL, &JsValue::from_str(message)).is_ok())
        .unwrap_or(false);
    if !shown {
        web_sys::console::error_1(&JsValue::from_str(message));
    }
}

thread_local! {
    /// The page's language, for the one message written outside the handle (a panic's).
    static LOCALE: std::cell::Cell<Locale> = const { std::cell::Cell::new(Locale::English) };
}

/// Runs once when the module loads: a panic shows a message and a reload button
/// instead of freezing the page.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let detail = info.to_string();
        // The language's catalog if it is built in; English otherwise.
        let catalog = Catalog::new(LOCALE.with(|l| l.get()));
        report_fatal(&catalog.format("fatal-internal", &[("detail", &detail)]));
    }));
}

/// Timestamps `frame` accepts: requestAnimationFrame's are milliseconds since the page
/// opened, far below this (about 300 years).
const MAX_TIMESTAMP_MS: f64 = 1e13;

/// What a refused argument was, shortly: its type, or its value when short.
fn shown(v: &JsValue) -> String {
    let text = match (v.as_f64(), v.as_string()) {
        (Some(x), _) => format!("{x}"),
        (None, Some(s)) => format!("\"{}\"", s.chars().take(24).collect::<String>()),
        _ => v.js_typeof().as_string().unwrap_or_default(),
    };
    vrest_core::error::printable(&text, 40)
}

/// A string argument from JavaScript, or an error naming it: the glue would otherwise
/// read a number or an object as a string's address.
fn string_arg(catalog: &Catalog, name: &str, v: &JsValue) -> Result<String, JsError> {
    v.as_string()
        .ok_or_else(|| JsError::new(&catalog.format("error-argument-text", &[("name", name), ("got", &shown(v))])))
}

/// The most values, and the deepest nesting, of a command or a message read from
/// JS: serde reads a value recursively, so its depth is checked first, without
/// recursion (a few thousand nested arrays would exhaust the wasm stack).
const MAX_JS_VALUES: usize = 20_000;

/// Whether `v` nests at most `max_depth` levels of objects and arrays, in at most
/// [`MAX_JS_VALUES`] values.
fn within_depth(v: &JsValue, max_depth: usize) -> bool {
    let mut stack = vec![(v.clone(), 0usize)];
    let mut seen = 0;
    while let Some((v, depth)) = stack.pop() {
        seen += 1;
        if seen > MAX_JS_VALUES {
            return false;
        }
        if !v.is_object() {
            continue;
        }
        if depth >= max_depth {
            return false;
        }
        let inner = if js_sys::Array::is_array(&v) {
            js_sys::Array::from(&v)
        } else {
            js_sys::Object::values(v.unchecked_ref())
        };
        stack.extend(inner.iter().map(|x| (x, depth + 1)));
    }
    true
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        // The serializer's own detail: the page shows it inside the catalog's
        // "fatal-internal" sentence (www/app.js, vrestFatal).
        .map_err(|e| JsError::new(&e.to_string()))
}

/// How much larger the trace draws its labels and lines in presentation mode (the
/// page's type grows by 125 %; the trace, read from further away, by this).
const PRESENT_CHART_SCALE: f64 = 1.4;

/// The page's one handle on Vrest.
#[wasm_bindgen]
pub struct VrestHandle {
    lab: Lab,
    catalog: Catalog,
    scene: Canvas,
    chart: Canvas,
    bars: Canvas,
    kchart: Canvas,
    painter: paint::ScenePainter,
    /// The measures and readout of the last revision read, and when each view last drew.
    measures: Measures,
    readout: Readout,
    last_ms: Option<f64>,
    chart_revision: Option<u64>,
    last_readout_ms: f64,
    readout_sent: Option<u64>,
    /// The revision the bars and the scene last drew.
    painted: Option<u64>,
    /// What the live region says, and the sentence waiting for the page to take it.
    announcer: Announcer,
    announcement: Option<String>,
    /// The revision the descriptions were made for, when, and new ones for the page.
    described: Option<u64>,
    described_ms: f64,
    descriptions: Option<Descriptions>,
    /// The canvases need painting whatever the revision (a resize, the first frame).
    repaint: bool,
    /// A particle count the page asked for; otherwise it follows the canvas area.
    chosen_budget: bool,
    /// Whether the trace's last drawing held the spike inset.
    inset_drawn: bool,
    /// The marks the trace drew, and how many with their labels.
    marks_drawn: (usize, usize),
    /// The layout of the setup last handed to the page (`setup`).
    setup_key: Option<u32>,
}

#[wasm_bindgen]
impl VrestHandle {
    /// Attach to the four canvases (by element id: the scene, the voltage trace, the ion
    /// bars and V against K⁺ outside) and start paused on the neuron.
    #[wasm_bindgen(constructor)]
    pub fn new(
        scene_id: JsValue,
        chart_id: JsValue,
        bars_id: JsValue,
        kchart_id: JsValue,
    ) -> Result<VrestHandle, JsError> {
        let catalog = Catalog::english();
        let ids = [("scene_id", &scene_id), ("chart_id", &chart_id), ("bars_id", &bars_id), ("kchart_id", &kchart_id)];
        let [scene_id, chart_id, bars_id, kchart_id] = ids.map(|(name, v)| string_arg(&catalog, name, v));
        let (scene_id, chart_id, bars_id, kchart_id) = (scene_id?, chart_id?, bars_id?, kchart_id?);
        // The first preset is built in; should it ever fail, the model's reason is said.
        let lab = Lab::new(SEED).map_err(|e| {
            let detail = match &e {
                crate::lab::LabError::Rejected(m) | crate::lab::LabError::Stopped(m) => model_error(m, &catalog),
                other => other.code().to_string(),
            };
            JsError::new(&catalog.format("fatal-internal", &[("detail", &detail)]))
        })?;
        let find = |id: &str| {
            Canvas::find(id).map_err(|code| JsError::new(&catalog.format(code, &[("id", &printable(id, 40))])))
        };
        let (scene, chart, bars, kchart) = (find(&scene_id)?, find(&chart_id)?, find(&bars_id)?, find(&kchart_id)?);
        let measures = lab.measure();
        let readout = Readout::new(&lab, &measures, &catalog);
        let mut handle = VrestHandle {
            lab,
            catalog,
            scene,
            chart,
            bars,
            kchart,
            painter: paint::ScenePainter::default(),
            measures,
            readout,
            last_ms: None,
            chart_revision: None,
            last_readout_ms: f64::NEG_INFINITY,
            readout_sent: None,
            painted: None,
            announcer: Announcer::default(),
            announcement: None,
            described: None,
            described_ms: f64::NEG_INFINITY,
            descriptions: None,
            repaint: true,
            chosen_budget: false,
            inset_drawn: false,
            marks_drawn: (0, 0),
            setup_key: None,
        };
        // No painting here: the first frame paints everything once, which keeps the
        // time to the first interactive frame down.
        handle.fit_budget()?;
        Ok(handle)
    }

    /// Carry out one action, given as a Command's JSON form (`{"do": "play"}`,
    /// `{"do": "set_control", "args": {"key": "ion.K.outside", "value": 10}}`). A refused
    /// action changes nothing and throws an error that names the control or field and
    /// what is allowed, in the catalog's words.
    ///
    /// One action belongs to the page rather than the lab: `{"do": "set_locale",
    /// "args": {"locale": "es", "source": <the catalog's text, when not built in>}}`.
    pub fn apply(&mut self, command: JsValue) -> Result<(), JsError> {
        if command.is_object()
            && js_sys::Reflect::get(&command, &JsValue::from_str("do")).ok().and_then(|d| d.as_string()).as_deref()
                == Some("set_locale")
        {
            return self.set_locale(&command);
        }
        if !within_depth(&command, crate::lab::host::MAX_MESSAGE_DEPTH) {
            let detail = crate::lab::host::limit_refusal(crate::lab::host::Limit::Depth, "", "");
            let detail = model_error(&detail, &self.catalog);
            return Err(JsError::new(&self.catalog.format("error-command", &[("detail", &detail)])));
        }
        let command = self.read_typed(command)?;
        let unread = |e: &vrest_core::ModelError| {
            JsError::new(&self.catalog.format("error-command", &[("detail", &model_error(e, &self.catalog))]))
        };
        let value: serde_json::Value =
            serde_wasm_bindgen::from_value(command).map_err(|_| unread(&crate::lab::host::not_json()))?;
        let command = Command::from_value(&value).map_err(|e| unread(&e))?;
        let budget = matches!(command, Command::SetParticleBudget { .. });
        self.lab.apply(&command).map_err(|e| JsError::new(&describe_error(&e, &self.lab, &self.catalog)))?;
        self.chosen_budget |= budget;
        Ok(())
    }

    /// A number typed into a field arrives as its text (`"value": "7,5"`,
    /// `"amplitude_ua_per_cm2": "40"`) and is read in the page's language
    /// (`Catalog::read_number`). A text that is no number is refused naming the control,
    /// the form to write it in and the range; for the pulse it becomes NaN, which the
    /// model refuses by name.
    fn read_typed(&self, command: JsValue) -> Result<JsValue, JsError> {
        use js_sys::{Object, Reflect};
        let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let args = if command.is_object() { get(&command, "args") } else { JsValue::UNDEFINED };
        if !args.is_object() {
            return Ok(command);
        }
        for field in ["value", "amplitude_ua_per_cm2"] {
            let Some(text) = get(&args, field).as_string() else { continue };
            let key = get(&args, "key").as_string().and_then(|k| k.parse::<crate::lab::ControlKey>().ok());
            let value = match (self.catalog.read_number(&text), key) {
                (Some(v), _) => v,
                (None, Some(key)) if field == "value" => {
                    return Err(JsError::new(&crate::present::words::typed_error(
                        &key,
                        &text,
                        &self.lab,
                        &self.catalog,
                    )))
                }
                (None, _) if field == "amplitude_ua_per_cm2" => {
                    let range = vrest_core::constants::STIMULUS_AMPLITUDE_UA_PER_CM2;
                    let label = self.catalog.text("stimulus-label");
                    let text =
                        crate::present::words::typed_error_for(&label, (range.min, range.max), &text, &self.catalog);
                    return Err(JsError::new(&text));
                }
                (None, _) => f64::NAN,
            };
            // A copy with the number in the text's place; the page's object is left alone.
            let read = Object::assign(&Object::new(), args.unchecked_ref());
            let out = Object::assign(&Object::new(), command.unchecked_ref());
            let set = |o: &Object, k: &str, v: &JsValue| Reflect::set(o, &JsValue::from_str(k), v).is_ok();
            if set(&read, field, &JsValue::from_f64(value)) && set(&out, "args", &read) {
                return Ok(out.into());
            }
        }
        Ok(command)
    }

    /// One animation frame at `now_ms` (the requestAnimationFrame timestamp). Returns a
    /// fresh readout when the labels should change, otherwise `undefined`.
    /// A timestamp that is not a number of milliseconds from 0 to `MAX_TIMESTAMP_MS`
    /// is refused and changes nothing; one that goes back starts the clock afresh.
    /// `narrating`: a lesson's caption is being read aloud, so its scene holds until the
    /// utterance ends.
    pub fn frame(&mut self, now_ms: JsValue, narrating: Option<bool>) -> Result<JsValue, JsError> {
        let now_ms = match now_ms.as_f64() {
            Some(t) if (0.0..=MAX_TIMESTAMP_MS).contains(&t) => t,
            _ => {
                let max = crate::present::format::Formats { catalog: &self.catalog }.limit(MAX_TIMESTAMP_MS);
                return Err(JsError::new(
                    &self
                        .catalog
                        .format("error-argument-time", &[("name", "frame"), ("max", &max), ("got", &shown(&now_ms))]),
                ));
            }
        };
        if self.last_ms.is_some_and(|last| now_ms < last) {
            self.last_ms = None;
            self.last_readout_ms = f64::NEG_INFINITY;
            self.described_ms = f64::NEG_INFINITY;
        }
        let dt_s = self.last_ms.map_or(0.0, |last| ((now_ms - last) / 1e3).max(0.0));
        self.last_ms = Some(now_ms);
        let animating =
            self.lab.is_playing() || dt_s > 0.0 && self.lab.scene().particles().iter().any(|p| p.is_crossing());
        self.lab.set_narrating(narrating == Some(true));
        self.lab.frame(dt_s);
        // A caption just became final: hold it for its words (one second per three).
        if self.lab.guide().is_some_and(|g| matches!(g.phase, crate::lab::lesson::Phase::Hold { .. }) && !g.read_sized)
        {
            let m = self.lab.measure();
            if let Some(s) = crate::present::lesson::hold_needed_s(&self.lab, &m, &self.catalog) {
                self.lab.hold_for_reading(s);
            }
        }
        // Every size read before any canvas is resized (Canvas::measure).
        let sizes = [&self.scene, &self.chart, &self.bars, &self.kchart].map(|c| c.measure());
        let resized = [&mut self.scene, &mut self.chart, &mut self.bars, &mut self.kchart]
            .into_iter()
            .zip(sizes)
            .fold(false, |r, (c, size)| c.resize(size) | r);
        if resized {
            self.fit_budget()?;
        }
        let revision = self.lab.revision();
        // The words may already be fresh (the page asks for the readout right after an
        // action) while the canvases still show the last revision: either one counts.
        let changed = self.readout_sent != Some(revision) || self.painted != Some(revision);
        // Right after an action, at once; while playing, at most READOUT_INTERVAL_MS apart.
        let acted = changed && !self.lab.is_playing();
        let fresh =
            self.repaint || resized || changed && (acted || now_ms - self.last_readout_ms >= READOUT_INTERVAL_MS);
        if fresh {
            self.refresh_readout();
            self.last_readout_ms = now_ms;
            self.paint_bars()?;
            self.painted = Some(revision);
        }
        if animating || fresh {
            self.paint_scene()?;
        }
        if self.repaint || resized || self.chart_revision != Some(self.measures.lab.revision) {
            self.paint_chart()?;
        }
        self.repaint = false;
        self.listen(now_ms);
        if self.described != Some(self.measures.lab.revision) && now_ms - self.described_ms >= DESCRIBE_INTERVAL_MS {
            self.descriptions = Some(Descriptions::new(&self.lab, &self.measures, &self.catalog));
            self.described = Some(self.measures.lab.revision);
            self.described_ms = now_ms;
        }
        if fresh {
            to_js(&self.readout)
        } else {
            Ok(JsValue::UNDEFINED)
        }
    }

    /// What the canvases last drew that their pixels alone do not tell a test: the scene
    /// labels' size (CSS px) and how many overlap another, and whether the trace holds
    /// the spike inset.
    pub fn drawn(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Drawn {
            scene_label_px: u32,
            scene_label_overlaps: u32,
            spike_inset: bool,
            /// The marks drawn on the trace, and how many of them have their label.
            trace_marks: usize,
            trace_mark_labels: usize,
        }
        let labels = self.painter.labels;
        to_js(&Drawn {
            scene_label_px: labels.px,
            scene_label_overlaps: labels.overlaps,
            spike_inset: self.inset_drawn,
            trace_marks: self.marks_drawn.0,
            trace_mark_labels: self.marks_drawn.1,
        })
    }

    /// The sentence for the page's polite live region, once ("" when there is none).
    pub fn take_announcement(&mut self) -> String {
        self.announcement.take().unwrap_or_default()
    }

    /// The pictures' descriptions in words, when they have changed since the page last
    /// took them (at most once a second), otherwise `undefined`.
    pub fn take_descriptions(&mut self) -> Result<JsValue, JsError> {
        match self.descriptions.take() {
            Some(d) => to_js(&d),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The readout of the lab as it is now.
    pub fn readout(&mut self) -> Result<JsValue, JsError> {
        self.refresh_readout();
        to_js(&self.readout)
    }

    /// Presets, speeds, controls and the legend, in words, to build the page's controls.
    pub fn setup(&mut self) -> Result<JsValue, JsError> {
        self.setup_key = Some(self.lab.layout_key());
        /// The page's setup with the guided lessons and the misconceptions' cards.
        #[derive(Serialize)]
        struct Setup {
            #[serde(flatten)]
            page: PageSetup,
            lessons: Vec<crate::present::lesson::LessonEntry>,
            myths: Vec<crate::present::lesson::MythCard>,
        }
        to_js(&Setup {
            page: PageSetup::new(&self.lab, &self.catalog),
            lessons: crate::present::lesson::lesson_entries(&self.catalog),
            myths: crate::present::lesson::myth_cards(&self.catalog),
        })
    }

    /// The locale of this BCP 47 tag ("en", "es", "es-MX", or the test pseudo-locale
    /// "en-XA"), or an error naming the choices.
    fn locale_of(&self, tag: &str) -> Result<Locale, JsError> {
        Locale::from_tag(tag).ok_or_else(|| {
            let choices: Vec<&str> = Locale::SHIPPED.iter().map(|l| l.tag()).collect();
            let got: String = tag.chars().take(20).collect();
            JsError::new(&self.catalog.format("error-locale", &[("got", &got), ("choices", &choices.join(", "))]))
        })
    }

    /// Open the state a URL's query carries (`[[key, value], …]`, as
    /// `URLSearchParams` gives them): its commands are applied in order, and each
    /// parameter that could not be used comes back as a sentence for the page's notes.
    ///
    /// The page hands over at most [`VrestHandle::link_max_pairs`] pairs, and `total`,
    /// how many the query has, so a link of a million parameters costs no more than
    /// one of a thousand.
    pub fn open_link(&mut self, pairs: JsValue, total: usize) -> Result<Vec<String>, JsError> {
        let pairs: Vec<(String, String)> = serde_wasm_bindgen::from_value(pairs)
            .map_err(|e| JsError::new(&self.catalog.format("error-command", &[("detail", &e.to_string())])))?;
        let pairs = &pairs[..pairs.len().min(Self::link_max_pairs())];
        // The state's JSON is read by the browser (JSON.parse), not by a parser in the wasm.
        let read_json = |text: &str| -> Option<serde_json::Value> {
            serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
        };
        let mut link = Link::parse_with(pairs, &read_json);
        // Parameters beyond those handed over are not read either: count them.
        for p in &mut link.problems {
            if let crate::lab::link::LinkProblem::TooManyParams { max, ignored } = p {
                *ignored = (*ignored).max(total.saturating_sub(*max));
            }
        }
        let mut notes: Vec<String> = link.problems.iter().map(|p| describe_link_problem(p, &self.catalog)).collect();
        for e in self.lab.follow(&link) {
            notes.push(describe_error(&e, &self.lab, &self.catalog));
        }
        Ok(crate::present::words::link_notes(notes, &self.catalog))
    }

    /// The most query pairs the page hands to [`VrestHandle::open_link`].
    pub fn link_max_pairs() -> usize {
        4 * crate::lab::link::MAX_PARAMS
    }

    /// The link to the lab as it is now, as key, value, key, value, … for the page to
    /// encode. `locks` and `hides` are the Share dialog's boxes, each a list of controls
    /// of this cell (they replace the lab's own locks and hidden controls), or
    /// `undefined` for the lab's own. (Two lists rather than one object: reading an
    /// object through serde would cost the page a deserialiser of its own.)
    pub fn link_pairs(&self, locks: Option<Vec<String>>, hides: Option<Vec<String>>) -> Result<Vec<String>, JsError> {
        let mut pairs = self.lab.link();
        let keys: Vec<String> = self.lab.control_specs().iter().map(|s| s.key.to_string()).collect();
        for (name, list) in [("lock", locks), ("hide", hides)] {
            let Some(mut list) = list else { continue };
            if let Some(unknown) = list.iter().find(|k| !keys.contains(k)) {
                return Err(JsError::new(&self.catalog.format(
                    "error-argument-keys",
                    &[("name", name), ("got", &vrest_core::error::printable(unknown, 40))],
                )));
            }
            pairs.retain(|(k, _)| k != name);
            if !list.is_empty() {
                vrest_core::sort::heapsort_by(&mut list, |a, b| a < b);
                list.dedup();
                pairs.push((name.to_string(), list.join(",")));
            }
        }
        if self.catalog.locale() != Locale::English {
            pairs.push(("locale".to_string(), self.catalog.locale().tag().to_string()));
        }
        Ok(pairs.into_iter().flat_map(|(k, v)| [k, v]).collect())
    }

    /// A teacher's questions now, and the labels of the Share dialog's three fields:
    /// `{questions: [..], labels: [..]}`.
    pub fn questions(&self) -> Result<JsValue, JsError> {
        let labels: Vec<String> = (1..=crate::lab::MAX_QUESTIONS)
            .map(|n| self.catalog.format("share-question-label", &[("number", &n.to_string())]))
            .collect();
        to_js(&serde_json::json!({"questions": self.lab.questions(), "labels": labels}))
    }

    /// The SCORM package's pass mark as typed (`text`): a whole percentage, or null
    /// when blank; anything else is refused, naming the field and its range.
    pub fn scorm_mastery(&self, text: JsValue) -> Result<Option<u32>, JsError> {
        let typed = string_arg(&self.catalog, "text", &text)?;
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        match typed.parse::<u32>() {
            Ok(n) if n <= 100 => Ok(Some(n)),
            _ => Err(JsError::new(&self.catalog.format(
                "scorm-mastery-error",
                &[("min", "0"), ("max", "100"), ("got", &vrest_core::error::printable(typed, 24))],
            ))),
        }
    }

    /// The lesson events since the last call (`lab::lesson::LessonEvent`, as
    /// `{kind: "started" | "answered" | "completed", lesson, …}`), oldest first: the
    /// page sends them to a subscribed host and to a course's gradebook (SCORM).
    pub fn lesson_events(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.lab.take_lesson_events())
    }

    /// The Share dialog's controls, grouped as on the page, each with whether a link
    /// locks or hides it now and whether it is still the preset's.
    pub fn share_groups(&self) -> Result<JsValue, JsError> {
        to_js(&crate::present::share::share_groups(&self.lab, &self.catalog))
    }

    /// The iframe for a course page `width_px` wide: [width, height] in CSS px. A width
    /// that is not a number from 320 to 1,600 is refused with a sentence naming the
    /// field and its range.
    pub fn embed_size(&self, width_px: JsValue) -> Result<Vec<u32>, JsError> {
        use crate::present::share::{embed_height_px, EMBED_WIDTH_PX};
        match width_px.as_f64() {
            Some(w) if (f64::from(EMBED_WIDTH_PX.0)..=f64::from(EMBED_WIDTH_PX.2)).contains(&w) => {
                let w = w.round() as u32;
                Ok(vec![w, embed_height_px(w)])
            }
            _ => Err(JsError::new(&self.catalog.format(
                "share-width-error",
                &[
                    ("min", &EMBED_WIDTH_PX.0.to_string()),
                    ("max", &EMBED_WIDTH_PX.2.to_string()),
                    ("got", &shown(&width_px)),
                ],
            ))),
        }
    }

    /// One message from the embedding page (message API v1; www/app.js has already
    /// checked its origin, size and rate): the reply to send back. `snapshot_png`
    /// replies carry `"pending"` for the page to add the picture, and `subscribe`
    /// replies `"subscribe": <max Hz>` for the page to start its events.
    pub fn host_message(&mut self, message: JsValue) -> Result<JsValue, JsError> {
        use crate::lab::host::{self, Request};
        use serde_json::json;
        let reply = |id: Option<f64>, body: serde_json::Value| {
            let mut out = json!({"vrest": host::VERSION, "id": id});
            if let (Some(o), serde_json::Value::Object(b)) = (out.as_object_mut(), body) {
                o.extend(b);
            }
            out
        };
        // The page checked the message already (www/app.js, plainData); checked again
        // here, as this is what keeps serde's recursive reading within the stack.
        let parsed = if within_depth(&message, host::MAX_MESSAGE_DEPTH) {
            serde_wasm_bindgen::from_value::<serde_json::Value>(message)
                .map_err(|_| host::Refusal { id: None, error: host::not_json() })
                .and_then(|v| host::parse(&v))
        } else {
            Err(host::Refusal { id: None, error: host::limit_refusal(host::Limit::Depth, "", "") })
        };
        let out = match parsed {
            Err(r) => reply(r.id, self.host_refusal_json(&r.error)),
            Ok((id, request)) => match request {
                Request::GetState => reply(Some(id), json!({"ok": true, "result": self.lab.host_state()})),
                Request::Change(commands) => match self.lab.apply_all(&commands) {
                    Ok(()) => reply(Some(id), json!({"ok": true, "result": {}})),
                    Err(e) => reply(
                        Some(id),
                        json!({"ok": false, "code": e.code(), "error": describe_error(&e, &self.lab, &self.catalog)}),
                    ),
                },
                Request::ExportCsv => reply(Some(id), json!({"ok": true, "result": {"csv": self.lab.export_csv()}})),
                Request::SnapshotPng => reply(Some(id), json!({"ok": true, "pending": "snapshot_png"})),
                Request::Subscribe { max_hz, state, lesson } => reply(
                    Some(id),
                    json!({"ok": true, "result": {}, "subscribe": {"max_hz": max_hz, "state": state, "lesson": lesson}}),
                ),
            },
        };
        to_js(&out)
    }

    /// The API's version and the limits the page applies to an embedding page's
    /// messages before they reach the lab: `{version, max_bytes, max_per_s, max_depth}`.
    pub fn host_limits() -> Result<JsValue, JsError> {
        use crate::lab::host;
        to_js(&serde_json::json!({
            "version": host::VERSION,
            "max_bytes": host::MAX_MESSAGE_BYTES,
            "max_per_s": host::MAX_MESSAGES_PER_S,
            "max_depth": host::MAX_MESSAGE_DEPTH,
        }))
    }

    /// The reply's refusal of a message the page did not pass on, in the page's
    /// language: `limit` is "size", "rate" or "depth", or the JS type of a value that is
    /// not JSON data (`typeof`, or its constructor's name: "undefined", "Map") found at
    /// `at`. `{ok: false, code, field, error}`.
    pub fn host_refusal(&self, limit: &str, at: &str) -> Result<JsValue, JsError> {
        use crate::lab::host::{limit_refusal, Limit};
        let e = match limit {
            "size" => limit_refusal(Limit::Size, "", ""),
            "rate" => limit_refusal(Limit::Rate, "", ""),
            "depth" => limit_refusal(Limit::Depth, "", ""),
            type_name => limit_refusal(Limit::NotData, type_name, at),
        };
        to_js(&self.host_refusal_json(&e))
    }

    fn host_refusal_json(&self, e: &vrest_core::ModelError) -> serde_json::Value {
        serde_json::json!({"ok": false, "code": e.code, "field": e.field, "error": model_error(e, &self.catalog)})
    }

    /// The caption of a saved picture: the cell with V and t, and the link `url`.
    pub fn snapshot_caption(&self, url: JsValue) -> Result<Vec<String>, JsError> {
        let url = string_arg(&self.catalog, "url", &url)?;
        let sheet = crate::present::records::worksheet(&self.lab, &self.catalog);
        let mut lines = vec![sheet.state, self.catalog.format("snapshot-link", &[("link", &url)])];
        // The marks on the trace in words, each on its line (a crowded trace leaves some
        // labels out; the picture's caption has them all).
        lines.extend(self.readout.marks.iter().cloned());
        Ok(lines)
    }

    /// What the Share dialog says of a lesson in progress: the link opens it at this
    /// scene ("" when no lesson runs).
    pub fn share_lesson_note(&self) -> String {
        crate::present::lesson::view(&self.lab, &self.measures, &self.catalog)
            .map(|l| {
                self.catalog.format("share-lesson", &[("lesson", &l.title), ("scene", &(l.scene + 1).to_string())])
            })
            .unwrap_or_default()
    }

    /// A lesson's captions as a WebVTT file, played through on a copy of the lab.
    pub fn lesson_vtt(&self, id: JsValue) -> Result<String, JsError> {
        let lesson = self.lesson_arg(&id)?;
        Ok(crate::present::lesson::vtt(&self.lab, &lesson, &self.catalog))
    }

    /// A lesson as a plain-text transcript.
    pub fn lesson_transcript(&self, id: JsValue) -> Result<String, JsError> {
        let lesson = self.lesson_arg(&id)?;
        Ok(crate::present::lesson::transcript(&self.lab, &lesson, &self.catalog))
    }

    fn lesson_arg(&self, id: &JsValue) -> Result<crate::lab::lesson::Lesson, JsError> {
        let id = string_arg(&self.catalog, "lesson", id)?;
        crate::lab::lesson::find(&id).ok_or_else(|| {
            let e = crate::lab::LabError::UnknownLesson { id: vrest_core::error::printable(&id, 40) };
            JsError::new(&describe_error(&e, &self.lab, &self.catalog))
        })
    }

    /// The data table (`record` adds a row): headings, rows of cells and its status.
    pub fn records_table(&self) -> Result<JsValue, JsError> {
        to_js(&crate::present::records::records_table(&self.lab, &self.catalog))
    }

    /// The data table as CSV, for a lab report.
    pub fn records_csv(&self) -> String {
        self.lab.records_csv()
    }

    /// What a printed worksheet says of the state: its title, the cell with V and t,
    /// and every value changed from the preset.
    pub fn worksheet(&self) -> Result<JsValue, JsError> {
        to_js(&crate::present::records::worksheet(&self.lab, &self.catalog))
    }

    /// The state an embedding page reads, for its `state` events.
    pub fn host_state(&self) -> Result<JsValue, JsError> {
        to_js(&self.lab.host_state())
    }

    /// The recorded history as CSV (the CLI's `simulate` format), for a lab report.
    pub fn export_csv(&self) -> String {
        self.lab.export_csv()
    }

    /// The present state as a complete scenario (the CLI's format), to go with the CSV.
    pub fn export_scenario(&self) -> String {
        self.lab.membrane().current_scenario().to_json_pretty() + "\n"
    }

    /// The file the page must fetch and pass to `set_locale` for this language, or
    /// `undefined` when its words are built in.
    pub fn locale_file(&self, tag: JsValue) -> Result<Option<String>, JsError> {
        let tag = string_arg(&self.catalog, "locale", &tag)?;
        Ok(self.locale_of(&tag)?.file().map(String::from))
    }

    /// `set_locale`: speak the language of `args.locale`, with its catalog's text in
    /// `args.source` when it is not built in (`locale_file`). The lab is untouched; the
    /// page rebuilds its words. An unknown language, an argument of the wrong type or
    /// an unknown one, or a missing or broken catalog, is refused and nothing changes.
    fn set_locale(&mut self, command: &JsValue) -> Result<(), JsError> {
        use crate::lab::args::Args;
        let unread = |e: &vrest_core::ModelError| {
            JsError::new(&self.catalog.format("error-command", &[("detail", &model_error(e, &self.catalog))]))
        };
        // Its keys by the lab's one argument reader; its values, which may be a whole
        // catalog's text, as they come.
        let value: serde_json::Value =
            serde_wasm_bindgen::from_value(command.clone()).map_err(|_| unread(&crate::lab::host::not_json()))?;
        let empty = serde_json::Map::new();
        let envelope = value.as_object().unwrap_or(&empty);
        let listed = envelope.get("args").and_then(serde_json::Value::as_object).unwrap_or(&empty);
        Args::new(envelope, "message")
            .only(&["do", "args"])
            .and_then(|()| Args::new(listed, "args").only(&["locale", "source"]))
            .map_err(|e| unread(&e))?;
        let args = js_sys::Reflect::get(command, &JsValue::from_str("args")).unwrap_or(JsValue::UNDEFINED);
        let get = |name: &str| {
            if args.is_object() {
                js_sys::Reflect::get(&args, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            }
        };
        let tag = string_arg(&self.catalog, "locale", &get("locale"))?;
        let source = get("source");
        let source = if source.is_undefined() { None } else { Some(string_arg(&self.catalog, "source", &source)?) };
        let locale = self.locale_of(&tag)?;
        if locale == self.catalog.locale() {
            return Ok(());
        }
        let catalog = match (locale.file(), source) {
            (None, _) => Catalog::new(locale),
            (Some(_), Some(text)) => Catalog::from_source(locale, &text),
            (Some(file), None) => {
                return Err(JsError::new(&self.catalog.format("error-locale-file", &[("file", file)])));
            }
        };
        if let Some(problem) = catalog.problems().first() {
            return Err(JsError::new(&self.catalog.format("error-locale-file", &[("file", problem)])));
        }
        self.catalog = catalog;
        LOCALE.with(|l| l.set(locale));
        self.readout_sent = None;
        self.repaint = true;
        self.painter = paint::ScenePainter::default();
        self.refresh_readout();
        Ok(())
    }

    /// The language to speak for the browser's preferred languages
    /// (`navigator.languages`): the first Vrest speaks, else English.
    pub fn negotiate_locale(languages: JsValue) -> String {
        // Anything but an array of strings counts as no preference.
        let tags: Vec<String> = if js_sys::Array::is_array(&languages) {
            js_sys::Array::from(&languages).iter().filter_map(|t| t.as_string()).collect()
        } else {
            Vec::new()
        };
        Locale::negotiate(tags.iter().map(String::as_str)).tag().to_string()
    }

    /// The tag of the language spoken now.
    pub fn locale(&self) -> String {
        self.catalog.locale().tag().to_string()
    }

    /// A fixed word of the page from the catalog (for the elements marked `data-l10n`).
    pub fn text(&self, id: JsValue) -> Result<String, JsError> {
        Ok(self.catalog.text(&string_arg(&self.catalog, "id", &id)?))
    }

    /// The catalog's message `id` with its arguments as name, text, name, text, …
    /// (the numbers in them are the page's own measures, such as a file's size).
    pub fn format(&self, id: JsValue, args: Vec<String>) -> Result<String, JsError> {
        let id = string_arg(&self.catalog, "id", &id)?;
        let pairs: Vec<(&str, &str)> = args.chunks_exact(2).map(|p| (p[0].as_str(), p[1].as_str())).collect();
        Ok(self.catalog.format(&id, &pairs))
    }

    /// Particles in the picture now.
    pub fn particle_count(&self) -> usize {
        self.lab.scene().particles().len()
    }

    /// Give the announcer this frame's V (the ions' E and shares from the last measures,
    /// at most a readout interval old) and keep what it says until the page takes it.
    fn listen(&mut self, now_ms: f64) {
        let moment = Moment {
            now_ms,
            voltage_mv: self.lab.membrane().voltage_mv(),
            action: self.lab.actions(),
            ions: &self.measures.ions,
            spikes: self.lab.spikes(),
            spike_peak_mv: self.lab.last_spike_peak_mv(),
        };
        if let Some(text) = self.announcer.update(&moment, &self.catalog) {
            self.announcement = Some(text);
        }
    }

    /// Measure and word the lab once for its present revision.
    fn refresh_readout(&mut self) {
        let revision = self.lab.revision();
        if self.measures.lab.revision != revision || self.readout_sent.is_none() {
            self.measures = self.lab.measure();
        }
        self.readout = Readout::new(&self.lab, &self.measures, &self.catalog);
        self.readout.setup_changed = self.setup_key != Some(self.readout.layout_key);
        self.readout_sent = Some(revision);
    }

    /// Unless the page chose a count, the particle budget follows the scene's area.
    fn fit_budget(&mut self) -> Result<(), JsError> {
        if self.chosen_budget {
            return Ok(());
        }
        let area = self.scene.css_w * self.scene.css_h;
        let budget = ((area / CSS_PX2_PER_PARTICLE / BUDGET_ROUNDING).round() * BUDGET_ROUNDING)
            .clamp(AUTO_BUDGET.0, AUTO_BUDGET.1) as usize;
        if budget != self.lab.scene().budget() {
            self.lab
                .apply(&Command::SetParticleBudget { count: budget })
                .map_err(|e| JsError::new(&describe_error(&e, &self.lab, &self.catalog)))?;
        }
        Ok(())
    }

    /// A picture (named by its heading's catalog id) that has no 2D context.
    fn no_context(&self, picture: &str) -> JsError {
        JsError::new(&self.catalog.format("error-page-no-context", &[("picture", &self.catalog.text(picture))]))
    }

    /// A picture that could not be drawn, with the drawing library's detail.
    fn not_drawn(&self, picture: &str, detail: &str) -> JsError {
        let picture = self.catalog.text(picture);
        JsError::new(&self.catalog.format("error-page-not-drawn", &[("picture", &picture), ("detail", detail)]))
    }

    fn paint_scene(&mut self) -> Result<(), JsError> {
        let ctx = self.scene.context().ok_or_else(|| self.no_context("scene-heading"))?;
        let size = (self.scene.css_w, self.scene.css_h, self.scene.ratio);
        self.painter
            .paint(&self.scene.el, &ctx, size, &self.lab, &self.readout)
            .map_err(|e| self.not_drawn("scene-heading", &format!("{e:?}")))
    }

    fn paint_bars(&mut self) -> Result<(), JsError> {
        if !self.bars.shown {
            return Ok(());
        }
        let ctx = self.bars.context().ok_or_else(|| self.no_context("bars-heading"))?;
        paint::paint_bars(&ctx, self.bars.css_w, self.bars.css_h, &self.measures, &self.readout)
            .map_err(|e| self.not_drawn("bars-heading", &format!("{e:?}")))
    }

    fn paint_chart(&mut self) -> Result<(), JsError> {
        let backend = Plot::new(&self.chart.el).ok_or_else(|| self.no_context("trace-heading"))?;
        let area = backend.into_drawing_area();
        let mut input = ChartInput::new(self.lab.trace(), &self.measures, &self.catalog);
        input.spike = self.lab.last_spike();
        // The marks as the readout worded them, with the measures the chart draws.
        input.marks = self.readout.trace_marks.clone();
        input.armed = self.readout.pulse_pending.then(|| self.catalog.text("mark-armed"));
        // On a projector the trace's labels and lines grow with the page's type.
        let scale = if self.lab.presenting().is_some() { PRESENT_CHART_SCALE } else { 1.0 };
        input.pixel_ratio = self.chart.ratio * scale;
        let summary = draw_voltage_chart(&area, &input).map_err(|e| self.not_drawn("trace-heading", &e.to_string()))?;
        self.inset_drawn = summary.inset.is_some();
        self.marks_drawn = summary.marks;
        // The learner's view shows no V–log K⁺ chart, and measures no sweep for it.
        if !self.measures.k_sweep.is_empty() && self.kchart.shown {
            let backend = Plot::new(&self.kchart.el).ok_or_else(|| self.no_context("kchart-heading"))?;
            let mut input = KChartInput::new(&self.measures, &self.catalog);
            input.pixel_ratio = self.kchart.ratio;
            draw_k_chart(&backend.into_drawing_area(), &input)
                .map_err(|e| self.not_drawn("kchart-heading", &e.to_string()))?;
        }
        self.chart_revision = Some(self.measures.lab.revision);
        Ok(())
    }
}
