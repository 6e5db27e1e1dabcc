// The person's own input in a step, as the phone lists it under the input box: each
// word, card or track with its state ("visas", "väntar på granskning", "skickar…"), and
// buttons to change or withdraw it. What is being sent shows as "sending" until the
// server answers; an edit opens in place and keeps its draft.
export class OwnItems {
  // kinds: each kind's phone module; queue(event, payload): into the outbox;
  // alerts: {show(message), hide()}; refresh(): draw the page again.
  constructor({ t, kinds, drafts, queue, alerts, refresh }) {
    Object.assign(this, { t, kinds, drafts, queue, alerts, refresh });
    this.editing = new Set(); // ids of items being edited
  }

  // What an item is filed under, shown beside it (a card's category, theme and level).
  context(step, item) {
    return this.kinds[step.kind].context?.(step, item, this.t) || "";
  }

  // A new item still in the outbox.
  sending(step, item) {
    const text = item.payload.text;
    return { key: `q${item.id}`, sig: text, build: () => entry(text, this.t("sending"), "sending", this.context(step, item.payload)) };
  }

  // One of the participant's own items: its state, and buttons to change or withdraw it
  // (`pendingOp`: an edit or withdrawal of it waiting in the outbox).
  item(step, own, pendingOp) {
    const { t } = this;
    const spec = this.kinds[step.kind];
    if (pendingOp) {
      const text = pendingOp.event === spec.edit ? pendingOp.payload.text : own.text;
      const status = pendingOp.event === spec.edit ? t("sending") : t("withdrawing");
      return { key: `w${own.id}`, sig: `p|${status}|${text}`, build: () => entry(text, status, "sending") };
    }
    if (this.editing.has(own.id)) {
      return { key: `w${own.id}`, sig: "editing", build: () => this.editForm(step, own) };
    }
    const status = t(own.status);
    const text = own.status === "hidden" ? t("hidden_text") : own.text;
    const about = this.context(step, own);
    return {
      key: `w${own.id}`,
      sig: `${own.status}|${own.text}|${about}`,
      build: () => {
        const li = entry(text, status, own.status, about);
        const actions = document.createElement("span");
        actions.className = "entry-actions";
        if (own.status !== "hidden") {
          actions.append(actionButton(t("edit"), own.text, () => this.startEdit(own.id)));
        }
        actions.append(actionButton(t("withdraw"), own.text || text, () => this.withdraw(step, own)));
        li.append(actions);
        return li;
      },
    };
  }

  editForm(step, own) {
    const { t } = this;
    const spec = this.kinds[step.kind];
    const li = document.createElement("li");
    li.className = "entry entry-editing";
    const form = document.createElement("form");
    form.className = "edit-form";
    form.noValidate = true;
    const input = document.createElement(spec.multiline ? "textarea" : "input");
    if (spec.multiline) input.rows = 3;
    else input.type = "text";
    input.id = `edit-${own.id}`;
    input.maxLength = step.settings.max_length;
    input.autocomplete = "off";
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = t(spec.editLabel);
    const key = this.drafts.key(step.id, `edit-${own.id}`);
    if (sessionStorage.getItem(key) === null) sessionStorage.setItem(key, own.text);
    this.drafts.keep(input, key);
    const save = document.createElement("button");
    save.type = "submit";
    save.className = "primary small-button";
    save.textContent = t("save");
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "small-button";
    cancel.textContent = t("cancel");
    cancel.addEventListener("click", () => {
      sessionStorage.removeItem(key);
      this.editing.delete(own.id);
      this.refresh();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveEdit(step, own, input, key);
    });
    const buttons = document.createElement("div");
    buttons.className = "edit-buttons";
    buttons.append(save, cancel);
    form.append(label, input, buttons);
    li.append(form);
    requestAnimationFrame(() => input.focus());
    return li;
  }

  startEdit(id) {
    this.alerts.hide();
    this.editing.add(id);
    this.refresh();
  }

  saveEdit(step, own, input, key) {
    const { t } = this;
    const text = input.value.trim();
    this.alerts.hide();
    if (!text) return this.alerts.show(t("empty"));
    if (text.length > input.maxLength) return this.alerts.show(t("too_long", { limit: input.maxLength }));
    this.editing.delete(own.id);
    sessionStorage.removeItem(key);
    const spec = this.kinds[step.kind];
    this.queue(spec.edit, { step_id: step.id, [spec.idField]: own.id, text });
  }

  withdraw(step, own) {
    this.alerts.hide();
    const spec = this.kinds[step.kind];
    this.queue(spec.withdraw, { step_id: step.id, [spec.idField]: own.id });
  }
}

function entry(text, status, kind, about = "") {
  const li = document.createElement("li");
  li.className = `entry entry-${kind}`;
  const word = document.createElement("span");
  word.className = "entry-text";
  word.textContent = text;
  const badge = document.createElement("span");
  badge.className = "entry-status";
  badge.textContent = status;
  li.append(word, " ", badge);
  if (about) {
    const small = document.createElement("span");
    small.className = "entry-about";
    small.textContent = about;
    li.append(small);
  }
  return li;
}

// A small button that says what it does to which item ("Ändra: <text>" to a screen reader).
export function actionButton(label, itemText, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "small-button";
  button.textContent = label;
  const name = document.createElement("span");
  name.className = "visually-hidden";
  name.textContent = `: ${itemText}`;
  button.append(name);
  button.addEventListener("click", onClick);
  return button;
}
