// A Prioritisation step on the phone: the options, each with the points this person puts
// on it (typed, or 10 at a time), and how many of the budget are left; or, where the step
// places options on two scales, two sliders from 1 to 5. Each allocation
// names the points on one option and a number that grows, so a late copy never undoes a
// newer one; an older one still waiting in the outbox is replaced.
import { actionButton } from "/static/phone/own_items.js";

let counter = 0;

// The points shown: the acknowledged ones, with the newest allocation still in the outbox on top.
function shownPoints(step, phone) {
  const shown = { ...(phone.votes.get(step.id) || {}) };
  for (const item of phone.outbox.items()) {
    if (item.event !== "allocate" || item.payload.step_id !== step.id) continue;
    shown[item.payload.option] = step.settings.matrix ? [item.payload.x, item.payload.y] : item.payload.points;
  }
  return shown;
}

function fill(view, step, phone) {
  // Options taken from an earlier step come with the step's own as the server read them;
  // when the facilitator has changed their own since, read them anew.
  if (step.options && JSON.stringify(step.own_options) !== JSON.stringify(step.settings.options)) {
    step.own_options = step.settings.options;
    phone.socket.resync();
  }
  if (step.settings.matrix) return fillPlaces(view, step, phone);
  const { t } = phone;
  const options = step.options || step.settings.options || [];
  const budget = step.settings.budget;
  const shown = shownPoints(step, phone);
  const used = options.reduce((sum, option) => sum + (shown[option] || 0), 0);
  const left = budget - used;
  const status = view.querySelector(".points-status");
  if (!options.length) status.textContent = t("no_options");
  else status.textContent = left > 0 ? t("points_left", { left, budget }) : t("points_all_used", { budget });
  const items = options.map((option, index) => ({
    key: `o${index}`,
    sig: `${option}|${shown[option] || 0}|${left}`,
    build: () => optionRow(step, option, index, shown[option] || 0, left, phone),
  }));
  phone.renderKeyed(view.querySelector(".option-list"), items);
  return false; // no text to send: the page's input box is not drawn
}

// Two scales: each option placed with two sliders from 1 to 5 (arrow keys move them;
// a screen reader hears "4 of 5"). An option not yet placed has a button that puts it in
// the middle to start from; a placed one can be taken off again.
function fillPlaces(view, step, phone) {
  const { t } = phone;
  const options = step.options || step.settings.options || [];
  const axes = [step.settings.x_label || t("benefit"), step.settings.y_label || t("effort")];
  const shown = shownPoints(step, phone);
  view.querySelector(".points-status").textContent = options.length ? t("place_each", { x: axes[0], y: axes[1] }) : t("no_options");
  const items = options.map((option, index) => {
    const place = Array.isArray(shown[option]) && shown[option][0] !== null ? shown[option] : null;
    return { key: `o${index}`, sig: `${option}|${place}|${axes.join("|")}`, build: () => placeRow(step, option, index, place, axes, phone) };
  });
  phone.renderKeyed(view.querySelector(".option-list"), items);
  return false;
}

function placeRow(step, option, index, place, axes, phone) {
  const { t } = phone;
  const li = document.createElement("li");
  li.className = "track priority priority-place";
  const name = document.createElement("span");
  name.className = "track-text";
  name.textContent = option;
  li.append(name);
  const id = (which) => `place-${step.id}-${index}-${which}`;
  if (!place) {
    const start = actionButton(t("place_option"), option, () => send(step, option, { x: 3, y: 3 }, phone, `#${id(0)}`));
    start.id = id("start");
    li.append(start);
    return li;
  }
  const controls = document.createElement("span");
  controls.className = "place-controls";
  const sliders = axes.map((axis, which) => {
    const slider = document.createElement("input");
    slider.type = "range";
    slider.min = "1";
    slider.max = "5";
    slider.step = "1";
    slider.id = id(which);
    slider.value = String(place[which]);
    slider.setAttribute("aria-valuetext", t("scale_value", { value: place[which] }));
    const label = document.createElement("label");
    label.htmlFor = slider.id;
    label.className = "place-label";
    const axisName = document.createElement("span");
    axisName.textContent = `${axis}: `;
    const value = document.createElement("strong");
    value.textContent = String(place[which]);
    const forOption = document.createElement("span");
    forOption.className = "visually-hidden";
    forOption.textContent = ` (${option})`;
    label.append(axisName, value, forOption);
    slider.addEventListener("input", () => {
      value.textContent = slider.value;
      slider.setAttribute("aria-valuetext", t("scale_value", { value: slider.value }));
    });
    const field = document.createElement("span");
    field.className = "place-field";
    field.append(label, slider);
    controls.append(field);
    return slider;
  });
  for (const [which, slider] of sliders.entries()) {
    slider.addEventListener("change", () => {
      const [x, y] = sliders.map((s) => Number(s.value));
      send(step, option, { x, y }, phone, `#${id(which)}`);
    });
  }
  const clear = actionButton(t("unplace_option"), option, () => send(step, option, { x: null, y: null }, phone, `#${id("start")}`));
  li.append(controls, clear);
  return li;
}

function optionRow(step, option, index, points, left, phone) {
  const { t } = phone;
  const li = document.createElement("li");
  li.className = "track priority";
  const label = document.createElement("label");
  label.className = "track-text";
  label.htmlFor = `points-${step.id}-${index}`;
  label.textContent = option;
  const input = document.createElement("input");
  input.type = "number";
  input.inputMode = "numeric";
  input.id = label.htmlFor;
  input.className = "points-input";
  input.min = "0";
  input.max = String(points + left);
  input.value = String(points);
  input.setAttribute("aria-label", t("points_for", { option }));
  input.addEventListener("change", () => {
    const wanted = Math.max(0, Math.min(points + left, Math.round(Number(input.value) || 0)));
    place(step, option, index, wanted, phone, ".points-input");
  });
  const less = stepButton("−10", t("fewer_points", { option }), points === 0, () => place(step, option, index, Math.max(0, points - 10), phone, ".less"));
  less.classList.add("less");
  const more = stepButton("+10", t("more_points", { option }), left === 0, () => place(step, option, index, points + Math.min(10, left), phone, ".more"));
  more.classList.add("more");
  const controls = document.createElement("span");
  controls.className = "vote-controls";
  controls.append(less, input, more);
  li.append(label, controls);
  return li;
}

function stepButton(text, name, disabled, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "dot-button";
  button.textContent = text;
  button.setAttribute("aria-label", name);
  button.disabled = disabled;
  button.addEventListener("click", onClick);
  return button;
}

function place(step, option, index, points, phone, focus) {
  send(step, option, { points }, phone, null);
  // Focus stays on the same control after the row is built again.
  requestAnimationFrame(() => document.getElementById(`points-${step.id}-${index}`)?.closest("li")?.querySelector(focus)?.focus());
}

function send(step, option, values, phone, focus) {
  phone.hideAlert();
  counter = (counter + 1) % 1000;
  const n = Date.now() * 1000 + counter; // grows across reloads too
  for (const item of phone.outbox.items()) {
    if (item.event === "allocate" && item.payload.step_id === step.id && item.payload.option === option && !phone.inFlight.has(item.id)) {
      phone.outbox.remove(item.id);
    }
  }
  phone.queue("allocate", { step_id: step.id, option, ...values, n });
  if (focus) requestAnimationFrame(() => document.querySelector(focus)?.focus());
}

export default { template: "priorities-step", fill };
