// A Tracks step on the phone: proposals, and dots placed on the tracks. Each vote names
// the dots on one track and a number that grows, so a late copy never undoes a newer one.
const voteNotices = new Map(); // step id -> why the last dot could not be placed
let voteCounter = 0;

// The dots shown: the acknowledged ones, with the newest vote still in the outbox on top.
function shownVotes(step, phone) {
  const shown = { ...(phone.votes.get(step.id) || {}) };
  for (const item of phone.outbox.items()) {
    if (item.event === "vote" && item.payload.step_id === step.id) shown[item.payload.track_id] = item.payload.dots;
  }
  return shown;
}

function fillVotes(view, step, phone) {
  const { t } = phone;
  const { dots, max_per_track: most, voting } = step.settings;
  const shown = shownVotes(step, phone);
  const used = Object.values(shown).reduce((a, b) => a + b, 0);
  const status = view.querySelector(".vote-status");
  const tracks = step.tracks || [];
  const notice = voting ? voteNotices.get(step.id) : null;
  status.classList.toggle("is-warning", Boolean(notice));
  if (notice) status.textContent = notice;
  else if (!tracks.length) status.textContent = t("no_tracks");
  else if (voting) status.textContent = t("dots_left", { left: dots - used, dots, max: most });
  else status.textContent = t("voting_not_open");
  const items = tracks.map((track) => {
    const count = shown[track.id] || 0;
    const canAdd = voting && count < most && used < dots;
    return {
      key: `t${track.id}`,
      sig: `${track.text}|${count}|${voting}|${canAdd}`,
      build: () => trackRow(step, track, count, voting, canAdd, phone),
    };
  });
  phone.renderKeyed(view.querySelector(".track-list"), items);
}

function trackRow(step, track, count, voting, canAdd, phone) {
  const { t } = phone;
  const li = document.createElement("li");
  li.className = "track";
  const text = document.createElement("span");
  text.className = "track-text";
  text.textContent = track.text;
  const dotsEl = document.createElement("span");
  dotsEl.className = "track-dots";
  dotsEl.setAttribute("role", "img");
  dotsEl.textContent = "●".repeat(count) || "–";
  dotsEl.setAttribute("aria-label", t(count === 1 ? "one_own_dot" : "track_dots", { count }));
  li.append(text, dotsEl);
  if (voting) {
    const controls = document.createElement("span");
    controls.className = "vote-controls";
    const less = dotButton("−", `${t("remove_dot")}: ${track.text}`, () => placeDots(step, track.id, count - 1, phone));
    less.disabled = count === 0;
    const more = dotButton("+", `${t("add_dot")}: ${track.text}`, () => {
      if (!canAdd) {
        // Said beside the dots, where the person is looking, not at the foot of the page.
        voteNotices.set(step.id, t(count >= step.settings.max_per_track ? "track_full" : "budget_used"));
        return phone.refresh();
      }
      placeDots(step, track.id, count + 1, phone);
    });
    more.setAttribute("aria-disabled", String(!canAdd));
    controls.append(less, more);
    li.append(controls);
  }
  return li;
}

function dotButton(symbol, name, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "dot-button";
  button.textContent = symbol;
  button.setAttribute("aria-label", name);
  button.addEventListener("click", onClick);
  return button;
}

function placeDots(step, trackId, dots, phone) {
  phone.hideAlert();
  voteNotices.delete(step.id);
  voteCounter = (voteCounter + 1) % 1000;
  const n = Date.now() * 1000 + voteCounter; // grows across reloads too
  // An older vote for the same track still waiting is replaced: only the newest counts.
  for (const item of phone.outbox.items()) {
    if (item.event === "vote" && item.payload.track_id === trackId && !phone.inFlight.has(item.id)) phone.outbox.remove(item.id);
  }
  phone.queue("vote", { step_id: step.id, track_id: trackId, dots, n });
  // Focus stays on the same button after the row is built again.
  requestAnimationFrame(() => {
    const row = document.querySelector(`#tracks-${step.id} [data-key="t${trackId}"]`);
    row?.querySelectorAll(".vote-controls button")[dots > 0 ? 1 : 0]?.focus();
  });
}

export default {
  template: "tracks-step",
  submit: "propose_track",
  edit: "edit_track",
  withdraw: "withdraw_track",
  idField: "track_id",
  limit: "max_tracks",
  label: "label_track",
  editLabel: "edit_track_label",
  noneLeft: "no_tracks_left",
  remaining: "remaining_tracks",
  events: {
    // The list of tracks to vote on changed (a proposal, a merge, a hidden track).
    tracks_changed(step, message) {
      if (!message.tracks) return false;
      step.tracks = message.tracks;
    },
  },
  after(view, step, phone) {
    fillVotes(view, step, phone);
  },
};
