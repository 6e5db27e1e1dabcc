// Small DOM helpers for the dashboard's panels. Text is only ever set as textContent.
let uid = 0;
export const nextId = (prefix) => `${prefix}-${++uid}`;

export function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

export function button(text, onClick, type = "button") {
  const node = el("button", "", text);
  node.type = type;
  if (onClick) node.addEventListener("click", onClick);
  return node;
}

// A visually hidden suffix that names what a button acts on ("Dölj: <kortets text>").
export function named(node, name) {
  node.append(el("span", "visually-hidden", `: ${name}`));
  return node;
}

// A text field with its label: {label, input}.
export function textField(idPrefix, labelText, maxLength) {
  const input = el("input");
  input.id = nextId(idPrefix);
  input.maxLength = maxLength;
  input.autocomplete = "off";
  const label = el("label", "", labelText);
  label.htmlFor = input.id;
  return { label, input };
}

// After the server took what a field held, empty it, unless the person has typed
// something else meanwhile: that is never thrown away.
export function clearSent(input, sent) {
  if (input.value === sent) input.value = "";
}

// A panel section named by its own heading (h2): {section, heading}.
export function headedSection(className, title) {
  const section = el("section", className);
  const heading = el("h2", "", title);
  heading.id = nextId("heading");
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading);
  return { section, heading };
}

// A row's actions behind one "⋯" button (`more`), opened also with "." (or the context
// menu key) on the focused row and closed with Esc, back on the row. `first`: where
// focus goes when they open. Returns toggle(open?).
export function rowActions(li, more, actions, first) {
  actions.id = nextId("row-actions");
  actions.hidden = true;
  more.classList.add("card-more");
  more.setAttribute("aria-expanded", "false");
  more.setAttribute("aria-controls", actions.id);
  const toggle = (open = actions.hidden) => {
    actions.hidden = !open;
    more.setAttribute("aria-expanded", String(open));
    if (open) first().focus();
  };
  more.addEventListener("click", () => toggle());
  li.tabIndex = 0;
  li.addEventListener("keydown", (event) => {
    if (event.target !== li || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "." || event.key === "ContextMenu" || (event.shiftKey && event.key === "F10")) {
      event.preventDefault();
      toggle(true);
    }
  });
  actions.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    toggle(false);
    li.focus();
  });
  return toggle;
}

// A select of the items one may merge into, [[id, text]…], rebuilt only when they
// change (a choice being made survives votes arriving); the first option asks to choose.
export function mergeChoices(select, items, prompt) {
  const sig = JSON.stringify(items);
  if (select.dataset.sig === sig) return;
  select.dataset.sig = sig;
  const chosen = select.value;
  select.replaceChildren(
    Object.assign(el("option", "", prompt), { value: "" }),
    ...items.map(([id, text]) => Object.assign(el("option", "", text), { value: String(id) })),
  );
  select.value = items.some(([id]) => String(id) === chosen) ? chosen : "";
}
