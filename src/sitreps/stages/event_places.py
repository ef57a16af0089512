"""The event's own place: which toponym of a sentence tells where a trigger's event happened.

An analyst takes the toponym in the trigger's own locative phrase ("clashes in Aleppo", "shelled a school
near Hama", "the Kabul bombing"), not the first toponym of the sentence, not the speaker's location ("said
in Moscow"), not where people come from ("fighters from Idlib"). `attachment_rank` grades a place against a
trigger; `trigger_places` and `place_for_verb` use it on top of the tree distance of `arguments.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from sitreps.gazetteer import normalize_name
from sitreps.model import PlaceMention
from sitreps.stages.arguments import owned, span_root, tree_distance, trigger_distance
from sitreps.stages.event_roles import load_role_lexicon
from sitreps.stages.place_cues import attack_nouns, token_table, words
from sitreps.stages.triggers import Trigger, governing_verb

OWN, CLAUSE, AWAY = 0, 1, 2  # ranks: in the trigger's locative phrase, elsewhere nearby, someone else's
# Links inside one place description: "the town of Morek", "Aleppo province", "Latakia, Hama and Idlib"
_WITHIN_PLACE = {"compound", "conj", "appos", "flat", "nmod", "amod", "cc", "punct", "npadvmod", "advmod"}
# Nouns that situate a place relative to another ("outskirts of X", "the town of X", "north of X")
_PLACE_FRAME_PREPS = {"of"}
# Prepositions whose object is not where the event is: a destination, a partner, a purpose
_NOT_WHERE_PREPS = {"to", "with", "for", "via", "than", "like", "about"}


def _place_phrase_head(root: Token, stop: Token | None = None) -> Token:
    """Climb from a toponym to the noun of its whole place phrase ("the outskirts of [Aleppo] province"),
    stopping below `stop` (the trigger: "the [Kabul] bombing")."""
    current = root
    for _ in range(6):
        if stop is not None and current.head.i == stop.i:
            break
        if current.dep_ in _WITHIN_PLACE and current.head is not current:
            current = current.head
        elif (
            current.dep_ == "pobj"
            and current.head.lower_ in _PLACE_FRAME_PREPS
            and current.head.head.pos_ in ("NOUN", "PROPN", "ADV", "ADJ", "NUM", "PRON")
        ):
            current = current.head.head  # "the village of X" -> "village"
        elif current.dep_ == "poss" and current.head.lower_ in words("place_part_nouns"):
            current = current.head  # "Kabul's streets", "Kafr Saghir's liberation"
        else:
            break
    return current


def _own_tokens(head: Token) -> set[int]:
    """Tokens whose locative phrases belong to the trigger: itself, its verb and the verb's objects."""
    verb = governing_verb(head)
    own = {head.i, verb.i}
    for tok in (head, verb):
        for child in tok.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                own.add(child.i)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "of"):
                own.update(c.i for c in child.children if c.dep_ == "pobj")  # "attack on a school in X"
            elif child.dep_ == "prep":
                # "killed in an airstrike on the town of X": the attack that killed is where they died
                own.update(
                    c.i for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in attack_nouns()
                )
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        own.add(head.head.head.i)  # "killed in a raid in X": the raid's verb situates it too
    return own


def _is_speech_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in load_role_lexicon().speech_verbs


