"""Words: each participant sends a few words; the projector shows them as a cloud."""
