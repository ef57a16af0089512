"""Government regains territory, non-state actor overtakes territory, non-violent transfer."""

FAT = ["Fatalities unknown.", "{n} fatalities.", "Fatalities coded as {n}.", "Casualties unknown."]

T = {}

T["GOV_REGAINS_TERIT"] = {
    "t": [
        "{On} {mil} regained control of {place} from {ng} after heavy fighting. {n} militants were killed.",
        "{On} {mil} recaptured {place}, which had been held by {ng} since {year0}. {END}",
        "{On} {troops} retook the town of {town} following a two-day offensive against {ng}.",
        "{On} {mil}, supported by {mili}, recaptured the villages of {town} and {town2} from {ng}. {END}",
        "{On} government forces took back the district headquarters in {place} from {ng} after clashes. {END}",
        "Troops recaptured {town} from rebels on {day}, the army said, after clashes that killed {n} fighters.",
        "{On} {mil} re-entered {place} after fighting with {ng}, who had occupied the town for three months. {END}",
        "{On} {mil} dislodged {ng} from their positions in {place} and restored state control over the town.",
        "{On} {mil} liberated {place} from {ng}. Several militants were killed and the rest fled. {END}",
        "{On} {mil} regained {place} after a counter-offensive against {ng}; the group had seized it the week before.",
        "{On} {mili} and {mil} retook {place} from {ng} following clashes. {END}",
        "{On} {mil} recaptured a strategic hill overlooking {place} from {ng}. {END}",
        "{On} {pol} and {mil} regained control of {place} after driving out {ng}. {END}",
        "{On} {mil} recovered the border post of {place} after {ng} fighters were forced to withdraw under fire.",
        "[ukraine] {On} {mil} recaptured the village of {town} near {place2} from Russian forces. {END}",
        "[ukraine] {On} Ukrainian forces liberated {place} after weeks of fighting. {END}",
        "[mideast] {On} {mil} advanced into {place} and took control of it from {ng} after fierce clashes. {END}",
        "{On} {mil} reasserted control over {place} after clashes with {ng} who had overrun it earlier. {END}",
        "{On} {mil} launched an assault on {ng} in {place} and regained the town. {END}",
        "{On} {mil} took back {place} from {ng}; the army said {n2} militants were killed in the operation.",
        "The army said on {day} that it had retaken {town} from insurgents after a week of fighting.",
        "{On} {mil} cleared {ng} from {place} and raised the national flag over the town. {END}",
        "{On} {mil} recaptured the military base in {place} lost to {ng} a month earlier. {END}",
        "{On} {mil} drove {ng} out of {place} after a two-hour gun battle. {END}",
        "{On} {mil} reclaimed {place} from {ng}. Residents began returning to their homes. {END}",
        "{On} security forces regained control of {place} from {ng} in a joint operation. {END}",
    ],
    "end": FAT + ["[government regains territory]"],
    "ctx": [
        "The town had been captured by {ng} in {year0}.",
        "Residents had earlier protested against the army's absence.",
        "The group had seized the town a week earlier.",
        "Thousands of residents had fled during the occupation.",
    ],
}

