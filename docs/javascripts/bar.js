// The summary bar (`[data-p2p-summary]`, macros/render.py): the decision, the score, the count of answers
// and the verdict of the quick-check page, in the engine's words (scoring.api.score's `progress.bar`). Its live region
// is polite, and is written only when the decision changes, so that a screen reader hears the change once.

let decision = null; // the decision last shown, across page swaps

/** Show the bars once the script runs; the page keeps what has the focus clear of one (pilot2prod.css). */
export function mountBars() {
  const bars = document.querySelectorAll("[data-p2p-summary]");
  bars.forEach((bar) => {
    bar.hidden = false;
  });
  document.documentElement.classList.toggle("p2p-has-bar", bars.length > 0);
}

/** Fill every bar on the page with a score answer's texts. */
export function showBars(payload) {
  const texts = (payload.progress && payload.progress.bar) || {};
  const now = String(payload.result.decision);
  document.querySelectorAll("[data-p2p-summary]").forEach((bar) => {
    for (const [part, text] of Object.entries(texts)) {
      const node = bar.querySelector(`[data-p2p-bar="${CSS.escape(part)}"]`);
      if (node && node.textContent !== text) node.textContent = text;
    }
    bar.setAttribute("data-decision", now);
    const live = bar.querySelector("[data-p2p-announce]");
    if (live && decision !== null && decision !== now) live.textContent = texts.announce || "";
  });
  decision = now;
}
