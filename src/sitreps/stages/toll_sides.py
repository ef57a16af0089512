"""Who the dead are: UCDP's deaths per side (deaths_a, deaths_b, deaths_civilians, deaths_unknown).

An event mention's killed tolls (`Toll.who`: "IS jihadists", "soldiers", "suicide bomber", "civilians",
"unknown") are sorted by side against its actor1 (side a) and actor2 (side b):
- civilians (and protesters, rioters: UCDP's one-sided violence) are deaths_civilians; dead the report
  does not describe ("12 people") are civilians in violence against civilians, else deaths_unknown;
- described dead are typed with the actor dictionary (data/actors.yaml: "IS jihadists" -> Islamic State,
  "Russian soldiers" -> Military Forces of Russia), else by their head noun (data/victim_sides.yaml), and
  go to the actor they are (same actor, family or state), else to the actor of their kind of side
  ("soldiers" with a state force as actor1 are deaths_a);
- attackers killed in their own attack ("the suicide bomber", "three gunmen") are actor1's side when
  actor1 is the attacking group;
- armed dead of neither actor are the other side's: in an attack the dead are its targets (side b).
Subsets are never added twice (the counts stage drops "including three child soldiers"), and the four
numbers always sum to the mention's fatalities_best: when that is a share of the tolls (a toll split over
several places) or differs from them, the split is scaled to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from sitreps.model import Actor, EventMention, Toll
from sitreps.stages import actors as actors_stage

Side = Literal["a", "b", "civilians", "unknown"]
SIDES: tuple[Side, ...] = ("a", "b", "civilians", "unknown")


@dataclass(frozen=True)
class VictimSides:
    """The knowledge of data/victim_sides.yaml."""

    heads: dict[str, int]  # lower-case head noun (or whole description) -> ACLED inter code
    side_groups: dict[int, str]  # inter -> "state" / "armed_non_state"
    civilian_inters: frozenset[int]
    attackers: frozenset[str]
    combatants: frozenset[str]  # armed dead of no known side ("commanders")


@lru_cache(maxsize=1)
def victim_sides() -> VictimSides:
    """The packaged victim_sides.yaml, extended by a user's file (SITREPS_VICTIM_SIDES), loaded once."""
    raw: dict[str, Any] = yaml.safe_load(
        (resources.files("sitreps") / "data" / "victim_sides.yaml").read_text(encoding="utf-8")
    )
    if os.environ.get("SITREPS_VICTIM_SIDES"):
        user = yaml.safe_load(Path(os.environ["SITREPS_VICTIM_SIDES"]).read_text(encoding="utf-8")) or {}
        for key, value in user.items():
            if isinstance(value, dict):
                for k, words in value.items():
                    raw.setdefault(key, {}).setdefault(k, []).extend(words)
            else:
                raw.setdefault(key, []).extend(value)
    heads = {str(w).lower(): int(inter) for inter, words in raw.get("heads", {}).items() for w in words}
    groups = {int(i): name for name, inters in raw.get("side_groups", {}).items() for i in inters}
    return VictimSides(
        heads=heads,
        side_groups=groups,
        civilian_inters=frozenset(int(i) for i in raw.get("civilian_inters", [])),
        attackers=frozenset(str(w).lower() for w in raw.get("attackers", [])),
        combatants=frozenset(str(w).lower() for w in raw.get("combatants", [])),
    )


@dataclass(frozen=True)
class Victims:
    """What a toll's description says of the dead: the actor they are, if any, and their role."""

    who: str
    actor: Actor | None = None
    civilians: bool = False
    attackers: bool = False  # perpetrators killed in their own attack ("the suicide bomber")

    @property
    def described(self) -> bool:
        return self.civilians or self.actor is not None


