// One key for each frequent action on the dashboard, listed in a dialog on "?". Keys
// never fire while the facilitator types in a field, or with Ctrl, Alt or Cmd held
// (Ctrl+Z is the board's undo).
// Where a key is text being typed (a checkbox or a button is not).
export const TYPING = "input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select, [contenteditable]";

export function installShortcuts(actions, dialog) {
  document.getElementById("keys-open").addEventListener("click", () => dialog.showModal());
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || dialog.open) return;
    if (event.target.closest?.(TYPING)) return;
    const key = event.key === "?" ? "?" : event.key.toLowerCase();
    const action = key === "?" ? () => dialog.showModal() : actions[key];
    if (!action) return;
    event.preventDefault();
    action(event);
  });
}
