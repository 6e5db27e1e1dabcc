// A Words step on the projector: the word cloud the server renders or, toggled (L), the
// ranked list, which is also the cloud's text alternative (see docs/STEP_KINDS.md).
import { Ranking } from "./ranking.js";

const MAX_ROWS = 16; // two columns of eight fit above the footer

export default function wordsView({ t, render, current, cloudBase }) {
  const rankingEl = document.getElementById("ranking");
  const cloudEl = document.getElementById("cloud");
  const cloudImg = document.getElementById("cloud-img");
  const toggle = document.getElementById("view-toggle");
  let ranking = new Ranking();
  let cloudVersion = 0;
  let listOverride = null; // the button on this screen, until the dashboard changes the view

  const showList = () => listOverride ?? Boolean(current()?.settings?.show_list);

  function toggleList() {
    if (toggle.hidden) return; // a Words step only
    listOverride = !showList();
    render();
  }
  toggle.addEventListener("click", toggleList);

  // Load the new picture before swapping it in, so the screen never flashes empty;
  // an older version that arrives late never replaces a newer one.
  function showCloud(version) {
    if (version <= cloudVersion) return;
    cloudVersion = version;
    const url = `${cloudBase}${current().id}.svg?v=${version}`;
    const next = new Image();
    next.onload = () => {
      if (version === cloudVersion) {
        cloudImg.src = url;
        render();
      }
    };
    next.src = url;
  }

  return {
    reset(step) {
      ranking = new Ranking(step?.rows || []);
      if (!step) cloudVersion = 0;
      else if (step.cloud) showCloud(step.cloud.version);
    },
    // The dashboard chose the list or the cloud: this screen's own choice gives way.
    agendaChanged(before, now) {
      if (now?.settings?.show_list !== before?.settings?.show_list) listOverride = null;
    },
    events: {
      words_changed: (m, step) => {
        if (m.step_id !== step?.id) return null;
        ranking.apply(m);
        return "arrived";
      },
    },
    notices: {
      cloud_ready: (m, step) => {
        if (m.step_id === step?.id) showCloud(m.version);
      },
    },
    keys: { l: toggleList },
    render(step) {
      const words = Boolean(step);
      const empty = words && ranking.total() === 0;
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
      return empty;
    },
  };
}
