"""Event arguments: which place, date, toll, actors and claim belong to a trigger.

Ownership inside a sentence goes by distance in the dependency tree, not by word order, so that in
"Strikes on Aleppo killed some 100 militants, and other raids struck camps in Latakia, Hama and Idlib" the
toll and Aleppo go with "Strikes" and the three provinces with "raids".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

from sitreps.model import ActorMention, Claim, PlaceMention, TextSpan
from sitreps.nlp import doc_tree
from sitreps.stages.event_roles import EventRoles, event_roles
from sitreps.stages.role_grammar import EVENT_NOUNS
from sitreps.stages.role_lexicon import load_role_lexicon
from sitreps.stages.triggers import Trigger, governing_verb

T = TypeVar("T")

# Dependency labels that only list places side by side: "Latakia, Hama and Idlib" are three places,
# while "Morek in Hama province" or "Kweyris, a military airport in Aleppo province" describe one.
_LIST_DEPS = {"conj", "cc", "punct", "compound"}
# Death words whose grammatical subject is the one who died
_VICTIM_SUBJECT_LEMMAS = {"die", "dead", "perish", "death"}


_TOKEN_AT_KEY = "sitreps.token_at"
_HEADS_KEY = "sitreps.head_indices"
_DISTANCE_KEY = "sitreps.tree_distance"


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character `char` (or the next one)."""
    i = _token_index_at(doc, char)
    return doc[i] if i is not None else None


def _token_index_at(doc: Doc, char: int) -> int | None:
    """`token_at(doc, char).i`, kept per document (every trigger of a sentence asks for the same places,
    dates and tolls)."""
    cache = doc.user_data.setdefault(_TOKEN_AT_KEY, {})
    if char in cache:
        return cache[char]
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    i = cache[char] = span.start if span is not None and len(span) else None
    return i


_ROOT_KEY = "sitreps.span_root"


def span_root(doc: Doc, span: TextSpan) -> Token | None:
    """The syntactic root of the tokens a text span covers (kept per document, by offsets)."""
    cache = doc.user_data.setdefault(_ROOT_KEY, {})
    key = (span.start, span.end)
    if key not in cache:
        s = doc.char_span(span.start, span.end, alignment_mode="expand")
        cache[key] = s.root.i if s is not None and len(s) else None
    i = cache[key]
    return doc[i] if i is not None else None


def head_indices(doc: Doc) -> list[int]:
    """Each token's head index, built once per document (a root is its own head)."""
    heads = doc.user_data.get(_HEADS_KEY)
    if heads is None or len(heads) != len(doc):
        # one array call, not a Token and its head per word (offsets are stored unsigned)
        rel = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
        heads = doc.user_data[_HEADS_KEY] = [i + r for i, r in enumerate(rel)]
    return heads


def _ancestors(heads: list[int], i: int) -> list[int]:
    """Token i's ancestors, nearest first, walked as `Token.ancestors` walks them."""
    out = []
    while heads[i] != i and len(out) < len(heads):
        i = heads[i]
        out.append(i)
    return out


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree (large if in different trees)."""
    return tree_distance_at(a.doc, a.i, b.i)


def tree_distance_at(doc: Doc, a: int, b: int) -> int:
    """`tree_distance` by token index, from the document's head table, kept per pair."""
    if a == b:
        return 0
    cache = doc.user_data.setdefault(_DISTANCE_KEY, {})
    found = cache.get((a, b))
    if found is None:
        heads = head_indices(doc)
        up_a = {a: 0}
        for depth, anc in enumerate(_ancestors(heads, a), start=1):
            up_a[anc] = depth
        found = up_a.get(b)
        if found is None:
            found = 100 + abs(a - b)
            for depth, anc in enumerate(_ancestors(heads, b), start=1):
                if anc in up_a:
                    found = depth + up_a[anc]
                    break
        cache[(a, b)] = found
    return found


def trigger_distance(doc: Doc, trigger: Trigger, char: int) -> int:
    tok = _token_index_at(doc, char)
    if tok is None:
        return 1000
    return min(tree_distance_at(doc, tok, i) for i in range(trigger.start, trigger.end))


def owned(
    items: Sequence[T], trigger: Trigger, rivals: Sequence[Trigger], doc: Doc, start_of: Callable[[T], int]
) -> list[T]:
    """Items closer (in the tree) to `trigger` than to any rival trigger of the same sentence."""
    mine = []
    if not items:
        return mine
    contenders = [trigger, *rivals]
    # a trigger's first character, read once (`t.span` builds a Span)
    starts = [doc[t.start].idx for t in contenders]
    for item in items:
        char = start_of(item)
        # tree distance first; ties go to the trigger nearer in the text, then to the earlier one
        keys = [
            (trigger_distance(doc, t, char), abs(start - char), t.start)
            for t, start in zip(contenders, starts, strict=True)
        ]
        best = min(range(len(contenders)), key=keys.__getitem__)
        if contenders[best] is trigger:
            mine.append(item)
    return mine


