"""Loaders and scorers of the geoparse, timex, fatalities and seed evaluation tasks, on hand-made files."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from sitreps.evaluate.loaders import geoparsing, rand, timeml
from sitreps.evaluate.tasks import fatalities, geoparse, timex
from sitreps.model import Place, PlaceMention, TextSpan, Toll

GWN = """<?xml version="1.0" ?>
<articles><article file="7"><title>t</title>
<text>Troops left Mosul for Erbil on Friday.</text>
<toponyms>
<toponym><extractedName>Mosul</extractedName><type>Literal</type><start>12</start><end>17</end>
<geonamesID>99072</geonamesID><latitude>36.335</latitude><longitude>43.118</longitude></toponym>
<toponym><extractedName>Troops</extractedName><type>Non_Lit_Expression</type><start>0</start><end>6</end></toponym>
</toponyms></article></articles>"""

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="5"><text><![CDATA[Flooding hit Dublin, Ohio and Ohio.]]></text>
<toponyms>
<toponym><start>13</start><end>19</end><phrase>Dublin</phrase>
<gaztag geonameid="4520760"><name>Dublin</name><fcode>PPL</fcode>
<lat>40.099</lat><lon>-83.114</lon></gaztag></toponym>
<toponym><start>21</start><end>25</end><phrase>Ohio</phrase>
<gaztag geonameid="5165418"><name>Ohio</name><fcode>ADM1</fcode>
<lat>40.25</lat><lon>-83.0</lon></gaztag></toponym>
<toponym><start>30</start><end>34</end><phrase>Ohio</phrase>
<gaztag geonameid="5165000"><name>Ohio River</name><fcode>STM</fcode>
<lat>37.0</lat><lon>-89.1</lon></gaztag></toponym>
</toponyms></article></articles>"""

