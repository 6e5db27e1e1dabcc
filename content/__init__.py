"""Whole workshops written or read at once: from a template, the demo, an archive file.
Each goes through the same operations as the live workshop (`models/`, `steps/`)."""
