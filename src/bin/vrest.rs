//! `vrest`: the headless command-line front end on the same model as the page.
//!
//! Exit codes: 0 success, 2 bad input (one line on stderr, nothing on stdout),
//! 1 an unexpected failure (writing the output).

fn main() {
    std::process::exit(cli::run(std::env::args_os().skip(1).collect()));
}

mod cli {
    use std::ffi::OsString;
    use std::io::{Read, Write};

    use vrest::model::{presets, Membrane, Report, Scenario};

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
  rejected. All keys, with the neuron's values:

    {\"temperature_c\": 37,
     \"cell\": {\"radius_um\": 10, \"capacitance_uf_per_cm2\": 1.0, \"membrane_thickness_nm\": 4},
     \"ions\": [{\"name\": \"K\", \"charge\": 1, \"inside_mm\": 140, \"outside_mm\": 5,
                \"permeability_cm_per_s\": 1e-6}, ...],
     \"pump\": {\"max_current_ua_per_cm2\": 4.96, \"na_half_mm\": 10, \"k_half_mm\": 2,
              \"blocked\": false, \"rate_fraction\": 1.0},
     \"initial_voltage_mv\": -73.8,
     \"clamp_mv\": null}

  \"ions\", when given, is the whole list. An ion named like one of the preset's takes
  that ion's values for the keys it leaves out; a new ion must give every key. Names
  are free text (1-16 characters, unique; \"pump\" is reserved). The pump moves the
  ions named \"K\" and \"Na\"; \"pump\": null is a cell without a pump.
  \"initial_voltage_mv\" sets V at t = 0 and with it the charge of the impermeant
  anions (0 = an uncharged membrane). \"clamp_mv\" holds V there (a voltage clamp).
  `vrest scenario` prints the complete scenario, every key filled in.

  Allowed ranges: temperature_c above -273.15 and at most 100; concentrations 0 to
  10000 mM (0 only where every result stays finite); charge a non-zero integer from
  -4 to 4; permeability 0 to 0.01 cm/s, at least one above 0; radius_um above 0, at
  most 5000; capacitance above 0, at most 100 uF/cm2; thickness above 0, at most
  1000 nm; voltages -500 to 500 mV; pump current 0 to 1000 uA/cm2; half-activation
  constants above 0; rate_fraction 0 to 1. NaN and Infinity are not JSON numbers.

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
            --until SECONDS   end of the run (above 0, at most 1e7)
            --every SECONDS   a sample every SECONDS (at most 1e6 samples)
            --at T1,T2,...    samples at these times (0 to --until)
  scenario  Prints the complete scenario as JSON.
  presets   Lists the preset names; --verbose adds each one's description.

EXIT STATUS
  0 success; 2 bad input (one line on stderr naming the field and the allowed range,
  nothing on stdout); 1 the output could not be written.
";

    /// A failure to report: exit code and one line for stderr.
    struct Failure(i32, String);

    fn bad(msg: impl Into<String>) -> Failure {
        Failure(2, msg.into())
    }

    impl From<vrest::model::ModelError> for Failure {
        fn from(e: vrest::model::ModelError) -> Self {
            bad(e.to_string())
        }
    }

    impl From<lexopt::Error> for Failure {
        fn from(e: lexopt::Error) -> Self {
            bad(format!("{e}; see vrest --help"))
        }
    }

    pub fn run(args: Vec<OsString>) -> i32 {
        match dispatch(args) {
            Ok(out) => {
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
                    Ok(()) => 0,
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                    Err(e) => {
                        eprintln!("vrest: error: cannot write the output: {e}");
                        1
                    }
                }
            }
            Err(Failure(code, msg)) => {
                // One line, whatever the message contained.
                eprintln!("vrest: error: {}", msg.replace('\n', " "));
                code
            }
        }
    }

    #[derive(Default)]
    struct Options {
        file: Option<String>,
        preset: Option<String>,
        until: Option<f64>,
        every: Option<f64>,
        at: Option<Vec<f64>>,
        verbose: bool,
    }

    fn dispatch(args: Vec<OsString>) -> Result<String, Failure> {
        use lexopt::prelude::*;
        let mut parser = lexopt::Parser::from_args(args);
        let command = match parser.next()? {
            None => return Err(bad("no command given; try vrest --help")),
            Some(Short('h') | Long("help")) => return Ok(HELP.to_string()),
            Some(Short('V') | Long("version")) => return Ok(format!("vrest {}\n", env!("CARGO_PKG_VERSION"))),
            Some(Value(v)) => v.string()?,
            Some(other) => return Err(other.unexpected().into()),
        };
        if command == "help" {
            return Ok(HELP.to_string());
        }
        let mut o = Options::default();
        while let Some(arg) = parser.next()? {
            match arg {
                Short('h') | Long("help") => return Ok(HELP.to_string()),
                Long("preset") => o.preset = Some(parser.value()?.string()?),
                Long("until") => o.until = Some(seconds("--until", &parser.value()?.string()?)?),
                Long("every") => o.every = Some(seconds("--every", &parser.value()?.string()?)?),
                Long("at") => o.at = Some(times(&parser.value()?.string()?)?),
                Short('v') | Long("verbose") => o.verbose = true,
                Value(v) if o.file.is_none() => o.file = Some(v.string()?),
                other => return Err(other.unexpected().into()),
            }
        }
        match command.as_str() {
            "report" => {
                only(&o, &["file", "preset"], &command)?;
                let report = Report::new(&scenario(&o)?)?;
                json(&report)
            }
            "simulate" => {
                only(&o, &["file", "preset", "until", "every", "at"], &command)?;
                simulate(&scenario(&o)?, &o)
            }
            "scenario" => {
                only(&o, &["file", "preset"], &command)?;
                Ok(scenario(&o)?.to_json_pretty() + "\n")
            }
            "presets" => {
                only(&o, &["verbose"], &command)?;
                Ok(presets::PRESETS
                    .iter()
                    .map(|p| {
                        if o.verbose {
                            format!("{}\t{}: {}\n", p.name, p.title, p.description)
                        } else {
                            format!("{}\n", p.name)
                        }
                    })
                    .collect())
            }
            other => Err(bad(format!(
                "unknown command \"{other}\"; the commands are report, simulate, scenario and presets"
            ))),
        }
    }

    /// Reject options the command does not take.
    fn only(o: &Options, allowed: &[&str], command: &str) -> Result<(), Failure> {
        let given = [
            ("file", o.file.is_some()),
            ("preset", o.preset.is_some()),
            ("until", o.until.is_some()),
            ("every", o.every.is_some()),
            ("at", o.at.is_some()),
            ("verbose", o.verbose),
        ];
        for (name, present) in given {
            if present && !allowed.contains(&name) {
                let shown = if name == "file" { "a FILE argument".to_string() } else { format!("--{name}") };
                return Err(bad(format!("vrest {command} does not take {shown}; see vrest --help")));
            }
        }
        Ok(())
    }

    fn seconds(flag: &str, text: &str) -> Result<f64, Failure> {
        let x: f64 =
            text.trim().parse().map_err(|_| bad(format!("{flag} must be a number of seconds; got \"{text}\"")))?;
        if !x.is_finite() || x <= 0.0 || x > 1e7 {
            return Err(bad(format!("{flag} must be above 0 and at most 1e7 seconds; got {text}")));
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
                if !x.is_finite() || !(0.0..=1e7).contains(&x) {
                    return Err(bad(format!("--at times must be from 0 to 1e7 seconds; got {t}")));
                }
                Ok(x)
            })
            .collect()
    }

