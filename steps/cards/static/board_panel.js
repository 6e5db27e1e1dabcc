// One Cards step's board on the dashboard, as drawn: new cards arrive in "Osorterade"; the
// facilitator makes themes (and dimensions above them), moves cards by drag and drop
// (board_dnd.js) or by keyboard (focus a card, "Flytta", choose a theme), hides cards and
// marks highlights. Each unsorted card offers its best suggested theme, never applied by
// itself. What the board holds is in board_data.js; the changes sent, and their undo, in
// board_changes.js; several cards chosen at once in board_selection.js; suggestions taken
// many at a time and proposed themes in board_suggestions.js. Views are kept and updated
// in place, so focus and a half-typed name survive cards arriving.
import { placeAfter } from "/static/js/keyed.js";
import { BoardChanges, short } from "./board_changes.js";
import { BoardData } from "./board_data.js";
import { draggableCard, draggableTheme, dropTarget, themeDropTarget } from "./board_dnd.js";
import { fillOptions, themeSelect } from "./board_fields.js";
import { UNSORTED } from "./board_order.js";
import { CardSelection } from "./board_selection.js";
import { AcceptMany, ProposalPiles, suggestedCards } from "./board_suggestions.js";
import { button, clearSent, el, named, nextId, textField } from "/f/static/dom.js";

