// The order of a board's columns (card ids per theme, "0" for the unsorted cards), as
// the dashboard and the projector keep it from snapshots and `cards_changed`.
export const UNSORTED = "0";

// A message about new cards carries no order for their columns: they go last.
export function appendNew(order, message) {
  for (const card of message.cards) {
    const key = card.theme_id ? String(card.theme_id) : UNSORTED;
    if (key in message.order || card.withdrawn) continue;
    (order[key] ||= []).push(card.id);
  }
}
