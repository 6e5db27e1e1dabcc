// Entering input on a table group's behalf: words, cards and tracks from paper, or for
// people without a phone. Used by a scribe (whose link may fix the group) and on the
// dashboard. The server sends it as the group's stand-in participant, so it is counted
// like any other input and marked as entered for the group. A submission keeps its id
// until it is acknowledged: pressing Send again after a dropped connection never
// makes a second copy, and the typed text stays until the server has it.
import { newId } from "/static/js/live.js";
import { button, clearSent, el, headedSection, nextId } from "./dom.js";

const NO_GROUP = "none";
const ACK_TIMEOUT_MS = 10000;


export class BehalfForm {
  // kinds: each kind's entry module (steps/<kind>/static/entry.js): what the form sends
  // to a step of that kind ({item, takesInput, categories, asksLevel}).
  constructor({ socket, t, announce, kinds, fixedGroup = null, themesOf = (step) => step.themes || [] }) {
    this.socket = socket;
    this.kinds = kinds;
    this.t = t;
    this.announce = announce;
    this.fixedGroup = fixedGroup; // {id, name} when a scribe writes for one group
    this.themesOf = themesOf;
    this.steps = [];
    this.groups = [];
    this.pending = null; // {id, signature} of a submission not yet acknowledged
    this.el = this.build();
  }

