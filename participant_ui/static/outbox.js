// The phone's outbox: every submission waits in localStorage until the server has
// acknowledged it, so a dropped connection or a reloaded page loses nothing.
// The server stores each id once, so sending an item twice is harmless.
export class Outbox {
  constructor(key) {
    this.key = key;
  }

  items() {
    try {
      return JSON.parse(localStorage.getItem(this.key) || "[]");
    } catch {
      return [];
    }
  }

  add(item) {
    this.save([...this.items(), item]);
  }

  // The item has gone to the server at least once; a later send is a resend.
  markSent(id) {
    const items = this.items();
    const item = items.find((i) => i.id === id);
    if (item && !item.sent) {
      item.sent = true;
      this.save(items);
    }
  }

  remove(id) {
    this.save(this.items().filter((item) => item.id !== id));
  }

  save(items) {
    localStorage.setItem(this.key, JSON.stringify(items));
  }
}
