// One Questions step on the dashboard: the queue of questions waiting for review (where
// the step reviews first), the questions by their votes, and per question: mark answered,
// pin on the projector, hide, correct the text (the writer's words stay beside it), merge
// into another. The counts the projector shows (hidden, merged) are shown here too, so
// the facilitator sees what the room sees. Rows are kept and updated in place, so an open
// correction or merge choice survives votes arriving.
import { placeAfter } from "/static/js/keyed.js";
import { button, clearSent, el, mergeChoices, named, nextId, rowActions, textField } from "/f/static/dom.js";

export class QuestionsPanel {
  constructor(step, { socket, t, onError, announce, groupName }) {
    Object.assign(this, { socket, t, onError, announce, groupName });
    this.stepId = step.id;
    this.rows = new Map(); // question id -> {li, update}
    this.el = this.build();
    this.reset(step);
  }

  update(step) {
    this.step = { ...this.step, ...step };
  }

  // The pinned question, for the notes panel's list of highlights.
  highlights(reveal) {
    return this.questions.filter((q) => q.pinned && !q.hidden).map((q) => (
      { key: `q${q.id}`, text: q.text, show: () => reveal(this.rows.get(q.id)?.li) }
    ));
  }

  reset(step) {
    this.step = step;
    this.apply(step);
  }

  apply(message) {
    this.questions = message.questions || [];
    this.counts = message.counts || {};
    this.review = Boolean(message.review);
    this.render();
  }

  total() {
    return this.questions.length;
  }

