// A Cards step's board as the room sees it: themes with their cards in large type,
// the unsorted cards first while there are any, and for a step built on themes one
// column per category (Hinder | Möjligheter) under each theme. Hidden cards never
// arrive here. A board taller than the screen flows into columns to the right and
// is shown a page at a time. Participants' text is only ever set as textContent.
import { fitWords } from "/static/js/fit_words.js";
import { UNSORTED, appendNew } from "./board_order.js";

const PAGE_SECONDS = 12;

export class ProjectorBoard {
  constructor(container, pageLabel, t) {
    this.container = container;
    this.pageLabel = pageLabel;
    this.t = t;
    this.page = 0;
    this.paused = false; // Space stops the turning of pages (WCAG 2.2.2); arrows turn by hand
    this.reset(null);
    setInterval(() => this.turnPage(), PAGE_SECONDS * 1000);
    window.addEventListener("resize", () => {
      this.fitWords();
      this.paginate();
    });
  }

  reset(step) {
    this.step = step;
    this.cards = new Map((step?.cards || []).map((c) => [c.id, c]));
    this.themes = step?.themes || [];
    this.order = step?.order || {};
  }

  applyCards(message) {
    for (const id of [...message.removed, ...message.cards.map((c) => c.id)]) {
      this.cards.delete(id);
      for (const ids of Object.values(this.order)) {
        const at = ids.indexOf(id);
        if (at >= 0) ids.splice(at, 1);
      }
    }
    for (const card of message.cards) this.cards.set(card.id, card);
    Object.assign(this.order, message.order);
    appendNew(this.order, message);
  }

  applyBoard(message) {
    this.themes = message.themes;
    this.order = message.order;
  }

  total() {
    return this.cards.size;
  }

  render() {
    const t = this.t;
    const categories = this.step?.settings?.categories || [];
    const split = Boolean(this.step?.based_on_step_id) && categories.length > 1;
    const blocks = [];
    const unsorted = this.idsOf(UNSORTED);
    if (unsorted.length) blocks.push(this.block(t("unsorted"), unsorted, split, categories, "is-unsorted"));
    // A theme with themes under it is a heading (a dimension), its own cards and its
    // themes a level down; three levels at most (h2, h3, h4).
    const add = (theme, depth) => {
      const children = this.themes.filter((c) => c.parent_id === theme.id);
      const own = this.idsOf(String(theme.id));
      const level = `h${2 + depth}`;
      if (!children.length) {
        blocks.push(this.block(theme.name, own, split, categories, "", level));
        return;
      }
      const dimension = document.createElement(level);
      dimension.className = "dimension";
      dimension.textContent = theme.name;
      blocks.push(dimension);
      if (own.length) blocks.push(this.block(theme.name, own, split, categories, "", `h${3 + depth}`));
      for (const child of children) add(child, depth + 1);
    };
    for (const theme of this.themes.filter((th) => !th.parent_id)) add(theme, 0);
    this.container.replaceChildren(...blocks);
    this.fit(blocks.filter((b) => b.classList.contains("theme-block")).length, split);
    this.fitWords();
    this.paginate();
  }

  // No word breaks in the middle: a card or heading too narrow for its longest word
  // takes a smaller size (see fit_words.js).
  fitWords() {
    fitWords(this.container.querySelectorAll(".board-cards li, .theme-block > :is(h2, h3, h4), .category-columns :is(h3, h4, h5)"));
  }

  // Few themes use the whole screen: a theme split into Hinder | Möjligheter gets a column
  // of its own (up to three); a board that fits on one screen is balanced across its
  // columns, and a single theme's cards continue in the next column. A board larger than the screen fills column by column and pages.
  fit(themes, split) {
    const board = this.container;
    const columns = split ? Math.min(3, Math.max(1, themes)) : 3;
    board.classList.remove("cols-1", "cols-2", "cols-3", "is-balanced", "is-loose");
    board.classList.add(`cols-${columns}`, "is-balanced");
    board.classList.toggle("is-loose", !split && themes === 1);
    if (this.pages() > 1) board.classList.remove("is-balanced", "is-loose");
  }

  idsOf(key) {
    return (this.order[key] || []).filter((id) => this.cards.has(id));
  }

  // A theme is a heading under the prompt (h2), or under its dimension (h3, h4).
  block(name, ids, split, categories, extra = "", level = "h2") {
    const section = document.createElement("section");
    section.className = `theme-block ${extra}`.trim();
    const heading = document.createElement(level);
    heading.textContent = name;
    section.append(heading);
    if (!split) {
      section.append(this.list(ids));
      return section;
    }
    const columns = document.createElement("div");
    columns.className = "category-columns";
    for (const category of categories) {
      const column = document.createElement("div");
      const title = document.createElement(`h${Number(level.slice(1)) + 1}`);
      title.textContent = category;
      column.append(title, this.list(ids.filter((id) => this.cards.get(id).category === category)));
      columns.append(column);
    }
    section.append(columns);
    return section;
  }

  list(ids) {
    const ul = document.createElement("ul");
    ul.className = "board-cards";
    for (const id of ids) {
      const card = this.cards.get(id);
      const li = document.createElement("li");
      li.textContent = shortened(card.text);
      if (card.highlight) {
        li.classList.add("is-highlight");
        const star = document.createElement("span");
        star.className = "visually-hidden";
        star.textContent = ` (${this.t("highlight")})`;
        li.append(star);
      }
      ul.append(li);
    }
    return ul;
  }

  pages() {
    const width = this.container.clientWidth;
    return width ? Math.max(1, Math.round(this.container.scrollWidth / width)) : 1;
  }

  paginate() {
    const pages = this.pages();
    if (this.page >= pages) this.page = 0;
    this.container.scrollLeft = this.page * this.container.clientWidth;
    this.pageLabel.hidden = pages < 2;
    const label = this.t("page", { page: this.page + 1, pages });
    this.pageLabel.textContent = this.paused ? `${label} ${this.t("paused")}` : label;
  }

  turnPage(by = 1, byHand = false) {
    if (!this.step || this.container.hidden || (this.paused && !byHand)) return;
    this.page = (this.page + by + this.pages()) % this.pages();
    this.paginate();
  }

  togglePause() {
    this.paused = !this.paused;
    this.paginate();
  }
}

// A long card (a reflection, a transcribed quote) cut at a word on the big screen, as the
// deck does (export/slides.py SLIDE_TEXT); the board, the report and the notes have it all.
const SCREEN_TEXT = 320;
export function shortened(text) {
  if (text.length <= SCREEN_TEXT) return text;
  const cut = text.slice(0, SCREEN_TEXT - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–]+$/u, "")}…`;
}
