// Entering a question for a table group (the dashboard's and the scribe's form).
export default { item: "question" };
