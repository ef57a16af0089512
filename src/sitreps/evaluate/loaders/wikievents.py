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


def align_tokens(text: str, tokens: list[list]) -> list[tuple[int, int]]:
    """Character offsets of each token in `text`. The records' own offsets drift from the text (sentence
    breaks are counted differently), so each token is looked up in order from where the last one ended;
    the stated offsets are kept only for a token that cannot be found nearby."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for tok in tokens:
        word = str(tok[0])
        found = text.find(word, cursor, cursor + len(word) + 200) if word else -1
        if found < 0:
            out.append((int(tok[1]), int(tok[2])))
            continue
        out.append((found, found + len(word)))
        cursor = found + len(word)
    return out


def load_wikievents(path: Path) -> list[ArgumentDocument]:
    """Each document's text and its events; token offsets are turned into characters via `sentences`."""
    out: list[ArgumentDocument] = []
    for rec in json_lines(path):
        # token index -> character offsets, from the per-sentence token lists [[text, start, end], ...]
        tokens = [t for sent in rec.get("sentences", []) for t in sent[0]]
        chars = align_tokens(rec.get("text", ""), tokens)
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
