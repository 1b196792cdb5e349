//! The command line's logic, apart from the process: `run` for the binary, and
//! `run_captured` for tests that drive it in-process (tests/fuzz.rs runs it on
//! 100,000 generated inputs). It uses the core, and the catalog's English for the words
//! of its errors and ranges (`vrest::present`), as the page uses it in every language.

use std::ffi::OsString;
use std::io::{Read, Write};

use vrest::lab::args::Args;
use vrest::present::{words, Catalog};
use vrest_core::constants::*;
use vrest_core::presets::{self, PresetKind};
use vrest_core::{rows, Membrane, ModelError, Report, Scenario};

/// The longest run `simulate` takes, in model seconds, and the most samples it prints.
const MAX_UNTIL_S: f64 = 1e7;
const MAX_SAMPLES: f64 = 1e6;
/// The largest scenario read, in bytes: a complete scenario is about 2 KB, so 1 MB
/// leaves room for any real one and refuses a huge input before it is parsed.
const MAX_INPUT_BYTES: u64 = 1 << 20;
/// The longest error line, in characters, whatever the input it quotes.
const MAX_ERROR_CHARS: usize = 500;
/// `simulate` holds back its first rows, up to this many bytes, before it writes any:
/// a run the model cannot integrate (ill-posed input fails at once) then prints only
/// its error line, and a reader that leaves early (`| head`) still stops the run after
/// a few hundred rows.
const HELD_BYTES: usize = 64 * 1024;

/// The help text. Its allowed ranges are quoted from the constants the validation
/// enforces, so the two cannot disagree.
fn help() -> String {
    HELP.replace("{RANGES}", &ranges())
        .replace("{MAX_UNTIL}", &fmt_limit(MAX_UNTIL_S))
        .replace("{MAX_SAMPLES}", &fmt_limit(MAX_SAMPLES))
        .replace("{HELD_KB}", &(HELD_BYTES / 1024).to_string())
}

/// A range in the terminal's English, from the catalog.
fn range(r: &Range) -> String {
    terminal(words::range_text(r, english()))
}

/// The catalog's English for a terminal: its typographic minus signs (U+2212) become
/// ASCII hyphen-minus, so a limit can be copied back into a command line.
fn terminal(text: String) -> String {
    text.replace('\u{2212}', "-")
}

/// A model's refusal in the terminal's English.
fn model_error(e: &ModelError) -> String {
    terminal(words::model_error(e, english()))
}

/// The English catalog: the command line's words (its errors and ranges) come from it,
/// as the page's do.
fn english() -> &'static Catalog {
    static ENGLISH: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(Catalog::english)
}

fn ranges() -> String {
    let rows = [
        ("temperature_c", range(&TEMPERATURE_C)),
        ("inside_mm, outside_mm", format!("{} (0 only where every result stays finite)", range(&CONCENTRATION_MM))),
        ("charge", format!("a non-zero integer from {CHARGE_MIN} to {CHARGE_MAX}")),
        ("permeability_cm_per_s", format!("{}, at least one above 0", range(&PERMEABILITY_CM_PER_S))),
        ("radius_um", range(&RADIUS_UM)),
        ("capacitance_uf_per_cm2", range(&CAPACITANCE_UF_PER_CM2)),
        ("membrane_thickness_nm", range(&THICKNESS_NM)),
        ("initial_voltage_mv, clamp_mv", range(&VOLTAGE_MV)),
        ("max_current_ua_per_cm2", range(&PUMP_MAX_CURRENT_UA_PER_CM2)),
        ("na_half_mm, k_half_mm", range(&PUMP_HALF_MM)),
        ("rate_fraction", range(&PUMP_RATE_FRACTION)),
        ("atp_free_energy_kj_per_mol", range(&ATP_FREE_ENERGY_KJ_PER_MOL)),
        ("gates.*_max_permeability_cm_per_s", range(&PERMEABILITY_CM_PER_S)),
        ("noble.*_ms_per_cm2", range(&CONDUCTANCE_MS_PER_CM2)),
        ("kcc2.rate_mm_per_s", range(&KCC2_RATE_MM_PER_S)),
        ("kh_exchanger.rate_mm_per_s", range(&KH_EXCHANGER_RATE_MM_PER_S)),
        ("ph_buffer_mm_per_ph", range(&PH_BUFFER_MM_PER_PH)),
        ("ncx.max_current_ua_per_cm2", range(&NCX_MAX_CURRENT_UA_PER_CM2)),
        ("proton_pump.max_current_ua_per_cm2", range(&PROTON_PUMP_MAX_CURRENT_UA_PER_CM2)),
        ("proton_pump.h_half_mm", range(&PROTON_HALF_MM)),
        ("q10.reference_c", range(&TEMPERATURE_C)),
        ("q10.leaks, .pumps, .gates", range(&Q10_FACTOR)),
        ("stimuli[].start_s", range(&STIMULUS_START_S)),
        ("stimuli[].duration_s", range(&STIMULUS_DURATION_S)),
        ("stimuli[].amplitude_ua_per_cm2", range(&STIMULUS_AMPLITUDE_UA_PER_CM2)),
        ("stimuli", format!("at most {MAX_STIMULI} pulses")),
        ("ions", format!("1 to {MAX_IONS}, names of 1 to {MAX_ION_NAME_CHARS} characters")),
    ];
    rows.iter().map(|(k, r)| format!("    {k:<36} {r}\n")).collect()
}