  send(op, data, done = () => {}) {
    this.socket.emit("questions", { step_id: this.stepId, op, ...data }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      done(ack);
    });
  }

  build() {
    const t = this.t;
    const panel = el("section", "panel tracks-panel questions-panel");
    this.heading = el("h3");
    this.heading.id = nextId("questions-heading");
    panel.setAttribute("aria-labelledby", this.heading.id);
    this.summary = el("p", "summary");
    this.summary.setAttribute("aria-live", "polite");
    const form = el("form", "new-track");
    const { label, input } = textField("question-text", t("new_question"), 500);
    form.append(label, input, button(t("add_question"), null, "submit"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const sent = input.value;
      this.send("add", { text: sent }, (ack) => {
        if (ack.ok) clearSent(input, sent);
      });
    });
    this.queueHeading = el("h4");
    this.queueHeading.id = nextId("review-heading");
    this.queue = el("ul", "track-rows review-queue");
    this.queue.setAttribute("aria-labelledby", this.queueHeading.id);
    this.list = el("ol", "track-rows");
    this.list.setAttribute("aria-labelledby", this.heading.id);
    this.empty = el("p", "small", t("no_questions"));
    panel.append(this.heading, this.summary, form, this.queueHeading, this.queue, this.empty, this.list);
    return panel;
  }

  render() {
    const t = this.t;
    this.heading.textContent = this.step.title;
    const { hidden = 0, merged = 0, pending = 0 } = this.counts;
    const parts = [t("questions_summary", { count: this.questions.filter((q) => !q.pending).length }), t("moderated", { hidden, merged })];
    if (pending) parts.push(t("pending_count", { count: pending }));
    this.summary.textContent = parts.join(" · ");
    const waiting = this.questions.filter((q) => q.pending);
    const listed = this.questions.filter((q) => !q.pending);
    this.queueHeading.textContent = t("review_queue", { count: waiting.length });
    this.queueHeading.hidden = this.queue.hidden = waiting.length === 0;
    this.empty.hidden = this.questions.length > 0;
    this.place(this.queue, waiting);
    this.place(this.list, listed);
    for (const [id, row] of this.rows) {
      if (!this.questions.some((q) => q.id === id)) {
        row.li.remove();
        this.rows.delete(id);
      }
    }
  }

  // The rows of `questions` in `list`, in order; a row moves between the queue and the
  // list when its question is approved.
  place(list, questions) {
    let previous = null;
    for (const question of questions) {
      let row = this.rows.get(question.id);
      if (!row) {
        row = this.buildRow(question.id);
        this.rows.set(question.id, row);
      }
      row.update(question);
      previous = placeAfter(list, row.li, previous);
    }
  }

  buildRow(id) {
    const t = this.t;
    const li = el("li", "track-row question-row");
    const votes = el("span", "rank");
    const text = el("span", "track-text");
    const marks = el("span", "total");
    const meta = el("p", "card-meta");
    const approve = button(t("approve"), () => this.send("approve", { question_id: id }));
    approve.className = "primary";
    // Its actions behind one "⋯" button (or "." on the row), so the list stays compact.
    const actions = el("div", "card-actions");
    const more = button("");
    const answered = button("", () => this.send("answered", { question_id: id, on: !current.answered }));
    const pin = button("", () => this.send("pin", { question_id: id, on: !current.pinned }));
    const hide = button("", () => this.send("hide", { question_id: id, on: !current.hidden }));
    hide.classList.add("hide-button");
    const correct = button(t("correct"), () => {
      editor.hidden = false;
      field.input.value = current.text;
      field.input.focus();
    });
    const editor = el("form", "new-track");
    editor.hidden = true;
    const field = textField("question-edit", t("question_text"), 500);
    const cancel = button(t("cancel"), () => {
      editor.hidden = true;
      correct.focus();
    });
    editor.append(field.label, field.input, button(t("save"), null, "submit"), cancel);
    editor.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send("edit", { question_id: id, text: field.input.value }, (ack) => {
        if (ack.ok) {
          editor.hidden = true;
          correct.focus();
        }
      });
    });
    const select = el("select");
    select.id = nextId("merge-question");
    const selectLabel = el("label", "", t("merge_question_into"));
    selectLabel.htmlFor = select.id;
    const merge = button(t("merge"), () => {
      if (!select.value) return;
      const target = this.questions.find((q) => q.id === Number(select.value));
      this.send("merge", { question_id: id, target_id: Number(select.value) }, (ack) => {
        if (ack.ok) this.announce(t("questions_merged", { text: current.text, target: target?.text || "" }));
      });
    });
    const mergeBox = el("span", "select-wrap");
    mergeBox.append(selectLabel, select, merge);
    actions.append(answered, pin, hide, correct, mergeBox);
    const head = el("div", "track-head");
    head.append(votes, text, marks, approve, more);
    li.append(head, meta, editor, actions);
    li.setAttribute("aria-keyshortcuts", ".");
    rowActions(li, more, actions, () => answered);
    let current = null;
    const update = (question) => {
      current = question;
      votes.textContent = `▲ ${question.upvotes}`;
      const count = t("upvotes_count", { count: question.upvotes });
      text.textContent = question.text;
      const flags = [
        question.pending ? t("pending_mark") : "",
        question.hidden ? t("hidden_mark") : "",
        question.answered ? t("answered_mark") : "",
        question.pinned ? t("pinned_mark") : "",
      ].filter(Boolean);
      marks.textContent = flags.join(" · ");
      const who = [question.participant?.on_behalf ? t("on_behalf") : question.participant?.name, this.groupName(question.group_id)];
      const notes = [question.original ? t("written_as", { text: question.original }) : "", question.merged ? t("merged_count", { count: question.merged }) : ""];
      meta.textContent = [...who, ...notes].filter(Boolean).join(" · ");
      meta.hidden = !meta.textContent;
      li.classList.toggle("is-hidden", question.hidden);
      li.classList.toggle("is-highlight", question.pinned);
      approve.hidden = !question.pending;
      approve.replaceChildren(t("approve"));
      named(approve, question.text);
      answered.replaceChildren(question.answered ? t("unmark_answered") : t("mark_answered"));
      named(answered, question.text);
      answered.setAttribute("aria-pressed", String(question.answered));
      pin.replaceChildren(question.pinned ? t("unpin") : t("pin"));
      named(pin, question.text);
      pin.setAttribute("aria-pressed", String(question.pinned));
      pin.hidden = question.pending || question.hidden;
      hide.replaceChildren(question.hidden ? t("unhide") : t("hide"));
      named(hide, question.text);
      correct.replaceChildren(t("correct"));
      named(correct, question.text);
      li.setAttribute("aria-label", `${question.text}, ${count}${flags.length ? `, ${flags.join(", ")}` : ""}`);
      const glyph = el("span", "", "⋯");
      glyph.setAttribute("aria-hidden", "true");
      more.replaceChildren(glyph, el("span", "visually-hidden", `${t("question_actions")}: ${question.text}`));
      merge.replaceChildren(t("merge"));
      named(merge, question.text);
      const others = this.questions.filter((q) => q.id !== id && !q.pending);
      mergeChoices(select, others.map((q) => [q.id, q.text]), t("choose_question"));
      mergeBox.hidden = others.length === 0;
    };
    return { li, update };
  }
}

// The dashboard's part of a Questions step (see docs/STEP_KINDS.md).
export default { Panel: QuestionsPanel, resync: true, events: ["questions_changed"] };
