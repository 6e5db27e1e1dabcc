"""Tracks: proposals (the participants' or the facilitator's), voted on with dots."""
