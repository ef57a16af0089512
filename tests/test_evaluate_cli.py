"""`sitreps evaluate` on the gold data and on a copy of it with every file renamed (no fixed file names)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

GOLD = ROOT.parent / "shared" / "golddata"
TASKS = [
    "geoparse",
    "timex",
    "fatalities",
    "event-type",
    "event-location",
    "arguments",
    "attribution",
    "plover",
]

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="gold data not present")


@pytest.fixture(scope="module")
def renamed_gold(tmp_path_factory) -> Path:
    """A copy of the gold folders (not the large raw inputs) with each file given another name."""
    root = tmp_path_factory.mktemp("gold") / "golddata"
    for src in GOLD.rglob("*"):
        if not src.is_file() or src.parent.name == "fa_kes" or src.parent == GOLD:
            continue
        rel = src.relative_to(GOLD)
        dest = root / rel.parent / f"renamed_{rel.name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return root


@pytest.mark.parametrize("task", TASKS)
def test_task_runs_on_renamed_copy(run_cli, renamed_gold, task):
    out = json.loads(run_cli("evaluate", task, "--data", str(renamed_gold), "--limit", "3", "--json").stdout)
    assert out["task"] == task and out["data"] == str(renamed_gold)
    assert out["sets"], "no set was scored"
    assert all(name.startswith("renamed_") or "/" not in name for name in out["sets"])
    assert out["overall"], "no pooled metrics"


def test_all_runs_every_task_with_data(run_cli, renamed_gold):
    out = json.loads(run_cli("evaluate", "all", "--data", str(renamed_gold), "--limit", "2", "--json").stdout)
    assert {r["task"] for r in out} >= set(TASKS)


def test_unknown_task_is_a_clear_error(run_cli, tmp_path):
    proc = run_cli("evaluate", "nonsense", "--data", str(tmp_path), check=False)
    assert proc.returncode == 2 and "unknown task" in proc.stderr
