"""The long tail of attribution cues (PARC: a source's assertion, belief, knowledge, intention or feeling).

Beyond the speech verbs of attribution.py: verbs of belief, intention, appeal, evaluation and the rarer
communication verbs, which attribute only with the complement their class needs ("plans to send troops",
"accused X of Y", "as one aide put it"); adjectives with a clause ("is concerned that"); claim nouns standing
on their own ("the senator's claim that ...", "his answer about ..."); and channels that are the only cue
of their clause ("In a statement, the group condemned ..."); a verb with a claim noun ("made the case
for", "raised questions about", "drew scrutiny"), a copula with a stance noun ("is a staunch opponent
of") and any verb whose object is a thing said ("unleashed a tirade against"). Classes, stances and needs
are data, in data/attribution_cues.yaml.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.model import Claim
from sitreps.stages.claim_build import ClaimContext, make_claim, sourceless_claim, subtree
from sitreps.stages.claim_cues import CueLexicon, TailCue, verb_group
from sitreps.stages.claim_sources import can_hold_content, claimant_tokens, clip, is_speaker, token_span

QUOTE_MARKS = frozenset({'"', "“", "”", "''"})  # "''": two apostrophes as a straight quote
SPEECH_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# "spoke for an hour", "attacked the town for the third time": a preposition's time object is no topic
TOPIC_ONLY_PREPS = frozenset({"about", "regarding", "concerning"})
STANCE_PREPS = frozenset({"of", "for", "on", "in"})  # "an opponent of", "an advocate for"
TIME_NOUNS = frozenset({"time", "times", "moment", "minute", "hour", "day", "week", "month", "year"})


def _infinitive(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(c.tag_ == "TO" for c in tok.children)


def _topic_prep(prep: Token, preps: frozenset[str]) -> bool:
    """A governed preposition with an object that is no time: "spoke on the war", not "spoke on Tuesday"."""
    if prep.dep_ != "prep" or prep.lower_ not in preps or prep.right_edge.i <= prep.i:
        return False
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return obj is not None and obj.ent_type_ not in ("DATE", "TIME") and obj.lemma_.lower() not in TIME_NOUNS


def _quote_near(verb: Token) -> tuple[int, int] | None:
    """A quotation the verb introduces or closes: '"Not afraid," the sign read', 'They chanted: "..."'."""
    doc, sent = verb.doc, verb.sent
    if doc[sent.start].text in QUOTE_MARKS:
        close = next((k for k in range(sent.start + 1, verb.i) if doc[k].text in QUOTE_MARKS), None)
        if close is not None:
            return sent.start + 1, close
    for k in range(verb.i + 1, min(verb.i + 4, sent.end)):
        if doc[k].text in QUOTE_MARKS:
            close = next((j for j in range(k + 1, sent.end) if doc[j].text in QUOTE_MARKS), sent.end)
            return k + 1, close
        if not (doc[k].is_punct or doc[k].pos_ in ("PRON", "ADV")):
            break
    # '"Where is the money?" Trump demanded.': the parse closed the quotation's sentence at "?"
    k = verb.left_edge.i - 1
    if k > 0 and doc[k].text in QUOTE_MARKS and doc[k - 1].text in ("?", "!", ",", "."):
        opening = next((j for j in range(k - 1, max(-1, k - 200), -1)
                        if doc[j].text in QUOTE_MARKS or "\n" in doc[j].text), None)  # fmt: skip
        if opening is not None and doc[opening].text in QUOTE_MARKS and opening + 1 < k:
            return opening + 1, k
    return None


def _as_it(verb: Token) -> tuple[int, int] | None:
    """ "As one aide put it, the campaign is ...": the clause the "as" phrase qualifies."""
    if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None
    if not any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in verb.children):
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.right_edge.i < head.i:
        it = next(c for c in verb.children if c.dep_ == "dobj")
        return max(verb.right_edge.i, it.i) + 1, head.right_edge.i + 1
    return head.left_edge.i, verb.left_edge.i


def _postposed(verb: Token) -> bool:
    """ "..., he vowed." closing its sentence after a comma or a quote."""
    doc = verb.doc
    if verb.dep_ not in ("parataxis", "ccomp") or verb.head.i > verb.i or verb.left_edge.i == 0:
        return False
    closes = all(t.is_punct for t in doc[verb.right_edge.i + 1 : verb.sent.end])
    return closes and doc[verb.left_edge.i - 1].text in (",", *QUOTE_MARKS)


def complement(verb: Token, cue: TailCue, lex: CueLexicon) -> tuple[int, int] | None:
    """Tokens of what a long-tail cue verb attributes, or None when it lacks the complement it needs.

    Several complements together make one content ("urged residents | to leave", "accused the army | of
    shelling"); a quotation counts only when nothing else does."""
    children = list(verb.children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if cue.objects and (obj is None or obj.lemma_.lower() not in cue.objects):
        return None  # "released a statement" attributes; "released the prisoners" does not
    if cue.objects and any(c.dep_ == "acl" and c.pos_ == "VERB" for c in obj.children):
        return None  # "released a statement saying ...": the participle is the cue
    if cue.target and (obj is None or not is_speaker(obj, lex)):
        return None  # "attacked the judge for ..." is a view of the judge; "attacked the base for" a raid
    parts: list[tuple[int, int]] = []
    for need in cue.needs:
        if need == "clause":
            parts += [subtree(c) for c in children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        elif need == "infinitive":
            # "wanted to say": the speech verb speaks for itself
            parts += [
                subtree(c)
                for c in children
                if c.dep_ in ("xcomp", "ccomp") and _infinitive(c) and c.lemma_.lower() not in lex.verbs
            ]
        elif need == "object" and obj is not None:
            parts.append(subtree(obj))
        elif need == "prep":
            parts += [(c.i + 1, c.right_edge.i + 1) for c in children if _topic_prep(c, cue.preps)]
        elif need == "as":
            holders = [verb, obj] if obj is not None else [verb]
            parts += [(c.i + 1, c.right_edge.i + 1) for h in holders for c in h.children
                      if c.dep_ == "prep" and c.lower_ == "as" and c.right_edge.i > c.i]  # fmt: skip
        elif need == "oprd":
            parts += [subtree(c) for c in children if c.dep_ == "oprd"]
        elif need == "as_it":
            found = _as_it(verb)
            parts += [found] if found else []
    agent = next((c for c in children if c.dep_ == "agent"), None)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if not parts and agent is not None and passive is not None:  # "the raid was condemned by the UN"
        parts.append(subtree(passive))
    if not parts:
        # post-posed: '"We will take the city," he vowed.', 'The talks will fail, aides fear.'
        if _postposed(verb):
            return verb.head.left_edge.i, verb.left_edge.i
        found = _quote_near(verb) if "quote" in cue.needs else None
        return found if found and found[1] > found[0] else None
    if obj is not None and obj.i > verb.i and not {"object", "as_it"} & set(cue.needs):
        parts.append(subtree(obj))  # "urged residents to leave", "accused the army of shelling"
    return min(a for a, _ in parts), max(b for _, b in parts)


def tail_subject_ok(verb: Token, cue: TailCue, subject: Token | None, lex: CueLexicon) -> bool:
    """Whether the subject of a long-tail cue can hold what it says: "the bill aims to" attributes nothing."""
    if cue.particle and not any(c.dep_ == "prt" and c.lower_ == cue.particle for c in verb.children):
        return False
    if any(c.dep_ == "prt" and c.lower_ in cue.not_particles for c in verb.children):
        return False
    if subject is None:
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        # "was condemned by the UN": the UN says so; "has been criticized for ...": someone unnamed does
        # (PolNeAR's source-less attribution); "was backed by helicopters": nobody does
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return not passive or not agents or any(can_hold_content(a, lex) for a in agents)
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "the group, which wants to ...": the antecedent speaks
    if cue.speaker == "strict":
        return is_speaker(subject, lex)
    return not cue.speaker or can_hold_content(subject, lex)


# --------------------------------------------------------------------------- adjectives


def adjective_claims(ctx: ClaimContext, adj: Token) -> list[Claim]:
    """ "The governor is concerned that ...", "He was frustrated that ...", "critical of the raid"."""
    lex, doc = ctx.lex, ctx.doc
    stance = lex.adjectives.get(adj.lower_)
    if stance is None:
        return []
    if adj.dep_ == "acomp":  # "is concerned that": the subject is the copula's
        copula = adj.head
        subject = next((c for c in copula.children if c.dep_ in SPEECH_SUBJECT_DEPS), None)
        holders = [adj, copula]
    elif adj.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in adj.children):  # "was frustrated that"
        copula = adj
        subject = next((c for c in adj.children if c.dep_ == "nsubjpass"), None)
        holders = [adj]
    else:
        return []
    if subject is None or not is_speaker(subject, lex):
        return []
    parts = []
    for h in holders:
        for c in h.children:
            if c.i < adj.i:
                continue
            clause = c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
            if clause or (c.dep_ in ("xcomp", "advcl") and _infinitive(c)):
                parts.append(subtree(c))
            elif c.dep_ == "prep" and c.lower_ in lex.adjective_preps and c.right_edge.i > c.i:
                parts.append((c.i + 1, c.right_edge.i + 1))
    if not parts and adj.lower_ not in lex.bare_adjectives:  # "I'm not sure.", "He is skeptical."
        return []
    cue_start = min(verb_group(copula)[0], copula.i, adj.i)
    content = None
    if parts:
        content = token_span(doc, *clip(doc, min(a for a, _ in parts), max(b for _, b in parts), adj.i))
    if any(c.dep_ == "neg" for h in holders for c in h.children):
        stance = "unconfirmed"  # "is not convinced that"
    return [make_claim(ctx, subject, (cue_start, adj.i + 1), stance, content)]


# --------------------------------------------------------------------------- nouns and channels


def _noun_source(noun: Token, lex: CueLexicon) -> Token | None:
    """Who a claim noun belongs to: "the senator's claim", "a Russian claim", "the claim by / of X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (child.lower_ != "of" or is_speaker(pobj, lex)):
                return pobj
    return None


def _noun_clause(noun: Token) -> tuple[int, int] | None:
    """A complement clause ("the claim that ...", "whether ...") or infinitive ("his pledge to ...")."""
    for child in noun.children:
        if child.dep_ not in ("acl", "ccomp", "relcl") or child.i < noun.i:
            continue
        mark = next((c for c in child.children if c.dep_ == "mark"), None)
        if (mark is not None and mark.lower_ in ("that", "whether", "if")) or _infinitive(child):
            return subtree(child)
    return None


def _predicated_clause(noun: Token) -> tuple[int, int] | None:
    """ "Her view is that the talks will fail": the clause the copula gives the noun."""
    if noun.dep_ != "nsubj" or noun.head.lemma_.lower() != "be":
        return None
    clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i), None)
    mark = next((c for c in clause.children if c.dep_ == "mark"), None) if clause is not None else None
    return subtree(clause) if mark is not None and mark.lower_ in ("that", "whether", "if") else None


def standalone_noun_claims(ctx: ClaimContext, noun: Token) -> list[Claim]:
    """A claim noun on its own: "The senator's claim that the army shelled the school drew scrutiny"."""
    lex, doc = ctx.lex, ctx.doc
    stance = lex.nouns.get(noun.lemma_.lower())
    if stance is None or noun.pos_ != "NOUN":
        return []
    head = noun.head
    governor = head.lemma_.lower()
    if noun.dep_ in ("nsubj", "dobj") and (governor in lex.verbs or governor in lex.tail):
        return []  # "A statement said", "denied the claim": read with the verb
    if any(c.dep_ == "acl" and c.lemma_.lower() in lex.verbs for c in noun.children):
        return []  # "a statement saying": read with "saying"
    if any(c.cue_span and c.cue_span.start <= noun.idx < c.cue_span.end for c in ctx.claims):
        return []  # "has no doubt that", "takes the view that": the noun is in a light verb's cue already
    if head.lower_ == "in" and (noun.lemma_.lower() in lex.channel_cues or noun.lower_ in lex.channel_cues):
        return []  # "in his remarks about the war": the channel of what the clause says, read with it
    source = _noun_source(noun, lex)
    toks = _noun_clause(noun) or _predicated_clause(noun)
    if toks is None and source is not None:
        about = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in lex.noun_preps and c.i > noun.i]
        about = [c for c in about if source.head.i != c.i]  # "the view of X": X is the source
        if about and about[0].right_edge.i > about[0].i:
            toks = (about[0].i + 1, about[0].right_edge.i + 1)
        elif head.dep_ == "prep" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX"):
            toks = _outside(head)  # "In the view of the court, the law ...": the clause it qualifies
    if toks is None and source is None:
        # "no answer about the convoy came": a topic right after the noun, held by someone unnamed
        about = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in TOPIC_ONLY_PREPS]
        if about and about[0].i == noun.i + 1 and about[0].right_edge.i > about[0].i:
            toks = (about[0].i + 1, about[0].right_edge.i + 1)
    if toks is None:
        return []
    content = token_span(doc, *clip(doc, *toks, noun.i))
    if source is None and stance == "unconfirmed":
        return []  # "the plan to ...", "a demand for ...": a plan nobody is said to hold is no attribution
    if source is None:
        return [sourceless_claim(ctx, token_span(doc, noun.i, noun.i + 1), stance, noun, content)]
    start, end = claimant_tokens(source)
    if doc[end - 1].dep_ == "case":  # "the senator's claim": the source is the senator
        end -= 1
    return [make_claim(ctx, source, (noun.i, noun.i + 1), stance, content, (start, end))]


def _outside(prep: Token) -> tuple[int, int] | None:
    """The clause a prepositional phrase qualifies, without the phrase."""
    verb = prep.head
    start, end = subtree(verb)
    if prep.left_edge.i == start:
        return prep.right_edge.i + 1, end
    if prep.right_edge.i + 1 >= end:
        return start, prep.left_edge.i
    return start, end


def channel_claims(ctx: ClaimContext, prep: Token, read_cue_at: set[int]) -> list[Claim]:
    """ "In a statement, the group condemned ...": the channel is the cue of a clause with no cue verb."""
    lex, doc = ctx.lex, ctx.doc
    if prep.lower_ != "in" or prep.dep_ != "prep":
        return []
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    verb = prep.head
    if pobj is None or pobj.lemma_.lower() not in lex.channel_cues or verb.pos_ not in ("VERB", "AUX"):
        return []
    if verb.i in read_cue_at or verb.lemma_.lower() in lex.verbs:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not can_hold_content(subject, lex):
        return []
    toks = _outside(prep)
    if toks is None:
        return []
    start, end = toks
    if subject.i >= start and subject.right_edge.i < end and subject.left_edge.i == start:
        start = subject.right_edge.i + 1
    content = token_span(doc, *clip(doc, start, end, verb.i))
    return [make_claim(ctx, subject, (prep.i, pobj.i + 1), "asserted", content)]


def _noun_complement(noun: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """What a claim noun is about: its clause or infinitive, else its topic ("questions about the deal")."""
    toks = _noun_clause(noun)
    if toks is not None:
        return toks
    preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i and c.right_edge.i > c.i]
    preps = [c for c in preps if c.lower_ in lex.noun_preps or c.lower_ in ("for", "against", "to", "with")]
    return (preps[0].i + 1, preps[0].right_edge.i + 1) if preps else None


def light_verb_claims(ctx: ClaimContext, verb: Token) -> list[Claim]:
    """ "Trump made the case for ...", "she has no illusions about ...", "his remark drew scrutiny": a verb
    with a claim noun as its object; the cue runs from the verb group to the noun (and its preposition)."""
    lex, doc = ctx.lex, ctx.doc
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.i < verb.i:
        return []
    noun = obj.lemma_.lower()
    received = noun in lex.received.get(lemma, frozenset()) or obj.lower_ in lex.received.get(lemma, ())
    if not received and noun not in lex.light_verbs.get(lemma, ()) and obj.lower_ not in lex.light_verbs.get(
        lemma, ()
    ):
        return []
    end = obj.i + 1
    toks = _noun_complement(obj, lex)
    # the preposition right after the noun, on the noun or (the parse's choice) on the verb: "took aim at"
    prep = next((c for c in [*obj.children, *verb.children] if c.dep_ == "prep" and c.i == obj.i + 1), None)
    if toks is None and prep is not None and prep.head == verb and prep.lower_ != "from":
        toks = (prep.i + 1, prep.right_edge.i + 1) if prep.right_edge.i > prep.i else None
    if toks is not None and prep is not None and toks[0] == prep.i + 1:
        end = prep.i + 1  # "raised questions about": the preposition joins the cue
    start = verb_group(verb)[0]
    content = token_span(doc, *clip(doc, *toks, verb.i)) if toks else None
    if received:
        source = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "from"
                       for p in c.children if p.dep_ == "pobj"), None)  # fmt: skip
        if source is None:
            return [sourceless_claim(ctx, token_span(doc, start, end), "asserted", verb, content)]
        return [make_claim(ctx, source, (start, end), "asserted", content)]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not can_hold_content(subject, lex) or subject.pos_ not in ("PRON", "PROPN", "NOUN"):
        return []
    if content is None and noun not in lex.expressive_objects:
        # "she has concerns", "took aim", "sent a signal": a view of nothing named reports nothing; a thing
        # said is a statement even when the report leaves out what it said ("sent a letter to Moscow")
        return []
    return [make_claim(ctx, subject, (start, end), lex.nouns.get(noun, "asserted"), content)]


def predicate_noun_claims(ctx: ClaimContext, noun: Token) -> list[Claim]:
    """ "The senator is a staunch opponent of the deal", "who has been a vocal critic of the war"."""
    lex, doc = ctx.lex, ctx.doc
    copula = noun.head
    if noun.dep_ != "attr" or copula.lemma_.lower() != "be":
        return []
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS), None)
    if subject is None or prep is None or prep.right_edge.i <= prep.i or not can_hold_content(subject, lex):
        return []
    start = min(verb_group(copula)[0], copula.i)
    content = token_span(doc, *clip(doc, prep.i + 1, prep.right_edge.i + 1, noun.i))
    return [make_claim(ctx, subject, (start, prep.i + 1), "claimed", content)]


def expressive_object_claims(ctx: ClaimContext, verb: Token) -> list[Claim]:
    """ "Trump unleashed a barrage of attacks on Clinton", "the campaign ran an ad saying ...": any verb whose
    object is something said, from a speaker; the verb group is the cue, the object what is said."""
    lex, doc = ctx.lex, ctx.doc
    lemma = verb.lemma_.lower()
    if lemma in lex.not_attribution or lemma in lex.received or lemma in lex.object_not_view:
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.lemma_.lower() not in lex.expressive_objects:
        return []
    if any(c.dep_ == "acl" and c.pos_ == "VERB" for c in obj.children):
        return []  # "released a statement saying ...": the participle is the cue
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_speaker(subject, lex):
        return []
    content = token_span(doc, *clip(doc, *subtree(obj), verb.i))
    return [make_claim(ctx, subject, verb_group(verb), "asserted", content)]
