"""QR codes as SVG responses (the qrcode library's path image: one element, crisp at any size)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Response


def qr_response(url: str, cache: str = "max-age=3600") -> Response:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=20, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": cache})
