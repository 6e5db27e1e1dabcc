// Text fields with a length limit say how much is left as the limit comes near, so no
// field stops taking input without a word (every page loads this: base.html). Screen
// readers hear it at a few steps on the way (20, 10, 0 left), not at every key.
const strings = JSON.parse(document.getElementById("counter-strings")?.textContent || "{}");
const counters = new WeakMap(); // field -> its counter
const SAY_AT = new Set([20, 10, 0]);
let made = 0;

// A long field (a reflection, a transcribed quote) says it all the way; a short one near the end.
const LONG = 500;
const nearFrom = (max) => (max > LONG ? max : Math.max(10, Math.min(50, Math.round(max * 0.2))));

function counterOf(field) {
  let counter = counters.get(field);
  if (!counter) {
    counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = `char-count-${++made}`;
    field.after(counter);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
    counters.set(field, counter);
  }
  return counter;
}

function text(left) {
  if (left <= 0) return strings.none;
  return (left === 1 ? strings.one : strings.many).replace("{count}", String(left));
}

export function updateCounter(field) {
  const max = field.maxLength;
  if (!(max > 0)) return;
  const left = max - field.value.length;
  if (left > nearFrom(max)) {
    const counter = counters.get(field);
    if (counter) counter.hidden = true;
    return;
  }
  const counter = counterOf(field);
  counter.hidden = false;
  counter.textContent = text(left);
  counter.classList.toggle("is-full", left <= 0);
  const announcer = document.getElementById("char-count-announcer");
  if (announcer && SAY_AT.has(left)) announcer.textContent = text(left);
}

document.addEventListener("input", (event) => {
  if (event.target.matches?.("input[maxlength], textarea[maxlength]")) updateCounter(event.target);
});
