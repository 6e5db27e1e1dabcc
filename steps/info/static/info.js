// What an information step shows on every screen: its text as paragraphs, and its film.
// Text is only ever set as textContent.

export function fillParagraphs(box, text) {
  const paragraphs = (text || "").split(/\n\n+/u).filter(Boolean);
  const sig = JSON.stringify(paragraphs);
  if (box.dataset.sig === sig) return;
  box.dataset.sig = sig;
  box.replaceChildren(...paragraphs.map((p) => Object.assign(document.createElement("p"), { textContent: p })));
}

// The film by its name (steps/info/media.py serves it at /media/<name>); none: hidden.
export function fillFilm(video, name) {
  video.hidden = !name;
  const src = name ? `/media/${encodeURIComponent(name)}` : "";
  if (video.dataset.src === src) return;
  video.dataset.src = src;
  if (src) video.src = src;
  else video.removeAttribute("src");
}