@dataclass
class SideDeaths:
    """UCDP's deaths per side (best estimates)."""

    deaths_a: int = 0
    deaths_b: int = 0
    deaths_civilians: int = 0
    deaths_unknown: int = 0

    @property
    def total(self) -> int:
        return self.deaths_a + self.deaths_b + self.deaths_civilians + self.deaths_unknown

    def add(self, side: Side, n: int) -> None:
        setattr(self, _field(side), getattr(self, _field(side)) + n)


# ------------------------------------------------------------------------------------------ the victims


def _head_inter(words: str, kb: VictimSides) -> int | None:
    """The inter code of a description by the head-noun table: the whole description, its last two
    words, its last word."""
    tokens = words.lower().split()
    for key in (" ".join(tokens), " ".join(tokens[-2:]), tokens[-1] if tokens else ""):
        if key in kb.heads:
            return kb.heads[key]
    return None


def _dictionary_actor(words: str) -> Actor | None:
    """The actor the description names, whole or by its ending ("senior IS commanders" is no alias, the
    head decides: "pro-government militiamen" -> "militiamen")."""
    tokens = words.split()
    for k in range(len(tokens)):
        actor = actors_stage.lookup_actor(" ".join(tokens[k:]))
        if actor is not None:
            return actor
    return None


@lru_cache(maxsize=4096)
def victims_of(who: str) -> Victims:
    """Type a toll's description: "IS jihadists" -> Islamic State (Syria); "soldiers" -> state forces;
    "civilians" -> civilians; "unknown" -> nothing known."""
    kb = victim_sides()
    words = " ".join(who.split())
    if not words or words == "unknown":
        return Victims("unknown")
    lower = words.lower()
    attackers = lower in kb.attackers or lower.split()[-1] in kb.attackers
    if lower == "civilians":
        return Victims(words, civilians=True)
    actor = _dictionary_actor(words)
    if actor is None:
        inter = _head_inter(words, kb)
        if inter is not None:
            group = kb.side_groups.get(inter, "")
            actor = Actor(group or "Civilians", inter, "", group or "civilians", in_dictionary=False)
        elif lower in kb.combatants or lower.split()[-1] in kb.combatants:
            actor = Actor("combatants", 0, "", "", in_dictionary=False)  # armed, of no side we know
    if actor is not None and actor.inter in kb.civilian_inters:
        return Victims(words, actor, civilians=True)
    return Victims(words, actor, attackers=attackers)


# ---------------------------------------------------------------------------------------------- sides


def _match(victim: Actor, actor: Actor | None, kb: VictimSides) -> int:
    """2: the dead are this actor (same name, family or state); 1: the same kind of side, nothing says
    otherwise ("soldiers" and a state force); 0: not this actor."""
    if actor is None:
        return 0
    if victim.name == actor.name:
        return 2
    # a description ("soldiers", "gunmen") placed in the actor's country may name it: "Military Forces of
    # Nigeria (2023-)", "Unidentified Armed Group (Nigeria)"
    generic = not victim.in_dictionary and not victim.country and actor.country
    if generic and actors_stage.with_country(victim, actor.country).name == actor.name:
        return 2
    families = actors_stage.get_actor_dictionary().family_of
    family = families.get(victim.name)
    if family and family == families.get(actor.name):
        return 2
    group = kb.side_groups.get(victim.inter)
    if group is None or group != kb.side_groups.get(actor.inter):
        return 0
    if group == "state" and victim.country and actor.country:
        return 2 if victim.country == actor.country else 0
    if victim.country and actor.country and victim.country != actor.country:
        return 0
    return 1


