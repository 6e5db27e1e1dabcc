// Long Swedish compounds on the big screen ("Uppdragsbeskrivningar") never break in the
// middle of a word. Where the browser can hyphenate the page's language it does so with
// `hyphens: auto`; where it cannot (Debian's Chromium has no Swedish dictionary, nor may
// a venue laptop), a text whose longest word is wider than its box steps its size down
// until the word fits, to a floor that stays readable from the back of the room, and
// only below that floor does the word break.

let hyphenates = null;

// Whether the browser hyphenates the page's language: a long compound in a narrow box
// either breaks with a hyphen (it fits) or sticks out.
export function browserHyphenates() {
  if (hyphenates !== null) return hyphenates;
  const probe = document.createElement("div");
  probe.lang = document.documentElement.lang || "sv";
  probe.style.cssText = "position:absolute;visibility:hidden;width:6em;font-size:16px;"
    + "hyphens:auto;-webkit-hyphens:auto;overflow-wrap:normal;word-break:normal";
  probe.textContent = "Uppdragsbeskrivningarna";
  document.body.append(probe);
  hyphenates = probe.scrollWidth <= probe.clientWidth + 1;
  probe.remove();
  document.documentElement.classList.toggle("no-hyphens", !hyphenates);
  return hyphenates;
}

// Each element whose longest word does not fit steps its font size down (by `step`) to
// `floor` of its size from the style sheet; below that it may break the word.
export function fitWords(elements, { floor = 0.7, step = 0.92 } = {}) {
  if (browserHyphenates()) return;
  for (const node of elements) {
    node.style.fontSize = "";
    node.classList.remove("breaks-words");
    if (!node.clientWidth) continue; // not laid out (hidden): fitted when shown
    const base = parseFloat(getComputedStyle(node).fontSize);
    let size = base;
    while (node.scrollWidth > node.clientWidth + 1 && size > base * floor) {
      size = Math.max(base * floor, size * step);
      node.style.fontSize = `${size}px`;
    }
    if (node.scrollWidth > node.clientWidth + 1) node.classList.add("breaks-words");
  }
}
