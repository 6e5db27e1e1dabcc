"""The engine of the threads beside the event loop (`webapp.offload`: exports, the word
cloud's reading) only reads: on SQLite it never takes the write lock the loop's writers
need, and a write through it fails at once."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models.workshops import Workshop
from webapp.extensions import db
from webapp.offload import _thread_engine


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_the_reader_reads_beside_a_writer_and_never_writes(app: Flask, workshop: Workshop) -> None:
    db.session.commit()
    db.session.execute(text("UPDATE workshops SET title = 'Ändrad'"))  # the loop's write, not committed
    with Session(_thread_engine(app)) as reader:
        assert reader.scalar(select(func.count()).select_from(Workshop)) == 1  # no wait for the lock
        assert reader.scalar(select(Workshop.title)) != "Ändrad"  # what was committed
        with pytest.raises(OperationalError, match="readonly"):
            reader.execute(text("DELETE FROM workshops"))
    db.session.commit()
