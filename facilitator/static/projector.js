// The projector: the join slide until a step opens, then the open step. A Words
// step shows the word cloud the server renders (or, toggled, the ranked list,
// which is also the cloud's text alternative); a Cards step shows its board; a Tracks
// step its ranked tracks.
// Read-only: it only listens. A scribe's board view is the same page, signed in with
// the scribe's link; it also receives the notes, which it does not show.
import { Announcer } from "/static/js/announce.js";
import { connectLive, loadStrings } from "/static/js/live.js";
import { Ranking } from "/static/js/ranking.js";
import { fillQuestions } from "/static/js/questions.js";
import { Countdown } from "/static/js/timer.js";
import { ProjectorBoard } from "./projector_board.js";
import { ProjectorTracks } from "./projector_tracks.js";
import { onKeys } from "./shortcuts.js";

const root = document.getElementById("projector");
const t = loadStrings();
const joinSlide = document.getElementById("join-slide");
const stepView = document.getElementById("step-view");
const promptEl = document.getElementById("step-prompt");
const rankingEl = document.getElementById("ranking");
const cloudEl = document.getElementById("cloud");
const cloudImg = document.getElementById("cloud-img");
const emptyEl = document.getElementById("empty");
const toggle = document.getElementById("view-toggle");
const connectionEl = document.getElementById("connection");
const MAX_ROWS = 16; // two columns of eight fit above the footer
const boardEl = document.getElementById("board");
const board = new ProjectorBoard(boardEl, document.getElementById("board-page"), t);
const tracksEl = document.getElementById("tracks");
const tracks = new ProjectorTracks(tracksEl, document.getElementById("tracks-note"), t);
const LIVE_KINDS = new Set(["words", "cards", "tracks", "discussion"]);
const questionsEl = document.getElementById("questions");
const announcer = new Announcer(document.getElementById("announcer"));
const keysHelp = document.getElementById("keys-help");
const keysToggle = document.getElementById("keys-toggle");
const joinToggle = document.getElementById("join-toggle");
const contrastToggle = document.getElementById("contrast-toggle");
const fullscreenToggle = document.getElementById("fullscreen-toggle");
const CONTRAST_KEY = "rundabord:projector:contrast";

let openSteps = [];
let ranking = new Ranking();
let cloudVersion = 0;
let listOverride = null; // the button on this screen, until the dashboard changes the view
let joinShown = false; // the join slide over an open step, until J or Esc again
let ended = !document.getElementById("ended-slide").hidden; // the thank-you, not the QR code

const live = connectLive({
  auth: { role: root.dataset.role, token: root.dataset.token },
  events: {
    notes_changed: () => {},
    agenda_changed: (m) => {
      const before = current()?.id;
      const beforeSetting = current()?.settings?.show_list;
      openSteps = m.open_steps;
      ended = Boolean(m.workshop?.ended);
      if (current()?.settings?.show_list !== beforeSetting) listOverride = null;
      if (current()?.id !== before) {
        joinShown = false;
        if (current()) announcer.say(t("now_showing", { title: current().prompt || current().title }));
        ranking = new Ranking();
        board.reset(null);
        tracks.reset(null);
        cloudVersion = 0;
        live.resync(); // the newly opened step may already have input, or a cloud
      }
      render();
    },
    words_changed: (m) => {
      if (m.step_id !== current()?.id) return;
      ranking.apply(m);
      arrived();
      render();
    },
    cards_changed: (m) => {
      if (m.step_id !== current()?.id) return;
      board.applyCards(m);
      arrived();
      render();
    },
    tracks_changed: (m) => {
      if (m.step_id !== current()?.id) return;
      tracks.apply(m);
      arrived();
      render();
    },
    board_changed: (m) => {
      if (m.step_id === current()?.id) board.applyBoard(m);
      else if (m.step_id === current()?.based_on_step_id) board.themes = m.themes;
      else return;
      render();
    },
  },
  notices: {
    cloud_ready: (m) => {
      if (m.step_id === current()?.id) showCloud(m.version);
    },
  },
  onSnapshot: (snap) => {
    openSteps = snap.open_steps;
    ended = Boolean(snap.workshop?.ended);
    const step = current();
    ranking = new Ranking(step?.rows || []);
    board.reset(step?.kind === "cards" ? step : null);
    tracks.reset(step?.kind === "tracks" ? step : null);
    if (step?.cloud) showCloud(step.cloud.version);
    render();
  },
  onState: (state) => {
    connectionEl.textContent = t(state);
    connectionEl.dataset.state = state;
  },
});

const countdown = new Countdown(document.getElementById("timer"), () => live.serverNow(), t);

