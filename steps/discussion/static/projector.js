// A Discussion step on the projector: the question shown large (or all, numbered) and the
// timer every screen counts down together (see docs/STEP_KINDS.md).
import { fillQuestions } from "./questions.js";
import { Countdown } from "/static/js/timer.js";

export default function discussionView({ t, serverNow }) {
  const questionsEl = document.getElementById("questions");
  const stepView = document.getElementById("step-view");
  const countdown = new Countdown(document.getElementById("timer"), serverNow, t);
  return {
    reset: () => {},
    render(step) {
      questionsEl.hidden = !step;
      stepView.classList.toggle("is-discussion", Boolean(step));
      countdown.set(step ? step.settings : null);
      if (step) fillQuestions(questionsEl, step.settings);
      return false;
    },
  };
}
