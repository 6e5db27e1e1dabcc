"""Pages every phone of a workshop gets alike, rendered once and given again.

When the QR code goes up, hundreds of phones ask for the same two pages within seconds:
the join form and the phone page. Rendering them (Jinja, the catalogue's strings, the
form's widgets) was the largest part of a join's work on the server that was not the
network (py-spy under `bench/load.py --profile join`). Each is kept per workshop, per
what it shows, per language and address, and given again with the one thing that differs
between two phones put in: the CSRF token of its forms (the join form's, the language
switch's), which is this request's own.

`render_shared(shows, template, context)`: `shows` names everything the page shows
besides its template's own text, the language and the address (a workshop's title,
whether it has ended, its table groups...); `context()` gives the template's context, and
is called only when the page is rendered (the join form is built only then). A page that
shows something of one phone alone (a form's errors, what it typed) is rendered with
`render_template` instead; one with flashed messages is, here, since those are this phone's.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, render_template, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

KEPT = 64  # pages kept per process: a few per workshop running on it
# Stands for the token in a kept page: hex, so escaping leaves it alone, and unguessable,
# so no title or group name can contain it.
_TOKEN_SLOT = f"csrf-{secrets.token_hex(16)}"


def render_shared(shows: Hashable, template: str, context: Callable[[], dict[str, Any]]) -> str:
    """The page of `template`, rendered once for everyone whose request has the same
    `shows`, language and address; this request's CSRF token in its forms."""
    if session.get("_flashes"):
        return render_template(template, **context())
    kept: OrderedDict[Hashable, str] = current_app.extensions.setdefault(
        "rundabord.shared_pages", OrderedDict()
    )
    key = (template, shows, str(get_locale()), request.full_path)
    token = generate_csrf()  # what the page's forms carry; the same all through a request
    page = kept.get(key)
    if page is not None:
        kept.move_to_end(key)
        return page.replace(_TOKEN_SLOT, token)
    rendered = render_template(template, **context())
    kept[key] = rendered.replace(token, _TOKEN_SLOT)
    while len(kept) > KEPT:
        kept.popitem(last=False)
    return rendered
