"""The `attribution` stage: who says so, and how firmly.

Reads reported speech off the dependency parse: a speech verb from the cue lexicon with its subject
(the claimant) and its clausal complement or quote (the content); "according to X" and "citing X" with
the clause they qualify; any other verb with a clausal complement and a speaking subject ("aides fear
that ..."); passive cues ("it was reported", "denied by X", "quoted as saying"); claim nouns ("a US claim
that ...") nested under denials; and refusals to confirm. Pronoun claimants resolve to the last
compatible claimant by recency.

Spans follow the attribution corpora (PARC, PolNeAR): the cue span is the verb group ("has repeatedly
said", "did not say", "called for"), the claimant span the full noun phrase with its appositions and
relative clauses; speech inside a quotation, and speech nested in what someone says, belong to the
quoted speaker and are not read. Cue words live in claim_cues.py and data/attribution_cues.yaml, the
claimant's phrase and type in claim_sources.py.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sitreps.model import ActorMention, Article, Claim, TextSpan
from sitreps.stages.actors import country_code_of, get_actor_dictionary
from sitreps.stages.claim_cues import (
    CueLexicon,
    cue_extent,
    cue_phrase_end,
    get_cue_lexicon,
    outlet_from_text,
    quoted_regions,
)
from sitreps.stages.claim_sources import (
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    claimant_np,
    claimant_tokens,
    claimant_type,
    clip,
    inherited_subject,
    is_speaker,
    misparsed_subject,
    token_span,
)

__all__ = ["find_claims", "get_cue_lexicon", "outlet_from_text"]

QUOTES = '"“”'
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _open_quote_start(doc: Doc, text: str, span: TextSpan, sent: Span) -> TextSpan:
    """Extend a content span back to a quote opened in an earlier sentence ('"A. B," he said')."""
    before = text[: sent.start_char]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    if not (straight or curly):
        return span
    start = max(before.rfind('"'), before.rfind("“")) + 1
    return TextSpan(start, span.end, text[start : span.end])


def _content_of_verb(verb: Token) -> tuple[int, int] | None:
    """Tokens of what a speech verb reports: its clausal complements, else its object."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    clauses = [c for c in clauses if not (c.dep_ == "xcomp" and c.i > verb.i and c.left_edge.lower_ == "to")]
    if clauses:
        starts, ends = zip(*(_subtree(c) for c in clauses), strict=True)
        # "He said Russia had bombed X, killing Y": the participle often hangs off the speech verb
        tails = [c.right_edge.i + 1 for c in verb.children if c.dep_ == "advcl" and c.i >= max(ends)]
        return min(starts), max([*ends, *tails])
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if objs:
        return _subtree(objs[0])
    # post-posed attribution: '..., a monitoring group reported.' parsed with the cue under the main clause
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        start, _ = _subtree(verb.head)
        return start, verb.left_edge.i
    return None


# --------------------------------------------------------------------------- claimant typing


@dataclass
class _Context:
    doc: Doc
    article: Article
    actors: list[ActorMention]
    lex: CueLexicon
    sent_index: dict[int, int]
    claims: list[Claim]


