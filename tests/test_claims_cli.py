"""`sitreps claims` and `sitreps.claims()`: stored claims listed by speaker, stance and content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitreps
from sitreps.claim_records import query_claims
from sitreps.store import Store

REPORT = (
    "KHARKIV, June 12 (Reuters) - A Russian drone attack on Kharkiv killed four people on Tuesday, "
    "the regional governor said. Russia denied deliberately targeting civilians. The Syrian Observatory "
    "for Human Rights said separately that air strikes on Idlib killed six people."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("claims")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    path = folder / "claims.db"
    sitreps.ingest([folder / "report.txt"], db=path, published="2024-06-12")
    return path


def test_claims_by_stance(db, run_cli):
    rows = json.loads(run_cli("claims", "--db", str(db), "--stance", "denied", "--json").stdout)
    assert rows and all(r["stance"] == "denied" for r in rows)
    assert any("Russia" in r["claimant"] or "Russia" in r["claimant_actor"] for r in rows)
    assert all(r["outlet"] == "Reuters" for r in rows)


def test_claims_by_speaker_and_content(db):
    rows = sitreps.claims(db, speaker="observatory")
    assert rows and all("observatory" in r.claimant.lower() for r in rows)
    assert sitreps.claims(db, speaker="observatory", about="idlib")
    assert not sitreps.claims(db, speaker="observatory", about="kharkiv")


def test_an_unknown_stance_is_refused(db, run_cli):
    proc = run_cli("claims", "--db", str(db), "--stance", "maybe", check=False)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
    with Store(db) as store, pytest.raises(ValueError):
        query_claims(store, stance="maybe")
