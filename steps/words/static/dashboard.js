// One Words step on the dashboard: the counted words with their raw entries, and
// the facilitator's tools — merge selected words, rename, split, hide, show again,
// let held entries through, undo. Rows are updated in place, so an open row, a
// half-typed name and the keyboard focus survive words arriving.
// Participants' text is only ever set as textContent.
// About 340 lines: the list's rows and their tools share the row views kept in place.

import { placeAfter } from "/static/js/keyed.js";
import { button, clearSent, el, nextId } from "/f/static/dom.js";

export class WordsPanel {
  // What the agenda changes: the title and whether the projector shows the list.
  update(step) {
    this.title = step.title;
    this.showList = Boolean(step.settings?.show_list);
  }

  // The highlighted words, for the notes panel: [{key, text, show}].
  highlights(reveal) {
    return [...this.rows.values()].filter((r) => r.highlight && !r.hidden).map((row) => (
      { key: `w${this.stepId}:${row.key}`, text: row.display, show: () => reveal(this.rowViews.get(row.key)?.li) }
    ));
  }

  constructor(step, { socket, t, cloudBase, onError, groupName }) {
    this.stepId = step.id;
    this.groupName = groupName;
    this.socket = socket;
    this.t = t;
    this.cloudBase = cloudBase;
    this.onError = onError;
    this.rows = new Map(); // group key -> row
    this.entries = new Map(); // entry id -> raw entry
    this.rowViews = new Map(); // group key -> {li, update}
    this.selected = new Set();
    this.answered = 0;
    this.lastDecision = null;
    this.cloudVersion = 0;
    this.el = this.build();
    this.reset(step);
  }

  // --- data ---------------------------------------------------------------------------

  reset(step) {
    this.title = step.title;
    this.showList = Boolean(step.settings?.show_list);
    this.rows = new Map((step.rows || []).map((r) => [r.key, r]));
    this.entries = new Map((step.entries || []).map((e) => [e.id, e]));
    this.answered = step.answered || 0;
    this.lastDecision = step.last_decision || null;
    this.newerAnalysis = Boolean(step.newer_analysis);
    if (step.cloud) this.setCloud(step.cloud.version);
    this.render();
  }

  apply(message) {
    if (message.full) {
      this.reset({ ...message, title: this.title, settings: { show_list: this.showList } });
      return;
    }
    for (const key of message.removed || []) this.rows.delete(key);
    for (const row of message.rows || []) this.rows.set(row.key, row);
    for (const entry of message.entries || []) {
      if (entry.withdrawn) this.entries.delete(entry.id);
      else this.entries.set(entry.id, entry);
    }
    this.answered = message.answered ?? this.answered;
    this.render();
  }

  total() {
    let sum = 0;
    for (const row of this.rows.values()) sum += row.count;
    return sum;
  }

  setCloud(version) {
    if (version <= this.cloudVersion) return;
    this.cloudVersion = version;
    this.preview.src = `${this.cloudBase}${this.stepId}.svg?v=${version}`;
    this.preview.hidden = false;
  }

  entriesOf(row) {
    const members = new Set(row.members);
    return [...this.entries.values()].filter((e) => !e.held && members.has(e.key));
  }

  // --- sending decisions --------------------------------------------------------------------

