"""Event location (Halterman 2019) JSONL: a sentence, its tokens, one VERB span and LOCATION spans.

Some span `start`/`end` are token indices rather than characters, so spans are read from
`token_start`/`token_end` (inclusive) and the `tokens` list, never from `start`/`end`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitreps.evaluate.loaders import json_lines


@dataclass(frozen=True)
class EventLocationSentence:
    text: str
    tokens: list[tuple[int, int]]  # character [start, end) of each gold token
    verb_tokens: frozenset[int]  # token ids of the VERB span(s)
    location_tokens: frozenset[int]  # token ids of every LOCATION span
    source: str = ""  # the record's collection ("AP", "Masdar_RA", ...): annotation density differs by source

    def char_span(self, token_ids: frozenset[int]) -> tuple[int, int] | None:
        """Characters [start, end) covering the given token ids."""
        if not token_ids:
            return None
        return self.tokens[min(token_ids)][0], self.tokens[max(token_ids)][1]

    def tokens_in(self, start: int, end: int) -> frozenset[int]:
        """Ids of the gold tokens sharing a character with [start, end)."""
        return frozenset(i for i, (s, e) in enumerate(self.tokens) if s < end and start < e)


def _token_ids(span: dict, n_tokens: int) -> range:
    first, last = int(span["token_start"]), int(span["token_end"])
    return range(max(0, first), min(n_tokens - 1, last) + 1)


def load_event_location(path: Path) -> list[EventLocationSentence]:
    """Sentences with exactly one VERB span usable (records without a VERB are skipped)."""
    out: list[EventLocationSentence] = []
    for rec in json_lines(path):
        toks = sorted(rec.get("tokens", []), key=lambda t: t["id"])
        tokens = [(int(t["start"]), int(t["end"])) for t in toks]
        verb: set[int] = set()
        loc: set[int] = set()
        for span in rec.get("spans", []):
            if "token_start" not in span:
                continue
            ids = _token_ids(span, len(tokens))
            if span.get("label") == "VERB":
                verb.update(ids)
            elif span.get("label") == "LOCATION":
                loc.update(ids)
        if verb:
            source = str(rec.get("source") or "")
            out.append(EventLocationSentence(rec["text"], tokens, frozenset(verb), frozenset(loc), source))
    return out
