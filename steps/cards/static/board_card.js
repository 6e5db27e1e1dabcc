// A compact card on the board: its text, small labels (group, level, category), its best
// suggested theme, and one "⋯" button for the rest of its actions, with the keys that
// sort a board without the mouse. Drawn again only when what it shows changed.
import { short } from "./board_changes.js";
import { draggableCard } from "./board_dnd.js";
import { cardEditForm } from "./board_edit.js";
import { fillOptions, themeSelect } from "./board_fields.js";
import { button, el, named, nextId } from "/f/static/dom.js";

// On a focused card: Enter or M moves it, A accepts the suggestion, S shows the next
// one, 1–9 and 0 move it to the theme of that number (0 is the tenth), H hides it,
// * highlights it, L sets its level, E edits its text (or splits it), "." opens its actions; Space chooses it, ↑/↓ go to the next card (with Shift: choosing), ←/→ to
// the column beside. Keys on a chosen card act on all the chosen cards. A card sent to
// another column by A or a number leaves the focus on the card that takes its place, so
// the inbox is sorted by pressing A (or a number) again and again; moved by the menu, it
// keeps the focus where it went.
export function cardView(panel, id) {
  const t = panel.t;
  const li = el("li", "board-card");
  li.dataset.cardId = String(id);
  li.tabIndex = 0;
  draggableCard(li, () => panel.selection.with(id));
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
  const hide = button("", () => panel.changes.setCardFlag(current, "hidden", !current.hidden));
  hide.classList.add("hide-button");
  const star = button("", () => panel.changes.setCardFlag(current, "highlight", !current.highlight));
  const toTrack = button(t("make_track"), () => panel.promote("card", id, short(current.text)));
  const level = button(t("set_level"), () => openLevel());
  const edit = button(t("edit_card"), () => editor.open(current));
  actions.append(move, hide, star, level, edit, toTrack);
  const moveForm = el("form", "move-form");
  moveForm.hidden = true;
  const choice = themeSelect(t("move_to"));
  const go = button(t("move"), null, "submit");
  go.className = "primary";
  const cancel = button(t("cancel"), () => closeMove());
  moveForm.append(choice.wrap, go, cancel);
  // The level: of this card, or of all the chosen cards when it is one of them.
  const levelForm = el("form", "move-form level-form");
  levelForm.hidden = true;
  const levelChoice = themeSelect(t("level_of_card"));
  const setLevel = button(t("set_level_button"), null, "submit");
  setLevel.className = "primary";
  levelForm.append(levelChoice.wrap, setLevel, button(t("cancel"), () => closeLevel()));
  const editor = cardEditForm(panel, () => li.focus());
  li.append(text, foot, actions, moveForm, levelForm, editor.form);

  let current = null;
  let suggested = [];
  const toggleActions = (open = actions.hidden) => {
    actions.hidden = !open;
    more.setAttribute("aria-expanded", String(open));
    if (open) move.focus();
  };
  const openMove = () => {
    const options = [[0, t("unsorted")], ...panel.data.themes.map((th) => [th.id, th.name])];
    fillOptions(choice.select, options, current.theme_id || 0);
    moveForm.hidden = false;
    choice.select.focus();
  };
  const closeMove = () => {
    moveForm.hidden = true;
    li.focus();
  };
  const openLevel = () => {
    const levels = panel.levels();
    const options = [["", t("no_level")], ...levels.map((l) => [l, l])];
    if (current.level && !levels.includes(current.level)) options.push([current.level, current.level]);
    fillOptions(levelChoice.select, options, current.level || "");
    levelForm.hidden = false;
    levelChoice.select.focus();
  };
  const closeLevel = () => {
    levelForm.hidden = true;
    li.focus();
  };
  levelForm.addEventListener("submit", (event) => {
    event.preventDefault();
    levelForm.hidden = true;
    panel.changes.setLevels(panel.selection.with(id), levelChoice.select.value);
    li.focus();
  });
  levelForm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeLevel();
    if (event.key === "Enter" && event.target === levelChoice.select) {
      event.preventDefault();
      levelForm.requestSubmit();
    }
  });
  moveForm.addEventListener("submit", (event) => {
    event.preventDefault();
    moveForm.hidden = true;
    panel.changes.moveCard(id, Number(choice.select.value) || null);
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
  li.setAttribute("aria-describedby", panel.keysHint);
  li.setAttribute("aria-keyshortcuts", "Enter M A S 1 2 3 4 5 6 7 8 9 0 H * L E . Space ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowUp Shift+ArrowDown Alt+ArrowUp Alt+ArrowDown");
  li.addEventListener("click", (event) => {
    if (event.target.closest("button, select, input, form, .card-actions")) return;
    if (event.shiftKey) {
      event.preventDefault();
      panel.selection.chooseRange(id, event.ctrlKey || event.metaKey);
    } else if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      panel.selection.toggle(id);
    } else {
      panel.selection.startAt(id);
    }
  });
  li.addEventListener("keydown", (event) => {
    if (event.target !== li || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const many = panel.selection.isMany(id);
    if ((key === "m" || event.key === "Enter") && many) {
      event.preventDefault();
      panel.selection.target.select.focus();
    } else if (key === "m" || event.key === "Enter") {
      event.preventDefault();
      openMove();
    } else if (key === "a" && !event.altKey && many) {
      event.preventDefault();
      panel.selection.acceptSuggestions();
    } else if (key === "a" && !event.altKey && suggested.length) {
      event.preventDefault();
      panel.sendCard(id, suggested[0]);
    } else if (/^[0-9]$/.test(event.key) && !event.altKey) {
      const themeId = panel.numberedTheme(Number(event.key) || 10);
      if (themeId === undefined) return;
      event.preventDefault();
      if (many) panel.selection.moveTo(themeId);
      else panel.sendCard(id, themeId);
    } else if (key === "l" && !event.altKey) {
      event.preventDefault();
      openLevel();
    } else if (key === "e" && !event.altKey) { // one card, chosen with others or not
      event.preventDefault();
      editor.open(current);
    } else if (key === "h" && !event.altKey) {
      event.preventDefault();
      panel.selection.flag("hidden", panel.selection.with(id));
    } else if (event.key === "*" && !event.altKey) {
      event.preventDefault();
      panel.selection.flag("highlight", panel.selection.with(id));
    } else if (event.key === " " && !event.altKey) {
      event.preventDefault();
      panel.selection.toggle(id);
    } else if (!event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      const next = panel.neighbour(id, event.key === "ArrowUp" ? -1 : 1);
      if (next === undefined) return;
      event.preventDefault();
      if (event.shiftKey) panel.selection.extendTo(id, next);
      panel.focusCard(next);
    } else if (!event.altKey && !event.shiftKey && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
      const next = panel.across(id, event.key === "ArrowLeft" ? -1 : 1);
      if (next === undefined) return;
      event.preventDefault();
      panel.focusCard(next);
    } else if (key === "s" && !event.altKey && suggested.length > 1) {
      event.preventDefault();
      panel.nextSuggestion.set(id, (panel.nextSuggestion.get(id) || 0) + 1);
      update(current);
      panel.announce(t("suggestion_now", { theme: panel.changes.themeName(suggested[0]) }));
    } else if (event.key === "." || event.key === "ContextMenu" || (event.shiftKey && event.key === "F10")) {
      event.preventDefault();
      toggleActions(true);
    } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      panel.changes.shiftCard(id, event.key === "ArrowUp" ? -1 : 1);
    }
  });

  // Drawn again only when something it shows changed: a board of hundreds of cards is
  // drawn once per frame while cards pour in, and most cards stay as they were.
  let drawn = "";
  const update = (card) => {
    current = card;
    const all = panel.data.suggested(card);
    const chosen = panel.selection.has(card.id);
    const shows = JSON.stringify([
      card, chosen, panel.manyCategories, panel.canPromote(), panel.groupName(card.group_id),
      all.map((tid) => panel.changes.themeName(tid)), panel.nextSuggestion.get(card.id) || 0,
    ]);
    if (shows === drawn) return;
    drawn = shows;
    if (text.textContent !== card.text) {
      text.textContent = card.text;
      // Only a text with a long compound can be too narrow for its word: the panel fits it.
      if (/\S{16}/u.test(card.text)) text.dataset.fit = "";
    }
    const who = [card.participant?.on_behalf ? t("on_behalf") : card.participant?.name, panel.groupName(card.group_id)].filter(Boolean);
    // The category only where the board has more than one (Hinder | Möjligheter).
    const category = panel.manyCategories ? card.category : "";
    const curated = card.curated ? t(card.split_from ? "split_label" : "edited_label") : "";
    meta.replaceChildren(...[card.level || "", ...who, category, curated].filter(Boolean).map((part) => el("span", "card-label", part)));
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
    level.replaceChildren(t("set_level"));
    named(level, short(card.text));
    edit.replaceChildren(t("edit_card"));
    named(edit, short(card.text));
    toTrack.replaceChildren(t("make_track"));
    named(toTrack, short(card.text));
    toTrack.hidden = !panel.canPromote();
    const glyph = el("span", "", "⋯");
    glyph.setAttribute("aria-hidden", "true");
    more.replaceChildren(glyph, el("span", "visually-hidden", `${t("card_actions")}: ${short(card.text)}`));
    // The best suggestion first; S turns to the next one.
    const turn = all.length ? (panel.nextSuggestion.get(card.id) || 0) % all.length : 0;
    suggested = [...all.slice(turn), ...all.slice(0, turn)];
    chips.replaceChildren(...suggested.slice(0, 1).map((tid) => named(
      button(`→ ${panel.changes.themeName(tid)}`, () => panel.changes.moveCard(card.id, tid)),
      `${t("accept_suggestion")}, ${short(card.text)}`,
    )));
    chips.hidden = suggested.length === 0;
  };
  return { li, update };
}
