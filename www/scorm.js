// The SCORM bridge of the package "Download for an LMS (SCORM)" writes
// (www/scorm-package.js). It is part of the offline copy only (scripts/csp.mjs), and
// does nothing unless the page carries <meta name="vrest-package">. doc/controls.md
// gives the mapping to the SCORM data model.
//
// At start-up (`start`, called by app.js before it reads its link) it finds the LMS's
// API as the standards say (the frames above, then the opener and its frames; API_1484_11
// for 2004, API for 1.2, the package's own version first), initialises it and returns
// the state to open: the one a returning student left (cmi.suspend_data, on entry
// "resume"), else the package's. The lab's lesson events (`lesson`) then become the
// LMS's record: each answer an interaction, the end card the completion and the score,
// and on leaving the session time and the state to resume.
(() => {
  const meta = document.querySelector('meta[name="vrest-package"]');
  if (!meta) return;
  let pkg;
  try {
    pkg = JSON.parse(meta.content);
  } catch {
    return;
  }
  if (!pkg || pkg.v !== 1 || typeof pkg.query !== "string") return;

  /** The object called `name` in `win` or the windows above it (at most 500 levels,
   *  as ADL's own API-finding code), or null; a window of another origin is passed by. */
  function search(win, name) {
    for (let level = 0; win && level < 500; level++) {
      try {
        if (win[name]) return win[name];
      } catch {
        // another origin: its API is not ours to use
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  const find = (name) => search(window, name) ?? (window.opener ? search(window.opener, name) : null);

  const order = pkg.scorm === "2004" ? ["2004", "1.2"] : ["1.2", "2004"];
  let lms = null;
  for (const version of order) {
    const api = find(version === "2004" ? "API_1484_11" : "API");
    if (api) { lms = { version, api }; break; }
  }

  // The calls and the data model's names, per version.
  const v12 = lms?.version === "1.2";
  const call = (v2004, v1p2, ...args) => {
    try {
      return lms.api[v12 ? v1p2 : v2004](...args);
    } catch {
      return "";
    }
  };
  const get = (name) => String(call("GetValue", "LMSGetValue", name) ?? "");
  const set = (name, value) => call("SetValue", "LMSSetValue", name, String(value));
  const commit = () => call("Commit", "LMSCommit", "");
  const names = v12
    ? { entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit", session: "cmi.core.session_time",
        raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max", mastery: "cmi.student_data.mastery_score" }
    : { entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", session: "cmi.session_time",
        raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", mastery: "cmi.scaled_passing_score" };

  const two = (n) => String(Math.floor(n)).padStart(2, "0");
  /** Seconds as 1.2's CMITimespan (HHHH:MM:SS.SS) or 2004's ISO 8601 duration (PT…S). */
  const span = (s) => {
    s = Math.max(0, Number.isFinite(s) ? s : 0);
    if (!v12) return `PT${Math.round(s * 100) / 100}S`;
    const cs = Math.round(s * 100);
    const h = Math.min(9999, Math.floor(cs / 360000));
    return `${String(h).padStart(4, "0")}:${two((cs / 6000) % 60)}:${two((cs / 100) % 60)}.${two(cs % 100)}`;
  };
  /** A moment as 1.2's CMITime (HH:MM:SS) or 2004's timestamp (YYYY-MM-DDThh:mm:ss). */
  const moment = (d) => {
    const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
    return v12 ? time : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${time}`;
  };
  // A choice as a letter: 1.2's CMIFeedback for `choice` is single characters.
  const letter = (n) => String.fromCharCode(97 + Math.min(25, Math.max(0, n | 0)));

  const began = performance.now();
  let answers = {}; // scene → whether its first answer was right, kept across sessions
  let link = () => pkg.query; // the lab's link as it is now, once app.js attaches it
  let finished = false;

  /** What a returning student resumes: the state and the answers so far. */
  function save() {
    if (!lms || finished) return;
    const query = link();
    set("cmi.suspend_data", JSON.stringify({ q: query, a: answers }));
    commit();
  }

  function status(value) {
    if (v12) set("cmi.core.lesson_status", value);
    else if (value === "passed" || value === "failed") {
      set("cmi.completion_status", "completed");
      set("cmi.success_status", value);
    } else set("cmi.completion_status", value);
  }

  /** The pass mark: the LMS's (from the manifest) if it gives one, else the package's. */
  function passMark() {
    const given = get(names.mastery);
    if (given !== "" && Number.isFinite(Number(given))) return v12 ? Number(given) : 100 * Number(given);
    return pkg.mastery ?? null;
  }

  function lesson(e) {
    if (!lms || !e) return;
    if (e.kind === "started") {
      if (e.scene === 0) answers = {};
      const now = v12 ? get("cmi.core.lesson_status") : get("cmi.completion_status");
      if (["", "not attempted", "unknown", "browsed"].includes(now)) status("incomplete");
    } else if (e.kind === "answered") {
      if (!(e.scene in answers)) answers[e.scene] = e.right;
      const n = Number(get("cmi.interactions._count")) || 0;
      const at = `cmi.interactions.${n}.`;
      set(at + "id", `${e.lesson}-scene-${e.scene + 1}`);
      set(at + "type", "choice");
      set(at + (v12 ? "student_response" : "learner_response"), letter(e.choice));
      set(at + "correct_responses.0.pattern", letter(e.correct));
      set(at + "result", e.right ? "correct" : v12 ? "wrong" : "incorrect");
      set(at + "latency", span(e.latency_s));
      set(at + (v12 ? "time" : "timestamp"), moment(new Date()));
    } else if (e.kind === "completed") {
      const right = Object.values(answers).filter(Boolean).length;
      const asked = e.questions;
      const score = asked ? Math.round((100 * right) / asked) : 100;
      const mark = passMark();
      if (pkg.scored && asked) {
        set(names.min, 0);
        set(names.max, 100);
        set(names.raw, score);
        if (!v12) set("cmi.score.scaled", (score / 100).toFixed(2));
      }
      status(pkg.scored && asked && mark != null ? (score >= mark ? "passed" : "failed") : "completed");
    }
    if (Number.isInteger(e.scene)) set(names.location, String(e.scene));
    save();
  }

  /** Leaving: the session's time, "suspend" so the next launch resumes, and the end. */
  function finish() {
    if (!lms || finished) return;
    set(names.session, span((performance.now() - began) / 1000));
    set(names.exit, "suspend");
    save();
    finished = true;
    call("Terminate", "LMSFinish", "");
  }

  window.vrestScorm = {
    /** The link's query to open (see above); without an LMS, the package's. */
    start() {
      if (!lms) return pkg.query;
      if (String(call("Initialize", "LMSInitialize", "")) !== "true") {
        lms = null;
        return pkg.query;
      }
      let query = pkg.query;
      if (get(names.entry) === "resume") {
        try {
          const saved = JSON.parse(get("cmi.suspend_data"));
          if (saved && typeof saved.q === "string") query = saved.q;
          if (saved && saved.a && typeof saved.a === "object") answers = saved.a;
        } catch {
          // nothing saved, or not by Vrest: the package's state
        }
      } else if (!pkg.lesson) {
        status("completed"); // no lesson: opened is done
      }
      addEventListener("pagehide", finish);
      return query;
    },
    /** app.js hands over how to read the lab's link now (for suspend_data). */
    attach(current) {
      link = current;
    },
    lesson,
    finish,
    connected: () => Boolean(lms),
  };
})();
