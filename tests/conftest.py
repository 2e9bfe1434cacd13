"""Shared builders: small scenarios written the way a user would describe them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from model import Scenario, default_policy, parse_scenario

AS_OF = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes this machine's user's settings, autosave or recent files
    (a config.toml with ``lang = "zh"`` there would change what the CLI prints)."""
    home = tmp_path_factory.mktemp("user")
    for folder in ("CONFIG", "DATA", "STATE"):
        monkeypatch.setenv(f"XDG_{folder}_HOME", str(home / folder.lower()))


def accounts(jiebei_limit: float = 30000, jiebei_balance: float = 0) -> list[dict[str, Any]]:
    return [
        {"id": "fenqile", "product": "fenqile", "limit": 20000, "balance": 6000},
        {"id": "jiebei", "product": "jiebei", "limit": jiebei_limit, "balance": jiebei_balance},
        {"id": "huabei", "product": "huabei", "limit": 8000, "balance": 1500},
        {"id": "card", "product": "bank_card", "limit": 10000, "balance": 0},
    ]


def event(eid: str = "e1", account: str = "fenqile", *, due: date, days: int | None,
          amount: float = 1000, extension: dict[str, Any] | None = None) -> dict[str, Any]:
    """An overdue due on ``due`` and settled ``days`` later (None: unsettled)."""
    settled = None if days is None else (due + timedelta(days=days)).isoformat()
    return {"id": eid, "account": account, "amount": amount, "due": due.isoformat(),
            "settled": settled, "extension": extension}


def scenario(*events: dict[str, Any], base: int = 700, income_proof: bool = False,
             as_of: date = AS_OF, applications: int = 0, **acc: Any) -> Scenario:
    return parse_scenario({
        "format": "jiebei-sim/scenario@1",
        "name": "test",
        "as_of": as_of.isoformat(),
        "profile": {"base_score": base, "income_proof": income_proof,
                    "recent_applications": applications},
        "accounts": accounts(**acc),
        "overdues": list(events),
    })


@pytest.fixture
def policy():
    return default_policy()
