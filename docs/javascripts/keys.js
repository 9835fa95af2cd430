// Keys that answer the question with the focus: each radio's `data-p2p-keys` (macros/render.py: a letter
// and the answer's position) chooses it; the focus then moves on to the next question shown, or to the
// reason field the answer opened, or, after a dimension's last question, to the next dimension's button.

function shown(node) {
  return !node.closest("[hidden]");
}

function focusItem(item) {
  const radio = item.querySelector('input[type="radio"]:checked') || item.querySelector('input[type="radio"]');
  if (!radio) return;
  radio.focus({ preventScroll: true });
  item.scrollIntoView({ block: "nearest" });
}

/** A keydown in a checklist, the quick-check page or the assessment. */
export function onKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (!target || target.type !== "radio") return;
  const item = target.closest("[data-item]");
  if (!item) return;
  const key = String(event.key).toLowerCase();
  const radio = Array.from(item.querySelectorAll('input[type="radio"][data-p2p-keys]'))
    .find((input) => input.getAttribute("data-p2p-keys").split(" ").includes(key));
  if (!radio) return;
  event.preventDefault();
  event.stopPropagation(); // the theme's own keys (n, p: next and previous page) must not see it
  radio.checked = true;
  radio.dispatchEvent(new Event("change", { bubbles: true }));
  const reason = Array.from(item.querySelectorAll("[data-p2p-when] [data-p2p-extra]")).find(shown);
  if (reason) {
    reason.focus();
    return;
  }
  const scope = item.closest("[data-p2p-assessment], [data-p2p-quick]") || item.closest("[data-p2p-checklist]") || document;
  const items = Array.from(scope.querySelectorAll("[data-item]")).filter(shown);
  const next = items[items.indexOf(item) + 1];
  if (next) {
    focusItem(next);
    return;
  }
  const onward = scope.querySelector('[data-p2p-go="next"]:not([hidden]), [data-p2p-go="todo"]');
  if (onward && shown(onward)) onward.focus();
  else radio.focus();
}