# GeoVirus-style offsets that start one character late
GEOVIRUS = """<articles><article><source>x</source><text>Cases rose in Lagos.</text><locations>
<location><name>Lagos</name><start>14</start><end>19</end><lat>6.45</lat><lon>3.39</lon><page>p</page></location>
</locations></article></articles>"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_geoparsing_loader_reads_all_three_dialects(tmp_path: Path) -> None:
    # file names say nothing about the dialect: it is told from the elements
    gwn = geoparsing.load(_write(tmp_path, "a.xml", GWN))
    lgl = geoparsing.load(_write(tmp_path, "b.xml", LGL))
    gv = geoparsing.load(_write(tmp_path, "c.xml", GEOVIRUS))
    # the GeoWebNews expression without coordinates is not a gold place
    assert [(t.name, t.start, t.end, t.geonames_id) for t in gwn[0].toponyms] == [("Mosul", 12, 17, 99072)]
    assert [t.feature_code for t in lgl[0].toponyms] == ["PPL", "ADM1", "STM"]
    assert [t.is_settlement_admin_or_country for t in lgl[0].toponyms] == [True, True, False]
    assert gwn[0].toponyms[0].is_settlement_admin_or_country is None
    lagos = gv[0].toponyms[0]
    assert gv[0].text[lagos.start : lagos.end] == "Lagos"  # realigned onto the name
    assert (lagos.latitude, lagos.longitude) == (6.45, 3.39)


def test_geoparsing_loader_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "two.xml", GWN.replace("</articles>", GWN.split("<articles>")[1]))
    assert len(geoparsing.load(path)) == 2
    assert len(geoparsing.load(path, limit=1)) == 1


def _mention(start: int, end: int, text: str, place: Place | None, adjective: bool = False) -> PlaceMention:
    return PlaceMention(TextSpan(start, end, text), 0, place, is_country_adjective=adjective)


def test_geoparse_predicted_spans_leave_out_country_adjectives() -> None:
    lyon = Place("Lyon", 45.75, 4.85, country_code="FR")
    mentions = [
        _mention(26, 30, "Lyon", lyon),
        _mention(32, 38, "French", Place("France", 46.0, 2.0, country_code="FR"), adjective=True),
    ]
    assert geoparse.predicted_spans(mentions) == [(26, 30)]


# GeoWebNews-style typed annotations: a demonym, a literal, a metonym, an organisation holding an
# associative place name, and a coerced literal without coordinates
TYPED_TEXT = "Kenyan police in Nairobi said Uganda agreed; the Kampala Times met at the Capitol."
TYPED = f"""<articles><article file="9"><text>{TYPED_TEXT}</text><toponyms>
<toponym><extractedName>Kenyan</extractedName><type>Demonym</type><start>0</start><end>6</end></toponym>
<toponym><extractedName>Nairobi</extractedName><type>Literal</type><start>17</start><end>24</end>
<geonamesID>184745</geonamesID><latitude>-1.28</latitude><longitude>36.82</longitude></toponym>
<toponym><extractedName>Uganda</extractedName><type>Metonymic</type><start>30</start><end>36</end>
<latitude>1.25</latitude><longitude>32.5</longitude></toponym>
<toponym><extractedName>Kampala Times</extractedName><type>Non_Toponym</type><start>49</start><end>62</end>
</toponym>
<toponym><extractedName>Kampala</extractedName><type>Embedded_Non_Lit</type><start>49</start><end>56</end>
<latitude>0.31</latitude><longitude>32.58</longitude></toponym>
<toponym><extractedName>Capitol</extractedName><type>Coercion</type><start>74</start><end>81</end></toponym>
</toponyms></article></articles>"""


def test_geoparsing_loader_keeps_typed_annotations(tmp_path: Path) -> None:
    art = geoparsing.load(_write(tmp_path, "typed.xml", TYPED))[0]
    # gold places are the spans with coordinates; every typed span is an annotation
    assert [t.name for t in art.toponyms] == ["Nairobi", "Uganda", "Kampala"]
    assert [(a.name, a.reading) for a in art.annotations] == [
        ("Kenyan", "associative"),
        ("Nairobi", "literal"),
        ("Uganda", "associative"),
        ("Kampala", "associative"),
        ("Kampala Times", "non_toponym"),
        ("Capitol", "literal"),  # a coerced literal without coordinates still counts for recognition
    ]
    assert all(TYPED_TEXT[a.start : a.end] == a.name for a in art.annotations)
    assert geoparsing.reading("Literal_Modifier") == "literal"
    assert geoparsing.reading("Non_Lit_Expression") == "non_toponym" and geoparsing.reading("") == ""
    # dialects without types have no annotations
    assert geoparsing.load(_write(tmp_path, "lgl.xml", LGL))[0].annotations == []


def test_literal_recognition_scoring() -> None:
    literal = [(17, 24), (74, 81)]
    associative = [(0, 6), (30, 36), (49, 56)]
    predicted = [
        (17, 24),  # Nairobi: true positive
        (30, 36),  # Uganda (metonymic): not scored
        (49, 62),  # "Kampala Times" overlaps the associative Kampala: not scored
        (73, 81),  # a boundary error on the Capitol: false positive (and the gold is missed)
        (7, 13),  # "police": false positive
    ]
    prf = geoparse.literal_prf(literal, associative, predicted, "exact")
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 1)
    relaxed = geoparse.literal_prf(literal, associative, predicted, "overlap")
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (2, 1, 0)
    assert geoparse.literal_prf([], associative, [(0, 6)]).fp == 0
    with pytest.raises(ValueError):
        geoparse.literal_prf(literal, associative, predicted, "fuzzy")


def test_geoparse_task_reports_literal_scores_for_typed_sets(tmp_path: Path, monkeypatch) -> None:
    import sitreps.gazetteer
    import sitreps.stages.places

    nairobi = Place("Nairobi", -1.28, 36.82, country_code="KE")
    uganda = Place("Uganda", 1.25, 32.5, country_code="UG")

    def fake_find_places(doc, article, gaz=None) -> list[PlaceMention]:
        found = [("Nairobi", nairobi), ("Uganda", uganda), ("police", None)]
        return [
            _mention(article.text.index(name), article.text.index(name) + len(name), name, place)
            for name, place in found
            if name in article.text
        ]

    class NoGaz:
        def candidates(self, name: str) -> list[Place]:
            return []

    monkeypatch.setattr(sitreps.stages.places, "find_places", fake_find_places)
    monkeypatch.setattr(
        sitreps.stages.places, "resolve_spans", lambda doc, art, spans, gaz=None: [None] * len(spans)
    )
    monkeypatch.setattr(sitreps.gazetteer, "get_gazetteer", lambda: NoGaz())
    files = [_write(tmp_path, "typed.xml", TYPED), _write(tmp_path, "untyped.xml", LGL)]
    result = geoparse.evaluate(files, None)
    typed = result.sets["typed.xml"]
    # literal gold: Nairobi, Capitol; predictions: Nairobi (tp), Uganda (not scored), police (fp)
    assert typed["recognition_precision_literal"] == 0.5
    assert typed["recognition_recall_literal"] == 0.5
    assert typed["n_literal"] == 2
    # the existing all-toponym score still counts Uganda as right
    assert typed["recognition_precision"] == 2 / 3 and typed["recognition_f1"] > 0
    assert "recognition_f1_literal" not in result.sets["untyped.xml"]
    assert result.overall["recognition_f1_literal"] == typed["recognition_f1_literal"]


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>d1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-05"
functionInDocument="CREATION_TIME">03/05/98</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1">attacked</EVENT> the town \
<TIMEX3 tid="t1" type="DATE" value="1998-03-04">yesterday</TIMEX3>, \
and <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> later in \
<TIMEX3 tid="t3" type="DATE" value="1998-03">March</TIMEX3> talks &amp; more.
</TEXT></TimeML>"""