def attachment_rank(head: Token, place_root: Token) -> int:
    """OWN when the place is in the trigger's own locative phrase or names it ("the Kabul attack"); AWAY
    when it is where a speaker is or where people come from; else CLAUSE."""
    lex = load_role_lexicon()
    phrase = _place_phrase_head(place_root, head)
    verb = governing_verb(head)
    if phrase.head.i == head.i and phrase.dep_ in ("compound", "nmod", "poss", "amod", "npadvmod"):
        return OWN  # "the Kabul bombing", "Aleppo's shelling"
    if phrase.head.i in (head.i, verb.i) and phrase.dep_ in ("dobj", "nsubjpass"):
        return OWN  # "shelled the outskirts of Hama", "the village of X was bombed", "attacked Ngala"
    if phrase.dep_ == "pobj" and phrase.head.dep_ == "prep":
        prep = phrase.head
        attached = prep.head
        if prep.lower_ == "from" and (
            attached.lemma_.lower() in lex.person_nouns or attached.pos_ in ("NOUN", "PROPN")
        ):
            return AWAY  # "fighters from Idlib"
        framed_to = prep.lower_ == "to" and attached.lemma_.lower() in lex.approach_nouns
        if prep.lower_ in _NOT_WHERE_PREPS and not framed_to:
            return AWAY  # "fled to Turkey", "talks with Damascus": a destination or a partner
        # "an airstrike on the town of X": what an attack hits is where it happened
        target = prep.lower_ in ("on", "against") and attached.lemma_.lower() in attack_nouns()
        if prep.lower_ in lex.locative_preps or framed_to or target:
            if attached.i in _own_tokens(head):
                return OWN
            if _is_speech_verb(attached) and attached.i != head.i and attached in head.ancestors:
                return AWAY  # "said in Moscow that strikes ..."
    if phrase.dep_ == "poss":
        return AWAY  # "Syria's army": the place owns an actor
    # a place hanging on a speech verb that governs the trigger, by any path
    for anc in phrase.ancestors:
        if _is_speech_verb(anc) and anc.i != head.i:
            if anc in head.ancestors and governing_verb(head) is not anc:
                return AWAY
            break
        if anc.i == head.i or anc.i == governing_verb(head).i:
            break
    return CLAUSE


_COARSE_FEATURES = {"country": 2, "admin1": 2, "region": 2, "admin2": 1}
_COMPASS = frozenset(words("compass_words"))
_FRAMES = ("north of", "south of", "east of", "west of", "northeast of", "northwest of", "southeast of",
           "southwest of", "near", "outside", "km")  # fmt: skip


def coarseness(pm: PlaceMention) -> int:
    """How broad a place is as an event location: 0 a town, village or site; 1 a district, or a town
    only named as the reference point of a distance ("X, 10 km north of [Y]"); 2 a province, a country, a
    region; 3 a country adjective ("Syrian Air Force"), a place only by nationality. ACLED codes the most
    specific location the report gives."""
    if pm.is_country_adjective:
        return 3
    if pm.place is None:
        return 0
    level = _COARSE_FEATURES.get(pm.place.feature_type, 0)
    if not level and pm.relation and (any(f in pm.relation for f in _FRAMES) or pm.relation in _COMPASS):
        return 1  # "northern Aleppo" is a part of a province, broader than "the town of X" in it
    return level


_RANK_KEY = "sitreps.place_rank"


def place_rank(doc: Doc, head: Token, pm: PlaceMention) -> int:
    """`attachment_rank` of a place mention against a trigger head, kept per document (sorting, owning and
    borrowing places ask it again for the same pairs)."""
    cache = doc.user_data.setdefault(_RANK_KEY, {})
    key = (head.i, pm.span.start, pm.span.end)
    rank = cache.get(key)
    if rank is None:
        root = span_root(doc, pm.span)
        rank = cache[key] = AWAY if root is None else attachment_rank(head, root)
    return rank


def _name_key(name: str) -> str:
    """A loose key to compare a place's name with a province's ("Hamah" ~ "Hama", "Ar Raqqah" ~ "Raqqa")."""
    key = normalize_name(name)
    for article in ("al ", "ar ", "as ", "ad ", "ash ", "an ", "az ", "at ", "el "):
        if key.startswith(article):
            key = key[len(article) :]
            break
    return key[:-1] if key.endswith("h") else key


def lies_in(inner: PlaceMention, outer: PlaceMention) -> bool:
    """Whether the gazetteer puts `inner` inside `outer`: `outer` is its country, its province, or the city
    that shares its province's name and stands for the province ("Kafr Zita in northern Hama": Hama
    province, not a second place of the event)."""
    a, b = inner.place, outer.place
    if a is None or b is None or a is b or a.country_code != b.country_code or outer.is_country_adjective:
        return False
    if b.feature_type == "country":
        return a.feature_type != "country"
    if not a.admin1 or a.feature_type in ("country", "admin1"):
        return False
    province = _name_key(a.admin1)
    if b.feature_type == "admin1":
        return _name_key(b.name) == province or _name_key(b.admin1 or "") == province
    named_like = province in (_name_key(b.name), _name_key(outer.span.text))
    return named_like and _name_key(b.admin1) == province and b.feature_type == "populated_place"


