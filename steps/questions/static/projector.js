// A Questions step on the projector: the pinned question large, the others by their votes
// (answered ones last and marked), and always the line saying how many are hidden or
// merged (and waiting for review), so moderation is never out of sight. Participants'
// text is only ever set as textContent.
import { WritingBox, writingPhase } from "/f/static/writing.js";

const MAX_ROWS = 10;

export default function questionsView({ t }) {
  const box = document.getElementById("questions-view");
  const pinned = document.getElementById("pinned-question");
  const list = document.getElementById("question-ranking");
  const more = document.getElementById("questions-more");
  const line = document.getElementById("moderation-line");
  let questions = [];
  let counts = {};
  let review = false;
  let written = null; // in a write-first step's writing phase: how many, per table group
  const writingBox = new WritingBox(t, "writing-questions");

  function take(data) {
    questions = data?.questions || [];
    counts = data?.counts || {};
    review = Boolean(data?.review);
    written = data?.writing || null;
  }

  function row(question) {
    const li = document.createElement("li");
    li.classList.toggle("is-answered", question.answered);
    const votes = document.createElement("span");
    votes.className = "rank";
    votes.textContent = `▲ ${question.upvotes}`;
    votes.setAttribute("aria-label", t("upvotes_count", { count: question.upvotes }));
    const text = document.createElement("span");
    text.className = "track-text";
    text.textContent = question.text;
    const about = document.createElement("span");
    about.className = "count";
    about.textContent = [question.name, question.answered ? t("answered_mark") : ""].filter(Boolean).join(" · ");
    li.append(votes, text, about);
    return li;
  }

  function fillNotes(hiddenRows) {
    more.textContent = hiddenRows > 0 ? t("more_questions", { count: hiddenRows }) : "";
    more.hidden = hiddenRows <= 0;
    const parts = [t("moderated", { hidden: counts.hidden || 0, merged: counts.merged || 0 })];
    if (review && counts.pending) parts.push(t("pending_count", { count: counts.pending }));
    line.textContent = parts.join(" · ");
  }

  return {
    reset: take,
    events: {
      questions_changed: (m, step) => {
        if (m.step_id !== step?.id) return null;
        take(m);
        return "arrived";
      },
    },
    render(step) {
      const hidden = writingPhase(step);
      writingBox.show(hidden ? written || { total: 0, groups: [] } : null);
      box.hidden = !step || hidden;
      if (!step || hidden) return false;
      const top = questions.find((q) => q.pinned);
      pinned.hidden = !top;
      pinned.textContent = top ? top.text : "";
      const rest = questions.filter((q) => q !== top);
      list.replaceChildren(...rest.slice(0, MAX_ROWS).map(row));
      fillNotes(rest.length - list.children.length);
      return questions.length === 0;
    },
    // Once the screen is laid out: drop rows from the end until the list ends above the corner.
    fit(step) {
      if (!step || writingPhase(step)) return;
      const bottom = window.innerHeight * 0.88;
      while (list.children.length > 2 && line.getBoundingClientRect().bottom > bottom) {
        list.lastElementChild.remove();
        fillNotes(questions.filter((q) => !q.pinned).length - list.children.length);
      }
    },
  };
}
