// Drag and drop of cards between a board's columns (the keyboard has "Flytta" and
// Alt+↑/↓ instead). Dragging a selected card takes the whole selection along. Cards dropped
// on another card go before it. A theme dragged by its grip (⠿) onto another theme merges
// into it (the keyboard has "Slå ihop" in the theme's tools).
const CARD_TYPE = "text/x-rundabord-cards";
const THEME_TYPE = "text/x-rundabord-theme";

// dragged(): the ids of the cards that go with this one (itself, or the selection it is in).
export function draggableCard(li, dragged) {
  li.draggable = true;
  li.addEventListener("dragstart", (event) => {
    const ids = dragged();
    event.dataTransfer.setData(CARD_TYPE, JSON.stringify(ids));
    event.dataTransfer.effectAllowed = "move";
    li.classList.add("is-dragging");
    if (ids.length > 1) li.dataset.dragCount = String(ids.length);
  });
  li.addEventListener("dragend", () => {
    li.classList.remove("is-dragging");
    delete li.dataset.dragCount;
  });
}

// `section` takes dropped cards into `list`: onDrop(cardIds, beforeCardId or null).
export function dropTarget(section, list, onDrop) {
  acceptDrops(section, CARD_TYPE, "is-drop-target", (data, event) => {
    let ids = [];
    try {
      ids = JSON.parse(data).map(Number).filter(Number.isInteger);
    } catch {
      return;
    }
    const before = event.target.closest?.(".board-card");
    onDrop(ids, before && list.contains(before) ? Number(before.dataset.cardId) : null);
  });
}

// A theme's grip drags the theme: onto another theme's column, it merges into that one.
export function draggableTheme(handle, section, themeId) {
  handle.draggable = true;
  handle.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData(THEME_TYPE, String(themeId));
    event.dataTransfer.effectAllowed = "move";
    section.classList.add("is-dragging");
  });
  handle.addEventListener("dragend", () => section.classList.remove("is-dragging"));
}

// `section` (a theme's column) takes a dragged theme: onMerge(themeId).
export function themeDropTarget(section, themeId, onMerge) {
  acceptDrops(section, THEME_TYPE, "is-merge-target", (data) => {
    const dragged = Number(data);
    if (Number.isInteger(dragged) && dragged !== themeId) onMerge(dragged);
  });
}

// `section` shows it takes what is dragged of `type` (class `targetClass`) and hands a
// drop to onDrop(data, event).
function acceptDrops(section, type, targetClass, onDrop) {
  section.addEventListener("dragover", (event) => {
    if (!event.dataTransfer.types.includes(type)) return;
    event.preventDefault();
    section.classList.add(targetClass);
  });
  section.addEventListener("dragleave", () => section.classList.remove(targetClass));
  section.addEventListener("drop", (event) => {
    if (!event.dataTransfer.types.includes(type)) return;
    event.preventDefault();
    section.classList.remove(targetClass);
    onDrop(event.dataTransfer.getData(type), event);
  });
}