# Words that may stand between a place and the broader place that situates it: "Kafr Zita in northern
# Hama", "Morek, in the Hama countryside", "the northern Hama town of Morek", "Aleppo's Sheikh Maqsoud"
_CONTAINER_GLUE = frozenset({"in", "inside", "within", "the", "of", ",", "'s", "’s", "province", "provinces",
                             "governorate", "countryside", "region", "district", "area", "rural", "town",
                             "village", "city", "neighbourhood", "neighborhood"})  # fmt: skip
_CONTAINER_LINKS = frozenset({"in", "inside", "within", ",", "of", "'s", "’s"})


def containers(doc: Doc, places: Sequence[PlaceMention]) -> set[int]:
    """Indices of `places` that only situate another place of the same phrase ("Kafr Zita in northern
    Hama", "Aleppo's Sheikh Maqsoud district"): the inner place is where the event is, the outer one is its
    container and no second event place. Two names of a list ("Kafr Zita, Hama and Idlib") are no pair."""
    text = token_table(doc).doc_text
    ordered = sorted(range(len(places)), key=lambda n: places[n].span.start)
    out: set[int] = set()
    for x, y in zip(ordered, ordered[1:], strict=False):
        first, second = places[x], places[y]
        glue = [w.lower() for w in _glue_words(text[first.span.end : second.span.start])]
        if not glue or len(glue) > 5 or not set(glue) <= _CONTAINER_GLUE | _COMPASS:
            continue
        if not set(glue) & _CONTAINER_LINKS:
            continue
        if lies_in(first, second):
            after = _glue_words(text[second.span.end : second.span.end + 12])
            if glue == [","] and after and after[0].lower() in ("and", "or", ","):
                continue  # "Kafr Zita, Hama and Idlib": a list
            out.add(y)
        elif lies_in(second, first) and set(glue) & {"of", "'s", "’s"}:
            out.add(x)  # "the northern Hama town of Morek", "Aleppo's Sheikh Maqsoud district"
    return out


def _glue_words(text: str) -> list[str]:
    """The words and punctuation of a stretch of text between two names ("in northern", ",", "'s")."""
    return re.findall(r"[’']s\b|\w+|[^\w\s]", text)


