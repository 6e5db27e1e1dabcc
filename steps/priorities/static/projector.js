// A Prioritisation step on the projector: the options ranked by their points, with a bar
// each, ties as shared places, and how many have given points. Options are the
// facilitator's text; they are only ever set as textContent.
import { ProjectorTracks } from "/static/steps/tracks/projector_tracks.js";

export default function prioritiesView({ t }) {
  const box = document.getElementById("priorities-view");
  const voters = document.getElementById("priorities-voters");
  const ranking = new ProjectorTracks(document.getElementById("priority-ranking"), document.getElementById("priorities-note"), t, {
    count: (total) => t("points_count", { count: total }),
    more: (count) => t("more_options", { count }),
  });
  let count = 0;
  const take = (data) => {
    ranking.reset({ results: true, tracks: (data?.options || []).map((o, index) => ({ id: index, text: o.option, total: o.points, rank: o.rank, tied: o.tied })) });
    count = data?.voters || 0;
  };
  return {
    reset: take,
    events: {
      priorities_changed: (m, step) => {
        if (m.step_id !== step?.id) return null;
        take(m);
        return "arrived";
      },
    },
    render(step) {
      box.hidden = !step;
      if (!step) return false;
      ranking.render(false);
      voters.textContent = t("voters_count", { count });
      return ranking.total() === 0;
    },
    fit(step) {
      if (step) ranking.fit(false);
    },
  };
}
