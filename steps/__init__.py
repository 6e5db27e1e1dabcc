"""The kinds of step a workshop's agenda is made of, one package each.

`steps.registry` lists them; `steps.kind.StepKind` is what the shared code may ask a
kind; `steps.settings` reads and validates a step's settings. See docs/STEP_KINDS.md.
"""
