// A Discussion step on the phone: the question (or questions) shown, the shared timer,
// and, when the facilitator allows it, short answers sent like cards.
import { fillQuestions, shownQuestions } from "./questions.js";
import { addChoices, cardInput, fillChoices } from "/static/steps/cards/phone.js";

export default {
  ...cardInput,
  template: "discussion-step",
  label: "label_answer",
  editLabel: "edit_answer_label",
  noneLeft: "no_answers_left",
  fill(view, step, phone) {
    fillQuestions(view.querySelector(".questions"), step.settings);
    phone.countdowns.get(step.id)?.set(step.settings);
    view.querySelector(".answers").hidden = !step.settings.answers;
    if (!step.settings.answers) return false;
    fillChoices(view, step, shownQuestions(step.settings), phone);
    return true;
  },
  context(step, card) {
    return (step.settings.questions || []).length > 1 ? card.category : "";
  },
  complete(step, form, payload, phone) {
    const shown = shownQuestions(step.settings);
    if (shown.length === 1) payload.category = shown[0]; // the question on the screen as it was sent
    return addChoices(form, payload, phone, "choose_question");
  },
};
