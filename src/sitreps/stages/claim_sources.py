"""The source side of attribution: the claimant's noun phrase and what kind of speaker it is."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from sitreps.model import ActorMention, TextSpan
from sitreps.nlp import doc_tokens
from sitreps.stages.claim_cues import CueLexicon

# Dependents that are not part of the claimant's name: clauses about it, and punctuation.
CLAIMANT_DROP = frozenset({"relcl", "acl", "advcl", "punct", "cc", "parataxis", "ccomp"})
# Dependents that are never part of the claimant's full noun phrase.
FULL_NP_DROP = frozenset({"advcl", "parataxis", "ccomp", "cc", "conj"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "they", "them"})


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per document (span texts are slices of it)."""
    return doc_tokens(doc).doc_text


_TRIM_START = frozenset({"that", "and"})


def token_span(doc: Doc, start: int, end: int) -> TextSpan | None:
    """TextSpan over tokens [start, end), trimmed of punctuation, quotes and a leading "that"."""
    table = doc_tokens(doc)  # from the token columns: no Token object per word looked at
    punct, lower = table.is_punct, table.lower
    while start < end and (punct[start] or lower[start] in _TRIM_START):
        start += 1
    while end > start and punct[end - 1]:
        end -= 1
    if start >= end:
        return None
    first, last = table.idx[start], table.idx[end - 1] + len(table.text[end - 1])
    return TextSpan(first, last, table.doc_text[first:last])


def claimant_tokens(tok: Token) -> tuple[int, int]:
    """The claimant's noun phrase: the subject with its compounds, appositions and PPs, not its clauses."""
    keep = [tok.i]
    stack = [c for c in tok.children if c.dep_ not in CLAIMANT_DROP]
    while stack:
        t = stack.pop()
        keep.append(t.i)
        stack.extend(c for c in t.children if c.dep_ not in CLAIMANT_DROP or (c.is_punct and c.text == "-"))
    return clip(tok.doc, min(keep), max(keep) + 1, tok.i)


def claimant_np(tok: Token) -> tuple[int, int]:
    """The claimant's full noun phrase, as attribution corpora mark a source: with its appositions and
    relative clauses ("Mr Smith, who chairs the committee,"), not the clauses it governs as a verb's."""
    keep = [tok.i]
    stack = [c for c in tok.children if c.dep_ not in FULL_NP_DROP]
    while stack:
        t = stack.pop()
        keep.append(t.i)
        stack.extend(t.children)
    return clip(tok.doc, min(keep), max(keep) + 1, tok.i)


