//! The wasm tier: the JS-facing handle in headless Chromium (run by
//! wasm-bindgen-test-runner through ChromeDriver; see scripts/test).

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use vrest::web::VrestHandle;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "shared/decimals.rs"]
mod decimals;

/// The page's decimal reader, in the page's own build of serde_json.
#[wasm_bindgen_test]
fn decimals_read_as_the_standard_library_reads_them() {
    decimals::read_as_the_standard_library_reads_them();
}

/// Put four canvases of the page's sizes into the test document.
fn canvases(prefix: &str) -> [String; 4] {
    let doc = web_sys::window().unwrap().document().unwrap();
    let body = doc.body().unwrap();
    let ids = [format!("{prefix}-scene"), format!("{prefix}-chart"), format!("{prefix}-bars"), format!("{prefix}-k")];
    for (id, (w, h)) in ids.iter().zip([(760, 380), (640, 250), (380, 230), (640, 300)]) {
        if doc.get_element_by_id(id).is_some() {
            continue;
        }
        let c: HtmlElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
        c.set_id(id);
        c.style().set_property("width", &format!("{w}px")).unwrap();
        c.style().set_property("height", &format!("{h}px")).unwrap();
        c.style().set_property("display", "block").unwrap();
        body.append_child(&c).unwrap();
    }
    ids
}

/// Count pixels that are neither transparent nor white, and distinct colours.
fn ink(id: &str) -> (usize, usize) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.get_element_by_id(id).unwrap().dyn_into().unwrap();
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, f64::from(c.width()), f64::from(c.height())).unwrap().data();
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0;
    for px in data.chunks_exact(4) {
        if px[3] > 0 && !(px[0] > 250 && px[1] > 250 && px[2] > 250) {
            inked += 1;
            colours.insert((px[0] / 16, px[1] / 16, px[2] / 16));
        }
    }
    (inked, colours.len())
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

