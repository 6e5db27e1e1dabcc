// A column of the board: the inbox ("Osorterade") or a theme, with its heading, count and
// cards. A theme's column folds, is renamed where its name is (the name is a button that
// becomes a field), merges into another theme when its grip is dragged onto it, and keeps
// its other tools (merge, place under, order, delete, make a track) in one disclosure.
// Its number (1–9, then 0, in board order) is the key that sends a focused card to it.
import { draggableTheme, dropTarget, themeDropTarget } from "./board_dnd.js";
import { fillOptions, themeSelect } from "./board_fields.js";
import { UNSORTED } from "./board_order.js";
import { button, el, nextId } from "/f/static/dom.js";

export function columnView(panel, key) {
  const t = panel.t;
  // A group, not a landmark: every board has an "Unsorted" column.
  const section = el("div", "board-column");
  section.setAttribute("role", "group");
  const heading = el("h4");
  heading.id = nextId("column");
  section.setAttribute("aria-labelledby", heading.id);
  const count = el("span", "count");
  const number = el("kbd", "theme-number");
  number.hidden = true;
  const header = el("div", "column-header");
  header.append(number, heading, count);
  // A theme's cards fold away (its heading and count stay, and it still takes cards).
  let fold = null;
  if (key !== UNSORTED) {
    fold = button("", () => {
      if (panel.folded.has(key)) panel.folded.delete(key);
      else panel.folded.add(key);
      update();
    });
    fold.className = "column-fold";
    header.append(fold);
  }
  section.append(header);
  // A theme is renamed where its name is: the name is a button that becomes a field.
  let naming = null;
  if (key !== UNSORTED && !panel.step.based_on_step_id) {
    naming = themeNaming(panel, Number(key), heading);
    // The grip drags the theme (a button's text does not start a drag in every browser).
    const grip = el("span", "theme-grip", "⠿");
    grip.setAttribute("aria-hidden", "true");
    grip.title = t("drag_to_merge");
    header.prepend(grip);
    draggableTheme(grip, section, Number(key));
    themeDropTarget(section, Number(key), (dragged) => {
      panel.changes.removeTheme("merge_themes", dragged, { target_id: Number(key) }, "undo_merge_theme");
      panel.announce(t("theme_merged", { name: panel.changes.themeName(dragged), into: panel.changes.themeName(Number(key)) }));
    });
  }
  let tools = null;
  if (key !== UNSORTED && !panel.step.based_on_step_id) {
    tools = themeTools(panel, key);
    section.append(tools.details);
  }
  const list = el("ul", "card-list");
  list.setAttribute("aria-labelledby", heading.id);
  section.append(list);
  dropTarget(section, list, (cardIds, beforeId) => {
    const ids = cardIds.filter((id) => panel.data.cards.has(id));
    const target = key === UNSORTED ? null : Number(key);
    if (ids.length > 1) {
      panel.changes.moveCards(ids, target, (ack) => {
        if (ack.ok) panel.selection.clear(false);
      });
      return;
    }
    if (!ids.length) return;
    // The index counts the column's cards without the one dropped.
    const others = panel.data.column(key).filter((id) => id !== ids[0]);
    const index = beforeId === null ? -1 : others.indexOf(beforeId);
    panel.changes.moveCard(ids[0], target, index >= 0 ? index : null);
  });
  const update = () => {
    const theme = panel.data.themes.find((th) => String(th.id) === key);
    const isDimension = theme && panel.data.themes.some((c) => c.parent_id === theme.id);
    section.classList.toggle("is-unsorted", key === UNSORTED);
    section.classList.toggle("is-nested", Boolean(theme?.parent_id));
    section.classList.toggle("is-sub", Boolean(theme && panel.data.ancestors(theme).length > 1));
    section.classList.toggle("is-dimension", Boolean(isDimension));
    if (naming) naming.update(theme);
    else heading.textContent = theme ? theme.name : t("unsorted");
    if (theme?.parent_id && !naming?.editing()) {
      const path = panel.data.ancestors(theme).map((th) => th.name).join(" › ");
      heading.prepend(el("span", "parent-name", `${path} › `));
    }
    const place = panel.themeNumber(key);
    number.hidden = place === null;
    number.textContent = place === null ? "" : String(place);
    number.title = place === null ? "" : t("theme_key", { key: place });
    const ids = panel.data.column(key);
    const shown = panel.shownIn(key);
    count.textContent = shown.length === ids.length ? String(ids.length) : `${shown.length}/${ids.length}`;
    tools?.update(theme);
    panel.fillCards(list, ids);
    if (fold) {
      const folded = panel.folded.has(key);
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

// The theme's name as a button in its heading; pressed (or F2 on it), a field in its
// place: Enter renames, Escape or leaving it keeps the name.
function themeNaming(panel, themeId, heading) {
  const t = panel.t;
  const nameButton = button("", () => edit());
  nameButton.className = "theme-name";
  nameButton.setAttribute("aria-describedby", panel.renameHint);
  const form = el("form", "rename-inline");
  const input = el("input");
  input.maxLength = 120;
  input.setAttribute("aria-label", t("rename_label"));
  form.append(input);
  let editing = false;
  let name = "";
  const show = () => {
    editing = false;
    if (nameButton.textContent !== name) {
      nameButton.textContent = name;
      nameButton.dataset.fit = ""; // fitted by the panel once it is laid out
    }
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
    panel.changes.renameTheme(themeId, sent, (ack) => {
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

function themeTools(panel, key) {
  const t = panel.t;
  const themeId = Number(key);
  const details = el("details", "theme-tools");
  const summary = el("summary");
  const summaryName = el("span", "visually-hidden");
  summary.append(el("span", "", t("theme_tools")), summaryName);
  const target = themeSelect(t("merge_into"));
  const merge = button(t("merge"), () => {
    if (!target.select.value) return;
    panel.changes.removeTheme("merge_themes", themeId, { target_id: Number(target.select.value) }, "undo_merge_theme");
  });
  const parent = themeSelect(t("place_under"));
  const nest = button(t("place"), () => {
    panel.changes.placeTheme(themeId, Number(parent.select.value) || null, null);
  });
  const earlier = button(t("move_earlier"), () => panel.changes.moveTheme(themeId, -1));
  const later = button(t("move_later"), () => panel.changes.moveTheme(themeId, 1));
  const remove = button(t("delete_theme"), () => {
    panel.changes.removeTheme("delete_theme", themeId, {}, "undo_delete_theme"); // no question: it can be undone
  });
  remove.className = "danger";
  const toTrack = button(t("make_theme_track"), () => panel.promote("theme", themeId, panel.changes.themeName(themeId)));
  const row = (...nodes) => {
    const div = el("div", "row-actions");
    div.append(...nodes);
    return div;
  };
  details.append(summary, row(target.wrap, merge), row(parent.wrap, nest), row(earlier, later, toTrack, remove));
  const update = (theme) => {
    if (!theme) return;
    summaryName.textContent = `: ${theme.name}`;
    toTrack.hidden = !panel.canPromote();
    const others = panel.data.themes.filter((th) => th.id !== themeId);
    fillOptions(target.select, others.map((th) => [th.id, th.name]), "");
    const parents = panel.data.placesFor(themeId);
    const named = (th) => [...panel.data.ancestors(th), th].map((each) => each.name).join(" › ");
    fillOptions(parent.select, [[0, t("top_level")], ...parents.map((th) => [th.id, named(th)])], theme.parent_id || 0);
  };
  return { details, update };
}
