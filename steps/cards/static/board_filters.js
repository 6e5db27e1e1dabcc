// Filter and find on a board: by table group (with each group's count), category and
// level, and by a card's text. A filter shows only the lists it can narrow, and never
// changes the data: the columns count "shown/all".
import { el, nextId, textField } from "/f/static/dom.js";

const NAMES = ["group", "category", "level"];

export class BoardFilters {
  // onChange(): the filters changed, draw the board again.
  constructor({ t, groupName, onChange }) {
    Object.assign(this, { t, groupName });
    this.values = { group: "", category: "", level: "", text: "" };
    this.selects = {};
    this.el = el("div", "filters");
    for (const name of NAMES) {
      const select = el("select");
      select.id = nextId(`filter-${name}`);
      const label = el("label", "", t(`filter_${name}`));
      label.htmlFor = select.id;
      select.addEventListener("change", () => {
        this.values[name] = select.value;
        onChange();
      });
      const wrap = el("div", "filter");
      wrap.append(label, select);
      this.selects[name] = { wrap, select };
      this.el.append(wrap);
    }
    const search = textField("find-card", t("find_card"), 100);
    search.input.type = "search";
    search.input.addEventListener("input", () => {
      this.values.text = search.input.value.trim().toLocaleLowerCase("sv");
      onChange();
    });
    const find = el("div", "filter find");
    find.append(search.label, search.input);
    this.el.append(find);
  }

  // The lists offered, from the cards on the board: cards (a Map of id -> card).
  render(cards) {
    const t = this.t;
    const values = { group: new Set(), category: new Set(), level: new Set() };
    const perGroup = new Map(); // group id -> how many cards
    for (const card of cards.values()) {
      if (card.group_id) {
        values.group.add(String(card.group_id));
        perGroup.set(String(card.group_id), (perGroup.get(String(card.group_id)) || 0) + 1);
      }
      values.category.add(card.category);
      if (card.level) values.level.add(card.level);
    }
    for (const [name, { wrap, select }] of Object.entries(this.selects)) {
      const options = [...values[name]].sort();
      wrap.hidden = options.length < 2 && !this.values[name];
      const labelOf = (v) => (name === "group"
        ? t("group_count", { name: this.groupName(Number(v)), count: perGroup.get(v) })
        : v);
      const sig = JSON.stringify(options.map(labelOf));
      if (select.dataset.sig === sig) continue;
      select.dataset.sig = sig;
      select.replaceChildren(
        Object.assign(el("option", "", t("filter_all")), { value: "" }),
        ...options.map((v) => Object.assign(el("option", "", labelOf(v)), { value: v })),
      );
      select.value = this.values[name];
    }
    return values;
  }

  matches(card) {
    const f = this.values;
    return (!f.group || String(card.group_id) === f.group)
      && (!f.category || card.category === f.category)
      && (!f.level || card.level === f.level)
      && (!f.text || card.text.toLocaleLowerCase("sv").includes(f.text));
  }
}