  build() {
    const t = this.t;
    const { section } = headedSection("panel behalf-panel", t("behalf_heading"));
    const intro = el("p", "small", t("behalf_intro"));
    this.empty = el("p", "small", t("behalf_no_step"));
    this.form = el("form", "stack behalf-form");
    this.form.noValidate = true;
    this.step = this.select("behalf-step", t("behalf_step"));
    this.group = this.select("behalf-group", t("behalf_group"));
    this.theme = this.select("behalf-theme", t("behalf_theme"));
    this.category = this.select("behalf-category", t("behalf_category"));
    this.level = this.select("behalf-level", t("behalf_level"));
    this.type = this.select("behalf-type", t("behalf_type"));
    this.text = el("textarea");
    this.text.id = nextId("behalf-text");
    this.text.rows = 2;
    const textLabel = el("label", "", t("behalf_text"));
    textLabel.htmlFor = this.text.id;
    this.status = el("p", "small behalf-status");
    this.status.setAttribute("role", "status");
    this.error = el("p", "error");
    this.error.id = nextId("behalf-error");
    this.error.hidden = true;
    this.send = button(t("behalf_send"), null, "submit");
    this.send.className = "primary";
    this.form.append(...this.step.parts, ...this.group.parts, ...this.theme.parts, ...this.category.parts,
      ...this.level.parts, ...this.type.parts, textLabel, this.text, this.error, this.send, this.status);
    this.sent = el("ul", "note-list behalf-sent");
    this.sent.setAttribute("aria-label", t("behalf_sent_list"));
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.submit(); });
    this.step.input.addEventListener("change", () => this.renderChoices());
    this.text.addEventListener("input", () => { this.error.hidden = true; this.text.removeAttribute("aria-invalid"); });
    this.group.input.addEventListener("change", () => { this.error.hidden = true; this.group.input.removeAttribute("aria-invalid"); });
    section.append(intro, this.empty, this.form, this.sent);
    return section;
  }

  select(prefix, labelText) {
    const input = el("select");
    input.id = nextId(prefix);
    const label = el("label", "", labelText);
    label.htmlFor = input.id;
    return { input, label, parts: [label, input] };
  }

  // Options are built again only when they change, so a choice made stays made.
  fill(field, options, shown = true) {
    field.label.hidden = field.input.hidden = !shown || options.length === 0;
    const sig = JSON.stringify(options);
    if (field.input.dataset.sig === sig) return;
    field.input.dataset.sig = sig;
    const chosen = field.input.value;
    field.input.replaceChildren(...options.map(([value, text]) => Object.assign(el("option", "", text), { value })));
    if (options.some(([value]) => value === chosen)) field.input.value = chosen;
  }

  // levels: the workshop's list a card's level is chosen from; types: its stakeholder
  // types, one of which what a group wrote may be marked with (none: not asked).
  update(steps, groups, levels = this.levels || [], types = this.types || []) {
    this.steps = steps.filter((step) => this.takesInput(step));
    this.groups = groups;
    this.levels = levels;
    this.types = types;
    this.render();
  }

  render() {
    const t = this.t;
    const open = this.steps.length > 0;
    this.empty.hidden = open;
    this.form.hidden = !open;
    this.fill(this.step, this.steps.map((s) => [String(s.id), s.title]));
    // No group is taken for granted: the scribe chooses one, or says "no group".
    const groupOptions = this.fixedGroup
      ? []
      : [["", t("behalf_choose_group")], ...this.groups.map((g) => [String(g.id), g.name]), [NO_GROUP, t("behalf_no_group")]];
    this.fill(this.group, this.groups.length ? groupOptions : []);
    this.renderChoices();
  }

  takesInput(step) {
    const kind = this.kinds[step.kind];
    return step.is_open && Boolean(kind) && (kind.takesInput?.(step) ?? true);
  }

  current() {
    return this.steps.find((s) => String(s.id) === this.step.input.value);
  }

  renderChoices() {
    const t = this.t;
    const step = this.current();
    const themes = step?.based_on_step_id ? this.themesOf(step) : [];
    this.fill(this.theme, themes.map((th) => [String(th.id), th.name]));
    const kind = step && this.kinds[step.kind];
    const categories = kind?.categories?.(step) || [];
    this.fill(this.category, categories.map((c) => [c, c]), categories.length > 1);
    this.fill(this.level, [["", t("behalf_no_level")], ...this.levels.map((l) => [l, l])], Boolean(kind?.asksLevel?.(step)));
    this.fill(this.type, this.types.length ? [["", t("behalf_no_type")], ...this.types.map((k) => [k, k])] : []);
    if (step) this.text.maxLength = step.settings?.max_length || 500;
  }

  payload() {
    const step = this.current();
    const data = { kind: this.kinds[step.kind].item, step_id: step.id, text: this.text.value };
    if (!this.group.input.hidden) data.group_id = this.group.input.value === NO_GROUP ? null : Number(this.group.input.value);
    if (!this.theme.input.hidden) data.theme_id = Number(this.theme.input.value);
    if (!this.category.input.hidden) data.category = this.category.input.value;
    if (!this.level.input.hidden && this.level.input.value) data.level = this.level.input.value;
    if (!this.type.input.hidden && this.type.input.value) data.stakeholder_type = this.type.input.value;
    return data;
  }

  submit() {
    const t = this.t;
    const step = this.current();
    if (!step || this.waiting) return;
    if (!this.group.input.hidden && !this.group.input.value) {
      this.error.textContent = t("behalf_group_needed");
      this.error.hidden = false;
      this.group.input.setAttribute("aria-invalid", "true");
      this.group.input.setAttribute("aria-describedby", this.error.id);
      this.group.input.focus();
      return;
    }
    this.group.input.removeAttribute("aria-invalid");
    this.waiting = true;
    const data = this.payload();
    // The same text to the same place again is the same submission until acknowledged.
    const signature = JSON.stringify(data);
    if (this.pending?.signature !== signature) this.pending = { id: newId(), signature };
    const id = this.pending.id;
    this.send.setAttribute("aria-disabled", "true");
    this.status.textContent = t("behalf_sending");
    this.socket.timeout(ACK_TIMEOUT_MS).emit("enter_for_group", { ...data, id }, (err, ack) => {
      this.waiting = false;
      this.send.removeAttribute("aria-disabled");
      if (err) {
        this.status.textContent = t("behalf_not_sent");
        return;
      }
      if (!ack.ok) {
        this.pending = null;
        this.status.textContent = "";
        this.error.textContent = ack.message;
        this.error.hidden = false;
        this.text.setAttribute("aria-invalid", "true");
        this.text.setAttribute("aria-describedby", this.error.id);
        return;
      }
      if (this.pending?.id === id) this.pending = null;
      const group = this.fixedGroup?.name || this.groups.find((g) => g.id === data.group_id)?.name || t("behalf_no_group");
      const item = ack.word || ack.card || ack.track;
      const li = el("li", "note");
      li.append(el("p", "note-text", item?.text || data.text), el("p", "card-meta", `${step.title} · ${group}`));
      this.sent.prepend(li);
      clearSent(this.text, data.text);
      this.status.textContent = t("behalf_sent", { group });
      this.announce?.(t("behalf_sent", { group }));
      this.text.focus();
    });
  }
}
