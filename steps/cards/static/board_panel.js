// One Cards step's board on the dashboard: new cards arrive in "Osorterade"; the
// facilitator makes themes (and dimensions above them), moves cards by drag and drop
// or by keyboard (focus a card, "Flytta", choose a theme), hides cards and marks
// highlights. Suggested themes for unsorted cards are offered, never applied.
// The server orders every change, and each event carries the order of the columns it
// touched, so two facilitators' boards converge. Views are kept and updated in place,
// so focus and a half-typed name survive cards arriving.
// Each change made here is remembered with the change that reverses it ("Ångra", or
// Ctrl+Z on the board); undo is per dashboard, so it never reverses a colleague's move.
import { placeAfter } from "/static/js/keyed.js";
import { UNSORTED, appendNew } from "./board_order.js";
import { button, clearSent, el, named, nextId, textField } from "/f/static/dom.js";

export class BoardPanel {
  update(step) {
    this.step = { ...this.step, ...step };
  }

  // The highlighted cards still shown, for the notes panel: [{key, text, show}].
  highlights(reveal) {
    return [...this.cards.values()].filter((card) => card.highlight && !card.hidden).map((card) => (
      { key: `c${card.id}`, text: card.text, show: () => reveal(this.cardViews.get(card.id)?.li) }
    ));
  }

  constructor(step, { socket, t, onError, announce, groupName, promote, canPromote, title = (s) => s.title }) {
    this.stepId = step.id;
    this.promote = promote;
    this.canPromote = canPromote;
    this.socket = socket;
    this.t = t;
    this.onError = onError;
    this.announce = announce;
    this.groupName = groupName;
    this.title = title; // a discussion's answers are named apart from the discussion itself
    this.cards = new Map(); // card id -> card
    this.themes = [];
    this.order = {}; // column key -> card ids
    this.suggestions = new Map(); // card id -> theme ids
    this.cardViews = new Map(); // card id -> {li, update}
    this.columnViews = new Map(); // column key -> {section, list, update}
    this.filters = { group: "", category: "", level: "" };
    this.undoStack = []; // {label, op, data}, the last change made here at the end
    this.el = this.build();
    this.reset(step);
  }

  // --- data -----------------------------------------------------------------------------

  reset(step) {
    this.step = step;
    this.cards = new Map((step.cards || []).map((c) => [c.id, c]));
    this.themes = step.themes || [];
    this.order = step.order || { [UNSORTED]: [] };
    this.render();
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
    this.render();
  }

  applyBoard(message) {
    this.themes = message.themes;
    this.order = message.order;
    this.render();
  }

  setThemes(themes) {
    this.themes = themes;
    this.render();
  }

  setSuggestions(message) {
    for (const [cardId, themeIds] of Object.entries(message.suggestions || {})) {
      this.suggestions.set(Number(cardId), themeIds);
    }
    if (message.proposals) this.showProposals(message.proposals);
    this.render();
  }

  total() {
    return this.cards.size;
  }

  themeName(id) {
    return this.themes.find((th) => th.id === id)?.name || this.t("unsorted");
  }