def _make_claim(
    ctx: _Context,
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
        return _resolve_pronoun(ctx, claim, claimant_tok.lower_)
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


def _resolve_pronoun(ctx: _Context, claim: Claim, pronoun: str) -> Claim:
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


# --------------------------------------------------------------------------- cues


def _noun_claims(ctx: _Context, noun: Token, stance: str) -> Claim | None:
    """A claim carried by a noun: "a US claim that ...", "Moscow's claim", "the claim by a US official"."""
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
    return _make_claim(ctx, claimant, (noun.i, noun.i + 1), stance, content)


def _passive_claims(
    ctx: _Context, verb: Token, passive: Token, stance: str, cue: tuple[int, int]
) -> list[Claim]:
    """A passive cue: "it was reported that ...", "was denied by Moscow", "X was quoted as saying".

    The agent of "by" is the claimant; the subject of "quoted (as saying)" is; otherwise the claim has a
    cue and no claimant (PolNeAR's source-less attributions)."""
    doc = ctx.doc
    toks = _content_of_verb(verb)
    content = token_span(doc, *clip(doc, *toks, verb.i)) if toks is not None and toks != cue else None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    claimant = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if claimant is None and verb.lemma_.lower() == "quote":
        claimant = passive
        saying = next((c for c in verb.children if c.dep_ in ("advcl", "prep") and c.lower_ == "as"), None)
        if saying is not None:  # "was quoted as saying": one cue, what is said under "saying"
            said = next((c for c in saying.subtree if c.lemma_.lower() == "say"), None)
            cue = (cue[0], max(cue[1], (said.i if said is not None else saying.i) + 1))
            if said is not None:
                content = content or _clause_span(doc, said)
    if claimant is not None:
        return [_make_claim(ctx, claimant, cue, stance, content)]
    if stance == "unconfirmed":
        return []  # "could not be confirmed": read by the unverified phrases, which know what it refers to
    cue_span = token_span(doc, *cue)
    sentence = ctx.sent_index[verb.sent.start]
    return [Claim(claimant="", cue=cue_span.text if cue_span else verb.text, stance=stance,  # type: ignore[arg-type]
                  cue_span=cue_span, sentence=sentence, claimant_type="unknown", outlet=ctx.article.outlet,
                  content_span=content)]  # fmt: skip


def _clause_span(doc: Doc, verb: Token) -> TextSpan | None:
    toks = _content_of_verb(verb)
    return token_span(doc, *clip(doc, *toks, verb.i)) if toks is not None else None


def _general_claims(ctx: _Context, verb: Token) -> list[Claim]:
    """Any verb with a clausal complement and a speaking subject: "Trump thinks the polls are rigged"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma in ctx.lex.not_attribution:
        return []
    if not any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and c.i > verb.i for c in verb.children):
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_speaker(subject, ctx.lex):
        return []
    return _verb_claims(ctx, verb, "asserted")


def _verb_claims(ctx: _Context, verb: Token, stance: str = "") -> list[Claim]:
    doc, lex, text = ctx.doc, ctx.lex, ctx.article.text
    lemma = verb.lemma_.lower()
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    cue_start, cue_end = cue_extent(verb, lex)
    if verb.dep_ == "ccomp" and lex.verbs.get(verb.head.lemma_.lower()) == "asserted":
        return []  # speech reported inside what someone says ("he said she told him") is theirs to tell
    stance = lex.verbs.get(lemma, stance)
    negated = any(c.dep_ == "neg" for c in verb.children)
    content_verb = verb
    if lemma in lex.refusal:  # "declined to confirm"
        xcomp = next(
            (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in lex.verification), None
        )
        if xcomp is None:
            return []
        stance, content_verb, cue_end = "unconfirmed", xcomp, xcomp.i + 1
    elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.refusal:
        return []  # read from the refusal verb: "declined to confirm"
    elif lemma in lex.verification and negated:
        stance = "unconfirmed"
    elif not stance:
        return []
    elif negated:  # "did not say whether": the speaker leaves it open
        stance = "unconfirmed"
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None and passive is not None:
        return _passive_claims(ctx, verb, passive, stance, (cue_start, cue_end))
    if subject is None:
        # "..., a claim denied by Ukraine's military": a participle's "by" agent is who says so
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is None:
        subject = inherited_subject(verb)
    bounds = None
    if subject is None:
        bounds = misparsed_subject(verb)
        if bounds is None:
            return []
        segment = doc[bounds[0] : bounds[1]]
        subject = segment.root
    subject = _past_dateline(doc, subject, verb)
    out: list[Claim] = []
    content = None
    obj = next((c for c in content_verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() in lex.nouns:
        nested = _noun_claims(ctx, obj, lex.nouns[obj.lemma_.lower()])
        if nested is not None:
            out.append(nested)
            ctx.claims.append(nested)
            content = nested.content_span
    if content is None:
        toks = _content_of_verb(content_verb)
        if toks is not None and toks != (cue_start, cue_end):
            content = token_span(doc, *clip(doc, *toks, verb.i))
    if content is None and verb.i > verb.sent.start and doc[verb.sent.start].text in QUOTES:
        content = token_span(doc, verb.sent.start, subject.left_edge.i if subject.i < verb.i else verb.i)
    if content is not None:
        content = _open_quote_start(doc, text, content, verb.sent)
    phrase = token_span(doc, cue_start, cue_phrase_end(verb, lex, cue_end))
    cue_text = phrase.text if phrase else ""
    out.append(_make_claim(ctx, subject, (cue_start, cue_end), stance, content, bounds, cue_text))
    return out


_DATELINE_END = re.compile(
    r"^[^\n]{0,80}?\((?:AFP|AP|Reuters|dpa|ANI|IANS|UPI|Xinhua)\)\s*(?:-|--|\u2013|\u2014|:)\s"
)


def _past_dateline(doc, subject: Token, verb: Token) -> Token:
    """ "KYIV, Nov 19 (AFP) - Russia's defence ministry said": the parser may take the dateline for the
    subject; the speaker is the noun phrase between the dateline and the verb."""
    sent = verb.sent
    m = _DATELINE_END.match(doc.text[sent.start_char : verb.idx])
    if m is None or subject.idx >= sent.start_char + m.end():
        return subject
    start = sent.start_char + m.end()
    chunks = [nc for nc in doc.noun_chunks if nc.start_char >= start and nc.end <= verb.i]
    return chunks[-1].root if chunks else subject


def _according_claims(ctx: _Context, tok: Token) -> list[Claim]:
    """ "according to X, ...", "..., citing X": the claimant is X, the content the clause qualified."""
    doc = ctx.doc
    if tok.lower_ in ctx.lex.according:
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        claimant = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        cue = (tok.i, tok.i + 2)
    else:
        claimant = next((c for c in tok.children if c.dep_ == "dobj"), None)
        cue = (tok.i, tok.i + 1)
    if claimant is None:
        return []
    phrase_start, phrase_end = tok.left_edge.i, tok.right_edge.i + 1
    head = tok.head
    sent = tok.sent
    spoken = _content_of_verb(head) if head.lemma_.lower() in ctx.lex.verbs and head.i != tok.i else None
    if spoken is not None and spoken[0] < phrase_start:  # "He said ..., according to X": what he said
        content = token_span(doc, spoken[0], min(spoken[1], phrase_start))
    elif phrase_start <= sent.start + 1:  # "According to X, ..." opens the sentence: the rest of it
        content = token_span(doc, phrase_end, sent.end)
    else:
        start = _subtree(head)[0] if head.i != tok.i else sent.start
        content = token_span(doc, start if start < phrase_start else sent.start, phrase_start)
    return [_make_claim(ctx, claimant, cue, "asserted", content)]


def _unverified_claims(ctx: _Context, sent: Span) -> list[Claim]:
    """ "The claims could not be independently verified": the last claim's content, unconfirmed."""
    low = sent.text.lower()
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
        out.append(
            Claim(
                claimant=phrase if phrase == "unconfirmed reports" else "",
                cue=cue.text,
                stance="unconfirmed",
                cue_span=cue,
                sentence=ctx.sent_index[sent.start],
                claimant_type="unknown",
                outlet=ctx.article.outlet,
                content_span=content,
            )
        )
        break
    return out


def find_claims(doc: Doc, article: Article, actors: list[ActorMention]) -> list[Claim]:
    """Every attributed statement in the article, in reading order, with its stance and content span."""
    lex = get_cue_lexicon()
    sents = list(doc.sents)
    ctx = _Context(doc, article, actors, lex, {s.start: i for i, s in enumerate(sents)}, [])
    quoted = quoted_regions(article.text)
    quote_starts = [a for a, _ in quoted]
    for sent in sents:
        for tok in sent:
            at = bisect.bisect_right(quote_starts, tok.idx) - 1
            if at >= 0 and tok.idx < quoted[at][1]:
                continue  # speech reported inside a quote is the quoted speaker's, not the report's
            lemma = tok.lemma_.lower()
            if tok.lower_ in lex.according or (tok.lower_ in lex.citing and tok.dep_ != "amod"):
                ctx.claims.extend(_according_claims(ctx, tok))
            elif tok.pos_ in ("VERB", "AUX") and (
                lemma in lex.verbs or lemma in lex.refusal or lemma in lex.verification
            ):
                claims = _verb_claims(ctx, tok)
                ctx.claims.extend(c for c in claims if c not in ctx.claims)
            elif tok.pos_ == "VERB":
                ctx.claims.extend(_general_claims(ctx, tok))
        ctx.claims.extend(_unverified_claims(ctx, sent))
    for claim in ctx.claims:  # "unconfirmed reports said ...": the subject's own hedge
        if claim.claimant.lower().startswith("unconfirmed"):
            claim.stance = "unconfirmed"
    return ctx.claims
