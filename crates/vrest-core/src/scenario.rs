//! The one configuration format shared by presets, the CLI, and later the URL state
//! and the embed configuration. Its key names are a contract (doc/model.md); the types
//! themselves live in `types.rs`.
//!
//! Input is a *patch*: every key is optional and a missing key keeps the value of the
//! base scenario (the caller's choice: the CLI uses the preset it was given, the
//! neuron by default). Unknown keys are rejected. The result is validated as a whole
//! before anyone can use it.

use crate::constants::*;
use crate::error::{check, Arg, ModelError};
use crate::parts::{Part, Transporter};
use crate::physics;
use crate::types::{Gates, Kcc2, Ncx, Noble, ProtonPump, Pump, Scenario, Q10};

impl Scenario {
    /// Parse a JSON scenario patch and apply it on top of `base`.
    pub fn from_json_over(text: &str, base: &Scenario) -> Result<Scenario, ModelError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            let nan = text.contains("NaN") || text.contains("Infinity");
            json_error(key_before(text, &e), &e, nan)
        })?;
        Scenario::from_value_over(value, base)
    }

    /// A scenario patch already read as JSON (a link's, an embedding page's), applied
    /// on top of `base`, with the same checks as [`Scenario::from_json_over`].
    pub fn from_value_over(value: serde_json::Value, base: &Scenario) -> Result<Scenario, ModelError> {
        check_shape(&value)?;
        let merged = merge_over(base, value)?;
        #[cfg(not(target_arch = "wasm32"))]
        let s: Scenario = serde_path_to_error::deserialize(merged).map_err(|e| {
            let path = e.path().to_string();
            // "." is the root and "?" an unknown position.
            let field = if path == "." || path == "?" { String::new() } else { path };
            json_error(field, e.inner(), false)
        })?;
        // On the page the path is left out: tracking it cost the gzipped page 4.7 KB.
        #[cfg(target_arch = "wasm32")]
        let s =
            <Scenario as serde::Deserialize>::deserialize(merged).map_err(|e| json_error(String::new(), &e, false))?;
        s.validate()?;
        Ok(s)
    }

    /// Check every field and the combinations the physics needs.
    pub fn validate(&self) -> Result<(), ModelError> {
        check("temperature_c", &TEMPERATURE_C, self.temperature_c)?;
        let c = &self.cell;
        check("radius_um", &RADIUS_UM, c.radius_um).map_err(|e| e.within("cell"))?;
        check("capacitance_uf_per_cm2", &CAPACITANCE_UF_PER_CM2, c.capacitance_uf_per_cm2)
            .map_err(|e| e.within("cell"))?;
        check("membrane_thickness_nm", &THICKNESS_NM, c.membrane_thickness_nm).map_err(|e| e.within("cell"))?;
        self.validate_ions()?;
        self.validate_parts()?;
        self.validate_stimuli()?;
        check("initial_voltage_mv", &VOLTAGE_MV, self.initial_voltage_mv)?;
        if let Some(v) = self.clamp_mv {
            check("clamp_mv", &VOLTAGE_MV, v)?;
        }
        // The passive resting point must exist: this rejects zero concentrations that
        // would make the GHK voltage infinite. A sealed membrane (every permeability 0,
        // no gated channels) has none and needs none: nothing crosses but what a pump or
        // a transporter moves, and V stays where the separated charge puts it.
        if !self.is_sealed() {
            physics::ghk_voltage_mv(&self.ions, self.temperature_c)?;
        }
        Ok(())
    }

    /// The list of ions: its length, each name (printable, unique, not a transporter's)
    /// and each ion's values.
    fn validate_ions(&self) -> Result<(), ModelError> {
        if self.ions.is_empty() || self.ions.len() > MAX_IONS {
            return Err(ModelError::new("ions", "error-model-ion-count")
                .whole("max", MAX_IONS)
                .whole("got", self.ions.len()));
        }
        for (i, ion) in self.ions.iter().enumerate() {
            let at = format!("ions[{i}]");
            let n = ion.name.trim();
            if n.is_empty()
                || ion.name.chars().count() > MAX_ION_NAME_CHARS
                || n != ion.name
                || ion.name.chars().any(char::is_control)
            {
                return Err(ModelError::new(format!("{at}.name"), "error-model-name")
                    .whole("max", MAX_ION_NAME_CHARS)
                    .text("got", crate::error::printable(&ion.name, 2 * MAX_ION_NAME_CHARS)));
            }
            // A bidirectional control would reverse the words around the name wherever it
            // is shown, and a comma would split a list of controls in a link.
            if let Some(c) = ion.name.chars().find(|&c| crate::error::is_bidi_control(c) || c == ',') {
                let got = crate::error::printable(&ion.name, 2 * MAX_ION_NAME_CHARS);
                return Err(if c == ',' {
                    ModelError::new(format!("{at}.name"), "error-model-name-comma").text("got", got)
                } else {
                    ModelError::new(format!("{at}.name"), "error-model-name-direction")
                        .text("char", format!("U+{:04X}", u32::from(c)))
                        .text("got", got)
                });
            }
            for reserved in [PUMP_KEY, NCX_KEY, PROTON_PUMP_KEY] {
                if ion.name.eq_ignore_ascii_case(reserved) {
                    return Err(
                        ModelError::new(format!("{at}.name"), "error-model-name-reserved").text("name", reserved)
                    );
                }
            }
            if self.ions[..i].iter().any(|o| o.name == ion.name) {
                return Err(ModelError::new(format!("{at}.name"), "error-model-name-twice").text("name", &ion.name));
            }
            physics::check_ion(ion).map_err(|e| e.within(&at))?;
        }
        Ok(())
    }

    /// The Na⁺/K⁺ pump: its values, and the K⁺ and Na⁺ it moves, each of charge +1.
    fn validate_pump(&self) -> Result<(), ModelError> {
        if let Some(p) = &self.pump {
            let f = |e: ModelError| e.within("pump");
            check("max_current_ua_per_cm2", &PUMP_MAX_CURRENT_UA_PER_CM2, p.max_current_ua_per_cm2).map_err(f)?;
            check("na_half_mm", &PUMP_HALF_MM, p.na_half_mm).map_err(f)?;
            check("k_half_mm", &PUMP_HALF_MM, p.k_half_mm).map_err(f)?;
            check("rate_fraction", &PUMP_RATE_FRACTION, p.rate_fraction).map_err(f)?;
            for name in [POTASSIUM_NAME, SODIUM_NAME] {
                match self.ions.iter().find(|i| i.name == name) {
                    None => return Err(ModelError::new("pump", "error-model-pump-needs").text("name", name)),
                    Some(ion) if ion.charge != 1 => {
                        return Err(ModelError::new("pump", "error-model-pump-cation")
                            .text("name", name)
                            .whole("got", ion.charge))
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(p) = &self.pump {
            if let Some(atp) = p.atp_free_energy_kj_per_mol {
                check("atp_free_energy_kj_per_mol", &ATP_FREE_ENERGY_KJ_PER_MOL, atp).map_err(|e| e.within("pump"))?;
            }
        }
        Ok(())
    }

    /// The pumps, the gated channels, the transporters, the buffer and the Q10s: each
    /// value in its range, and the ions each one moves present with their charges.
    fn validate_parts(&self) -> Result<(), ModelError> {
        self.validate_pump()?;
        if let Some(g) = &self.gates {
            let f = |e: ModelError| e.within("gates");
            check("na_max_permeability_cm_per_s", &PERMEABILITY_CM_PER_S, g.na_max_permeability_cm_per_s).map_err(f)?;
            check("k_max_permeability_cm_per_s", &PERMEABILITY_CM_PER_S, g.k_max_permeability_cm_per_s).map_err(f)?;
            self.needs("gates", &[(SODIUM_NAME, 1), (POTASSIUM_NAME, 1)])?;
        }
        if let Some(g) = &self.noble {
            let f = |e: ModelError| e.within("noble");
            for (key, x) in [
                ("na_max_ms_per_cm2", g.na_max_ms_per_cm2),
                ("na_background_ms_per_cm2", g.na_background_ms_per_cm2),
                ("k1_ms_per_cm2", g.k1_ms_per_cm2),
                ("k2_max_ms_per_cm2", g.k2_max_ms_per_cm2),
            ] {
                check(key, &CONDUCTANCE_MS_PER_CM2, x).map_err(f)?;
            }
            self.needs("noble", &[(SODIUM_NAME, 1), (POTASSIUM_NAME, 1)])?;
            if self.gates.is_some() {
                return Err(ModelError::new("noble", "error-model-noble-and-gates"));
            }
        }
        if let Some(c) = &self.kcc2 {
            check("rate_mm_per_s", &KCC2_RATE_MM_PER_S, c.rate_mm_per_s).map_err(|e| e.within("kcc2"))?;
            self.needs_ions_of(Transporter::Kcc2)?;
        }
        if let Some(x) = &self.ncx {
            check("max_current_ua_per_cm2", &NCX_MAX_CURRENT_UA_PER_CM2, x.max_current_ua_per_cm2)
                .map_err(|e| e.within("ncx"))?;
            self.needs_ions_of(Transporter::Ncx)?;
        }
        if let Some(p) = &self.proton_pump {
            let f = |e: ModelError| e.within("proton_pump");
            check("max_current_ua_per_cm2", &PROTON_PUMP_MAX_CURRENT_UA_PER_CM2, p.max_current_ua_per_cm2)
                .map_err(f)?;
            check("h_half_mm", &PROTON_HALF_MM, p.h_half_mm).map_err(f)?;
            if let Some(atp) = p.atp_free_energy_kj_per_mol {
                check("atp_free_energy_kj_per_mol", &ATP_FREE_ENERGY_KJ_PER_MOL, atp).map_err(f)?;
            }
            self.needs_ions_of(Transporter::ProtonPump)?;
        }
        if let Some(x) = &self.kh_exchanger {
            check("rate_mm_per_s", &KH_EXCHANGER_RATE_MM_PER_S, x.rate_mm_per_s)
                .map_err(|e| e.within("kh_exchanger"))?;
            self.needs_ions_of(Transporter::KhExchanger)?;
        }
        if let Some(b) = self.ph_buffer_mm_per_ph {
            check("ph_buffer_mm_per_ph", &PH_BUFFER_MM_PER_PH, b)?;
            self.needs("ph_buffer_mm_per_ph", &[(PROTON_NAME, 1)])?;
            if self.ions.iter().any(|i| i.name == PROTON_NAME && i.inside_mm <= 0.0) {
                return Err(ModelError::new("ph_buffer_mm_per_ph", "error-model-buffer-needs-h"));
            }
        }
        if let Some(q) = &self.q10 {
            let f = |e: ModelError| e.within("q10");
            check("reference_c", &TEMPERATURE_C, q.reference_c).map_err(f)?;
            for (key, x) in [("leaks", q.leaks), ("pumps", q.pumps), ("gates", q.gates)] {
                check(key, &Q10_FACTOR, x).map_err(f)?;
            }
        }
        Ok(())
    }

    /// The stimulus pulses: how many, and each one's start, length and strength.
    fn validate_stimuli(&self) -> Result<(), ModelError> {
        if self.stimuli.len() > MAX_STIMULI {
            return Err(ModelError::new("stimuli", "error-model-pulse-count")
                .whole("max", MAX_STIMULI)
                .whole("got", self.stimuli.len()));
        }
        for (i, p) in self.stimuli.iter().enumerate() {
            let f = |e: ModelError| e.within(&format!("stimuli[{i}]"));
            check("start_s", &STIMULUS_START_S, p.start_s).map_err(f)?;
            check("duration_s", &STIMULUS_DURATION_S, p.duration_s).map_err(f)?;
            check("amplitude_ua_per_cm2", &STIMULUS_AMPLITUDE_UA_PER_CM2, p.amplitude_ua_per_cm2).map_err(f)?;
        }
        Ok(())
    }

    /// No ion can leak: every permeability is 0 and the cell has no gated channels.
    pub fn is_sealed(&self) -> bool {
        self.ions.iter().all(|i| i.permeability_cm_per_s == 0.0) && self.gates.is_none() && self.noble.is_none()
    }

    /// Refuse a transporter unless the ions its cycle carries are present with their charges.
    fn needs_ions_of(&self, t: Transporter) -> Result<(), ModelError> {
        self.needs(t.part().key(), &t.needs())
    }

    /// Refuse `what` unless the ions it moves are present with these charges.
    fn needs(&self, what: &str, ions: &[(&str, i32)]) -> Result<(), ModelError> {
        for &(name, charge) in ions {
            match self.ions.iter().find(|i| i.name == name) {
                Some(ion) if ion.charge == charge => {}
                Some(ion) => {
                    return Err(ModelError::new(what, "error-model-moves-charge")
                        .text("name", name)
                        .text("charge", format!("{charge:+}"))
                        .whole("got", ion.charge))
                }
                None => {
                    return Err(ModelError::new(what, "error-model-needs-ion")
                        .text("name", name)
                        .text("charge", format!("{charge:+}"))
                        .text("key", what))
                }
            }
        }
        Ok(())
    }

    /// The scenario as pretty JSON, with every key written out, in the order of the
    /// fields. Made through a JSON value, which the patch reader and the links already
    /// need: serialising the scenario straight to text would add a second copy of its
    /// serialiser to the page's wasm (1.3 KB gzipped).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_value(self)
            .and_then(|value| serde_json::to_string_pretty(&value))
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The smallest patch that turns `base` into this scenario, so that
    /// `Scenario::from_json_over(&patch.to_string(), base)` gives this one back: only the
    /// keys that differ, objects compared key by key (a missing key keeps the base's),
    /// lists (`ions`, `stimuli`) whole, and `null` where this scenario has none of
    /// something the base has. A link or an embedding page carries it.
    pub fn patch_over(&self, base: &Scenario) -> serde_json::Value {
        let (now, was) = (serde_json::to_value(self), serde_json::to_value(base));
        match (now, was) {
            (Ok(now), Ok(was)) => json_diff(&was, &now).unwrap_or_else(|| serde_json::json!({})),
            // Serialising plain numbers and strings cannot fail; the whole scenario then.
            (Ok(now), Err(_)) => now,
            _ => serde_json::json!({}),
        }
    }
}

/// What turns `was` into `now`, or None where they are equal.
fn json_diff(was: &serde_json::Value, now: &serde_json::Value) -> Option<serde_json::Value> {
    use serde_json::Value;
    if was == now {
        return None;
    }
    match (was, now) {
        (Value::Object(a), Value::Object(b)) => Some(Value::Object(
            b.iter().filter_map(|(k, v)| Some((k.clone(), json_diff(a.get(k).unwrap_or(&Value::Null), v)?))).collect(),
        )),
        _ => Some(now.clone()),
    }
}

/// The last `"key":` before a syntax error, so `{"temperature_c": NaN}` names its field.
fn key_before(text: &str, e: &serde_json::Error) -> String {
    let Some(line) = text.lines().nth(e.line().saturating_sub(1)) else { return String::new() };
    let upto: String =
        text.lines().take(e.line().saturating_sub(1)).chain(std::iter::once(line)).collect::<Vec<_>>().join("\n");
    let cut = upto.len() - line.len() + line.char_indices().nth(e.column()).map_or(line.len(), |(i, _)| i);
    let before = upto[..cut].trim_end();
    let Some(colon) = before.strip_suffix(':').or_else(|| before.rfind(':').map(|i| &before[..i])) else {
        return String::new();
    };
    let colon = colon.trim_end();
    match colon.strip_suffix('"').and_then(|k| k.rfind('"').map(|i| &k[i + 1..])) {
        Some(key) if !key.is_empty() && key.len() <= 40 => key.to_string(),
        _ => String::new(),
    }
}

// ----- a patch over a base, merged as JSON -----
//
// A patch names only what changes. It is merged into the base scenario written out as
// JSON, and the result is read whole by the types' own `Deserialize` (every key
// required, unknown keys refused): there is no second, all-optional copy of the types.

/// `patch` (an object, `check_shape` has seen to it) over `base`, as JSON.
fn merge_over(base: &Scenario, patch: serde_json::Value) -> Result<serde_json::Value, ModelError> {
    use serde_json::Value;
    let Value::Object(mut patch) = patch else { return Err(ModelError::new("", "error-model-scenario-object")) };
    let mut out = match serde_json::to_value(base) {
        Ok(Value::Object(map)) => map,
        // Plain numbers and strings always serialise; should they not, nothing is merged.
        _ => return Err(ModelError::new("", "error-model-invalid")),
    };
    // The ions first: a part's defaults may follow them (the gates' from the leaks).
    if let Some(ions) = patch.remove("ions") {
        out.insert("ions".into(), merge_ions(base, ions)?);
    }
    for (key, value) in patch {
        let merged = match (key.as_str(), Part::from_key(&key), value) {
            ("cell", _, Value::Object(p)) => merge_object(out.remove("cell").unwrap_or(Value::Null), p),
            // A part: `null` removes it, an object merges over the base's (or, where the
            // base has none, over its defaults).
            (_, Some(part), Value::Object(p)) => {
                let at_base = out.remove(&key).filter(|v| v.is_object());
                let under = match at_base {
                    Some(v) => v,
                    None => part_defaults(part, &p, base, &out)?,
                };
                merge_object(under, p)
            }
            (_, _, value) => value,
        };
        out.insert(key, merged);
    }
    Ok(Value::Object(out))
}

/// `patch`'s keys over `under`'s (an object; anything else is replaced).
fn merge_object(under: serde_json::Value, patch: serde_json::Map<String, serde_json::Value>) -> serde_json::Value {
    match under {
        serde_json::Value::Object(mut map) => {
            map.extend(patch);
            serde_json::Value::Object(map)
        }
        _ => serde_json::Value::Object(patch),
    }
}

/// The whole list of ions: one named like a base ion takes that ion's values for the
/// keys it leaves out; a new ion must give every key. A charge is read as a number, so
/// that 1.0 is taken and 1.5 refused by name.
fn merge_ions(base: &Scenario, ions: serde_json::Value) -> Result<serde_json::Value, ModelError> {
    use serde_json::Value;
    let Value::Array(list) = ions else { return Ok(ions) };
    let mut out = Vec::with_capacity(list.len());
    for (i, ion) in list.into_iter().enumerate() {
        let Value::Object(mut p) = ion else {
            out.push(ion);
            continue;
        };
        let at = format!("ions[{i}]");
        let named = p.get("name").and_then(Value::as_str).map(String::from);
        let known = named.as_deref().and_then(|n| base.ion_index(n)).map(|k| &base.ions[k]);
        if let (Some(name), None) = (&named, known) {
            for key in ["charge", "inside_mm", "outside_mm", "permeability_cm_per_s"] {
                if !p.contains_key(key) {
                    return Err(ModelError::new(key, "error-model-ion-required").text("name", name).within(&at));
                }
            }
        }
        if let Some(charge) = p.get("charge").and_then(Value::as_f64) {
            let whole = charge.fract() == 0.0 && charge != 0.0;
            if !(whole && (f64::from(CHARGE_MIN)..=f64::from(CHARGE_MAX)).contains(&charge)) {
                return Err(physics::charge_error(charge).within(&at));
            }
            p.insert("charge".into(), Value::from(charge as i32));
        }
        out.push(match known.map(serde_json::to_value) {
            Some(Ok(under)) => merge_object(under, p),
            _ => Value::Object(p),
        });
    }
    Ok(Value::Array(out))
}

/// What a part merges over when the base cell lacks it: the published defaults, with
/// the strength a pump or an exchanger must be given (as every key of a new ion must).
fn part_defaults(
    part: Part,
    patch: &serde_json::Map<String, serde_json::Value>,
    base: &Scenario,
    merged: &serde_json::Map<String, serde_json::Value>,
) -> Result<serde_json::Value, ModelError> {
    let required = |key: &'static str, code: &'static str, range| {
        if patch.contains_key(key) {
            Ok(())
        } else {
            Err(ModelError::new(key, code).with("range", Arg::Range(range)).within(part.key()))
        }
    };
    let value = match part {
        Part::Pump => {
            required("max_current_ua_per_cm2", "error-model-pump-required", PUMP_MAX_CURRENT_UA_PER_CM2)?;
            // Kager–Wadman–Somjen's constants; the patch gives the maximal current.
            serde_json::to_value(Pump::kager(0.0))
        }
        Part::Gates => {
            // Traub–Miles' maxima in proportion to the cell's own leaks.
            let leak = |name: &str| {
                merged
                    .get("ions")
                    .and_then(|v| v.as_array())
                    .and_then(|ions| ions.iter().find(|i| i.get("name").and_then(|n| n.as_str()) == Some(name)))
            };
            let p = |name: &str| {
                leak(name).and_then(|i| i.get("permeability_cm_per_s")).and_then(|v| v.as_f64()).unwrap_or(0.0)
            };
            serde_json::to_value(Gates {
                na_max_permeability_cm_per_s: GATE_NA_RATIO * p(SODIUM_NAME),
                k_max_permeability_cm_per_s: GATE_K_RATIO * p(POTASSIUM_NAME),
            })
        }
        Part::Noble => serde_json::to_value(Noble {
            na_max_ms_per_cm2: NOBLE_NA_MAX_MS_PER_CM2,
            na_background_ms_per_cm2: NOBLE_NA_BACKGROUND_MS_PER_CM2,
            k1_ms_per_cm2: NOBLE_K1_MS_PER_CM2,
            k2_max_ms_per_cm2: NOBLE_K2_MAX_MS_PER_CM2,
        }),
        Part::Kcc2 => serde_json::to_value(Kcc2 { rate_mm_per_s: KCC2_DEFAULT_RATE_MM_PER_S }),
        Part::Ncx => serde_json::to_value(Ncx { max_current_ua_per_cm2: NCX_DEFAULT_MAX_CURRENT_UA_PER_CM2 }),
        Part::ProtonPump => {
            required("max_current_ua_per_cm2", "error-model-proton-pump-required", PROTON_PUMP_MAX_CURRENT_UA_PER_CM2)?;
            serde_json::to_value(ProtonPump {
                max_current_ua_per_cm2: 0.0,
                h_half_mm: PROTON_HALF_DEFAULT_MM,
                blocked: false,
                atp_free_energy_kj_per_mol: Some(ATP_FREE_ENERGY_DEFAULT_KJ_PER_MOL),
            })
        }
        Part::KhExchanger => {
            required("rate_mm_per_s", "error-model-exchanger-required", KH_EXCHANGER_RATE_MM_PER_S)?;
            Ok(serde_json::Value::Object(serde_json::Map::new()))
        }
        // The standard factors, referred to the base cell's temperature.
        Part::Q10 => serde_json::to_value(Q10::standard(base.temperature_c)),
    };
    value.map_err(|_| ModelError::new(part.key(), "error-model-invalid"))
}

/// serde accepts a JSON array where a struct is expected; the contract does not.
fn check_shape(v: &serde_json::Value) -> Result<(), ModelError> {
    use serde_json::Value;
    let object = |v: &Value, field: &str, null_ok: bool| match v {
        Value::Object(_) => Ok(()),
        Value::Null if null_ok => Ok(()),
        _ => Err(ModelError::new(field, if null_ok { "error-model-object-or-null" } else { "error-model-object" })),
    };
    object(v, "", false).map_err(|_| ModelError::new("", "error-model-scenario-object"))?;
    if let Some(c) = v.get("cell") {
        object(c, "cell", false)?;
    }
    for part in Part::ALL {
        if let Some(p) = v.get(part.key()) {
            object(p, part.key(), true)?;
        }
    }
    refuse_nulls(v, "")?;
    // Long lists are refused before anything is made of their entries.
    for (key, most) in [("ions", MAX_IONS), ("stimuli", MAX_STIMULI)] {
        if let Some(Value::Array(list)) = v.get(key) {
            if list.len() > most {
                return Err(ModelError::new(key, "error-model-list-length")
                    .whole("max", most)
                    .whole("got", list.len()));
            }
        }
    }
    if let Some(Value::Array(pulses)) = v.get("stimuli") {
        for (i, p) in pulses.iter().enumerate() {
            object(p, &format!("stimuli[{i}]"), false)?;
        }
    }
    if let Some(Value::Array(ions)) = v.get("ions") {
        for (i, ion) in ions.iter().enumerate() {
            object(ion, &format!("ions[{i}]"), false)?;
        }
    }
    Ok(())
}

/// Besides every part ("no pump"), the keys where `null` means something ("no clamp",
/// "the plain pump"…). Anywhere else a null would silently keep the base's value, so it
/// is refused.
const NULLABLE: [&str; 4] =
    ["clamp_mv", "ph_buffer_mm_per_ph", "pump.atp_free_energy_kj_per_mol", "proton_pump.atp_free_energy_kj_per_mol"];

fn refuse_nulls(v: &serde_json::Value, at: &str) -> Result<(), ModelError> {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
                if value.is_null() && !NULLABLE.contains(&path.as_str()) && Part::from_key(&path).is_none() {
                    return Err(ModelError::new(path, "error-model-null"));
                }
                refuse_nulls(value, &path)?;
            }
            Ok(())
        }
        Value::Array(items) => {
            items.iter().enumerate().try_for_each(|(i, item)| refuse_nulls(item, &format!("{at}[{i}]")))
        }
        _ => Ok(()),
    }
}

