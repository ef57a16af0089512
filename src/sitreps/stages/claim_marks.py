"""Cues that are no speech verb with its speaker: punctuation, polls, impersonal and perception phrases.

Punctuation: a colon or a dash that introduces or closes a quotation (PARC marks the mark itself).

- Colon after a speaker: 'Mayor Ana Ruiz: "We will rebuild"', a headline's "Clinton: Trump is unfit", a
  transcript's "TRUMP: ..." (also inside a quotation); after a verb with a speaking subject ("Clinton
  continued: ...") the verb and the colon are the cue.
- Dash before a speaker on a quote line: '"We will not retreat," ― General Oleg Petrenko', also when the
  tokenizer glued the dash to the closing quote.

The speaker must look like one (a person's name, a pronoun, a group, a noun for people): a dateline
("BEIRUT:"), a label ("UPDATE:", "Photo:") or a clause ("He added:", read with its verb) is not.

Phrases: a poll as the source of what it finds ("in the latest poll"), impersonal evaluations ("it is
unclear whether"), perceptions ("the campaign can appear disorganized") and hearsay adverbs ("the
commander was reportedly killed"), the last three with no source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from sitreps.model import Claim, TextSpan
from sitreps.stages.claim_build import ClaimContext, make_claim, sourceless_claim, subtree
from sitreps.stages.claim_cues import verb_group
from sitreps.stages.claim_sources import (
    SPEAKER_PRONOUNS,
    can_hold_content,
    claimant_tokens,
    clip,
    is_speaker,
    token_span,
)

QUOTE_MARKS = frozenset({'"', "“", "”", "''"})  # "''": two apostrophes as a straight quote
DASHES = frozenset({"—", "―", "–", "--", "-"})
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
# Labels before a colon that name no speaker
NOT_SPEAKERS = frozenset({
    "source", "sources", "photo", "photos", "note", "update", "editor", "credit", "video", "watch", "read",
    "related", "file", "caption", "image", "map", "graphic", "breaking", "exclusive", "warning", "live",
    "analysis", "opinion", "correction", "clarification", "transcript",
})  # fmt: skip
MAX_SPEAKER_TOKENS = 10
PERCEIVED = frozenset({"xcomp", "acomp", "oprd", "attr", "ccomp"})  # "seems | to know", "appears | tired"


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
    if len(toks) == 1 and toks[0].pos_ == "PROPN" and toks[0].is_title and not toks[0].ent_type_:
        return True  # "Clinton: ...": a surname the tagger did not type
    if len(toks) == 1 and toks[0].is_title and _named_elsewhere(toks[0]):
        return True  # "Trump: ..." read as the noun "trump": the article names a person so
    lex = ctx.lex
    if any(t.lower_ in lex.titles for t in toks):  # "Mayor Ana Ruiz"
        return True
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    if nouns and nouns[-1].lemma_.lower() in lex.speaker_nouns:
        return True
    # a name the tagger did not type: two or more proper nouns that are not a place
    placed = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in toks)
    return sum(t.pos_ == "PROPN" for t in toks) >= 2 and not placed


def _named_elsewhere(tok: Token) -> bool:
    """Whether the article names a person with this word ("Donald Trump" for a label "Trump")."""
    return any(e.label_ == "PERSON" and tok.text in e.text.split() for e in tok.doc.ents)


def _transcript_label(toks: list[Token]) -> bool:
    """A transcript's speaker label: "TRUMP:", "MR. SANDERS:", "CHRIS WALLACE:" (capitals, not a place)."""
    words = [t for t in toks if t.is_alpha]
    return (
        0 < len(words) <= 3
        and all(t.is_upper and len(t) > 1 for t in words)
        and all(t.is_alpha or t.text == "." for t in toks)
        and not any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lower_ in NOT_SPEAKERS for t in toks)
    )


def _repeated_label(text: str, label: str) -> bool:
    """Whether "LABEL:" opens two or more lines or quotations of the text."""
    return len(re.findall(rf"(?:^|\n|[\"“])\s*{re.escape(label)}\s*:", text)) >= 2


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