const HELP: &str = "\
vrest: the resting membrane potential, from the command line

USAGE
  vrest report   [FILE|-] [--preset NAME]
  vrest simulate [FILE|-] [--preset NAME] --until SECONDS (--every SECONDS | --at T1,T2,...)
  vrest scenario [FILE|-] [--preset NAME]
  vrest presets  [--verbose]
  vrest --help | --version

THE SCENARIO
  FILE (or - for stdin) is a JSON scenario. Every key is optional: a missing key keeps
  the value of the preset (the mammalian neuron unless --preset names another). With
  no FILE the scenario is the preset alone and stdin is not read. Unknown keys are
  rejected, and so is null, except for the keys where null means something (pump,
  clamp_mv, gates, noble, kcc2, ncx, proton_pump, kh_exchanger, ph_buffer_mm_per_ph,
  q10 and the pumps' atp_free_energy_kj_per_mol). A scenario is at most 1 MB.
  All keys, with the neuron's values:

{\"temperature_c\": 37,
 \"cell\": {\"radius_um\": 10, \"capacitance_uf_per_cm2\": 1.0, \"membrane_thickness_nm\": 4},
 \"ions\": [{\"name\": \"K\", \"charge\": 1, \"inside_mm\": 140, \"outside_mm\": 5,
            \"permeability_cm_per_s\": 1e-6}, ...],
 \"pump\": {\"max_current_ua_per_cm2\": 4.99, \"na_half_mm\": 10, \"k_half_mm\": 2,
          \"blocked\": false, \"rate_fraction\": 1.0, \"atp_free_energy_kj_per_mol\": -55},
 \"initial_voltage_mv\": -73.8,
 \"clamp_mv\": null,
 \"gates\": null,
 \"noble\": null,
 \"kcc2\": null,
 \"ncx\": null,
 \"proton_pump\": null,
 \"kh_exchanger\": null,
 \"ph_buffer_mm_per_ph\": null,
 \"q10\": {\"reference_c\": 37, \"leaks\": 1.3, \"pumps\": 3, \"gates\": 3},
 \"stimuli\": []}

  \"ions\", when given, is the whole list. An ion named like one of the preset's takes
  that ion's values for the keys it leaves out; a new ion must give every key. Names
  are free text (1-16 characters, unique; \"pump\" is reserved). The pump moves the
  ions named \"K\" and \"Na\"; \"pump\": null is a cell without a pump.
  \"initial_voltage_mv\" sets V at t = 0 and with it the charge of the impermeant
  anions (0 = an uncharged membrane). \"clamp_mv\" holds V there (a voltage clamp).
  \"atp_free_energy_kj_per_mol\" lets the pump stall at its reversal
  3 E_Na - 2 E_K + dG_ATP/F (null: the plain pump, which never stalls).
  \"gates\": {} adds voltage-gated Na and K channels (Traub-Miles kinetics; the
  maximal permeabilities default to 30/0.0247 and 25/0.05 times the leaks).
  \"noble\": {} adds Noble's (1962) cardiac pacemaker channels instead, ohmic, in
  mS/cm2 (na_max 400, na_background 0.14, k1 1.2, k2_max 1.2; the sa-node preset).
  \"kcc2\": {} adds the K-Cl cotransporter (0.3 mM/s); \"ncx\": {} the Na/Ca
  exchanger (Luo-Rudy, 2000 uA/cm2); \"proton_pump\" a plant H+-ATPase moving the ion
  named \"H\" (max_current_ua_per_cm2 required); \"kh_exchanger\" swaps one K+ out
  for one H+ in (rate_mm_per_s required); \"ph_buffer_mm_per_ph\" buffers inside H+
  (mM bound per pH unit). null removes each. \"q10\" scales permeabilities
  (leaks, also the gated channels' maxima), the pump and transporters (pumps) and gate
  rates (gates) by Q10^((T - reference_c)/10); the values written are those at
  reference_c; null: only RT/F follows T. \"stimuli\" lists current pulses
  {\"start_s\", \"duration_s\", \"amplitude_ua_per_cm2\"}: positive carries positive
  charge into the cell (depolarises), as an electrode would.
  `vrest scenario` prints the complete scenario, every key filled in.

  Allowed values (NaN and Infinity are not JSON numbers):
{RANGES}
COMMANDS
  report    One JSON object:
          nernst_mv            E_ion per ion (null where a concentration is 0)
          ghk_mv               the GHK voltage (all valences; no pump)
          pump_steady_mv       Mullins-Noda for K and Na with the 3:2 pump
                               (null without a pump)
          currents_ua_per_cm2  each ion's GHK current and the pump's net current,
                               outward positive, at clamp_mv if set, else at ghk_mv
          charge               voltage_mv, charge_c (inner face, signed),
                               ions_moved, excess_mm (signed), field_v_per_m
                               (magnitude) and capacitance_pf, at the same voltage
  simulate  Runs the coupled model (voltage from currents and pump) and prints CSV:
          t_s,v_mv,<name>_in_mm,...   one row per sample, starting at t = 0.
        --until SECONDS   end of the run (above 0, at most {MAX_UNTIL})
        --every SECONDS   a sample every SECONDS (at most {MAX_SAMPLES} samples)
        --at T1,T2,...    samples at these times (0 to --until)
        With stimuli, a row is added at every pulse edge (start and end) up to
        --until, so a pulse shows as it was given.
  scenario  Prints the complete scenario as JSON.
  presets   Lists the preset ids; --verbose adds each one's kind (cell type or
        clinical case), its measured resting range and its source.

EXIT STATUS
  0 success; 2 bad input (one line on stderr naming the field and the allowed range,
  nothing on stdout; a simulation the model cannot integrate after {HELD_KB} KB of rows ends
  its CSV at the last row computed); 1 the output could not be written (vrest stops
  at the first write that fails).
";

/// A failure to report: exit code and one line for stderr.
struct Failure(i32, String);

fn bad(msg: impl Into<String>) -> Failure {
    Failure(2, msg.into())
}

impl From<ModelError> for Failure {
    fn from(e: ModelError) -> Self {
        bad(model_error(&e))
    }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Self {
        bad(format!("{e}; see vrest --help"))
    }
}

/// A failed write to stdout: exit 1, at the first write that fails. A reader that
/// went away (a closed pipe, as behind `head`) ends the run quietly; any other error
/// gets its line.
fn unwritable(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure(1, String::new())
    } else {
        Failure(1, format!("cannot write the output: {e}"))
    }
}

pub fn run(args: Vec<OsString>) -> i32 {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let done = dispatch(args, &mut std::io::stdin().lock(), &mut out).and_then(|()| out.flush().map_err(unwritable));
    // Dropping the writer flushes what a run that failed part-way had written, ahead of
    // the failure's line (after a failed write, a second failure here changes nothing).
    drop(out);
    match done {
        Ok(()) => 0,
        Err(Failure(code, msg)) => {
            if !msg.is_empty() {
                eprintln!("{}", error_line(&msg));
            }
            code
        }
    }
}

/// The one stderr line for a failure: control characters escaped (no line break or
/// terminal escape from an input gets through) and at most `MAX_ERROR_CHARS` long.
fn error_line(msg: &str) -> String {
    vrest_core::error::printable(&format!("vrest: error: {msg}"), MAX_ERROR_CHARS)
}

/// The command run in-process: (exit code, stdout, stderr), with `stdin` as its
/// standard input. For tests; the binary calls [`run`].
#[allow(dead_code)] // used by tests/fuzz.rs, which includes this file
pub fn run_captured(args: Vec<OsString>, stdin: &[u8]) -> (i32, String, String) {
    let mut out = Vec::new();
    let done = dispatch(args, &mut &stdin[..], &mut out);
    let out = String::from_utf8_lossy(&out).into_owned();
    match done {
        Ok(()) => (0, out, String::new()),
        Err(Failure(code, msg)) => (code, out, error_line(&msg) + "\n"),
    }
}

/// The flags given, under the names the help gives them ("FILE", "--preset",
/// "--until"…), each value read and checked as the flag is met. A command reads them
/// with the lab's one argument reader (`vrest::lab::args::Args`), as the page's
/// commands and an embedding page's messages are read.
type Flags = serde_json::Map<String, serde_json::Value>;

/// The positional argument's name.
const FILE: &str = "FILE";

/// Run the command, writing its output to `out`; a failed write ends it at once.
fn dispatch(args: Vec<OsString>, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<(), Failure> {
    let text = output(args, stdin, out)?;
    out.write_all(text.as_bytes()).map_err(unwritable)
}

/// The command's output as text, except `simulate`, which writes its rows to `out` as
/// it computes them (so it stops as soon as they cannot be written) and returns "".
fn output(args: Vec<OsString>, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<String, Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next()? {
        None => return Err(bad("no command given; try vrest --help")),
        Some(Short('h') | Long("help")) => return Ok(help()),
        Some(Short('V') | Long("version")) => return Ok(format!("vrest {}\n", env!("CARGO_PKG_VERSION"))),
        Some(Value(v)) => v.string()?,
        Some(other) => return Err(other.unexpected().into()),
    };
    if command == "help" {
        return Ok(help());
    }
    let mut flags = Flags::new();
    while let Some(arg) = parser.next()? {
        let (name, value) = match arg {
            Short('h') | Long("help") => return Ok(help()),
            Long("preset") => ("--preset", parser.value()?.string()?.into()),
            Long("until") => ("--until", seconds("--until", &parser.value()?.string()?)?.into()),
            Long("every") => ("--every", seconds("--every", &parser.value()?.string()?)?.into()),
            Long("at") => ("--at", times(&parser.value()?.string()?)?.into()),
            Short('v') | Long("verbose") => ("--verbose", true.into()),
            Value(v) if !flags.contains_key(FILE) => (FILE, v.string()?.into()),
            other => return Err(other.unexpected().into()),
        };
        flags.insert(name.into(), value);
    }
    let (command, takes): (&'static str, &[&'static str]) = match command.as_str() {
        "report" => ("report", &[FILE, "--preset"]),
        "simulate" => ("simulate", &[FILE, "--preset", "--until", "--every", "--at"]),
        "scenario" => ("scenario", &[FILE, "--preset"]),
        "presets" => ("presets", &["--verbose"]),
        other => {
            return Err(bad(format!(
                "unknown command \"{other}\"; the commands are report, simulate, scenario and presets"
            )))
        }
    };
    let a = Args::new(&flags, command);
    a.only(takes)?;
    match command {
        "report" => {
            let report = Report::new(&scenario(&a, stdin)?)?;
            json(&report)
        }
        "simulate" => simulate(&scenario(&a, stdin)?, &a, out).map(|()| String::new()),
        "scenario" => Ok(scenario(&a, stdin)?.to_json_pretty() + "\n"),
        _ => {
            let verbose = a.get("--verbose").is_some();
            Ok(presets::PRESETS
                .iter()
                .map(|p| {
                    if verbose {
                        let kind = match p.kind {
                            PresetKind::CellType => "cell type",
                            PresetKind::Clinical => "clinical case",
                        };
                        let range = match (p.measured_range_mv, p.period_s) {
                            (Some((lo, hi)), _) => format!("measured {lo} to {hi} mV"),
                            (None, Some((lo, hi))) => format!("beats every {lo} to {hi} s"),
                            (None, None) => "-".to_string(),
                        };
                        format!("{}\t{kind}\t{range}\t{}\n", p.id, p.source)
                    } else {
                        format!("{}\n", p.id)
                    }
                })
                .collect())
        }
    }
}

fn seconds(flag: &str, text: &str) -> Result<f64, Failure> {
    let x: f64 = text.trim().parse().map_err(|_| bad(format!("{flag} must be a number of seconds; got \"{text}\"")))?;
    if !x.is_finite() || x <= 0.0 || x > MAX_UNTIL_S {
        return Err(bad(format!("{flag} must be above 0 and at most {} seconds; got {text}", fmt_limit(MAX_UNTIL_S))));
    }
    Ok(x)
}

fn times(text: &str) -> Result<Vec<f64>, Failure> {
    text.split(',')
        .map(|t| {
            let x: f64 = t
                .trim()
                .parse()
                .map_err(|_| bad(format!("--at must list numbers of seconds separated by commas; got \"{t}\"")))?;
            if !x.is_finite() || !(0.0..=MAX_UNTIL_S).contains(&x) {
                return Err(bad(format!("--at times must be from 0 to {} seconds; got {t}", fmt_limit(MAX_UNTIL_S))));
            }
            Ok(x)
        })
        .collect()
}

fn scenario(a: &Args, stdin: &mut dyn Read) -> Result<Scenario, Failure> {
    let text = |name| a.get(name).and_then(serde_json::Value::as_str);
    let base = match text("--preset") {
        Some(name) => presets::build(name)
            .map_err(|e| bad(format!("--preset: {}", model_error(&ModelError { field: String::new(), ..e }))))?,
        None => presets::neuron(),
    };
    let Some(file) = text(FILE) else { return Ok(base) };
    let too_big = || {
        bad(format!("the scenario is larger than {} bytes (1 MB); a complete scenario is about 2 KB", MAX_INPUT_BYTES))
    };
    // At most one byte more than allowed is read, so a huge input is refused at once.
    let mut bytes = Vec::new();
    if file == "-" {
        stdin
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("cannot read the scenario from stdin: {e}")))?;
    } else {
        let shown = vrest_core::error::printable(file, 80);
        let opened =
            std::fs::File::open(file).map_err(|e| bad(format!("cannot read the scenario file \"{shown}\": {e}")))?;
        opened
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("cannot read the scenario file \"{shown}\": {e}")))?;
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| bad(format!("the scenario is not UTF-8 text (at byte {})", e.utf8_error().valid_up_to())))?;
    Ok(Scenario::from_json_over(&text, &base)?)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map(|s| s + "\n").map_err(|e| Failure(1, format!("cannot write JSON: {e}")))
}

