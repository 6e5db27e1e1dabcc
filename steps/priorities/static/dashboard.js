// One Prioritisation step on the dashboard: the options ranked by their points (or at their
// mean places on two scales), each with a column per table group or per stakeholder type,
// so their priorities compare at a glance (breakout, then plenary).
import { el, nextId } from "/f/static/dom.js";

export class PrioritiesPanel {
  constructor(step, { t }) {
    this.t = t;
    this.el = el("section", "panel priorities-panel");
    this.heading = el("h3");
    this.heading.id = nextId("priorities-heading");
    this.el.setAttribute("aria-labelledby", this.heading.id);
    this.summary = el("p", "summary");
    this.summary.setAttribute("aria-live", "polite");
    this.table = el("table", "priorities-table");
    this.empty = el("p", "small", t("no_options"));
    // Compare by table group or by stakeholder type, where the workshop has both.
    this.compareBy = "groups";
    this.compare = el("select");
    this.compare.id = nextId("priorities-compare");
    this.compare.append(new Option(t("compare_groups"), "groups"), new Option(t("compare_types"), "types"));
    this.compare.addEventListener("change", () => {
      this.compareBy = this.compare.value;
      this.render();
    });
    const label = el("label", "", t("compare_by"));
    label.htmlFor = this.compare.id;
    this.compareBox = el("p", "select-wrap");
    this.compareBox.append(label, this.compare);
    this.el.append(this.heading, this.summary, this.compareBox, this.empty, this.table);
    this.reset(step);
  }

  update(step) {
    this.step = { ...this.step, ...step };
  }

  highlights() {
    return [];
  }

  reset(step) {
    this.step = step;
    this.apply(step);
  }

  apply(message) {
    this.options = message.options || [];
    this.matrix = Boolean(message.matrix);
    this.axes = message.axes || [];
    this.groups = message.groups || [];
    this.types = message.types || [];
    this.voters = message.voters || 0;
    this.render();
  }

  // The columns compared: [names, the values key of each option ("by_group", "by_type")].
  columns() {
    const t = this.t;
    this.compareBox.hidden = !(this.groups.length && this.types.length);
    const byTypes = this.types.length && (this.compareBy === "types" || !this.groups.length);
    if (byTypes) return [this.types.map((name) => name || t("no_type")), "by_type"];
    return [this.groups.map((name) => name || t("no_group")), "by_group"];
  }

  total() {
    return this.options.length;
  }

  render() {
    const t = this.t;
    this.heading.textContent = this.step.title;
    this.summary.textContent = t("priorities_summary", { voters: this.voters });
    this.empty.hidden = this.options.length > 0;
    this.table.hidden = this.options.length === 0;
    if (this.matrix) return this.renderPlaces();
    const caption = el("caption", "visually-hidden", this.step.title);
    const head = el("tr");
    const [names, key] = this.columns();
    const columns = [t("rank"), t("option"), t("points_total"), ...names];
    head.append(...columns.map((text) => Object.assign(el("th", "", text), { scope: "col" })));
    const rows = this.options.map((option) => {
      const tr = el("tr");
      const rank = el("td", "rank", option.tied ? t("rank_tied", { rank: option.rank }) : String(option.rank));
      const name = el("th", "", option.option);
      name.scope = "row";
      const total = el("td", "count", String(option.points));
      total.title = t("people_count", { count: option.people });
      tr.append(rank, name, total, ...option[key].map((points) => el("td", "count", String(points))));
      return tr;
    });
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    tbody.append(...rows);
    this.table.replaceChildren(caption, thead, tbody);
  }

  // Two scales: each option's mean place and how many placed it, in all and per group.
  renderPlaces() {
    const t = this.t;
    const place = (p) => (p.x === null ? "–" : `${p.x.toFixed(1)} · ${p.y.toFixed(1)}`);
    const [names, key] = this.columns();
    this.summary.textContent = t("placed_summary", { voters: this.voters });
    const axes = this.axes.join(" · ");
    const columns = [t("option"), axes, t("placed_people"), ...names.map((name) => `${name} (${axes})`)];
    const head = el("tr");
    head.append(...columns.map((text) => Object.assign(el("th", "", text), { scope: "col" })));
    const rows = this.options.map((option) => {
      const tr = el("tr");
      const name = el("th", "", option.option);
      name.scope = "row";
      tr.append(name, el("td", "count", place(option)), el("td", "count", String(option.people)), ...option[key].map((p) => el("td", "count", place(p))));
      return tr;
    });
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    tbody.append(...rows);
    this.table.replaceChildren(el("caption", "visually-hidden", this.step.title), thead, tbody);
  }
}

export default { Panel: PrioritiesPanel, resync: true, events: ["priorities_changed"] };
