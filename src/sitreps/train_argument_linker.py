"""Rebuild the argument linker (`data/argument_linker.npz`) from `training/arguments/*.yaml`.

Each example is text with marked triggers and fillers in a compact inline markup:
`[A Gunmen] [T stormed] a [V police station] in Kano` (A attacker, V target or victim, W weapon, T the
trigger; numbered marks such as `[T2 ...]`/`[V2 ...]` give one line several triggers; see
training/arguments/README.md); everything unmarked is no filler of that trigger. Every example is parsed and
analysed as at run time; the rules' reading of its trigger (`trigger_arguments(..., linker=False)`) is both a
feature and the reference. By 5-fold cross-validation on these examples only (head-word F1 per role, as
`sitreps evaluate arguments` scores), it chooses whether the rules' roles are features, the L2 strength,
and per role how linker and rules combine: "rules" alone, "fill" the role when the rules leave it empty,
"add" confident picks, or "veto" (add, and drop rule fillers the linker calls nobody), with a threshold.
The chosen setting is then fitted on all examples and stored in the model's meta. Deterministic (fixed
fold seed, L-BFGS from zero weights).

    python -m sitreps.train_argument_linker [--data training/arguments] [--out src/sitreps/data/...]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from sitreps.stages.argument_linker import (  # noqa: E402
    LABELS,
    MODEL_FILE,
    ROLES,
    LinkerModel,
    Setting,
    candidates,
    choose,
    pair_features,
    rule_roles_of,
    vetoed,
)
from sitreps.train_event_types import build_rows, fit_softmax, vocabulary  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "training" / "arguments"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / MODEL_FILE
MARK = re.compile(r"\[([ATVW])(\d?) ([^\[\]]+?)\]")
ROLE_OF_MARK = {"A": "attacker", "V": "target", "W": "weapon"}
L2_GRID = (1e-5, 1e-4, 1e-3)
# whether the rules' role of a candidate is a feature: with it the model leans on the rules and rarely
# picks what they miss; without it the model reads the sentence on its own (chosen by cross-validation)
RULE_FEATURE = (True, False)
MODES = [("rules", 1.0)] + [(m, t) for m in ("fill", "add", "veto") for t in (0.4, 0.5, 0.6, 0.7, 0.8)]
FOLDS = 5
SEED = 13


@dataclass
class Example:
    """One marked example: its plain text, trigger characters and role spans."""

    text: str
    trigger: tuple[int, int]
    spans: dict[str, list[tuple[int, int]]]
    source: str


def parse_markup(marked: str, source: str = "") -> list[Example]:
    """Plain text and spans of a marked example, one Example per trigger. Marks may carry a trigger number
    ("[A1 Gunmen] [T1 stormed] ... [T2 killed] [V2 five]"); an unnumbered role mark belongs to every
    trigger ("[A Gunmen] [T1 stormed] a [V1 hotel] and [T2 killed] [V2 five guests]")."""
    out, marks, pos, length = [], [], 0, 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        start, words = length, m.group(3)
        out.append(words)
        length += len(words)
        marks.append((m.group(1), m.group(2), start, length))
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    triggers = [(num, s, e) for kind, num, s, e in marks if kind == "T"]
    if not triggers or "[" in text or "]" in text or len({n for n, _, _ in triggers}) != len(triggers):
        raise ValueError(f"bad markup in {source}: {marked!r}")
    examples = []
    for num, t_start, t_end in triggers:
        spans: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLE_OF_MARK.values()}
        for kind, k, s, e in marks:
            if kind != "T" and (k == "" or k == num):
                spans[ROLE_OF_MARK[kind]].append((s, e))
        examples.append(Example(text, (t_start, t_end), spans, source))
    return examples


def load_examples(folder: Path) -> list[Example]:
    """All examples of `folder`'s *.yaml files (`examples:` lists), in a stable order."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for marked in data["examples"]:
            found.extend(parse_markup(str(marked).strip(), path.name))
    return found


@dataclass
class Prepared:
    """An example read as at run time: candidate rows, their labels, gold and rules' head words."""

    rows: list[list[str]]
    labels: list[int]
    tokens: list  # candidate tokens
    gold: dict[str, list[str]]
    rules: list[tuple[str, str, int]]  # (role, head word, index of the filler's head token or -1)
    rule_roles: dict[int, str]


