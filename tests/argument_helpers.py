"""Helpers the argument tests share: texts analysed once, and the fillers of one trigger word as text."""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.model import Article, ArticleAnalysis
from sitreps.nlp import parse
from sitreps.pipeline import analyse
from sitreps.stages.trigger_arguments import trigger_arguments


def analysed(texts: dict[str, str]) -> dict[str, tuple[Doc, ArticleAnalysis]]:
    """Each text parsed and analysed once: key -> (Doc, ArticleAnalysis)."""
    out = {}
    for key, text in texts.items():
        doc = parse(text)
        out[key] = (doc, analyse(Article(text=text), doc=doc))
    return out


def fillers(read: tuple[Doc, ArticleAnalysis], word: str, nth: int = 0) -> dict[str, list[str]]:
    """The role fillers (as text) of the `nth` occurrence of `word` in an analysed text."""
    doc, analysis = read
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    args = trigger_arguments(doc, analysis, start, start + len(word))
    return {k: [s.text for s in v] for k, v in vars(args).items()}
