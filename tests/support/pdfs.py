"""A tagged PDF's structure tree, read back with pypdf: its nodes, depth first."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any


def struct_nodes(pdf: bytes) -> Iterator[dict[str, Any]]:
    """Every node of the structure tree that has a type (/S): headings, lists, tables,
    figures with their /Alt."""
    from pypdf import PdfReader

    def walk(node: object) -> Iterator[dict[str, Any]]:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                yield node
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                yield from walk(kid)

    yield from walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