toggle.addEventListener("click", toggleList);
joinToggle.addEventListener("click", toggleJoin);
contrastToggle.addEventListener("click", toggleContrast);
fullscreenToggle.addEventListener("click", toggleFullscreen);
keysToggle.addEventListener("click", toggleKeys);
document.addEventListener("fullscreenchange", () => {
  fullscreenToggle.setAttribute("aria-pressed", String(Boolean(document.fullscreenElement)));
});
setContrast(localStorage.getItem(CONTRAST_KEY) === "high");

// One key each, so the person at the laptop never hunts for a button (the list shows on "?").
onKeys({
  j: toggleJoin,
  f: toggleFullscreen,
  k: toggleContrast,
  l: toggleList,
  "?": toggleKeys,
  " ": () => board.togglePause(),
  arrowright: () => board.turnPage(1, true),
  arrowleft: () => board.turnPage(-1, true),
  escape: () => {
    if (!keysHelp.hidden) toggleKeys();
    else if (joinShown) toggleJoin();
  },
});

function toggleList() {
  if (toggle.hidden) return; // words only
  listOverride = !showList();
  render();
}

function toggleJoin() {
  joinShown = !joinShown && Boolean(current());
  render();
}

function setContrast(on) {
  document.body.classList.toggle("high-contrast", on);
  contrastToggle.setAttribute("aria-pressed", String(on));
  try {
    localStorage.setItem(CONTRAST_KEY, on ? "high" : "normal");
  } catch {
    // the choice then lasts until the page reloads
  }
}

function toggleContrast() {
  setContrast(!document.body.classList.contains("high-contrast"));
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}

function toggleKeys() {
  keysHelp.hidden = !keysHelp.hidden;
  keysToggle.setAttribute("aria-expanded", String(!keysHelp.hidden));
}

function arrived() {
  announcer.arrived(1, (count) => t("arrived", { count }));
}

function showList() {
  return listOverride ?? Boolean(current()?.settings?.show_list);
}

function current() {
  return openSteps.find((s) => LIVE_KINDS.has(s.kind)) || openSteps[0];
}

// Load the new picture before swapping it in, so the screen never flashes empty;
// an older version that arrives late never replaces a newer one.
function showCloud(version) {
  if (version <= cloudVersion) return;
  cloudVersion = version;
  const url = `${root.dataset.cloudBase}${current().id}.svg?v=${version}`;
  const next = new Image();
  next.onload = () => {
    if (version === cloudVersion) {
      cloudImg.src = url;
      render();
    }
  };
  next.src = url;
}

function render() {
  const step = current();
  document.getElementById("ended-slide").hidden = !ended;
  document.getElementById("corner-code").hidden = ended; // nobody joins an ended workshop
  joinSlide.hidden = ended || (Boolean(step) && !joinShown);
  stepView.hidden = ended || !joinSlide.hidden;
  joinToggle.hidden = !step;
  joinToggle.setAttribute("aria-pressed", String(joinShown));
  if (!step) return;
  promptEl.textContent = step.prompt || step.title;
  const cards = step.kind === "cards";
  boardEl.hidden = !cards;
  stepView.classList.toggle("is-board", cards);
  if (cards) board.render();
  const isDiscussion = step.kind === "discussion";
  questionsEl.hidden = !isDiscussion;
  stepView.classList.toggle("is-discussion", isDiscussion);
  countdown.set(isDiscussion ? step.settings : null);
  if (isDiscussion) fillQuestions(questionsEl, step.settings); // one large, or all numbered
  const isTracks = step.kind === "tracks";
  tracksEl.hidden = !isTracks || tracks.total() === 0;
  if (isTracks) tracks.render(Boolean(step.settings?.voting));
  else document.getElementById("tracks-note").hidden = true;
  const words = step.kind === "words";
  const empty = (words && ranking.total() === 0) || (cards && board.total() === 0) || (isTracks && tracks.total() === 0);
  emptyEl.hidden = !empty;
  toggle.hidden = !words;
  const list = showList();
  toggle.setAttribute("aria-pressed", String(list));
  toggle.textContent = list ? t("show_cloud") : t("show_list");
  const hasCloud = words && !empty && cloudImg.getAttribute("src");
  cloudEl.hidden = !hasCloud || list;
  // The list is always there for screen readers; on screen when chosen or before the first cloud.
  const listOnScreen = words && !empty && (list || !hasCloud);
  rankingEl.classList.toggle("visually-hidden", !listOnScreen);
  rankingEl.hidden = !words || empty;
  ranking.render(rankingEl, listOnScreen ? MAX_ROWS : Infinity);
  if (isTracks) tracks.fit(Boolean(step.settings?.voting));
}
