// A Discussion step's questions as phones and the projector show them: the one the
// facilitator chose (numbered as on the agenda), or all of them.
export function shownQuestions(settings) {
  const questions = settings.questions || [];
  const current = settings.question ?? -1;
  return current >= 0 && current < questions.length ? [questions[current]] : questions;
}

// The follow-up prompts under question `index`: a line "N: text" is under question N, a
// line without a number under every question (as steps/discussion/kind.py question_prompts).
export function promptsOf(settings, index) {
  const found = [];
  for (const line of settings.prompts || []) {
    const numbered = /^(\d{1,2})\s*[:.)]\s*(.+)$/u.exec(line.trim());
    if (!numbered) found.push(line.trim());
    else if (Number(numbered[1]) - 1 === index) found.push(numbered[2].trim());
  }
  return found;
}

// Fill an <ol>; built again only when the questions shown change. A question shown alone
// has its follow-up prompts under it.
export function fillQuestions(list, settings) {
  const shown = shownQuestions(settings);
  const current = settings.question ?? -1;
  const single = shown.length === 1 ? (current >= 0 ? current : 0) : -1;
  const prompts = single >= 0 ? promptsOf(settings, single) : [];
  const sig = JSON.stringify([shown, current, prompts]);
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  list.classList.toggle("is-single", shown.length === 1);
  list.start = shown.length === 1 && current >= 0 ? current + 1 : 1;
  list.replaceChildren(...shown.map((text) => {
    const li = Object.assign(document.createElement("li"), { textContent: text });
    if (prompts.length) {
      const under = document.createElement("ul");
      under.className = "follow-ups";
      under.replaceChildren(...prompts.map((prompt) => Object.assign(document.createElement("li"), { textContent: prompt })));
      li.append(under);
    }
    return li;
  }));
}