    fn scenario(o: &Options) -> Result<Scenario, Failure> {
        let base = match &o.preset {
            Some(name) => presets::build(name).map_err(|e| bad(format!("--preset: {}", e.message)))?,
            None => Scenario::default(),
        };
        let Some(file) = &o.file else { return Ok(base) };
        let text = if file == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| bad(format!("cannot read the scenario from stdin: {e}")))?;
            s
        } else {
            std::fs::read_to_string(file).map_err(|e| bad(format!("cannot read the scenario file \"{file}\": {e}")))?
        };
        Ok(Scenario::from_json_over(&text, &base)?)
    }

    fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
        serde_json::to_string_pretty(value).map(|s| s + "\n").map_err(|e| Failure(1, format!("cannot write JSON: {e}")))
    }

    fn simulate(s: &Scenario, o: &Options) -> Result<String, Failure> {
        let until = o.until.ok_or_else(|| bad("simulate needs --until SECONDS; see vrest --help"))?;
        let mut samples: Vec<f64> = match (o.every, &o.at) {
            (Some(_), Some(_)) => return Err(bad("give either --every or --at, not both")),
            (None, None) => return Err(bad("simulate needs --every SECONDS or --at T1,T2,...; see vrest --help")),
            (Some(every), None) => {
                let count = (until / every * (1.0 + 1e-12)).floor();
                if count > 1e6 {
                    return Err(bad(format!("--every {every} gives {count} samples; at most 1e6 are allowed")));
                }
                // k·every, not a running sum, so sample times carry no accumulated rounding.
                (0..=count as u64).map(|k| tidy(k as f64 * every)).collect()
            }
            (None, Some(at)) => {
                if let Some(t) = at.iter().find(|&&t| t > until) {
                    return Err(bad(format!(
                        "--at time {t} is after --until {until}; times must be from 0 to {until}"
                    )));
                }
                let mut v = at.clone();
                v.push(0.0);
                v
            }
        };
        samples.sort_by(f64::total_cmp);
        samples.dedup();
        let mut membrane = Membrane::new(s)?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["t_s".to_string(), "v_mv".to_string()];
        header.extend(s.ions.iter().map(|i| format!("{}_in_mm", i.name)));
        let io = |e: csv::Error| Failure(1, format!("cannot write CSV: {e}"));
        w.write_record(&header).map_err(io)?;
        for t in samples {
            membrane.advance_to(t)?;
            let mut row = vec![format!("{t}"), format!("{}", membrane.voltage_mv())];
            row.extend(membrane.inside_mm().iter().map(|c| format!("{c}")));
            w.write_record(&row).map_err(io)?;
        }
        let bytes = w.into_inner().map_err(|e| Failure(1, format!("cannot write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| Failure(1, format!("cannot write CSV: {e}")))
    }

    /// Round a computed sample time to 12 significant digits, so 3 × 0.1 prints as 0.3.
    fn tidy(t: f64) -> f64 {
        format!("{t:.11e}").parse().unwrap_or(t)
    }
}
