# Vrest, English. Every word the page shows or says. Numbers arrive as arguments,
# already formatted (digits, sign and decimal places) by src/present/format.rs.

## The page

page-title = Vrest · the resting membrane potential
page-tagline = The resting membrane potential, built up from ions
preset-label = Cell or case
preset-group-cell-type = Cell types
preset-group-clinical = Clinical and experimental cases
scene-heading = The membrane
scene-description = The cell membrane with its leak channels, the Na⁺/K⁺ pump, any other transporters, and ions crossing
readouts-heading = Readouts
vm-label = Membrane potential
ghk-label = Passive (GHK) voltage:
ion-table-caption = Each ion: equilibrium potential, driving force and current
ion-table-ion = Ion
ion-table-e = E_ion
ion-table-driving = V − E
ion-table-current = Current
votes-label = Each ion's vote on V (its share of the membrane's conductance):
meter-heading = Ions moved to make this voltage
meter-excess = { $excess } excess charge inside · field { $field } · C = { $capacitance }
trace-heading = Voltage trace
trace-description = Membrane potential against time, with dashed lines at each equilibrium potential and the GHK voltage
bars-heading = Ion balance
bars-description = Inside and outside concentration of each ion, with its equilibrium potential
time-controls = Time controls
button-play = Play
button-pause = Pause
button-step-back = Step back
button-step-forward = Step forward
button-reset = Reset
button-export-csv = Download the data (CSV)
button-export-scenario = Download the scenario (JSON)
button-stimulate = Stimulate
stimulus-label = Pulse (µA/cm², 1 ms)
speed-label = Speed
controls-heading = Change the cell
exact-value = { $control }, exact value
page-footer = Every number on this page is computed live by Vrest's model (Nernst, Goldman–Hodgkin–Katz, a Kager–Wadman–Somjen Na⁺/K⁺ pump and a charge-conserving membrane).
footer-model-link = The model: equations, parameters and sources
fatal-heading = Vrest stopped
fatal-reload = Reload the page
fatal-internal = Vrest stopped because of an internal error: { $detail }
error-page-no-element = The page has no element with id "{ $id }".
error-page-not-canvas = The page's element "{ $id }" is not a canvas.
error-page-no-context = This browser gives no 2D drawing for { $picture }.
error-page-not-drawn = { $picture } could not be drawn ({ $detail }).
page-loading = Loading Vrest…
fatal-load-failed = Vrest could not be loaded. Check the connection, then reload the page.

## Options and the keyboard shortcuts