def side_of(
    victims: Victims,
    actor1: Actor | None,
    actor2: Actor | None,
    one_sided: bool = False,
    attack: bool = True,
) -> Side:
    """The side of one toll's dead. `one_sided`: violence against civilians (undescribed dead are
    civilians); `attack`: an event with one attacker and its targets (not a battle), whose armed dead of
    neither actor are the targets (side b)."""
    kb = victim_sides()
    if victims.civilians:
        return "civilians"
    if victims.actor is None:
        return "civilians" if one_sided else "unknown"
    a = _match(victims.actor, actor1, kb)
    b = _match(victims.actor, actor2, kb)
    if a != b and not (victims.attackers and a == 0 and _attacker_may_be(actor1, kb)):
        return "a" if a > b else "b"
    if victims.attackers and _attacker_may_be(actor1, kb) and b < 2:
        return "a"  # "the suicide bomber and four policemen died"
    if a or b:
        return "unknown"  # as much the one side as the other ("soldiers" in a war of two states)
    if actor1 is not None and actor2 is None:
        return "b"  # the side actor1 fought or attacked
    if actor1 is None and actor2 is not None:
        return "a"
    if actor1 is not None and attack:
        return "b"
    return "unknown"


def _attacker_may_be(actor1: Actor | None, kb: VictimSides) -> bool:
    """Whether attackers who died may be actor1: it is unnamed or a non-state group (not an army that
    repelled them)."""
    return actor1 is None or kb.side_groups.get(actor1.inter) != "state"


def split_deaths(
    tolls: list[Toll],
    actor1: Actor | None,
    actor2: Actor | None,
    total: int | None = None,
    one_sided: bool = False,
    attack: bool = True,
) -> SideDeaths:
    """UCDP's deaths per side from killed tolls (excluded ones are skipped); with `total`, scaled so that
    the four sum to it (a toll split over places, or a mention whose fatalities differ from its tolls)."""
    raw = SideDeaths()
    for t in tolls:
        if t.kind == "killed" and not t.excluded and t.best > 0:
            raw.add(side_of(victims_of(t.who), actor1, actor2, one_sided, attack), t.best)
    if total is None or raw.total == total:
        return raw
    return _apportion(raw, total)


def _apportion(raw: SideDeaths, total: int) -> SideDeaths:
    """`total` split in the shares of `raw` (largest remainders); all unknown when raw is empty."""
    out = SideDeaths()
    if total <= 0:
        return out
    if raw.total == 0:
        out.deaths_unknown = total
        return out
    shares = [(side, getattr(raw, _field(side)) * total / raw.total) for side in SIDES]
    for side, share in shares:
        out.add(side, int(share))
    left = total - out.total
    by_remainder = sorted(shares, key=lambda s: -(s[1] - int(s[1])))
    for side, _ in by_remainder[:left]:
        out.add(side, 1)
    return out


def _field(side: Side) -> str:
    return "deaths_" + side


def _is_one_sided(m: EventMention, kb: VictimSides) -> bool:
    return (
        m.event_type == "Violence against civilians"
        or m.civilian_targeting
        or (m.actor2 is not None and m.actor2.inter in kb.civilian_inters)
    )


def fill_sides(mention: EventMention, tolls: list[Toll]) -> None:
    """Set a mention's deaths_a/b/civilians/unknown from the tolls it counts, summing to fatalities_best."""
    kb = victim_sides()
    sides = split_deaths(
        tolls,
        mention.actor1,
        mention.actor2,
        total=mention.fatalities_best,
        one_sided=_is_one_sided(mention, kb),
        attack=mention.event_type != "Battles",
    )
    for side in SIDES:
        setattr(mention, _field(side), getattr(sides, _field(side)))


def resolve_sides(mentions: list[EventMention], tolls: list[Toll]) -> None:
    """Settle every mention's deaths per side once its actors are final: the tolls are those whose spans
    the mention counts (`toll_spans`). Safe to call more than once."""
    by_span: dict[tuple[int, int], Toll] = {}
    for t in tolls:
        by_span.setdefault((t.span.start, t.span.end), t)
    for m in mentions:
        keys = dict.fromkeys((s.start, s.end) for s in m.toll_spans)  # a span counted twice is one toll
        own = [by_span[k] for k in keys if k in by_span]
        if own or m.fatalities_best == 0:  # a mention counted from other tolls keeps its split
            fill_sides(m, own)
