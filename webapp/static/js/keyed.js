// Lists updated in place: each node is moved only when it is not already where it
// belongs, so keyboard focus, an open edit field and half-typed text survive updates.

// Put `node` right after `previous` in `container` (with no `previous`: before `first`,
// by default the first child). Returns `node`, the next call's `previous`.
export function placeAfter(container, node, previous, first = container.firstElementChild) {
  const wanted = previous ? previous.nextElementSibling : first;
  if (wanted !== node) container.insertBefore(node, wanted);
  return node;
}

// Update a list in place, item by item ({key, sig, build}), so an open edit field keeps its
// text and focus: an item is rebuilt only when its signature changed.
export function renderKeyed(list, items) {
  const existing = new Map([...list.children].map((li) => [li.dataset.key, li]));
  let previous = null;
  for (const item of items) {
    let li = existing.get(item.key);
    existing.delete(item.key);
    if (!li || li.dataset.sig !== item.sig) {
      const fresh = item.build();
      fresh.dataset.key = item.key;
      fresh.dataset.sig = item.sig;
      if (li) replaceKeepingFocus(li, fresh);
      li = fresh;
    }
    previous = placeAfter(list, li, previous);
  }
  for (const li of existing.values()) li.remove();
}

// A rebuilt item takes the place of the old one; a control that had the keyboard focus
// hands it to its counterpart (same name, else same place), so an acknowledgement or a
// change from others never drops a keyboard user's focus to the page.
const FOCUSABLE = "button, a[href], input, select, textarea";

function replaceKeepingFocus(old, fresh) {
  const focused = old.contains(document.activeElement) ? document.activeElement : null;
  const controls = focused ? [...old.querySelectorAll(FOCUSABLE)] : [];
  old.replaceWith(fresh);
  if (!focused) return;
  const candidates = [...fresh.querySelectorAll(FOCUSABLE)];
  const label = focused.getAttribute("aria-label");
  const same = label ? candidates.find((el) => el.getAttribute("aria-label") === label) : null;
  (same || candidates[controls.indexOf(focused)])?.focus();
}
