// A Questions step on the phone: a question (with one's name, where one gave it and
// chooses so), the similar questions already asked shown while typing, and the room's
// questions to vote up, once each, or take the vote back. Each upvote names its state
// and a number that grows, so a late copy never undoes a newer one.
import { watchSimilar, writingPhase } from "/static/steps/cards/phone.js";

let upvoteCounter = 0;

// The phone's own upvotes: the acknowledged ones, with the newest still in the outbox on top.
function shownUpvotes(step, phone) {
  const shown = { ...(phone.votes.get(step.id) || {}) };
  for (const item of phone.outbox.items()) {
    if (item.event === "upvote" && item.payload.step_id === step.id) shown[item.payload.question_id] = item.payload.on ? 1 : 0;
  }
  return shown;
}

function fillQuestions(view, step, phone) {
  const { t } = phone;
  const writing = writingPhase(step);
  view.querySelector(".writing-hint").hidden = !writing;
  view.querySelector(".vote-box").hidden = writing;
  const acked = phone.votes.get(step.id) || {};
  const shown = shownUpvotes(step, phone);
  const own = new Set((phone.mine.get(step.id) || []).map((q) => q.id));
  const questions = step.questions || [];
  const counts = step.counts || {};
  const notes = [];
  if (!questions.length) notes.push(t("no_questions"));
  if (counts.hidden || counts.merged) notes.push(t("moderated", { hidden: counts.hidden || 0, merged: counts.merged || 0 }));
  view.querySelector(".vote-status").textContent = notes.join(" ");
  const items = questions.map((question) => {
    const on = Boolean(shown[question.id]);
    // The count as the server counted it, with this phone's vote still on its way.
    const count = (question.upvotes || 0) + (on ? 1 : 0) - (acked[question.id] ? 1 : 0);
    const mineToo = own.has(question.id);
    return {
      key: `q${question.id}`,
      sig: `${question.text}|${question.name}|${count}|${on}|${mineToo}|${question.answered}|${question.pinned}`,
      build: () => questionRow(step, question, count, on, mineToo, phone),
    };
  });
  phone.renderKeyed(view.querySelector(".question-list"), items);
  const named = view.querySelector(".named-choice");
  const name = phone.me()?.name;
  named.hidden = !name;
  if (name) named.querySelector(".named-label").textContent = t("show_my_name", { name });
}

function questionRow(step, question, count, on, own, phone) {
  const { t } = phone;
  const li = document.createElement("li");
  li.className = "track question";
  li.classList.toggle("is-answered", Boolean(question.answered));
  const text = document.createElement("span");
  text.className = "track-text";
  text.textContent = question.text;
  const about = [question.name, question.answered ? t("answered_mark") : "", question.pinned ? t("pinned_mark") : ""].filter(Boolean);
  if (about.length) {
    const small = document.createElement("span");
    small.className = "entry-about";
    small.textContent = about.join(" · ");
    text.append(document.createElement("br"), small);
  }
  li.append(text);
  const votes = t("upvotes_count", { count });
  if (own) {
    const badge = document.createElement("span");
    badge.className = "upvote-count";
    badge.textContent = `${t("own_question")} · ${votes}`;
    li.append(badge);
    return li;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "upvote-button";
  button.setAttribute("aria-pressed", String(on));
  button.setAttribute("aria-label", `${t("upvote_named", { text: question.text })}, ${votes}`);
  const arrow = document.createElement("span");
  arrow.setAttribute("aria-hidden", "true");
  arrow.textContent = `▲ ${count}`;
  button.append(arrow);
  button.addEventListener("click", () => sendUpvote(step, question.id, !on, phone));
  li.append(button);
  return li;
}

function sendUpvote(step, questionId, on, phone) {
  phone.hideAlert();
  upvoteCounter = (upvoteCounter + 1) % 1000;
  const n = Date.now() * 1000 + upvoteCounter; // grows across reloads too
  // An older upvote for the same question still waiting is replaced: only the newest counts.
  for (const item of phone.outbox.items()) {
    if (item.event === "upvote" && item.payload.question_id === questionId && !phone.inFlight.has(item.id)) phone.outbox.remove(item.id);
  }
  phone.queue("upvote", { step_id: step.id, question_id: questionId, on, n });
  // Focus stays on the same button after the row is built again.
  requestAnimationFrame(() => document.querySelector(`#tracks-${step.id} [data-key="q${questionId}"] .upvote-button`)?.focus());
}

// The similar questions, each with a button to vote for it instead of asking it again.
function similarList(step, phone) {
  return (list, ack) => {
    list.replaceChildren(...ack.questions.map((question) => {
      const li = document.createElement("li");
      const text = document.createElement("span");
      text.textContent = question.text;
      const vote = document.createElement("button");
      vote.type = "button";
      vote.className = "small-button";
      vote.textContent = phone.t("vote_instead");
      const name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = `: ${question.text}`;
      vote.append(name);
      vote.addEventListener("click", () => {
        sendUpvote(step, question.id, true, phone);
        list.closest(".similar").hidden = true;
        phone.say(phone.t("voted_instead"));
      });
      li.append(text, " ", vote);
      return li;
    }));
    return ack.questions.length;
  };
}

export default {
  template: "questions-step",
  submit: "ask_question",
  edit: "edit_question",
  withdraw: "withdraw_question",
  idField: "question_id",
  limit: "max_questions",
  label: "label_question",
  editLabel: "edit_question_label",
  noneLeft: "no_questions_left",
  remaining: "remaining_questions",
  events: {
    // A question asked, moderated or withdrawn: the whole list; an upvote: the totals only.
    questions_changed(step, message) {
      if (message.questions) {
        step.questions = message.questions;
        step.counts = message.counts;
        return;
      }
      for (const question of step.questions || []) {
        const total = message.totals?.[question.id];
        if (total !== undefined) question.upvotes = total;
      }
    },
  },
  build(step, view, input, phone) {
    watchSimilar(step, view, input, phone, "similar_questions", similarList(step, phone));
  },
  complete(step, form, payload) {
    const named = form.querySelector(".named-choice");
    if (!named.hidden && named.querySelector("input").checked) payload.named = true;
    form.querySelector(".similar").hidden = true;
    return null;
  },
  after(view, step, phone) {
    fillQuestions(view, step, phone);
  },
};