  decide(kind, data, done = () => {}) {
    this.socket.emit("word_decision", { step_id: this.stepId, kind, data }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      done(ack);
    });
  }

  undo() {
    this.socket.emit("word_undo", { step_id: this.stepId }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
    });
  }

  // --- view -------------------------------------------------------------------------------

  build() {
    const t = this.t;
    const panel = el("section", "panel words-panel");
    panel.dataset.stepId = this.stepId;
    this.heading = el("h3");
    this.heading.id = nextId("words-heading");
    panel.setAttribute("aria-labelledby", this.heading.id);
    this.summary = el("p", "summary");
    this.preview = el("img", "cloud-preview");
    this.preview.alt = "";
    this.preview.hidden = true;

    this.mergeButton = button(t("merge_selected", { count: 0 }), () => this.openMerge());
    this.undoButton = button("", () => this.undo());
    this.viewButton = button("", () => {
      this.socket.emit("projector_view", { step_id: this.stepId, show_list: !this.showList }, (ack) => {
        if (!ack.ok) this.onError(ack.message);
      });
    });
    const toolbar = el("div", "toolbar");
    toolbar.append(this.mergeButton, this.undoButton, this.viewButton);

    this.mergeForm = el("form", "merge-form");
    this.mergeForm.hidden = true;
    this.mergeInput = el("input");
    this.mergeInput.id = nextId("merge-display");
    this.mergeInput.maxLength = 80;
    this.mergeInput.autocomplete = "off";
    this.mergeOptions = el("datalist");
    this.mergeOptions.id = nextId("merge-options");
    this.mergeInput.setAttribute("list", this.mergeOptions.id);
    const mergeLabel = el("label", "", t("merge_display"));
    mergeLabel.htmlFor = this.mergeInput.id;
    const mergeSubmit = button(t("merge"), null, "submit");
    mergeSubmit.className = "primary";
    const mergeCancel = button(t("cancel"), () => this.closeMerge());
    const mergeButtons = el("div", "form-buttons");
    mergeButtons.append(mergeSubmit, mergeCancel);
    this.mergeForm.append(mergeLabel, this.mergeInput, this.mergeOptions, mergeButtons);
    this.mergeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const keys = [...this.selected];
      this.decide("merge", { keys, display: this.mergeInput.value }, (ack) => {
        if (ack.ok) {
          this.selected.clear();
          this.closeMerge();
        }
      });
    });

    this.held = el("section", "held");
    this.heldHeading = el("h4");
    this.heldList = el("ul", "held-list");
    this.held.append(this.heldHeading, this.heldList);

    this.list = el("ol", "words-list");
    this.list.setAttribute("aria-labelledby", this.heading.id);
    // The list to work in, and the cloud small beside it (under it on a narrow screen).
    const work = el("div", "words-work");
    work.append(toolbar, this.mergeForm, this.held, this.list);
    const cloud = el("div", "words-cloud");
    cloud.append(this.preview);
    const layout = el("div", "words-layout");
    layout.append(work, cloud);
    // A step begun before the word analysis improved keeps its count until asked.
    this.recount = el("div", "recount notice");
    this.recount.hidden = true;
    const recountButton = button(t("recount_words"), () => {
      recountButton.disabled = true;
      this.socket.emit("recount_words", { step_id: this.stepId }, (ack) => {
        recountButton.disabled = false;
        if (!ack.ok) this.onError(ack.message);
      });
    });
    this.recount.append(el("p", "", t("recount_hint")), recountButton);
    panel.append(this.heading, this.summary, this.recount, layout);
    return panel;
  }

  openMerge() {
    const displays = [...this.selected].map((k) => this.rows.get(k)?.display).filter(Boolean);
    this.mergeOptions.replaceChildren(...displays.map((d) => Object.assign(el("option"), { value: d })));
    this.mergeInput.value = displays[0] || "";
    this.mergeForm.hidden = false;
    this.mergeInput.focus();
    this.mergeInput.select();
  }

  closeMerge() {
    this.mergeForm.hidden = true;
    this.render();
    this.mergeButton.focus();
  }

  render() {
    const t = this.t;
    this.heading.textContent = this.title;
    const total = this.total();
    this.summary.textContent = total
      ? `${t("entries", { count: total, distinct: this.rows.size })} · ${t("answered", { count: this.answered })}`
      : t("no_words");
    for (const key of [...this.selected]) if (!this.rows.has(key)) this.selected.delete(key);
    this.mergeButton.textContent = t("merge_selected", { count: this.selected.size });
    this.mergeButton.disabled = this.selected.size < 2;
    this.viewButton.textContent = this.showList ? t("projector_cloud") : t("projector_list");
    this.recount.hidden = !this.newerAnalysis;
    this.undoButton.hidden = !this.lastDecision;
    if (this.lastDecision) this.undoButton.textContent = describe(t, this.lastDecision);
    this.renderHeld();
    this.renderRows();
  }

  renderHeld() {
    const t = this.t;
    const held = this.heldEntries();
    this.held.hidden = held.length === 0;
    this.heldHeading.textContent = t("held_heading", { count: held.length });
    this.heldList.replaceChildren(
      ...held.map((entry) => {
        const li = el("li");
        const text = el("span", "entry-text", entry.text);
        const why = el("span", "meta", ` – ${t(entry.reason)}${entry.participant.name ? `, ${entry.participant.name}` : ""} `);
        const approve = button(t("approve"), () => this.decide("approve", { ids: [entry.id] }));
        approve.append(el("span", "visually-hidden", `: ${entry.text}`));
        li.append(text, why, approve);
        return li;
      }),
    );
  }

  renderRows() {
    const rows = [...this.rows.values()].sort(
      (a, b) => b.count - a.count || a.display.localeCompare(b.display, "sv"),
    );
    const focused = document.activeElement;
    let previous = null;
    for (const row of rows) {
      let view = this.rowViews.get(row.key);
      if (!view) {
        view = this.buildRow(row.key);
        this.rowViews.set(row.key, view);
      }
      view.update(row);
      previous = placeAfter(this.list, view.li, previous);
    }
    for (const [key, view] of this.rowViews) {
      if (!this.rows.has(key)) {
        view.li.remove();
        this.rowViews.delete(key);
      }
    }
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  // Entries held back (stop words, possibly offensive) until the facilitator decides.
  heldEntries() {
    return [...this.entries.values()].filter((e) => e.held);
  }

  buildRow(key) {
    const t = this.t;
    const li = el("li", "word-row");
    const pick = el("input");
    pick.type = "checkbox";
    pick.id = nextId("pick");
    pick.addEventListener("change", () => {
      if (pick.checked) this.selected.add(key);
      else this.selected.delete(key);
      this.render();
    });
    const label = el("label", "word");
    label.htmlFor = pick.id;
    const count = el("span", "count");
    const hiddenBadge = el("span", "badge badge-muted", t("hidden"));
    const highlightBadge = el("span", "badge badge-highlight", t("highlight"));
    const line = el("div", "word-line");
    line.append(pick, label, hiddenBadge, highlightBadge, count);

    const details = el("details");
    const summary = el("summary");
    const summaryText = el("span", "", t("manage"));
    const summaryName = el("span", "visually-hidden");
    summary.append(summaryText, summaryName);
    const raw = el("ul", "raw-entries");
    const rename = el("form", "rename-form");
    const renameInput = el("input");
    renameInput.id = nextId("rename");
    renameInput.maxLength = 80;
    renameInput.autocomplete = "off";
    const renameLabel = el("label", "", t("rename_label"));
    renameLabel.htmlFor = renameInput.id;
    const renameButton = button(t("rename"), null, "submit");
    rename.append(renameLabel, renameInput, renameButton);
    rename.addEventListener("submit", (event) => {
      event.preventDefault();
      const sent = renameInput.value;
      this.decide("rename", { key, display: sent }, (ack) => {
        if (ack.ok) clearSent(renameInput, sent);
      });
    });
    const split = button(t("split"), () => this.decide("split", { key }));
    const hide = button("", () => this.decide(current.hidden ? "unhide" : "hide", { key }));
    hide.classList.add("hide-button");
    const mark = button("", () => this.decide(current.highlight ? "unhighlight" : "highlight", { key }));
    mark.setAttribute("aria-pressed", "false");
    const actions = el("div", "row-actions");
    actions.append(split, hide, mark);
    details.append(summary, raw, rename, actions);
    line.append(details);
    li.append(line);

    let current = null;
    const update = (row) => {
      current = row;
      li.classList.toggle("is-hidden", row.hidden);
      label.textContent = row.display;
      pick.checked = this.selected.has(key);
      count.textContent = String(row.count);
      hiddenBadge.hidden = !row.hidden;
      summaryName.textContent = `: ${row.display}`;
      renameInput.placeholder = row.display;
      split.hidden = row.members.length < 2;
      hide.textContent = row.hidden ? t("unhide") : t("hide");
      highlightBadge.hidden = !row.highlight;
      mark.textContent = t("mark_highlight");
      mark.setAttribute("aria-pressed", String(Boolean(row.highlight)));
      const entries = this.entriesOf(row);
      raw.replaceChildren(
        ...entries.map((entry) => {
          const item = el("li");
          item.append(el("span", "entry-text", entry.text));
          const who = [entry.participant.on_behalf ? t("on_behalf") : entry.participant.name, this.groupName(entry.group_id)].filter(Boolean).join(", ");
          if (who) item.append(el("span", "meta", ` – ${who}`));
          return item;
        }),
      );
    };
    return { li, update };
  }
}

function describe(t, decision) {
  const data = decision.data;
  return t(`undo_${decision.kind}`, { display: data.display || "", count: (data.ids || []).length });
}

// The dashboard's part of a Words step (see docs/STEP_KINDS.md).
export default { Panel: WordsPanel };
