// A Tracks step on the projector: the tracks ranked by their dots, counts hidden until
// revealed where the step says so (see docs/STEP_KINDS.md).
import { ProjectorTracks } from "./projector_tracks.js";

export default function tracksView({ t }) {
  const tracksEl = document.getElementById("tracks");
  const tracks = new ProjectorTracks(tracksEl, document.getElementById("tracks-note"), t);
  return {
    reset: (step) => tracks.reset(step),
    events: {
      tracks_changed: (m, step) => {
        if (m.step_id !== step?.id) return null;
        tracks.apply(m);
        return "arrived";
      },
    },
    render(step) {
      tracksEl.hidden = !step || tracks.total() === 0;
      if (!step) {
        document.getElementById("tracks-note").hidden = true;
        return false;
      }
      tracks.render(Boolean(step.settings?.voting));
      return tracks.total() === 0;
    },
    // Once everything else on the screen is laid out: as many tracks as fit.
    fit(step) {
      if (step) tracks.fit(Boolean(step.settings?.voting));
    },
  };
}
