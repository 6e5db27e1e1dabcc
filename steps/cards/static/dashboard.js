// The dashboard's part of a Cards step: its board, full width below the other panels
// (see docs/STEP_KINDS.md). The board needs the whole state once it is made.
import { BoardPanel } from "./board_panel.js";

export default { Panel: BoardPanel, board: true, resync: true };
