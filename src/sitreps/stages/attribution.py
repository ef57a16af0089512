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
quoted speaker and are not read; speech imagined, wanted or asked for ("would say", "let them say",
"urged him to announce"), a passive of another sense ("admitted to hospital"), a view under
"would" in the main clause ("she would support a ban"), a relative clause on no one in particular ("those
who question ...") and names given ("a town called X") are no claims. Cue words live in claim_cues.py and
data/attribution_cues.yaml, the claimant's phrase and type in claim_sources.py, claim building in
claim_build.py; the long tail of cues (belief, intention, appeal and evaluation verbs, adjectives, claim
nouns, channels, a verb with a claim noun as in "raised questions about", a stance noun as in "is an
opponent of", any verb with a thing said as its object as in "unleashed a tirade") is read by
claim_tail.py, and punctuation and phrase cues (a colon after a speaker, a dash before one, "in the latest
poll", "it is unclear whether", "what is clear is that", "seems disorganized", "reportedly") by
claim_marks.py.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from sitreps.model import ActorMention, Article, Claim, TextSpan
from sitreps.nlp import doc_tokens
from sitreps.stages.claim_build import (
    ClaimContext,
    content_of_verb,
    drop_nested,
    loose_complement,
    make_claim,
    nested_noun_claim,
    open_quote_start,
    sourceless_claim,
    subtree,
    unverified_claims,
)
from sitreps.stages.claim_cues import (
    CueLexicon,
    cue_extent,
    cue_phrase_end,
    generic_holder,
    get_cue_lexicon,
    irrealis,
    naming,
    outlet_from_text,
    quoted_regions,
    scan_cues,
    unasserted,
)
from sitreps.stages.claim_marks import (
    DASHES,
    hearsay_claims,
    impersonal_claims,
    mark_claims,
    perception_claims,
    poll_claims,
)
from sitreps.stages.claim_sources import (
    claimant_tokens,
    clip,
    inherited_subject,
    is_speaker,
    misparsed_subject,
    past_dateline,
    token_span,
)
from sitreps.stages.claim_tail import (
    adjective_claims,
    channel_claims,
    complement,
    expressive_object_claims,
    light_verb_claims,
    predicate_noun_claims,
    standalone_noun_claims,
    tail_subject_ok,
)

__all__ = ["find_claims", "get_cue_lexicon", "outlet_from_text"]

QUOTES = frozenset({'"', "“", "”", "''"})  # "''": two apostrophes, a straight quote in some feeds


# --------------------------------------------------------------------------- cues


def _passive_claims(
    ctx: ClaimContext,
    verb: Token,
    passive: Token,
    stance: str,
    cue: tuple[int, int],
    content_toks: tuple[int, int] | None = None,
) -> list[Claim]:
    """A passive cue: "it was reported that ...", "was denied by Moscow", "X was quoted as saying".

    The agent of "by" is the claimant; the subject of "quoted (as saying)" is; otherwise the claim has a
    cue and no claimant (PolNeAR's source-less attributions)."""
    doc = ctx.doc
    toks = content_toks or content_of_verb(verb)
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
        return [make_claim(ctx, claimant, cue, stance, content)]
    if stance == "unconfirmed" and content_toks is None:
        return []  # "could not be confirmed": read by the unverified phrases, which know what it refers to
    return [sourceless_claim(ctx, token_span(doc, *cue), stance, verb, content)]


def _clause_span(doc: Doc, verb: Token) -> TextSpan | None:
    toks = content_of_verb(verb)
    return token_span(doc, *clip(doc, *toks, verb.i)) if toks is not None else None


def _general_claims(ctx: ClaimContext, verb: Token) -> list[Claim]:
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


def _under_tail_cue(ctx: ClaimContext, verb: Token) -> bool:
    """A speech verb under a long-tail cue already read: "wants to say", "urged him to announce that";
    not under a belief or an expectation ("Democrats fear the governor said ..."), which holds a report."""
    cue = ctx.lex.tail.get(verb.head.lemma_.lower())
    if cue is None or verb.dep_ not in ("xcomp", "ccomp"):
        return False
    if verb.dep_ == "ccomp" and cue.cue_class in ("belief", "expectation"):
        return False
    return any(c.cue_span and c.cue_span.start <= verb.head.idx < c.cue_span.end for c in ctx.claims)


def _told_by_another(verb: Token, lex: CueLexicon) -> bool:
    """ "He told aides ..., according to two officers": someone else's account of the speech; not "he said
    Russia bombed X, according to intercepted communications", where the account is his evidence."""
    according = next((c for c in verb.children if c.lower_ in lex.according), None)
    to = next((c for c in according.children if c.lower_ == "to"), None) if according is not None else None
    teller = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return teller is not None and is_speaker(teller, lex)


def _verb_claims(
    ctx: ClaimContext,
    verb: Token,
    stance: str = "",
    content_toks: tuple[int, int] | None = None,
    subject: Token | None = None,
) -> list[Claim]:
    """A cue verb's claim: a speech verb (stance from the lexicon), or a long-tail cue with the stance of
    its class, the complement it needs as `content_toks` and the subject found for it."""
    doc, lex, text = ctx.doc, ctx.lex, ctx.article.text
    lemma = verb.lemma_.lower()
    if _told_by_another(verb, lex):
        return []  # "Trump told aides ..., according to the Times": the Times' account, read as such
    if unasserted(verb, lemma in lex.verbs) or naming(verb) or generic_holder(verb) or irrealis(verb, lex):
        return []  # "he would say that", "let them say", "a town called X", "urged him to say": none made
    subject = subject or next((c for c in verb.children if c.dep_ == "nsubj"), None)
    cue_start, cue_end = cue_extent(verb, lex)
    outer = lex.verbs.get(verb.head.lemma_.lower())
    if verb.dep_ == "ccomp" and verb.i > verb.head.i and outer == "asserted":
        # speech reported inside what someone says ("he said she told him") is theirs to tell; speech
        # before a post-posed cue ("X said ..., his aide told reporters") is an attribution of its own
        return []
    stance = lex.verbs.get(lemma, stance)
    negated = any(c.dep_ == "neg" for c in verb.children)
    content_verb = verb
    if lemma in lex.refusal and content_toks is None:  # "declined to confirm"
        xcomp = next(
            (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in lex.verification), None
        )
        if xcomp is None:
            return []
        stance, content_verb, cue_end = "unconfirmed", xcomp, xcomp.i + 1
    elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.refusal:
        return []  # read from the refusal verb: "declined to confirm"
    elif lemma in lex.verbs and _under_tail_cue(ctx, verb):
        return []  # "wants to say", "plans to announce": the intention is the cue, the speech not yet made
    elif lemma in lex.verification and negated:
        stance = "unconfirmed"
    elif not stance:
        return []
    elif negated:  # "did not say whether": the speaker leaves it open
        stance = "unconfirmed"
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    senses = lex.passive_senses.get(lemma, frozenset())
    if passive is not None and any(c.dep_ == "prep" and c.lower_ in senses for c in verb.children):
        return []  # "were admitted to hospital", "troops posted to the border": no speech
    if subject is None and passive is not None:
        return _passive_claims(ctx, verb, passive, stance, (cue_start, cue_end), content_toks)
    if subject is None:
        # "..., a claim denied by Ukraine's military": a participle's "by" agent is who says so
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is None:  # "by saying ...": only a speech verb takes the subject through a preposition
        subject = inherited_subject(verb, through_pcomp=lemma in lex.verbs)
    bounds = None
    if subject is not None and verb.dep_ == "acl" and subject.i == verb.head.i:
        bounds = claimant_tokens(subject)  # "rebels seeking his overthrow": the source without its clause
    if subject is None and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl"):
        # "When asked about the leak, ...", "a deal described as historic": asked or described by no one named
        toks = content_toks or content_of_verb(verb)
        if toks is None:
            return []
        content = token_span(doc, *clip(doc, *toks, verb.i))
        return [sourceless_claim(ctx, token_span(doc, cue_start, cue_end), stance, verb, content)]
    if subject is None:
        bounds = misparsed_subject(verb)
        if bounds is None:
            return []
        segment = doc[bounds[0] : bounds[1]]
        subject = segment.root
    subject = past_dateline(doc, subject, verb)
    out: list[Claim] = []
    content = None
    obj = next((c for c in content_verb.children if c.dep_ == "dobj"), None)
    # a claim noun is a claim of its own under a dispute or a refusal ("denied the US claim that ...",
    # "declined to confirm the claim by X"), not as what is said ("issued a statement", "unveiled a plan")
    disputed = stance in ("denied", "disputed") or content_verb is not verb
    if obj is not None and obj.lemma_.lower() in lex.nouns and disputed:
        nested = nested_noun_claim(ctx, obj, lex.nouns[obj.lemma_.lower()])
        if nested is not None:
            out.append(nested)
            ctx.claims.append(nested)
            content = nested.content_span
    if content is None:
        toks = content_toks or content_of_verb(content_verb)
        if toks is not None and toks != (cue_start, cue_end):
            content = token_span(doc, *clip(doc, *toks, verb.i))
    if content is None and verb.i > verb.sent.start and doc[verb.sent.start].text in QUOTES:
        content = token_span(doc, verb.sent.start, subject.left_edge.i if subject.i < verb.i else verb.i)
    if content is not None:
        content = open_quote_start(doc, text, content, verb.sent)
    phrase = token_span(doc, cue_start, cue_phrase_end(verb, lex, cue_end))
    cue_text = phrase.text if phrase else ""
    out.append(make_claim(ctx, subject, (cue_start, cue_end), stance, content, bounds, cue_text))
    return out


def _according_claims(ctx: ClaimContext, tok: Token) -> list[Claim]:
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
    if head.lemma_.lower() in ctx.lex.verbs and head.i != tok.i and subtree(head)[0] < phrase_start:
        # "He told aides ..., according to X": X's account is that he told them (his speech is not read alone)
        content = token_span(doc, subtree(head)[0], phrase_start)
    elif phrase_start <= sent.start + 1:  # "According to X, ..." opens the sentence: the rest of it
        content = token_span(doc, phrase_end, sent.end)
    else:
        start = subtree(head)[0] if head.i != tok.i else sent.start
        content = token_span(doc, start if start < phrase_start else sent.start, phrase_start)
    return [make_claim(ctx, claimant, cue, "asserted", content)]


def _tail_claims(ctx: ClaimContext, verb: Token) -> list[Claim]:
    """A long-tail cue verb with the complement and the subject its class needs."""
    cue = ctx.lex.tail[verb.lemma_.lower()]
    if verb.dep_ == "xcomp" and _under_tail_cue(ctx, verb):
        return []  # "wants to know whether ...": the wanting, read already, is the cue
    if verb.dep_ == "relcl" and verb.tag_ == "VBN":
        return []  # "a senator who has backed the war", "the plan, which was criticized": a record described
    toks = complement(verb, cue, ctx.lex) or loose_complement(ctx, verb, cue)
    if toks is None:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head  # "rebels seeking his overthrow": the rebels seek it
    elif subject is None and verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN":
        subject = verb.head  # "Trump called Clinton a liar" parsed as a noun phrase: the name is the subject
    subject = subject or inherited_subject(verb, through_pcomp=False)
    if not tail_subject_ok(verb, cue, subject, ctx.lex):
        return []
    if subject is not None and subject.lower_ == "you":
        return []  # "if you want to win", "you know": the generic reader, no one's view reported
    stance = cue.stance
    if cue.cue_class == "appeal" and any(c.dep_ == "oprd" for c in verb.children):
        stance = "claimed"  # "called the report a hoax" names it so; "called for talks" asks for them
    return _verb_claims(ctx, verb, stance, toks, subject)


def _refuses_to_verify(tok: Token, lex: CueLexicon) -> bool:
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in lex.verification for c in tok.children)


def _token_claims(ctx: ClaimContext, tok: Token) -> list[Claim]:
    """The claims a token cues, by the first reading that fits it."""
    lex = ctx.lex
    lemma = tok.lemma_.lower()
    lower, pos = tok.lower_, tok.pos_  # read once: each read builds a string from the Token
    verbal = pos in ("VERB", "AUX")
    if lower in lex.according or (lower in lex.citing and tok.dep_ != "amod"):
        return _according_claims(ctx, tok)
    if verbal and (
        lemma in lex.verbs
        or lemma in lex.verification
        or (lemma in lex.refusal and _refuses_to_verify(tok, lex))
    ):
        return _verb_claims(ctx, tok)
    if verbal and lemma in lex.perception:
        return perception_claims(ctx, tok)
    if pos == "VERB" and lemma in lex.tail:
        claims = _tail_claims(ctx, tok)
        if claims:
            return claims  # else "the court ruled that ...": the general rule may still read it
    if lower in lex.adjectives and pos in ("ADJ", "VERB"):
        claims = adjective_claims(ctx, tok)
        if claims or lower not in lex.impersonal_adjectives:
            return claims  # else "it is clear that ...": clear to no one named
    if lower in lex.impersonal_adjectives and pos == "ADJ":
        return impersonal_claims(ctx, tok)
    if lower in lex.hearsay and pos == "ADV":
        return hearsay_claims(ctx, tok)
    if pos == "NOUN" and lemma in lex.predicate_nouns:
        return predicate_noun_claims(ctx, tok)
    if pos == "NOUN" and lemma in lex.nouns:
        return standalone_noun_claims(ctx, tok)
    if verbal and (lemma in lex.light_verbs or lemma in lex.received):
        claims = light_verb_claims(ctx, tok)
        if claims:
            return claims
    if pos == "VERB":
        claims = _general_claims(ctx, tok)
        return claims or expressive_object_claims(ctx, tok)
    if pos == "ADP":
        return poll_claims(ctx, tok)
    return []


def find_claims(doc: Doc, article: Article, actors: list[ActorMention]) -> list[Claim]:
    """Every attributed statement in the article, in reading order, with its stance and content span."""
    lex = get_cue_lexicon()
    sents = list(doc.sents)
    ctx = ClaimContext(doc, article, actors, lex, {s.start: i for i, s in enumerate(sents)}, [])
    scan = scan_cues(doc, lex, DASHES)  # also fixes the lemmas the small model misreads
    quoted = quoted_regions(article.text)
    quote_starts = [a for a, _ in quoted]

    def inside_quote(idx: int) -> bool:
        at = bisect.bisect_right(quote_starts, idx) - 1
        return at >= 0 and idx < quoted[at][1]

    def within(indices: list[int], sent: Span) -> list[int]:
        return indices[bisect.bisect_left(indices, sent.start) : bisect.bisect_left(indices, sent.end)]

    tokens = doc_tokens(doc).tokens  # one Token object per word, not one per `doc[i]`
    for sent in sents:
        cue_heads: set[int] = set()
        for i in within(scan.candidates, sent):
            tok = tokens[i]
            if inside_quote(tok.idx):
                continue  # speech reported inside a quote is the quoted speaker's, not the report's
            claims = [c for c in _token_claims(ctx, tok) if c not in ctx.claims]
            if claims:
                cue_heads.add(tok.i)
            ctx.claims.extend(claims)
        for i in within(scan.ins, sent):  # a channel is the cue only of a clause that has none of its own
            ctx.claims.extend(channel_claims(ctx, tokens[i], cue_heads))
        ctx.claims.extend(mark_claims(ctx, sent, inside_quote, [tokens[i] for i in within(scan.marks, sent)]))
        drop_nested(ctx, sent)
        ctx.claims.extend(unverified_claims(ctx, sent))
    for claim in ctx.claims:  # "unconfirmed reports said ...": the subject's own hedge
        if claim.claimant.lower().startswith("unconfirmed"):
            claim.stance = "unconfirmed"
    return ctx.claims