def clip(doc: Doc, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Keep [start, end) inside the paragraph of token `anchor`: a headline is not the next sentence's."""
    newline = doc_tokens(doc).newline
    for k in range(start, end):
        if newline[k]:
            if k < anchor:
                start = k + 1
            else:
                return start, k
    return start, end


def _words(text: str) -> str:
    return " " + re.sub(r"[^\w\s-]", " ", text.lower()).replace("'s", " ") + " "


# per word list (kept by identity): its one-word entries as a set, and the entries with a space
_SPLIT_LISTS: dict[int, tuple[frozenset[str], frozenset[str], tuple[str, ...]]] = {}


def _split_list(words: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    entry = _SPLIT_LISTS.get(id(words))
    if entry is None or entry[0] is not words:
        if len(_SPLIT_LISTS) > 64:
            _SPLIT_LISTS.clear()
        singles = frozenset(w for w in words if w and " " not in w)
        entry = _SPLIT_LISTS[id(words)] = (words, singles, tuple(w for w in words if w not in singles))
    return entry[1], entry[2]


def _holds_any(words: str, pieces: set[str], listed: frozenset[str]) -> bool:
    """Whether `words` (space-padded, see `_words`) holds an entry of `listed` as whole words: a word
    without a space is whole there exactly when it is one of the space-separated `pieces`."""
    singles, phrases = _split_list(listed)
    return not singles.isdisjoint(pieces) or any(f" {w} " in words for w in phrases)


def claimant_type(span: Span, head: Token, actor: ActorMention | None, lex: CueLexicon) -> str:
    words = _words(span.text)
    pieces = set(words.split(" "))
    toks = doc_tokens(span.doc).tokens[span.start : span.end]  # the span's Tokens, built once
    has_person = any(t.ent_type_ == "PERSON" for t in toks)
    titled = any(t.lower_ in lex.titles for t in toks)
    # "Lieutenant Igor Makushev": a title before two or more proper names ends the phrase
    tail = toks[-3:]
    named = len(tail) == 3 and tail[0].lower_ in lex.titles and all(t.pos_ == "PROPN" for t in tail[1:])
    for kind in ("media", "monitor"):  # the head noun decides first: NER reads "the Observatory" as a person
        if head.lower_ in lex.claimant_types[kind]:
            return kind
    if head.ent_type_ == "PERSON" or (has_person and titled) or named:
        return "person"
    for kind in ("media", "monitor"):
        if _holds_any(words, pieces, lex.claimant_types[kind]):
            return kind
    if actor is not None:
        return "state" if actor.actor.actor_type == "state" else "organisation"
    if head.ent_type_ in ("GPE", "NORP") or _holds_any(words, pieces, lex.claimant_types["state"]):
        return "state"
    if head.ent_type_ == "ORG" or _holds_any(words, pieces, lex.claimant_types["organisation"]):
        return "organisation"
    return "unknown"


def misparsed_subject(verb: Token) -> tuple[int, int] | None:
    """The claimant of '..., the Syrian Observatory said.' when the parser hung it elsewhere.

    Post-posed: the noun phrase between the last comma and the verb. Inverted ("..., said X."): the
    noun phrase after the verb up to the next punctuation.
    """
    doc, sent = verb.doc, verb.sent
    table = doc_tokens(doc)
    punct = table.is_punct
    k = verb.i - 1
    while k >= sent.start and not punct[k] and verb.i - k <= 12:
        k -= 1
    left = (k + 1, verb.i)
    k = verb.i + 1
    while k < sent.end and not punct[k] and k - verb.i <= 12:
        k += 1
    right = (verb.i + 1, k)
    for start, end in (left, right):
        toks = table.tokens[start:end]
        nominal = any(t.pos_ in ("NOUN", "PROPN") for t in toks)
        verbal = any(t.pos_ in ("VERB", "AUX") for t in toks)
        if end > start and nominal and not verbal and punct[start - 1]:
            return start, end
    return None


# Prepositions through which a gerund speech verb shares its governor's subject
SAYING_PREPS = frozenset({"by", "after", "before", "while", "when", "despite", "upon", "since"})


DATES = frozenset({"DATE", "TIME"})


def inherited_subject(verb: Token, through_pcomp: bool = True) -> Token | None:
    """The subject a subjectless cue verb shares with the clause it hangs off.

    "He left the podium, saying ...", "She smiled and said ...", "He opened by saying ...",
    "X is expected to announce ...", "X issued a statement saying ...": up through conjunctions,
    participles, infinitives and the gerund of a preposition, and from a participle on a noun to the
    subject of that noun's verb; "attacked Clinton for saying ...", "accused him of saying ...": the one
    blamed said it.
    """
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("for", "of") and verb.head.dep_ == "prep":
        obj = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ in ("PRON", "PROPN", "NOUN") and obj.ent_type_ not in DATES:
            return obj
    tok = verb
    for _ in range(4):
        # raising: "X is expected to announce" takes the governor's passive subject
        subject_deps = ("nsubj", "nsubjpass") if tok.dep_ == "xcomp" else ("nsubj",)
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "pobj"):
            tok = tok.head.head if tok.head.dep_ == "dobj" else tok.head.head.head
        elif through_pcomp and tok.dep_ == "pcomp" and tok.head.lower_ in SAYING_PREPS and (
            tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX")
        ):  # "opened by saying ...", "After saying ..., the governor left"; not "in saying", "without saying"
            tok = tok.head.head
        elif tok.dep_ in ("conj", "xcomp") or (tok.dep_ == "advcl" and tok.tag_ == "VBG") or (
            tok.dep_ == "advcl" and any(c.tag_ == "TO" for c in tok.children)
        ):  # "met to discuss": the purpose infinitive shares its subject
            tok = tok.head
        else:
            return None
        subject = next((c for c in tok.children if c.dep_ in subject_deps), None)
        if subject is not None:
            return subject
    return None


SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who"})
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def is_speaker(tok: Token, lex: CueLexicon) -> bool:
    """Whether a subject can speak, think or intend: a person, an organisation or a state, by name, by
    pronoun or by a noun for people ("officials", "the campaign"). "It" and things cannot."""
    if tok.pos_ == "PRON":
        return tok.lower_ in SPEAKER_PRONOUNS
    if tok.ent_type_ in SPEAKER_ENTITIES:
        return True
    if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title:
        return True  # "Trump", "Cruz": a name the tagger did not type
    return tok.lemma_.lower() in lex.speaker_nouns or tok.lower_ in lex.speaker_nouns


def can_hold_content(tok: Token, lex: CueLexicon) -> bool:
    """Whether a subject may hold a belief, plan or view, as attribution corpora read it: anything but an
    expletive ("there", "it seems") or a thing or happening ("the attack aims to", "the bill seeks to")."""
    if tok.lower_ == "there" or (tok.lower_ == "it" and tok.dep_ == "expl"):
        return False
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in SPEAKER_ENTITIES:
        return True
    return tok.lemma_.lower() not in lex.things


_DATELINE_END = re.compile(
    r"^[^\n]{0,80}?\((?:AFP|AP|Reuters|dpa|ANI|IANS|UPI|Xinhua)\)\s*(?:-|--|\u2013|\u2014|:)\s"
)


def past_dateline(doc: Doc, subject: Token, verb: Token) -> Token:
    """ "KYIV, Nov 19 (AFP) - Russia's defence ministry said": the parser may take the dateline for the
    subject; the speaker is the noun phrase between the dateline and the verb."""
    sent = verb.sent
    # the sentence's text up to the verb
    m = _DATELINE_END.match(doc_text(doc)[sent.start_char : verb.idx] if verb.i > sent.start else "")
    if m is None or subject.idx >= sent.start_char + m.end():
        return subject
    start = sent.start_char + m.end()
    chunks = [nc for nc in doc.noun_chunks if nc.start_char >= start and nc.end <= verb.i]
    return chunks[-1].root if chunks else subject
