// An information step on the phone: the text, the film (loaded only when played) and the
// link. It takes no input.
import { fillFilm, fillParagraphs } from "./info.js";

export default {
  template: "info-step",
  fill(view, step, phone) {
    fillParagraphs(view.querySelector(".info-body"), step.settings.body);
    const film = view.querySelector(".info-film");
    film.setAttribute("aria-label", phone.t("info_film", { title: step.title }));
    fillFilm(film, step.settings.video);
    const link = view.querySelector(".info-link");
    link.hidden = !step.settings.link;
    const anchor = link.querySelector("a");
    anchor.href = step.settings.link || "#";
    anchor.textContent = step.settings.link_text || step.settings.link || "";
    return false;
  },
};
