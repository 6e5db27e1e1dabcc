// Suggestions taken many at a time on a board. "Godta förslag…" shows what would go where
// (the sure suggestions, or all of them) before anything changes, then places them in one
// change with one undo. "Föreslå teman" shows piles of similar unsorted cards, each with a
// draft name to rename and create as a theme, or dissolve. Nothing changes before.
import { UNSORTED } from "./board_order.js";
import { button, el, nextId, textField } from "/f/static/dom.js";

// The shown unsorted cards with a suggestion (only the sure ones: `sureOnly`), card id ->
// its best suggested theme, in board order.
export function suggestedCards(panel, sureOnly) {
  const { data } = panel;
  const found = new Map();
  for (const id of panel.shownIn(UNSORTED)) {
    const best = data.suggested(data.cards.get(id))[0];
    if (best && (!sureOnly || data.isSure(id))) found.set(id, best);
  }
  return found;
}

export class AcceptMany {
  constructor(panel) {
    this.panel = panel;
    this.chosen = new Map(); // card id -> theme id, as the preview shows them
    this.dialog = this.build();
  }

  build() {
    const { t } = this.panel;
    const dialog = el("dialog", "accept-many");
    const heading = el("h2", "", t("accept_many_heading"));
    heading.id = nextId("accept-many");
    dialog.setAttribute("aria-labelledby", heading.id);
    const choice = el("fieldset", "accept-choice");
    choice.append(el("legend", "", t("accept_which")));
    this.radios = {};
    const group = nextId("accept-which");
    for (const which of ["sure", "all"]) {
      const input = el("input");
      input.type = "radio";
      input.name = group;
      input.id = nextId("accept-which");
      input.value = which;
      const label = el("label");
      label.htmlFor = input.id;
      const row = el("div", "radio-row");
      row.append(input, label);
      choice.append(row);
      this.radios[which] = { input, label };
      input.addEventListener("change", () => this.fill());
    }
    this.preview = el("div", "accept-preview");
    this.preview.setAttribute("aria-live", "polite");
    this.acceptButton = button("", null, "submit");
    this.acceptButton.className = "primary";
    const form = el("form", "accept-actions");
    form.append(this.acceptButton, button(t("cancel"), () => dialog.close()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const moves = this.chosen;
      dialog.close();
      this.panel.changes.acceptSuggestions(moves);
    });
    dialog.append(heading, el("p", "hint", t("accept_sure_help")), choice, this.preview, form);
    return dialog;
  }

  open() {
    const sure = suggestedCards(this.panel, true).size;
    this.radios.sure.input.checked = sure > 0;
    this.radios.all.input.checked = sure === 0;
    this.fill();
    this.dialog.showModal();
    (sure > 0 ? this.radios.sure : this.radios.all).input.focus();
  }

  // The preview: each theme with the cards that would go to it.
  fill() {
    const { t, changes, data } = this.panel;
    const sure = suggestedCards(this.panel, true);
    const all = suggestedCards(this.panel, false);
    const { radios } = this;
    radios.sure.label.textContent = t("accept_sure", { count: sure.size });
    radios.all.label.textContent = t("accept_all", { count: all.size });
    radios.sure.input.disabled = sure.size === 0;
    if (sure.size === 0) radios.all.input.checked = true;
    this.chosen = radios.sure.input.checked ? sure : all;
    const byTheme = new Map();
    for (const [id, themeId] of this.chosen) byTheme.set(themeId, [...(byTheme.get(themeId) || []), id]);
    const list = el("ul", "accept-themes");
    for (const [themeId, ids] of byTheme) {
      const item = el("li");
      const cards = el("ul");
      cards.append(...ids.map((id) => el("li", "", data.cards.get(id).text)));
      item.append(el("strong", "", `${changes.themeName(themeId)} (${ids.length})`), cards);
      list.append(item);
    }
    this.preview.replaceChildren(this.chosen.size ? list : el("p", "", t("accept_none")));
    this.acceptButton.textContent = t("accept_count", { count: this.chosen.size });
    this.acceptButton.disabled = this.chosen.size === 0;
  }
}

export class ProposalPiles {
  constructor(panel) {
    this.panel = panel;
    this.el = el("section", "proposals");
    this.el.hidden = true;
  }

  // Each proposed group as a pile of its cards with its draft name in a field.
  show(proposals) {
    const { t, data } = this.panel;
    const unsorted = (id) => data.cards.has(id) && !data.cards.get(id).theme_id;
    this.el.hidden = false;
    this.list = el("ul", "proposal-list");
    for (const proposal of proposals) {
      const cards = proposal.cards.filter(unsorted);
      if (cards.length >= 2) this.list.append(this.pile(proposal.name, cards, unsorted));
    }
    const close = button(t("close_proposals"), () => { this.el.hidden = true; });
    const body = this.list.children.length ? this.list : el("p", "", t("no_proposals"));
    this.el.replaceChildren(el("h4", "", t("proposals_heading")), body, close);
  }

  pile(draft, cards, unsorted) {
    const { t, data, changes, announce } = this.panel;
    const li = el("li", "proposal-pile");
    const form = el("form", "proposal-name");
    const { label, input } = textField("proposal-name", t("proposal_name"), 120);
    input.value = draft;
    const accept = button(t("create_from_proposal"), null, "submit");
    accept.className = "primary";
    const dissolve = button(t("dissolve_proposal"), () => {
      this.remove(li);
      announce(t("proposal_dissolved", { name: input.value.trim() || draft }));
    });
    const actions = el("div", "row-actions");
    actions.append(accept, dissolve);
    form.append(label, input, el("span", "meta", t("card_count", { count: cards.length })), actions);
    // The theme is made with the pile's cards still unsorted in it, in one change.
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (!name) {
        input.focus();
        return;
      }
      const taken = cards.filter(unsorted);
      changes.createTheme(name, taken, (ack) => {
        if (!ack.ok) return;
        this.remove(li);
        announce(t("proposal_accepted", { name, count: taken.length }));
      });
    });
    const examples = el("ul", "proposal-cards");
    examples.append(...cards.map((id) => el("li", "", data.cards.get(id).text)));
    li.append(form, examples);
    return li;
  }

  remove(li) {
    li.remove();
    if (!this.list.children.length) this.el.hidden = true;
  }
}
