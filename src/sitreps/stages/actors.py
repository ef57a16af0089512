"""The `actors` stage: who takes part, named in ACLED's style.

Three kinds of mention come out, longest match first:
- dictionary names and aliases ("IS", "the Revolutionary Guards", "Moscow", "the US-led coalition");
- a demonym or a country's possessive before an armed noun ("Russian warplanes", "Syria's army",
  "Iraqi police", "Afghan villagers"), generated from the country table rather than listed;
- descriptions typed by what they say ("gunmen", "villagers", "protesters"), with an empty country
  that the events stage fills through `with_country`.

The knowledge lives in data/actors.yaml; users add their own files through `SITREPS_ACTORS`.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
import yaml
from spacy.tokens import Doc

from sitreps.model import Actor, ActorMention, Article, TextSpan
from sitreps.nlp import doc_tokens
from sitreps.stages.place_cues import token_table

BRANCH_SUFFIX = {"forces": "", "air": " Air Force", "navy": " Navy"}
# Prepositions after which a capital or a country name is a place, not the state ("in Moscow").
# fmt: off
LOCATION_PREPS = frozenset({
    "in", "near", "at", "to", "from", "into", "inside", "outside", "around", "across", "toward", "towards",
    "of", "on", "over", "within", "throughout", "via", "through", "between", "out", "off", "beyond",
})
# Tokens that end a noun phrase: a demonym and its armed noun never straddle them.
PHRASE_BREAKERS = frozenset({
    "and", "or", "but", "the", "a", "an", "of", "in", "on", "at", "to", "by", "with", "for", "from", "that",
    "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "has", "have", "had", "said",
    "says", "say", "as", "than", "while", "after", "before", "since", "during",
})
# fmt: on
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass
class Country:
    """One row of the country table: names and the regime period of its state actors."""

    code: str
    name: str
    the_name: str
    period: str
    # closed periods before the current one ("2000-2024"), oldest first: see actor_periods.py
    earlier_periods: tuple[str, ...] = ()
    # the day a period began where the year alone misleads ("2024-": 2024-12-08, Assad's fall)
    period_starts: tuple[tuple[str, str], ...] = ()

    def actor(self, branch: str) -> Actor:
        """The state actor of `branch` ("forces", "air", "navy", "police", "government")."""
        suffix = f" ({self.period})" if self.period else ""
        if branch == "police":
            name = f"Police Forces of {self.the_name}{suffix}"
        elif branch == "government":
            name = f"Government of {self.the_name}{suffix}"
        else:
            name = f"Military Forces of {self.the_name}{suffix}{BRANCH_SUFFIX.get(branch, '')}"
        return Actor(name=name, inter=1, country=self.code, actor_type="state")


@dataclass
class _Pattern:
    """A tokenised alias: lowercase keys for the trie, and the exact forms some tokens require."""

    exact: tuple[str | None, ...]
    kind: str  # "actor", "metonym", "country", "demonym", "armed", "generic", "anaphor"
    value: object


@dataclass
class ActorDictionary:
    """Everything the stage knows, indexed for matching."""

    actors: dict[str, Actor] = field(default_factory=dict)
    families: dict[str, dict[str, str]] = field(default_factory=dict)  # family -> country -> actor name
    family_of: dict[str, str] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    country_index: dict[str, str] = field(default_factory=dict)  # lowercase name/demonym/code -> code
    generics: dict[str, Actor] = field(default_factory=dict)
    trie: dict = field(default_factory=dict)

    def add(self, alias: str, kind: str, value: object) -> None:
        """Index one alias; see actors.yaml for the case rules."""
        force_exact = alias.startswith("=")
        tokens = [t.text for t in _tokenizer()(alias.lstrip("="))]
        if not tokens:
            return
        exact: list[str | None] = []
        for i, tok in enumerate(tokens):
            acronym = len(tok) >= 2 and tok.isupper() and any(c.isalpha() for c in tok)
            capital_inside = i > 0 and tok[:1].isupper()
            exact.append(tok if (force_exact or acronym or capital_inside) else None)
        node = self.trie
        for tok in tokens:
            node = node.setdefault(tok.lower(), {})
        node.setdefault(None, []).append(_Pattern(tuple(exact), kind, value))


@lru_cache(maxsize=1)
def _tokenizer():
    # The same English tokenizer rules as the model's, without loading the model.
    return spacy.blank("en").tokenizer


def _read_yaml(path: Path | None, text: str | None = None) -> dict:
    data = yaml.safe_load(text if text is not None else path.read_text(encoding="utf-8"))
    return data or {}


def load_actor_dictionary(extra_paths: list[Path] | None = None) -> ActorDictionary:
    """Build the dictionary from the packaged actors.yaml plus `extra_paths` and `SITREPS_ACTORS` files."""
    sources = [_read_yaml(None, resources.files("sitreps.data").joinpath("actors.yaml").read_text("utf-8"))]
    env_paths = [Path(p) for p in os.environ.get("SITREPS_ACTORS", "").split(os.pathsep) if p.strip()]
    sources += [_read_yaml(Path(p)) for p in [*(extra_paths or []), *env_paths]]

    countries: dict[str, dict] = {}
    armed: dict[str, list[str]] = {}
    generic: dict[str, dict] = {}
    anaphors: list[dict] = []
    actors: dict[str, dict] = {}
    for src in sources:  # later files replace earlier rows with the same key
        countries.update({row["code"]: row for row in src.get("countries", [])})
        for branch, words in (src.get("armed_nouns") or {}).items():
            armed.setdefault(branch, []).extend(words)
        generic.update({row["name"]: row for row in src.get("generic", [])})
        anaphors.extend(src.get("anaphors", []))
        actors.update({row["name"]: row for row in src.get("actors", [])})

    d = ActorDictionary()
    for row in countries.values():
        c = Country(
            row["code"],
            row["name"],
            row.get("the_name", row["name"]),
            str(row.get("period", "")),
            tuple(str(p) for p in row.get("earlier_periods", [])),
            tuple((str(k), str(v)) for k, v in (row.get("period_starts") or {}).items()),
        )
        d.countries[c.code] = c
        names = [c.name, *row.get("alt_names", [])]
        for key in [c.code, *names, *row.get("demonyms", [])]:
            d.country_index.setdefault(key.lower(), c.code)
        for branch in ("forces", "air", "navy", "police", "government"):
            actor = c.actor(branch)
            d.actors[actor.name] = actor
            d.add(actor.name, "actor", actor.name)
            for alias in row.get(f"{branch}_aliases", []):
                d.add(alias, "actor", actor.name)
        for name in names:
            d.add(name, "country", c.code)
            d.add(f"{name}'s", "demonym", c.code)
        for demonym in row.get("demonyms", []):
            d.add(demonym, "demonym", c.code)
        for metonym in row.get("metonyms", []):
            d.add(metonym, "metonym", c.actor("forces").name)
    for branch, words in armed.items():
        for word in words:
            d.add(word, "armed", branch)
    for row in generic.values():
        actor = Actor(row["name"], int(row["inter"]), "", row.get("type", ""), in_dictionary=False)
        d.generics[actor.name] = actor
        for word in row.get("words", []):
            d.add(word, "generic", actor.name)
    for row in actors.values():
        actor = Actor(row["name"], int(row["inter"]), row.get("country", "") or "", row.get("type", ""))
        d.actors[actor.name] = actor
        for alias in [actor.name, *row.get("aliases", [])]:
            d.add(alias, "actor", actor.name)
        if row.get("family"):
            d.family_of[actor.name] = row["family"]
            members = d.families.setdefault(row["family"], {})
            for code in row.get("members", [actor.country]):
                members.setdefault(code, actor.name)
    for row in anaphors:
        for word in row.get("words", []):
            d.add(word, "anaphor", (tuple(row.get("refers_to", [])), row.get("default", "")))
    return d


@lru_cache(maxsize=1)
def get_actor_dictionary() -> ActorDictionary:
    """The packaged dictionary plus `SITREPS_ACTORS` files, built once per process."""
    return load_actor_dictionary()


# --------------------------------------------------------------------------- matching


@dataclass
class _Match:
    start: int  # token offsets [start, end)
    end: int
    kind: str
    value: object
    priority: int  # lower wins between equally long matches


def _trie_matches(doc: Doc, i: int, d: ActorDictionary) -> list[tuple[int, _Pattern]]:
    """Every pattern starting at token i, as (end token, pattern)."""
    out: list[tuple[int, _Pattern]] = []
    node = d.trie
    j = i
    # lower-cased and verbatim words from the document's token table, not a new Token per step
    table = token_table(doc)
    lower, text, n = table.lower, table.text, table.n
    while j < n:
        node = node.get(lower[j])
        if node is None:
            break
        j += 1
        for pat in node.get(None, []):
            if all(e is None or e == text[i + k] for k, e in enumerate(pat.exact)):
                out.append((j, pat))
    return out


def _is_headline_caps(doc: Doc, i: int, j: int) -> bool:
    """An acronym inside an all-capitals line ("WAR IS OVER") is not an acronym."""
    before = next((t for t in reversed(doc[max(0, i - 2) : i]) if t.is_alpha), None)
    after = next((t for t in doc[j : j + 2] if t.is_alpha), None)
    return all(t is not None and t.is_upper and len(t) > 1 for t in (before, after))


def _stands_for_state(doc: Doc, i: int, j: int) -> bool:
    """A capital or country name standing for the state: a subject or agent, not a place."""
    lower = doc_tokens(doc).lower
    if i > 0 and lower[i - 1] in LOCATION_PREPS:
        return False
    if j < len(doc) and lower[j] in ("'s", "'"):
        return False  # "Syria's second city"; "Syria's army" is matched as a possessive demonym instead
    head = doc_tokens(doc).tokens[j - 1]
    if doc.has_annotation("DEP"):
        if head.dep_ in SUBJECT_DEPS:
            return True
        if head.dep_ == "pobj" and head.head.lower_ == "by":
            return True
        return head.dep_ == "conj" and head.head.dep_ in SUBJECT_DEPS
    return True


def _modifier_ok(doc: Doc, k: int) -> bool:
    """A token that may sit between a demonym and its noun ("Russian Su-34M warplanes")."""
    tok = doc_tokens(doc).tokens[k]
    if tok.lower_ in PHRASE_BREAKERS or tok.is_sent_start:
        return False
    if tok.is_punct and tok.text not in ("-", "/"):
        return False
    return not (doc.has_annotation("TAG") and tok.pos_ in ("VERB", "AUX", "DET", "ADP", "CCONJ", "PRON"))


def _nominal(doc: Doc, end: int) -> bool:
    """The phrase ending before token `end` ends in a noun, not a verb ("howitzers fire near ...")."""
    return not (doc.has_annotation("TAG") and doc_tokens(doc).tokens[end - 1].pos_ in ("VERB", "AUX"))


def _noun_after(doc: Doc, j: int, d: ActorDictionary) -> tuple[int, _Pattern] | None:
    """The armed or generic noun closing a demonym's phrase, up to three modifiers on (the last noun wins)."""
    for k in range(j, min(j + 4, len(doc))):
        if k > j and not _modifier_ok(doc, k - 1):
            return None
        nouns = [
            (e, p) for e, p in _trie_matches(doc, k, d) if p.kind in ("armed", "generic") and _nominal(doc, e)
        ]
        if nouns:
            end, pat = max(nouns, key=lambda m: (m[0], m[1].kind == "armed"))
            while True:  # "air force jets", "army helicopters": extend to an air or naval head noun
                more = [
                    (e, p)
                    for e, p in _trie_matches(doc, end, d)
                    if p.kind == "armed" and p.value in ("air", "navy") and _nominal(doc, e)
                ]
                if not more:
                    break
                end, pat = max(more, key=lambda m: m[0])
            return end, pat
    return None


