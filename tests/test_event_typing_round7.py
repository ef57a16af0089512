"""Round 7 of event detection and typing: conflict events that were read as nothing ("gunmen stormed a
school", "opened fire on the crowd", "they attacked us with knives", "the killing of three farmers", an attack
with no side named but its own place or date), a killing told as another incident ("another attack in
Mosul") kept apart from the event before it, and the weather words that no longer swallow them ("stormed",
"rained")."""

from datetime import date

from sitreps.model import Article, EventMention
from sitreps.pipeline import analyse


def _mentions(text: str) -> list[EventMention]:
    mentions = analyse(Article(text=text, published=date(2021, 5, 10))).mentions
    return sorted(mentions, key=lambda m: m.trigger_span.start)


def _types(text: str) -> list[str]:
    return [m.sub_event_type for m in _mentions(text)]


# --- events no longer missed ------------------------------------------------------------------------------


def test_stormed_is_an_assault_not_the_weather():
    (attack,) = _mentions("Gunmen stormed a school in Peshawar on Tuesday, killing 132 children.")
    assert attack.sub_event_type == "Attack"
    assert attack.fatalities_best == 132


def test_a_storm_that_killed_is_still_no_conflict_event():
    assert _types("A tropical storm killed 12 people in the province of Leyte on Monday.") == []


def test_opened_fire_on_a_crowd_is_an_attack():
    (attack,) = _mentions("Soldiers opened fire on the crowd in Mandalay on Saturday.")
    assert attack.sub_event_type == "Attack"
    assert attack.trigger_span.text == "opened fire on"


def test_opened_fire_on_a_patrol_is_a_clash():
    assert _types("Militants opened fire on an army patrol near Gao on Saturday.") == ["Armed clash"]


def test_fired_on_a_bus_is_an_attack():
    assert _types("Gunmen fired on a bus in Zamfara on Friday.") == ["Attack"]


def test_fired_rockets_at_stays_a_shelling():
    assert _types("Militants fired rockets at a base near Kirkuk on Friday.") == [
        "Shelling/artillery/missile attack"
    ]


def test_a_witness_attacked_with_knives():
    assert _types('"They attacked us with knives," a survivor told reporters in Juba on Sunday.') == [
        "Attack"
    ]


def test_attacked_in_words_is_no_event():
    assert _types('"They attacked us in the newspapers," the minister said in Juba on Sunday.') == []


def test_the_killing_of_farmers_is_an_attack():
    assert _types("The killing of three farmers near Jos on Sunday sparked anger in the village.") == [
        "Attack"
    ]


def test_slaughtered_villagers():
    (attack,) = _mentions("Rebels slaughtered 40 villagers near Beni on Saturday.")
    assert attack.sub_event_type == "Attack"
    assert attack.fatalities_best == 40


def test_an_attack_with_its_own_place_and_date_but_no_side():
    assert _types("There was an attack near the market in Gao on Sunday.") == ["Attack"]


def test_a_generic_plural_attack_noun_is_no_event():
    assert _types("Attacks near the market in Gao have become more common.") == []


def test_an_invasion_is_fighting():
    assert _types("Russian troops invaded the region of Kherson on Thursday.") == ["Armed clash"]


# --- one incident or two --------------------------------------------------------------------------------


def test_another_attack_elsewhere_is_its_own_event():
    text = (
        "A car bomb exploded in Baghdad on Sunday. "
        "Three people were killed in another attack in Mosul the same day."
    )
    bombing, attack = _mentions(text)
    assert bombing.sub_event_type == "Remote explosive/landmine/IED"
    assert attack.fatalities_best == 3
    assert attack.place is not None and attack.place.name == "Mosul"


def test_a_killing_told_after_a_bombing_in_the_same_town_is_its_detail():
    text = "A car bomb exploded at a market in Baghdad on Sunday. Three people were killed, police said."
    (bombing,) = _mentions(text)
    assert bombing.fatalities_best == 3


def test_a_slaughter_and_a_rampage_are_attacks():
    assert _types("Rebels slaughtered 40 villagers near Beni on Saturday.") == ["Attack"]
    assert _types("The gunman's rampage at a shopping mall in Nairobi lasted four hours on Saturday.") == [
        "Attack"
    ]


def test_a_teenager_stabbed_is_an_attack():
    assert _types("A teenager was stabbed outside a school in London on Monday.") == ["Attack"]


def test_a_siege_laid_to_a_hotel():
    assert _types("Militants laid siege to a hotel in Bamako on Friday.") == ["Attack"]


def test_militants_set_off_explosives():
    assert _types("Militants set off explosives at a police post in Kunar on Tuesday.") == [
        "Remote explosive/landmine/IED"
    ]


def test_a_female_bomber_is_a_suicide_bomber():
    text = "On 4 May, a female bomber detonated explosives at a mosque in Konduga, killing 3 civilians."
    assert _types(text) == ["Suicide bomb"]


def test_aircraft_that_destroyed_a_vehicle_struck_it():
    assert _types("On 4 May, coalition aircraft destroyed an IS vehicle near Hajin.") == ["Air/drone strike"]


