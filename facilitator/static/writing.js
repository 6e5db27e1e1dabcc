// Write, then reveal, on the projector: while a step is in its writing phase the room
// sees only how many have written, in all and per table group, never what (steps/reveal.py).
// Each kind that offers the mode keeps its own box, so one kind's view hiding its box
// never hides another's.

// Whether the step is in its writing phase (its settings, as the agenda gives them).
export const writingPhase = (step) => Boolean(step?.settings?.write_first && !step.settings.all_revealed);

export class WritingBox {
  constructor(t, id) {
    this.t = t;
    this.el = document.getElementById(id) || Object.assign(document.createElement("section"), { id });
    this.el.className = "writing-view";
    this.el.hidden = true;
    this.el.setAttribute("aria-live", "polite");
    if (!this.el.isConnected) document.getElementById("step-view").append(this.el);
  }

  // Shows `writing` ({total, groups: [{name, count}]}), or hides the box (null).
  show(writing) {
    const { t } = this;
    this.el.hidden = !writing;
    if (!writing) return;
    const heading = document.createElement("p");
    heading.className = "writing-total";
    heading.textContent = t("writing_total", { count: writing.total });
    const note = document.createElement("p");
    note.className = "writing-note";
    note.textContent = t("writing_note");
    const groups = writing.groups.filter((g) => g.name || g.count);
    const list = document.createElement("ul");
    list.className = "writing-groups";
    list.replaceChildren(...(groups.length > 1 || groups[0]?.name ? groups : []).map((group) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = group.name || t("writing_no_group");
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = String(group.count);
      li.append(name, count);
      return li;
    }));
    this.el.replaceChildren(heading, list, note);
  }
}
