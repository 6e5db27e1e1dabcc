// The facilitator's changes to a board, sent to the server, each remembered with the
// change that reverses it ("Ångra", or Ctrl+Z on the board). Undo is per dashboard, so it
// never reverses a colleague's move.
import { UNSORTED } from "./board_order.js";

const UNDO_DEPTH = 50;

export class BoardChanges {
  // data: the BoardData; onUndoChanged(): the last undoable change is another one.
  constructor({ stepId, socket, data, t, onError, announce, onUndoChanged }) {
    Object.assign(this, { stepId, socket, data, t, onError, announce, onUndoChanged });
    this.undoStack = []; // {label, op, data}, the last change made here at the end
  }

  send(op, data, done = () => {}) {
    this.socket.emit("board", { step_id: this.stepId, op, ...data }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      done(ack);
    });
  }

  // A change that can be undone: `reverse(ack)` gives the {op, data} that puts it back.
  change(op, data, label, reverse, done = () => {}) {
    this.send(op, data, (ack) => {
      if (ack.ok) {
        this.undoStack.push({ label, ...reverse(ack) });
        if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
        this.onUndoChanged();
      }
      done(ack);
    });
  }

  // What "Ångra" would reverse, if anything.
  lastLabel() {
    return this.undoStack.at(-1)?.label;
  }

  undo() {
    const last = this.undoStack.pop();
    this.onUndoChanged();
    if (!last) return;
    this.send(last.op, last.data, (ack) => {
      if (ack.ok) this.announce(this.t("board_undone", { what: last.label }));
    });
  }

  moveCard(cardId, themeId, index = null) {
    const { data, t } = this;
    const card = data.cards.get(cardId);
    if (!card) return;
    const from = { theme_id: card.theme_id || null, index: data.column(data.keyOf(card)).indexOf(cardId) };
    const label = t("undo_move_card", { text: short(card.text) });
    this.change("move_card", { card_id: cardId, theme_id: themeId, index }, label, () => ({
      op: "move_card", data: { card_id: cardId, ...from },
    }), (ack) => {
      if (!ack.ok) return;
      const ids = data.column(themeId ? String(themeId) : UNSORTED);
      this.announce(t("card_placed", {
        text: short(card.text), theme: this.themeName(themeId), place: ids.indexOf(cardId) + 1, count: ids.length,
      }));
    });
  }

  // Several cards placed in one change (a selection moved, the suggestions accepted):
  // moves [{card_id, theme_id, index?}]. One undo puts each back where it was: in the order
  // of their old places, each at its place, restores every column.
  placeCards(moves, label, done = () => {}) {
    const { data } = this;
    const from = moves.filter((move) => data.cards.has(move.card_id)).map((move) => {
      const card = data.cards.get(move.card_id);
      return { card_id: card.id, theme_id: card.theme_id || null, index: data.column(data.keyOf(card)).indexOf(card.id) };
    });
    if (!from.length) return;
    from.sort((a, b) => a.index - b.index);
    this.change("place_cards", { moves }, label, () => ({ op: "place_cards", data: { moves: from } }), done);
  }

  // The chosen cards to one theme (null: unsorted), after what it holds; those already
  // there stay where they are.
  moveCards(cardIds, themeId, done = () => {}) {
    const moves = cardIds.filter((id) => (this.data.cards.get(id)?.theme_id || null) !== themeId)
      .map((id) => ({ card_id: id, theme_id: themeId }));
    if (!moves.length) {
      this.announce(this.t("cards_already_there", { theme: this.themeName(themeId) }));
      return;
    }
    const label = this.t("undo_move_cards", { count: moves.length, theme: this.themeName(themeId) });
    this.placeCards(moves, label, (ack) => {
      if (ack.ok) this.announce(this.t("cards_moved", { count: moves.length, theme: this.themeName(themeId) }));
      done(ack);
    });
  }

  // Each card to its best suggested theme (suggestions: card id -> theme id), in one change.
  acceptSuggestions(suggestions, done = () => {}) {
    const moves = [...suggestions].map(([cardId, themeId]) => ({ card_id: cardId, theme_id: themeId }));
    if (!moves.length) return;
    const label = this.t("undo_accept_suggestions", { count: moves.length });
    this.placeCards(moves, label, (ack) => {
      if (ack.ok) this.announce(this.t("suggestions_accepted", { count: moves.length }));
      done(ack);
    });
  }

  // Alt+↑/↓ on a card: one place up or down in its own column.
  shiftCard(cardId, offset) {
    const card = this.data.cards.get(cardId);
    const ids = this.data.column(this.data.keyOf(card));
    const index = ids.indexOf(cardId) + offset;
    if (index < 0 || index >= ids.length) return;
    this.moveCard(cardId, card.theme_id || null, index);
  }

  setCardFlag(card, flag, on) {
    const op = flag === "hidden" ? "hide_card" : "highlight_card";
    const label = this.t(`undo_${op}_${on ? "on" : "off"}`, { text: short(card.text) });
    this.change(op, { card_id: card.id, on }, label, () => ({ op, data: { card_id: card.id, on: !on } }));
  }

  // Hide (or show) several cards, or mark them, in one change; only the cards not already
  // so change, so undo gives each back what it had.
  setCardsFlag(cardIds, flag, on) {
    const field = flag === "hidden" ? "hidden" : "highlight";
    const ids = cardIds.filter((id) => this.data.cards.has(id) && Boolean(this.data.cards.get(id)[field]) !== on);
    if (!ids.length) return;
    if (ids.length === 1) {
      this.setCardFlag(this.data.cards.get(ids[0]), flag, on);
      return;
    }
    const op = flag === "hidden" ? "hide_cards" : "highlight_cards";
    const label = this.t(`undo_${op}_${on ? "on" : "off"}`, { count: ids.length });
    this.change(op, { card_ids: ids, on }, label, () => ({ op, data: { card_ids: ids, on: !on } }));
  }

  // Set (or correct) the level of one card or several in one change ("" or null: none);
  // only the cards whose level changes are sent, so undo gives each back its own.
  setLevels(cardIds, level) {
    const wanted = level || null;
    const ids = cardIds.filter((id) => this.data.cards.has(id) && (this.data.cards.get(id).level || null) !== wanted);
    if (!ids.length) return;
    const old = ids.map((id) => ({ card_id: id, level: this.data.cards.get(id).level || null }));
    const label = ids.length === 1
      ? this.t("undo_set_level", { text: short(this.data.cards.get(ids[0]).text) })
      : this.t("undo_set_levels", { count: ids.length });
    this.change("set_levels", { changes: ids.map((id) => ({ card_id: id, level: wanted })) }, label, () => ({
      op: "set_levels", data: { changes: old },
    }), (ack) => {
      if (ack.ok) this.announce(this.t("level_set", { count: ids.length, level: wanted || this.t("no_level") }));
    });
  }

  // A facilitator's correction of a card's text (the writer's own words stay on the server).
  editCardText(card, text, done = () => {}) {
    const old = card.text;
    if (text === old) return;
    const label = this.t("undo_edit_card", { text: short(old) });
    this.change("edit_card_text", { card_id: card.id, text }, label, () => ({
      op: "edit_card_text", data: { card_id: card.id, text: old },
    }), (ack) => {
      if (ack.ok) this.announce(this.t("card_edited"));
      done(ack);
    });
  }

  // A card that says two things as two: it keeps `first`, a new card after it gets `second`.
  splitCard(card, first, second, done = () => {}) {
    const old = card.text;
    const label = this.t("undo_split_card", { text: short(old) });
    this.change("split_card", { card_id: card.id, first, second }, label, (ack) => ({
      op: "unsplit_card", data: { card_id: ack.card_id, text: old },
    }), (ack) => {
      if (ack.ok) this.announce(this.t("card_split"));
      done(ack);
    });
  }

  createTheme(name, cardIds, done) {
    const label = this.t("undo_create_theme", { name });
    this.change("create_theme", { name, card_ids: cardIds }, label, (ack) => ({
      op: "delete_theme", data: { theme_id: ack.theme_id },
    }), done);
  }

  renameTheme(themeId, name, done) {
    const old = this.themeName(themeId);
    this.change("rename_theme", { theme_id: themeId, name }, this.t("undo_rename_theme", { name: old }), () => ({
      op: "rename_theme", data: { theme_id: themeId, name: old },
    }), done);
  }

  // Deleting or merging a theme: undo makes it again at its place with its cards and themes.
  removeTheme(op, themeId, extra, labelKey) {
    const { data } = this;
    const theme = data.theme(themeId);
    const restore = {
      name: theme.name,
      parent_id: theme.parent_id || null,
      index: data.siblings(theme).indexOf(theme),
      card_ids: data.column(String(themeId)),
      child_ids: data.children(themeId).map((th) => th.id),
    };
    this.change(op, { theme_id: themeId, ...extra }, this.t(labelKey, { name: theme.name }), () => ({
      op: "create_theme", data: restore,
    }));
  }

  moveTheme(themeId, offset) {
    const theme = this.data.theme(themeId);
    const siblings = this.data.siblings(theme);
    const index = siblings.indexOf(theme) + offset;
    if (index < 0 || index >= siblings.length) return;
    this.placeTheme(themeId, theme.parent_id || null, index);
  }

  placeTheme(themeId, parentId, index) {
    const theme = this.data.theme(themeId);
    const from = { theme_id: themeId, parent_id: theme.parent_id || null, index: this.data.siblings(theme).indexOf(theme) };
    this.change("move_theme", { theme_id: themeId, parent_id: parentId, index }, this.t("undo_move_theme", { name: theme.name }), () => ({
      op: "move_theme", data: from,
    }));
  }

  askSuggestions(propose = false) {
    this.socket.emit("suggest_themes", { step_id: this.stepId, propose }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      else if (propose) this.announce(this.t("proposing"));
    });
  }

  themeName(id) {
    return this.data.theme(id)?.name || this.t("unsorted");
  }
}

// A card's text cut for a label or an announcement.
export function short(text) {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
