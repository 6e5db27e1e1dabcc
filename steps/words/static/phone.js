// A Words step on the phone: a few words each, sent one at a time.
export default {
  template: "words-step",
  submit: "submit_word",
  edit: "edit_word",
  withdraw: "withdraw_word",
  idField: "word_id",
  limit: "max_words",
  label: "label_words",
  editLabel: "edit_label",
  noneLeft: "none_left",
  remaining: "remaining",
};
