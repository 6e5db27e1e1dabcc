// Lists updated in place: each node is moved only when it is not already where it
// belongs, so keyboard focus, an open edit field and half-typed text survive updates.

// Put `node` right after `previous` in `container` (with no `previous`: before `first`,
// by default the first child). Returns `node`, the next call's `previous`.
export function placeAfter(container, node, previous, first = container.firstElementChild) {
  const wanted = previous ? previous.nextElementSibling : first;
  if (wanted !== node) container.insertBefore(node, wanted);
  return node;
}
