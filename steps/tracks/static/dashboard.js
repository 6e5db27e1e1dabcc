// One Tracks step on the dashboard: the tracks ranked by dots (the facilitator always
// sees the counts), voting opened and closed, hidden results revealed, and per track:
// merge into another, hide, mark as a highlight. Facilitators add tracks of their own;
// cards and themes are promoted from the board. Rows are kept and updated in place,
// so an open merge choice survives votes arriving.
import { placeAfter } from "/static/js/keyed.js";
import { button, clearSent, el, mergeChoices, named, nextId, rowActions, textField } from "/f/static/dom.js";

export class TracksPanel {
  update(step) {
    this.step = { ...this.step, ...step };
  }

  // The highlighted tracks still shown, for the notes panel: [{key, text, show}].
  highlights(reveal) {
    return this.tracks.filter((tr) => tr.highlight && !tr.hidden).map((track) => (
      { key: `t${track.id}`, text: track.text, show: () => reveal(this.rows.get(track.id)?.li) }
    ));
  }

  constructor(step, { socket, t, onError, announce, groupName }) {
    this.stepId = step.id;
    this.socket = socket;
    this.t = t;
    this.onError = onError;
    this.announce = announce;
    this.groupName = groupName;
    this.rows = new Map(); // track id -> {li, update}
    this.el = this.build();
    this.reset(step);
  }

  reset(step) {
    this.step = step;
    this.tracks = step.tracks || [];
    this.voters = step.voters || 0;
    this.render();
  }

  apply(message) {
    this.tracks = message.tracks;
    this.voters = message.voters;
    this.render();
  }

  total() {
    return this.tracks.length;
  }

  send(op, data, done = () => {}) {
    this.socket.emit("tracks", { step_id: this.stepId, op, ...data }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      done(ack);
    });
  }

  build() {
    const t = this.t;
    const panel = el("section", "panel tracks-panel");
    this.heading = el("h3");
    this.heading.id = nextId("tracks-heading");
    panel.setAttribute("aria-labelledby", this.heading.id);
    this.summary = el("p", "summary");
    const toolbar = el("div", "toolbar");
    this.votingButton = button("", () => this.send("phase", { name: "voting", on: !this.setting("voting") }));
    this.votingButton.className = "primary";
    this.revealButton = button("", () => this.send("phase", { name: "revealed", on: !this.setting("revealed") }));
    toolbar.append(this.votingButton, this.revealButton);
    const form = el("form", "new-track");
    const { label, input } = textField("track-text", t("new_track"), 500);
    form.append(label, input, button(t("add_track"), null, "submit"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const sent = input.value;
      this.send("add_track", { text: sent }, (ack) => {
        if (ack.ok) clearSent(input, sent);
      });
    });
    this.list = el("ol", "track-rows");
    this.list.setAttribute("aria-labelledby", this.heading.id);
    this.empty = el("p", "small", t("no_tracks"));
    panel.append(this.heading, this.summary, toolbar, form, this.empty, this.list);
    return panel;
  }

  setting(name) {
    return Boolean(this.step.settings?.[name]);
  }

  render() {
    const t = this.t;
    this.heading.textContent = this.step.title;
    const voting = this.setting("voting");
    this.summary.textContent = t("tracks_summary", { count: this.tracks.length, voters: this.voters })
      + (voting ? ` · ${t("voting_open")}` : "");
    this.votingButton.textContent = voting ? t("close_voting") : t("open_voting");
    this.votingButton.setAttribute("aria-pressed", String(voting));
    this.revealButton.hidden = !this.setting("hide_results");
    this.revealButton.textContent = this.setting("revealed") ? t("hide_results") : t("reveal_results");
    this.empty.hidden = this.tracks.length > 0;
    let previous = null;
    for (const track of this.tracks) {
      let row = this.rows.get(track.id);
      if (!row) {
        row = this.buildRow(track.id);
        this.rows.set(track.id, row);
      }
      row.update(track);
      previous = placeAfter(this.list, row.li, previous);
    }
    for (const [id, row] of this.rows) {
      if (!this.tracks.some((tr) => tr.id === id)) {
        row.li.remove();
        this.rows.delete(id);
      }
    }
  }

  buildRow(id) {
    const t = this.t;
    const li = el("li", "track-row");
    const rank = el("span", "rank");
    const text = el("span", "track-text");
    const total = el("span", "total");
    const meta = el("p", "card-meta");
    // Its actions behind one "⋯" button (or "." on the row), so the ranking stays compact.
    const actions = el("div", "card-actions");
    const more = button("");
    const hide = button("", () => this.send("hide_track", { track_id: id, on: !current.hidden }));
    hide.classList.add("hide-button");
    const star = button("", () => this.send("highlight_track", { track_id: id, on: !current.highlight }));
    const select = el("select");
    select.id = nextId("merge-track");
    const selectLabel = el("label", "", t("merge_track_into"));
    selectLabel.htmlFor = select.id;
    const merge = button(t("merge"), () => {
      if (!select.value) return;
      const target = this.tracks.find((tr) => tr.id === Number(select.value));
      this.send("merge_tracks", { track_id: id, target_id: Number(select.value) }, (ack) => {
        if (ack.ok) this.announce(t("tracks_merged", { text: current.text, target: target?.text || "" }));
      });
    });
    const mergeBox = el("span", "select-wrap");
    mergeBox.append(selectLabel, select, merge);
    actions.append(hide, star, mergeBox);
    const head = el("div", "track-head");
    head.append(rank, text, total, more);
    li.append(head, meta, actions);
    li.setAttribute("aria-keyshortcuts", "H .");
    rowActions(li, more, actions, () => hide);
    let current = null;
    const update = (track) => {
      current = track;
      rank.textContent = track.tied ? t("rank_tied", { rank: track.rank }) : String(track.rank);
      text.textContent = track.text;
      total.textContent = t("dots_count", { count: track.total });
      const who = [track.participant?.on_behalf ? t("on_behalf") : track.participant?.name, this.groupName(track.group_id)].filter(Boolean);
      const source = track.source ? [t(`from_${track.source.kind}`)] : [];
      meta.textContent = [...who, ...source].join(" · ");
      meta.hidden = !meta.textContent;
      li.classList.toggle("is-hidden", track.hidden);
      li.classList.toggle("is-highlight", track.highlight);
      hide.replaceChildren(track.hidden ? t("unhide") : t("hide"));
      named(hide, track.text);
      star.replaceChildren(track.highlight ? t("unhighlight") : t("mark_highlight"));
      named(star, track.text);
      star.setAttribute("aria-pressed", String(track.highlight));
      li.setAttribute("aria-label", `${rank.textContent} ${track.text}, ${total.textContent}`);
      const glyph = el("span", "", "⋯");
      glyph.setAttribute("aria-hidden", "true");
      more.replaceChildren(glyph, el("span", "visually-hidden", `${t("track_actions")}: ${track.text}`));
      merge.replaceChildren(t("merge"));
      named(merge, track.text);
      const others = this.tracks.filter((tr) => tr.id !== id);
      mergeChoices(select, others.map((tr) => [tr.id, tr.text]), t("choose_track"));
      mergeBox.hidden = others.length === 0;
    };
    return { li, update };
  }
}

// The dashboard's part of a Tracks step; cards and themes promoted from a board become
// tracks of the agenda's first Tracks step (see docs/STEP_KINDS.md).
export default { Panel: TracksPanel, resync: true, takesPromoted: true, events: ["tracks_changed"] };
