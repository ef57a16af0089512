"""Write training/event_types/<CODE>.notes.jsonl: ACLED-style event notes built from hand-written note
templates (t_*.py) with actors named the ACLED way, places with their admin, dates, closing details and
context sentences that must not change the type. Deterministic (fixed seed per code)."""

from __future__ import annotations

import json
import random
import re
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the template modules beside this file
from bank import C  # noqa: E402
import t_violence, t_protest, t_territory, t_explosive, t_strategic, t_disaster, t_more  # noqa: E402,E401

ACLED_NAME = {"DRC": "Democratic Republic of Congo", "Israel/Palestine": "Palestine", "Kashmir": "India"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SIZES = ["around 50", "around 100", "around 200", "dozens", "hundreds", "no report", "around 30",
         "more than 1000", "several thousand", "a handful", "about 300", "around 40"]
CONFUSABLE_TARGET = 80
OTHER_TARGET = 54
FEW = {"NATURAL_DISASTER", "PROPERTY_DISTRUCT", "SEX_VIOL", "CHEM_WEAP"}


def date_parts(rng: random.Random, years: tuple[int, int]) -> tuple[str, str, str]:
    """(opener, mid-sentence date, year) in the ways ACLED notes and wire reports write them."""
    year = rng.randint(years[0], min(years[1], 2025))
    d, m = rng.randint(1, 28), rng.choice(MONTHS)
    full = f"{d} {m} {year}"
    r = rng.random()
    if r < 0.62:
        opener = f"On {full},"
    elif r < 0.70:
        opener = f"On {d} {m},"
    elif r < 0.75:
        opener = f"On the night of {full},"
    elif r < 0.80:
        opener = f"Around {full} (as reported),"
    elif r < 0.84:
        opener = f"Between {d} and {d + rng.randint(1, 3)} {m} {year},"
    elif r < 0.88:
        opener = f"On or around {full},"
    elif r < 0.92:
        opener = f"On {rng.choice(WEEKDAYS)} ({full}),"
    elif r < 0.96:
        opener = f"On {m} {d}, {year},"
    else:
        opener = f"During the week of {full},"
    return opener, f"on {full}", str(year)


class Slots(dict):
    """Template slots for one note: actors of one country, fresh numbers and dates."""

    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def slots_for(rng: random.Random, cname: str) -> Slots:
    c = C[cname]
    acled = ACLED_NAME.get(cname, cname)
    opener, on_date, year = date_parts(rng, c["years"])
    ng = rng.sample(c["ng"], min(2, len(c["ng"]))) if c["ng"] else []
    mili = rng.sample(c["militia"], min(2, len(c["militia"]))) if c["militia"] else []
    places = rng.sample(c["places"], 2)
    town = [p.split(" (")[0] for p in places]
    year0 = str(max(c["years"][0] - 1, int(year) - rng.randint(1, 4)))
    s = Slots(
        On=opener, on_date=on_date, year=year, year0=year0, cty=acled, mil=c["mil"], pol=c["pol"], gov=c["gov"],
        uag=f"Unidentified Armed Group ({acled})", prot=f"Protesters ({acled})", riot=f"Rioters ({acled})",
        civ=f"Civilians ({acled})", place=places[0], place2=places[1], town=town[0], town2=town[1],
        troops=c["short_mil"], n=str(rng.randint(2, 9)), nw=rng.choice(WORDS[:6]), n2=str(rng.randint(10, 60)),
        n3=str(rng.randint(2, 5)), size=rng.choice(SIZES), day=rng.choice(WEEKDAYS),
        d0=f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}",
    )
    if ng:
        s["ng"] = ng[0]
        if len(ng) > 1:
            s["ng2"] = ng[1]
    if mili:
        s["mili"] = mili[0]
        if len(mili) > 1:
            s["mili2"] = mili[1]
    if c["parties"]:
        s["party"] = rng.choice(c["parties"])
    return s


