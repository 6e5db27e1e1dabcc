// The counted words of a Words step, kept from a snapshot plus `words_changed`
// events (the server computes every row; merges and hides arrive as full lists).
// Kept by the projector. Participants' text is only ever set
// as textContent.
export class Ranking {
  constructor(rows = []) {
    this.rows = new Map(rows.map((r) => [r.key, { ...r }]));
  }

  apply(message) {
    if (message.full) this.rows = new Map();
    for (const key of message.removed || []) this.rows.delete(key);
    for (const row of message.rows || []) this.rows.set(row.key, { ...row });
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
        li.append(word, " ", count);
        return li;
      }),
    );
  }
}