  // --- sending --------------------------------------------------------------------------

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
        if (this.undoStack.length > 50) this.undoStack.shift();
        this.renderUndo();
      }
      done(ack);
    });
  }

  undo() {
    const last = this.undoStack.pop();
    this.renderUndo();
    if (!last) return;
    this.send(last.op, last.data, (ack) => {
      if (ack.ok) this.announce(this.t("board_undone", { what: last.label }));
    });
  }

  renderUndo() {
    const last = this.undoStack.at(-1);
    this.undoButton.hidden = !last;
    if (last) this.undoButton.textContent = this.t("board_undo", { what: last.label });
  }

  column(key) {
    return (this.order[key] || []).filter((id) => this.cards.has(id));
  }

  keyOf(card) {
    return card.theme_id ? String(card.theme_id) : UNSORTED;
  }

  moveCard(cardId, themeId, index = null) {
    const card = this.cards.get(cardId);
    if (!card) return;
    const from = { theme_id: card.theme_id || null, index: this.column(this.keyOf(card)).indexOf(cardId) };
    const label = this.t("undo_move_card", { text: short(card.text) });
    this.change("move_card", { card_id: cardId, theme_id: themeId, index }, label, () => ({
      op: "move_card", data: { card_id: cardId, ...from },
    }), (ack) => {
      if (!ack.ok) return;
      const key = themeId ? String(themeId) : UNSORTED;
      const ids = this.column(key);
      this.announce(this.t("card_placed", {
        text: short(card.text), theme: this.themeName(themeId), place: ids.indexOf(cardId) + 1, count: ids.length,
      }));
    });
  }

  // Alt+↑/↓ on a card: one place up or down in its own column.
  shiftCard(cardId, offset) {
    const card = this.cards.get(cardId);
    const ids = this.column(this.keyOf(card));
    const index = ids.indexOf(cardId) + offset;
    if (index < 0 || index >= ids.length) return;
    this.moveCard(cardId, card.theme_id || null, index);
  }

  setCardFlag(card, flag, on) {
    const op = flag === "hidden" ? "hide_card" : "highlight_card";
    const label = this.t(`undo_${op}_${on ? "on" : "off"}`, { text: short(card.text) });
    this.change(op, { card_id: card.id, on }, label, () => ({ op, data: { card_id: card.id, on: !on } }));
  }

  createTheme(name, cardIds, done) {
    const label = this.t("undo_create_theme", { name });
    this.change("create_theme", { name, card_ids: cardIds }, label, (ack) => ({
      op: "delete_theme", data: { theme_id: ack.theme_id },
    }), done);
  }

  // Deleting or merging a theme: undo makes it again at its place with its cards and themes.
  removeTheme(op, themeId, data, labelKey) {
    const theme = this.themes.find((th) => th.id === themeId);
    const siblings = this.themes.filter((th) => (th.parent_id || null) === (theme.parent_id || null));
    const restore = {
      name: theme.name,
      parent_id: theme.parent_id || null,
      index: siblings.indexOf(theme),
      card_ids: this.column(String(themeId)),
      child_ids: this.themes.filter((th) => th.parent_id === themeId).map((th) => th.id),
    };
    this.change(op, { theme_id: themeId, ...data }, this.t(labelKey, { name: theme.name }), () => ({
      op: "create_theme", data: restore,
    }));
  }

  askSuggestions(propose = false) {
    this.socket.emit("suggest_themes", { step_id: this.stepId, propose }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
      else if (propose) this.announce(this.t("proposing"));
    });
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
      this.createTheme(sent, [], (ack) => {
        if (ack.ok) clearSent(input, sent);
      });
    });
    this.proposeButton = button(t("propose_themes"), () => this.askSuggestions(true));
    this.suggestButton = button(t("suggest"), () => this.askSuggestions(false));
    this.undoButton = button("", () => this.undo());
    this.undoButton.hidden = true;
    toolbar.append(this.newTheme, this.suggestButton, this.proposeButton, this.undoButton);
    const keys = el("p", "hint", t("board_keys"));
    keys.id = nextId("board-keys");
    this.keysHint = keys.id;

    this.filterBar = el("div", "filters");
    this.filterSelects = {};
    for (const name of ["group", "category", "level"]) {
      const select = el("select");
      select.id = nextId(`filter-${name}`);
      const filterLabel = el("label", "", t(`filter_${name}`));
      filterLabel.htmlFor = select.id;
      select.addEventListener("change", () => {
        this.filters[name] = select.value;
        this.render();
      });
      const wrap = el("div", "filter");
      wrap.append(filterLabel, select);
      this.filterSelects[name] = { wrap, select };
      this.filterBar.append(wrap);
    }

    this.proposals = el("section", "proposals");
    this.proposals.hidden = true;
    this.columns = el("div", "board-columns");
    panel.append(this.heading, this.summary, toolbar, keys, this.filterBar, this.proposals, this.columns);
    panel.addEventListener("keydown", (event) => {
      if (event.key !== "z" || !(event.ctrlKey || event.metaKey) || event.shiftKey) return;
      if (event.target.closest("input, textarea, select")) return; // the field's own undo
      event.preventDefault();
      this.undo();
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
    const unsorted = (this.order[UNSORTED] || []).length;
    this.summary.textContent = this.cards.size
      ? t("cards_summary", { count: this.cards.size, themes: this.themes.length, unsorted })
      : t("no_cards");
    this.suggestButton.disabled = unsorted === 0 || this.themes.length === 0;
    this.renderFilters();
    const focused = document.activeElement;
    const keys = [UNSORTED, ...this.themes.filter((th) => !th.parent_id).flatMap((th) => [
      String(th.id),
      ...this.themes.filter((c) => c.parent_id === th.id).map((c) => String(c.id)),
    ])];
    let previous = null;
    for (const key of keys) {
      let view = this.columnViews.get(key);
      if (!view) {
        view = this.buildColumn(key);
        this.columnViews.set(key, view);
      }
      view.update();
      previous = placeAfter(this.columns, view.section, previous);
    }
    for (const [key, view] of this.columnViews) {
      if (!keys.includes(key)) {
        view.section.remove();
        this.columnViews.delete(key);
      }
    }
    for (const [id, view] of this.cardViews) {
      if (!this.cards.has(id)) {
        view.li.remove();
        this.cardViews.delete(id);
      }
    }
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  renderFilters() {
    const t = this.t;
    const values = { group: new Set(), category: new Set(), level: new Set() };
    for (const card of this.cards.values()) {
      if (card.group_id) values.group.add(String(card.group_id));
      values.category.add(card.category);
      if (card.level) values.level.add(card.level);
    }
    for (const [name, { wrap, select }] of Object.entries(this.filterSelects)) {
      const options = [...values[name]].sort();
      wrap.hidden = options.length < 2 && !this.filters[name];
      const labelOf = (v) => (name === "group" ? this.groupName(Number(v)) : name === "level" ? t(`level_${v}`) : v);
      const sig = JSON.stringify(options.map(labelOf));
      if (select.dataset.sig === sig) continue;
      select.dataset.sig = sig;
      select.replaceChildren(
        Object.assign(el("option", "", t("filter_all")), { value: "" }),
        ...options.map((v) => Object.assign(el("option", "", labelOf(v)), { value: v })),
      );
      select.value = this.filters[name];
    }
  }

  matches(card) {
    const f = this.filters;
    return (!f.group || String(card.group_id) === f.group)
      && (!f.category || card.category === f.category)
      && (!f.level || card.level === f.level);
  }

  buildColumn(key) {
    const t = this.t;
    // A group, not a landmark: every board has an "Unsorted" column.
    const section = el("div", "board-column");
    section.setAttribute("role", "group");
    const heading = el("h4");
    heading.id = nextId("column");
    section.setAttribute("aria-labelledby", heading.id);
    const count = el("span", "count");
    const header = el("div", "column-header");
    header.append(heading, count);
    section.append(header);
    let tools = null;
    if (key !== UNSORTED && !this.step.based_on_step_id) {
      tools = this.buildThemeTools(key);
      section.append(tools.details);
    }
    const list = el("ul", "card-list");
    list.setAttribute("aria-labelledby", heading.id);
    section.append(list);
    this.makeDropTarget(section, list, key);
    const update = () => {
      const theme = this.themes.find((th) => String(th.id) === key);
      const isDimension = theme && this.themes.some((c) => c.parent_id === theme.id);
      section.classList.toggle("is-unsorted", key === UNSORTED);
      section.classList.toggle("is-nested", Boolean(theme?.parent_id));
      section.classList.toggle("is-dimension", Boolean(isDimension));
      heading.textContent = theme ? theme.name : t("unsorted");
      if (theme?.parent_id) heading.prepend(el("span", "parent-name", `${this.themeName(theme.parent_id)} › `));
      const ids = this.column(key);
      const shown = ids.filter((id) => this.matches(this.cards.get(id)));
      count.textContent = shown.length === ids.length ? String(ids.length) : `${shown.length}/${ids.length}`;
      tools?.update(theme);
      this.fillCards(list, ids);
    };
    return { section, list, update };
  }

  fillCards(list, ids) {
    let previous = null;
    for (const id of ids) {
      let view = this.cardViews.get(id);
      if (!view) {
        view = this.buildCard(id);
        this.cardViews.set(id, view);
      }
      const card = this.cards.get(id);
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

  buildThemeTools(key) {
    const t = this.t;
    const themeId = Number(key);
    const details = el("details", "theme-tools");
    const summary = el("summary");
    const summaryName = el("span", "visually-hidden");
    summary.append(el("span", "", t("theme_tools")), summaryName);
    const form = el("form", "rename-form");
    const { label, input } = textField("rename-theme", t("rename_label"), 120);
    form.append(label, input, button(t("rename"), null, "submit"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const old = this.themeName(themeId);
      const label = t("undo_rename_theme", { name: old });
      const sent = input.value;
      this.change("rename_theme", { theme_id: themeId, name: sent }, label, () => ({
        op: "rename_theme", data: { theme_id: themeId, name: old },
      }), (ack) => {
        if (ack.ok) clearSent(input, sent);
      });
    });
    const target = this.themeSelect(t("merge_into"));
    const merge = button(t("merge"), () => {
      if (!target.select.value) return;
      this.removeTheme("merge_themes", themeId, { target_id: Number(target.select.value) }, "undo_merge_theme");
    });
    const parent = this.themeSelect(t("place_under"));
    const nest = button(t("place"), () => {
      this.placeTheme(themeId, Number(parent.select.value) || null, null);
    });
    const earlier = button(t("move_earlier"), () => this.moveTheme(themeId, -1));
    const later = button(t("move_later"), () => this.moveTheme(themeId, 1));
    const remove = button(t("delete_theme"), () => {
      this.removeTheme("delete_theme", themeId, {}, "undo_delete_theme"); // no question: it can be undone
    });
    remove.className = "danger";
    const toTrack = button(t("make_theme_track"), () => this.promote("theme", themeId, this.themeName(themeId)));
    const row = (...nodes) => {
      const div = el("div", "row-actions");
      div.append(...nodes);
      return div;
    };
    details.append(summary, form, row(target.wrap, merge), row(parent.wrap, nest), row(earlier, later, toTrack, remove));
    const update = (theme) => {
      if (!theme) return;
      summaryName.textContent = `: ${theme.name}`;
      toTrack.hidden = !this.canPromote();
      input.placeholder = theme.name;
      const others = this.themes.filter((th) => th.id !== themeId);
      fillOptions(target.select, others.map((th) => [th.id, th.name]), "");
      const hasChildren = this.themes.some((c) => c.parent_id === themeId);
      const parents = hasChildren ? [] : others.filter((th) => !th.parent_id);
      fillOptions(parent.select, [[0, t("top_level")], ...parents.map((th) => [th.id, th.name])], theme.parent_id || 0);
    };
    return { details, update };
  }

  themeSelect(text) {
    const select = el("select");
    select.id = nextId("theme-select");
    const label = el("label", "", text);
    label.htmlFor = select.id;
    const wrap = el("span", "select-wrap");
    wrap.append(label, select);
    return { wrap, select };
  }

  moveTheme(themeId, offset) {
    const theme = this.themes.find((th) => th.id === themeId);
    const siblings = this.themes.filter((th) => (th.parent_id || null) === (theme.parent_id || null));
    const index = siblings.indexOf(theme) + offset;
    if (index < 0 || index >= siblings.length) return;
    this.placeTheme(themeId, theme.parent_id || null, index);
  }

  placeTheme(themeId, parentId, index) {
    const theme = this.themes.find((th) => th.id === themeId);
    const siblings = this.themes.filter((th) => (th.parent_id || null) === (theme.parent_id || null));
    const from = { theme_id: themeId, parent_id: theme.parent_id || null, index: siblings.indexOf(theme) };
    this.change("move_theme", { theme_id: themeId, parent_id: parentId, index }, this.t("undo_move_theme", { name: theme.name }), () => ({
      op: "move_theme", data: from,
    }));
  }

  buildCard(id) {
    const t = this.t;
    const li = el("li", "board-card");
    li.dataset.cardId = String(id);
    li.tabIndex = 0;
    li.draggable = true;
    const text = el("p", "card-text");
    const meta = el("p", "card-meta");
    const chips = el("div", "suggestions");
    const actions = el("div", "card-actions");
    const move = button(t("move"), () => openMove());
    const hide = button("", () => this.setCardFlag(current, "hidden", !current.hidden));
    hide.classList.add("hide-button");
    const star = button("", () => this.setCardFlag(current, "highlight", !current.highlight));
    const toTrack = button(t("make_track"), () => this.promote("card", id, short(current.text)));
    actions.append(move, hide, star, toTrack);
    const moveForm = el("form", "move-form");
    moveForm.hidden = true;
    const choice = this.themeSelect(t("move_to"));
    const go = button(t("move"), null, "submit");
    go.className = "primary";
    const cancel = button(t("cancel"), () => closeMove());
    moveForm.append(choice.wrap, go, cancel);
    li.append(text, meta, chips, actions, moveForm);

    let current = null;
    const openMove = () => {
      const options = [[0, t("unsorted")], ...this.themes.map((th) => [th.id, th.name])];
      fillOptions(choice.select, options, current.theme_id || 0);
      moveForm.hidden = false;
      choice.select.focus();
    };
    const closeMove = () => {
      moveForm.hidden = true;
      li.focus();
    };
    moveForm.addEventListener("submit", (event) => {
      event.preventDefault();
      moveForm.hidden = true;
      this.moveCard(id, Number(choice.select.value) || null);
      li.focus();
    });
    moveForm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closeMove();
      if (event.key === "Enter" && event.target === choice.select) {
        event.preventDefault(); // a select does not submit its form by itself
        moveForm.requestSubmit();
      }
    });
    li.setAttribute("aria-describedby", this.keysHint);
    li.setAttribute("aria-keyshortcuts", "Enter Alt+ArrowUp Alt+ArrowDown");
    li.addEventListener("keydown", (event) => {
      if (event.target !== li) return;
      if (event.key === "m" || event.key === "Enter") {
        event.preventDefault();
        openMove();
      } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        event.preventDefault();
        this.shiftCard(id, event.key === "ArrowUp" ? -1 : 1);
      }
    });
    li.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/x-rundabord-card", String(id));
      event.dataTransfer.effectAllowed = "move";
      li.classList.add("is-dragging");
    });
    li.addEventListener("dragend", () => li.classList.remove("is-dragging"));

    const update = (card) => {
      current = card;
      text.textContent = card.text;
      const who = [card.participant?.on_behalf ? t("on_behalf") : card.participant?.name, this.groupName(card.group_id)].filter(Boolean);
      const parts = [card.category, card.level ? t(`level_${card.level}`) : "", ...who].filter(Boolean);
      meta.textContent = parts.join(" · ");
      li.classList.toggle("is-hidden", card.hidden);
      li.classList.toggle("is-highlight", card.highlight);
      li.setAttribute("aria-label", `${card.text}${card.hidden ? ` (${t("hidden")})` : ""}${card.highlight ? ` (${t("highlight")})` : ""}`);
      hide.replaceChildren(card.hidden ? t("unhide") : t("hide"));
      named(hide, short(card.text));
      star.replaceChildren(card.highlight ? t("unhighlight") : t("mark_highlight"));
      named(star, short(card.text));
      star.setAttribute("aria-pressed", String(card.highlight));
      move.replaceChildren(t("move"));
      named(move, short(card.text));
      toTrack.replaceChildren(t("make_track"));
      named(toTrack, short(card.text));
      toTrack.hidden = !this.canPromote();
      const suggested = card.theme_id ? [] : (this.suggestions.get(card.id) || []).filter((tid) => this.themes.some((th) => th.id === tid));
      chips.replaceChildren(...suggested.map((tid) => named(
        button(`→ ${this.themeName(tid)}`, () => this.moveCard(card.id, tid)),
        `${t("accept_suggestion")}, ${short(card.text)}`,
      )));
      chips.hidden = suggested.length === 0;
    };
    return { li, update };
  }

  makeDropTarget(section, list, key) {
    section.addEventListener("dragover", (event) => {
      if (!event.dataTransfer.types.includes("text/x-rundabord-card")) return;
      event.preventDefault();
      section.classList.add("is-drop-target");
    });
    section.addEventListener("dragleave", () => section.classList.remove("is-drop-target"));
    section.addEventListener("drop", (event) => {
      event.preventDefault();
      section.classList.remove("is-drop-target");
      const cardId = Number(event.dataTransfer.getData("text/x-rundabord-card"));
      if (!this.cards.has(cardId)) return;
      // Dropped on a card: before it. The index counts the column's cards without this one.
      const before = event.target.closest?.(".board-card");
      const ids = this.column(key).filter((id) => id !== cardId);
      const index = before && list.contains(before) ? ids.indexOf(Number(before.dataset.cardId)) : null;
      this.moveCard(cardId, key === UNSORTED ? null : Number(key), index >= 0 ? index : null);
    });
  }

  showProposals(proposals) {
    const t = this.t;
    this.proposals.hidden = false;
    const heading = el("h4", "", t("proposals_heading"));
    const list = el("ul", "proposal-list");
    for (const proposal of proposals) {
      const cards = proposal.cards.filter((id) => this.cards.has(id) && !this.cards.get(id).theme_id);
      if (cards.length < 2) continue;
      const li = el("li");
      li.append(el("strong", "", proposal.name), el("span", "meta", ` (${t("card_count", { count: cards.length })}) `));
      const accept = button(t("create_from_proposal"), () => this.acceptProposal(proposal.name, cards, li));
      named(accept, proposal.name);
      const examples = el("ul", "proposal-cards");
      examples.append(...cards.map((id) => el("li", "", this.cards.get(id).text)));
      li.append(accept, examples);
      list.append(li);
    }
    const close = button(t("close_proposals"), () => { this.proposals.hidden = true; });
    this.proposals.replaceChildren(heading, list.children.length ? list : el("p", "", t("no_proposals")), close);
  }

  // The proposed theme is made with its cards in it, in one change.
  acceptProposal(name, cards, li) {
    this.createTheme(name, cards, (ack) => {
      if (!ack.ok) return;
      li.remove();
      this.announce(this.t("proposal_accepted", { name, count: cards.length }));
    });
  }
}

function fillOptions(select, options, value) {
  const sig = JSON.stringify(options);
  if (select.dataset.sig !== sig) {
    select.dataset.sig = sig;
    select.replaceChildren(...options.map(([v, text]) => Object.assign(el("option", "", text), { value: String(v) })));
  }
  select.value = String(value);
}

function short(text) {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
