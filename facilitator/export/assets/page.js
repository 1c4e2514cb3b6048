"use strict";
// The rehearsal page. Every text it shows or says comes from the embedded plan data,
// written by the facilitator from its own engine and language pack; method texts are
// untrusted, so they only ever reach the page as textContent.
(function () {
  const data = JSON.parse(document.getElementById("plan-data").textContent);
  const ui = data.ui;
  const params = new URLSearchParams(window.location.search);
  const speed = clampSpeed(Number.parseFloat(params.get("speed") || "1"));
  const byId = (id) => document.getElementById(id);

  function clampSpeed(value) {
    return Number.isFinite(value) && value >= 0.01 ? Math.min(value, 3600) : 1;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  // As facilitator's report writes durations: 5:00, 59:59, 1:05:00.
  function clockText(seconds) {
    const total = Math.round(Math.abs(seconds));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const secs = total % 60;
    const text = hours ? `${hours}:${pad(minutes)}:${pad(secs)}` : `${minutes}:${pad(secs)}`;
    return seconds < 0 && total ? `-${text}` : text;
  }

  function differenceText(seconds) {
    return Math.round(seconds) > 0 ? `+${clockText(seconds)}` : clockText(seconds);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  }

  // -- the session clock: scaled by ?speed, stopped while paused ----------------------
  let realStart = 0;
  let pausedAt = null;
  let pausedTotal = 0;

  function sessionNow() {
    const real = (pausedAt === null ? performance.now() : pausedAt) - realStart - pausedTotal;
    return (real * speed) / 1000;
  }

  function trace(listId, text, fields) {
    const item = element("li", text);
    item.dataset.at = sessionNow().toFixed(2);
    for (const [key, value] of Object.entries(fields || {})) item.dataset[key] = value;
    byId(listId).append(item);
  }

  // -- speech: the device's own voice for the language, else text and tones -----------
  // ?speech=record puts a stand-in synthesizer with one voice of the language in place
  // of the device's, which writes what it is asked to say into the page (for tests).
  function recordingSynthesizer() {
    const voice = { name: "recorder", lang: data.voice_lang, default: true };
    return {
      getVoices: () => [voice],
      speak: (utterance) =>
        trace("log-speech", utterance.text, {
          lang: utterance.lang,
          voice: utterance.voice ? utterance.voice.name : "",
        }),
      cancel: () => {},
      addEventListener: () => {},
    };
  }

  const recording = params.get("speech") === "record";
  const synth = recording ? recordingSynthesizer() : window.speechSynthesis || null;
  let voice = null;

  function languageOf(candidate) {
    return String(candidate.lang || "").toLowerCase().replace("_", "-");
  }

  function chooseVoice() {
    if (!synth) return null;
    const voices = synth.getVoices() || [];
    const exact = data.voice_lang.toLowerCase();
    const base = data.lang.toLowerCase();
    return (
      voices.find((v) => languageOf(v) === exact) ||
      voices.find((v) => languageOf(v) === base || languageOf(v).startsWith(`${base}-`)) ||
      null
    );
  }

  function updateVoice() {
    voice = chooseVoice();
    const note = byId("voice-note");
    note.textContent = voice ? "" : ui.no_voice;
    note.hidden = Boolean(voice);
    document.body.dataset.voice = voice ? "yes" : "none";
  }

  function speak(text) {
    byId("said").textContent = text;
    trace("log-said", text, { step: current ? current.id : "" });
    if (!voice || !synth) return;
    let utterance;
    if (recording) {
      utterance = { text, lang: voice.lang, voice };
    } else {
      utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
    }
    try {
      synth.speak(utterance);
    } catch (error) {
      voice = null; // the text stays on screen
    }
  }

  function silence() {
    if (synth) {
      try {
        synth.cancel();
      } catch (error) {
        /* nothing to stop */
      }
    }
  }

  // -- soft tones instead of the room's chimes ------------------------------------------
  const TONES = {
    step: [523.25, 659.25],
    warning: [587.33],
    time_up: [659.25, 523.25],
    turn: [698.46],
    turn_ending: [493.88],
  };
  let audio = null;

  function audioContext() {
    if (audio) return audio;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    try {
      audio = new Context();
    } catch (error) {
      audio = null;
    }
    return audio;
  }

  function tone(name) {
    trace("log-sounds", name, { step: current ? current.id : "" });
    const context = audioContext();
    if (!context) return;
    try {
      if (context.state === "suspended") context.resume().catch(() => {});
      let at = context.currentTime;
      for (const frequency of TONES[name] || [440]) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = "sine";
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.12, at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.5);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.55);
        at += 0.22;
      }
    } catch (error) {
      /* no sound on this device: the text is on screen */
    }
  }

  function perform(cue) {
    if (cue.sound) tone(cue.sound);
    if (cue.say) speak(cue.say);
  }

  // -- the steps --------------------------------------------------------------------------
  let index = -1;
  let current = null;
  let stepStart = 0;
  let fired = 0;
  let timer = null;
  const actual = [];

  function showStep() {
    byId("step-heading").textContent = current.heading;
    byId("step-title").textContent = current.title;
    byId("instruction").textContent = current.instruction;
    byId("said").textContent = "";
  }

  function startStep(next, at) {
    index = next;
    current = data.steps[index];
    stepStart = at;
    fired = 0;
    if (index > 0) silence();
    showStep();
    trace("log-steps", current.title, { step: current.id });
  }

  function render(elapsed) {
    const left = current.planned_s - elapsed;
    const countdown = byId("countdown");
    countdown.textContent = left >= 0 ? clockText(left) : `+${clockText(-left)}`;
    countdown.classList.toggle("over", left < 0);
  }

  function schedule(elapsed) {
    const due = Math.min(
      fired < current.cues.length ? current.cues[fired].at : Infinity,
      current.ends_s,
    );
    const untilDue = ((due - elapsed) * 1000) / speed;
    const untilSecond = ((Math.floor(elapsed) + 1 - elapsed) * 1000) / speed;
    const delay = Math.max(0, Math.min(untilDue, Math.max(untilSecond, 100)));
    timer = window.setTimeout(tick, delay);
  }

  function tick() {
    timer = null;
    if (pausedAt !== null || document.body.dataset.state !== "running") return;
    const elapsed = sessionNow() - stepStart;
    const due = (at) => at <= elapsed + 1e-6;
    while (fired < current.cues.length && due(current.cues[fired].at)) {
      const cue = current.cues[fired];
      fired += 1;
      // After a long sleep (a locked phone, a hidden tab) only the latest moment is
      // said; what a later moment has made out of date is skipped, as in the room.
      let next = fired;
      while (next < current.cues.length && current.cues[next].at <= cue.at) next += 1;
      const later = next < current.cues.length ? current.cues[next].at : current.ends_s;
      if (later > cue.at && due(later)) {
        trace("log-skipped", cue.say || cue.sound, { step: current.id });
      } else {
        perform(cue);
      }
    }
    if (elapsed >= current.ends_s - 1e-6) {
      // Moving on by itself, as the room device does after the grace period: the next
      // step begins at its planned moment, so late timers never add up to drift.
      leave(current.ends_s, stepStart + current.ends_s);
      return;
    }
    render(elapsed);
    schedule(elapsed);
  }

  function leave(took, at) {
    actual[index] = took;
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    if (index + 1 < data.steps.length) {
      startStep(index + 1, at);
      tick();
    } else {
      finish();
    }
  }

  function finish() {
    silence();
    current = null;
    for (const cue of data.closing) perform(cue);
    // The last step stays in view above the summary; only the controls go.
    byId("controls").hidden = true;
    byId("countdown").hidden = true;
    showSummary();
    document.body.dataset.state = "done";
  }

  function showSummary() {
    const columns = ui.columns;
    byId("summary-title").textContent = ui.summary_title;
    const head = element("tr");
    head.append(
      element("th", columns.step, "n"),
      element("th", columns.title),
      element("th", columns.planned, "n"),
      element("th", columns.actual, "n"),
      element("th", columns.difference, "n"),
    );
    byId("summary-table").tHead.append(head);
    let planned = 0;
    let took = 0;
    data.steps.forEach((step, i) => {
      const row = element("tr");
      row.dataset.step = step.id;
      const difference = actual[i] - step.planned_s;
      row.append(
        element("td", String(i + 1), "n"),
        element("td", step.title),
        element("td", clockText(step.planned_s), "n"),
        element("td", clockText(actual[i]), "n"),
        element("td", differenceText(difference), difference > 0.5 ? "n late" : "n"),
      );
      byId("summary-table").tBodies[0].append(row);
      planned += step.planned_s;
      took += actual[i];
    });
    const total = element("tr");
    total.append(
      element("td", ui.total),
      element("td", ""),
      element("td", clockText(planned), "n"),
      element("td", clockText(took), "n"),
      element("td", differenceText(took - planned), "n"),
    );
    byId("summary-table").tFoot.append(total);
    byId("summary-times").textContent = fill(ui.summary_times, {
      planned: clockText(planned),
      actual: clockText(took),
      difference: differenceText(took - planned),
    });
    byId("summary").hidden = false;
  }

  // -- the controls -------------------------------------------------------------------------
  function keepScreenOn() {
    try {
      if (navigator.wakeLock) navigator.wakeLock.request("screen").catch(() => {});
    } catch (error) {
      /* the screen may dim: the clock still keeps time */
    }
  }

  function begin() {
    if (document.body.dataset.state !== "ready") return;
    audioContext();
    keepScreenOn();
    updateVoice();
    document.body.dataset.state = "running";
    byId("intro").hidden = true;
    byId("running").hidden = false;
    realStart = performance.now();
    startStep(0, 0);
    tick();
  }

  function nextStep() {
    if (document.body.dataset.state !== "running" || pausedAt !== null) return;
    const now = sessionNow();
    leave(now - stepStart, now);
  }

  function togglePause() {
    if (document.body.dataset.state !== "running") return;
    if (pausedAt === null) {
      pausedAt = performance.now();
      silence();
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      byId("pause").textContent = ui.resume;
    } else {
      pausedTotal += performance.now() - pausedAt;
      pausedAt = null;
      byId("pause").textContent = ui.pause;
      tick();
    }
  }

  function setUp() {
    document.title = data.page_title;
    byId("method-title").textContent = data.page_title;
    byId("intro-text").textContent = ui.intro;
    for (const step of data.steps) {
      byId("plan").append(element("li", `${step.title} (${clockText(step.planned_s)})`));
    }
    byId("start").textContent = ui.start;
    byId("pause").textContent = ui.pause;
    byId("next").textContent = ui.next;
    byId("start").addEventListener("click", begin);
    byId("next").addEventListener("click", nextStep);
    byId("pause").addEventListener("click", togglePause);
    if (synth && synth.addEventListener) {
      synth.addEventListener("voiceschanged", () => {
        if (document.body.dataset.state !== "ready") updateVoice();
      });
    }
    if (params.get("start") === "1") begin();
  }

  setUp();
})();
