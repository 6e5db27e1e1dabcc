// A ranked word list kept from a snapshot plus `word_added` events; shared by the
// dashboard and the projector. Participants' text is only ever set as textContent.
export class Ranking {
  constructor(rows = []) {
    this.rows = new Map(rows.map((r) => [r.key, { ...r }]));
  }

  add(word) {
    const row = this.rows.get(word.key);
    if (row) row.count += 1;
    else this.rows.set(word.key, { key: word.key, display: word.text, count: 1 });
  }

  sorted() {
    return [...this.rows.values()].sort(
      (a, b) => b.count - a.count || a.display.localeCompare(b.display, "sv"),
    );
  }

  total() {
    let sum = 0;
    for (const row of this.rows.values()) sum += row.count;
    return sum;
  }

  render(list, limit = Infinity) {
    list.replaceChildren(
      ...this.sorted().slice(0, limit).map((row) => {
        const li = document.createElement("li");
        const word = document.createElement("span");
        word.className = "word";
        word.textContent = row.display;
        const count = document.createElement("span");
        count.className = "count";
        count.textContent = String(row.count);
        li.append(word, count);
        return li;
      }),
    );
  }
}
