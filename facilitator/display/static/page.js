// The room display and the chair's remote. Every text from the session is put in
// place with textContent: names and method texts are never read as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const remote = document.body.classList.contains("remote");
  let source = null;
  let ended = false;
  let retry = null;

  function setText(id, value) {
    const el = $(id);
    const text = value == null ? "" : String(value);
    if (el && el.textContent !== text) el.textContent = text;
  }
  function show(id, on) {
    const el = $(id);
    if (el) el.hidden = !on;
  }

  function render(message) {
    const s = message.show;
    // An interrupted meeting may be resumed: losing it is worth showing.
    ended = s.ended != null && s.ended !== "interrupted";
    show("connecting", false);
    show("session", true);
    setText("heading", s.heading);
    setText("state", s.state);
    setText("title", s.title);
    setText("remaining", s.remaining);
    document.body.classList.toggle("paused", s.paused);
    const progress = $("progress");
    if (progress && progress.value !== s.progress) progress.value = s.progress;
    setText("instruction", s.instruction);
    setText("next-title", s.next_title);
    setText("total", s.total);
    const turn = s.turn || { speaker: "", remaining: "", round: "", next: "" };
    show("turn", s.turn != null);
    setText("speaker", turn.speaker);
    setText("turn-remaining", turn.remaining);
    setText("round", turn.round);
    setText("next-speaker", turn.next);
    show("next-speaker-line", turn.next !== "");
    const pairing = message.pairing;
    show("pairing", pairing != null);
    document.body.classList.toggle("pairing", pairing != null);
    show("paired", message.paired && !remote);
    if (pairing != null) {
      setText("pair-code", pairing.code);
      setText("pair-scan", pairing.scan);
      const qr = $("qr");
      if (qr && !qr.getAttribute("src")) qr.setAttribute("src", "/qr.svg");
    }
    if (remote) {
      show("controls", !ended && !s.stop_pending);
      show("confirm", !ended && s.stop_pending);
    }
  }

  function connect() {
    retry = null;
    source = new EventSource("/events");
    source.onmessage = (event) => {
      show("offline", false);
      render(JSON.parse(event.data));
    };
    source.onopen = () => show("offline", false);
    source.onerror = () => {
      // After the last words of a finished meeting the silence is expected.
      show("offline", !ended);
      if (source.readyState === EventSource.CLOSED && retry === null) {
        source.close();
        if (remote) {
          // Refused, not lost: a new meeting does not know this phone. Pair again.
          fetch("/events", { cache: "no-store" }).then((answer) => {
            if (answer.body) answer.body.cancel();
            if (answer.status === 403) unpaired();
            else retry = setTimeout(connect, 2000);
          }, () => { retry = setTimeout(connect, 2000); });
        } else {
          retry = setTimeout(connect, 2000);
        }
      }
    };
  }

  function post(path, data) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data),
      credentials: "same-origin",
      cache: "no-store",
    });
  }

  async function pair(code) {
    if (source) source.close();
    const answer = await post("/pair", { code: code });
    if (answer.ok) {
      document.body.dataset.paired = "yes";
      show("pair-form", false);
      setText("message", "");
      show("connecting", true);
      connect();
      return;
    }
    const said = await answer.json().catch(() => ({}));
    setText("message", said.message || answer.statusText);
    show("pair-form", true);
  }

  function unpaired() {
    document.body.dataset.paired = "no";
    show("offline", false);
    show("connecting", false);
    show("session", false);
    show("controls", false);
    show("confirm", false);
    setText("message", document.body.dataset.refused);
    show("pair-form", true);
  }

  async function send(command) {
    try {
      const answer = await post("/command", { command: command });
      const said = await answer.json().catch(() => ({}));
      setText("message", said.message || answer.statusText);
      if (answer.status === 403) unpaired();
    } catch (error) {
      setText("message", $("offline").textContent);
    }
  }

  if (!remote) {
    connect();
    return;
  }
  for (const button of document.querySelectorAll("button[data-command]")) {
    button.addEventListener("click", () => send(button.dataset.command));
  }
  $("pair-form").addEventListener("submit", (event) => {
    event.preventDefault();
    pair($("code").value);
  });
  function codeInAddress() {
    // The QR code's address carries the code after "#": never sent to the server.
    const found = /(?:^#|&)code=([0-9 ]{1,12})/.exec(window.location.hash);
    if (found) history.replaceState(null, "", window.location.pathname);
    return found ? found[1] : null;
  }
  window.addEventListener("hashchange", () => {
    const code = codeInAddress();
    if (code) pair(code);
  });
  const fromQr = codeInAddress();
  if (document.body.dataset.paired === "yes") {
    show("connecting", true);
    connect();
  } else if (fromQr) {
    pair(fromQr);
  } else {
    show("pair-form", true);
  }
})();