/// Check the run, then write its CSV row by row, the first `HELD_BYTES` held back.
/// Input errors are all found before the first row; a run the model cannot integrate
/// after that much output ends its CSV at the last row computed.
fn simulate(s: &Scenario, a: &Args, out: &mut dyn Write) -> Result<(), Failure> {
    let number = |name| a.get(name).and_then(serde_json::Value::as_f64);
    let until = number("--until").ok_or_else(|| bad("simulate needs --until SECONDS; see vrest --help"))?;
    let at: Option<Vec<f64>> =
        a.get("--at").and_then(serde_json::Value::as_array).map(|t| t.iter().filter_map(|x| x.as_f64()).collect());
    let mut samples: Vec<f64> = match (number("--every"), &at) {
        (Some(_), Some(_)) => return Err(bad("give either --every or --at, not both")),
        (None, None) => return Err(bad("simulate needs --every SECONDS or --at T1,T2,...; see vrest --help")),
        (Some(every), None) => {
            let count = (until / every * (1.0 + 1e-12)).floor();
            // The samples are t = 0 and `count` more.
            if count + 1.0 > MAX_SAMPLES {
                return Err(bad(format!(
                    "--every {every} gives {} samples; at most {} are allowed",
                    count + 1.0,
                    fmt_limit(MAX_SAMPLES)
                )));
            }
            // k·every, not a running sum, so sample times carry no accumulated rounding.
            (0..=count as u64).map(|k| tidy(k as f64 * every)).collect()
        }
        (None, Some(at)) => {
            if let Some(t) = at.iter().find(|&&t| t > until) {
                return Err(bad(format!("--at time {t} is after --until {until}; times must be from 0 to {until}")));
            }
            let mut v = at.clone();
            v.push(0.0);
            v
        }
    };
    let mut membrane = Membrane::new(s)?;
    samples.extend(membrane.stimulus_edges_s(until));
    samples.sort_by(f64::total_cmp);
    samples.dedup();
    // --at lists and the pulses' edges count too.
    if samples.len() as f64 > MAX_SAMPLES {
        return Err(bad(format!(
            "this run would print {} samples (with t = 0 and every pulse edge); at most {} are allowed",
            samples.len(),
            fmt_limit(MAX_SAMPLES)
        )));
    }
    let mut held = rows::header(s) + "\n";
    let mut streaming = false;
    for t in samples {
        membrane.advance_to(t)?;
        let row = rows::row(t, &membrane);
        if streaming {
            writeln!(out, "{row}").map_err(unwritable)?;
        } else {
            held.push_str(&row);
            held.push('\n');
            if held.len() >= HELD_BYTES {
                out.write_all(held.as_bytes()).map_err(unwritable)?;
                streaming = true;
            }
        }
    }
    if !streaming {
        out.write_all(held.as_bytes()).map_err(unwritable)?;
    }
    Ok(())
}

/// Round a computed sample time to 12 significant digits, so 3 × 0.1 prints as 0.3.
fn tidy(t: f64) -> f64 {
    format!("{t:.11e}").parse().unwrap_or(t)
}
