// Entering an answer for a table group, when the discussion takes answers.
import { shownQuestions } from "./questions.js";

export default {
  item: "card",
  takesInput: (step) => Boolean(step.settings?.answers),
  categories: (step) => shownQuestions(step.settings),
};