def trigger_places(
    doc: Doc, trigger: Trigger, rivals: Sequence[Trigger], usable: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """The places of `usable` that belong to `trigger`, its own locative phrases first.

    A place in a trigger's own phrase is that trigger's even when another trigger is nearer in the tree;
    the rest go by tree distance (`owned`); a speaker's place or an origin is dropped unless nothing else is
    left for the trigger.
    """
    others = [r for r in rivals if r is not trigger]
    mine_own, contested = [], []
    for pm in usable:
        rank = place_rank(doc, trigger.head, pm)
        if rank == OWN:
            mine_own.append(pm)
        elif not any(place_rank(doc, r.head, pm) == OWN for r in others):
            contested.append(pm)
    rest = owned(contested, trigger, others, doc, lambda p: p.span.start)
    near = [p for p in rest if place_rank(doc, trigger.head, p) != AWAY]
    mine = mine_own + near
    # "shelled Kafr Zita in northern Hama": one event at Kafr Zita, Hama only says where Kafr Zita is
    outer = containers(doc, mine)
    return sort_places(doc, trigger, [p for n, p in enumerate(mine) if n not in outer])


def sort_places(doc: Doc, trigger: Trigger, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Own locative phrases first, the most specific of them first ("in Madogashe district, northern
    Kenya"), then by distance in the tree."""
    roots = _place_roots(doc, places)
    return sorted(
        places,
        key=lambda p: (
            place_rank(doc, trigger.head, p),
            coarseness(p) + _owns_place(doc, p, roots),
            trigger_distance(doc, trigger, p.span.start),
        ),
    )


def _place_roots(doc: Doc, places: Sequence[PlaceMention]) -> list[Token]:
    return [r for p in places if not p.is_country_adjective and (r := span_root(doc, p.span)) is not None]


def _owns_place(doc: Doc, pm: PlaceMention, roots: Sequence[Token]) -> int:
    """1 when the place only owns another place of its phrase ("Baghdad's Sadr City district"): the owned
    one is the more specific; else 0."""
    root = span_root(doc, pm.span)
    if root is None or root.dep_ != "poss":
        return 0
    owner = root.head
    return int(any(r.i != root.i and (r.i == owner.i or owner.is_ancestor(r)) for r in roots))


def no_event_verb(verb: Token) -> bool:
    """Whether a verb that no event mention owns tells no event of its own: a speech verb ("said in
    Moscow", "reported", "announced"), whose place is where someone spoke, not where anything happened."""
    return verb.pos_ in ("VERB", "AUX") and _is_speech_verb(verb)


def place_for_verb(
    doc: Doc, verb: Token, places: Sequence[PlaceMention], away_ok: bool = False
) -> PlaceMention | None:
    """Where the event of any verb happened, for callers that have a verb but no trigger (the event-location
    evaluation's fallback): the place in the verb's own locative phrase, else the nearest place of its
    sentence that is neither a speaker's location, an origin nor a country adjective. With `away_ok`, a
    destination, an origin or a partner ("fled to Turkey", "returned from Idlib") is the verb's place when the
    sentence gives it no other."""
    best: tuple[int, int, int, PlaceMention] | None = None
    roots = _place_roots(doc, places)
    outer = {id(places[n]) for n in containers(doc, places)}
    for pm in places:
        if pm.is_country_adjective or pm.relation in ("dateline", "based", "backed"):
            continue
        root = span_root(doc, pm.span)
        if root is None or root.sent.start != verb.sent.start:
            continue
        rank = attachment_rank(verb, root)
        if rank == AWAY and not away_ok:
            continue
        broad = coarseness(pm) + _owns_place(doc, pm, roots) + (id(pm) in outer)
        key = (rank, broad, tree_distance(verb, root), pm)
        if best is None or key[:3] < best[:3]:
            best = key
    return best[3] if best else None


# Words that only join the names of a list ("Latakia, Hama and Idlib", "Kobane (Ain al-Arab)")
_LIST_GLUE = {",", "and", "or", "&", "(", ")", "as", "well"}
_AND_WORDS = {"and", "or", "&", "("}


def place_conjuncts(doc: Doc, chosen: PlaceMention, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The chosen place and the places listed with it ("shelled the villages of A and B", "rallies in Lisbon
    and Porto", "Kobane (Ain al-Arab)"): an event told of a list of places is located at every one of them.

    Two names are one list when only commas, "and", "or" or brackets stand between them; a name after a
    comma alone that is broader than the one before only situates it ("Aleppo, Syria") and is left out.
    """
    ordered = sorted(
        (p for p in places if not p.is_country_adjective and p.relation not in ("dateline", "based")),
        key=lambda p: p.span.start,
    )
    if chosen not in ordered:
        return [chosen]
    k = ordered.index(chosen)
    picked = [chosen]
    text = token_table(doc).doc_text  # the document's text, kept (`Doc.text` joins every token per call)
    for step in (1, -1):
        prev = chosen
        j = k + step
        while 0 <= j < len(ordered):
            cand = ordered[j]
            left, right = (prev, cand) if step == 1 else (cand, prev)
            glue = text[left.span.end : right.span.start].split()
            glue_words = {w.lower() for g in glue for w in (g, g.strip(",()"))} - {""}
            if not glue or not glue_words <= _LIST_GLUE or len(glue) > 3:
                break
            if not glue_words & _AND_WORDS and coarseness(right) > coarseness(left):
                break  # "Aleppo, Syria": the country situates the town
            picked.append(cand)
            prev = cand
            j += step
    return sorted(picked, key=lambda p: p.span.start)
