"""Claims as searchable records: who says what, with which cue and stance, in which report.

Every claim the attribution stage reads is stored with its article (`Store.add_analysis`); this module
lists them by speaker, stance or what they are about, for `sitreps claims` and `sitreps.claims()`.
Statements that are no single event ("80 to 90 percent of Russian strikes were aimed at ...") live here
too: they are claims with a speaker, not events.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sitreps.store import Store

STANCES = ("asserted", "claimed", "denied", "disputed", "unconfirmed")


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim and the report it was read in."""

    claimant: str
    claimant_type: str
    claimant_actor: str
    cue: str
    stance: str
    content: str  # what is claimed, as written ("" when the stage could not delimit it)
    outlet: str  # the outlet carrying the report
    title: str
    published: str  # ISO date of the report, "" when unknown
    source: str  # the file (and line) the report came from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def query_claims(
    store: Store,
    speaker: str | None = None,
    stance: str | None = None,
    about: str | None = None,
    limit: int | None = None,
) -> list[ClaimRecord]:
    """Claims whose claimant (or its canonical actor) contains `speaker`, with `stance`, whose content
    contains `about` (all case-insensitive), in ingestion order."""
    if stance is not None and stance not in STANCES:
        raise ValueError(f"stance must be one of {', '.join(STANCES)}, not {stance!r}")
    where, params = [], []
    if speaker:
        where.append("(lower(c.claimant) LIKE ? OR lower(c.claimant_actor) LIKE ?)")
        params += [f"%{speaker.lower()}%"] * 2
    if stance:
        where.append("c.stance = ?")
        params.append(stance)
    if about:
        where.append("lower(c.content_text) LIKE ?")
        params.append(f"%{about.lower()}%")
    sql = (
        "SELECT c.claimant, c.claimant_type, c.claimant_actor, c.cue, c.stance, c.content_text, c.outlet,"
        " a.title, a.published, a.path FROM claims c JOIN articles a ON a.id = c.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.id"
        + (" LIMIT ?" if limit else "")
    )
    if limit:
        params.append(int(limit))
    return [
        ClaimRecord(
            claimant=r[0],
            claimant_type=r[1],
            claimant_actor=r[2],
            cue=r[3],
            stance=r[4],
            content=r[5],
            outlet=r[6] or "",
            title=r[7] or "",
            published=r[8] or "",
            source=r[9] or "",
        )
        for r in store.conn.execute(sql, params)
    ]
