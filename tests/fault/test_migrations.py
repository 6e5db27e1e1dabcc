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


def test_card_levels_become_the_default_lists_names_and_go_back(tmp_path: Path) -> None:
    """0014: a card's level was one of four keys; it becomes the text of the workshop's
    list (the default list's names), and a downgrade gives the keys back."""
    import sqlite3

    server = ServerProcess(tmp_path)
    server.flask("db", "upgrade", "0013_step_state")
    path = tmp_path / "rundabord.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO workshops (id, title, place, organizer, join_code, projector_token, seq,"
            " projector_seq, participant_seq, created_at, held_words, allowed_words) VALUES"
            " (1, 'Prov', '', '', 'ABCDEF', 'token', 0, 0, 0, '2026-12-04 08:00:00', '', '')"
        )
        db.execute(
            "INSERT INTO steps (id, workshop_id, position, kind, title, prompt, is_open, settings, state)"
            " VALUES (1, 1, 0, 'cards', 'Kort', '', 0, '{}', '{}')"
        )
        for n, level in enumerate(["lokal", "nationell", None]):
            db.execute(
                "INSERT INTO cards (id, workshop_id, step_id, text, category, level, position, seq,"
                " created_at) VALUES (?, 1, 1, 'Kort', 'Förutsättningar', ?, ?, ?, '2026-12-04 08:00:00')",
                (n + 1, level, n, n + 1),
            )
    server.flask("db", "upgrade")
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT level FROM cards ORDER BY id")] == [
            "Lokal",
            "Nationell",
            None,
        ]
        assert db.execute("SELECT levels FROM workshops").fetchone() == ("",)  # the default list
    server.flask("db", "downgrade", "0013_step_state")
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT level FROM cards ORDER BY id")] == [
            "lokal",
            "nationell",
            None,
        ]