/// serde_json's error as data: where a syntax error is, or what a value should have
/// been. `nan`: the text holds NaN or Infinity, which JSON has no numbers for.
fn json_error(field: String, e: &serde_json::Error, nan: bool) -> ModelError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => data_error(field, &e.to_string()),
        category => {
            let code = if nan {
                "error-model-json-nan"
            } else if category == Category::Eof {
                "error-model-json-end"
            } else if e.to_string().starts_with("number out of range") {
                "error-model-json-number"
            } else {
                "error-model-json-syntax"
            };
            ModelError::new(field, code).whole("line", e.line()).whole("column", e.column())
        }
    }
}

/// serde's data errors come as text of a fixed form ("unknown field `x`, expected one
/// of `a`, `b`", "missing field `x`", "invalid type: string "a", expected f64"): the
/// names in backticks and the kind expected are read from it, and nothing else.
pub fn data_error(field: String, text: &str) -> ModelError {
    // Another reader may wrap the message (serde-wasm-bindgen: "JsValue(Error: …)"):
    // its first line, from the phrase serde starts it with.
    let text = text.lines().next().unwrap_or("");
    let start =
        ["unknown field", "unknown variant", "missing field", "invalid type", "invalid value", "invalid length"]
            .iter()
            .filter_map(|p| text.find(p))
            .min()
            .unwrap_or(0);
    let text = &text[start..];
    let quoted: Vec<String> = text.split('`').skip(1).step_by(2).map(String::from).collect();
    let first = quoted.first().cloned().unwrap_or_default();
    if text.starts_with("unknown field") {
        return ModelError::new(field, "error-model-unknown-key")
            .text("key", first)
            .with("keys", Arg::Keys(quoted.into_iter().skip(1).collect()));
    }
    if text.starts_with("unknown variant") {
        return ModelError::new(field, "error-model-unknown-value")
            .text("got", first)
            .with("keys", Arg::Keys(quoted.into_iter().skip(1).collect()));
    }
    if text.starts_with("missing field") {
        return ModelError::new(field, "error-model-missing-key").text("key", first);
    }
    let expected = text.rsplit(", expected ").next().unwrap_or("");
    let expected = expected.split(" at line ").next().unwrap_or(expected).trim_end_matches(')');
    let code = match expected {
        "f64" | "f32" | "a number" => "error-model-type-number",
        "a boolean" => "error-model-type-boolean",
        "a string" => "error-model-type-text",
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => "error-model-type-whole",
        "a sequence" => "error-model-type-list",
        e if e.starts_with("struct ") || e == "a map" => "error-model-type-object",
        _ => "error-model-invalid",
    };
    ModelError::new(field, code)
}