def _candidates(doc: Doc, d: ActorDictionary) -> list[_Match]:
    out: list[_Match] = []
    lower, trie = token_table(doc).lower, d.trie
    for i in range(len(doc)):
        if lower[i] not in trie:
            continue  # no pattern starts with this word (most words): `_trie_matches` would find none
        for end, pat in _trie_matches(doc, i, d):
            if pat.kind == "actor":
                if all(e is not None for e in pat.exact) and _is_headline_caps(doc, i, end):
                    continue
                out.append(_Match(i, end, "actor", pat.value, 0))
            elif pat.kind == "anaphor":
                out.append(_Match(i, end, "anaphor", pat.value, 1))
            elif pat.kind == "generic":
                out.append(_Match(i, end, "generic", pat.value, 3))
            elif pat.kind in ("metonym", "country") and _stands_for_state(doc, i, end):
                if pat.kind == "metonym":
                    value = str(pat.value)
                else:
                    value = d.countries[str(pat.value)].actor("forces").name
                out.append(_Match(i, end, "actor", value, 2))
            elif pat.kind == "demonym":
                noun = _noun_after(doc, end, d)
                if noun is None:
                    continue
                nend, npat = noun
                code = str(pat.value)
                if npat.kind == "armed":
                    actor = d.countries[code].actor(str(npat.value))
                    d.actors.setdefault(actor.name, actor)
                    out.append(_Match(i, nend, "actor", actor.name, 1))
                else:
                    out.append(_Match(i, nend, "generic_country", (npat.value, code), 1))
    return out


