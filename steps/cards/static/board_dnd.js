// Drag and drop of cards between a board's columns (the keyboard has "Flytta" and
// Alt+↑/↓ instead). A card dropped on another card goes before it.
const CARD_TYPE = "text/x-rundabord-card";

export function draggableCard(li, cardId) {
  li.draggable = true;
  li.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData(CARD_TYPE, String(cardId));
    event.dataTransfer.effectAllowed = "move";
    li.classList.add("is-dragging");
  });
  li.addEventListener("dragend", () => li.classList.remove("is-dragging"));
}

// `section` takes dropped cards into `list`: onDrop(cardId, beforeCardId or null).
export function dropTarget(section, list, onDrop) {
  section.addEventListener("dragover", (event) => {
    if (!event.dataTransfer.types.includes(CARD_TYPE)) return;
    event.preventDefault();
    section.classList.add("is-drop-target");
  });
  section.addEventListener("dragleave", () => section.classList.remove("is-drop-target"));
  section.addEventListener("drop", (event) => {
    event.preventDefault();
    section.classList.remove("is-drop-target");
    const cardId = Number(event.dataTransfer.getData(CARD_TYPE));
    const before = event.target.closest?.(".board-card");
    onDrop(cardId, before && list.contains(before) ? Number(before.dataset.cardId) : null);
  });
}