def prepare(examples: list[Example]) -> list[Prepared]:
    """Parse and analyse every example; the rules' reading becomes a feature and the reference."""
    from sitreps.evaluate.scoring_events import head_word
    from sitreps.model import Article
    from sitreps.nlp import parse_batch
    from sitreps.pipeline import analyse
    from sitreps.stages.arguments import span_root
    from sitreps.stages.trigger_arguments import trigger_arguments, trigger_head

    docs = parse_batch([e.text for e in examples])
    out = []
    for ex, doc in zip(examples, docs, strict=True):
        head = trigger_head(doc, *ex.trigger)
        analysis = analyse(Article(text=ex.text), doc=doc)
        args = trigger_arguments(doc, analysis, *ex.trigger, linker=False)
        rule_roles = rule_roles_of(doc, args)
        gold_roots: dict[int, str] = {}
        gold = {}
        for role, spans in ex.spans.items():
            gold[role] = [head_word(ex.text[s:e]) for s, e in spans]
            for s, e in spans:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    gold_roots[span.root.i] = role
        rules = []
        for role, spans in (
            ("attacker", args.attackers),
            ("target", _distinct(args.targets + args.victims + args.physical_targets)),
            ("weapon", args.weapons),
        ):
            for span in spans:
                root = span_root(doc, span)
                rules.append((role, head_word(span.text), root.i if root is not None else -1))
        cands = candidates(head) if head is not None else []
        rows = [pair_features(head, c, rule_roles.get(c.i, "none")) for c in cands]
        labels = [LABELS.index(gold_roots.get(c.i, "none")) for c in cands]
        out.append(Prepared(rows, labels, cands, gold, rules, rule_roles))
    return out


def _distinct(spans: list) -> list:
    """Spans that overlap an earlier one are one filler, as the evaluation counts them."""
    kept: list = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not any(s.start < k.end and k.start < s.end for k in kept):
            kept.append(s)
    return kept


def predict_heads(prep: Prepared, probs: np.ndarray, settings: dict[str, Setting]) -> dict[str, list[str]]:
    """Head words per role of the rules combined with the linker's picks, as `link_more` combines them."""
    from sitreps.evaluate.scoring_events import head_word
    from sitreps.stages.role_grammar import noun_phrase

    rows = zip(prep.tokens, probs, strict=True)
    linked = [(tok, dict(zip(LABELS, row.tolist(), strict=True))) for tok, row in rows]
    dropped = vetoed(linked, prep.rule_roles, settings)
    heads: dict[str, list[str]] = {"attacker": [], "target": [], "weapon": []}
    for role, word, root in prep.rules:
        if root not in dropped:
            heads[role].append(word)
    filled = {r for r, v in heads.items() if v}
    free = [(tok, p) for tok, p in linked if tok.i not in prep.rule_roles]
    for tok, role in choose(free, filled, settings):
        heads[role].append(head_word(noun_phrase(tok).text))
    return heads


def role_counts(gold: dict[str, list[str]], pred: dict[str, list[str]]) -> dict[str, tuple[int, int, int]]:
    """(matched, predicted, gold) per role, head words compared as multisets."""
    out = {}
    for role in ("attacker", "target", "weapon"):
        g, p = Counter(gold.get(role, [])), Counter(pred.get(role, []))
        out[role] = (sum((g & p).values()), sum(p.values()), sum(g.values()))
    return out


def f1(m: int, p: int, g: int) -> float:
    return 2 * m / (p + g) if p + g else 0.0


def without_rules(rows: list[list[str]]) -> list[list[str]]:
    """The rows less the rules' features (`pair_features(..., rule_role=None)`)."""
    return [[f for f in row if not f.startswith("rule")] for row in rows]


def fit(preps: list[Prepared], l2: float, rule_feature: bool = True) -> LinkerModel:
    """Fit the softmax on every candidate row of `preps`."""
    rows = [r for p in preps for r in (p.rows if rule_feature else without_rules(p.rows))]
    labels = np.array([y for p in preps for y in p.labels])
    feature_sets = [set(r) for r in rows]
    index = vocabulary(feature_sets, 1)
    x = build_rows(feature_sets, index)
    weights, bias, _ = fit_softmax(x, labels, len(LABELS), l2)
    return LinkerModel(LABELS, index, weights, bias, {"rule_feature": rule_feature})


