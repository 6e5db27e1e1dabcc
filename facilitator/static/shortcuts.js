// One key for each frequent action, on the dashboard and on the projector (each lists
// its keys on "?"). A key never fires while someone types in a field, inside an open
// dialog, or with Ctrl, Alt or Cmd held (Ctrl+Z is the board's undo); Space and Enter
// on a button or a link press that button or follow that link.
const TYPING = "input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select, [contenteditable], dialog";
const PRESSES = "button, a, summary";

// `actions` maps a key, in lower case as KeyboardEvent.key names it ("n", "?", " ",
// "escape", "arrowright"), to what it does.
export function onKeys(actions) {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (event.target.closest?.(TYPING)) return;
    if ((event.key === " " || event.key === "Enter") && event.target.closest?.(PRESSES)) return;
    const action = actions[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    action(event);
  });
}
