"""A trained sub-event-type classifier: CASE 2021 task-2 codes for a sentence or a short event note.

The model is a multinomial logistic regression (softmax, L2) over sparse binary features of the spaCy parse:
lower-cased lemmas, lemma bigrams, head>dependent lemma pairs (`fire>protester`, `defuse>ied`) and the
sentence root's lemma. Places, people, dates and numbers are replaced by their entity type so that the model
learns what happened, not where. Next to them sit the dense features of the static sentence embedding of
the text less those entities (`sitreps.embeddings`, unit length, times the model's `dense_scale`), which know
that "shelled" is close to "bombarded" and "pounded" where the hand-written examples only ever said one of
them. It was trained on the examples the team wrote by hand in `training/event_types/` (one file per code,
ACLED event-note and wire-report style; never on gold data) and ships as `data/event_type_model.npz`.
Rebuild it with `make train-event-types` (`python -m sitreps.train_event_types`), which also prints its
K-fold accuracy and macro F1.

The 30 codes are ACLED's 25 sub-event types as `data/taxonomy.yaml`'s `case2021` column names them, plus
OTHER's strategic developments and five kinds of report that tell no conflict event: ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO and ATTRIB.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Span, Token

from sitreps.linear_npz import load_linear, save_linear

MODEL_FILE = "event_type_model.npz"

# Entity types whose words say where, when, who or how many, not what happened: replaced by the type.
MASKED_ENTITY_TYPES = frozenset(
    {"GPE", "LOC", "FAC", "PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
)
# Dependency arcs whose head and dependent together name an action and its object or agent.
PAIR_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "agent", "compound", "amod", "acomp", "attr", "xcomp",
                       "advcl", "conj", "nmod", "npadvmod", "dative", "oprd"})


def token_key(tok: Token) -> str | None:
    """The normalised word a token contributes: its lower-cased lemma, or a placeholder; None to skip it."""
    if tok.is_punct or tok.is_space or tok.is_bracket or tok.is_quote:
        return None
    if tok.ent_type_ in MASKED_ENTITY_TYPES:
        return "<" + tok.ent_type_ + ">"
    if tok.like_num:
        return "<NUM>"
    lemma = tok.lemma_.lower().strip()
    return lemma or None


def features(tokens: Iterable[Token]) -> set[str]:
    """The sparse binary features of a run of tokens (a Doc, a sentence or any Span)."""
    toks = list(tokens)
    feats: set[str] = set()
    keys: list[str] = []
    prev_masked = ""
    for tok in toks:
        key = token_key(tok)
        if key is None:
            continue
        # "New York City" is one <GPE>, not three
        if key.startswith("<") and key == prev_masked:
            continue
        prev_masked = key if key.startswith("<") else ""
        keys.append(key)
    for i, key in enumerate(keys):
        feats.add("w=" + key)
        if i:
            feats.add("b=" + keys[i - 1] + "_" + key)
    for tok in toks:
        child = token_key(tok)
        if child is None:
            continue
        if tok.dep_ == "ROOT":
            feats.add("root=" + child)
            continue
        head = tok.head
        if tok.dep_ == "pobj" and head.dep_ == "prep":
            # "fired on protesters" -> fire>on>protester
            verb = token_key(head.head)
            if verb is not None:
                feats.add("p=" + verb + ">" + head.lower_ + ">" + child)
            continue
        if tok.dep_ in PAIR_DEPS:
            parent = token_key(head)
            if parent is not None and parent != child:
                feats.add("d=" + parent + ">" + child)
    return feats


@dataclass(frozen=True)
class EventTypeModel:
    """A trained softmax classifier: a weight row per known feature, a bias and the label codes."""

    labels: tuple[str, ...]
    feature_index: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    meta: dict
    # weights of the sentence embedding, (dimensions, n_labels); None for a sparse-only model
    dense_weights: np.ndarray | None = None
    # the unit-length embedding is multiplied by this before the weights (as in training): it sets how
    # strongly the shared L2 penalty holds the dense weights back against the sparse ones
    dense_scale: float = 0.0

    @property
    def uses_embeddings(self) -> bool:
        """Whether the model reads the text's sentence embedding as well as its sparse features."""
        return self.dense_weights is not None and self.dense_scale > 0

    def probabilities(self, feats: Iterable[str], vector: np.ndarray | None = None) -> np.ndarray:
        """Label probabilities for one example's features (features the model never saw are ignored) and,
        for a model that uses them, its sentence embedding `vector` (required then)."""
        feats = set(feats)
        rows = [self.feature_index[f] for f in feats if f in self.feature_index]
        scores = self.bias.astype(np.float64)
        if rows:
            # as in training: a binary vector over all extracted features, L2-normalised
            scores = scores + self.weights[rows].astype(np.float64).sum(axis=0) / np.sqrt(len(feats))
        if self.uses_embeddings:
            if vector is None:
                raise ValueError("this model reads sentence embeddings: pass the text's vector")
            scores = scores + self.dense_scale * (vector.astype(np.float64) @ self.dense_weights)
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def save(self, path: str) -> None:
        """Write the model as a compressed .npz (`linear_npz`; the sentence-embedding weights beside)."""
        dense = {}
        if self.dense_weights is not None:
            dense = {"dense_weights": self.dense_weights.astype(np.float32),
                     "dense_scale": np.array(self.dense_scale, dtype=np.float64)}
        save_linear(path, self.labels, self.feature_index, self.weights, self.bias, self.meta, **dense)

    @classmethod
    def load(cls, source) -> EventTypeModel:
        """Read a model written by `save` from a path or an open binary file."""
        labels, index, weights, bias, meta, extra = load_linear(source)
        dense = extra.get("dense_weights")
        return cls(
            labels=labels,
            feature_index=index,
            weights=weights,
            bias=bias,
            meta=meta,
            dense_weights=dense.astype(np.float32) if dense is not None else None,
            dense_scale=float(extra["dense_scale"]) if "dense_scale" in extra else 0.0,
        )