export class BoardPanel {
  constructor(step, { socket, t, onError, announce, groupName, promote, canPromote, title = (s) => s.title }) {
    this.promote = promote;
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
    this.filters = { group: "", category: "", level: "" };
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
    // Find a card by its text.
    const search = textField("find-card", t("find_card"), 100);
    search.input.type = "search";
    search.input.addEventListener("input", () => {
      this.filters.text = search.input.value.trim().toLocaleLowerCase("sv");
      this.render();
    });
    const find = el("div", "filter find");
    find.append(search.label, search.input);
    this.filterBar.append(find);

    this.proposals = new ProposalPiles(this);
    // New cards arrive in the inbox ("Osorterade"), a column of its own at the side, so
    // what the facilitator is sorting into the themes never moves under the pointer.
    this.columns = el("div", "board-columns");
    this.inbox = el("div", "board-inbox");
    this.themeColumns = el("div", "theme-columns");
    this.columns.append(this.inbox, this.themeColumns);
    this.selection = new CardSelection(this);
    panel.append(
      this.heading, this.summary, toolbar, keys, this.filterBar, this.proposals.el, this.columns, this.selection.bar,
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
    this.renderFilters();
    const focused = document.activeElement;
    const keys = this.columnKeys();
    let previous = null;
    for (const key of keys) {
      let view = this.columnViews.get(key);
      if (!view) {
        view = this.buildColumn(key);
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
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  // The columns in board order: the inbox, then each theme with the themes under it.
  columnKeys() {
    return [UNSORTED, ...this.data.themes.filter((th) => !th.parent_id).flatMap((th) => [
      String(th.id),
      ...this.data.themes.filter((c) => c.parent_id === th.id).map((c) => String(c.id)),
    ])];
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

  renderFilters() {
    const t = this.t;
    const values = { group: new Set(), category: new Set(), level: new Set() };
    const perGroup = new Map(); // group id -> how many cards
    for (const card of this.data.cards.values()) {
      if (card.group_id) values.group.add(String(card.group_id));
      if (card.group_id) perGroup.set(String(card.group_id), (perGroup.get(String(card.group_id)) || 0) + 1);
      values.category.add(card.category);
      if (card.level) values.level.add(card.level);
    }
    // A card's category is worth a label unless the step has one category for all its
    // cards (a discussion's answers are filed under their question: always shown).
    const categories = this.step.settings?.categories;
    this.manyCategories = !(Array.isArray(categories) && categories.length <= 1) || values.category.size > 1;
    for (const [name, { wrap, select }] of Object.entries(this.filterSelects)) {
      const options = [...values[name]].sort();
      wrap.hidden = options.length < 2 && !this.filters[name];
      const labelOf = (v) => (name === "group"
        ? t("group_count", { name: this.groupName(Number(v)), count: perGroup.get(v) })
        : name === "level" ? t(`level_${v}`) : v);
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
      && (!f.level || card.level === f.level)
      && (!f.text || card.text.toLocaleLowerCase("sv").includes(f.text));
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
    // A theme's cards fold away (its heading and count stay, and it still takes cards).
    let fold = null;
    if (key !== UNSORTED) {
      fold = button("", () => {
        if (this.folded.has(key)) this.folded.delete(key);
        else this.folded.add(key);
        update();
      });
      fold.className = "column-fold";
      header.append(fold);
    }
    section.append(header);
    // A theme is renamed where its name is: the name is a button that becomes a field.
    let naming = null;
    if (key !== UNSORTED && !this.step.based_on_step_id) {
      naming = this.buildNaming(Number(key), heading);
      // The grip drags the theme (a button's text does not start a drag in every browser).
      const grip = el("span", "theme-grip", "⠿");
      grip.setAttribute("aria-hidden", "true");
      grip.title = t("drag_to_merge");
      header.prepend(grip);
      draggableTheme(grip, section, Number(key));
      themeDropTarget(section, Number(key), (dragged) => {
        this.changes.removeTheme("merge_themes", dragged, { target_id: Number(key) }, "undo_merge_theme");
        this.announce(t("theme_merged", { name: this.changes.themeName(dragged), into: this.changes.themeName(Number(key)) }));
      });
    }
    let tools = null;
    if (key !== UNSORTED && !this.step.based_on_step_id) {
      tools = this.buildThemeTools(key);
      section.append(tools.details);
    }
    const list = el("ul", "card-list");
    list.setAttribute("aria-labelledby", heading.id);
    section.append(list);
    dropTarget(section, list, (cardIds, beforeId) => {
      const ids = cardIds.filter((id) => this.data.cards.has(id));
      const target = key === UNSORTED ? null : Number(key);
      if (ids.length > 1) {
        this.changes.moveCards(ids, target, (ack) => {
          if (ack.ok) this.selection.clear(false);
        });
        return;
      }
      if (!ids.length) return;
      // The index counts the column's cards without the one dropped.
      const others = this.data.column(key).filter((id) => id !== ids[0]);
      const index = beforeId === null ? -1 : others.indexOf(beforeId);
      this.changes.moveCard(ids[0], target, index >= 0 ? index : null);
    });
    const update = () => {
      const theme = this.data.themes.find((th) => String(th.id) === key);
      const isDimension = theme && this.data.themes.some((c) => c.parent_id === theme.id);
      section.classList.toggle("is-unsorted", key === UNSORTED);
      section.classList.toggle("is-nested", Boolean(theme?.parent_id));
      section.classList.toggle("is-dimension", Boolean(isDimension));
      if (naming) naming.update(theme);
      else heading.textContent = theme ? theme.name : t("unsorted");
      if (theme?.parent_id && !naming?.editing()) {
        heading.prepend(el("span", "parent-name", `${this.changes.themeName(theme.parent_id)} › `));
      }
      const ids = this.data.column(key);
      const shown = this.shownIn(key);
      count.textContent = shown.length === ids.length ? String(ids.length) : `${shown.length}/${ids.length}`;
      tools?.update(theme);
      this.fillCards(list, ids);
      if (fold) {
        const folded = this.folded.has(key);
        list.hidden = folded;
        section.classList.toggle("is-folded", folded);
        fold.setAttribute("aria-expanded", String(!folded));
        const glyph = el("span", "", folded ? "▸" : "▾");
        glyph.setAttribute("aria-hidden", "true");
        fold.replaceChildren(glyph, el("span", "visually-hidden", `${t("theme_cards")}: ${heading.textContent}`));
      }
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

  // The theme's name as a button in its heading; pressed (or F2 on it), a field in its
  // place: Enter renames, Escape or leaving it keeps the name.
  buildNaming(themeId, heading) {
    const t = this.t;
    const nameButton = button("", () => edit());
    nameButton.className = "theme-name";
    nameButton.setAttribute("aria-describedby", this.renameHint);
    const form = el("form", "rename-inline");
    const input = el("input");
    input.maxLength = 120;
    input.setAttribute("aria-label", t("rename_label"));
    form.append(input);
    let editing = false;
    let name = "";
    const show = () => {
      editing = false;
      if (nameButton.textContent !== name) nameButton.textContent = name;
      // Only what is around the button goes: a focused name keeps its focus.
      for (const node of [...heading.childNodes]) if (node !== nameButton) node.remove();
      if (!nameButton.isConnected || nameButton.parentNode !== heading) heading.append(nameButton);
    };
    const edit = () => {
      editing = true;
      input.value = name;
      heading.replaceChildren(form);
      input.focus();
      input.select();
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const sent = input.value.trim();
      if (!sent || sent === name) {
        show();
        nameButton.focus();
        return;
      }
      this.changes.renameTheme(themeId, sent, (ack) => {
        if (!ack.ok) return; // the message is shown; the field keeps what was typed
        name = sent;
        show();
        nameButton.focus();
      });
    });
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      show();
      nameButton.focus();
    });
    input.addEventListener("blur", () => {
      if (editing && !form.contains(document.activeElement)) setTimeout(() => { if (editing && document.activeElement !== input) show(); }, 0);
    });
    nameButton.addEventListener("keydown", (event) => {
      if (event.key === "F2") {
        event.preventDefault();
        edit();
      }
    });
    const update = (theme) => {
      if (!theme) return;
      name = theme.name;
      if (!editing) show();
    };
    return { update, editing: () => editing };
  }

  buildThemeTools(key) {
    const t = this.t;
    const themeId = Number(key);
    const details = el("details", "theme-tools");
    const summary = el("summary");
    const summaryName = el("span", "visually-hidden");
    summary.append(el("span", "", t("theme_tools")), summaryName);
    const target = themeSelect(t("merge_into"));
    const merge = button(t("merge"), () => {
      if (!target.select.value) return;
      this.changes.removeTheme("merge_themes", themeId, { target_id: Number(target.select.value) }, "undo_merge_theme");
    });
    const parent = themeSelect(t("place_under"));
    const nest = button(t("place"), () => {
      this.changes.placeTheme(themeId, Number(parent.select.value) || null, null);
    });
    const earlier = button(t("move_earlier"), () => this.changes.moveTheme(themeId, -1));
    const later = button(t("move_later"), () => this.changes.moveTheme(themeId, 1));
    const remove = button(t("delete_theme"), () => {
      this.changes.removeTheme("delete_theme", themeId, {}, "undo_delete_theme"); // no question: it can be undone
    });
    remove.className = "danger";
    const toTrack = button(t("make_theme_track"), () => this.promote("theme", themeId, this.changes.themeName(themeId)));
    const row = (...nodes) => {
      const div = el("div", "row-actions");
      div.append(...nodes);
      return div;
    };
    details.append(summary, row(target.wrap, merge), row(parent.wrap, nest), row(earlier, later, toTrack, remove));
    const update = (theme) => {
      if (!theme) return;
      summaryName.textContent = `: ${theme.name}`;
      toTrack.hidden = !this.canPromote();
      const others = this.data.themes.filter((th) => th.id !== themeId);
      fillOptions(target.select, others.map((th) => [th.id, th.name]), "");
      const hasChildren = this.data.themes.some((c) => c.parent_id === themeId);
      const parents = hasChildren ? [] : others.filter((th) => !th.parent_id);
      fillOptions(parent.select, [[0, t("top_level")], ...parents.map((th) => [th.id, th.name])], theme.parent_id || 0);
    };
    return { details, update };
  }





  // A compact card: its text, small labels (group, level, category), its best suggested
  // theme, and one "⋯" button for the rest. On a focused card: Enter or M moves it,
  // A accepts the suggestion, S shows the next one, H hides it, * highlights it, "." opens
  // its actions; Space chooses it, ↑/↓ go to the next card (with Shift: choosing). Keys on
  // a chosen card act on all the chosen cards.
  buildCard(id) {
    const t = this.t;
    const li = el("li", "board-card");
    li.dataset.cardId = String(id);
    li.tabIndex = 0;
    draggableCard(li, () => this.selection.with(id));
    const text = el("p", "card-text");
    const meta = el("p", "card-meta");
    const foot = el("div", "card-foot");
    const chips = el("div", "suggestions");
    const more = button("", () => toggleActions());
    more.classList.add("card-more");
    more.setAttribute("aria-expanded", "false");
    foot.append(meta, chips, more);
    const actions = el("div", "card-actions");
    actions.id = nextId("card-actions");
    actions.hidden = true;
    more.setAttribute("aria-controls", actions.id);
    const move = button(t("move"), () => openMove());
    const hide = button("", () => this.changes.setCardFlag(current, "hidden", !current.hidden));
    hide.classList.add("hide-button");
    const star = button("", () => this.changes.setCardFlag(current, "highlight", !current.highlight));
    const toTrack = button(t("make_track"), () => this.promote("card", id, short(current.text)));
    actions.append(move, hide, star, toTrack);
    const moveForm = el("form", "move-form");
    moveForm.hidden = true;
    const choice = themeSelect(t("move_to"));
    const go = button(t("move"), null, "submit");
    go.className = "primary";
    const cancel = button(t("cancel"), () => closeMove());
    moveForm.append(choice.wrap, go, cancel);
    li.append(text, foot, actions, moveForm);

    let current = null;
    let suggested = [];
    const toggleActions = (open = actions.hidden) => {
      actions.hidden = !open;
      more.setAttribute("aria-expanded", String(open));
      if (open) move.focus();
    };
    const openMove = () => {
      const options = [[0, t("unsorted")], ...this.data.themes.map((th) => [th.id, th.name])];
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
      this.changes.moveCard(id, Number(choice.select.value) || null);
      li.focus();
    });
    moveForm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closeMove();
      if (event.key === "Enter" && event.target === choice.select) {
        event.preventDefault(); // a select does not submit its form by itself
        moveForm.requestSubmit();
      }
    });
    actions.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      toggleActions(false);
      li.focus();
    });
    li.setAttribute("aria-describedby", this.keysHint);
    li.setAttribute("aria-keyshortcuts", "Enter M A S H * . Space ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowUp Shift+ArrowDown Alt+ArrowUp Alt+ArrowDown");
    li.addEventListener("click", (event) => {
      if (event.target.closest("button, select, input, form, .card-actions")) return;
      if (event.shiftKey) {
        event.preventDefault();
        this.selection.chooseRange(id, event.ctrlKey || event.metaKey);
      } else if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        this.selection.toggle(id);
      } else {
        this.selection.startAt(id);
      }
    });
    li.addEventListener("keydown", (event) => {
      if (event.target !== li || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      const many = this.selection.isMany(id);
      if ((key === "m" || event.key === "Enter") && many) {
        event.preventDefault();
        this.selection.target.select.focus();
      } else if (key === "m" || event.key === "Enter") {
        event.preventDefault();
        openMove();
      } else if (key === "a" && !event.altKey && many) {
        event.preventDefault();
        this.selection.acceptSuggestions();
      } else if (key === "a" && !event.altKey && suggested.length) {
        event.preventDefault();
        this.changes.moveCard(id, suggested[0]);
      } else if (key === "h" && !event.altKey) {
        event.preventDefault();
        this.selection.flag("hidden", this.selection.with(id));
      } else if (event.key === "*" && !event.altKey) {
        event.preventDefault();
        this.selection.flag("highlight", this.selection.with(id));
      } else if (event.key === " " && !event.altKey) {
        event.preventDefault();
        this.selection.toggle(id);
      } else if (!event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        const next = this.neighbour(id, event.key === "ArrowUp" ? -1 : 1);
        if (next === undefined) return;
        event.preventDefault();
        if (event.shiftKey) this.selection.extendTo(id, next);
        this.focusCard(next);
      } else if (!event.altKey && !event.shiftKey && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
        const next = this.across(id, event.key === "ArrowLeft" ? -1 : 1);
        if (next === undefined) return;
        event.preventDefault();
        this.focusCard(next);
      } else if (key === "s" && !event.altKey && suggested.length > 1) {
        event.preventDefault();
        this.nextSuggestion.set(id, (this.nextSuggestion.get(id) || 0) + 1);
        update(current);
        this.announce(t("suggestion_now", { theme: this.changes.themeName(suggested[0]) }));
      } else if (event.key === "." || event.key === "ContextMenu" || (event.shiftKey && event.key === "F10")) {
        event.preventDefault();
        toggleActions(true);
      } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        event.preventDefault();
        this.changes.shiftCard(id, event.key === "ArrowUp" ? -1 : 1);
      }
    });

