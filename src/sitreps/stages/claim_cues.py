"""The cue side of attribution: the cue lexicon, verb-group cue spans, quoted regions and outlets, and the
verb forms that report no statement made (imagined, wanted or asked for, a name given).

The lexicon (speech verbs with their stance, the long tail of cue classes with the complement each needs,
claim nouns and adjectives, "according to", refusals, claimant-type words) lives in
data/attribution_cues.yaml and is loaded once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

OUTLETS = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "reuters": "Reuters",
    "ap": "AP", "associated press": "AP", "ap photo": "AP", "dpa": "dpa", "xinhua": "Xinhua", "efe": "EFE",
    "ansa": "ANSA", "anadolu": "Anadolu", "upi": "UPI", "bloomberg": "Bloomberg", "tass": "TASS",
    "ians": "IANS", "pti": "PTI", "bernama": "Bernama", "kyodo": "Kyodo", "yonhap": "Yonhap",
}  # fmt: skip
_OUTLET_ALT = "|".join(sorted((re.escape(k) for k in OUTLETS), key=len, reverse=True))
# "... - AFP" at the end; "BEIRUT (Reuters) -" datelines; "(AP Photo/Name)" captions; "© AFP 2015".
OUTLET_PATTERNS = [
    re.compile(rf"[-–—]\s*({_OUTLET_ALT})\s*\.?\s*$", re.I),
    re.compile(rf"\(({_OUTLET_ALT})\)", re.I),
    re.compile(rf"\(({_OUTLET_ALT})(?:\s+photo)?\s*/", re.I),
    re.compile(rf"©\s*({_OUTLET_ALT})\b", re.I),
]


@dataclass(frozen=True)
class TailCue:
    """A long-tail cue verb: its class, the stance of its content and the complement it needs."""

    cue_class: str
    stance: str
    needs: tuple[str, ...]  # "clause", "infinitive", "object", "prep", "as", "oprd", "quote", "as_it"
    preps: frozenset[str] = frozenset()  # the prepositions whose object is the content ("accused X of")
    speaker: str = "loose"  # "loose": not a thing; "strict": a speaker by name, pronoun or noun; "": anyone
    passive: bool = False  # "is expected to": a claim without a source
    particle: str = ""  # the verb only with this particle ("ruled out")
    not_particles: frozenset[str] = frozenset()  # never with these: "called up reserves", "called off"
    objects: frozenset[str] = frozenset()  # when set, the only objects it attributes ("released a statement")
    target: bool = False  # its object must be someone: "attacked the judge for", not "attacked the base for"
    loose: bool = True  # whether a clause or topic it does not list still counts ("thinks about the war")


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    verification: frozenset[str]
    refusal: frozenset[str]
    according: frozenset[str]
    citing: frozenset[str]
    claimant_types: dict[str, frozenset[str]]
    titles: frozenset[str]
    state_titles: frozenset[str]
    unverified: tuple[str, ...]
    verb_preps: dict[str, frozenset[str]]
    channels: frozenset[str]
    speaker_nouns: frozenset[str]
    not_attribution: frozenset[str]
    tail: dict[str, TailCue]
    things: frozenset[str]
    adjectives: dict[str, str]
    adjective_preps: frozenset[str]
    bare_adjectives: frozenset[str]
    impersonal_adjectives: frozenset[str]
    perception: frozenset[str]
    noun_preps: frozenset[str]
    channel_cues: frozenset[str]
    poll_sources: frozenset[str]
    light_verbs: dict[str, frozenset[str]]
    predicate_nouns: frozenset[str]
    received: dict[str, frozenset[str]]
    lemma_fixes: dict[str, str]
    object_not_view: frozenset[str] = frozenset()  # "saw the city", "found the bodies": no view held
    expressive_objects: frozenset[str] = frozenset()  # "unleashed a tirade", "aired an ad": a thing said
    estimates: frozenset[str] = frozenset()  # "by some estimates", "by the UN's count"
    # passives that are no speech with these prepositions: "admitted to hospital", "posted to the front"
    passive_senses: dict[str, frozenset[str]] = field(default_factory=dict)
    hearsay: dict[str, str] = field(default_factory=dict)  # "reportedly", "allegedly": someone unnamed says


def _speaker_rule(value: object) -> str:
    return "strict" if value == "strict" else ("loose" if value else "")


def _tail_cues(classes: dict) -> dict[str, TailCue]:
    """Flatten `cue_classes`: a verb's own preps, needs, speaker or particle override its class's."""
    out: dict[str, TailCue] = {}
    for name, cls in classes.items():
        for verb, spec in cls["verbs"].items():
            own = spec if isinstance(spec, dict) else {"preps": spec}
            out[str(verb)] = TailCue(
                cue_class=name,
                stance=own.get("stance", cls["stance"]),
                needs=tuple(own.get("needs", cls["needs"])),
                preps=frozenset(str(p) for p in own.get("preps", [])),
                speaker=_speaker_rule(own.get("speaker", cls.get("speaker", True))),
                passive=bool(own.get("passive", cls.get("passive", False))),
                particle=str(own.get("particle", "")),
                not_particles=frozenset(str(p) for p in own.get("not_particles", [])),
                objects=frozenset(str(o).lower() for o in own.get("objects", [])),
                target=bool(own.get("target", False)),
                loose=bool(own.get("loose", True)),
            )
    return out


@lru_cache(maxsize=1)
def get_cue_lexicon() -> CueLexicon:
    """The cue lexicon from data/attribution_cues.yaml, loaded once."""
    raw = yaml.safe_load(resources.files("sitreps.data").joinpath("attribution_cues.yaml").read_text("utf-8"))

    def low(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, []))

    tail = _tail_cues(raw.get("cue_classes", {}))
    clash = set(tail) & set(raw["verbs"])
    if clash:  # one reading per verb: a speech verb or a long-tail cue, not both
        raise ValueError(f"attribution_cues.yaml: verbs in both `verbs` and `cue_classes`: {sorted(clash)}")
    verb_preps = {k: frozenset(str(p) for p in v) for k, v in raw.get("verb_prepositions", {}).items()}
    for verb, cue in tail.items():  # "called for", "spoke about": a governed preposition joins the cue
        if cue.preps:
            verb_preps[verb] = verb_preps.get(verb, frozenset()) | cue.preps
    adjectives = {str(w).lower(): st for st, words in raw.get("adjectives", {}).items() for w in words}
    return CueLexicon(
        verbs=dict(raw["verbs"]),
        nouns=dict(raw["nouns"]),
        verification=low("verification_verbs"),
        refusal=low("refusal_verbs"),
        according=low("according_to"),
        citing=low("citing"),
        claimant_types={k: frozenset(w.lower() for w in v) for k, v in raw["claimant_types"].items()},
        titles=low("titles"),
        state_titles=low("state_titles"),
        unverified=tuple(w.lower() for w in raw.get("unverified_phrases", [])),
        verb_preps=verb_preps,
        channels=low("channels"),
        speaker_nouns=low("speaker_nouns"),
        not_attribution=low("not_attribution_verbs"),
        tail=tail,
        things=low("not_speaker_nouns"),
        adjectives=adjectives,
        adjective_preps=low("adjective_prepositions"),
        bare_adjectives=low("bare_adjectives"),
        impersonal_adjectives=low("impersonal_adjectives"),
        perception=low("perception_verbs"),
        noun_preps=low("noun_prepositions"),
        channel_cues=low("channel_cues"),
        poll_sources=low("poll_sources"),
        light_verbs={str(k): frozenset(str(n) for n in v) for k, v in raw.get("light_verbs", {}).items()},
        predicate_nouns=low("predicate_nouns"),
        received={str(k): frozenset(str(n) for n in v) for k, v in raw.get("received_views", {}).items()},
        lemma_fixes={str(k).lower(): str(v) for k, v in raw.get("lemma_fixes", {}).items()},
        object_not_view=low("object_not_view_verbs"),
        expressive_objects=low("expressive_objects"),
        estimates=low("estimate_sources"),
        passive_senses={str(k): frozenset(map(str, v)) for k, v in raw.get("passive_senses", {}).items()},
        hearsay={str(w).lower(): st for st, words in raw.get("hearsay_adverbs", {}).items() for w in words},
    )


@dataclass(frozen=True)
class CueScan:
    """Where a document may hold cues, from one array read: token indices in reading order."""

    candidates: list[int]  # tokens the cue rules may read: a lexicon word, a verb with a clause, "in"
    ins: list[int]  # "in": a channel ("in a statement") or a poll ("in the latest poll")
    marks: list[int]  # colons and dashes


_VERB, _AUX, _NOUN, _ADP = (POS_IDS[p] for p in ("VERB", "AUX", "NOUN", "ADP"))
_SCAN_WORDS: dict[int, tuple[CueLexicon, frozenset[str], frozenset[str], frozenset[str]]] = {}


def _scan_words(lex: CueLexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The lexicon's verb lemmas, noun lemmas and word forms that can start a cue (kept per lexicon)."""
    entry = _SCAN_WORDS.get(id(lex))
    if entry is None or entry[0] is not lex:
        verbs = frozenset(lex.verbs).union(
            lex.verification, lex.refusal, lex.perception, lex.tail, lex.light_verbs, lex.received
        )
        nouns = frozenset(lex.nouns) | lex.predicate_nouns
        forms = frozenset(lex.according).union(
            lex.citing, lex.adjectives, lex.impersonal_adjectives, lex.hearsay
        )
        entry = _SCAN_WORDS[id(lex)] = (lex, verbs, nouns, forms)
    return entry[1], entry[2], entry[3]