@lru_cache(maxsize=1)
def load_model() -> EventTypeModel:
    """The shipped model, read once per process."""
    ref = resources.files("sitreps") / "data" / MODEL_FILE
    with ref.open("rb") as fh:
        return EventTypeModel.load(fh)


def embedding_text(tokens: Iterable[Token]) -> str:
    """The text whose embedding the classifier reads: the tokens' text less places, people, dates and
    numbers, which (as in `features`) say where and when, not what happened."""
    kept = (tok.whitespace_ if tok.ent_type_ in MASKED_ENTITY_TYPES or tok.like_num else tok.text_with_ws
            for tok in tokens)
    return "".join(kept).strip()


def text_vector(doc_or_span: Doc | Span) -> np.ndarray:
    """The sentence embedding the classifier reads for a parsed sentence, note or span (`embedding_text`)."""
    from sitreps.embeddings import sentence_vector

    return sentence_vector(embedding_text(doc_or_span))


def classify(doc_or_span: Doc | Span, candidates: Iterable[str] | None = None) -> list[tuple[str, float]]:
    """CASE 2021 codes with probabilities, best first, for a parsed sentence, note or span.

    With `candidates` (e.g. the codes a rule found possible) only those codes are returned, their
    probabilities renormalised to sum to 1; unknown codes are ignored.
    """
    model = load_model()
    vector = text_vector(doc_or_span) if model.uses_embeddings else None
    probs = model.probabilities(features(doc_or_span), vector)
    ranked = sorted(zip(model.labels, probs.tolist(), strict=True), key=lambda lp: (-lp[1], lp[0]))
    if candidates is not None:
        wanted = set(candidates)
        ranked = [(label, p) for label, p in ranked if label in wanted]
        total = sum(p for _, p in ranked)
        if total > 0:
            ranked = [(label, p / total) for label, p in ranked]
    return ranked


# The rules' reading of a snippet gives way to the classifier's when the classifier rates a code outside the
# rules' candidates at least this probable (over all codes). Chosen by 5-fold cross-validation on the team's
# own notes (each note's rule candidates with out-of-fold probabilities; thresholds 0.2 to 0.95 compared:
# 0.5 best on all 4,624 notes, accuracy 0.891 -> 0.953, and on the hand-written ones, 0.896 -> 0.930),
# never by a score on evaluation data. The notes flatter the classifier (it reads them far better than outside
# text), which is why no lower threshold is worth its risk.
OVERRIDE_PROBABILITY = 0.5


def choose_label(doc_or_span: Doc | Span, candidates: Sequence[str],
                 override: float = OVERRIDE_PROBABILITY) -> str:
    """The CASE 2021 code of a snippet's main event, given the codes the rules read in it (`candidates`,
    in text order): the one candidate, or the candidate the classifier rates highest; the classifier's own
    reading when the rules read nothing or when it rates another code at least `override` probable."""
    ranked = classify(doc_or_span)
    best, p = ranked[0]
    if not candidates or (p >= override and best not in candidates):
        return best
    if len(candidates) == 1:
        return candidates[0]
    return next((label for label, _ in ranked if label in candidates), candidates[0])


def classify_text(text: str, candidates: Iterable[str] | None = None) -> list[tuple[str, float]]:
    """Parse `text` with the project's spaCy pipeline and classify it as a whole (see `classify`)."""
    from sitreps.nlp import parse

    return classify(parse(text), candidates)


def best_label(doc_or_span: Doc | Span) -> tuple[str, float]:
    """The single most probable code and its probability."""
    return classify(doc_or_span)[0]



NON_EVENT_CODES = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})


def non_event_sentence(sentence: Doc | Span, min_probability: float = 0.8) -> str:
    """The non-event kind (a disaster, a crime, diplomacy, an attribution) of a sentence when the classifier
    rates it at least `min_probability` AND the cue lexicon of `non_events` names the same kind; else "".
    Two independent readings must agree before a trigger's event is dropped. The cheap cue lexicon is asked
    first, and the answer is kept per sentence (several triggers share one)."""
    from sitreps.stages import non_events

    span = sentence if isinstance(sentence, Span) else sentence[:]
    doc = span.doc
    key = (span.start, span.end, min_probability)
    cache = doc.user_data.setdefault("sitreps_non_event_sentence", {})
    if key in cache:
        return cache[key]
    kind = non_events.classify(sentence) or ""
    if kind:
        best, p = classify(sentence)[0]
        kind = kind if best == kind and p >= min_probability else ""
    cache[key] = kind
    return kind
