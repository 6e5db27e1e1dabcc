// The kinds of step a page handles: each kind's module for this page, by kind name, from
// the list the server renders into the page (`data-kinds`: {name: module address}).
export async function loadKinds(element) {
  const urls = JSON.parse(element.dataset.kinds || "{}");
  const loaded = await Promise.all(Object.entries(urls).map(async ([name, url]) => [name, (await import(url)).default]));
  return Object.fromEntries(loaded);
}