# word lists as sets of their strings' hashes, per list (by identity, the list kept alive with them)
_HASHES: dict[int, tuple[object, frozenset[int]]] = {}


def _hashes(words: frozenset[str] | dict[str, str]) -> frozenset[int]:
    """The hashes of a word list's strings: a token column holds exactly these where its string is listed
    (a string's hash is fixed), so membership needs no string looked up."""
    entry = _HASHES.get(id(words))
    if entry is None or entry[0] is not words:
        if len(_HASHES) > 64:  # word lists come from the cached lexicon; a caller's own may not
            _HASHES.clear()
        entry = _HASHES[id(words)] = (words, frozenset(get_string_id(w) for w in words))
    return entry[1]


# lemma hash -> which of the scan's lemma lists hold the lemma, lower-cased (bits: _LEMMA_VERB ...), per
# lexicon: a lemma's answer is looked up once per corpus rather than once per article
_LEMMA_VERB, _LEMMA_OBJECT, _LEMMA_NOUN = 1, 2, 4
_LEMMA_CLASSES: dict[int, tuple[CueLexicon, dict[int, int]]] = {}


def _lemma_classes(doc: Doc, lemmas: list[int], lex: CueLexicon) -> np.ndarray:
    """Per token, the bits of the lemma lists (speech and tail verbs, expressive objects, claim nouns)
    that hold its lemma lower-cased."""
    entry = _LEMMA_CLASSES.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _LEMMA_CLASSES[id(lex)] = (lex, {})
    known = entry[1]
    verbs, nouns, _ = _scan_words(lex)
    for h in {h for h in lemmas if h not in known}:  # lemmas not met before in the corpus
        word = doc.vocab.strings[h].lower()
        known[h] = (
            (_LEMMA_VERB if word in verbs else 0)
            | (_LEMMA_OBJECT if word in lex.expressive_objects else 0)
            | (_LEMMA_NOUN if word in nouns else 0)
        )
    return np.array([known[h] for h in lemmas], dtype=np.int64)


