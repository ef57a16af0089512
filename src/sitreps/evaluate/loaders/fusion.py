"""Fusion test set: JSON Lines, one report per line, keyed to the incidents it describes.

Each record: `id`, `outlet`, `published` (ISO date), `title`, `text`, and `incidents`, the list of
incident keys the report describes (usually one; a round-up carries two). Two reports describe the
same incident exactly when they share a key. Optional `also_mentions`: incidents the report only
refers back to ("two days after a deadly raid on the market"); a pair linked only that way is neither
required nor an error (see `tasks.fusion`). Lines are read in file order; the reader that ingests
them (`sitreps.readers.read_jsonl`) numbers items by the same physical line numbers, kept in `line`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class FusionSetError(ValueError):
    """A record of the fusion set that cannot be scored (missing id, text or incident keys)."""


@dataclass(frozen=True)
class FusionReport:
    id: str
    outlet: str
    published: date | None
    title: str
    text: str
    incidents: tuple[str, ...]  # gold incident keys; never empty
    also_mentions: tuple[str, ...]  # incidents only referred back to
    path: Path
    line: int  # 1-based physical line in `path`


def load_fusion(path: Path) -> list[FusionReport]:
    """Every report of one JSONL file, in file order; a malformed record raises `FusionSetError`.

    A gold set with a broken record must fail loudly: silently dropping a report would change the
    pairs being scored.
    """
    out: list[FusionReport] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise FusionSetError(f"{where}: malformed JSON: {exc.msg}") from exc
            report_id = str(rec.get("id", "")).strip()
            text = str(rec.get("text", "")).strip()
            incidents = rec.get("incidents")
            if not report_id or not text:
                raise FusionSetError(f"{where}: a report needs an `id` and a `text`")
            if report_id in seen:
                raise FusionSetError(f"{where}: duplicate report id {report_id!r}")
            if isinstance(incidents, str):
                incidents = [incidents]
            if not incidents or not all(isinstance(k, str) and k.strip() for k in incidents):
                raise FusionSetError(f"{where}: `incidents` must be a non-empty list of keys")
            also = rec.get("also_mentions") or []
            if isinstance(also, str):
                also = [also]
            if not all(isinstance(k, str) and k.strip() for k in also):
                raise FusionSetError(f"{where}: `also_mentions` must be a list of keys")
            published = rec.get("published")
            seen.add(report_id)
            out.append(
                FusionReport(
                    id=report_id,
                    outlet=str(rec.get("outlet", "")),
                    published=date.fromisoformat(published[:10]) if published else None,
                    title=str(rec.get("title", "")),
                    text=text,
                    incidents=tuple(dict.fromkeys(k.strip() for k in incidents)),
                    also_mentions=tuple(k.strip() for k in also if k.strip() not in incidents),
                    path=path,
                    line=lineno,
                )
            )
    return out
