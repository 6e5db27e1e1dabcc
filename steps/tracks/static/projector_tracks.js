// A Tracks step as the room sees it: the tracks ranked by dots, with a bar per track,
// ties marked as shared places; or, while the facilitator keeps the result hidden,
// the tracks without counts. Participants' text is only ever set as textContent.
const MAX_ROWS = 12;

export class ProjectorTracks {
  // words: how a total and the rows left out are said (a prioritisation counts points).
  constructor(container, note, t, words = {}) {
    this.container = container;
    this.note = note;
    this.t = t;
    this.count = words.count || ((total) => t("dots_count", { count: total }));
    this.more = words.more || ((count) => t("more_tracks", { count }));
    this.reset(null);
  }

  reset(step) {
    this.tracks = step?.tracks || [];
    this.results = Boolean(step?.results);
  }

  apply(message) {
    if (!message.tracks || message.results === undefined) return;
    this.tracks = message.tracks;
    this.results = message.results;
  }

  total() {
    return this.tracks.length;
  }

  render(voting) {
    const t = this.t;
    const most = Math.max(1, ...this.tracks.map((track) => track.total || 0));
    this.container.classList.toggle("has-results", this.results);
    this.container.replaceChildren(...this.tracks.slice(0, MAX_ROWS).map((track) => {
      const li = document.createElement("li");
      li.className = track.highlight ? "is-highlight" : "";
      const text = document.createElement("span");
      text.className = "track-text";
      text.textContent = track.text;
      if (!this.results) {
        li.append(text);
        return li;
      }
      const rank = document.createElement("span");
      rank.className = "rank";
      rank.textContent = track.tied ? t("rank_tied", { rank: track.rank }) : `${track.rank}.`;
      const bar = document.createElement("span");
      bar.className = "bar";
      const fill = document.createElement("span");
      fill.className = "fill";
      fill.style.width = `${Math.round((100 * (track.total || 0)) / most)}%`;
      bar.append(fill);
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = this.count(track.total || 0);
      li.append(rank, text, count, bar);
      return li;
    }));
    this.fill(voting);
  }

  // Long tracks take two lines: drop rows from the end until the list and its note end
  // above the corner (code, buttons), and say how many more there are. Called once the
  // rest of the screen is laid out.
  fit(voting) {
    const bottom = window.innerHeight * 0.9;
    while (this.container.children.length > 3 && this.lowest() > bottom) {
      this.container.lastElementChild.remove();
      this.fill(voting);
    }
  }

  fill(voting) {
    const t = this.t;
    const more = this.tracks.length - this.container.children.length;
    const notes = [];
    if (more > 0) notes.push(this.more(more));
    if (!this.results) notes.push(t(voting ? "results_hidden_voting" : "results_hidden"));
    this.note.textContent = notes.join(" ");
    this.note.hidden = notes.length === 0;
  }

  lowest() {
    const shown = this.note.hidden ? this.container : this.note;
    return shown.getBoundingClientRect().bottom;
  }
}
