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