_MARKS: dict[frozenset[str], frozenset[str]] = {}


def scan_cues(doc: Doc, lex: CueLexicon, marks: frozenset[str]) -> CueScan:
    """Fix the lemmas the small model misreads ("hopes" -> "hop"), then list the tokens that may cue a
    claim, so that the rules build Token objects only for them. A superset of what any rule reads: a
    verb or noun by lemma, a word form, any verb heading a clausal complement, "in"."""
    if not len(doc):
        return CueScan([], [], [])
    strings = doc.vocab.strings
    table = doc.to_array([LOWER, LEMMA, POS, DEP, ORTH])
    low, lemma, pos, dep, orth = table.T
    low_hashes, lemma_hashes, _, _, orth_hashes = table.T.tolist()
    verbs, _, forms = _scan_words(lex)

    def among(column: list[int], words: frozenset[str] | dict[str, str]) -> np.ndarray:
        # a set test per token: cheaper than `np.isin` (a sort) on an article's few hundred tokens
        listed = _hashes(words)
        return np.array([h in listed for h in column], dtype=bool)

    lemma_bits = _lemma_classes(doc, lemma_hashes, lex)
    verbal = (pos == _VERB) | (pos == _AUX)
    verb_lemma = (lemma_bits & _LEMMA_VERB) != 0
    for i in np.flatnonzero((pos == _VERB) & among(low_hashes, lex.lemma_fixes)).tolist():
        fixed = lex.lemma_fixes[strings[int(low[i])]]
        doc[i].lemma_ = fixed
        verb_lemma[i] = fixed.lower() in verbs
    # HEAD is an offset stored unsigned: back to signed before adding it to the index
    clauses = np.flatnonzero(dep == strings["ccomp"])
    clause_head = np.zeros(len(doc), dtype=bool)
    clause_head[clauses + doc.to_array([HEAD]).astype("int64")[clauses]] = True
    is_in = low == strings["in"]
    is_by = low == strings["by"]
    # a verb whose object says something ("unleashed a tirade", "ran an ad"): whatever the verb
    objects = np.flatnonzero((dep == strings["dobj"]) & ((lemma_bits & _LEMMA_OBJECT) != 0))
    object_head = np.zeros(len(doc), dtype=bool)
    object_head[objects + doc.to_array([HEAD]).astype("int64")[objects]] = True
    candidate = (
        among(low_hashes, forms)
        | (verbal & (verb_lemma | ((pos == _VERB) & (clause_head | object_head))))
        | ((pos == _NOUN) & ((lemma_bits & _LEMMA_NOUN) != 0))
        | ((pos == _ADP) & (is_in | is_by))
    )
    punct = among(orth_hashes, _MARKS.get(marks) or _MARKS.setdefault(marks, marks | {":"}))
    return CueScan(*(np.flatnonzero(m).tolist() for m in (candidate, is_in, punct)))


