// One Prioritisation step on the dashboard: the options ranked by their points, each with
// how many gave it points and its points per table group, so the groups' priorities
// compare at a glance (breakout, then plenary). The options are the step's settings.
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
    this.el.append(this.heading, this.summary, this.empty, this.table);
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
    this.voters = message.voters || 0;
    this.render();
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
    const columns = [t("rank"), t("option"), t("points_total"), ...this.groups.map((name) => name || t("no_group"))];
    head.append(...columns.map((text) => Object.assign(el("th", "", text), { scope: "col" })));
    const rows = this.options.map((option) => {
      const tr = el("tr");
      const rank = el("td", "rank", option.tied ? t("rank_tied", { rank: option.rank }) : String(option.rank));
      const name = el("th", "", option.option);
      name.scope = "row";
      const total = el("td", "count", String(option.points));
      total.title = t("people_count", { count: option.people });
      tr.append(rank, name, total, ...option.by_group.map((points) => el("td", "count", String(points))));
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
    this.summary.textContent = t("placed_summary", { voters: this.voters });
    const axes = this.axes.join(" · ");
    const columns = [t("option"), axes, t("placed_people"), ...this.groups.map((name) => `${name || t("no_group")} (${axes})`)];
    const head = el("tr");
    head.append(...columns.map((text) => Object.assign(el("th", "", text), { scope: "col" })));
    const rows = this.options.map((option) => {
      const tr = el("tr");
      const name = el("th", "", option.option);
      name.scope = "row";
      tr.append(name, el("td", "count", place(option)), el("td", "count", String(option.people)), ...option.by_group.map((p) => el("td", "count", place(p))));
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
