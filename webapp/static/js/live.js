// The live connection every screen uses: connect with a role, apply a snapshot,
// then apply events in sequence order. An event names the previous event of the
// same role (`prev`); if that is not the last one applied, something was missed:
// wait briefly for it (events may overtake each other), then fetch a snapshot.
import { io } from "/static/vendor/socket.io/socket.io.esm.min.js";

const GAP_WAIT_MS = 1000;
const SNAPSHOT_RETRY_MS = 2000;
const CLOCK_SAMPLES = 5;
const CLOCK_EVERY_MS = 60000;

export function connectLive({ auth, events = {}, notices = {}, onSnapshot, onState = () => {} }) {
  const socket = io({ auth, reconnectionDelayMax: 5000 });
  let lastSeq = null;
  let fetching = false;
  let gapTimer = null;
  const pending = new Map();

  function fetchSnapshot() {
    if (fetching) return;
    fetching = true;
    socket.timeout(10000).emit("get_snapshot", {}, (err, snap) => {
      fetching = false;
      if (err || !snap || !snap.ok) {
        if (socket.connected) setTimeout(fetchSnapshot, SNAPSHOT_RETRY_MS);
        return;
      }
      lastSeq = snap.seq;
      onSnapshot(snap);
      drain();
    });
  }

  function apply(name, message) {
    lastSeq = message.seq;
    events[name](message);
  }

  function drain() {
    for (const seq of [...pending.keys()]) if (seq <= lastSeq) pending.delete(seq);
    let next = [...pending.values()].find(([, m]) => m.prev === lastSeq);
    while (next) {
      pending.delete(next[1].seq);
      apply(...next);
      next = [...pending.values()].find(([, m]) => m.prev === lastSeq);
    }
    clearTimeout(gapTimer);
    gapTimer = pending.size ? setTimeout(fetchSnapshot, GAP_WAIT_MS) : null;
  }

  function receive(name, message) {
    if (lastSeq !== null && message.seq <= lastSeq) return; // already in the snapshot
    pending.set(message.seq, [name, message]);
    if (lastSeq !== null) drain();
  }

  for (const name of Object.keys(events)) socket.on(name, (m) => receive(name, m));
  for (const [name, fn] of Object.entries(notices)) socket.on(name, fn);

  // The server's clock, for timers: a few round trips, trusting the quickest (its
  // midpoint is closest to the moment the server read its clock).
  let clockOffset = 0;
  let bestRoundTrip = Infinity;
  function sampleClock(left) {
    const sent = Date.now();
    socket.timeout(5000).emit("heartbeat", {}, (err, ack) => {
      if (err || !ack?.now_ms) return;
      const received = Date.now();
      const roundTrip = received - sent;
      if (roundTrip <= bestRoundTrip) {
        bestRoundTrip = roundTrip;
        clockOffset = ack.now_ms - (sent + received) / 2;
      }
      if (left > 1) sampleClock(left - 1);
    });
  }
  setInterval(() => {
    if (!socket.connected) return;
    bestRoundTrip = Infinity; // the clocks may drift apart: measure afresh
    sampleClock(CLOCK_SAMPLES);
  }, CLOCK_EVERY_MS);
  socket.serverNow = () => Date.now() + clockOffset;

  socket.on("connect", () => {
    onState("connected");
    lastSeq = null;
    fetchSnapshot();
    sampleClock(CLOCK_SAMPLES);
  });
  // The workshop was deleted, or this screen's link revoked: say so in place of the page,
  // at once, and stop reconnecting.
  let ended = false;
  function accessEnded(reason) {
    ended = true;
    socket.disconnect();
    showAccessEnded(reason);
  }
  socket.on("access_ended", (notice) => accessEnded(notice.reason));
  socket.on("disconnect", () => {
    if (!ended) onState(navigator.onLine ? "reconnecting" : "offline");
  });
  socket.on("connect_error", (err) => {
    if (err && ACCESS_ENDED.has(err.message)) {
      accessEnded(err.message);
    } else if (err && (err.message === "not_joined" || err.message === "forbidden")) {
      socket.disconnect();
      onState("refused", err.message);
    } else {
      onState(navigator.onLine ? "reconnecting" : "offline");
    }
  });
  window.addEventListener("offline", () => onState("offline"));
  window.addEventListener("online", () => { if (!socket.connected) socket.connect(); });
  socket.resync = fetchSnapshot; // for views that need data no event carries
  return socket;
}

const ACCESS_ENDED = new Set(["workshop_deleted", "link_revoked"]);

// The page's content gives way to why it stopped (base.html's translation block).
function showAccessEnded(reason) {
  const t = loadStrings("access-strings");
  const main = document.querySelector("main");
  const heading = document.createElement("h1");
  heading.textContent = t(`${reason}_title`);
  heading.tabIndex = -1;
  const text = document.createElement("p");
  text.textContent = t(reason);
  const box = document.createElement("section");
  box.className = "access-ended";
  box.setAttribute("role", "alert");
  box.append(heading, text);
  main.replaceChildren(box);
  heading.focus();
}

// Strings from the page's translation block (the server's catalogue), with {name} filled in.
// A string counting one thing has a form of its own under "<key>_one" (facilitator/strings.py's
// `plural`): "1 röst", "{count} röster".
export function loadStrings(id = "i18n") {
  const element = document.getElementById(id);
  const strings = element ? JSON.parse(element.textContent) : {};
  return (key, params = {}) => {
    const chosen = params.count === 1 && `${key}_one` in strings ? `${key}_one` : key;
    return (chosen in strings ? strings[chosen] : key).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
  };
}

// A random id for a submission. crypto.randomUUID needs HTTPS; a venue laptop serves HTTP.
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
