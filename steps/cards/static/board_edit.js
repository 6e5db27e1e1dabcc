// Curation of one card after the day ("Redigera…", or E on a card): its text corrected (a
// typo, an anonymisation, a shortening), or split in two where the cursor stands. The
// writer's own words stay on the server, are shown here on request and can be put back;
// their phone keeps showing them. Both changes are undone by "Ångra".
import { button, el, nextId } from "/f/static/dom.js";

const MAX_LENGTH = 2000; // steps.cards.cards.MAX_CARD_LENGTH

// {form, open(card)}: `closed()` gives the focus back to the card.
export function cardEditForm(panel, closed) {
  const t = panel.t;
  const form = el("form", "move-form edit-form");
  form.hidden = true;
  const area = el("textarea");
  area.id = nextId("card-text");
  area.maxLength = MAX_LENGTH;
  area.rows = 4;
  const label = el("label", "", t("card_text"));
  label.htmlFor = area.id;
  const hint = el("p", "hint", t("curation_hint"));
  hint.id = nextId("curation-hint");
  area.setAttribute("aria-describedby", hint.id);
  const original = el("details", "card-original");
  const originalText = el("p", "card-original-text");
  const restore = button(t("restore_original"), () => {
    area.value = current.original;
    area.focus();
  });
  original.append(el("summary", "", t("writers_original")), originalText, restore);
  const curated = el("p", "hint card-curated");
  const save = button(t("save_text"), null, "submit");
  save.className = "primary";
  const split = button(t("split_at_cursor"), () => splitHere());
  const cancel = button(t("cancel"), () => close());
  const buttons = el("div", "form-buttons");
  buttons.append(save, split, cancel);
  form.append(label, area, hint, original, curated, buttons);

  let current = null;
  const close = () => {
    form.hidden = true;
    closed();
  };
  const open = (card) => {
    current = card;
    area.value = card.text;
    original.hidden = !card.original;
    original.open = false;
    originalText.textContent = card.original || "";
    curated.hidden = !card.curated;
    if (card.curated) {
      const at = new Date(card.curated.at).toLocaleString(document.documentElement.lang || "sv", {
        dateStyle: "medium", timeStyle: "short",
      });
      curated.textContent = t("curated_by", { by: card.curated.by, at });
    }
    form.hidden = false;
    area.focus();
  };
  const splitHere = () => {
    const at = area.selectionStart;
    const first = area.value.slice(0, at).trim();
    const second = area.value.slice(at).trim();
    if (!first || !second) {
      panel.announce(t("split_where"));
      area.focus();
      return;
    }
    form.hidden = true;
    panel.changes.splitCard(current, first, second, () => closed());
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) {
      panel.announce(t("text_needed"));
      area.focus();
      return;
    }
    form.hidden = true;
    panel.changes.editCardText(current, text);
    closed();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  return { form, open };
}
