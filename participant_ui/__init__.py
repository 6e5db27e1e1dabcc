"""The participant's phone: join by code or QR, the open step, and socket events."""
