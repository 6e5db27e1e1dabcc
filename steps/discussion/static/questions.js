// A Discussion step's questions as phones and the projector show them: the one the
// facilitator chose (numbered as on the agenda), or all of them.
export function shownQuestions(settings) {
  const questions = settings.questions || [];
  const current = settings.question ?? -1;
  return current >= 0 && current < questions.length ? [questions[current]] : questions;
}

// Fill an <ol>; built again only when the questions shown change.
export function fillQuestions(list, settings) {
  const shown = shownQuestions(settings);
  const current = settings.question ?? -1;
  const sig = JSON.stringify([shown, current]);
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  list.classList.toggle("is-single", shown.length === 1);
  list.start = shown.length === 1 && current >= 0 ? current + 1 : 1;
  list.replaceChildren(...shown.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
}