REGION_RE = re.compile(r"^\[([a-z,/ ]+)\]\s*")


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def fill(rng: random.Random, template: str, extras: list[str]) -> str | None:
    """One note from `template` plus optional extra sentences, in a country that has every slot it needs."""
    regions = None
    m = REGION_RE.match(template)
    if m:
        regions = set(m.group(1).split(","))
        template = template[m.end():]
    needed = fields(template) | {f for e in extras for f in fields(e)}
    countries = [k for k, c in C.items() if regions is None or c["region"] in regions or k.lower() in regions]
    rng.shuffle(countries)
    for cname in countries:
        s = slots_for(rng, cname)
        if needed <= set(s):
            text = " ".join([template.format_map(s)] + [e.format_map(s) for e in extras])
            text = re.sub(r"\s+", " ", text).strip()
            return text[0].upper() + text[1:]
    return None


HARM_RE = re.compile(r"kill|dead|died|death|wound|injur|hurt|fatal|behead|execut|murder|lynch|bodies|massacre|"
                     r"casualt|blind|drown|buried|trapp", re.I)
WORD_RE = re.compile(r"[a-z]{4,}")


def compatible(template: str, extra: str) -> bool:
    """False when an extra sentence would contradict or repeat the note: a toll line after a note that already
    tells its dead or hurt, or a sentence most of whose words the note already has."""
    if HARM_RE.search(template) and HARM_RE.search(extra):
        return False
    words = set(WORD_RE.findall(extra.lower()))
    return not words or len(words & set(WORD_RE.findall(template.lower()))) / len(words) < 0.5


def generate(code: str, spec: dict, target: int, rng: random.Random) -> list[str]:
    """`target` distinct notes: templates in turn, each with sometimes a context sentence and an ending."""
    from shared import GENERIC_CTX

    notes: list[str] = []
    seen: set[str] = set()
    templates = list(spec["t"])
    ctx, end = spec.get("ctx", []), spec.get("end", [])
    generic = [g for g in GENERIC_CTX if code not in g[0]]
    tries = 0
    while len(notes) < target and tries < target * 30:
        tries += 1
        template = templates[tries % len(templates)] if tries <= len(templates) else rng.choice(templates)
        extras = []
        r = rng.random()
        if ctx and r < spec.get("p_ctx", 0.4):
            extras.append(rng.choice(ctx))
        elif generic and r < spec.get("p_ctx", 0.4) + 0.12:
            extras.append(rng.choice(generic)[1])
        extras = [e for e in extras if compatible(template, e)]
        fitting_ends = [e for e in end if compatible(template, e)]
        if fitting_ends and rng.random() < spec.get("p_end", 0.55) and "{END}" not in template:
            extras.append(rng.choice(fitting_ends))
        template = template.replace("{END}", rng.choice(fitting_ends) if fitting_ends and rng.random() < 0.8 else "")
        text = fill(rng, template, extras)
        if text and text not in seen:
            seen.add(text)
            notes.append(text)
    return notes


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    specs = {}
    for mod in (t_violence, t_protest, t_territory, t_explosive, t_strategic, t_disaster):
        specs.update(mod.T)
    for code, extra in t_more.ADD.items():
        specs[code]["t"] = specs[code]["t"] + [t.replace("{On},", "{On}") for t in extra]
    total = 0
    for code, spec in sorted(specs.items()):
        target = spec.get("target", OTHER_TARGET if code in FEW else CONFUSABLE_TARGET)
        rng = random.Random("h5:" + code)
        notes = generate(code, spec, target, rng)
        path = out / f"{code}.notes.jsonl"
        path.write_text("".join(json.dumps({"text": t, "label": code}, ensure_ascii=False) + "\n" for t in notes),
                        encoding="utf-8")
        total += len(notes)
        print(f"{code:32s} {len(notes):4d} notes from {len(spec['t'])} templates")
    print("total", total, "codes", len(specs))


if __name__ == "__main__":
    main()
