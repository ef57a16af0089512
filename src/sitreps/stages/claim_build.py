"""Building a `Claim` from parse tokens: the claimant's spans and type, pronoun resolution, content spans.

Shared by the attribution readers (speech verbs in attribution.py, the long tail in claim_tail.py and
punctuation cues in claim_marks.py), so that every reader makes claims the same way; the looser complement
a speaker's long-tail cue may take ("thinks about the war"); and the nested claims that a sentence's outer
claim reports, dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sitreps.model import ActorMention, Article, Claim, TextSpan
from sitreps.stages.actors import country_code_of, get_actor_dictionary
from sitreps.stages.claim_cues import CueLexicon, TailCue
from sitreps.stages.claim_sources import (
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    claimant_np,
    claimant_tokens,
    claimant_type,
    clip,
    doc_text,
    is_speaker,
    token_span,
)

RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
DISPUTES = frozenset({"denied", "disputed"})


def subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def open_quote_start(doc: Doc, text: str, span: TextSpan, sent: Span) -> TextSpan:
    """Extend a content span back to a quote opened in an earlier sentence ('"A. B," he said')."""
    before = text[: sent.start_char]
    straight = (before.count('"') + before.count("''")) % 2 == 1  # "''": a straight quote in some feeds
    curly = before.count("“") > before.count("”")
    if not (straight or curly):
        return span
    start = max(before.rfind('"') + 1, before.rfind("“") + 1, before.rfind("''") + 2 if "''" in before else 0)
    return TextSpan(start, span.end, text[start : span.end])


def content_of_verb(verb: Token) -> tuple[int, int] | None:
    """Tokens of what a speech verb reports: its clausal complements, else its object."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    clauses = [c for c in clauses if not (c.dep_ == "xcomp" and c.i > verb.i and c.left_edge.lower_ == "to")]
    if clauses:
        starts, ends = zip(*(subtree(c) for c in clauses), strict=True)
        # "He said Russia had bombed X, killing Y": the participle often hangs off the speech verb
        tails = [c.right_edge.i + 1 for c in verb.children if c.dep_ == "advcl" and c.i >= max(ends)]
        return min(starts), max([*ends, *tails])
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if objs:
        return subtree(objs[0])
    # post-posed attribution: '..., a monitoring group reported.' parsed with the cue under the main clause
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        start, _ = subtree(verb.head)
        return start, verb.left_edge.i
    return None


# --------------------------------------------------------------------------- claimant typing


@dataclass
class ClaimContext:
    doc: Doc
    article: Article
    actors: list[ActorMention]
    lex: CueLexicon
    sent_index: dict[int, int]
    claims: list[Claim]


def make_claim(
    ctx: ClaimContext,
    claimant_tok: Token,
    cue: tuple[int, int],
    stance: str,
    content: TextSpan | None,
    bounds: tuple[int, int] | None = None,
    cue_text: str = "",
) -> Claim:
    doc, lex = ctx.doc, ctx.lex
    start, end = bounds or claimant_tokens(claimant_tok)
    name_span = token_span(doc, start, end) or token_span(doc, claimant_tok.i, claimant_tok.i + 1)
    claimant_span = name_span
    if bounds is None:  # the span is the full phrase; the claimant's name leaves out clauses about it
        claimant_span = token_span(doc, *claimant_np(claimant_tok)) or name_span
    sentence = ctx.sent_index[claimant_tok.sent.start]
    cue_span = token_span(doc, *cue)
    if content and claimant_span and content.start < claimant_span.start < content.end:
        # the parser hung the claimant inside the content ("..., killing seven, the Observatory said")
        kept = ctx.article.text[content.start : claimant_span.start].rstrip(' ,;:-\n"”')
        content = TextSpan(content.start, content.start + len(kept), kept)
    claim = Claim(
        claimant=name_span.text if name_span else claimant_tok.text,
        cue=cue_text or (cue_span.text if cue_span else ""),
        stance=stance,  # type: ignore[arg-type]
        claimant_span=claimant_span,
        cue_span=cue_span,
        sentence=sentence,
        outlet=ctx.article.outlet,
        content_span=content,
    )
    if claimant_tok.lower_ in PERSON_PRONOUNS | THING_PRONOUNS:
        return resolve_pronoun(ctx, claim, claimant_tok.lower_)
    if claimant_tok.lower_ in RELATIVE_PRONOUNS and claimant_tok.head.dep_ == "relcl":
        # "Mr Smith, who said ...": the span stays "who" (as PolNeAR marks it), the claimant is Mr Smith
        claimant_tok = claimant_tok.head.head
        start, end = claimant_tokens(claimant_tok)
        claim.claimant = doc[start:end].text
    inside = [
        a for a in ctx.actors if claimant_span and claimant_span.start <= a.span.start < claimant_span.end
    ]
    actor = inside[0] if inside else None
    claim.claimant_type = claimant_type(doc[start:end], claimant_tok, actor, lex)
    country = get_actor_dictionary().countries.get(country_code_of(claim.claimant.removeprefix("the ")))
    if actor is not None:
        claim.claimant_actor = actor.actor.name
    elif country is not None:  # "a US claim": the state itself
        claim.claimant_actor = country.actor("government").name
    elif claim.claimant_type in ("person", "state") and any(
        t.lower_ in lex.state_titles for t in doc[start:end]
    ):
        # "spokesman General Igor Konashenkov": speaks for the state quoted last
        earlier = [c for c in reversed(ctx.claims) if c.claimant_type == "state" and c.claimant_actor]
        if earlier:
            claim.claimant_actor = earlier[0].claimant_actor
    return claim