option-sound = Sound
option-reduced-motion = Reduced motion
button-shortcuts = Keyboard shortcuts
help-title = Keyboard shortcuts
help-close = Close
help-key-space = Space
help-space = Play or pause (anywhere but a text field, button or list)
help-period = Pause; when paused, step forward one step
help-step-back = Step back one step
help-pause = Pause (as a presenter's clicker sends it)
help-key-clicker = Page Down, Page Up
help-clicker = Off a slider: step forward or back; on the timeline, the next or the previous moment kept; in a lesson, the next or the previous scene (a presenter's clicker sends these)
help-key-tab = Tab, Shift+Tab
help-tab = Move to the next or the previous control
help-key-arrows = ← → ↑ ↓
help-arrows = On a slider: a small step
help-key-page = Page Up, Page Down
help-page = On a slider: a big step
help-key-home-end = Home, End
help-home-end = On a slider: its lowest or highest value
help-help = Show this list
help-key-escape = Esc
help-escape = Close this list

## Links and sharing

button-share = Share
share-title = Share this state
share-link-label = A link to this state
share-embed-label = To put it in a course page (an iframe)
share-embed-note = Paste it into your course page in its HTML (source) view, not as text: Moodle, Canvas and Blackboard each have one in their editor.
share-copy-link = Copy the link
share-copy-embed = Copy the iframe
share-copied = Copied.
share-note = The link opens this cell with the same controls and the same V, its clock at 0, playing or paused as now.
share-lesson = The link opens the lesson “{ $lesson }” at scene { $scene }.
embed-title = Vrest: the resting membrane potential, an interactive lab
embed-open-full = Open in full ↗
link-notes-label = About this link
link-dismiss = Dismiss
link-unknown = The link's “{ $param }” is not a setting Vrest reads; it is ignored.
link-preset = The link's preset “{ $got }” is not one of Vrest's cells; the mammalian neuron is shown.
link-step-size = The link's step size must be one of { $sizes }; got “{ $got }”; a step follows the speed.
link-speed = The link's speed must be a speed index from 0 to { $max }; got “{ $got }”; real time is used.
link-play = The link's play must be 1 or 0; got “{ $got }”; the lab starts paused.
link-seed = The link's seed must be a whole number from 0 to 18446744073709551615; got “{ $got }”; the usual seed is used.
link-state-format = The link's state (s) is not “v1.” and encoded text as Share writes it; the cell is shown without its changes.
link-state = The changes saved in the link could not be used ({ $message }); the cell is shown without them. Ask whoever sent the link for a new one.
link-controls = The link's { $param } names “{ $got }”, which is no control of Vrest; it is ignored.
share-lock-unchanged = Lock the controls I have not changed
share-choices-legend = Locks for your students
share-choices-note = A locked control stays on the page but cannot be changed; a hidden one is left off the page. The link and the iframe follow the boxes.
share-unlock-all = Untick every box
share-lock-box = lock
share-hide-box = hide
share-lock-one = Lock { $control }
share-hide-one = Hide { $control }
share-width-label = Width of the course page's column (px)
share-width-error = Width of the column: a number of pixels from { $min } to { $max }; got { $got }. The iframe keeps its last width.
share-qr-note = Scan to open this state on a phone or a tablet.
share-qr-too-long = This link is too long for a QR code: share it as text.
qr-label = QR code of the link to this state
share-questions-heading = Questions for your students
share-questions-note = Up to three. Shown on the page when the link is opened, and printed on the worksheet.
share-question-label = Question { $number }
questions-heading = Questions from your teacher
print-questions-heading = Questions
scorm-heading = For a course's gradebook (SCORM)
scorm-note = A zip file to upload to Moodle, Canvas, Blackboard or Open edX as an activity, as it is: this page in its present state, which reports the lesson's completion, the score and each prediction.
scorm-lesson = Lesson
scorm-no-lesson = No lesson: the lab as it is now (completed when opened)
scorm-scored = Predictions count toward the score
scorm-mastery = Pass mark (%), or blank for none
scorm-version = Version
scorm-version-12 = SCORM 1.2 (every LMS)
scorm-version-2004 = SCORM 2004, 4th edition
scorm-download = Download for an LMS (SCORM)
scorm-written = { $file } saved ({ $kb } KB): upload it to your course as a SCORM package.
scorm-failed = The package could not be made: { $reason }
scorm-mastery-error = Pass mark: a whole number from { $min } to { $max }, or blank for none; got { $got }
error-questions-count = At most { $max } questions, each at most { $chars } characters
error-question-text = Question { $number }: at most { $chars } characters on one line, without control characters
link-question = The link's { $param } is longer than { $chars } characters or holds control characters; it is left out.
qr-big-title = Scan to open this state
present-qr = QR code
link-repeated = The link gives { $param } twice; the first is used.

## Presets: titles and one-line descriptions, by preset id

preset-neuron-title = Mammalian neuron
preset-neuron-description = A typical central neuron at 37 °C: K⁺ leak dominates, a little Na⁺ leak, and the pump adds a few mV.
preset-skeletal-muscle-title = Skeletal muscle fibre
preset-skeletal-muscle-description = A mammalian skeletal muscle fibre: very low Na⁺ permeability and high Cl⁻ permeability hold it near E_K.
preset-cardiac-myocyte-title = Cardiac ventricular myocyte
preset-cardiac-myocyte-description = A ventricular heart cell between beats: the inward-rectifier K⁺ channel holds it close to E_K.
preset-smooth-muscle-title = Smooth muscle cell
preset-smooth-muscle-description = A vascular or visceral smooth muscle cell: a relatively high Na⁺ permeability keeps it near −55 mV.
preset-astrocyte-title = Astrocyte (glia)
preset-astrocyte-description = A glial cell of the brain: almost purely K⁺-permeable, so it sits close to E_K and senses extracellular K⁺.
preset-red-blood-cell-title = Red blood cell
preset-red-blood-cell-description = A human erythrocyte: Cl⁻ dominates and K⁺ and Na⁺ leak about equally, so it rests near −9 mV.
preset-squid-axon-title = Squid giant axon
preset-squid-axon-description = The axon of Hodgkin and Katz (1949) in sea water at 20 °C, with P_K : P_Na : P_Cl = 1 : 0.04 : 0.45.
preset-frog-muscle-title = Frog sartorius muscle
preset-frog-muscle-description = The muscle fibre of Hodgkin and Horowicz (1959) in Ringer's solution: P_Na/P_K ≈ 0.01, near −90 mV.
preset-excitable-neuron-title = Excitable neuron
preset-excitable-neuron-description = The neuron with voltage-gated Na⁺ and K⁺ channels, KCC2 (E_Cl below rest) and the Na⁺/Ca²⁺ exchanger (Ca²⁺ near 100 nM): a pulse fires it.
preset-sa-node-title = Pacemaker cell (Noble 1962)
preset-sa-node-description = A heart cell that never rests: its voltage drifts up to threshold and fires about once a second, with no stimulus. Noble's 1962 Purkinje-fibre model, with a pump to hold its gradients.
preset-plant-cell-title = Plant cell (H⁺ pump)
preset-plant-cell-description = A plant cell in pond water: no Na⁺/K⁺ pump, but an H⁺ pump whose current holds V far below E_K. Untick the H⁺ pump to see what cyanide does.
preset-hyperkalemia-7-title = Hyperkalemia, K⁺ 7 mM
preset-hyperkalemia-7-description = The ventricular myocyte with plasma K⁺ at 7 mM (normal 3.5–5.0): E_K and the resting potential rise.
preset-hyperkalemia-10-title = Hyperkalemia, K⁺ 10 mM
preset-hyperkalemia-10-description = The ventricular myocyte with plasma K⁺ at 10 mM, a life-threatening level: depolarised by about 15 mV.
preset-hypokalemia-title = Hypokalemia, K⁺ 2.5 mM
preset-hypokalemia-description = The ventricular myocyte with plasma K⁺ at 2.5 mM: E_K falls and the cell hyperpolarises.
preset-ouabain-title = Ouabain / digitalis (pump blocked)
preset-ouabain-description = The heart cell at the moment its pump is blocked: press play and watch V jump a few mV, then the gradients run down over hours.
preset-ouabain-donnan-title = Hours after ouabain (Donnan)
preset-ouabain-donnan-description = Hours after a complete pump block: the gradients have run down to a Donnan equilibrium. Restart the pump to watch it recover.
preset-ischemia-title = Ischemia (pump at 30 %)
preset-ischemia-description = The neuron with ATP supply cut so the pump runs at 30 % of its normal rate: Na⁺ builds up and the cell depolarises.
preset-cold-title = Cold (27 °C)
preset-cold-description = The neuron cooled by 10 °C: the pump slows to a third (Q10 ≈ 3), the leaks less (Q10 ≈ 1.3), so Na⁺ builds up and the cell depolarises.

## Speeds, by index

speed-0 = Slow motion: 1 ms of model time per second
speed-1 = Slow motion: 10 ms per second
speed-2 = Slowed: 0.1 s per second
speed-3 = Real time
speed-4 = Fast-forward: 10 s per second
speed-5 = Fast-forward: 1 minute per second
speed-6 = Fast-forward: 10 minutes per second
speed-7 = Fast-forward: 1 hour per second
speed-slowed = { $speed }, slowed to about { $actual } per second so that every spike is drawn

## Readouts

time-now = t = { $duration }
step-size = One step = { $duration } of model time
step-size-short = One step = { $duration } of model time; the last step covered only { $covered }, because a firing cell needs many small steps
step-size-label = Step size
step-size-follow = Follow the speed
step-pulse-armed = Pulse ready: Play gives it; Step forward goes through it { $duration } at a time
timeline-label = Timeline
timeline-empty = As time runs, its moments are kept here to go back to
timeline-kept = Drag back to any moment of the last { $span } ({ $count } kept, about { $kb } KB; the oldest go first)
timeline-earlier = Showing { $at } of { $latest }: Play or a change continues from here and drops the later moments
marks-heading = Marks on the trace
mark-at = At { $at }: { $mark }
mark-stimulus = Pulse { $amplitude }
mark-scene = Scene { $scene }
mark-lock = Locked
mark-unlock = Unlocked
mark-reset = Reset
mark-armed = Pulse ready
mark-change = { $control }: { $value }
trace-window = (last { $duration })
relative-reference = reference (P_K)
relative-impermeant = impermeant
relative-times-pk = { $ratio } × P_K
nernst-note = No { $ion } { $side ->
    [inside] inside
   *[outside] outside
}: E is infinite, so this ion can only flow one way.
note-nernst = E for { $ion } is shown as — : { $note }
note-paused-edit = Time is paused, so V has not moved yet: it follows when time runs (Play or Step forward), heading for { $target }.
note-paused-edit-no-target = Time is paused, so V has not moved yet: it follows when time runs (Play or Step forward).
note-ghk = The passive (GHK) voltage is shown as — : no permeant ion can carry current one of the two ways, so it would be infinite.
note-sealed = The passive (GHK) voltage is shown as — : no ion can cross this membrane, so V stays wherever the separated charge puts it.
pump-line = Na⁺/K⁺ pump: { $current } ({ $cycles }). Its own current shifts V by { $shift }.
pump-none = This cell has no pump.
proton-pump-line = H⁺ pump (no Na⁺/K⁺ pump in this cell): { $current } ({ $cycles }). Its own current shifts V by { $shift }.
proton-pump-cycles = { $rate } H⁺/s
pump-blocked-current = 0 (blocked)
pump-cycles = { $rate } cycles/s
ions-moved = { $count } ions
potassium-fraction = 1 in { $denominator } of the cell's K⁺ ({ $percent } %)
potassium-none = none of the cell's K⁺
particle-scale = One crossing particle = { $ions } ions
particle-scale-one = One crossing particle = one ion
particle-density = Particle density ∝ concentration: { $count } particles per 10 mM
legend-anion = A⁻ (impermeant anions)

## Controls

control-inside = { $ion } inside (mM)
control-outside = { $ion } outside (mM)
control-permeability = { $ion } permeability (cm/s)
control-permeability-relative = { $ion } permeability (× P_K)
control-temperature = Temperature (°C)
control-pump-running = Pump running (untick to block it, as ouabain does)
control-pump-rate = Pump rate (% of normal)
control-gates-on = Voltage-gated Na⁺ and K⁺ channels
control-kcc2-rate = KCC2 (K⁺–Cl⁻ cotransporter, mM/s)
control-ncx-max = Na⁺/Ca²⁺ exchanger (µA/cm²)
control-proton-pump-running = H⁺ pump running (untick to block it, as cyanide or lack of oxygen does)
control-kh-exchanger-rate = K⁺/H⁺ exchanger (mM/s)
# Each control's short label ("-short"), where a line has no room for its unit or hint: the
# marks on the voltage trace ("K⁺ outside: 15.0 mM").
control-inside-short = { $ion } inside
control-outside-short = { $ion } outside
control-permeability-short = { $ion } permeability
control-permeability-relative-short = { $ion } permeability
control-temperature-short = Temperature
control-pump-running-short = Pump running
control-pump-rate-short = Pump rate
control-gates-on-short = Voltage-gated Na⁺ and K⁺ channels
control-kcc2-rate-short = KCC2
control-ncx-max-short = Na⁺/Ca²⁺ exchanger
control-proton-pump-running-short = H⁺ pump running
control-kh-exchanger-rate-short = K⁺/H⁺ exchanger
group-temperature = Temperature
group-pump = Pump
group-channels = Channels and transporters
state-open = in the membrane
state-removed = removed (a passive membrane)
state-running = running
state-blocked = blocked

## Values in words, for screen readers (a slider's aria-valuetext)

spoken-mm = { $value } millimolar
spoken-um = { $value } micromolar
spoken-nm = { $value } nanomolar
spoken-cm-per-s = { $value } centimetres per second
spoken-percent-of-pk = { $value } percent of P K
spoken-times-pk = { $value } times P K
spoken-celsius = { $value } degrees Celsius
spoken-percent = { $value } percent
spoken-mm-per-s = { $value } millimolar per second
spoken-ua-per-cm2 = { $value } microamperes per square centimetre
spoken-negative = negative { $value }
spoken-power = { $mantissa } times 10 to the power { $exponent }
spoken-mv = { $value } millivolts
spoken-mv-one = { $value } millivolt

## Announcements through the live region: how V is changing

announce-rising = Depolarising; now { $voltage }
announce-rising-toward = Depolarising toward E { $ion }; now { $voltage }
announce-falling = Hyperpolarising; now { $voltage }
announce-falling-toward = Hyperpolarising toward E { $ion }; now { $voltage }
announce-rose = Depolarised by { $change }; steady at { $voltage }
announce-fell = Hyperpolarised by { $change }; steady at { $voltage }
announce-steady = Steady at { $voltage }
announce-spike = Spike { $number }, up to { $peak }; now { $voltage }
announce-spikes = Spikes { $first } to { $last }, the last up to { $peak }; now { $voltage }

## Units: $value is a formatted number

value-mv = { $value } mV
value-mm = { $value } mM
value-um = { $value } µM
value-nm = { $value } nM
value-celsius = { $value } °C
value-percent = { $value } %
value-mm-per-s = { $value } mM/s
value-ua-per-cm2 = { $value } µA/cm²
value-cm-per-s = { $value } cm/s
value-times-pk = { $value } × P_K
value-v-per-m = { $value } V/m
value-pf = { $value } pF
permeability-zero = 0 cm/s (impermeant)
current-outward = { $value } µA/cm² outward
current-inward = { $value } µA/cm² inward
current-zero = 0 µA/cm²
count-million = { $value } million
count-billion = { $value } billion
duration-us = { $value } µs
duration-ms = { $value } ms
duration-s = { $value } s
duration-min-s = { $minutes } min { $seconds } s
duration-h-min = { $hours } h { $minutes } min

## The scene

scene-outside = OUTSIDE · extracellular fluid
scene-inside = INSIDE · cytoplasm
channel-potassium = { $ion } leak (K2P/Kir)
channel-potassium-short = { $ion } (K2P/Kir)
channel-sodium = { $ion } leak
channel-other = { $ion } channel
gated-channel = { $ion } gate · { $open } open
gated-channel-short = { $ion } { $open }
pump-name = Na⁺/K⁺ pump
pump-stoichiometry = 3 Na⁺ out · 2 K⁺ in per ATP
pump-stoichiometry-short = 3 Na⁺ out · 2 K⁺ in
pump-atp = ATP → ADP + Pᵢ
pump-rate = rate { $rate }
transporter-kcc2 = KCC2: K⁺ + Cl⁻ together
transporter-kcc2-short = KCC2
transporter-ncx = NCX: 3 Na⁺ in · 1 Ca²⁺ out
transporter-ncx-short = NCX
transporter-proton-pump = H⁺ pump: 1 H⁺ out per ATP
transporter-proton-pump-short = H⁺ pump
transporter-kh = K⁺ out · H⁺ in
transporter-kh-short = K⁺/H⁺
bars-inside = ■ inside
bars-outside = □ outside
bars-e = E_ion
bars-inside-value = { $value } in
bars-outside-value = { $value } out
flow-out = ↑ { $ion } { $rate }/s
flow-in = ↓ { $ion } { $rate }/s

## The chart

chart-time-axis = model time ({ $unit })
chart-voltage-axis = V (mV)
chart-nernst = E_{ $ion }
chart-ghk = GHK
chart-v-now = V
chart-spike-title = Last spike, zoomed in to { $window }
chart-spike-title-short = Last spike ({ $window })
chart-spike-detail = peak { $peak } · { $width } wide
chart-spike-gates = Na⁺ gates up to { $na } open · K⁺ up to { $k }
kchart-heading = V against K⁺ outside
kchart-description = The membrane potential against K⁺ outside on a log scale, 1 to 100 mM: E_K, the passive GHK voltage, where this cell would settle, and where it is now
kchart-k-axis = K⁺ outside (mM, log scale)
kchart-e-k = E_K
kchart-ghk = GHK
kchart-settled = settled
kchart-now = Now

## Errors: each names the control or field and what is allowed

error-out-of-range = { $control }: must be from { $min } to { $max }; got { $got }
error-too-small = { $control }: must be 0 (none) or from { $smallest } to { $max }; got { $got }
error-not-a-number = not a number
error-slider = { $control }: slider position must be from 0 to { $max }; got { $got }
error-not-a-control = "{ $key }" is not a control of this cell
error-unknown-preset = unknown preset "{ $id }"; choose one from the presets menu
error-no-earlier-step = step back: there is no earlier step to go back to
error-speed = speed: must be a speed index from 0 to { $max }; got { $got }
error-step-size = step size: must be one of { $sizes }, or 0 to follow the speed; got { $got }
error-moment = timeline: must be a moment from 0 to { $max }; got { $got }
error-particles = particles: must be from { $min } to { $max }; got { $got }
error-rejected = { $message }
error-stopped = The model stopped: { $message }
error-command = This action could not be read: { $detail }
error-locked = { $control } is locked by your teacher
error-unknown-controls = "{ $pattern }" names no control of Vrest (a key such as ion.K.outside, or a group such as pump)
control-locked = Locked by your teacher
error-argument-text = { $name }: must be text; got { $got }
error-argument-time = { $name }: must be a time from 0 to { $max } ms; got { $got }
error-argument-keys = { $name }: must list control keys of this cell; got { $got }
error-locale = locale: "{ $got }" is not a language Vrest speaks; choose { $choices }

## The model's refusals (vrest_core::error codes): the page and the command line word
## them here. Field names and JSON keys stay as the scenario writes them.

error-model-at = { $field }: { $problem }
error-range-from = from { $min } to { $max }{ $unit }
error-range-above = above { $min } and at most { $max }{ $unit }
error-infinite = infinite
error-negative-infinite = negative infinite
error-model-range = must be a number { $range }; got { $got }
error-model-steps = the model could not be integrated: more than { $steps } steps for { $duration } s
error-model-step-size = the model could not be integrated: the step size fell below 1e-15 s after { $after } s
error-model-too-many-steps = the model could not be integrated: it took too many steps
error-model-time-before = must be a finite time at or after { $now } s; got { $got }
error-model-no-kcc2 = this cell has no KCC2
error-model-no-ncx = this cell has no exchanger
error-model-no-kh-exchanger = this cell has no K⁺/H⁺ exchanger
error-model-no-proton-pump = this cell has no H⁺ pump
error-model-no-pump = this cell has no pump
error-model-ion-index = must be an ion index from 0 to { $max }; got { $got }
error-model-charge = must be a non-zero integer from { $min } to { $max }; got { $got }
error-model-nernst-zero = must be above 0 mM (and at most { $max } mM) for a Nernst potential; at 0 it is infinite
error-model-no-ions = must list from 1 to { $max } ions; got none
error-model-sealed = at least one permeability_cm_per_s must be above 0 (each from 0 to { $max } cm/s); with all zero the voltage is undefined
error-model-ghk-charge = the closed-form GHK equation needs permeant ions of charge +1 or −1; got { $got }
error-model-infinite-voltage = the voltage would be infinite: some permeant ion must be able to carry current each way, so the concentrations that feed the logarithm must be above 0 mM (and at most { $max } mM)
error-model-finite-current = must be a finite current
error-model-beyond-100-v = the voltage lies beyond ±100 V: the concentration ratios are too extreme
error-model-no-convergence = the voltage search did not converge (please report this scenario)
error-model-pump-charge = the pump's ions must have charge +1
error-model-coupling = must be above 0 and at most { $max }; got { $got }
error-model-no-steady-state = did not reach a steady state within { $years } years of model time
error-model-no-potassium = the base cell has no K⁺
error-model-unknown-preset = unknown preset "{ $id }"; choose one of: { $ids }
error-model-ion-required = is required for "{ $name }", which the base scenario does not have
error-model-ion-count = must list from 1 to { $max } ions; got { $got }
error-model-name = must be 1 to { $max } characters, with no control characters and no leading or trailing spaces; got "{ $got }"
error-model-name-comma = may not contain a comma; got "{ $got }"
error-model-name-direction = may not contain the direction control { $char }; got "{ $got }"
error-model-name-reserved = "{ $name }" is reserved for a transporter's current; choose another name
error-model-name-twice = "{ $name }" appears twice; ion names must be unique
error-model-pump-needs = needs an ion named "{ $name }" (charge +1) to pump; add it to "ions" or set "pump": null for a cell without a pump
error-model-pump-cation = pumps "{ $name }" as a cation, so its charge must be +1; got { $got }
error-model-noble-and-gates = and "gates" are two sets of voltage-gated channels; a cell has one or the other (set one to null)
error-model-buffer-needs-h = needs H⁺ inside above 0 mM: a buffer holds a pH, and 0 mM has none
error-model-pulse-count = must list at most { $max } pulses; got { $got }
error-model-moves-charge = moves "{ $name }" with charge { $charge }; got { $got }
error-model-needs-ion = needs an ion named "{ $name }" (charge { $charge }); add it to "ions" or set "{ $key }": null
error-model-pump-required = is required for a pump the base scenario does not have (a number { $range })
error-model-proton-pump-required = is required for a proton pump the base scenario does not have (a number { $range })
error-model-exchanger-required = is required for an exchanger the base scenario does not have (a number { $range })
error-model-object = must be a JSON object { "{" } ... { "}" }
error-model-object-or-null = must be a JSON object { "{" } ... { "}" } or null
error-model-scenario-object = the scenario must be a JSON object { "{" } ... { "}" }
error-model-list-length = must list at most { $max } entries; got { $got }
error-model-null = must not be null (leave the key out to keep the base scenario's value)
error-model-json-syntax = not valid JSON (at line { $line }, column { $column })
error-model-json-end = not valid JSON: it ends before it is complete (at line { $line }, column { $column })
error-model-json-number = not valid JSON: a number too large for a computer to hold (at line { $line }, column { $column })
error-model-json-nan = not valid JSON (at line { $line }, column { $column }); NaN and Infinity are not numbers in JSON
error-model-unknown-key = unknown field `{ $key }`, expected one of { $keys }
error-model-missing-key = missing field `{ $key }`
error-model-type-number = invalid type: expected a number
error-model-type-boolean = invalid type: expected true or false
error-model-type-text = invalid type: expected text in quotes
error-model-type-whole = invalid type: expected a whole number
error-model-type-list = invalid type: expected a list [ … ]
error-model-type-object = invalid type: expected a JSON object { "{" } … { "}" }
error-model-invalid = not a value this field takes
error-model-unknown-value = unknown value `{ $got }`, expected one of { $keys }
error-command-missing = this action needs this argument; it takes { $takes }

## An embedding page's messages and the page's commands refused (lab::host, lab::args,
## lab::command): to the page's developer, in the page's language, with the code beside it.

error-host-size = at most { $max } bytes of JSON
error-host-rate = at most { $max } a second; send it again later
error-host-depth = at most { $max } levels of objects and arrays (a message that contains itself has no end)
error-host-not-data = must be JSON data (an object, array, string, number, true, false or null); got a value of type { $got }
error-host-not-json = the message must be JSON data
error-host-envelope = the message must be an object { "{" }"vrest": 1, "id": …, "do": …{ "}" }
error-host-id = must be a number
error-host-version = must be { $version }, the version of this API
error-host-argument = "{ $got }" is not an argument of this command; it takes { $takes }
error-host-no-argument = "{ $got }" is not an argument of this command; it takes none
error-host-args = must be an object { "{" }…{ "}" }
error-host-controls = must be a list of control keys such as ["ion.K.outside", "pump"]
error-host-direction = must be 1 (forward) or -1 (back)
error-host-choice = must be a whole number from 0 (the first choice)
error-host-events = must be a list of "state" and "lesson", not empty
error-host-max-hz = must be a number above 0 and at most { $max }
error-host-preset = must be a preset id (vrest presets lists them)
error-host-scenario = must be a scenario patch, an object { "{" }…{ "}" }
error-host-speed = must be a speed index from 0 to { $max }
error-host-step-size = must be a number of seconds: one of the step sizes, or 0 to follow the speed
error-host-playing = must be true or false
error-host-command = "{ $got }" is not a command; the commands are { $commands }
error-locale-file = locale: the words for this language could not be loaded ({ $file })
language-label = Language

## The pictures in words (each canvas's description; read on request, never announced)

describe-summary = Describe in words
describe-ion-out = { $ion } flows out of the cell through its channels, { $rate } ions a second net ({ $current }).
describe-ion-in = { $ion } flows into the cell through its channels, { $rate } ions a second net ({ $current }).
describe-ion-balanced = No net flow through the channels of { $ions }: each is at its equilibrium potential.
describe-gated = Its voltage-gated { $ion } channel is { $open } open.
describe-pump = The Na⁺/K⁺ pump turns { $cycles } times a second, each time carrying 3 Na⁺ out and 2 K⁺ in; its own current is { $current }.
describe-pump-blocked = The Na⁺/K⁺ pump is blocked: it moves no ions.
describe-proton-pump = The H⁺ pump pushes { $cycles } H⁺ out a second; its current is { $current }.
describe-proton-pump-blocked = The H⁺ pump is blocked: it moves no ions.
describe-kcc2-out = KCC2 carries { $rate } K⁺–Cl⁻ pairs out a second.
describe-kcc2-in = KCC2 carries { $rate } K⁺–Cl⁻ pairs in a second.
describe-ncx-forward = The Na⁺/Ca²⁺ exchanger brings 3 Na⁺ in for each Ca²⁺ it sends out, { $rate } times a second.
describe-ncx-reverse = The Na⁺/Ca²⁺ exchanger runs in reverse, 3 Na⁺ out for each Ca²⁺ in, { $rate } times a second.
describe-kh-forward = The K⁺/H⁺ exchanger swaps a K⁺ out for an H⁺ in, { $rate } times a second.
describe-kh-reverse = The K⁺/H⁺ exchanger runs in reverse, a K⁺ in for an H⁺ out, { $rate } times a second.
describe-skin-negative = A thin skin of charge holds V at { $voltage }: { $count } ions' worth of negative charge lines the inside face of the membrane, matched by as much positive charge on the outside face; the rest of each side stays neutral.
describe-skin-positive = A thin skin of charge holds V at { $voltage }: { $count } ions' worth of positive charge lines the inside face of the membrane, matched by as much negative charge on the outside face; the rest of each side stays neutral.
describe-skin-none = V is 0: no charge is separated across the membrane.
describe-reduced-motion = Reduced motion is on: the particles stand still, and an arrow at each channel and transporter shows which way its ions cross and how many particles a second.
describe-trace-empty = No trace yet; V is { $voltage }. Press Play or Step forward to record it.
describe-trace = Over the last { $window }, V stayed between { $low } and { $high }; it is now { $voltage } and { $trend ->
    [rising] rising
    [falling] falling
   *[steady] steady
}.
describe-trace-flat = Over the last { $window }, V stayed at { $voltage }.
describe-trace-spike = One spike in this window.
describe-trace-spikes = { $count } spikes in this window.
describe-last-spike = The last spike, at { $time }, peaked at { $peak } and was { $width } wide at half its height.
describe-line = { $name } { $value }
describe-trace-lines = Dashed lines: { $lines }.
describe-e-infinite = infinite
describe-bar-inside = { $ion }: { $inside } inside and { $outside } outside, { $ratio } times more inside; E = { $e }.
describe-bar-outside = { $ion }: { $inside } inside and { $outside } outside, { $ratio } times more outside; E = { $e }.
describe-bar-one-side = { $ion }: { $inside } inside and { $outside } outside; E = { $e }.
describe-kchart = As K⁺ outside rises from 1 to 10 to 100 mM, E_K goes from { $e1 } to { $e10 } to { $e100 }; the passive GHK voltage from { $g1 } to { $g10 } to { $g100 }; and where this cell would settle, from { $s1 } to { $s10 } to { $s100 }. Now K⁺ outside is { $k } and V is { $voltage }.
describe-kchart-none = This cell has no K⁺, so the chart has no curves.

## Presentation mode, the picture, the data table and the printed worksheet
button-present = Present
present-title = Present to a class
present-note = Large type, the scene and the trace large, and of the controls only those you tick. Esc or “Leave presentation” brings the whole page back.
present-controls = Controls to show
present-start = Start presenting
present-exit = Leave presentation
button-snapshot = Save a picture (PNG)
button-print = Print a worksheet
snapshot-link = This state: { $link }
button-record = Record values
records-heading = Data table
records-note = Record a row, change one thing, then record again: each row keeps the values of that moment.
records-empty = No rows yet: press “Record values”.
records-count-one = 1 row
records-count = { $count } rows
records-table-label = The recorded rows
records-export = Download the table (CSV)
records-clear = Clear the table
records-col-n = #
records-col-cell = Cell
records-col-t = t
records-col-v = V
records-col-e = E_{ $ion }
records-col-ghk = GHK voltage
records-col-pump = Pump current
records-col-changed = Changed from the preset
records-none = –
records-unchanged = nothing (the preset)
record-change = { $control }: { $value }
error-table-full = The data table holds at most { $max } rows: download it, then clear it to record more
error-not-followed = V has not followed your change yet, as time is paused: press Play or Step forward, then record the row.
print-heading = Vrest worksheet
print-state = { $cell } · V { $voltage } · t { $time }
print-changes-heading = Changed from the preset
print-name = Name:
print-class = Class:
print-unchanged = Nothing: the preset as it is.
print-link-heading = Open this state again
print-notes-heading = My notes

## Guided lessons (src/lab/lesson.rs): titles, captions with the model's numbers, questions
lessons-label = Guided lessons
lesson-start = Start the lesson
lesson-captions = Captions
lesson-progress = Scene { $scene } of { $count }
lesson-scenes = Scenes
lesson-play = Play the lesson
lesson-pause = Pause the lesson
lesson-back = Previous scene
lesson-next = Next scene
lesson-leave = Leave the lesson
lesson-narrate = Read the captions aloud
lesson-vtt = Captions (WebVTT)
lesson-transcript = Transcript
lesson-watch = Watch: { $scene }…
lesson-right = Right. { $result }
lesson-not-quite = Not quite: the answer is “{ $right }”. { $result }
lesson-answer = Your prediction
lesson-continue = Continue
lesson-choice-spoken = Choice { $n }: { $choice }.
lesson-end-heading = What this lesson showed
lesson-end-line = { $fired ->
    [one] { $title }: V { $voltage }, { $spikes } spike
    [many] { $title }: V { $voltage }, { $spikes } spikes
   *[none] { $title }: V { $voltage }
}
lesson-again = Start again
lesson-explore = Explore this cell
lesson-build-up-end = Gradients alone make no voltage. Leak channels let ions cross: K⁺ leaks most, so rest sits near E_K. The pump keeps the gradients.
lesson-block-pump-end = The pump gives V only a few mV directly. Its real job is the gradients: without it, V slowly runs down.
lesson-hyperkalemia-end = More K⁺ outside raises E_K and the resting V. A little makes the cell easier to fire; a lot silences it.
lesson-block-pump = Block the pump
lesson-block-pump-rest-title = A neuron at rest
lesson-block-pump-rest = This neuron rests at { $voltage }. K⁺ leaks out through its channels, a little Na⁺ leaks in, and the pump puts both back.
lesson-block-pump-block-title = Block the pump
lesson-block-pump-block-question = Ouabain blocks the pump. What happens to V in the first second?
lesson-block-pump-block-choice-1 = It collapses to 0 mV
lesson-block-pump-block-choice-2 = It moves by a few mV
lesson-block-pump-block-choice-3 = Nothing at all
lesson-block-pump-block = In the first second V moved by only { $change }, to { $voltage }: the pump's own outward current is gone, and that was all it gave V directly.
lesson-block-pump-hour-title = One hour later
lesson-block-pump-hour-question = And after an hour with the pump blocked?
lesson-block-pump-hour-choice-1 = Back where it was
lesson-block-pump-hour-choice-2 = Slowly toward 0 as the gradients run down
lesson-block-pump-hour-choice-3 = Far more negative
lesson-block-pump-hour = After { $time }, V is { $voltage }: K⁺ inside has fallen to { $k_in } and Na⁺ inside risen to { $na_in }. Keeping the gradients is the pump's real job.
lesson-block-pump-restore-title = Unblock it
lesson-block-pump-restore = With the pump running again for an hour, Na⁺ inside is back to { $na_in } and V to { $voltage }: a steady state, paid for with ATP.
lesson-hyperkalemia = Hyperkalemia: too much K⁺ outside
lesson-hyperkalemia-fires-title = A spike
lesson-hyperkalemia-fires = At rest near { $before }, a { $pulse } pulse fires { $spikes } spike: V overshoots zero and comes back.
lesson-hyperkalemia-raise-title = K⁺ outside to { $target }
lesson-hyperkalemia-raise-question = K⁺ outside is now { $target }, as in severe hyperkalemia. Where will the resting V go?
lesson-hyperkalemia-raise-choice-1 = Up, toward threshold
lesson-hyperkalemia-raise-choice-2 = Down, more negative
lesson-hyperkalemia-raise-choice-3 = Nowhere: the pump holds it
lesson-hyperkalemia-raise = E_K rose to { $e_k }, and V with it: the cell now rests at { $voltage }, { $change } above where it was, closer to threshold.
lesson-hyperkalemia-fires-again-title = Still excitable
lesson-hyperkalemia-fires-again = The same pulse still fires { $spikes } spike: nearer threshold, the cell is more excitable, not less.
lesson-hyperkalemia-high-title = K⁺ outside to { $target }
lesson-hyperkalemia-high = At { $k_out } K⁺ outside, E_K is { $e_k } and the cell rests at { $voltage }.
lesson-hyperkalemia-silent-title = Silent
lesson-hyperkalemia-silent-question = Rest is now even closer to threshold. Will the same pulse fire a spike?
lesson-hyperkalemia-silent-choice-1 = Yes, more easily
lesson-hyperkalemia-silent-choice-2 = Yes, the same
lesson-hyperkalemia-silent-choice-3 = No
lesson-hyperkalemia-silent = The pulse fires { $spikes } spikes: held this depolarised, the Na⁺ channels stay inactivated and cannot open. This is why high K⁺ can stop the heart.
error-unknown-lesson = "{ $id }" is not a lesson of Vrest; the lessons are { $ids }
error-lesson-step = a lesson scene from 1 to { $max }; got { $got }
error-no-lesson = no lesson is running
error-no-question = this scene asks no question
error-choice = a choice from 1 to { $max }; got { $got }
link-lesson = The link's lesson "{ $got }" is not one of Vrest's; the lab opens without it.
link-step = The link's step "{ $got }" is not a scene of its lesson (1 to { $max }); the lesson starts at its first.
lesson-build-up = The resting potential, step by step
lesson-build-up-same-title = The same fluid on both sides
lesson-build-up-same = Same fluid on both sides, and nothing can cross: no gradient, no current. V is { $voltage }.
lesson-build-up-anions-title = Trapped anions and gradients
lesson-build-up-anions-question = Now the inside holds K⁺ and trapped anions, the outside Na⁺ and Cl⁻, and still nothing can cross. What is V?
lesson-build-up-anions-choice-1 = Negative, as at rest
lesson-build-up-anions-choice-2 = Zero
lesson-build-up-anions-choice-3 = Positive
lesson-build-up-anions = Still { $voltage }: each side is neutral, and V needs charge to move. The gradients are there (E_K { $e_k }, E_Na { $e_na }).
lesson-build-up-pump-title = The pump alone
lesson-build-up-pump-question = The Na⁺/K⁺ pump is now on, still with no leak. What will V do?
lesson-build-up-pump-choice-1 = It moves a few mV
lesson-build-up-pump-choice-2 = It falls until the pump can push no more
lesson-build-up-pump-choice-3 = It stays at 0 mV
lesson-build-up-pump = Each cycle carries one charge out, and no leak brings it back: V falls to { $voltage }, where the pump stalls.
lesson-build-up-k-leak-title = A K⁺ leak
lesson-build-up-k-leak = K⁺ leaks out until V reaches { $voltage }: E_K ({ $e_k }), pushed { $pump_share } further by the pump’s own current.
lesson-build-up-na-leak-title = A small Na⁺ leak
lesson-build-up-na-leak-question = A small Na⁺ leak is now open. Where will V go?
lesson-build-up-na-leak-choice-1 = It stays at E_K
lesson-build-up-na-leak-choice-2 = Up a little, toward E_Na
lesson-build-up-na-leak-choice-3 = All the way to E_Na
lesson-build-up-na-leak = Na⁺ leaks in; V settles at { $voltage }, between E_K { $e_k } and E_Na { $e_na }, near E_K. This is the resting potential.
lesson-build-up-cl-title = Cl⁻, passive
lesson-build-up-cl = Open Cl⁻ channels: nothing changes. E_Cl { $e_cl } already equals V { $voltage }. A passive ion follows V; it does not set it.
lesson-build-up-kcc2-title = KCC2 pushes Cl⁻ out
lesson-build-up-kcc2 = KCC2 pushes Cl⁻ out: E_Cl falls to { $e_cl }, below rest at { $voltage }. Open Cl⁻ channels now inhibit.
lesson-build-up-ca-title = Ca²⁺, kept low
lesson-build-up-ca = Ca²⁺ would rush in (E_Ca { $e_ca }). The Na⁺/Ca²⁺ exchanger keeps it at { $ca_in } inside, against { $ca_out } outside.
myths-heading = Five misconceptions, tested live
myths-show = Show me
lesson-myth-pump = “The pump directly makes the voltage.”
lesson-myth-pump-shows = Block it: V moves only a few mV at once, then runs down over an hour.
lesson-myth-pump-block-title = Block the pump
lesson-myth-pump-block = Blocked, the pump's own current is gone: V moved by only { $change }, to { $voltage }. The leaks, not the pump, make the resting potential.
lesson-myth-pump-hour-title = An hour later
lesson-myth-pump-hour = After { $time } without it, K⁺ inside is { $k_in }, Na⁺ inside { $na_in }, and V { $voltage }: the pump's job is the gradients.
lesson-myth-equal = “Equal numbers of ions are inside and out.”
lesson-myth-equal-shows = The ion-balance bars and the charge meter.
lesson-myth-equal-bars-title = The bars and the meter
lesson-myth-equal-bars = Each ion is far from equal across the membrane (K⁺ { $k_in } in, { $k_out } out), yet each side is neutral to a few parts per million: { $charge }.
lesson-myth-many = “Lots of ions move to set −70 mV.”
lesson-myth-many-shows = The “ions moved” meter.
lesson-myth-many-meter-title = Ions moved
lesson-myth-many-meter = To hold V at { $voltage }, only { $moved } ions had to cross: { $k_fraction }.
lesson-myth-ek = “The resting potential equals E_K.”
lesson-myth-ek-shows = V − E_K in the table, and what the Na⁺ leak does to it.
lesson-myth-ek-rest-title = V and E_K
lesson-myth-ek-rest = At rest V is { $voltage } and E_K { $e_k }: V − E_K is { $v_minus_e_k }, set by the small Na⁺ leak.
lesson-myth-ek-no-na-title = No Na⁺ leak
lesson-myth-ek-no-na = Close the Na⁺ leak and V falls to { $voltage }, next to E_K { $e_k } (the pump's own current adds { $pump_share }): the Na⁺ leak is what holds rest above E_K.
lesson-myth-equilibrium = “The membrane is at equilibrium.”
lesson-myth-equilibrium-shows = A steady state that costs ATP: stop the pump and it decays.
lesson-myth-equilibrium-atp-title = Steady, at a cost
lesson-myth-equilibrium-atp = V holds at { $voltage }, but Na⁺ and K⁺ leak all the time: the pump spends { $atp } ATP a second to put them back. Steady is not equilibrium.
lesson-myth-equilibrium-decay-title = Stop paying
lesson-myth-equilibrium-decay = With the pump stopped, after { $time } V is { $voltage }, K⁺ inside { $k_in } and Na⁺ inside { $na_in }: without the ATP, the state decays.

## Limits on links and messages, and locks that hold
link-state-depth = The link's state (s) nests deeper than { $max } levels; the cell is shown without its changes.
link-list-too-long = The link's { $param } lists more than { $max } controls or { $chars } characters; none of it is used.
link-too-many = The link has { $ignored } more settings than the { $max } Vrest reads; they are ignored.
link-more = …and { $count } more notes about this link.
error-locked-change = this would change { $control }, which your teacher locked; nothing was changed
error-asking = The lesson is waiting for your answer: choose one, or press “{ $leave }”.
error-typed = { $control }: “{ $got }” is not a number; write it like { $example }, from { $min } to { $max }
error-typed-plain = { $control }: not a number; write it like { $example }, from { $min } to { $max }

## The learner's view and the full lab
view-switch-lab = Show the full lab
view-switch-learn = Show the simple view
link-view = The link's view “{ $got }” is not learn or lab; the simple view is shown.
note-pulse-ready = Time is paused, so the pulse waits: press Play to give it, or Step forward to watch it one step at a time.
note-cannot-fire = This cell has no voltage-gated channels, so it cannot fire an action potential: V moved only while the pulse pushed charge in, and the leaks bring it back. To see a spike, choose the excitable neuron.
note-spike-fast = That spike was over in { $width }: the “Last spike” box on the trace zooms in on it, and Speed at its far left (slow motion) shows one as it happens.
glossary-summary = What do these words mean?
glossary-v = V, the membrane potential
glossary-v-means = The voltage of the inside of the cell compared with the outside. Negative means the inside is more negative than the outside.
glossary-e = E_K, E_Na, E_Cl, E_Ca (equilibrium potentials)
glossary-e-means = For each ion, the voltage at which it would stop moving on balance: its push down its concentration gradient and the pull of the voltage cancel. In a neuron E_K is far below zero and E_Na well above it; the ion table shows each one.
glossary-leak = Leak channel
glossary-leak-means = A pore that is always open and lets one kind of ion through. The cell has many more open K⁺ leaks than Na⁺ leaks, so V sits near E_K.
glossary-pump = The Na⁺/K⁺ pump
glossary-pump-means = A protein that uses ATP to push 3 Na⁺ out and bring 2 K⁺ in, over and over. It keeps the concentrations different inside and out.
glossary-ghk = GHK voltage
glossary-ghk-means = The voltage the leaks alone would set now (Goldman–Hodgkin–Katz): a blend of the E of each ion, weighted by how easily it crosses.
glossary-gated = Voltage-gated channel
glossary-gated-means = A channel with a gate that opens when V rises. In a neuron, Na⁺ gates open first, then K⁺ gates: that is a spike.
glossary-spike = Spike (action potential)
glossary-spike-means = A brief jump of V to above zero and back, over in about a millisecond, in cells with voltage-gated channels.
chart-time-axis-after = model time ({ $unit }) after { $origin }
clock-s = { $seconds } s
clock-min-s = { $minutes } min { $seconds } s
clock-h-min-s = { $hours } h { $minutes } min { $seconds } s
