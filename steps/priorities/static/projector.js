// A Prioritisation step on the projector: the options ranked by their points, with a bar
// each, ties as shared places, and how many have given points; or, where the step places
// options on two scales, a 2 by 2 with each option numbered at its mean place and the
// numbers listed beside it. Options are the facilitator's text: only ever textContent.
import { ProjectorTracks } from "/static/steps/tracks/projector_tracks.js";

export default function prioritiesView({ t }) {
  const box = document.getElementById("priorities-view");
  const voters = document.getElementById("priorities-voters");
  const ranking = new ProjectorTracks(document.getElementById("priority-ranking"), document.getElementById("priorities-note"), t, {
    count: (total) => t("points_count", { count: total }),
    more: (count) => t("more_options", { count }),
  });
  const matrixBox = document.getElementById("priority-matrix");
  let count = 0;
  let matrix = null; // {axes, options} where the step places options on two scales
  const take = (data) => {
    matrix = data?.matrix ? { axes: data.axes, options: data.options } : null;
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
      matrixBox.hidden = !matrix;
      document.getElementById("priority-ranking").hidden = Boolean(matrix);
      if (matrix) {
        drawMatrix(matrix, t);
        voters.textContent = t("placed_count", { count });
        return false;
      }
      ranking.render(false);
      voters.textContent = t("voters_count", { count });
      return ranking.total() === 0;
    },
    fit(step) {
      if (step && !matrix) ranking.fit(false);
    },
  };
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text) node.textContent = text;
  return node;
}

// 1 to 5 on both scales, in the frame from 12 to 96 across and from 88 up to 4 (a square
// of 100 with room for the scales' names).
const across = (value) => 12 + ((value - 1) / 4) * 84;
const up = (value) => 88 - ((value - 1) / 4) * 84;

const DOT = 3.2; // an option's dot: its number inside

// The placed options in groups whose dots would overlap, each group in the order of its
// first option (as the report's and the deck's 2 by 2 share a label: export/charts.py).
function overlapping(points) {
  const groups = [];
  for (const point of points) {
    const near = groups.find(([first]) => Math.abs(first.x - point.x) < 2 * DOT && Math.abs(first.y - point.y) < 2 * DOT);
    if (near) near.push(point);
    else groups.push([point]);
  }
  return groups;
}

function drawMatrix({ axes, options }, t) {
  const chart = document.getElementById("matrix-chart");
  const title = chart.querySelector("title");
  title.textContent = t("matrix_title", { x: axes[0], y: axes[1] });
  const parts = [
    svg("rect", { x: 12, y: 4, width: 84, height: 84, class: "matrix-frame" }),
    svg("line", { x1: 54, y1: 4, x2: 54, y2: 88, class: "matrix-mid" }),
    svg("line", { x1: 12, y1: 46, x2: 96, y2: 46, class: "matrix-mid" }),
    svg("text", { x: 54, y: 97, "text-anchor": "middle", class: "matrix-axis" }, `${axes[0]} →`),
    svg("text", { x: 5, y: 46, "text-anchor": "middle", transform: "rotate(-90 5 46)", class: "matrix-axis" }, `${axes[1]} →`),
  ];
  const spreads = []; // drawn first, under every option's number
  const placed = [];
  options.forEach((option, index) => {
    if (option.x === null || option.y === null) return;
    const x = across(option.x);
    const y = up(option.y);
    // The spread: an ellipse one standard deviation across and up around the mean.
    if (option.sx || option.sy) {
      spreads.push(svg("ellipse", { cx: x, cy: y, rx: Math.max(1, option.sx * 21), ry: Math.max(1, option.sy * 21), class: "matrix-spread" }));
    }
    placed.push({ x, y, number: String(index + 1) });
  });
  for (const group of overlapping(placed)) {
    const { x, y } = group[0];
    const label = group.map((point) => point.number).join(", ");
    // Options placed alike (a room that agrees) share one mark, wide enough for their numbers.
    const width = group.length === 1 ? 2 * DOT : label.length * 2.1 + 2.4;
    const left = Math.min(100 - width, Math.max(0, x - width / 2));
    parts.push(svg("rect", { x: left, y: y - DOT, width, height: 2 * DOT, rx: DOT, class: "matrix-dot" }));
    parts.push(svg("text", { x: left + width / 2, y: y + 1.3, "text-anchor": "middle", class: "matrix-number" }, label));
  }
  chart.replaceChildren(title, ...parts.slice(0, 5), ...spreads, ...parts.slice(5));
  document.getElementById("matrix-legend").replaceChildren(...options.map((option) => {
    const li = document.createElement("li");
    const where = option.x === null ? t("not_placed") : `${axes[0]} ${option.x.toFixed(1)} · ${axes[1]} ${option.y.toFixed(1)}`;
    li.textContent = `${option.option} (${where})`;
    return li;
  }));
}
