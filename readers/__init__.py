"""Read models: what the live screens and the exports read from the store, each in one
consistent snapshot. Nothing here changes the store (`models/` and `steps/` do)."""
