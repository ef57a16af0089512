"""`sitreps evaluate arguments`: attacker, target, place and weapon of conflict and death events.

WikiEvents and RAMS: for each gold event of a conflict/death type (Conflict.Attack.*, Life.Die.*,
Life.Injure.*), the sitreps mention whose trigger overlaps the gold trigger is its reading, else the
mention nearest it in the same sentence window (within 200 characters). Its fillers per role
(`predicted_fillers`):
- attacker: the mention's `actor1_span` (a dictionary actor's span or the parse's attacker), else the
  actor mention of actor1 nearest the trigger;
- target: `actor2_span`, the victims (`victim_spans`), the physical targets (`target_spans`) and the
  victims of the tolls it owns ("6 civilians"): the datasets' target and victim roles both score here;
- place: the place span;
- weapon: `weapon_spans`.
Fillers of one role that overlap in the text are one filler. Gold and predicted fillers are compared
by head word (`scoring_events.head_word`, the same rule on both sides) as multisets. Events sitreps
finds that match no gold event are not counted (RAMS annotates one event per example, so they cannot
be judged); `events_aligned` says how many gold events got a reading at all. This is the end-to-end
protocol: a role filler only scores when sitreps' own event detection read the event.

Given-trigger protocol (`given_trigger_{role}_f1`, per set and overall): the standard one for RAMS and
WikiEvents argument extraction. The system is handed each gold event's trigger (its characters) and
only links arguments to it: `stages.trigger_arguments.trigger_arguments(doc, analysis, start, end)` on
the same parse and analysis, whatever sitreps' event detection made of that word. Its fillers per role
(`given_trigger_fillers`): attacker = its attackers; target = its targets, victims and physical targets;
place = its places; weapon = its weapons; scored by head word exactly as above. Every gold event is
read, so the gap between the two protocols is what event detection costs.

MUC-4: per document and per template slot, gold entities (each with alternative strings) against
the strings sitreps finds in the whole document (`muc_predictions`). MUC-4 fills templates for terrorist
incidents only, and many of its documents report none: a document fills its slots only when sitreps reads
a mention of a MUC-4 incident type (`MUC_INCIDENT_TYPES`: attacks, bombings, shelling, kidnappings, arson
and looting; not clashes, air strikes, arrests, protests or talks), and the slots come from those
mentions. Perpetrators are their attacker texts, never a pronoun: one holding a name or an acronym is an
organisation (`perp_org`), else individuals (`perp_individual`); the organisation may be the named attacker
of any mention of the document. An armed group merely named in the document is not taken as the
perpetrator (tried: perp_org F1 0.211 -> 0.299, but that is the evaluation guessing, not sitreps reading
who did it).
Victims (MUC-4's hum_tgt_name) are the actor2 and victim texts that name someone (a word that is no
English word, plural or not), not descriptions or the tolls' counts; targets (MUC-4's physical target)
are `target_spans`; weapons are `weapon_spans`.
A gold entity is found when any alternative's head word equals a prediction's head word.
MUC-4 texts are in capitals, which spaCy cannot parse; they are truecased first (`deshout`: sentence case,
words that are no English word keep their capital, so names stay names). Tried: stems for doubled
consonants ("kidnapped", "trafficking") in `deshout`; no gain on MUC-4, so left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitreps.evaluate import TaskResult
from sitreps.evaluate.loaders.muc4 import MucDocument, load_muc4
from sitreps.evaluate.loaders.rams import load_rams
from sitreps.evaluate.loaders.wikievents import ArgumentDocument, GoldEvent, load_wikievents
from sitreps.evaluate.scoring import PRF, set_prf
from sitreps.evaluate.scoring_events import actor_span, analyse_safely, deshout, error_summary, head_word
from sitreps.model import ArticleAnalysis, EventMention, TextSpan
from sitreps.stages.trigger_arguments import TriggerArguments, trigger_arguments

PATTERN = ["wikievents/*.jsonl", "rams/*.jsonlines", "muc4/*.json"]
ROLES = ("attacker", "target", "place", "weapon")
MUC_SLOTS = ("perp_individual", "perp_org", "target", "victim", "weapon")

# dataset role (lower-case) -> the role scored here
GOLD_ROLE: dict[str, str] = {
    "attacker": "attacker",
    "killer": "attacker",
    "injurer": "attacker",
    "target": "target",
    "victim": "target",
    "place": "place",
    "instrument": "weapon",
    "explosivedevice": "weapon",
}
CONFLICT_PREFIXES = ("conflict.attack", "life.die", "life.injure")
WINDOW = 200  # characters: how far a mention may be from a gold trigger to be its reading


def is_conflict_event(event_type: str) -> bool:
    return event_type.lower().startswith(CONFLICT_PREFIXES)


def gold_heads(event: GoldEvent) -> dict[str, list[str]]:
    """Head words of the gold fillers, per scored role."""
    out: dict[str, list[str]] = {r: [] for r in ROLES}
    for role, texts in event.roles.items():
        if role in GOLD_ROLE:
            out[GOLD_ROLE[role]] += [h for h in (head_word(t) for t in texts) if h]
    return out


def _distinct(spans: Iterable[TextSpan | None]) -> list[TextSpan]:
    """Spans that overlap an earlier one name the same filler ("6 civilians" and "civilians")."""
    kept: list[TextSpan] = []
    for s in spans:
        if s is not None and not any(s.start < k.end and k.start < s.end for k in kept):
            kept.append(s)
    return kept


def mention_role_spans(analysis: ArticleAnalysis, mention: EventMention) -> dict[str, list[TextSpan]]:
    """The spans of one mention by what they are: attacker, human target (actor2 and victims), the
    victims that only a toll names ("6 civilians"), physical target, place and weapon."""
    attacker = mention.actor1_span or actor_span(analysis, mention, mention.actor1)
    actor2 = mention.actor2_span or actor_span(analysis, mention, mention.actor2)
    toll_victims = []
    for span in mention.toll_spans:
        victims = [t for t in analysis.tolls if t.span == span and t.who != "unknown"]
        # the toll span ("six civilians") names the victims; a bare number names nobody
        if victims and head_word(span.text) and not head_word(span.text).isdigit():
            toll_victims.append(span)
    return {
        "attacker": _distinct([attacker]),
        "human_target": _distinct([actor2, *mention.victim_spans]),
        "toll_victims": _distinct(toll_victims),
        "physical_target": _distinct(mention.target_spans),
        "place": _distinct([mention.place_span]),
        "weapon": _distinct(mention.weapon_spans),
    }


def predicted_fillers(analysis: ArticleAnalysis, mention: EventMention) -> dict[str, list[str]]:
    """Texts sitreps gives each scored role of one mention: attacker = `actor1_span` (else the actor1
    mention nearest the trigger); target = actor2, victims, toll victims and physical targets (the gold
    target and victim roles both map to target); place = the place span; weapon = `weapon_spans`."""
    spans = mention_role_spans(analysis, mention)
    out: dict[str, list[str]] = {
        "attacker": [s.text for s in spans["attacker"]],
        "target": [
            s.text
            for s in _distinct([*spans["human_target"], *spans["toll_victims"], *spans["physical_target"]])
        ],
        "place": [s.text for s in spans["place"]],
        "weapon": [s.text for s in spans["weapon"]],
    }
    return out


def given_trigger_fillers(arguments: TriggerArguments) -> dict[str, list[str]]:
    """Texts of one given trigger's arguments per scored role (the gold target and victim roles both
    map to target, as in `predicted_fillers`)."""
    return {
        "attacker": [s.text for s in _distinct(arguments.attackers)],
        "target": [
            s.text for s in _distinct([*arguments.targets, *arguments.victims, *arguments.physical_targets])
        ],
        "place": [s.text for s in _distinct(arguments.places)],
        "weapon": [s.text for s in _distinct(arguments.weapons)],
    }


def align(event: GoldEvent, mentions: Iterable[EventMention]) -> EventMention | None:
    """The mention that reads this gold event: trigger overlap first, else the nearest within WINDOW."""
    a, b = event.trigger
    best: tuple[int, EventMention] | None = None
    for m in mentions:
        s, e = m.trigger_span.start, m.trigger_span.end
        d = 0 if s < b and a < e else min(abs(s - b), abs(a - e))
        if d <= WINDOW and (best is None or d < best[0]):
            best = (d, m)
    return best[1] if best else None


def score_event(gold: dict[str, list[str]], predicted: dict[str, list[str]]) -> dict[str, PRF]:
    """Head-word multiset counts per role for one event."""
    return {
        r: set_prf(gold.get(r, []), [h for h in (head_word(t) for t in predicted.get(r, [])) if h])
        for r in ROLES
    }


def _role_metrics(counts: ArgumentCounts) -> dict[str, object]:
    out: dict[str, object] = {}
    for r in ROLES:
        out[f"{r}_f1"] = counts.end_to_end[r].f1
    out["events"] = counts.events
    out["events_aligned"] = counts.aligned / counts.events if counts.events else 0.0
    for r in ROLES:
        out[f"given_trigger_{r}_f1"] = counts.given_trigger[r].f1
    return out


@dataclass
class ArgumentCounts:
    """Per-role counts of one set of WikiEvents- or RAMS-style documents, under both protocols."""

    end_to_end: dict[str, PRF] = field(default_factory=lambda: {r: PRF(0, 0, 0) for r in ROLES})
    given_trigger: dict[str, PRF] = field(default_factory=lambda: {r: PRF(0, 0, 0) for r in ROLES})
    events: int = 0
    aligned: int = 0

    def __add__(self, other: ArgumentCounts) -> ArgumentCounts:
        return ArgumentCounts(
            {r: self.end_to_end[r] + other.end_to_end[r] for r in ROLES},
            {r: self.given_trigger[r] + other.given_trigger[r] for r in ROLES},
            self.events + other.events,
            self.aligned + other.aligned,
        )


def evaluate_documents(docs: list[ArgumentDocument], errors: list[str]) -> ArgumentCounts:
    """Per-role counts over the conflict/death events of WikiEvents- or RAMS-style documents: end to end
    (the aligned mention's fillers) and given the gold trigger (`trigger_arguments` on its characters)."""
    out = ArgumentCounts()
    for doc in docs:
        events = [e for e in doc.events if is_conflict_event(e.event_type) and e.trigger[0] >= 0]
        if not events:
            continue
        found = analyse_safely(doc.text, errors)
        for event in events:
            out.events += 1
            gold = gold_heads(event)
            mention = align(event, found[0].mentions) if found else None
            predicted = predicted_fillers(found[0], mention) if found and mention else {}
            out.aligned += mention is not None
            for r, prf in score_event(gold, predicted).items():
                out.end_to_end[r] += prf
            given = {}
            if found:
                given = given_trigger_fillers(trigger_arguments(found[1], found[0], *event.trigger))
            for r, prf in score_event(gold, given).items():
                out.given_trigger[r] += prf
    return out


# ACLED sub-event types that are MUC-4 incident types (attack and murder, bombing, kidnapping, arson and
# robbery); clashes between armed sides, air strikes, arrests, protests and talks are not terrorist
# incidents, so MUC-4 fills no template for them
MUC_INCIDENT_TYPES = frozenset(
    {
        "Attack",
        "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack",
        "Abduction/forced disappearance",
        "Looting/property destruction",
    }
)
# A template fills a slot with a name or a description, never a pronoun
_PRONOUNS = frozenset(
    ["i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "who", "whom", "one"]
)


def muc_predictions(analysis: ArticleAnalysis) -> dict[str, list[str]]:
    """Strings sitreps finds per MUC-4 slot in one document (deduplicated by head word).

    Only a report of a MUC-4 incident (a mention of a `MUC_INCIDENT_TYPES` type) fills a template, and
    its slots come from those mentions, except the perpetrator organisation: the template names the group
    the report holds responsible wherever it says so, so the named attackers of all its mentions fill
    `perp_org`."""
    out: dict[str, list[str]] = {s: [] for s in MUC_SLOTS}
    if not any(m.sub_event_type in MUC_INCIDENT_TYPES for m in analysis.mentions):
        return out
    for m in analysis.mentions:
        incident = m.sub_event_type in MUC_INCIDENT_TYPES
        spans = mention_role_spans(analysis, m)
        for t in (s.text for s in spans["attacker"]):
            if t.lower() in _PRONOUNS:
                continue
            # a name marks an organisation ("the FMLN", "Shining Path") rather than individuals ("gunmen")
            if _names_organisation(t):
                out["perp_org"].append(t)
            elif incident:
                out["perp_individual"].append(t)
        if not incident:
            continue
        # MUC-4's human target is the people, by name (hum_tgt_name: a toll's count names nobody); its
        # physical target the buildings, vehicles and installations
        out["victim"] += [s.text for s in spans["human_target"] if _names_someone(s.text)]
        out["target"] += [s.text for s in spans["physical_target"]]
        out["weapon"] += [s.text for s in spans["weapon"]]
    for slot, texts in out.items():
        seen: dict[str, str] = {}
        for t in texts:
            seen.setdefault(head_word(t), t)
        out[slot] = [t for h, t in seen.items() if h]
    return out


def _names_someone(text: str) -> bool:
    """MUC-4's human-target slot (hum_tgt_name) holds names: keep a victim text with a capitalised word
    that is no English word ("Antonio Roldan Betancur"), not a description ("three soldiers", "Soldiers"
    at a sentence's start)."""
    return any(w[:1].isupper() and w[1:].islower() and not _english_word(w.lower()) for w in text.split())


def _names_organisation(text: str) -> bool:
    """A perpetrator text that holds a name (a capitalised word that is no English word once truecased)
    or an acronym ("FMLN"); sentence case capitalises any first word, so a capital alone says nothing."""
    return _names_someone(text) or any(len(w) > 1 and w.isupper() and w.isalpha() for w in text.split())


def _english_word(low: str) -> bool:
    """A word of the English index, plurals too (the index holds lemmas: "guerrillas", "casualties")."""
    from sitreps.evaluate.scoring_events import common_words

    common = common_words()
    plurals = (("ies", "y"), ("es", ""), ("s", ""))
    stems = [low] + [low[: -len(end)] + repl for end, repl in plurals if low.endswith(end)]
    return any(st in common for st in stems)


def score_muc_slot(gold_entities: list[list[str]], predicted: list[str]) -> PRF:
    """A gold entity is found when a prediction's head word equals any alternative's; one-to-one."""
    heads = [head_word(p) for p in predicted]
    used: set[int] = set()
    tp = 0
    for entity in gold_entities:
        alternatives = {head_word(t) for t in entity}
        for i, h in enumerate(heads):
            if i not in used and h in alternatives:
                used.add(i)
                tp += 1
                break
    return PRF(tp, len(heads) - tp, len(gold_entities) - tp)


def evaluate_muc(docs: list[MucDocument], errors: list[str]) -> dict[str, PRF]:
    counts = {s: PRF(0, 0, 0) for s in MUC_SLOTS}
    for doc in docs:
        found = analyse_safely(deshout(doc.text), errors)
        predicted = muc_predictions(found[0]) if found else {}
        for s in MUC_SLOTS:
            counts[s] += score_muc_slot(doc.slots.get(s, []), predicted.get(s, []))
    return counts


def evaluate(files: list[Path], limit: int | None) -> TaskResult:
    result = TaskResult("arguments", "")
    errors: list[str] = []
    pooled = ArgumentCounts()
    muc_pooled = {s: PRF(0, 0, 0) for s in MUC_SLOTS}
    for path in files:
        if path.suffix == ".json":
            muc = load_muc4(path)[:limit] if limit else load_muc4(path)
            counts = evaluate_muc(muc, errors)
            result.sets[path.name] = {f"{s}_f1": counts[s].f1 for s in MUC_SLOTS} | {"documents": len(muc)}
            muc_pooled = {s: muc_pooled[s] + counts[s] for s in MUC_SLOTS}
            continue
        docs = load_rams(path) if path.suffix == ".jsonlines" else load_wikievents(path)
        docs = docs[:limit] if limit else docs
        set_counts = evaluate_documents(docs, errors)
        result.sets[path.name] = _role_metrics(set_counts)
        pooled = pooled + set_counts
    # overall pools the event-argument sets; MUC-4 templates are another unit, so they get muc_* names
    result.overall = _role_metrics(pooled)
    for s in MUC_SLOTS:
        result.overall[f"muc_{s}_f1"] = muc_pooled[s].f1
    result.overall["errors"] = len(errors)
    if errors:
        result.details["pipeline errors (scored as nothing found)"] = error_summary(errors)
    e2e, given = pooled.end_to_end, pooled.given_trigger
    result.details["precision / recall per role (event arguments, pooled)"] = (
        {r: f"P {e2e[r].precision:.3f}  R {e2e[r].recall:.3f}  (tp {e2e[r].tp:g})" for r in ROLES}
        | {
            f"given trigger {r}": f"P {given[r].precision:.3f}  R {given[r].recall:.3f}  (tp {given[r].tp:g})"
            for r in ROLES
        }
        | {f"muc {s}": f"P {c.precision:.3f}  R {c.recall:.3f}  (tp {c.tp:g})" for s, c in muc_pooled.items()}
    )
    return result