def _clause_before(colon: Token, ctx: ClaimContext) -> Token | None:
    """The verb of "He continued:", "Clinton fired back:": a verb right before the colon with a speaking
    subject and no object, that no other reading took as a cue."""
    doc = colon.doc
    k = colon.i - 1
    while k >= 0 and doc[k].dep_ in ("prt", "advmod") and k > colon.i - 3:
        k -= 1
    verb = doc[k] if k >= 0 else None
    if verb is None or verb.pos_ != "VERB" or any(
        c.dep_ in ("dobj", "ccomp", "xcomp") and c.i < colon.i for c in verb.children
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaks = subject is not None and (is_speaker(subject, ctx.lex) or subject.pos_ == "PROPN")
    return verb if speaks else None


def _verb_colon_claim(ctx: ClaimContext, verb: Token, colon: Token, sent: Span) -> list[Claim]:
    read = next((c for c in ctx.claims if c.cue_span and c.cue_span.start <= verb.idx < c.cue_span.end), None)
    if read is not None:  # "He said: ...": read with the cue verb; the colon joins its cue (PolNeAR's span)
        if read.cue_span.end == verb.idx + len(verb):
            text = ctx.article.text[read.cue_span.start : colon.idx + 1]
            if read.cue == read.cue_span.text:
                read.cue = text
            read.cue_span = TextSpan(read.cue_span.start, colon.idx + 1, text)
        return []
    content = _content_after(colon, sent)
    if content is None:
        return []
    subject = next(c for c in verb.children if c.dep_ == "nsubj")
    doc = ctx.doc
    start = verb_group(verb)[0]
    claim = make_claim(ctx, subject, (start, colon.i + 1), "asserted", token_span(doc, *content))
    text = ctx.article.text[doc[start].idx : colon.idx + 1]
    claim.cue, claim.cue_span = text, TextSpan(doc[start].idx, colon.idx + 1, text)  # PolNeAR keeps the colon
    return [claim]


# '..."― General Oleg Petrenko', '”—Donald Trump': a dash the tokenizer glued to the closing quote
_GLUED_DASH = re.compile(r"""(?:[”"]|'')(―|—|–|--)(?=[A-Z])|(?:[”"]|'')\s*(―|—|–|--)(?=\s*[A-Z])""")
_SPEAKER_LINE = re.compile(r"\s*([^\n.!?;(\[]{2,80})")


def _glued_dash_claims(ctx: ClaimContext, sent: Span, quoted: Callable[[int], bool]) -> list[Claim]:
    """A dash before a speaker that shares a token with the closing quote (no token of its own)."""
    doc, text, out = ctx.doc, ctx.article.text, []
    for hit in _GLUED_DASH.finditer(text, sent.start_char, sent.end_char):
        group = 1 if hit.group(1) else 2
        a, b = hit.span(group)
        if any(t.idx == a and len(t) == b - a for t in doc[sent.start : sent.end]) or not quoted(hit.start()):
            continue  # a dash token of its own is read by mark_claims; the mark before must close a quote
        line = _SPEAKER_LINE.match(text, b)
        apostrophes = text.rfind("''", 0, hit.start())  # its last character stands for the mark
        opening = max(text.rfind("“", 0, hit.start()), text.rfind('"', 0, hit.start()))
        opening = max(opening, apostrophes + 1 if apostrophes >= 0 else -1)
        if line is None or opening < 0 or "\n" in text[opening : hit.start()]:
            continue
        name = line.group(1).rstrip(" ,")
        s0 = line.start(1)
        span = doc.char_span(s0, s0 + len(name), alignment_mode="expand")
        if span is None or len(name.split()) > 8 or any(t.pos_ in ("VERB", "AUX") for t in span[1:]):
            continue
        content = TextSpan(opening + 1, hit.start(), text[opening + 1 : hit.start()])
        bounds = (span.start, span.end)
        claim = make_claim(ctx, span.root, bounds, "asserted", content, bounds)
        claim.cue, claim.cue_span = text[a:b], TextSpan(a, b, text[a:b])
        claim.claimant, claim.claimant_span = name, TextSpan(s0, s0 + len(name), name)
        out.append(claim)
    return out


def mark_claims(
    ctx: ClaimContext, sent: Span, quoted: Callable[[int], bool], marks: Iterable[Token] | None = None
) -> list[Claim]:
    """Claims cued by a colon after a speaker or a dash before one; `quoted` tells a char offset inside a
    quotation (a colon inside a quote is the quoted speaker's); `marks`, when given, are the sentence's
    colon and dash tokens (found by the caller's scan; else every token is looked at)."""
    doc, out = ctx.doc, []
    marks = sent if marks is None else marks
    # the cue offsets read already (only where there is a mark to read)
    taken = {c.cue_span.start for c in ctx.claims if c.cue_span} if marks else set()
    for tok in marks:
        inside = quoted(tok.idx)
        if tok.idx in taken or (inside and tok.text != ":"):
            continue
        if tok.text == ":":
            verb = None if inside else _clause_before(tok, ctx)
            if verb is not None:  # "Trump continued: ...": the verb and its colon are the cue
                out += _verb_colon_claim(ctx, verb, tok, sent)
                continue
            speaker = _speaker_before(tok, sent)
            content = _content_after(tok, sent)
        elif tok.text in DASHES and tok.i > 0 and not tok.nbor(-1).is_alpha:
            content = _quote_before(tok)
            speaker = _speaker_after(tok) if content else None
        elif tok.text in DASHES and tok.i + 1 < len(doc) and tok.nbor(1).text in QUOTE_MARKS:
            # 'Senator Ana Ruiz -- "We will rebuild"': a speaker, a dash, then the quotation
            speaker = _speaker_before(tok, sent)
            content = _content_after(tok, sent) if speaker else None
        else:
            continue
        if speaker is None or content is None:
            continue
        toks = list(doc[speaker[0] : speaker[1]])
        while toks and toks[-1].is_punct:
            toks.pop()
        # a transcript names its speakers again and again, a dateline ("BEIRUT:") once; inside a quotation
        # only a transcript's label is a speaker (any other colon is the quoted speaker's)
        label = tok.text == ":" and _transcript_label(toks)
        transcript = label and (inside or _repeated_label(ctx.article.text, " ".join(t.text for t in toks)))
        if not transcript and (inside or not _looks_like_speaker(toks, ctx)):
            continue
        bounds = (toks[0].i, toks[-1].i + 1)
        root = doc[bounds[0] : bounds[1]].root
        claim = make_claim(ctx, root, (tok.i, tok.i + 1), "asserted", token_span(doc, *content), bounds)
        claim.cue, claim.cue_span = tok.text, TextSpan(tok.idx, tok.idx + len(tok), tok.text)
        out.append(claim)
    return out + _glued_dash_claims(ctx, sent, quoted)


# --------------------------------------------------------------------------- phrase cues


def poll_claims(ctx: ClaimContext, prep: Token) -> list[Claim]:
    """ "Clinton leads Trump in the latest poll", "In a new survey, 40 percent ...", "By some estimates,
    300,000 people have died", "by the UN's count": the poll or the estimate is the source, the preposition
    the cue, the clause outside the phrase what it says."""
    if prep.dep_ != "prep" and not (prep.dep_ == "agent" and prep.lower_ == "by"):  # "killed, by one count"
        return []
    sources = {"in": ctx.lex.poll_sources, "by": ctx.lex.estimates}.get(prep.lower_)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if sources is None or pobj is None or pobj.lemma_.lower() not in sources:
        return []
    sent, doc = prep.sent, ctx.doc
    start, end = prep.left_edge.i, prep.right_edge.i + 1
    toks = (end, sent.end) if start <= sent.start + 1 else (sent.start, start)
    content = token_span(doc, *clip(doc, *toks, prep.i))
    return [make_claim(ctx, pobj, (prep.i, prep.i + 1), "asserted", content, claimant_tokens(pobj))]


def impersonal_claims(ctx: ClaimContext, adj: Token) -> list[Claim]:
    """ "It is unclear whether the talks will resume": an evaluation whose holder is not named."""
    doc = ctx.doc
    copula = adj.head
    # "it is clear that ..." states it, "it is unclear whether ..." leaves it open
    stance = "unconfirmed" if adj.lower_.startswith("un") else "claimed"
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "expl")), None)
    if adj.dep_ != "acomp" or subject is None:
        return []
    if subject.lower_ == "what" and copula.dep_ == "csubj":
        # "what is clear is that ...": the clause of the outer copula is what is clear
        clause = next((c for c in copula.head.children if c.dep_ == "ccomp" and c.i > adj.i), None)
        if clause is None:
            return []
        cue = token_span(doc, subject.i, copula.head.i + 1)
        return [sourceless_claim(ctx, cue, stance, adj, token_span(doc, *clip(doc, *subtree(clause), adj.i)))]
    if subject.lower_ != "it":
        return []
    clause = next((c for c in [*adj.children, *copula.children] if c.dep_ == "ccomp" and c.i > adj.i), None)
    if clause is None:
        return []
    cue = token_span(doc, min(subject.i, verb_group(copula)[0]), adj.i + 1)  # PolNeAR's cue: "it is unclear"
    content = token_span(doc, *clip(doc, *subtree(clause), adj.i))
    return [sourceless_claim(ctx, cue, stance, adj, content)]


