// An information step on the projector: its text large, the film to play from this
// server (Space plays and pauses it), and the link's address for those who want it later.
import { fillFilm, fillParagraphs } from "./info.js";

export default function infoView({ t }) {
  const box = document.getElementById("info");
  const body = document.getElementById("info-body");
  const film = document.getElementById("info-film");
  const link = document.getElementById("info-link");
  return {
    reset: () => {},
    render(step) {
      box.hidden = !step;
      if (!step) {
        if (!film.paused) film.pause();
        return false;
      }
      fillParagraphs(body, step.settings.body);
      film.setAttribute("aria-label", t("info_film", { title: step.title }));
      fillFilm(film, step.settings.video);
      link.hidden = !step.settings.link;
      link.textContent = step.settings.link_text
        ? `${step.settings.link_text}: ${step.settings.link}`
        : step.settings.link || "";
      return false;
    },
  };
}
