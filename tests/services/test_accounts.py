"""Facilitator accounts."""

from __future__ import annotations

import pytest

from models.accounts import authenticate, create_facilitator
from models.errors import DomainError
from tests.conftest import PASSWORD
from webapp.extensions import db


@pytest.mark.parametrize(
    ("email", "password", "code"),
    [("not-an-email", PASSWORD, "invalid_input"), ("ny@region.se", "kort", "weak_password")],
)
def test_bad_accounts_are_refused(app: object, email: str, password: str, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        create_facilitator(db.session, email, password)
    assert caught.value.code == code


def test_an_email_has_one_account(facilitator: object) -> None:
    with pytest.raises(DomainError) as caught:
        create_facilitator(db.session, "LEDA@region.se", PASSWORD)
    assert caught.value.code == "account_exists"


def test_passwords_are_hashed_and_checked(facilitator: object) -> None:
    found = authenticate(db.session, " Leda@Region.se ", PASSWORD)
    assert found is not None and PASSWORD not in found.password_hash
    assert authenticate(db.session, "leda@region.se", "wrong password") is None
    assert authenticate(db.session, "nobody@region.se", PASSWORD) is None