def perception_claims(ctx: ClaimContext, verb: Token) -> list[Claim]:
    """ "Trump seems to think ...", "The campaign can appear disorganized", "it looks like a rout": a
    perception with no holder named (the subject is what is perceived); the complement is the content."""
    doc = ctx.doc
    lex = ctx.lex
    if verb.tag_ == "VBD" and verb.dep_ == "ROOT":
        return []  # "The crowd seemed restless": the narrative's own description, no view held now
    held = [c for c in verb.children if c.i > verb.i and (c.dep_ in PERCEIVED or c.lower_ == "like")]
    if not held or any(c.dep_ == "xcomp" and (c.lemma_.lower() in lex.tail or c.lemma_.lower() in lex.verbs)
                       for c in held):  # fmt: skip
        return []  # "seems to think": the cue verb under it reads the claim, with its subject
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > verb.i or subject.lower_ == "it" or not can_hold_content(subject, lex):
        return []  # "it seems that", "the strikes appear to have hit": no one's view of anyone
    content = token_span(doc, *clip(doc, held[0].left_edge.i, max(c.right_edge.i for c in held) + 1, verb.i))
    return [sourceless_claim(ctx, token_span(doc, *verb_group(verb)), "claimed", verb, content)]


def hearsay_claims(ctx: ClaimContext, adv: Token) -> list[Claim]:
    """ "The commander was reportedly killed", "militants allegedly shelled the town": the adverb is the cue
    of a claim whose source is not named; what the clause it qualifies says, without it, is the content."""
    stance = ctx.lex.hearsay.get(adv.lower_)
    clause = adv.head
    if stance is None or adv.dep_ != "advmod" or clause.pos_ not in ("VERB", "AUX"):
        return []
    lemma = clause.lemma_.lower()
    if lemma in ctx.lex.verbs or lemma in ctx.lex.tail or lemma in ctx.lex.perception:
        return []  # "reportedly told aides": the adverb joins the speech verb's cue
    start, end = subtree(clause)
    if adv.i == start:  # "Reportedly, ...": the rest of the clause
        start = adv.i + 1
    content = token_span(ctx.doc, *clip(ctx.doc, start, end, adv.i))
    return [sourceless_claim(ctx, token_span(ctx.doc, adv.i, adv.i + 1), stance, adv, content)]
