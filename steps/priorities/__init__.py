"""Prioritisation with a budget of points: each participant spreads their points over the
step's options; the totals compare by table group (breakout, then plenary)."""
