// Form fields the board's parts share: a labelled theme <select> and its options.
import { el, nextId } from "/f/static/dom.js";

export function themeSelect(text) {
  const select = el("select");
  select.id = nextId("theme-select");
  const label = el("label", "", text);
  label.htmlFor = select.id;
  const wrap = el("span", "select-wrap");
  wrap.append(label, select);
  return { wrap, select };
}

// options: [[value, text]]; drawn again only when they changed, so a choice survives.
export function fillOptions(select, options, value) {
  const sig = JSON.stringify(options);
  if (select.dataset.sig !== sig) {
    select.dataset.sig = sig;
    select.replaceChildren(...options.map(([v, text]) => Object.assign(el("option", "", text), { value: String(v) })));
  }
  select.value = String(value);
}