def _select(cands: list[_Match]) -> list[_Match]:
    """Longest match wins; ties go to the lower priority (dictionary before generated before generic)."""
    taken: set[int] = set()
    chosen: list[_Match] = []
    for m in sorted(cands, key=lambda m: (-(m.end - m.start), m.priority, m.start)):
        if any(k in taken for k in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _sentence_of_token(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    index = [0] * len(doc)
    for s_i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = s_i
    return index


def find_actors(doc: Doc, article: Article) -> list[ActorMention]:
    """Actor mentions in reading order, with character spans into `article.text` (== `doc.text`)."""
    d = get_actor_dictionary()
    sent_of = _sentence_of_token(doc)
    table = doc_tokens(doc)
    mentions: list[ActorMention] = []
    for m in _select(_candidates(doc, d)):
        actor: Actor | None
        if m.kind == "actor":
            actor = d.actors.get(str(m.value))
        elif m.kind == "generic":
            actor = d.generics.get(str(m.value))
        elif m.kind == "generic_country":
            name, code = m.value  # type: ignore[misc]
            actor = with_country(d.generics[name], code)
        else:  # anaphor: the most recent earlier mention of an actor it can refer to
            refers_to, default = m.value  # type: ignore[misc]
            earlier = [am.actor for am in reversed(mentions) if am.actor.name in refers_to]
            actor = earlier[0] if earlier else d.actors.get(default)
            if actor is None:
                generic = [c for c in _candidates(doc[m.start : m.end].as_doc(), d) if c.kind == "generic"]
                actor = d.generics.get(str(generic[0].value)) if generic else None
        if actor is None:
            continue
        # the span's offsets and text from the token columns (`Span.text` builds a Token per word)
        start_char, end_char = table.idx[m.start], table.idx[m.end - 1] + len(table.text[m.end - 1])
        mentions.append(
            ActorMention(
                TextSpan(start_char, end_char, table.doc_text[start_char:end_char]), sent_of[m.start], actor
            )
        )
    return mentions


# --------------------------------------------------------------------------- helpers


def lookup_actor(text: str) -> Actor | None:
    """The actor a whole phrase names ("ISIS", "Russian jets", a canonical name); else None."""
    d = get_actor_dictionary()
    if text in d.actors:
        return d.actors[text]
    doc = _tokenizer()(text.strip())
    if not len(doc):
        return None
    for m in find_actors(doc, Article(text=doc.text)):
        if m.span.start == 0 and m.span.end == len(doc.text):
            return m.actor
    return None


def country_code_of(country: str) -> str:
    """ISO alpha-2 code for a country name, alternative name, demonym or code; "" when unknown."""
    return get_actor_dictionary().country_index.get(country.strip().lower(), "")


def with_country(actor: Actor, country_name: str) -> Actor:
    """Place an actor in a country: fill a generic actor's name and country, pick a family's branch.

    "Civilians" + "Syria" -> "Civilians (Syria)"; "Police Forces" + "Iraq" -> "Police Forces of Iraq (2022-)";
    "Islamic State (Syria)" + "Iraq" -> "Islamic State (Iraq)". Country-specific actors come back unchanged.
    """
    d = get_actor_dictionary()
    code = country_code_of(country_name)
    family = d.family_of.get(actor.name)
    if family:
        member = d.families.get(family, {}).get(code)
        return d.actors[member] if member else actor
    if actor.in_dictionary or actor.country or actor.name not in d.generics:
        return actor
    country = d.countries.get(code)
    display = country.name if country else country_name.strip()
    if not display:
        return actor
    branch = {"Military Forces": "forces", "Police Forces": "police", "Air Force": "air"}.get(actor.name)
    if branch and country:
        return dataclasses.replace(country.actor(branch), in_dictionary=False)
    if actor.name == "Air Force":
        return dataclasses.replace(actor, name=f"Military Forces of {display} Air Force", country=code)
    if actor.name == "Police Forces":
        return dataclasses.replace(actor, name=f"Police Forces of {display}", country=code)
    if actor.name == "Military Forces":
        return dataclasses.replace(actor, name=f"Military Forces of {display}", country=code)
    return dataclasses.replace(actor, name=f"{actor.name} ({display})", country=code)


def inter_for(actor: Actor, event_country_code: str) -> int:
    """ACLED's inter code where the event happens: a state's forces abroad are 8, external/other forces."""
    abroad = bool(event_country_code) and actor.country not in ("", event_country_code.upper())
    if actor.inter == 1 and abroad:
        return 8
    return actor.inter
