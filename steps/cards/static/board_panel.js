// One Cards step's board on the dashboard: new cards arrive in the inbox ("Osorterade"),
// a column of its own; the facilitator makes themes (and dimensions above them) and sorts
// the cards into them by drag and drop (board_dnd.js), by keys on a card (board_card.js)
// or many at a time (board_selection.js, board_suggestions.js). Each unsorted card offers
// its best suggested theme, never applied by itself. What the board holds is in
// board_data.js; the changes sent, and their undo, in board_changes.js; a column in
// board_column.js; filter and find in board_filters.js. Views are kept and updated in
// place, so focus and a half-typed name survive cards arriving.
import { fitWords } from "/static/js/fit_words.js";
import { placeAfter } from "/static/js/keyed.js";
import { BoardChanges } from "./board_changes.js";
import { cardView } from "./board_card.js";
import { columnView } from "./board_column.js";
import { BoardData } from "./board_data.js";
import { BoardFilters } from "./board_filters.js";
import { UNSORTED } from "./board_order.js";
import { CardSelection } from "./board_selection.js";
import { AcceptMany, ProposalPiles, suggestedCards } from "./board_suggestions.js";
import { button, clearSent, el, nextId, textField } from "/f/static/dom.js";

export class BoardPanel {
  constructor(step, { socket, t, onError, announce, groupName, promote, canPromote, levels = () => [], title = (s) => s.title }) {
    this.promote = promote;
    this.levels = levels; // the workshop's levels, in order
    this.canPromote = canPromote;
    this.t = t;
    this.announce = announce;
    this.groupName = groupName;
    this.title = title; // a discussion's answers are named apart from the discussion itself
    this.data = new BoardData(step);
    this.changes = new BoardChanges({
      stepId: step.id, socket, data: this.data, t, onError, announce, onUndoChanged: () => this.renderUndo(),
    });
    this.cardViews = new Map(); // card id -> {li, update}
    this.columnViews = new Map(); // column key -> {section, list, update}
    this.nextSuggestion = new Map(); // card id -> how many times S turned its suggestion
    this.folded = new Set(); // keys of the columns whose cards are folded away
    this.el = this.build();
    this.reset(step);
  }

  update(step) {
    this.step = { ...this.step, ...step };
  }

  // The highlighted cards still shown, for the notes panel: [{key, text, show}].
  highlights(reveal) {
    return [...this.data.cards.values()].filter((card) => card.highlight && !card.hidden).map((card) => (
      { key: `c${card.id}`, text: card.text, show: () => reveal(this.cardViews.get(card.id)?.li) }
    ));
  }

  reset(step) {
    this.step = step;
    this.data.reset(step);
    this.render();
  }

  // What arrives changes the data; the dashboard draws the board when it is shown, once
  // per frame however many events came (facilitator/static/dashboard.js).
  applyCards(message) {
    this.data.applyCards(message);
  }

  applyBoard(message) {
    this.data.applyBoard(message);
  }

  setThemes(themes) {
    this.data.themes = themes;
  }

  setSuggestions(message) {
    this.data.setSuggestions(message);
    if (message.proposals) this.proposals.show(message.proposals);
  }

  total() {
    return this.data.cards.size;
  }

  renderUndo() {
    const label = this.changes.lastLabel();
    this.undoButton.hidden = !label;
    if (label) this.undoButton.textContent = this.t("board_undo", { what: label });
  }

  // --- view ------------------------------------------------------------------------------

