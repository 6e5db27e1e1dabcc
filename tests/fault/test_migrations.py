"""The migrations build the schema the models describe, on SQLite and on PostgreSQL: an
operator's `make migrate` (flask db upgrade) on an empty database, then Alembic's check
that autogenerate finds nothing left to migrate. A model changed without its migration
fails here instead of on a regional server."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.server import ServerProcess

pytestmark = pytest.mark.slow


def upgrade_then_check(server: ServerProcess) -> str:
    server.flask("db", "upgrade")
    return server.flask("db", "check")  # exits non-zero ("New upgrade operations detected")


def test_migrations_match_the_models_on_sqlite(tmp_path: Path) -> None:
    assert "No new upgrade operations detected" in upgrade_then_check(ServerProcess(tmp_path))


def test_migrations_match_the_models_on_postgresql(tmp_path: Path, fresh_postgres_url: str) -> None:
    server = ServerProcess(tmp_path, database_url=fresh_postgres_url)
    assert "No new upgrade operations detected" in upgrade_then_check(server)
