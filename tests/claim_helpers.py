"""Helpers the attribution tests share: the cue words of a list of claims, and the one claim with a cue."""

from __future__ import annotations

from sitreps.model import Claim


def cues(claims: list[Claim]) -> list[str]:
    """The cue text of every claim that has a cue, in order."""
    return [c.cue_span.text for c in claims if c.cue_span is not None]


def only(claims: list[Claim], cue: str) -> Claim:
    """The one claim whose cue reads `cue` (fails, listing the cues found, unless there is exactly one)."""
    found = [c for c in claims if c.cue_span is not None and c.cue_span.text == cue]
    assert len(found) == 1, cues(claims)
    return found[0]