def sourceless_claim(
    ctx: ClaimContext, cue: TextSpan | None, stance: str, anchor: Token, content: TextSpan | None
) -> Claim:
    """A claim with a cue and no source named (PolNeAR's source-less attribution): "it was reported",
    "the plan has faced criticism", "it is unclear whether"; `anchor` is a token of its sentence."""
    return Claim(claimant="", cue=cue.text if cue else anchor.text, stance=stance,  # type: ignore[arg-type]
                 cue_span=cue, sentence=ctx.sent_index[anchor.sent.start], claimant_type="unknown",
                 outlet=ctx.article.outlet, content_span=content)  # fmt: skip


def resolve_pronoun(ctx: ClaimContext, claim: Claim, pronoun: str) -> Claim:
    """He/she: the last person quoted; it/they: the last organisation, monitor, state or outlet."""
    wanted = {"person"} if pronoun in PERSON_PRONOUNS else {"monitor", "state", "organisation", "media"}
    for earlier in reversed(ctx.claims):
        if earlier.claimant_type in wanted and earlier.sentence <= claim.sentence:
            return replace(
                claim,
                claimant=earlier.claimant,
                claimant_type=earlier.claimant_type,
                claimant_actor=earlier.claimant_actor,
            )
    if pronoun in PERSON_PRONOUNS:  # a person named earlier but not yet quoted
        people = [e for e in ctx.doc.ents if e.label_ == "PERSON" and e.end_char <= claim.claimant_span.start]
        if people:
            return replace(claim, claimant=people[-1].text, claimant_type="person")
    claim.claimant_type = "unknown"
    return claim