T["NON_STATE_ACTOR_OVERTAKES_TER"] = {
    "t": [
        "{On} {ng} captured {place} after clashes with {mil}. The soldiers withdrew towards {town2}.",
        "{On} {ng} seized control of the {mil} base in {place} following an assault; {n} soldiers were killed.",
        "{On} {ng} took over {place} from {ng2} after heavy fighting. {END}",
        "{On} {ng} overran the district centre of {place} after fighting with {mil}. {END}",
        "Rebels seized the town of {town} after a day of fighting with the army, residents said on {day}.",
        "{On} {ng} attacked and captured the town of {place}. {mil} retreated after running out of ammunition.",
        "{On} {ng} took control of {place} after defeating {mili}. {END}",
        "{On} {ng} fighters stormed {place} and raised their flag after clashes with {pol}. {END}",
        "{On} {ng} captured {place} and {place2} in an offensive against {mil}. {END}",
        "{On} {ng} gained control of the border crossing at {place} after fighting with government troops.",
        "{On} {ng} seized {place} following clashes with {mil}, who abandoned their positions. {END}",
        "{On} {ng} expelled {ng2} from {place} after two days of clashes and took over the town. {END}",
        "{On} {ng} overran a military outpost in {place}, seizing weapons and vehicles. {END}",
        "[ukraine] {On} Russian forces captured the village of {town} near {place2} after heavy fighting. {END}",
        "[ukraine] {On} Russian forces took control of {place} following weeks of assaults by Wagner Group fighters. "
        "{END}",
        "{On} {mili} seized {place} from {ng} following fighting. {END}",
        "{On} {ng} captured the district headquarters of {place}, burning government buildings. {END}",
        "{On} {ng} took over the town of {place} after a battle with {mil}. The town had been retaken by the army in "
        "{year0}.",
        "Insurgents overran {town} on {day}, killing {n} soldiers and forcing the garrison to flee, officials said.",
        "{On} {ng} fighters captured the airport of {place} after clashes with {mil}. {END}",
        "{On} {ng} took {place} from {mil}. It is the group's first capture of a provincial town. {END}",
        "{On} {ng} seized control of {place} and its surrounding villages from {mil}. {END}",
        "{On} {ng} launched an offensive and captured {place}; {mil} troops fled to {town2}. {END}",
        "{On} after fighting with {mili}, {ng} took control of {place}. {END}",
        "{On} {ng} captured a strategic hill near {place} from {mil}. {END}",
    ],
    "end": FAT + ["[non-state actor overtakes territory]", "Civilians fled the town."],
    "ctx": [
        "Residents had protested the withdrawal of troops from the area the previous month.",
        "The army had retaken the town in {year0}.",
        "Thousands of residents fled towards {town2}.",
        "The group later claimed the capture in a statement.",
    ],
}

T["NON_VIOL_TERRIT_TRANSFER"] = {
    "t": [
        "{On} {mil} withdrew from {place} without fighting, and {ng} moved into the town shortly after.",
        "{On} {ng} took control of {place} after government forces abandoned their positions. No fighting was "
        "reported.",
        "{On} {ng} handed over {place} to {mil} under a local agreement.",
        "{On} {ng} fighters withdrew from {place} ahead of the army's arrival. {END}",
        "[africa] {On} UN peacekeepers handed over their camp in {place} to {mil}.",
        "{On} {ng} entered {place} unopposed after the police fled.",
        "{On} {mil} entered {place} without resistance after {ng} pulled out overnight.",
        "{On} {ng} peacefully took over {place} following negotiations with local elders.",
        "{On} {mil} redeployed away from {place}, leaving the town to {mili}. No clashes took place.",
        "{On} {ng} withdrew from {place} and handed it over to {ng2} under a deal brokered by tribal leaders.",
        "{On} {mil} took control of {place} after {ng} evacuated the town under an agreement. {END}",
        "{On} {ng} occupied {place} after troops left the area. No armed confrontation was reported.",
        "{On} {ng} fighters and their families were evacuated from {place} by bus, and {mil} took over the town.",
        "{On} the administration of {place} was handed over to {gov} after {ng} left. {END}",
        "{On} {ng} seized {place} without a fight after the local garrison fled. {END}",
        "[mideast] {On} {mil} deployed to {place} under an agreement with {ng}, who withdrew.",
        "{On} {mili} withdrew from its positions around {place}, which were taken over by {mil} without fighting.",
        "{On} {ng} retreated from {place} and {place2}, which came back under government control without clashes.",
        "Rebels took over {town} on {day} without firing a shot after soldiers withdrew, residents said.",
        "{On} {mil} abandoned its base in {place}; {ng} took it over the next day without resistance. {END}",
        "{On} {mil} handed over security responsibility for {place} to {pol}.",
        "{On} {ng} and {mil} agreed on a handover of {place}; government troops entered the town peacefully.",
        "[ukraine] {On} Russian forces withdrew from {place}, and Ukrainian troops entered the town without fighting. "
        "{END}",
        "{On} {ng} moved into {place} after {ng2} vacated it. {END}",
        "{On} {ng} peacefully transferred control of {place} to a local council. {END}",
    ],
    "end": ["No fatalities reported.", "No clashes were reported.", "No fighting took place.",
            "[non-violent transfer of territory]"],
    "ctx": [
        "The town had been the scene of heavy clashes in {year0}.",
        "Residents said the situation was calm.",
        "The withdrawal followed weeks of negotiations.",
        "Fighting was reported in a nearby district the same day.",
    ],
}
