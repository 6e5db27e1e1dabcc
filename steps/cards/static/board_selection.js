// Several cards of a board chosen at once (Ctrl or Shift with a click; Space, Shift+↑/↓
// on a card) and acted on together: moved, hidden, highlighted, given a level or sent to
// their suggested themes in one change with one undo (board_changes.js). The bar with those
// actions floats at the foot of the screen, so choosing never moves the board.
import { UNSORTED } from "./board_order.js";
import { button, el, nextId } from "/f/static/dom.js";
import { fillOptions, themeSelect } from "./board_fields.js";

export class CardSelection {
  // panel: the BoardPanel (its data, changes, filters and card views).
  constructor(panel) {
    this.panel = panel;
    this.ids = new Set(); // the chosen cards
    this.anchor = null; // the card a Shift click or Shift+arrow extends the choice from
    this.bar = this.build();
  }

  has(id) {
    return this.ids.has(id);
  }

  get size() {
    return this.ids.size;
  }

  build() {
    const { t } = this.panel;
    const bar = el("div", "selection-bar");
    bar.setAttribute("role", "region");
    this.count = el("p", "selection-count");
    this.count.id = nextId("selection-count");
    bar.setAttribute("aria-labelledby", this.count.id);
    const form = el("form", "selection-move");
    this.target = themeSelect(t("move_to"));
    form.append(this.target.wrap, button(t("move"), null, "submit"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.moveTo(Number(this.target.select.value) || null);
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target === this.target.select) {
        event.preventDefault(); // a select does not submit its form by itself
        form.requestSubmit();
      }
    });
    const levelForm = el("form", "selection-move selection-level");
    this.level = themeSelect(t("level_of_card"));
    levelForm.append(this.level.wrap, button(t("set_level_button"), null, "submit"));
    levelForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.panel.changes.setLevels(this.inOrder(), this.level.select.value);
    });
    levelForm.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target === this.level.select) {
        event.preventDefault();
        levelForm.requestSubmit();
      }
    });
    this.hide = button("", () => this.flag("hidden"));
    this.star = button("", () => this.flag("highlight"));
    this.accept = button("", () => this.acceptSuggestions());
    const clear = button(t("clear_selection"), () => this.clear());
    bar.append(this.count, form, levelForm, this.hide, this.star, this.accept, clear);
    bar.hidden = true;
    return bar;
  }

  // After the board is drawn: the cards gone leave the choice; the bar tells what is chosen.
  render() {
    const { t, data } = this.panel;
    for (const id of this.ids) {
      if (!data.cards.has(id)) this.ids.delete(id);
    }
    this.bar.hidden = this.ids.size === 0;
    this.panel.el.classList.toggle("has-selection", this.ids.size > 0);
    if (!this.ids.size) return;
    const cards = [...this.ids].map((id) => data.cards.get(id));
    this.count.textContent = t("cards_selected", { count: this.ids.size });
    const options = [[0, t("unsorted")], ...data.themes.map((th) => [th.id, th.name])];
    fillOptions(this.target.select, options, this.target.select.value || 0);
    const levels = this.panel.levels();
    fillOptions(this.level.select, [["", t("no_level")], ...levels.map((l) => [l, l])], this.level.select.value || "");
    this.hide.textContent = cards.every((c) => c.hidden) ? t("unhide") : t("hide");
    this.star.textContent = cards.every((c) => c.highlight) ? t("unhighlight") : t("mark_highlight");
    const suggested = this.suggestions().size;
    this.accept.hidden = suggested === 0;
    this.accept.textContent = t("accept_suggestions_count", { count: suggested });
  }

  // The chosen cards to one theme (null: the inbox), the focus on the first of them.
  moveTo(themeId) {
    const ids = this.inOrder();
    this.panel.changes.moveCards(ids, themeId, (ack) => {
      if (!ack.ok) return;
      this.clear(false); // draws the board: the cards are in their new column
      this.panel.focusCard(ids[0]);
    });
  }

  // The chosen cards in board order (as they stand in their columns).
  inOrder() {
    const { data } = this.panel;
    const keys = [UNSORTED, ...data.themes.map((th) => String(th.id))];
    return keys.flatMap((key) => data.column(key)).filter((id) => this.ids.has(id));
  }

  // Card id -> its best suggested theme, for the chosen cards that have one.
  suggestions() {
    const { data } = this.panel;
    const found = new Map();
    for (const id of this.inOrder()) {
      const best = data.suggested(data.cards.get(id))[0];
      if (best) found.set(id, best);
    }
    return found;
  }

  // What a key or a drag on a card acts on: the choice when the card is in it, else the card.
  with(id) {
    return this.ids.has(id) && this.ids.size > 1 ? this.inOrder() : [id];
  }

  // Whether keys on this card act on several cards.
  isMany(id) {
    return this.ids.has(id) && this.ids.size > 1;
  }

  // Space or Ctrl+click: this card in or out of the choice, and the anchor of a range.
  toggle(id) {
    this.anchor = id;
    this.choose([id], !this.ids.has(id));
  }

  // Shift with a click or an arrow: the choice is the range from the anchor (Ctrl adds it).
  chooseRange(id, keep = false) {
    if (this.anchor === null) this.anchor = id;
    if (!keep) this.ids.clear();
    this.choose(this.range(id));
  }

  // Shift+↑/↓ from a card: the range grows from where the choosing began.
  extendTo(from, to) {
    if (this.anchor === null || !this.ids.has(this.anchor)) this.anchor = from;
    this.chooseRange(to);
  }

  // A plain click on a card outside the choice starts again from that card.
  startAt(id) {
    if (this.ids.has(id)) return;
    this.clear(false);
    this.anchor = id;
  }

  choose(ids, on = true) {
    for (const id of ids) {
      if (on) this.ids.add(id);
      else this.ids.delete(id);
    }
    this.panel.render();
    this.panel.announce(this.panel.t("cards_selected", { count: this.ids.size }));
  }

  clear(announce = true) {
    if (!this.ids.size) return;
    this.ids.clear();
    this.anchor = null;
    this.panel.render();
    if (announce) this.panel.announce(this.panel.t("selection_cleared"));
  }

  // The shown cards from the anchor to `id`, when both are in one column.
  range(id) {
    const { data } = this.panel;
    const card = data.cards.get(id);
    const anchor = data.cards.get(this.anchor);
    if (!anchor || data.keyOf(anchor) !== data.keyOf(card)) return [id];
    const ids = this.panel.shownIn(data.keyOf(card));
    const [from, to] = [ids.indexOf(this.anchor), ids.indexOf(id)].sort((a, b) => a - b);
    return from < 0 ? [id] : ids.slice(from, to + 1);
  }

  // Hide (or show, when all are hidden) the cards; highlight likewise.
  flag(flag, ids = this.inOrder()) {
    const field = flag === "hidden" ? "hidden" : "highlight";
    const on = !ids.every((id) => this.panel.data.cards.get(id)?.[field]);
    this.panel.changes.setCardsFlag(ids, flag, on);
  }

  acceptSuggestions() {
    this.panel.changes.acceptSuggestions(this.suggestions(), (ack) => {
      if (ack.ok) this.clear(false);
    });
  }
}
