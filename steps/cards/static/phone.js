// A Cards step on the phone: a card under a category (and a theme of an earlier step, and
// a level, where the step asks), with the similar cards already posted shown while typing.
// A discussion's answers are cards too: it takes the shared parts from here.
const SIMILAR_DELAY_MS = 600;

// Write, then reveal: the step's writing phase, when phones see only their own.
export const writingPhase = (step) => Boolean(step.settings.write_first && !step.settings.all_revealed);
const SIMILAR_TIMEOUT_MS = 4000;

// How a card is sent, changed and withdrawn.
export const cardInput = {
  submit: "submit_card",
  edit: "edit_card",
  withdraw: "withdraw_card",
  idField: "card_id",
  limit: "max_cards",
  remaining: "remaining",
};

// Theme, category and level choices. Built again only when the options change, so a
// choice the person made stays made (it is also kept as a draft).
export function fillChoices(view, step, categories, phone) {
  const themes = step.based_on_step_id ? step.themes || [] : [];
  fillRadios(view.querySelector(".theme-choice"), step, "theme", themes.map((th) => [String(th.id), th.name]), phone);
  fillRadios(view.querySelector(".category-choice"), step, "category", categories.length > 1 ? categories.map((c) => [c, c]) : [], phone);
  const levels = view.querySelector(".level-choice");
  levels.hidden = !step.settings.levels;
  const select = levels.querySelector("select");
  // The workshop's levels (its editor's list), after "No level"; redrawn only when they change.
  const listed = phone.workshop()?.levels || [];
  const sig = JSON.stringify(listed);
  if (select.dataset.sig !== sig) {
    const keep = select.value;
    select.dataset.sig = sig;
    select.replaceChildren(select.options[0], ...listed.map((level) => Object.assign(document.createElement("option"), { value: level, textContent: level })));
    select.value = listed.includes(keep) ? keep : "";
  }
  if (!select.id) {
    select.id = `level-${step.id}`;
    levels.querySelector("label").htmlFor = select.id;
    phone.drafts.keep(select, phone.drafts.key(step.id, "level"));
  }
}

function fillRadios(fieldset, step, name, options, phone) {
  fieldset.hidden = options.length === 0;
  const sig = JSON.stringify(options);
  if (fieldset.dataset.sig === sig) return;
  fieldset.dataset.sig = sig;
  const key = phone.drafts.key(step.id, name);
  const chosen = sessionStorage.getItem(key);
  const box = fieldset.querySelector(".options");
  box.replaceChildren(...options.map(([value, text], index) => {
    const label = document.createElement("label");
    label.className = "choice";
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = `${name}-${step.id}`;
    radio.value = value;
    radio.checked = value === chosen;
    radio.id = `${name}-${step.id}-${index}`;
    radio.addEventListener("change", () => sessionStorage.setItem(key, value));
    const span = document.createElement("span");
    span.textContent = text;
    label.append(radio, " ", span);
    return label;
  }));
}

function chosen(form, name) {
  return form.querySelector(`.${name}-choice:not([hidden]) input:checked`)?.value;
}

// The choices made, added to the card about to be sent; what is missing, as an alert.
export function addChoices(form, payload, phone, missingCategory) {
  const theme = chosen(form, "theme");
  if (!form.querySelector(".theme-choice").hidden && !theme) return phone.t("choose_theme");
  const category = chosen(form, "category");
  if (!form.querySelector(".category-choice").hidden && !category) return phone.t(missingCategory);
  if (theme) payload.theme_id = Number(theme);
  if (category) payload.category = category;
  const level = form.querySelector(".level-choice:not([hidden]) select")?.value;
  if (level) payload.level = level;
  form.querySelector(".similar").hidden = true;
  return null;
}

// While a card (or a question) is typed, show up to three similar ones already posted:
// `event` asks the server, `show(list, ack)` fills the box's list and returns how many.
export function watchSimilar(step, view, input, phone, event = "similar_cards", show = showTexts) {
  const box = view.querySelector(".similar");
  const list = box.querySelector("ul");
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const text = input.value.trim();
      if (text.length < 3 || !phone.socket.connected) {
        box.hidden = true;
        return;
      }
      asked = text;
      phone.socket.timeout(SIMILAR_TIMEOUT_MS).emit(event, { step_id: step.id, text }, (err, ack) => {
        if (err || !ack.ok || asked !== text) return;
        box.hidden = show(list, ack) === 0;
      });
    }, SIMILAR_DELAY_MS);
  });
}

function showTexts(list, ack) {
  list.replaceChildren(...ack.cards.map((card) => {
    const li = document.createElement("li");
    li.textContent = card;
    return li;
  }));
  return ack.cards.length;
}

export default {
  ...cardInput,
  template: "cards-step",
  label: "label_card",
  editLabel: "edit_card_label",
  noneLeft: "no_cards_left",
  multiline: true,
  build(step, view, input, phone) {
    watchSimilar(step, view, input, phone);
  },
  fill(view, step, phone) {
    fillChoices(view, step, step.settings.categories || [], phone);
    view.querySelector(".writing-hint").hidden = !writingPhase(step);
    return true;
  },
  // What a card is filed under, shown beside it: "Hinder · Tema: Tillit · regional".
  context(step, card, t) {
    const parts = [];
    if ((step.settings.categories || []).length > 1 && card.category) parts.push(card.category);
    const theme = (step.themes || []).find((th) => th.id === card.theme_id);
    if (theme) parts.push(t("theme_named", { name: theme.name }));
    if (card.level) parts.push(card.level);
    return parts.join(" · ");
  },
  complete(step, form, payload, phone) {
    return addChoices(form, payload, phone, "choose_category");
  },
};
