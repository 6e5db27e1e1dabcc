// What a Cards step's board holds on the dashboard: the cards, the themes, the order of
// each column and the suggested themes of the unsorted cards, kept from the snapshot and
// the server's events. The server orders every change, and each event carries the order
// of the columns it touched, so two facilitators' boards converge.
import { UNSORTED, appendNew } from "./board_order.js";

const MAX_DEPTH = 2; // dimension → theme → sub-theme

export class BoardData {
  constructor(step) {
    this.suggestions = new Map(); // card id -> theme ids
    this.sure = new Set(); // ids of the cards whose best suggestion is sure (analysis/clustering.py)
    this.reset(step);
  }

  reset(step) {
    this.cards = new Map((step.cards || []).map((c) => [c.id, c])); // card id -> card
    this.themes = step.themes || [];
    this.order = step.order || { [UNSORTED]: [] }; // column key -> card ids
  }

  applyCards(message) {
    for (const card of message.cards) {
      for (const ids of Object.values(this.order)) {
        const at = ids.indexOf(card.id);
        if (at >= 0) ids.splice(at, 1);
      }
      if (card.withdrawn) this.cards.delete(card.id);
      else this.cards.set(card.id, card);
      if (card.theme_id) this.suggestions.delete(card.id);
    }
    Object.assign(this.order, message.order);
    appendNew(this.order, message);
  }

  applyBoard(message) {
    this.themes = message.themes;
    this.order = message.order;
  }

  setSuggestions(message) {
    const sure = new Set(message.sure || []);
    for (const [cardId, themeIds] of Object.entries(message.suggestions || {})) {
      this.suggestions.set(Number(cardId), themeIds);
      if (sure.has(Number(cardId))) this.sure.add(Number(cardId));
      else this.sure.delete(Number(cardId));
    }
  }

  // Whether a card's best suggestion leads the others by enough to be taken unseen.
  isSure(cardId) {
    return this.sure.has(cardId);
  }

  // The shown cards of a column, in order.
  column(key) {
    return (this.order[key] || []).filter((id) => this.cards.has(id));
  }

  keyOf(card) {
    return card.theme_id ? String(card.theme_id) : UNSORTED;
  }

  theme(id) {
    return this.themes.find((th) => th.id === id);
  }

  // A theme's siblings (under the same dimension, or at the top), in board order.
  siblings(theme) {
    return this.themes.filter((th) => (th.parent_id || null) === (theme.parent_id || null));
  }

  children(themeId) {
    return this.themes.filter((th) => th.parent_id === themeId);
  }

  // The themes above a theme, outermost first.
  ancestors(theme) {
    const found = [];
    for (let above = this.theme(theme.parent_id); above && found.length < MAX_DEPTH + 1; above = this.theme(above.parent_id)) {
      found.unshift(above);
    }
    return found;
  }

  // How many levels of themes a theme has under it (0: none).
  height(themeId) {
    const children = this.children(themeId);
    return children.length ? 1 + Math.max(...children.map((c) => this.height(c.id))) : 0;
  }

  // The themes a theme may go under: not itself or one of its own, and three levels at
  // most (steps/cards/board.py MAX_DEPTH).
  placesFor(themeId) {
    const below = this.height(themeId);
    return this.themes.filter((th) => th.id !== themeId
      && !this.ancestors(th).some((a) => a.id === themeId)
      && this.ancestors(th).length + 1 + below <= MAX_DEPTH);
  }

  // Every theme in board order: each followed by the themes under it.
  inOrder(parentId = null) {
    return this.themes.filter((th) => (th.parent_id || null) === parentId)
      .flatMap((th) => [th, ...this.inOrder(th.id)]);
  }

  // The still-existing themes suggested for an unsorted card.
  suggested(card) {
    if (card.theme_id) return [];
    return (this.suggestions.get(card.id) || []).filter((tid) => this.themes.some((th) => th.id === tid));
  }
}
