"""HTTP security headers: a strict Content-Security-Policy with no inline script."""

from __future__ import annotations

from flask import Flask

from webapp.extensions import talisman

# Everything comes from this server: no CDN (venues are offline), no inline script
# or style, no framing. 'self' covers the same-origin WebSocket in current browsers.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": ["'self'", "data:"],
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def register_security(app: Flask) -> None:
    talisman.init_app(
        app,
        force_https=False,  # a laptop on a venue network serves plain HTTP
        strict_transport_security=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="same-origin",
        frame_options="DENY",
        permissions_policy={"camera": "()", "microphone": "()", "geolocation": "()"},
    )
