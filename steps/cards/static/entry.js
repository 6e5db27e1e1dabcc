// Entering a card for a table group (the dashboard's and the scribe's form).
export default {
  item: "card",
  categories: (step) => step.settings?.categories || [],
  asksLevel: (step) => Boolean(step.settings?.levels),
};
