// Entering a Words step's input for a table group (the dashboard's and the scribe's form).
export default { item: "word" };
