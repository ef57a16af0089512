"""RAMS 1.0 `.jsonlines`: a 5-sentence window, one event trigger, links `evt###arg##role` to token spans."""

from __future__ import annotations

import re
from pathlib import Path

from sitreps.evaluate.loaders import json_lines
from sitreps.evaluate.loaders.wikievents import ArgumentDocument, GoldEvent

_ROLE = re.compile(r"arg\d+(.+)$")


def load_rams(path: Path) -> list[ArgumentDocument]:
    """Examples as documents: sentences joined by spaces, token spans (inclusive) turned into characters."""
    out: list[ArgumentDocument] = []
    for rec in json_lines(path):
        words = [w for sent in rec.get("sentences", []) for w in sent]
        chars: list[tuple[int, int]] = []
        pos = 0
        for w in words:
            chars.append((pos, pos + len(w)))
            pos += len(w) + 1
        text = " ".join(words)

        def span_text(a: int, b: int, words: list[str] = words) -> str:
            return " ".join(words[a : b + 1])

        events = []
        for trig in rec.get("evt_triggers", []):
            a, b = int(trig[0]), int(trig[1])
            etype = trig[2][0][0] if trig[2] else ""
            roles: dict[str, list[str]] = {}
            for link in rec.get("gold_evt_links", []):
                if [int(x) for x in link[0]] != [a, b]:
                    continue
                m = _ROLE.search(link[2])
                role = m.group(1) if m else link[2]
                roles.setdefault(role.lower(), []).append(span_text(int(link[1][0]), int(link[1][1])))
            events.append(GoldEvent(etype, (chars[a][0], chars[b][1]), roles))
        out.append(ArgumentDocument(rec.get("doc_key", ""), text, events))
    return out
