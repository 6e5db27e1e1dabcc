// Asks before a destructive form is sent (forms with data-confirm). Listens on the whole
// document before anything else does (capture), so it also asks for forms drawn anew
// after a save (editor.js), and a "no" stops every later listener too.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
