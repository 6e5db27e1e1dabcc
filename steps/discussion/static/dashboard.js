// One Discussion step on the dashboard: which question the screens show (one, or all),
// and the timer every screen counts down (start, pause, +1 and +5 minutes, reset).
// When the step takes answers, they arrive as cards on a board of their own below.
import { Countdown } from "/static/js/timer.js";
import { BoardPanel } from "/static/steps/cards/board_panel.js";
import { button, el, named, nextId } from "/f/static/dom.js";

export class DiscussionPanel {
  constructor(step, options) {
    this.stepId = step.id;
    this.socket = options.socket;
    this.t = options.t;
    this.onError = options.onError;
    this.board = new BoardPanel(step, { ...options, title: (s) => options.t("answers_to", { title: s.title }) });
    this.el = this.build();
    this.reset(step);
  }

  reset(step) {
    this.step = step;
    this.board.reset(step);
    this.render();
  }

  // A discussion's answers are cards: the board handles them.
  applyCards(message) { this.board.applyCards(message); }
  applyBoard(message) { this.board.applyBoard(message); }
  setSuggestions(message) { this.board.setSuggestions(message); }
  setThemes(themes) { this.board.setThemes(themes); }

  total() {
    return this.board.total();
  }

  update(step) {
    this.step = { ...this.step, ...step };
  }

  highlights(reveal) {
    return this.board.highlights(reveal);
  }

  hasBoard() {
    return Boolean(this.step.settings?.answers);
  }

  send(data) {
    this.socket.emit("discussion", { step_id: this.stepId, ...data }, (ack) => {
      if (!ack.ok) this.onError(ack.message);
    });
  }

  build() {
    const t = this.t;
    const panel = el("section", "panel discussion-panel");
    this.heading = el("h3");
    this.heading.id = nextId("discussion-heading");
    panel.setAttribute("aria-labelledby", this.heading.id);
    const timer = el("p", "timer");
    timer.append(el("span", "timer-label", t("time_left")), " ", el("span", "time"));
    timer.querySelector(".time").setAttribute("role", "timer");
    this.countdown = new Countdown(timer, () => this.socket.serverNow(), t);
    this.startButton = button("", () => this.send({ op: "timer", action: this.running() ? "pause" : "start" }));
    this.startButton.className = "primary";
    const timerTools = el("div", "toolbar");
    timerTools.append(
      this.startButton,
      button(t("plus_one"), () => this.send({ op: "timer", action: "extend", seconds: 60 })),
      button(t("plus_five"), () => this.send({ op: "timer", action: "extend", seconds: 300 })),
      button(t("reset_timer"), () => this.send({ op: "timer", action: "reset" })),
    );
    this.questions = el("ol", "question-list");
    this.allButton = button(t("show_all_questions"), () => this.send({ op: "question", index: -1 }));
    panel.append(this.heading, timer, timerTools, el("h4", "", t("questions")), this.allButton, this.questions);
    return panel;
  }

  running() {
    return Boolean(this.step.settings?.timer_ends_at);
  }

  render() {
    const t = this.t;
    const settings = this.step.settings || {};
    this.heading.textContent = this.step.title;
    this.countdown.set(settings);
    this.startButton.textContent = this.running() ? t("pause_timer") : t("start_timer");
    const current = settings.question ?? -1;
    const questions = settings.questions || [];
    this.allButton.setAttribute("aria-pressed", String(current < 0));
    const sig = JSON.stringify([questions, current]);
    if (this.questions.dataset.sig !== sig) {
      this.questions.dataset.sig = sig;
      this.questions.replaceChildren(...questions.map((text, index) => {
        const li = el("li", index === current ? "is-current" : "");
        const show = named(button(t("show_question"), () => this.send({ op: "question", index })), text);
        show.setAttribute("aria-pressed", String(index === current));
        li.append(el("span", "question-text", text), show);
        return li;
      }));
    }
    this.board.step = { ...this.board.step, ...this.step };
    if (this.hasBoard()) this.board.render();
  }
}

// The dashboard's part of a Discussion step (see docs/STEP_KINDS.md).
export default { Panel: DiscussionPanel, resync: true };
