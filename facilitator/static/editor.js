// Pages of parts that each save on their own (the workshop editor: agenda, facts, groups,
// scribes, facilitators…; a series: its matching, its title and meetings). A part saves
// without reloading the page, so what is typed in another part stays where it is. The
// answer is the page as the server draws it after the save: the saved part
// is taken from it with its message (or its errors beside the fields), and so is every
// other part that holds nothing unsaved. Leaving the page with unsaved input asks first.
// Without JavaScript the same forms post and reload the page.
const editor = document.getElementById("editor");
const announcer = document.getElementById("editor-status");
const strings = JSON.parse(document.getElementById("editor-strings").textContent);
const unsaved = new Set(); // ids of parts with input not yet saved
// What is typed and not saved also waits in this tab's storage, for a page drawn anew
// with it missing (the language button reloads the page in the other language).
const DRAFTS = `rundabord:unsaved:${location.pathname}`;

const partOf = (element) => element.closest(".editor-part");
const fieldsOf = (part) =>
  [...part.querySelectorAll("input, textarea, select")].filter((f) => f.name && !["hidden", "file"].includes(f.type));

function changed(event) {
  const part = partOf(event.target);
  // A form that leads to another page (choosing the kind of a step to add) holds nothing
  // to lose: choosing in it must not make leaving ask.
  if (!part || !event.target.form || "leaves" in event.target.form.dataset) return;
  unsaved.add(part.id);
  part.dataset.unsaved = "true";
  keepDrafts();
}

function keepDrafts() {
  const drafts = {};
  for (const id of unsaved) {
    const part = document.getElementById(id);
    if (part) drafts[id] = fieldsOf(part).map((f) => [f.id, f.type === "checkbox" ? f.checked : f.value]);
  }
  try {
    if (unsaved.size) sessionStorage.setItem(DRAFTS, JSON.stringify(drafts));
    else sessionStorage.removeItem(DRAFTS);
  } catch {
    // storage full or off: the question before leaving still protects what is typed
  }
}

function restoreDrafts() {
  let drafts = {};
  try {
    drafts = JSON.parse(sessionStorage.getItem(DRAFTS) || "{}");
  } catch {
    return;
  }
  for (const [id, fields] of Object.entries(drafts)) {
    const part = document.getElementById(id);
    if (!part) continue;
    for (const [fieldId, value] of fields) {
      const field = fieldId && document.getElementById(fieldId);
      if (!field || partOf(field) !== part) continue;
      if (field.type === "checkbox") field.checked = value;
      else field.value = value;
    }
    unsaved.add(id);
    part.dataset.unsaved = "true";
  }
}
restoreDrafts();
editor.addEventListener("input", changed);
editor.addEventListener("change", changed);

window.addEventListener("beforeunload", (event) => {
  if (unsaved.size === 0) return;
  event.preventDefault();
  event.returnValue = ""; // the browser's own question: leave, or stay and save
});

editor.addEventListener("submit", (event) => {
  const form = event.target;
  // Asked and declined (confirm.js), or a form that leads to another page.
  if (event.defaultPrevented || "leaves" in form.dataset) return;
  event.preventDefault();
  save(form, event.submitter);
});

async function save(form, submitter) {
  const part = partOf(form);
  const data = new FormData(form, submitter);
  const index = [...part.querySelectorAll("button")].indexOf(submitter);
  const formIndex = [...part.querySelectorAll("form")].indexOf(form);
  part.setAttribute("aria-busy", "true");
  let page;
  try {
    const response = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
    page = new DOMParser().parseFromString(await response.text(), "text/html");
    if (!page.getElementById("editor")) {
      // Not the editor (the workshop is gone, the session ended): go where the server says.
      unsaved.clear();
      keepDrafts();
      window.location.assign(response.url);
      return;
    }
  } catch {
    part.removeAttribute("aria-busy");
    tell(part, form, [{ text: strings.offline, error: true }]);
    return;
  }
  const messages = [...page.querySelectorAll(".flashes .flash")].map((flash) => ({
    text: flash.textContent,
    error: flash.classList.contains("flash-error"),
  }));
  // Refused: the part comes back with what was typed, still not saved.
  const refused = messages.some((m) => m.error) || page.querySelector(`#${part.id} .error`);
  if (!refused) unsaved.delete(part.id);
  for (const fresh of page.querySelectorAll(".editor-part")) {
    const old = document.getElementById(fresh.id);
    if (old && (old === part || !unsaved.has(old.id))) old.replaceWith(document.adoptNode(fresh));
  }
  const title = page.querySelector("h1");
  if (title) document.querySelector("h1").textContent = title.textContent;
  document.title = page.title;
  const saved = document.getElementById(part.id);
  if (refused) saved.dataset.unsaved = "true";
  keepDrafts();
  tell(saved, saved.querySelectorAll("form")[formIndex], messages);
  focusAfter(saved, index);
}

// The server's messages where the facilitator is looking: below the form they sent (at
// the head of the part for the small forms of a list, such as moving a step), in view,
// and said to screen readers.
function tell(part, form, messages) {
  part.querySelector(".part-messages")?.remove();
  if (!messages.length) return;
  const box = document.createElement("div");
  box.className = "part-messages";
  for (const message of messages) {
    const line = document.createElement("p");
    line.className = `flash ${message.error ? "flash-error" : "flash-success"}`;
    line.textContent = message.text;
    box.append(line);
  }
  if (form && !form.classList.contains("inline")) form.after(box);
  else part.querySelector(":scope > h2").after(box);
  box.scrollIntoView({ block: "nearest" });
  announcer.textContent = messages.map((m) => m.text).join(" ");
}

// The first field with an error, or else the button that was pressed (as drawn anew).
function focusAfter(part, index) {
  const invalid = part.querySelector("[aria-invalid=true]");
  if (invalid) {
    invalid.focus();
    return;
  }
  const buttons = [...part.querySelectorAll("button")];
  const button = buttons[Math.min(index, buttons.length - 1)];
  if (button && !button.disabled && !button.hidden) {
    button.focus();
    return;
  }
  const heading = part.querySelector("h2");
  heading.setAttribute("tabindex", "-1");
  heading.focus();
}
