"""A trained argument linker: which noun phrases of a trigger's sentence are its attacker, target or weapon.

The hand rules (`event_roles`, `trigger_arguments`) read a few dozen dependency patterns; real wire English
links an event word to its fillers over many more ("the militants, who claimed the attack on a checkpoint",
"was wounded when gunmen opened fire on his car"). The linker scores every candidate of the trigger's own
sentence, the head of each noun phrase (nouns, names, pronouns), as none / attacker / target / weapon with a
multinomial logistic regression over sparse features of the pair:
- the dependency path trigger -> candidate (labels with direction, a preposition's word kept: `^nsubj`,
  `vprep:by`), its up and down halves, its first and last arcs and its length; the word where the path turns;
- the trigger: lemma, part of speech, passive voice, whether it names harm (kill, wound) or is a noun;
- the candidate: lemma, part of speech, entity label, its class in the role lexicon (weapon, building,
  people, perpetrator noun, pronoun, place, non-participant), word order and distance;
- which role, if any, the rules already gave it; and crosses of the path with the trigger's and candidate's
  classes.
It was trained on examples the team wrote (`training/arguments/*.yaml`, never gold data) by
`make train-argument-linker` (`python -m sitreps.train_argument_linker`), which also chooses how the linker
and the rules are combined by cross-validation on those examples, and ships as `data/argument_linker.npz`.
Only sentences that hold a trigger are read: a few candidates x ~40 features, one small matrix product.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np
from spacy.tokens import Doc, Token

from sitreps.linear_npz import load_linear, save_linear
from sitreps.model import TextSpan
from sitreps.stages.arguments import span_root
from sitreps.stages.role_grammar import EVENT_NOUNS, HARM_LEMMAS, PERPETRATOR_NOUNS, names_people, noun_phrase
from sitreps.stages.role_lexicon import is_non_participant, is_physical_target, is_weapon

MODEL_FILE = "argument_linker.npz"
LABELS = ("none", "attacker", "target", "weapon")
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# a compound or a flat name part is inside another phrase, whose head is the candidate
SKIPPED_DEPS = frozenset({"compound", "flat", "nummod", "det", "punct", "case"})
# entities that say when or how much: never a participant
SKIPPED_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_PREP_DEPS = frozenset({"prep", "agent"})
MAX_PATH = 5  # longer paths keep only their halves and ends: the full path is too rare to learn from


def candidates(head: Token) -> list[Token]:
    """The heads of the noun phrases of the trigger's sentence, the trigger itself left out."""
    return [
        t
        for t in head.sent
        if t.pos_ in CANDIDATE_POS
        and t.i != head.i
        and t.dep_ not in SKIPPED_DEPS
        and t.ent_type_ not in SKIPPED_ENTS
        and not (t.pos_ == "NUM" and t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"))
    ]


def _arc(tok: Token) -> str:
    """A token's arc label, with its word for a preposition ("prep:by", "agent:by")."""
    return f"{tok.dep_}:{tok.lower_}" if tok.dep_ in _PREP_DEPS else tok.dep_


def dep_path(head: Token, cand: Token) -> tuple[list[str], list[str], Token]:
    """(arcs climbed from the trigger, arcs descended to the candidate, the token where the path turns)."""
    up_tokens = [head, *head.ancestors]
    where = {t.i: k for k, t in enumerate(up_tokens)}
    down: list[Token] = []
    tok = cand
    while tok.i not in where:
        down.append(tok)
        if tok.head.i == tok.i:  # another tree (should not happen within one sentence)
            return [_arc(t) for t in up_tokens[:-1]], [_arc(t) for t in reversed(down)], tok
        tok = tok.head
    return [_arc(t) for t in up_tokens[: where[tok.i]]], [_arc(t) for t in reversed(down)], tok


def candidate_class(tok: Token) -> str:
    """The candidate's kind in the role lexicon, the word that says what role it can fill at all."""
    low = tok.lower_
    if tok.pos_ == "PRON":
        return "pron_rel" if tok.tag_ in ("WP", "WDT") or low == "that" else f"pron_{low}"
    if tok.ent_type_ in ("GPE", "LOC"):
        return "place"
    if low in PERPETRATOR_NOUNS or tok.lemma_.lower() in PERPETRATOR_NOUNS:
        return "perpetrator"
    if is_weapon(tok):
        return "weapon"
    if tok.lemma_.lower() in EVENT_NOUNS:
        return "event"
    if is_physical_target(tok):
        return "building"
    if is_non_participant(tok):
        return "nonparticipant"
    if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return "name"
    if names_people(tok):
        return "people"
    return "other"


def is_passive(head: Token) -> bool:
    """Whether the trigger is a passive verb ("were killed") or a bare past participle ("five killed")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
        return True
    return head.tag_ == "VBN" and head.dep_ in ("acl", "amod")


def pair_features(head: Token, cand: Token, rule_role: str | None) -> list[str]:
    """The sparse features of one (trigger, candidate) pair; `rule_role` is the role the rules gave it
    ("none" for no role; None leaves the rules out of the features)."""
    up, down, turn = dep_path(head, cand)
    path = "^".join(up) + "|" + "v".join(down)
    n = len(up) + len(down)
    t_lemma = head.lemma_.lower()
    t_pos = "V" if head.pos_ in ("VERB", "AUX") else "N" if head.pos_ in ("NOUN", "PROPN") else head.pos_
    t_kind = t_pos + ("p" if is_passive(head) else "") + ("h" if t_lemma in HARM_LEMMAS else "")
    c_cls = candidate_class(cand)
    last = down[-1] if down else "self"
    first = up[0] if up else "-"
    ends = f"{first}>{last}"
    half = "^".join(up[:2]) + "|" + "v".join(down[-2:])
    turn_word = turn.lemma_.lower() if turn.i not in (head.i, cand.i) else "-"
    feats = [
        "bias",
        f"half={half}",
        f"up={'^'.join(up)}",
        f"down={'v'.join(down)}",
        f"ends={ends}",
        f"last={last}",
        f"len={min(n, 6)}",
        f"dir={'L' if cand.i < head.i else 'R'}",
        f"dist={min(abs(cand.i - head.i) // 3, 5)}",
        f"tl={t_lemma}",
        f"tk={t_kind}",
        f"cl={cand.lemma_.lower()}",
        f"cpos={cand.pos_}",
        f"cent={cand.ent_type_ or '-'}",
        f"cc={c_cls}",
        f"turn={turn_word}",
        f"tk|half={t_kind}|{half}",
        f"tk|ends={t_kind}|{ends}",
        f"cc|half={c_cls}|{half}",
        f"cc|ends={c_cls}|{ends}",
        f"tl|ends={t_lemma}|{ends}",
        f"tl|cc={t_lemma}|{c_cls}",
        f"turn|down={turn_word}|{'v'.join(down[-2:])}",
        f"cent|ends={cand.ent_type_ or '-'}|{ends}",
    ]
    if n <= MAX_PATH:
        feats += [f"path={path}", f"tk|path={t_kind}|{path}", f"cc|path={c_cls}|{path}"]
    if rule_role is not None:
        feats += [f"rule={rule_role}", f"rule|cc={rule_role}|{c_cls}"]
    return feats


@dataclass
class LinkerModel:
    """Softmax weights over the pair features; `meta` holds the combination chosen by cross-validation."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    meta: dict = field(default_factory=dict)

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """(n_rows, n_labels) probabilities; each row scaled by 1/sqrt(its feature count), as in training."""
        z = np.tile(self.bias, (len(rows), 1)).astype(np.float64)
        for r, feats in enumerate(rows):
            cols = [self.index[f] for f in set(feats) if f in self.index]
            if cols:
                z[r] += self.weights[cols].sum(axis=0) / np.sqrt(max(1, len(set(feats))))
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: str) -> None:
        """Write the model as a compressed .npz (`linear_npz`)."""
        save_linear(path, self.labels, self.index, self.weights, self.bias, self.meta)

    @classmethod
    def load(cls, source) -> LinkerModel:
        """Read a model written by `save`."""
        labels, index, weights, bias, meta, _ = load_linear(source)
        return cls(labels=labels, index=index, weights=weights, bias=bias, meta=meta)