def test_troops_that_destroyed_a_drone_disrupted_it():
    text = "On 4 May, Syrian troops destroyed a drone launched by rebels near Hama."
    assert _types(text) == ["Disrupted weapons use"]


def test_an_ied_found_and_safely_detonated_is_disrupted():
    text = "On 4 May, police found an IED planted near the road in Mandera and safely detonated it."
    assert _types(text) == ["Disrupted weapons use"]


def test_deployed_against_a_planned_protest_is_a_change_of_activity():
    text = "On 4 May, police deployed in large numbers in Kampala to prevent a planned protest."
    assert _types(text) == ["Change to group/activity"]


def test_a_banned_rally_that_gathered_anyway_was_met_with_arrests():
    text = "On 4 May, police banned the rally and arrested 20 protesters who gathered anyway in Lusaka."
    assert _types(text) == ["Protest with intervention"]


def test_the_bombing_that_collapsed_a_building_is_no_accident():
    (strike,) = _mentions("The bombing collapsed a five-storey building in Aleppo on Monday, killing 20.")
    assert strike.fatalities_best == 20


# --- what a verb says of a told event, and clauses of time ------------------------------------------------


def test_an_explosion_that_could_be_heard_happened():
    types = _types(
        "The explosion could be heard across Aden on Monday, where at least six people were killed."
    )
    assert types == ["Remote explosive/landmine/IED"]


def test_an_offensive_that_will_begin_is_still_hypothetical():
    assert _types("The offensive will begin next week, the minister said in Kyiv on Monday.") == []


def test_a_killing_after_which_residents_feared_more_attacks_happened():
    text = "Residents said they feared more attacks after gunmen killed a farmer near Jos on Tuesday."
    assert _types(text) == ["Attack"]


def test_a_feared_attack_alone_is_no_event():
    assert _types("Residents in Jos said on Tuesday that they feared more attacks.") == []


# --- captures -------------------------------------------------------------------------------------------


def test_troops_that_freed_a_town_regained_it():
    text = "On 5 May, Somali forces freed the town of Bardere from Al Shabaab after clashes."
    assert "Government regains territory" in _types(text)


def test_troops_that_freed_hostages_took_no_ground():
    types = _types("On 5 May, Nigerian troops freed 20 hostages held by Boko Haram in Borno.")
    assert "Government regains territory" not in types and "Arrests" not in types


def test_managed_to_restore_control_is_a_capture():
    text = "On 5 May, regime forces managed to restore control over the village of Tal Malah after clashes."
    assert _types(text) == ["Government regains territory"]


def test_chased_from_the_village_is_a_capture():
    text = "On 5 May, Nigerian troops chased Boko Haram militants from the village of Gajiram."
    assert _types(text) == ["Government regains territory"]


def test_lost_control_to_government_forces():
    text = "On 5 May, Houthi forces lost control of the Kitaf district to government forces after clashes."
    assert _types(text) == ["Government regains territory"]


def test_the_taker_is_the_subject_not_the_side_fought():
    text = "On 5 May, after heavy clashes with the Taliban, Afghan forces regained Dand Patan district."
    assert _types(text) == ["Government regains territory"]


def test_militants_who_entered_a_village_to_preach_took_nothing():
    text = "On 14 June, Al Shabaab militants entered the village of Bulo Burte and preached to residents."
    assert _types(text) == ["Other"]


# --- a change of activity ---------------------------------------------------------------------------------


def test_suspended_air_strikes_are_a_change_of_activity():
    text = "On 3 March, the Saudi-led coalition announced it had suspended air strikes on Sanaa."
    assert _types(text) == ["Change to group/activity"]


def test_halted_offensive_is_a_change_of_activity():
    text = "On 10 May, the Nigerian army halted its offensive against Boko Haram in Sambisa forest."
    assert _types(text) == ["Change to group/activity"]


def test_a_politician_attacked_in_words_is_no_event():
    assert _types("The opposition attacked the minister over the budget on Tuesday in Nairobi.") == []


def test_a_journalist_shot_is_an_attack():
    assert _types("Gunmen shot a journalist outside his home in Mogadishu on Friday.") == ["Attack"]


def test_women_stoned_to_death():
    assert _types("Two women were stoned to death by militants in Timbuktu on Friday.") == ["Attack"]


# --- agreements -----------------------------------------------------------------------------------------


def test_a_deal_struck_is_an_agreement_not_a_strike():
    assert _types("On 4 May, the government and the rebels struck a deal in Juba.") == ["Agreement"]


def test_a_deal_clinched_is_an_agreement():
    text = "On 4 May, the two sides clinched a deal on the release of prisoners in Sanaa."
    assert _types(text) == ["Agreement"]


def test_a_sealed_border_is_no_agreement():
    assert _types("On 4 May, troops sealed the border with Niger near Diffa.") == []


def test_detained_commanders_named_in_a_swap_are_no_arrest():
    text = "On 4 May, Boko Haram freed 82 schoolgirls in exchange for detained commanders in Banki."
    assert "Arrests" not in _types(text)


def test_a_car_laden_with_explosives_intercepted_is_a_disrupted_weapon():
    text = "On 4 May, security forces intercepted a car laden with explosives at a checkpoint in Kabul."
    assert _types(text) == ["Disrupted weapons use"]