    // Drawn again only when something it shows changed: a board of hundreds of cards is
    // drawn once per frame while cards pour in, and most cards stay as they were.
    let drawn = "";
    const update = (card) => {
      current = card;
      const all = this.data.suggested(card);
      const chosen = this.selection.has(card.id);
      const shows = JSON.stringify([
        card, chosen, this.manyCategories, this.canPromote(), this.groupName(card.group_id),
        all.map((tid) => this.changes.themeName(tid)), this.nextSuggestion.get(card.id) || 0,
      ]);
      if (shows === drawn) return;
      drawn = shows;
      text.textContent = card.text;
      const who = [card.participant?.on_behalf ? t("on_behalf") : card.participant?.name, this.groupName(card.group_id)].filter(Boolean);
      // The category only where the board has more than one (Hinder | Möjligheter).
      const category = this.manyCategories ? card.category : "";
      meta.replaceChildren(...[card.level ? t(`level_${card.level}`) : "", ...who, category].filter(Boolean).map((part) => el("span", "card-label", part)));
      li.classList.toggle("is-hidden", card.hidden);
      li.classList.toggle("is-highlight", card.highlight);
      li.classList.toggle("is-selected", chosen);
      const states = [chosen && t("selected"), card.hidden && t("hidden"), card.highlight && t("highlight")];
      li.setAttribute("aria-label", [card.text, ...states.filter(Boolean).map((s) => `(${s})`)].join(" "));
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
      const glyph = el("span", "", "⋯");
      glyph.setAttribute("aria-hidden", "true");
      more.replaceChildren(glyph, el("span", "visually-hidden", `${t("card_actions")}: ${short(card.text)}`));
      // The best suggestion first; S turns to the next one.
      const turn = all.length ? (this.nextSuggestion.get(card.id) || 0) % all.length : 0;
      suggested = [...all.slice(turn), ...all.slice(0, turn)];
      chips.replaceChildren(...suggested.slice(0, 1).map((tid) => named(
        button(`→ ${this.changes.themeName(tid)}`, () => this.changes.moveCard(card.id, tid)),
        `${t("accept_suggestion")}, ${short(card.text)}`,
      )));
      chips.hidden = suggested.length === 0;
    };
    return { li, update };
  }
}
