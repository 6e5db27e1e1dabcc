"""Cards: participants post cards under categories; the facilitator sorts them into themes."""
