"""Settlements and admin areas the gazetteer lacks, read from how the text frames a name: with its unit
("Guma Local Government Area", "Nenagh Municipal District"), called a village or district by the words around
it ("Torkula village", "the villages of A and B", "Gidan Waya, a village in Kaduna state"). The words they
read live in data/place_cues.yaml; `toponym_rules.refine` merges them with the gazetteer pass's toponyms.
"""

from __future__ import annotations

from sitreps.stages.place_cues import phrase_at, phrases, words
from sitreps.stages.place_sites import site_toponym
from sitreps.stages.toponym_additions import _plain_name
from sitreps.stages.toponyms import ArticleContext, Toponym


def unit_areas(ctx: ArticleContext, found: list[Toponym]) -> list[Toponym]:
    """Admin areas the gazetteer lacks, named with their unit ("Guma Local Government Area", "Guma LGA",
    "Nenagh Municipal District", "Washington Township") or called a settlement by the text ("Torkula
    village", lower case, where the toponym is the name alone)."""
    doc, table = ctx.doc, ctx.tokens
    units, lower_after = phrases("admin_unit_words"), words("settlement_lower_after")
    person_after = words("settlement_after_person")
    before_of = words("settlement_before_of")
    out = []
    framed_end = -1  # end of the last name a settlement word framed: "the villages of A and B"
    for n, (a, b) in enumerate(ctx.runs):
        while a < b and table.is_stop[a]:
            a += 1  # "The Guma LGA chairman"
        # a capitalised unit word ending the run or before "of": "Guma Local Government Area (of Benue State)"
        for u in range(a + 1, b):
            size = phrase_at(doc, u, units, capitalised=True)
            end = u + size
            if size and (end == b or table.lower[end] == "of") and _plain_name(ctx, a, u):
                out.append(site_toponym(ctx, a, end))
                break
        else:
            # "Torkula village": an unknown name the text calls a settlement; "the village of Boloum", "the
            # remote hamlet of Kotiyagala": one it names after a settlement word
            called = b < table.n and table.lower[b] in lower_after and table.is_lower[b]
            named = a >= 2 and table.lower[a - 1] == "of" and table.lower[a - 2] in before_of
            named = (named and table.is_lower[a - 2]) or _list_glue(ctx, framed_end, a)
            # "Khartoum's Burri district", "Gidan Waya, a village in Kaduna": the model may call it a person
            settled = (called and table.lower[b] in person_after) or _appositive_settlement(ctx, b)
            owned = _possessive_place(ctx, b)
            settled = settled or owned
            called = called or settled
            if not called and n + 1 < len(ctx.runs):
                # "A and B villages": the first of a list the text calls settlements
                c, d = ctx.runs[n + 1]
                called = _list_glue(ctx, b, c) and d < table.n and table.lower[d] in lower_after
            # (the name test only where the text calls it a settlement: most runs are not)
            if (called or named) and _plain_name(ctx, a, b, person_ok=named or settled):
                t = _settlement(ctx, a, b, found, named, settled)
                if t is not None and owned and not t.hits:
                    # "Harasta's outskirts": a town the gazetteer knows, though the model read a person
                    t = Toponym(a, b, ctx.gaz.exact_hits(ctx.span_text(a, b), limit=25), site=True)
                if t is not None:
                    out.append(t)
            if named:
                framed_end = b
    return out


def _settlement(
    ctx: ArticleContext, a: int, b: int, found: list[Toponym], named: bool, settled: bool
) -> Toponym | None:
    """The toponym for a name at [a, b) the text calls a settlement, or None where the gazetteer pass has
    it already. A framed name that only contains a found one ("the town of Sultan Murad": "Murad") and has
    no entry of its own is a settlement the gazetteer lacks; a person's words ("Salah Eddin neighbourhood")
    name no place; both lie where the article's other places are."""
    overlap = [f for f in found if f.start < b and a < f.end]
    if overlap:
        inside = all(a <= f.start and f.end <= b and (f.start, f.end) != (a, b) for f in overlap)
        if not (named and inside) or _has_entry(ctx, a, b):
            return None
        return Toponym(a, b, [], site=True)
    ent = ctx.ent_of.get(a)
    if settled and ent is not None and ent.label_ == "PERSON":
        return Toponym(a, b, [], site=True)
    return site_toponym(ctx, a, b)


def _has_entry(ctx: ArticleContext, a: int, b: int) -> bool:
    """Whether the gazetteer knows the name at [a, b), as written or nearly ("Maaret al-Numan")."""
    name = ctx.span_text(a, b)
    return bool(ctx.gaz.exact_hits(name, limit=3)) or any(
        h.similarity >= 0.85 for h in ctx.gaz.hits(name, limit=5)
    )


def _appositive_settlement(ctx: ArticleContext, b: int) -> bool:
    """Whether the name ending at token `b` is followed by an apposition that calls it a settlement and
    situates it: "Gidan Waya, a village in Kaduna state", "Marjeh, a small town near Lashkar Gah" (not
    "Smith, a village elder")."""
    table = ctx.tokens
    if b + 3 >= table.n or table.text[b] != "," or table.lower[b + 1] not in ("a", "an"):
        return False
    nouns = words("settlement_before_of")
    for k in range(b + 2, min(b + 6, table.n - 1)):
        if table.lower[k] in nouns:
            return table.lower[k + 1] in words("apposition_place_after")
        if not (table.is_alpha[k] or table.text[k] == "-"):
            return False
    return False


def _possessive_place(ctx: ArticleContext, b: int) -> bool:
    """Whether the name ending at token `b` owns a stretch of land: "Harasta's outskirts", "Daraa's
    countryside" (not "Assad's forces")."""
    table = ctx.tokens
    return (
        b + 1 < table.n
        and table.text[b] in ("'s", "’s")
        and table.is_lower[b + 1]
        and table.lower[b + 1] in words("possessive_place_after")
    )


def _list_glue(ctx: ArticleContext, a: int, b: int) -> bool:
    """Whether tokens [a, b) only join two names of a list (", ", " and ", ", and ")."""
    return 0 <= a < b <= a + 3 and all(ctx.tokens.lower[k] in (",", "and", "or") for k in range(a, b))