def nested_noun_claim(ctx: ClaimContext, noun: Token, stance: str) -> Claim | None:
    """A claim carried by a noun a cue verb disputes: "denied a US claim that ...", "Moscow's claim",
    "declined to confirm the claim by a US official"."""
    doc = ctx.doc
    claimant = None
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG")
        ):
            claimant = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            claimant = next((c for c in child.children if c.dep_ == "pobj"), claimant)
    if claimant is None:
        return None
    content = None
    nxt = noun.i + 1
    if nxt < len(doc) and doc[nxt].lower_ == "that":
        # the that-clause may hang off the noun or, misparsed, off the governing verb: take both
        ends = [doc[nxt].head.right_edge.i]
        ends += [c.right_edge.i for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
        content = token_span(doc, *clip(doc, nxt, max(ends) + 1, nxt))
    else:  # "the claim by a US official": the last claim made earlier
        earlier = [c for c in reversed(ctx.claims) if c.stance == "claimed" and c.content_span]
        content = earlier[0].content_span if earlier else None
    return make_claim(ctx, claimant, (noun.i, noun.i + 1), stance, content)


def _reports(outer: Claim, inner: Claim) -> bool:
    """Whether `inner`'s cue lies in what `outer` reports."""
    content, cue = outer.content_span, inner.cue_span
    return outer is not inner and content is not None and cue is not None and (
        content.start <= cue.start and cue.end <= content.end
    )


def _speech_cue(ctx: ClaimContext, claim: Claim) -> bool:
    """Whether a claim's cue is a speech verb of the lexicon ("said", "has told"), not a tail cue."""
    cue = claim.cue_span
    span = ctx.doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue else None
    if span is None or span.root.pos_ not in ("VERB", "AUX"):
        return False
    return span.root.lemma_.lower() in ctx.lex.verbs


def _cue_root(ctx: ClaimContext, claim: Claim) -> Token | None:
    cue = claim.cue_span
    span = ctx.doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue else None
    return span.root if span is not None else None


def drop_nested(ctx: ClaimContext, sent: Span) -> None:
    """A cue inside what another claim of the sentence reports is nested ("he said aides fear that ..."):
    PolNeAR, like the quoted speech the stage skips, annotates only the outer attribution, except speech
    reported before its outer cue or under a non-speech cue (see `nests`); a view in the clause another cue
    governs is nested whatever content span that cue was given. Two claims that
    each hold the other's cue (a misparse) are both kept, and so is a dispute ("denied that rebels said ...",
    "a claim denied by X"): who contests what is what the event database must show."""
    here = [c for c in ctx.claims if c.cue_span and sent.start_char <= c.cue_span.start < sent.end_char]
    if len(here) < 2:
        return  # a claim never nests in itself: no cue needs to be read
    speech = {id(c): _speech_cue(ctx, c) for c in here}
    roots = {id(c): _cue_root(ctx, c) for c in here}

    def sibling(outer: Claim, inner: Claim) -> bool:
        """ "X said ..., adding that ...": a speech verb on the outer cue itself is the speaker's next say."""
        o, i = roots[id(outer)], roots[id(inner)]
        return o is not None and i is not None and i.head == o and i.dep_ in ("advcl", "conj")

    def in_clause(outer: Claim, inner: Claim) -> bool:
        """A view inside the clause another cue reports ("he said aides fear ...", "aides fear the governor
        wants ..."), or in a phrase of a speech verb, whatever span the outer claim's content was given."""
        o, i = roots[id(outer)], roots[id(inner)]
        if o is None or i is None or i.i < o.i or speech[id(inner)]:
            return False
        while i.head != i and i.head != o:
            i = i.head
        # a view in a phrase or aside hanging off a speech verb ("said in a speech aimed at the troops that
        # ...") is part of the saying, as in its clause
        return i.head == o and (i.dep_ == "ccomp" or i.dep_ in ("prep", "parataxis") and speech[id(outer)])

    def nests(outer: Claim, inner: Claim) -> bool:
        undisputed = DISPUTES.isdisjoint({inner.stance, outer.stance})
        if undisputed and outer is not inner and in_clause(outer, inner):
            return True
        if not (undisputed and _reports(outer, inner) and not _reports(inner, outer)):
            return False
        # a speech verb stays when the outer attribution comes after it ('X said ..., aides told
        # reporters') or is a belief, plan or view holding a report ("Democrats fear he said ...")
        before = inner.cue_span.start < outer.cue_span.start  # type: ignore[union-attr]
        if before and not speech[id(outer)] and inner.claimant_span is not None:
            return False  # "Trump wants a wall, aides fear": a view before a later view is its own
        return not (speech[id(inner)] and (before or not speech[id(outer)] or sibling(outer, inner)))

    nested = [c for c in here if any(nests(o, c) for o in here)]
    for claim in nested:
        ctx.claims.remove(claim)


def unverified_claims(ctx: ClaimContext, sent: Span) -> list[Claim]:
    """ "The claims could not be independently verified": the last claim's content, unconfirmed."""
    low = doc_text(ctx.doc)[sent.start_char : sent.end_char].lower()
    out = []
    for phrase in ctx.lex.unverified:
        at = low.find(phrase)
        if at < 0:
            continue
        start = sent.start_char + at
        cue = TextSpan(start, start + len(phrase), ctx.article.text[start : start + len(phrase)])
        earlier = [
            c for c in reversed(ctx.claims) if c.content_span and c.sentence <= ctx.sent_index[sent.start]
        ]
        content = earlier[0].content_span if earlier and phrase != "unconfirmed reports" else None
        if phrase == "unconfirmed reports":
            content = token_span(
                ctx.doc, ctx.doc.char_span(start, start + len(phrase), "expand").end, sent.end
            )
        claim = sourceless_claim(ctx, cue, "unconfirmed", sent[0], content)
        claim.claimant = phrase if phrase == "unconfirmed reports" else ""
        out.append(claim)
        break
    return out


_LOOSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl"})
_TOPIC_PREPS = frozenset({"about", "on", "over", "against", "in", "of"})


def _topic(tok: Token) -> bool:
    """ "about the war", not "on Tuesday" or "in Ohio": when and where say nothing of a view."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return tok.dep_ == "prep" and tok.lower_ in _TOPIC_PREPS and obj is not None and obj.ent_type_ not in (
        "DATE", "TIME", "GPE", "LOC", "FAC"
    )


def _channel(prep: Token, lex: CueLexicon) -> bool:
    """ "in a tweet", "in his speech": where something was said, not what it is about."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ == "in" and obj is not None and obj.lemma_.lower() in lex.channels


def loose_complement(ctx: ClaimContext, verb: Token, cue: TailCue) -> tuple[int, int] | None:
    """A clause-level tail cue whose speaking subject says it in a form its class does not list ("the senator
    thinks about the war", "they spoke out against ..."): PolNeAR marks these too. Not for cues
    that only attribute with certain objects or targets ("released the prisoners" says nothing)."""
    if cue.objects or cue.target or not cue.loose or verb.dep_ not in _LOOSE_DEPS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_speaker(subject, ctx.lex):
        return None
    # a clause, a topic ("thinks about the war") or, from a speaker, an object ("Trump called Clinton a
    # liar", "residents fear reprisals"); not what is seen, found or met ("police found the bodies")
    seen = verb.lemma_.lower() in ctx.lex.object_not_view
    deps = ("ccomp", "xcomp") if seen else ("ccomp", "xcomp", "dobj")
    held = next(
        (c for c in verb.children if c.dep_ in deps or (_topic(c) and not _channel(c, ctx.lex))), None
    )
    return (held.left_edge.i, held.right_edge.i + 1) if held is not None else None
