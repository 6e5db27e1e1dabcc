// The facilitators' notes: written under the workshop's categories (Highlights från
// dagen, Kolliderande synsätt …), edited and deleted in place; every facilitator's
// dashboard shows the same notes, and so does every scribe's page (a scribe changes
// only their own: `canEdit`). Notes never reach phones or the projector. Beside them
// on the dashboard, every card and track marked as a highlight, each with a way to its source.
import { button, clearSent, el, headedSection, nextId } from "./dom.js";

export class NotesPanel {
  constructor({ socket, t, onError, announce, canEdit = () => true, groupName = () => "" }) {
    this.socket = socket;
    this.t = t;
    this.onError = onError;
    this.announce = announce;
    this.canEdit = canEdit;
    this.groupName = groupName;
    this.categories = [];
    this.notes = [];
    this.editing = null; // the id of the note being edited
    this.highlights = []; // [{key, text, source, show()}]
    this.el = this.build();
  }

  apply(view) {
    this.categories = view.categories;
    this.notes = view.notes;
    this.render();
  }

  send(data, done = () => {}) {
    this.socket.emit("notes", data, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      done(ack);
    });
  }

  build() {
    const t = this.t;
    const { section: panel } = headedSection("panel notes-panel", t("notes"));
    this.form = el("form", "note-form stack");
    this.category = el("select");
    this.category.id = nextId("note-category");
    const categoryLabel = el("label", "", t("note_category"));
    categoryLabel.htmlFor = this.category.id;
    this.text = el("textarea");
    this.text.id = nextId("note-text");
    this.text.rows = 3;
    this.text.maxLength = 2000;
    const textLabel = el("label", "", t("note_text"));
    textLabel.htmlFor = this.text.id;
    const save = button(t("add_note"), null, "submit");
    save.className = "primary";
    this.form.append(categoryLabel, this.category, textLabel, this.text, save);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const sent = this.text.value;
      this.send({ op: "add", category: this.category.value, text: sent }, (ack) => {
        if (ack.ok) {
          clearSent(this.text, sent);
          this.announce(t("note_added"));
        }
      });
    });
    this.sections = el("div", "note-sections");
    this.marked = el("section", "note-section highlights");
    this.marked.hidden = true; // until the dashboard lists the highlights
    panel.append(this.form, this.marked, this.sections);
    return panel;
  }

  setHighlights(highlights) {
    const sig = JSON.stringify(highlights.map((h) => [h.key, h.text, h.source]));
    if (sig === this.highlightSig) return;
    this.highlightSig = sig;
    this.highlights = highlights;
    this.marked.hidden = false;
    this.renderHighlights();
  }

  renderHighlights() {
    const t = this.t;
    const list = el("ul", "note-list");
    list.append(...this.highlights.map((item) => {
      const li = el("li", "note");
      li.append(el("p", "note-text", item.text), el("p", "card-meta", item.source));
      const show = button(t("show_source"), item.show);
      show.append(el("span", "visually-hidden", `: ${item.text.slice(0, 60)}`));
      li.append(show);
      return li;
    }));
    this.marked.replaceChildren(
      el("h3", "", t("marked_highlights", { count: this.highlights.length })),
      this.highlights.length ? list : el("p", "small", t("no_highlights")),
    );
  }

  render() {
    const t = this.t;
    const sig = JSON.stringify(this.categories);
    if (this.category.dataset.sig !== sig) {
      this.category.dataset.sig = sig;
      const chosen = this.category.value;
      this.category.replaceChildren(...this.categories.map((c) => Object.assign(el("option", "", c), { value: c })));
      if (this.categories.includes(chosen)) this.category.value = chosen;
    }
    // A note's category may have left the list: it still shows, under its own heading.
    const headings = [...this.categories, ...this.notes.map((n) => n.category).filter((c) => !this.categories.includes(c))];
    this.sections.replaceChildren(...[...new Set(headings)].map((category) => {
      const notes = this.notes.filter((n) => n.category === category);
      const section = el("section", "note-section");
      section.append(el("h3", "", `${category} (${notes.length})`));
      const list = el("ul", "note-list");
      list.append(...notes.map((note) => this.noteItem(note)));
      section.append(list);
      return section;
    }));
  }

  noteItem(note) {
    const t = this.t;
    const li = el("li", "note");
    if (this.editing === note.id) {
      const form = el("form", "stack");
      const area = el("textarea");
      area.id = nextId("edit-note");
      area.value = note.text;
      area.rows = 3;
      const label = el("label", "", t("edit_note"));
      label.htmlFor = area.id;
      const save = button(t("save"), null, "submit");
      const cancel = button(t("cancel"), () => { this.editing = null; this.render(); });
      form.append(label, area, save, cancel);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.send({ op: "edit", note_id: note.id, category: note.category, text: area.value }, (ack) => {
          if (ack.ok) this.editing = null;
        });
      });
      li.append(form);
      requestAnimationFrame(() => area.focus());
      return li;
    }
    li.append(el("p", "note-text", note.text));
    const byline = [note.author || (note.scribe_id ? t("scribe") : ""), this.groupName(note.group_id)].filter(Boolean);
    if (byline.length) li.append(el("p", "card-meta", byline.join(", ")));
    if (!this.canEdit(note)) return li;
    const edit = button(t("edit"), () => { this.editing = note.id; this.render(); });
    edit.append(el("span", "visually-hidden", `: ${note.text.slice(0, 60)}`));
    const remove = button(t("delete"), () => this.send({ op: "delete", note_id: note.id }));
    remove.append(el("span", "visually-hidden", `: ${note.text.slice(0, 60)}`));
    const actions = el("div", "card-actions");
    actions.append(edit, remove);
    li.append(actions);
    return li;
  }
}