def overlaps(span: TextSpan, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def is_metonym(doc: Doc, pm: PlaceMention) -> bool:
    """A place that acts ("Paris launched", "Moscow says") stands for its government, not a location."""
    root = span_root(doc, pm.span)
    return root is not None and root.dep_ == "nsubj"


def is_origin(doc: Doc, pm: PlaceMention) -> bool:
    """A place named as where a weapon came from ("fired from the Caspian Sea", "from the Hama front")."""
    root = span_root(doc, pm.span)
    if root is None:
        return False
    for anc in [root, *list(root.ancestors)[:3]]:
        if anc.dep_ == "prep":
            return anc.lower_ == "from"
    return False


def describes_another(doc: Doc, pm: PlaceMention, others: Sequence[PlaceMention]) -> bool:
    """A place that only situates another place of the sentence ("Morek in Hama province")."""
    root = span_root(doc, pm.span)
    if root is None:
        return False
    roots = {r.i for o in others if o is not pm and (r := span_root(doc, o.span)) is not None}
    path_deps = [root.dep_]
    for anc in root.ancestors:
        if anc.i in roots:
            return any(d not in _LIST_DEPS for d in path_deps)
        path_deps.append(anc.dep_)
    return False


# the feature types of an area, each the Place field that names it for the places inside
_AREAS = ("admin1", "admin2")


def contains_another(pm: PlaceMention, others: Sequence[PlaceMention]) -> bool:
    """A province or district that holds another place of the sentence only situates it, whatever the
    parse attached it to ("recaptured the town of Morek in Hama province": one event, in Morek)."""
    area = pm.place
    field = area.feature_type if area is not None else ""
    if area is None or field not in _AREAS or not getattr(area, field):
        return False
    return any(
        o is not pm
        and o.place is not None
        and o.place.feature_type not in ("country", "admin1", "region")
        and o.place.country_code == area.country_code
        and getattr(o.place, field) == getattr(area, field)
        for o in others
    )


def event_places(
    doc: Doc, places: Sequence[PlaceMention], actor_spans: Sequence[TextSpan], sentence: int
) -> list[PlaceMention]:
    """The places of a sentence where something can happen: resolved, literal, not descriptors or origins."""
    usable = [
        p
        for p in places
        if p.sentence == sentence
        and p.place is not None
        and not p.is_country_adjective
        and p.relation not in ("dateline", "based", "backed")
        and not any(overlaps(s, p.span.start, p.span.end) for s in actor_spans)
        and not is_metonym(doc, p)
    ]
    kept = [p for p in usable if not describes_another(doc, p, usable)]
    kept = [p for p in kept if not contains_another(p, kept)]
    not_origin = [p for p in kept if not is_origin(doc, p)]
    return not_origin or kept


def actor_in(token: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The actor mention covering a token of `token`'s subtree, the nearest to `token` first."""
    for tok in sorted(token.subtree, key=lambda t: abs(t.i - token.i)):
        for am in actors:
            if am.span.start <= tok.idx < am.span.end:
                return am
    return None


def actor_roles(
    trigger: Trigger, actors: Sequence[ActorMention]
) -> tuple[ActorMention | None, ActorMention | None]:
    """(actor1, actor2): who acts and who is acted on, from the dependency parse of the trigger's clause.
    actor2's span is the role filler's noun phrase that holds it ("a Hamas commander", not "Hamas")."""
    roles = event_roles(trigger.head)
    a1, a2 = _actor_roles(trigger, actors, roles)
    doc = trigger.head.doc
    # the attacker keeps its name ("the Islamic State", not "the Islamic State group"), unless the name is
    # the role's modifier ("an Israeli airstrike": Israeli)
    a1 = _as_role_filler(a1, roles.attackers, doc, widen=False)
    a2 = _as_role_filler(a2, [*roles.targets, *roles.victims, *roles.physical_targets], doc)
    return a1, a2


def _actor_roles(
    trigger: Trigger, actors: Sequence[ActorMention], roles: EventRoles
) -> tuple[ActorMention | None, ActorMention | None]:
    head = trigger.head
    verb = governing_verb(head)
    # the open-class role fillers first ("rebels" as the by-agent, "soldiers" as the passive subject), then
    # the older clause heuristics for what they leave empty
    a1 = _actor_within(roles.attackers, actors) or _speaker_as_attacker(verb, actors)
    a2 = _actor_within([*roles.targets, *roles.victims], actors)
    if head.pos_ in ("NOUN", "PROPN"):
        # "Russian air strikes", "IS attack", "strikes on Aleppo", "raids against rebels"
        for child in head.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and a1 is None:
                a1 = actor_in(child, actors)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against") and a2 is None:
                a2 = actor_in(child, actors)
            elif child.dep_ == "prep" and child.lower_ == "by" and a1 is None:
                a1 = actor_in(child, actors)
    # "the governor survived an attack", "police foiled a bombing": the subject met the event, not made it
    bystander = head.pos_ in ("NOUN", "PROPN") and verb.lemma_.lower() in load_role_lexicon().bystander_verbs
    # "The bombings continued overnight, residents said" parsed with the event noun as a subject of "said":
    # the verb's other subject is the speaker, not the attacker
    bystander = bystander or (
        head.dep_ == "nsubj" and head.head == verb and verb.lemma_.lower() in load_role_lexicon().speech_verbs
    )
    for child in verb.children:
        if (
            child.dep_ == "nsubj"
            and a1 is None
            and not bystander
            and not (head.dep_ == "nsubj" and child == head)
            or child.dep_ == "agent"
            and a1 is None
        ):
            a1 = actor_in(child, actors)
        elif child.dep_ in ("dobj", "nsubjpass") and a2 is None and child is not head:
            a2 = actor_in(child, actors)
    if head.dep_ == "nsubj" and a2 is None:
        # the trigger noun is the subject: "Strikes on Aleppo killed some 100 militants"
        for child in head.head.children:
            if child.dep_ == "dobj":
                a2 = actor_in(child, actors)
    if head.lemma_.lower() in _VICTIM_SUBJECT_LEMMAS:
        # "soldiers died", "were among the dead": the subject is the victim; only "by X" names an attacker
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return (actor_in(agent, actors) if agent is not None else None), a2
    if a1 is None and not bystander:
        # the nearest actor before the trigger within its clause, not among the victims
        # the clause's token indices from the document's tree lists (no Token per word of the subtree)
        tree = doc_tree(head.doc)
        clause = set(tree.subtree(verb.i))
        for k in tree.kids[verb.i]:
            if tree.dep[k] in ("nsubjpass", "dobj"):
                clause.difference_update(tree.subtree(k))
        before = [a for a in actors if a.span.end <= trigger.span.start_char and a is not a2]
        before = [a for a in before if any(i in clause for i in _token_ids(head.doc, a.span))]
        a1 = before[-1] if before else None
    if a1 is not None and a2 is not None:
        same = a1.actor.name == a2.actor.name
        allies = (
            a1.actor.country and a1.actor.country == a2.actor.country and a1.actor.inter == a2.actor.inter
        )
        if same or allies:
            a2 = None
    return a1, a2


def _as_role_filler(
    am: ActorMention | None, spans: Sequence[TextSpan], doc: Doc, widen: bool = True
) -> ActorMention | None:
    """The actor mention with the span of the role filler that holds it, that it holds, or whose phrase
    it sits in ("at least 12 people outside a police station": the people, not the police); without
    `widen`, only a role filler inside the mention's span replaces it."""
    if am is None:
        return None
    for span in spans:
        inside = am.span.start <= span.start and span.end <= am.span.end
        if overlaps(span, am.span.start, am.span.end) and (widen or inside):
            return dataclasses.replace(am, span=span)
    if not widen:
        return am
    for span in spans:
        root = span_root(doc, span)
        if root is None:
            continue
        last = root.right_edge
        if root.left_edge.idx <= am.span.start < last.idx + len(last):
            return dataclasses.replace(am, span=span)
    return am


def _actor_within(spans: Sequence[TextSpan], actors: Sequence[ActorMention]) -> ActorMention | None:
    """The first actor mention that overlaps one of the role spans."""
    for span in spans:
        for am in actors:
            if overlaps(span, am.span.start, am.span.end):
                return am
    return None


# a pronoun that stands for the speaker of the clause it sits in ("the army said it shelled", "Hezbollah said
# its fighters attacked"); persons ("he", "she") are left alone: a commander's "he" is rarely his army
_SPEAKER_PRONOUNS = {"it", "its", "they", "their", "we", "our"}


def _speaker_as_attacker(verb: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The speaker of "X said it/they/its fighters did Y" as Y's attacker: the clause's subject is such a
    pronoun (or holds one as its possessor) and the clause is the object of a speech verb whose subject is
    an actor."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in EVENT_NOUNS:
        return None  # "Moscow says its raids killed hundreds": the toll of the raids, told by their maker
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    pronoun = subject if subject.pos_ == "PRON" else owner
    if pronoun is None or pronoun.lower_ not in _SPEAKER_PRONOUNS:
        return None
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in load_role_lexicon().speech_verbs:
        return None
    speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    return actor_in(speaker, actors) if speaker is not None else None


def _token_ids(doc: Doc, span: TextSpan) -> list[int]:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return [t.i for t in s] if s is not None else []


def claim_for(trigger: Trigger, claims: Sequence[Claim], sentence: int) -> Claim | None:
    """The claim whose content holds the trigger (a denial over it makes it disputed), else one made in
    the same sentence."""
    start, end = trigger.span.start_char, trigger.span.end_char
    inside = [
        c
        for c in claims
        if c.content_span is not None and c.content_span.start <= start and end <= c.content_span.end
    ]
    if inside:
        denied = [c for c in inside if c.stance == "denied"]
        pool = [c for c in inside if c.stance != "denied"] or inside
        best = min(pool, key=lambda c: c.content_span.end - c.content_span.start)
        if denied and best.stance != "denied":
            best = dataclasses.replace(best, stance="disputed")
        return best
    same = [c for c in claims if c.sentence == sentence]
    return same[0] if same else None
