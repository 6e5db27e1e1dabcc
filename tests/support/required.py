"""Skips that become failures in CI: RUNDABORD_REQUIRE_ALL=1 (set by .ci/run) means a
missing PostgreSQL, Redis or browser is an error, not a reason to skip."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(reason: str) -> NoReturn:
    if os.environ.get("RUNDABORD_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)
