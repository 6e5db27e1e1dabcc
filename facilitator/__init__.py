"""The facilitator's side, one blueprint per concern: the account (`accounts`), the
workshops (`workshops`), the editor (`editor`), the people of a workshop (`people`), the
exports (`exports`), series of workshops (`series`), the projector (`projector`) and
scribes' links (`scribes`). Their templates and scripts are served by the
`facilitator` blueprint made here. Importing a module registers nothing: the
application factory calls `blueprints()`."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    """The facilitator's blueprints, for `webapp.blueprints.register_blueprints`."""
    from facilitator import accounts, editor, exports, people, projector, scribes, series, workshops

    assets = Blueprint(
        "facilitator",
        __name__,
        url_prefix="/f",
        template_folder="templates",
        static_folder="static",
        static_url_path="/static",
    )
    modules = (accounts, workshops, editor, people, exports, series, projector, scribes)
    return [assets, *(module.bp for module in modules)]