def outlet_from_text(text: str) -> str:
    """The wire service signing a report ("- AFP", "(Reuters)", "(AP Photo/...)"); "" when none."""
    for pattern in OUTLET_PATTERNS:
        hit = pattern.search(text)
        if hit:
            return OUTLETS[hit.group(1).lower()]
    return ""


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paragraph by paragraph.

    A quote left open at a paragraph's end runs to that end: wire copy opens a multi-paragraph quote in
    each paragraph and closes it only in the last.
    """
    regions: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        for hit in re.finditer(r"''|[\"“”]", para.group()):  # "''": a straight quote in some feeds
            at = para.start() + hit.start()
            mark = hit.group()
            if opened is None and mark != "”":
                opened = at
            elif opened is not None and mark != "“":
                regions.append((opened, at + len(mark)))
                opened = None
        if opened is not None:
            regions.append((opened, para.end()))
    return regions


def verb_group(verb: Token) -> tuple[int, int]:
    """Token range of a cue verb with its auxiliaries, negation and adverbs: "has also said", "did not say".

    The infinitive "to" is not part of the cue ("wanted to say": the cue is "say").
    """
    left = [
        c.i
        for c in verb.children
        if c.i < verb.i
        and (c.dep_ in ("aux", "auxpass", "neg") or (c.dep_ == "advmod" and c.pos_ == "ADV"))
        and c.tag_ != "TO"
        and not any(t.dep_ in ("nsubj", "nsubjpass") or t.is_punct for t in verb.doc[c.i : verb.i])
    ]
    return (min(left) if left else verb.i), verb.i + 1


def cue_extent(verb: Token, lex: CueLexicon) -> tuple[int, int]:
    """The cue of a speech verb: its verb group with a particle ("pointed out") or a governed preposition
    ("called for"), when it follows the verb ("accused X of": the cue is "accused"). The audience and the
    channel ("told reporters", "in a statement") are not part of it."""
    start, end = verb_group(verb)
    preps = lex.verb_preps.get(verb.lemma_.lower(), frozenset())
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i > verb.i and child.dep_ == "prt":
            end = max(end, child.i + 1)
        elif child.i == end and child.dep_ == "prep" and child.lower_ in preps:
            end = child.i + 1
    return start, end


_WOULD = frozenset({"would", "'d", "’d"})
_LATER = frozenset({"later", "subsequently", "afterwards", "afterward"})
_NAMING = frozenset({"call", "name", "term", "title", "nickname"})


def naming(verb: Token) -> bool:
    """A participle that gives a name, not a view: "a town called Kafr Nabl" (not "a plan called a disaster
    by critics", whose critics hold a view)."""
    if verb.tag_ != "VBN" or verb.dep_ != "acl" or verb.lemma_.lower() not in _NAMING:
        return False
    if verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN":
        return False  # "Trump called Clinton a liar" misparsed as a noun phrase: Trump calls her that
    return not any(c.dep_ in ("agent", "nsubj") for c in verb.children)


_ANYONE = frozenset({"those", "anyone", "anybody", "everyone", "everybody", "whoever", "someone", "somebody"})


def generic_holder(verb: Token) -> bool:
    """A verb in the present of a relative clause on no one in particular: "those who question his record",
    "anyone who says otherwise": a kind of person described, not a statement made."""
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBP", "VBZ") or verb.head.lower_ not in _ANYONE:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children)


def unasserted(verb: Token, speech: bool) -> bool:
    """Whether a cue verb reports no statement or view actually made: a verb joined to a wanted or imagined
    one ("wants to sell the plan and tell voters"); a view under "would" in the main clause; and, for a
    speech verb, speech imagined under "would" ("he would say that"; not the narrative "would later tell
    reporters") or wanted in a bare clause ("let them say")."""
    aux = [c for c in verb.children if c.dep_ == "aux"]
    joined = verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.tag_ == "VB"
    if joined and not aux and not any(c.dep_ == "nsubj" for c in verb.children):
        return True
    would = any(c.lower_ in _WOULD for c in aux)
    if not speech:
        # "Clinton would support a ban" as the main clause: a view held on a condition, not one stated
        # (under a speech verb, "she said she would support it", the view is the speaker's report)
        return would and verb.dep_ == "ROOT" and verb.tag_ == "VB"
    if verb.tag_ == "VB" and verb.dep_ == "ccomp" and all(c.tag_ == "TO" for c in aux):
        return True
    later = any(c.dep_ == "advmod" and c.lower_ in _LATER for c in verb.children)
    return would and not later


IRREALIS_CLASSES = frozenset({"intention", "appeal"})
OBLIGATIONS = frozenset({"require", "need"})


def irrealis(verb: Token, lex: CueLexicon) -> bool:
    """A to-infinitive wanted, asked for or owed ("urged him to announce", "plans to say", "is required to
    report"): no statement made yet, whether or not the governing cue was read. Not "tried to explain" (an
    attempt is made) or "is expected to announce" (read, with the raised subject, as the mayor's)."""
    if verb.tag_ != "VB" or verb.dep_ != "xcomp" or not any(c.tag_ == "TO" for c in verb.children):
        return False
    head = verb.head.lemma_.lower()
    cue = lex.tail.get(head)
    return head in OBLIGATIONS or (cue is not None and cue.cue_class in IRREALIS_CLASSES)


def cue_phrase_end(verb: Token, lex: CueLexicon, end: int) -> int:
    """Where the readable cue phrase ends: with the audience of "tell" ("told reporters") and the channel
    ("said in a statement"), which say how the claim was made."""
    for child in verb.children:
        if child.i < verb.i:
            continue
        if verb.lemma_.lower() == "tell" and child.dep_ in ("dobj", "dative") and child.pos_ != "VERB":
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "during"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in lex.channels:
                end = max(end, pobj.right_edge.i + 1)
    return end
