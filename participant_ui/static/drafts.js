// What the person is typing, kept in the tab's storage as they type: a closed step, a
// reload or a refused text never loses it.
export class Drafts {
  constructor(workshopId) {
    this.workshopId = workshopId;
  }

  // The storage key of a step's new-input box, or of one of its fields ("edit-<id>").
  key(stepId, field = "new") {
    return `rundabord:draft:${this.workshopId}:${stepId}${field === "new" ? "" : `:${field}`}`;
  }

  // Fill `input` from its draft and keep it as it changes.
  keep(input, key) {
    input.value = sessionStorage.getItem(key) || "";
    input.addEventListener("input", () => sessionStorage.setItem(key, input.value));
  }
}