def test_timeml_loader_offsets_and_dct(tmp_path: Path) -> None:
    doc = timeml.load_doc(_write(tmp_path, "x.tml", TML))
    assert doc.dct == date(1998, 3, 5) and doc.doc_id == "d1"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-03-04"),
        ("three days", "DURATION", "P3D"),
        ("March", "DATE", "1998-03"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert "03/05/98" not in doc.text and "&" in doc.text


@pytest.mark.parametrize(
    ("value", "start", "end", "ok"),
    [
        ("1998-03-04", date(1998, 3, 4), date(1998, 3, 4), True),
        ("1998-03-04", date(1998, 3, 3), date(1998, 3, 4), False),
        ("1998-03-04T18:30", date(1998, 3, 4), date(1998, 3, 4), True),
        ("1998-03", date(1998, 3, 1), date(1998, 3, 5), True),  # "this month", clipped at the DCT
        ("1998-03", date(1998, 2, 1), date(1998, 2, 28), False),
        ("1998-W10", date(1998, 3, 2), date(1998, 3, 8), True),
        ("1998-W10", date(1998, 3, 9), date(1998, 3, 9), False),
        ("1998-Q1", date(1998, 1, 1), date(1998, 3, 31), True),
        ("1998-SU", date(1998, 7, 1), date(1998, 7, 31), True),
        ("1998", date(1998, 1, 1), date(1998, 12, 31), True),
        ("1998-WXX", date(1998, 5, 4), date(1998, 5, 10), True),  # only the year is specified
        ("199", date(1990, 1, 1), date(1999, 12, 31), True),
        ("PRESENT_REF", date(1998, 3, 5), date(1998, 3, 5), True),
        ("PRESENT_REF", date(1998, 3, 4), date(1998, 3, 4), False),
        ("PAST_REF", date(1997, 1, 1), date(1998, 3, 1), True),
        ("FUTURE_REF", date(1998, 4, 1), date(1998, 4, 30), True),
        ("FUTURE_REF", date(1998, 1, 1), date(1998, 3, 1), False),
        ("XXXX-XX-XX", date(1998, 3, 5), date(1998, 3, 5), False),
    ],
)
def test_timex_value_matching(value: str, start: date, end: date, ok: bool) -> None:
    assert timex.value_matches(value, start, end, date(1998, 3, 5)) is ok


def test_timex_range_to_timeml_and_granularity() -> None:
    assert timex.to_timeml(date(1998, 3, 4), date(1998, 3, 4)) == "1998-03-04"
    assert timex.to_timeml(date(1998, 3, 2), date(1998, 3, 8)) == "1998-W10"
    assert timex.to_timeml(date(1998, 2, 1), date(1998, 2, 28)) == "1998-02"
    assert timex.to_timeml(date(1998, 4, 1), date(1998, 6, 30)) == "1998-Q2"
    assert timex.to_timeml(date(1998, 1, 1), date(1998, 12, 31)) == "1998"
    assert timex.to_timeml(date(1990, 1, 1), date(1999, 12, 31)) == "199"
    assert timex.to_timeml(date(1998, 3, 1), date(1998, 3, 5)) == "1998-03-01/1998-03-05"
    assert [timex.granularity(v) for v in ("1998-03-04", "1998-W10", "1998", "PAST_REF", "PXY")] == [
        "day",
        "week",
        "year",
        "past_ref",
        "other",
    ]


def test_timex_task_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "timeml"
    folder.mkdir()
    _write(folder, "renamed.tml", TML)
    result = timex.evaluate([folder / "renamed.tml"], None)
    overall = result.overall
    assert overall["n_gold"] == 2  # DATE and TIME only: the DURATION is not scored
    assert 0.0 <= overall["recognition_f1_strict"] <= overall["recognition_f1_relaxed"] <= 1.0
    # "yesterday" against a 1998-03-05 creation time is 1998-03-04 at day granularity
    assert overall["value_accuracy"] >= 0.5
    assert set(result.sets) == {"timeml"}


def _toll(kind: str, best: int, sentence: int, excluded: str = "") -> Toll:
    return Toll(TextSpan(0, 1, "x"), sentence, kind, best, best, best, excluded=excluded)  # type: ignore[arg-type]


def test_incident_counts_rule() -> None:
    tolls = [
        _toll("killed", 2, 0),
        _toll("killed", 3, 0),
        _toll("killed", 4, 1),  # a restatement in a later sentence
        _toll("killed", 50, 2, excluded="cumulative"),
        _toll("injured", 7, 0),
    ]
    assert fatalities.incident_counts(tolls, "killed") == 5  # largest sentence total
    assert fatalities.incident_counts(tolls, "killed", "sum") == 9
    assert fatalities.incident_counts(tolls, "injured") == 7
    assert fatalities.incident_counts([], "killed") == 0
    assert fatalities.states_number("Three people died.") and fatalities.states_number("killing 12")
    assert not fatalities.states_number("A bomb exploded outside the embassy.")


RAND_CSV = (
    "row_id,Date,City,Country,Perpetrator,Weapon,Injuries,Fatalities,Description\n"
    '1,1990-01-01,Lima,Peru,Unknown,Explosives,4,2,"PERU.  A car bomb killed two policemen and wounded four '
    'passers-by."\n'
    '2,1990-01-02,Lima,Peru,Unknown,Firearms,,0,"PERU.  Gunmen fired on an office, nobody was hurt."\n'
    '3,1990-01-03,Lima,Peru,Unknown,Firearms,0,1,"PERU.  A mayor was shot dead outside his home."\n'
)


def test_rand_loader_and_fatalities_task(tmp_path: Path) -> None:
    folder = tmp_path / "rand"
    folder.mkdir()
    path = folder / "other_split.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(RAND_CSV)
    rows = rand.load(path)
    assert [(r.fatalities, r.injuries) for r in rows] == [(2, 4), (0, None), (1, 0)]
    assert rows[0].description.startswith("PERU.")
    assert len(rand.load(path, limit=2)) == 2
    result = fatalities.evaluate([path], None)
    metrics = result.sets["other_split.csv.gz"]
    assert metrics["n"] == 3 and metrics["n_stated"] == 1
    # the car bomb's "two policemen" and "four passers-by" are plain counts the stage must read
    assert metrics["killed_exact_stated"] == 1.0
    assert metrics["injured_exact_stated"] == 1.0
    assert 0.0 <= metrics["killed_mae"] <= 1.0
