"""WikiEvents JSONL documents, read into the argument records that RAMS also uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitreps.evaluate.loaders import json_lines


@dataclass
class GoldEvent:
    """One annotated event: its type, trigger (characters into the document text) and role fillers."""

    event_type: str  # dataset's own type, e.g. "Conflict.Attack.DetonateExplode" / "life.die.n/a"
    trigger: tuple[int, int]
    roles: dict[str, list[str]] = field(default_factory=dict)  # role (lower-case) -> filler texts


@dataclass
class ArgumentDocument:
    doc_id: str
    text: str
    events: list[GoldEvent]


def load_wikievents(path: Path) -> list[ArgumentDocument]:
    """Each document's text and its events; token offsets are turned into characters via `sentences`."""
    out: list[ArgumentDocument] = []
    for rec in json_lines(path):
        # token index -> character offsets, from the per-sentence token lists [[text, start, end], ...]
        chars: list[tuple[int, int]] = []
        for sent in rec.get("sentences", []):
            chars.extend((int(t[1]), int(t[2])) for t in sent[0])
        events = []
        for ev in rec.get("event_mentions", []):
            trig = ev["trigger"]
            start, end = int(trig["start"]), int(trig["end"])  # tokens [start, end)
            if chars and 0 <= start < len(chars) and 0 < end <= len(chars):
                span = (chars[start][0], chars[end - 1][1])
            else:
                span = (-1, -1)
            roles: dict[str, list[str]] = {}
            for arg in ev.get("arguments", []):
                roles.setdefault(arg["role"].lower(), []).append(arg.get("text", ""))
            events.append(GoldEvent(ev["event_type"], span, roles))
        out.append(ArgumentDocument(rec.get("doc_id", ""), rec.get("text", ""), events))
    return out