@lru_cache(maxsize=1)
def load_linker() -> LinkerModel | None:
    """The shipped model, loaded once; None when it has not been built."""
    ref = resources.files("sitreps.data").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    with ref.open("rb") as fh:
        return LinkerModel.load(fh)


Linked = list[tuple[Token, dict[str, float]]]  # candidates with their label probabilities


def link(head: Token, rule_roles: dict[int, str], model: LinkerModel | None = None) -> Linked:
    """Each candidate of the trigger's sentence with its role probabilities ({"attacker": p, ...});
    `rule_roles` maps a token index to the role the rules gave the phrase it heads."""
    model = model or load_linker()
    if model is None:
        return []
    cands = candidates(head)
    if not cands:
        return []
    with_rules = bool(model.meta.get("rule_feature", True))
    rows = [pair_features(head, c, rule_roles.get(c.i, "none") if with_rules else None) for c in cands]
    probs = model.probabilities(rows)
    labels = model.labels
    return [(c, dict(zip(labels, row.tolist(), strict=True))) for c, row in zip(cands, probs, strict=True)]


ROLES = ("attacker", "target", "weapon")
# Roles for which the linker's cross-validated setting is used beside the rules. The attacker stays with the
# rules: on dev its picks (fill at 0.4) raised RAMS given-trigger attacker F1 (0.375 -> 0.381) but lowered
# WikiEvents' (0.492 -> 0.478), so that part of the change is not kept.
LINKED_ROLES = ("target", "weapon")
# how many picks a role takes from the linker: one attacker and one weapon, every confident target ("killed
# five soldiers and two civilians")
_MANY = {"attacker": False, "target": True, "weapon": False}


