// The export page, with JavaScript: an export starts as a job on the server, its stage
// shows beside the button that started it (reading the workshop, writing the file), and
// a download link appears when the file is ready, so a big deck taken during the
// workshop never leaves the organizer staring at a frozen page. Without JavaScript the
// same form and links download the file directly.
import { loadStrings } from "/static/js/live.js";

const root = document.getElementById("exports");
const t = loadStrings();
const csrf = root.querySelector("input[name=csrf_token]").value;
const POLL_MS = 500;

function statusBeside(trigger) {
  let status = trigger.parentElement.querySelector(":scope > .export-status");
  if (!status) {
    status = document.createElement("p");
    status.className = "export-status";
    status.setAttribute("role", "status");
    trigger.after(status);
  }
  return status;
}

function show(status, stage, file) {
  status.dataset.stage = stage;
  status.replaceChildren(t(stage));
  if (file) {
    const link = document.createElement("a");
    link.href = file;
    link.textContent = t("download");
    status.append(" ", link);
    link.focus();
  }
}

async function start(trigger, data) {
  const status = statusBeside(trigger);
  trigger.setAttribute("aria-disabled", "true");
  show(status, "queued");
  try {
    const response = await fetch(root.dataset.jobs, { method: "POST", body: data, credentials: "same-origin" });
    const answer = await response.json();
    if (!response.ok) {
      status.replaceChildren(Object.values(answer.errors || {}).flat().join(" "));
      status.dataset.stage = "failed";
      return;
    }
    await follow(status, answer.status);
  } catch {
    show(status, "offline");
  } finally {
    trigger.removeAttribute("aria-disabled");
  }
}

async function follow(status, url) {
  for (;;) {
    const answer = await (await fetch(url, { credentials: "same-origin" })).json();
    if (answer.stage === "done") return show(status, "done", answer.file);
    if (answer.stage === "failed") return show(status, "failed");
    if (status.dataset.stage !== answer.stage) show(status, answer.stage);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const form = root.querySelector("form[data-kind]");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  if (button.getAttribute("aria-disabled") === "true") return; // one deck at a time
  const data = new FormData(form);
  data.set("kind", form.dataset.kind);
  start(button, data);
});

for (const link of root.querySelectorAll("a[data-kind]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    if (link.getAttribute("aria-disabled") === "true") return;
    const data = new FormData();
    data.set("csrf_token", csrf);
    data.set("kind", link.dataset.kind);
    start(link, data);
  });
}
