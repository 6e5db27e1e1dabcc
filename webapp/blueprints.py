"""Registers the blueprints and the template helpers they share."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request
from flask_babel import get_locale

from webapp.netinfo import public_base_url


def register_blueprints(app: Flask) -> None:
    from facilitator import blueprints as facilitator_blueprints
    from facilitator.accounts import load_facilitator
    from participant_ui.routes import bp as participant_bp
    from steps.registry import kinds
    from webapp.extensions import login_manager
    from webapp.health import bp as health_bp

    app.register_blueprint(health_bp)
    app.register_blueprint(participant_bp)
    for blueprint in facilitator_blueprints():
        app.register_blueprint(blueprint)
    for kind in kinds().values():
        app.register_blueprint(kind.blueprint())
    login_manager.user_loader(load_facilitator)
    app.context_processor(_template_globals)


def _template_globals() -> dict[str, Any]:
    from facilitator.strings import BEHALF_STRINGS, CONNECTION_STRINGS, NOTES_STRINGS, page_strings, plural
    from models.results import results_open
    from steps.registry import kinds

    return {
        "step_kinds": list(kinds().values()),
        "results_open": results_open,
        "kind_scripts": kind_scripts,
        "kind_strings": kind_strings,
        "kind_labels": kind_labels,
        "behalf_strings": BEHALF_STRINGS,
        "connection_strings": CONNECTION_STRINGS,
        "notes_strings": NOTES_STRINGS,
        "page_strings": page_strings,
        "plural": plural,
        "current_locale": str(get_locale() or "sv"),
        "languages": current_app.config["LANGUAGES"],
        "public_base_url": public_base_url(request.host_url),
    }


def kind_scripts(screen: str) -> dict[str, str]:
    """The kinds' modules for one screen, by kind name: the screen's shell imports them."""
    from steps.registry import kinds

    return {name: url for name, kind in kinds().items() if (url := kind.script(screen))}


def kind_labels() -> dict[str, object]:
    """Each kind's short name by kind name ("words": "Words"), as the agenda shows it."""
    from steps.registry import kinds

    return {name: kind.short_label or kind.default_title for name, kind in kinds().items()}


def kind_strings(screen: str) -> dict[str, object]:
    """Every kind's strings for `screen`, for the page's translation block."""
    from steps.registry import kinds

    merged: dict[str, object] = {}
    for kind in kinds().values():
        merged.update(kind.strings.get(screen, {}))
    return merged
