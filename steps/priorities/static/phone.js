// A Prioritisation step on the phone: the options, each with the points this person puts
// on it (typed, or 10 at a time), and how many of the budget are left. Each allocation
// names the points on one option and a number that grows, so a late copy never undoes a
// newer one; an older one still waiting in the outbox is replaced.
let counter = 0;

// The points shown: the acknowledged ones, with the newest allocation still in the outbox on top.
function shownPoints(step, phone) {
  const shown = { ...(phone.votes.get(step.id) || {}) };
  for (const item of phone.outbox.items()) {
    if (item.event === "allocate" && item.payload.step_id === step.id) shown[item.payload.option] = item.payload.points;
  }
  return shown;
}

function fill(view, step, phone) {
  const { t } = phone;
  const options = step.settings.options || [];
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
  phone.hideAlert();
  counter = (counter + 1) % 1000;
  const n = Date.now() * 1000 + counter; // grows across reloads too
  for (const item of phone.outbox.items()) {
    if (item.event === "allocate" && item.payload.step_id === step.id && item.payload.option === option && !phone.inFlight.has(item.id)) {
      phone.outbox.remove(item.id);
    }
  }
  phone.queue("allocate", { step_id: step.id, option, points, n });
  // Focus stays on the same control after the row is built again.
  requestAnimationFrame(() => document.getElementById(`points-${step.id}-${index}`)?.closest("li")?.querySelector(focus)?.focus());
}

export default { template: "priorities-step", fill };