/// A Command as the page sends it: a plain JavaScript object.
fn cmd(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn the_handle_builds_and_paints_non_blank_canvases() {
    let [s, c, b, k] = canvases("paint");
    let mut h = VrestHandle::new(s.as_str().into(), c.as_str().into(), b.as_str().into(), k.as_str().into()).unwrap();
    // The full lab: the learner's view has no V–log K⁺ chart and leaves it unpainted.
    h.apply(cmd(r#"{"do": "set_view", "args": {"view": "lab"}}"#)).unwrap();
    h.apply(cmd(r#"{"do": "play"}"#)).unwrap();
    for k in 0..30 {
        h.frame(JsValue::from_f64(f64::from(k) * 16.7), None).unwrap();
    }
    let (scene_ink, scene_colours) = ink(&s);
    let (chart_ink, _) = ink(&c);
    let (bars_ink, bars_colours) = ink(&b);
    let (k_ink, k_colours) = ink(&k);
    assert!(k_ink > 5_000 && k_colours > 3, "V against K⁺: {k_ink} px, {k_colours} colours");
    // The scene is mostly coloured (bath, bilayer, particles), in many colours.
    assert!(scene_ink > 100_000 && scene_colours > 20, "scene: {scene_ink} px, {scene_colours} colours");
    // The chart has axes, grid, dashed lines and the trace; the bars show every ion.
    assert!(chart_ink > 5_000, "chart: {chart_ink} px");
    assert!(bars_ink > 3_000 && bars_colours > 5, "bars: {bars_ink} px, {bars_colours} colours");
    assert!(h.particle_count() > 200);
}

#[wasm_bindgen_test]
fn frames_return_a_readout_from_the_model() {
    let [s, c, b, k] = canvases("readout");
    let mut h = VrestHandle::new(s.as_str().into(), c.as_str().into(), b.as_str().into(), k.as_str().into()).unwrap();
    let r = h.frame(JsValue::from_f64(0.0), None).unwrap();
    let v = field(&r, "voltage_mv").as_f64().unwrap();
    assert!((-75.0..=-65.0).contains(&v), "{v}");
    assert_eq!(field(&r, "voltage_text").as_string().unwrap(), format!("−{:.1} mV", -v));
    assert_eq!(field(&r, "preset").as_string().unwrap(), "neuron");
    // Paused and unchanged: the next frame has nothing new to say.
    assert!(h.frame(JsValue::from_f64(16.7), None).unwrap().is_undefined());
    h.apply(cmd(r#"{"do": "load_preset", "args": {"preset": "squid-axon"}}"#)).unwrap();
    let r = h.frame(JsValue::from_f64(33.4), None).unwrap();
    assert_eq!(field(&r, "preset").as_string().unwrap(), "squid-axon");
    let setup = h.setup().unwrap();
    let presets = js_sys::Array::from(&field(&setup, "presets"));
    assert_eq!(presets.length(), vrest_core::presets::PRESETS.len() as u32);
    assert_eq!(field(&presets.get(6), "title").as_string().unwrap(), "Squid giant axon");
    assert_eq!(h.text("button-play".into()).unwrap(), "Play");
}

#[wasm_bindgen_test]
fn bad_setter_values_are_rejected_with_errors_that_name_the_field() {
    let [s, c, b, k] = canvases("errors");
    let mut h = VrestHandle::new(s.as_str().into(), c.as_str().into(), b.as_str().into(), k.as_str().into()).unwrap();
    let before = field(&h.readout().unwrap(), "voltage_mv").as_f64().unwrap();
    let cases = [
        (
            r#"{"do": "set_control", "args": {"key": "ion.K.outside", "value": -1}}"#,
            "K⁺ outside (mM): must be from 0 to 10000; got −1",
        ),
        (
            r#"{"do": "set_control", "args": {"key": "temperature", "value": 500}}"#,
            "Temperature (°C): must be from 0 to 50",
        ),
        (r#"{"do": "set_control", "args": {"key": "nonsense", "value": 1}}"#, "This action could not be read"),
        // A text is a typed number, read in the page's language: "7,5" is no number in
        // English (it is 7.5 in Spanish), and letters are none in either.
        (
            r#"{"do": "set_control", "args": {"key": "ion.K.outside", "value": "7,5"}}"#,
            "K⁺ outside (mM): “7,5” is not a number; write it like 7.5, from 0 to 10000",
        ),
        (
            r#"{"do": "set_control", "args": {"key": "ion.K.outside", "value": "five"}}"#,
            "K⁺ outside (mM): not a number; write it like 7.5, from 0 to 10000",
        ),
        (
            r#"{"do": "set_control_position", "args": {"key": "pump.rate", "position": 5000}}"#,
            "slider position must be from 0 to 1000",
        ),
        (r#"{"do": "set_speed", "args": {"index": 42}}"#, "speed index from 0 to 7"),
        (r#"{"do": "set_speed", "args": {"index": -1}}"#, "This action could not be read"),
        (r#"{"do": "load_preset", "args": {"preset": "zombie"}}"#, "unknown preset"),
        (r#"{"do": "load_preset", "args": {"preset": 5}}"#, "This action could not be read"),
        (r#"{"do": "set_particle_budget", "args": {"count": 5}}"#, "from 100 to 50000"),
        (r#"{"do": "step", "args": {"direction": -1}}"#, "no earlier step"),
        (r#"{"do": "explode"}"#, "This action could not be read"),
    ];
    for (json, expected) in cases {
        let msg = message(h.apply(cmd(json)).unwrap_err());
        assert!(msg.contains(expected), "{json}: {msg} (want {expected})");
    }
    // A NaN (which JSON cannot carry but JavaScript can; the page sends typed fields as
    // text) is refused naming the field, and "NaN" never reaches the screen.
    let nan = cmd(r#"{"do": "set_control", "args": {"key": "ion.K.outside", "value": 0}}"#);
    js_sys::Reflect::set(&field(&nan, "args"), &JsValue::from_str("value"), &JsValue::from_f64(f64::NAN)).unwrap();
    let said = message(h.apply(nan).unwrap_err());
    assert!(said.ends_with("args.value: invalid type: expected a number") && !said.contains("NaN"), "{said}");
    // Not a Command at all: a number, a string, null.
    for junk in [JsValue::from_f64(1.0), JsValue::from_str("play"), JsValue::NULL] {
        assert!(message(h.apply(junk).unwrap_err()).contains("This action could not be read"));
    }
    assert!(h.frame(JsValue::from_f64(f64::NAN), None).is_err());
    // Arguments of the wrong type are refused by name, never read as something else.
    for junk in [JsValue::from_f64(1e308), JsValue::from_f64(-1.0), JsValue::from_str("12"), JsValue::TRUE] {
        assert!(message(h.frame(junk, None).unwrap_err()).starts_with("frame: must be a time from 0 to 1e13 ms; got "));
    }
    assert_eq!(message(h.text(JsValue::from_f64(5.0)).unwrap_err()), "id: must be text; got 5");
    assert_eq!(
        message(h.apply(cmd(r#"{"do": "set_locale", "args": {"locale": true}}"#)).unwrap_err()),
        "locale: must be text; got boolean"
    );
    assert!(h.apply(cmd(r#"{"do": "set_locale", "args": {"locale": "es", "source": 3}}"#)).is_err());
    assert!(h.apply(cmd(r#"{"do": "set_locale", "args": {"locale": "en", "colour": "red"}}"#)).is_err());
    assert!(h.apply(cmd(r#"{"do": "set_locale"}"#)).is_err());
    assert!(h.locale_file(js_sys::Object::new().into()).is_err());
    assert_eq!(VrestHandle::negotiate_locale(JsValue::from_f64(7.0)), "en");
    assert_eq!(h.locale(), "en");
    let after = field(&h.readout().unwrap(), "voltage_mv").as_f64().unwrap();
    assert_eq!(before, after, "rejected input changed nothing");
}

#[wasm_bindgen_test]
fn step_forward_and_back_through_the_handle() {
    let [s, c, b, k] = canvases("steps");
    let mut h = VrestHandle::new(s.as_str().into(), c.as_str().into(), b.as_str().into(), k.as_str().into()).unwrap();
    h.apply(cmd(r#"{"do": "set_control", "args": {"key": "ion.K.outside", "value": 10}}"#)).unwrap();
    let t0 = field(&h.readout().unwrap(), "time_s").as_f64().unwrap();
    let v0 = field(&h.readout().unwrap(), "voltage_mv").as_f64().unwrap();
    h.apply(cmd(r#"{"do": "step", "args": {"direction": 1}}"#)).unwrap();
    let t1 = field(&h.readout().unwrap(), "time_s").as_f64().unwrap();
    assert!((t1 - t0 - 0.1).abs() < 1e-12, "one slice at real time is 0.1 s: {t0} → {t1}");
    h.apply(cmd(r#"{"do": "step", "args": {"direction": -1}}"#)).unwrap();
    let r = h.readout().unwrap();
    assert_eq!(field(&r, "time_s").as_f64().unwrap(), t0);
    assert_eq!(field(&r, "voltage_mv").as_f64().unwrap(), v0);
}
