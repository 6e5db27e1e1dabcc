"""The last rendered word cloud of each Words step, kept so that a projector that
reloads, another server process, or a restart shows it without rendering again,
and so that the next render can keep the words where they were."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from analysis import words as word_analysis
from models.clock import utcnow
from models.session import DbSession
from webapp.extensions import db


class StoredCloud(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "word_clouds"

    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    words_hash: Mapped[str] = mapped_column(String(64))
    svg: Mapped[str] = mapped_column(Text)
    layout: Mapped[list[Any]] = mapped_column(JSON)
    rendered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def words_hash(groups: list[word_analysis.Group]) -> str:
    """Changes exactly when what the cloud shows changes."""
    data = json.dumps([[g.key, g.display, g.count] for g in groups], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def stored_cloud(session: DbSession, step_id: int) -> StoredCloud | None:
    return session.get(StoredCloud, step_id)


def save_cloud(session: DbSession, step_id: int, digest: str, svg: str, layout: list[Any]) -> int:
    """Store a new rendering and return its version."""
    cloud = session.get(StoredCloud, step_id, with_for_update=True)
    if cloud is None:
        cloud = StoredCloud(step_id=step_id, version=0)
        session.add(cloud)
    cloud.version = (cloud.version or 0) + 1
    cloud.words_hash = digest
    cloud.svg = svg
    cloud.layout = layout
    cloud.rendered_at = utcnow()
    session.commit()
    return cloud.version


def cloud_public(cloud: StoredCloud | None) -> dict[str, Any] | None:
    return {"version": cloud.version} if cloud is not None else None
