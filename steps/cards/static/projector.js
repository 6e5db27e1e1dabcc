// A Cards step on the projector: its board, a page at a time (see docs/STEP_KINDS.md).
import { WritingBox, writingPhase } from "/f/static/writing.js";
import { ProjectorBoard } from "./projector_board.js";

export default function cardsView({ t }) {
  const boardEl = document.getElementById("board");
  const board = new ProjectorBoard(boardEl, document.getElementById("board-page"), t);
  const stepView = document.getElementById("step-view");
  const writingBox = new WritingBox(t, "writing-cards");
  let written = null; // in a write-first step's writing phase: how many, per table group
  return {
    reset: (step) => {
      written = step?.writing || null;
      board.reset(step);
    },
    events: {
      cards_changed: (m, step) => {
        if (m.step_id !== step?.id) return null;
        if (m.writing) written = m.writing;
        board.applyCards(m);
        return "arrived";
      },
      board_changed: (m, step) => {
        if (m.step_id === step?.id) board.applyBoard(m);
        else if (m.step_id === step?.based_on_step_id) board.themes = m.themes;
        else return null;
        return "changed";
      },
    },
    keys: {
      " ": () => board.togglePause(),
      arrowright: () => board.turnPage(1, true),
      arrowleft: () => board.turnPage(-1, true),
    },
    // Shows the board for the step (null: another kind's step); true when it is empty.
    render(step) {
      const hidden = writingPhase(step);
      writingBox.show(hidden ? written || { total: 0, groups: [] } : null);
      boardEl.hidden = !step || hidden;
      stepView.classList.toggle("is-board", Boolean(step) && !hidden);
      if (!step || hidden) return false;
      board.render();
      return board.total() === 0;
    },
  };
}
