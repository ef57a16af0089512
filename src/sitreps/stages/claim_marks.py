"""Punctuation cues: a colon or a dash that introduces or closes a quotation (PARC marks the mark itself).

- Colon after a speaker: 'Mayor Ana Ruiz: "We will rebuild"', a headline's "Clinton: Trump is unfit".
- Dash before a speaker on a quote line: '"We will not retreat," ― General Oleg Petrenko'.

The speaker must look like one (a person's name, a pronoun, a group, a noun for people): a dateline
("BEIRUT:"), a label ("UPDATE:", "Photo:") or a clause ("He added:", read with its verb) is not.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from sitreps.model import Claim, TextSpan
from sitreps.stages.claim_build import ClaimContext, make_claim
from sitreps.stages.claim_sources import SPEAKER_PRONOUNS, token_span

QUOTE_MARKS = frozenset('"“”')
DASHES = frozenset({"—", "―", "–", "--", "-"})
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
# Labels before a colon that name no speaker
NOT_SPEAKERS = frozenset({
    "source", "sources", "photo", "photos", "note", "update", "editor", "credit", "video", "watch", "read",
    "related", "file", "caption", "image", "map", "graphic",
})  # fmt: skip
MAX_SPEAKER_TOKENS = 10


def _looks_like_speaker(toks: list[Token], ctx: ClaimContext) -> bool:
    """A short noun phrase naming someone who can speak: no verb, no date, no dateline punctuation."""
    if not toks or len(toks) > MAX_SPEAKER_TOKENS:
        return False
    if any(t.pos_ in ("VERB", "AUX") or t.ent_type_ in ("DATE", "TIME", "CARDINAL") for t in toks):
        return False
    if any(t.is_punct and t.text not in (",", "-", ".", "'s") for t in toks):
        return False
    if toks[-1].lower_ in NOT_SPEAKERS or any(t.is_space for t in toks):
        return False
    if len(toks) == 1 and toks[0].lower_ in SPEAKER_PRONOUNS:
        return True
    if any(t.ent_type_ in ("PERSON", "ORG") for t in toks):
        return True
    lex = ctx.lex
    if any(t.lower_ in lex.titles for t in toks):  # "Mayor Ana Ruiz"
        return True
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    if nouns and nouns[-1].lemma_.lower() in lex.speaker_nouns:
        return True
    # a name the tagger did not type: two or more proper nouns that are not a place
    placed = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in toks)
    return sum(t.pos_ == "PROPN" for t in toks) >= 2 and not placed


def _line_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _first_mark(doc: Doc, positions: range) -> int | None:
    """The first quote mark or line break at these positions."""
    return next((j for j in positions if doc[j].text in QUOTE_MARKS or _line_break(doc[j])), None)


def _speaker_before(colon: Token, sent: Span) -> tuple[int, int] | None:
    """Tokens from the start of the line (or of the sentence) to the colon."""
    doc = colon.doc
    k = colon.i - 1
    while k >= sent.start and not (
        doc[k].text in SENTENCE_ENDS or doc[k].text in QUOTE_MARKS or _line_break(doc[k])
    ):
        k -= 1
    start = k + 1
    while start < colon.i and doc[start].is_space:
        start += 1
    return (start, colon.i) if start < colon.i else None


def _content_after(mark: Token, sent: Span) -> tuple[int, int] | None:
    """What follows the mark: the quotation it opens, or the rest of the line."""
    doc = mark.doc
    k = mark.i + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    if k >= len(doc) or doc[k].is_space:
        return None
    if doc[k].text in QUOTE_MARKS:
        close = _first_mark(doc, range(k + 1, len(doc)))
        return k + 1, close if close is not None else len(doc)
    end = next((j for j in range(k, len(doc)) if "\n" in doc[j].text), len(doc))
    return k, max(end, min(sent.end, end))


def _quote_before(mark: Token) -> tuple[int, int] | None:
    """The quotation a dash closes: '"We will not retreat," ― General Oleg Petrenko'."""
    doc = mark.doc
    k = mark.i - 1
    while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
        k -= 1
    if k < 0 or doc[k].text not in QUOTE_MARKS:
        return None
    opening = _first_mark(doc, range(k - 1, -1, -1))
    if opening is None or doc[opening].text not in QUOTE_MARKS or opening + 1 >= k:
        return None
    return opening + 1, k


def _speaker_after(dash: Token) -> tuple[int, int] | None:
    """Tokens from the dash to the end of the line or sentence."""
    doc = dash.doc
    start = dash.i + 1
    while start < len(doc) and doc[start].is_space and "\n" not in doc[start].text:
        start += 1
    end = start
    while end < len(doc) and not (
        doc[end].text in SENTENCE_ENDS or doc[end].text in ("(", "[") or _line_break(doc[end])
    ):
        end += 1
    return (start, end) if end > start else None


def mark_claims(ctx: ClaimContext, sent: Span, quoted: Callable[[int], bool]) -> list[Claim]:
    """Claims cued by a colon after a speaker or a dash before one; `quoted` tells a char offset inside a
    quotation (a colon inside a quote is the quoted speaker's)."""
    doc, out = ctx.doc, []
    taken = {c.cue_span.start for c in ctx.claims if c.cue_span}
    for tok in sent:
        if quoted(tok.idx) or tok.idx in taken:
            continue
        if tok.text == ":":
            speaker = _speaker_before(tok, sent)
            content = _content_after(tok, sent)
        elif tok.text in DASHES and tok.i > 0 and not tok.nbor(-1).is_alpha:
            content = _quote_before(tok)
            speaker = _speaker_after(tok) if content else None
        else:
            continue
        if speaker is None or content is None:
            continue
        toks = list(doc[speaker[0] : speaker[1]])
        while toks and toks[-1].is_punct:
            toks.pop()
        if not _looks_like_speaker(toks, ctx):
            continue
        bounds = (toks[0].i, toks[-1].i + 1)
        root = doc[bounds[0] : bounds[1]].root
        claim = make_claim(ctx, root, (tok.i, tok.i + 1), "asserted", token_span(doc, *content), bounds)
        claim.cue, claim.cue_span = tok.text, TextSpan(tok.idx, tok.idx + len(tok), tok.text)
        out.append(claim)
    return out
