"""Which address phones should use: PUBLIC_URL, or this machine's LAN address."""

from __future__ import annotations

import ipaddress
import socket

import psutil
from flask import current_app


def lan_addresses() -> list[str]:
    """IPv4 addresses of interfaces that are up, private ones first, loopback never."""
    stats = psutil.net_if_stats()
    found: list[ipaddress.IPv4Address] = []
    for name, addresses in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for address in addresses:
            if address.family != socket.AF_INET:
                continue
            ip = ipaddress.IPv4Address(address.address)
            if not ip.is_loopback and not ip.is_link_local:
                found.append(ip)
    found.sort(key=lambda ip: (not ip.is_private, str(ip)))
    return [str(ip) for ip in found]


def detect_public_url(port: int) -> tuple[str, bool]:
    """The base URL for QR codes at start-up, and whether it is only loopback."""
    addresses = lan_addresses()
    if not addresses:
        return f"http://127.0.0.1:{port}/", True
    return f"http://{addresses[0]}:{port}/", False


def public_base_url(fallback: str) -> str:
    """The base URL printed in QR codes and on the join slide, ending in '/'."""
    url = current_app.config.get("PUBLIC_URL") or fallback
    return url if url.endswith("/") else url + "/"
