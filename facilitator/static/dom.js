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