def cross_validate(preps: list[Prepared]) -> dict[tuple, dict[str, list[int]]]:
    """Totals per (rule_feature, l2, mode, threshold) and role over K folds: [matched, predicted, gold]."""
    order = list(range(len(preps)))
    random.Random(SEED).shuffle(order)
    folds = [order[k::FOLDS] for k in range(FOLDS)]
    totals: dict[tuple, dict[str, list[int]]] = {}
    for rule_feature in RULE_FEATURE:
        for l2 in L2_GRID:
            for held in folds:
                held_set = set(held)
                model = fit([preps[i] for i in order if i not in held_set], l2, rule_feature)
                for i in held:
                    rows = preps[i].rows if rule_feature else without_rules(preps[i].rows)
                    probs = model.probabilities(rows) if rows else np.zeros((0, len(LABELS)))
                    for mode, thr in MODES:
                        setting = {r: (mode, thr) for r in ROLES}
                        counts = role_counts(preps[i].gold, predict_heads(preps[i], probs, setting))
                        acc = totals.setdefault((rule_feature, l2, mode, thr), {r: [0, 0, 0] for r in counts})
                        for role, c in counts.items():
                            acc[role] = [a + b for a, b in zip(acc[role], c, strict=True)]
            print(f"  rule_feature={rule_feature} l2={l2:g} done", file=sys.stderr)
    return totals


def pooled(total: dict[str, list[int]]) -> float:
    """Pooled F1 over attacker and target (the slots the issue measures), weapon beside them."""
    m, p, g = (sum(total[r][j] for r in ("attacker", "target")) for j in range(3))
    return f1(m, p, g)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--rule-feature", choices=("cv", "yes", "no"), default="cv",
                        help="whether the rules' roles are features: chosen by cross-validation, or fixed")
    args = parser.parse_args(argv)
    global RULE_FEATURE
    if args.rule_feature != "cv":
        RULE_FEATURE = (args.rule_feature == "yes",)
    t0 = time.time()
    examples = load_examples(args.data)
    preps = prepare(examples)
    n_rows = sum(len(p.rows) for p in preps)
    print(f"{len(examples)} examples, {n_rows} candidates, prepared in {time.time() - t0:.0f}s")
    totals = cross_validate(preps)
    for key, total in sorted(totals.items()):
        per_role = " ".join(f"{r} {f1(*total[r]):.3f}" for r in ROLES)
        print(f"rules_feature={key[0]!s:5s} l2={key[1]:g} {key[2]:5s} thr={key[3]:.1f}  {per_role}")
    # each role's setting is chosen on its own (a role's picks and vetoes leave the others' alone); the
    # model (rule feature, L2) is the one whose best per-role settings pool best over attacker and target;
    # ties go to the rules, then to the higher threshold (the smaller change)
    best_model, best_score, best_roles = (RULE_FEATURE[0], L2_GRID[0]), -1.0, {}
    for rule_feature in RULE_FEATURE:
        for l2 in L2_GRID:
            keys = [k for k in totals if k[:2] == (rule_feature, l2)]
            roles = {
                role: max(keys, key=lambda k, r=role: (round(f1(*totals[k][r]), 4), k[2] == "rules", k[3]))
                for role in ROLES
            }
            score = f1(*(sum(totals[roles[r]][r][j] for r in ("attacker", "target")) for j in range(3)))
            if score > best_score + 1e-9:
                best_model, best_score, best_roles = (rule_feature, l2), score, roles
    rules_total = totals[(*best_model, "rules", 1.0)]
    print(f"chosen: rule_feature={best_model[0]} l2={best_model[1]:g} "
          + " ".join(f"{r}={k[2]}@{k[3]}" for r, k in best_roles.items())
          + f" (pooled CV F1 attacker+target {best_score:.3f}, rules alone {pooled(rules_total):.3f})")
    for role in ROLES:
        k = best_roles[role]
        print(f"  {role}: CV F1 {f1(*totals[k][role]):.3f} (rules alone {f1(*rules_total[role]):.3f})")
    model = fit(preps, best_model[1], best_model[0])
    model.meta = {
        "rule_feature": best_model[0], "l2": best_model[1], "examples": len(examples),
        "roles": {r: [k[2], k[3]] for r, k in best_roles.items()},
        "cv_f1": {r: round(f1(*totals[k][r]), 4) for r, k in best_roles.items()},
        "cv_rules_f1": {r: round(f1(*rules_total[r]), 4) for r in ROLES},
    }  # fmt: skip
    model.save(str(args.out))
    print(f"wrote {args.out} ({len(model.index)} features) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