  build() {
    const t = this.t;
    const panel = el("section", "panel board-panel");
    this.heading = el("h3");
    this.heading.id = nextId("board-heading");
    panel.setAttribute("aria-labelledby", this.heading.id);
    this.summary = el("p", "summary");

    const toolbar = el("div", "toolbar board-toolbar");
    this.newTheme = el("form", "new-theme");
    const { label, input } = textField("theme-name", t("new_theme"), 120);
    const add = button(t("add_theme"), null, "submit");
    this.newTheme.append(label, input, add);
    this.newTheme.addEventListener("submit", (event) => {
      event.preventDefault();
      const sent = input.value;
      this.changes.createTheme(sent, [], (ack) => {
        if (ack.ok) clearSent(input, sent);
      });
    });
    this.proposeButton = button(t("propose_themes"), () => this.changes.askSuggestions(true));
    this.suggestButton = button(t("suggest"), () => this.changes.askSuggestions(false));
    this.acceptMany = new AcceptMany(this);
    this.acceptManyButton = button(t("accept_many"), () => this.acceptMany.open());
    this.acceptManyButton.hidden = true;
    this.undoButton = button("", () => this.changes.undo());
    this.undoButton.hidden = true;
    toolbar.append(this.newTheme, this.suggestButton, this.acceptManyButton, this.proposeButton, this.undoButton);
    // Read with each card by screen readers; on screen, "Kortkommandon" (or ?) lists the keys.
    const keys = el("p", "visually-hidden", t("board_keys"));
    keys.id = nextId("board-keys");
    this.keysHint = keys.id;
    const renameHint = el("span", "visually-hidden", t("rename_hint"));
    renameHint.id = nextId("rename-hint");
    this.renameHint = renameHint.id;
    keys.append(renameHint);

    this.filters = new BoardFilters({ t, groupName: this.groupName, onChange: () => this.render() });
    this.proposals = new ProposalPiles(this);
    // New cards arrive in the inbox ("Osorterade"), a column of its own at the side, so
    // what the facilitator is sorting into the themes never moves under the pointer.
    this.columns = el("div", "board-columns");
    this.inbox = el("div", "board-inbox");
    this.themeColumns = el("div", "theme-columns");
    this.columns.append(this.inbox, this.themeColumns);
    this.selection = new CardSelection(this);
    panel.append(
      this.heading, this.summary, toolbar, keys, this.filters.el, this.proposals.el, this.columns, this.selection.bar,
      this.acceptMany.dialog,
    );
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.selection.size && !event.target.closest("input, textarea, select, dialog, .card-actions, .move-form")) {
        this.selection.clear();
        return;
      }
      if (event.key !== "z" || !(event.ctrlKey || event.metaKey) || event.shiftKey) return;
      if (event.target.closest("input, textarea, select")) return; // the field's own undo
      event.preventDefault();
      this.changes.undo();
    });
    return panel;
  }

  render() {
    const t = this.t;
    const step = this.step;
    this.heading.textContent = this.title(step);
    const based = Boolean(step.based_on_step_id);
    this.newTheme.hidden = based;
    this.proposeButton.hidden = based;
    this.suggestButton.hidden = based;
    const unsorted = (this.data.order[UNSORTED] || []).length;
    this.summary.textContent = this.data.cards.size
      ? t("cards_summary", { count: this.data.cards.size, themes: this.data.themes.length, unsorted })
      : t("no_cards");
    this.suggestButton.disabled = unsorted === 0 || this.data.themes.length === 0;
    this.acceptManyButton.hidden = based || suggestedCards(this, false).size === 0;
    const values = this.filters.render(this.data.cards);
    // A card's category is worth a label unless the step has one category for all its
    // cards (a discussion's answers are filed under their question: always shown).
    const categories = step.settings?.categories;
    this.manyCategories = !(Array.isArray(categories) && categories.length <= 1) || values.category.size > 1;
    const focused = document.activeElement;
    const keys = this.columnKeys();
    let previous = null;
    for (const key of keys) {
      let view = this.columnViews.get(key);
      if (!view) {
        view = columnView(this, key);
        this.columnViews.set(key, view);
      }
      view.update();
      if (key === UNSORTED) placeAfter(this.inbox, view.section, null);
      else previous = placeAfter(this.themeColumns, view.section, previous);
    }
    for (const [key, view] of this.columnViews) {
      if (!keys.includes(key)) {
        view.section.remove();
        this.columnViews.delete(key);
      }
    }
    for (const [id, view] of this.cardViews) {
      if (!this.data.cards.has(id)) {
        view.li.remove();
        this.cardViews.delete(id);
      }
    }
    this.selection.render();
    this.fitLongWords();
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  // A theme name or card whose longest word is wider than its column takes a smaller size
  // instead of breaking mid-word (fit_words.js), once it is laid out (not while hidden).
  fitLongWords() {
    if (!this.el.isConnected) { // drawn before the dashboard places it: fitted in the next frame
      requestAnimationFrame(() => this.el.isConnected && this.fitLongWords());
      return;
    }
    const names = [...this.el.querySelectorAll(".theme-name[data-fit], .card-text[data-fit]")].filter((n) => n.clientWidth);
    fitWords(names);
    for (const name of names) delete name.dataset.fit;
  }

  // The columns in board order: the inbox, then each theme with the themes under it.
  columnKeys() {
    return [UNSORTED, ...this.data.inOrder().map((th) => String(th.id))];
  }

  // ←/→ from a card: the card at about its place in the nearest open column that side.
  across(id, offset) {
    const key = this.data.keyOf(this.data.cards.get(id));
    const keys = this.columnKeys();
    const at = this.shownIn(key).indexOf(id);
    for (let k = keys.indexOf(key) + offset; k >= 0 && k < keys.length; k += offset) {
      const ids = this.folded.has(keys[k]) ? [] : this.shownIn(keys[k]);
      if (ids.length) return ids[Math.min(at, ids.length - 1)];
    }
    return undefined;
  }

  // The ids of a column's cards that the filters let through, in order.
  shownIn(key) {
    return this.data.column(key).filter((id) => this.matches(this.data.cards.get(id)));
  }

  // The next or previous shown card in a card's column.
  neighbour(id, offset) {
    const ids = this.shownIn(this.data.keyOf(this.data.cards.get(id)));
    return ids[ids.indexOf(id) + offset];
  }

  focusCard(id) {
    this.cardViews.get(id)?.li.focus();
  }

  matches(card) {
    return this.filters.matches(card);
  }

  // The theme a number key sends a card to: the nth theme in board order (1–10, the
  // tenth on the key 0).
  numberedTheme(n) {
    const key = n <= 10 ? this.columnKeys()[n] : undefined;
    return key === undefined ? undefined : Number(key);
  }

  // A column's number key, if it has one (the inbox and themes after the tenth have none).
  themeNumber(key) {
    const at = this.columnKeys().indexOf(key);
    return at > 0 && at <= 10 ? at % 10 : null;
  }

  // A card sent to another column by a key: the focus stays where the card was, on the
  // card that takes its place (or the one before it), so the next key sorts the next card.
  sendCard(id, themeId) {
    const card = this.data.cards.get(id);
    if (!card) return;
    if ((card.theme_id || null) !== themeId && document.activeElement === this.cardViews.get(id)?.li) {
      const next = this.neighbour(id, 1) ?? this.neighbour(id, -1);
      if (next !== undefined) this.focusCard(next);
    }
    this.changes.moveCard(id, themeId);
  }

  fillCards(list, ids) {
    let previous = null;
    for (const id of ids) {
      let view = this.cardViews.get(id);
      if (!view) {
        view = cardView(this, id);
        this.cardViews.set(id, view);
      }
      const card = this.data.cards.get(id);
      view.update(card);
      view.li.hidden = !this.matches(card);
      previous = placeAfter(list, view.li, previous);
    }
    // What is left after the column's cards left it; its new column places it again.
    let extra = previous ? previous.nextElementSibling : list.firstElementChild;
    while (extra) {
      const next = extra.nextElementSibling;
      extra.remove();
      extra = next;
    }
  }
}
