"""Shared fixtures: the real `sitreps` command and a scratch gazetteer cache per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "seeds" / "000_7d521d7e3635afb3.txt"


def sitreps_cmd() -> list[str]:
    """The installed console script if there is one, else the module (same code)."""
    exe = shutil.which("sitreps", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "sitreps.cli"]


@pytest.fixture
def run_cli():
    """Run the real `sitreps` command; returns the CompletedProcess."""

    def _run(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [*sitreps_cmd(), *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, "COLUMNS": "200"},
            timeout=600,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"sitreps {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    return _run


@pytest.fixture(scope="session")
def claims_of():
    """The attribution stage on a text of a test's own; checks every span points into the text."""
    from sitreps.model import Article
    from sitreps.nlp import parse
    from sitreps.stages.actors import find_actors
    from sitreps.stages.attribution import find_claims

    def run(text: str):
        doc = parse(text)
        article = Article(text=text)
        claims = find_claims(doc, article, find_actors(doc, article))
        for c in claims:
            for span in (c.claimant_span, c.cue_span, c.content_span):
                if span is not None:
                    assert text[span.start : span.end] == span.text
        return claims

    return run
