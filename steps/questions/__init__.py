"""Questions with upvotes ("Frågor"): the room posts short questions or ideas, everyone
upvotes others' once, and the facilitator moderates in sight of the room."""