Setting = tuple[str, float]  # (mode, threshold) of one role


def settings_of(meta: dict) -> dict[str, Setting]:
    """Each role's (mode, threshold) from a model's meta; "rules" (the linker adds nothing) by default."""
    found = meta.get("roles", {})
    out: dict[str, Setting] = {role: ("rules", 1.0) for role in ROLES}
    for role, (mode, threshold) in found.items():
        out[role] = (str(mode), float(threshold))
    return out


def choose(linked: Linked, filled: set[str], settings: dict[str, Setting]) -> list[tuple[Token, str]]:
    """The linker's picks to add to the rules' fillers, per role as its setting says: "fill" only when the
    rules left the role empty (`filled` are those they filled), "add" or "veto" always, "rules" never. A
    pick is a candidate whose most probable label is the role, at the threshold or above; `linked` holds
    only the candidates the rules gave no role."""
    picks: list[tuple[Token, str]] = []
    for role in ROLES:
        mode, threshold = settings.get(role, ("rules", 1.0))
        if mode == "rules" or (mode == "fill" and role in filled):
            continue
        found = [
            (p[role], tok)
            for tok, p in linked
            if p[role] >= threshold and max(p, key=p.__getitem__) == role
        ]
        found.sort(key=lambda x: (-x[0], x[1].i))
        picks.extend((tok, role) for _, tok in (found if _MANY[role] else found[:1]))
    return picks


def vetoed(linked: Linked, rule_roles: dict[int, str], settings: dict[str, Setting]) -> set[int]:
    """Token indices of rule fillers the linker rejects, for roles whose mode is "veto": its most probable
    label for the candidate is "none", at the role's threshold or above."""
    out = set()
    for tok, p in linked:
        role = rule_roles.get(tok.i)
        if role is None:
            continue
        mode, threshold = settings.get(role, ("rules", 1.0))
        if mode == "veto" and p["none"] >= threshold and max(p, key=p.__getitem__) == "none":
            out.add(tok.i)
    return out


class RoleFillers(Protocol):
    """What the rules read for one trigger (`TriggerArguments`, `EventRoles`): spans per role."""

    attackers: list[TextSpan]
    targets: list[TextSpan]
    victims: list[TextSpan]
    physical_targets: list[TextSpan]
    weapons: list[TextSpan]


_FILLER_FIELDS = ("attackers", "targets", "victims", "physical_targets", "weapons")


def rule_roles_of(doc: Doc, fillers: RoleFillers) -> dict[int, str]:
    """Token index of each filler's head -> its role ("attacker", "target", "weapon")."""
    found: dict[int, str] = {}
    by_role = (
        ("weapon", fillers.weapons),
        ("target", [*fillers.targets, *fillers.victims, *fillers.physical_targets]),
        ("attacker", fillers.attackers),
    )
    for role, spans in by_role:
        for span in spans:
            root = span_root(doc, span)
            if root is not None:
                found[root.i] = role
    return found


def link_more(
    doc: Doc, head: Token, fillers: RoleFillers, settings: dict[str, Setting] | None = None
) -> None:
    """Combine the argument linker with the rules' fillers of the trigger `head`, in place: drop the rule
    fillers it vetoes and add its picks, per role as `settings` say (by default the shipped model's
    cross-validated ones, `settings_of`); nothing when no model is built."""
    model = load_linker()
    if model is None:
        return
    settings = settings if settings is not None else settings_of(model.meta)
    if all(mode == "rules" for mode, _ in settings.values()):
        return
    rule_roles = rule_roles_of(doc, fillers)
    all_linked = link(head, rule_roles, model)
    dropped = vetoed(all_linked, rule_roles, settings)
    if dropped:
        for name in _FILLER_FIELDS:
            kept = [s for s in getattr(fillers, name) if getattr(span_root(doc, s), "i", -1) not in dropped]
            setattr(fillers, name, kept)
    linked = [(tok, p) for tok, p in all_linked if tok.i not in rule_roles]
    filled = {r for r, v in (("attacker", fillers.attackers), ("weapon", fillers.weapons)) if v}
    if fillers.targets or fillers.victims or fillers.physical_targets:
        filled.add("target")
    for tok, role in choose(linked, filled, settings):
        span = noun_phrase(tok)
        if role == "attacker":
            fillers.attackers.append(span)
        elif role == "weapon":
            fillers.weapons.append(span)
        elif is_physical_target(tok):
            fillers.physical_targets.append(span)
        else:
            fillers.targets.append(span)
