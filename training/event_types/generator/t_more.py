"""More note templates per code, in other voices: passive, present perfect, wire English, longer notes."""

ADD = {
    "ATTACK": [
        "{On}, {n} civilians were killed when {ng} fighters opened fire on a crowd gathered for a village meeting in "
        "{place}.",
        "Reports indicate that on {d0}, {uag} killed a farmer and wounded his son on their farm outside {place}.",
        "{On} a man was found shot dead in {place} after being taken from his home by {uag} the previous night.",
        "{On} {mil} troops raided {place}, rounded up men from the village and shot {n} of them, according to "
        "survivors.",
        "{On} {ng} attacked a group of displaced women near {place}, killing {nw} of them with knives.",
        "Unknown attackers hacked {n} people to death in {town} overnight, a local administrator told AFP on {day}.",
        "{On} {pol} shot dead a suspected petty thief in {place} instead of arresting him, according to witnesses.",
        "{On} {uag} attacked a taxi on the road near {place} and killed the driver and a passenger. The motive is "
        "unknown.",
        "{On} {ng} killed a village elder in {place} who had refused to let the group recruit local youths.",
        "{On} {mili} attacked a bus carrying members of a rival ethnic group near {place}, killing {n} passengers.",
        "{On}, {uag} has reportedly killed a primary school teacher in {place} in front of his pupils.",
        "{On} gunmen stormed a mosque during evening prayers in {place} and killed {n2} worshippers.",
    ],
    "ARMED_CLASH": [
        "{On}, {n} soldiers and {n2} militants were reported killed in fighting between {mil} and {ng} near {place}.",
        "Reports indicate that on {d0}, {mili} repelled an attack by {ng} on {place}. Fatalities unknown.",
        "{On} {ng} launched a dawn attack on a {mil} outpost in {place}; the soldiers held their position after a "
        "long exchange of fire.",
        "{On} armed herders and a village militia exchanged gunfire in {place}, each side losing {n} men.",
        "Insurgents attacked an army patrol outside {town} on {day}, sparking a gunfight in which {n} soldiers died, "
        "security sources said.",
        "{On} {ng} and {mili} have clashed repeatedly since morning in {place}, with unconfirmed reports of {n} dead.",
        "{On} a firefight between border guards of {mil} and smugglers armed with rifles took place near {place}.",
        "{On} {pol} engaged {ng} militants hiding in a house in {place}; after a siege of several hours {n} militants "
        "were killed.",
        "{On} {ng} fighters attacked a convoy escorted by {mil} near {place}; the escort returned fire and the "
        "attackers withdrew.",
        "{On}, {mil} killed {n} members of {ng} during a clash in {place}; {n3} soldiers were injured.",
    ],
    "MOB_VIOL": [
        "{On}, a crowd of youths beat a man to death in {place} after accusing him of stealing a goat.",
        "Reports indicate that on {d0}, villagers of {place} attacked a group of herders passing through with their "
        "cattle, injuring {n}.",
        "{On} residents of {place} set upon {n} men they suspected of organ trafficking and killed them.",
        "{On} a crowd attacked the car of a local politician in {place} and beat his driver.",
        "A mob killed a suspected thief in {town} on {day} by setting him alight, police said.",
        "{On} a group of {riot} attacked and injured {n} worshippers outside a place of worship in {place}.",
        "{On} members of two families clashed with machetes in {place} over an inheritance dispute, leaving {n} "
        "injured.",
        "{On} supporters of two rival candidates fought with stones and sticks at a campaign event in {place}.",
        "{On} villagers in {place} beat to death a man they accused of being an informant for {ng}.",
    ],
    "VIOL_DEMONSTR": [
        "{On}, hundreds of youths protesting the death of a motorcyclist hit by a police vehicle torched the police "
        "vehicle in {place}.",
        "Reports indicate that on {d0}, protesters in {place} stoned the convoy of the governor and smashed car "
        "windows.",
        "{On} a protest over water shortages turned violent in {place} when demonstrators set fire to the municipal "
        "office.",
        "Protesters angry at a court verdict burned vehicles and attacked shops in {town} on {day}, police said.",
        "{On} {riot} demonstrating against the arrest of a religious leader blocked roads and threw stones at "
        "security forces in {place}. Police responded with tear gas.",
        "{On} striking workers in {place} pelted the factory management with stones and set a truck on fire.",
        "{On} residents protesting against an eviction in {place} attacked bulldozers and municipal workers with "
        "stones.",
        "{On} students demonstrating in {place} vandalised the campus and burned the vice-chancellor's car.",
        "{On} {party} protested the disqualification of their candidate in {place}; some of them attacked the "
        "electoral office and destroyed voting materials.",
    ],
    "PEACE_PROTEST": [
        "{On}, around {n2} women marched through {place} carrying placards that demanded the return of their "
        "abducted daughters.",
        "Reports indicate that on {d0}, teachers held a peaceful demonstration in {place} over unpaid salaries.",
        "{On} {prot} gathered in front of the police station in {place} to demand justice for a man killed by "
        "{uag} last week. The gathering was peaceful.",
        "{On} farmers demonstrated in {place} against attacks by herders on their farms.",
        "Hundreds of people demonstrated peacefully in {town} on {day} against a planned dam.",
        "{On} mourners turned the funeral of a slain activist into a peaceful protest march in {place}.",
        "{On} {party} protested in {place} against the arrest of their leader. Police watched but did not interfere.",
        "{On} market women in {place} protested peacefully against the demolition of their stalls.",
        "{On} {prot} demonstrated in {place} to call for the withdrawal of {mil} from their village. {END}",
        "{On} a group of doctors held a symbolic protest in {place} after an attack on a hospital. {END}",
    ],
    "PROTEST_WITH_INTER": [
        "{On}, police in {place} broke up a gathering of {party} with tear gas and arrested {n}.",
        "Reports indicate that on {d0}, {pol} detained the organisers of a peaceful march in {place} before it "
        "could begin.",
        "{On} women protesting the killing of their relatives by {ng} were dispersed by {pol} in {place}. No injuries "
        "were reported.",
        "Police fired tear gas to disperse students demonstrating in {town} on {day}; several were detained.",
        "{On} {pol} confiscated banners and detained {n} activists holding a sit-in in {place}.",
        "{On} {mil} dispersed a crowd of villagers protesting against a military checkpoint in {place} with warning "
        "shots and batons. Nobody was seriously hurt.",
        "{On} {pol} used pepper spray to break up a protest by {prot} outside parliament in {place}.",
        "{On} {prot} who were protesting peacefully in {place} were forcibly removed by {pol}. {END}",
    ],
    "FORCE_AGAINST_PROTEST": [
        "{On}, {n} protesters were killed when {pol} fired live bullets at a peaceful march in {place}.",
        "Reports indicate that on {d0}, {mil} shot dead a young man taking part in a peaceful demonstration in "
        "{place}.",
        "{On} {pol} fired on women protesting peacefully against the arrest of their sons in {place}, killing {n}.",
        "Soldiers opened fire on unarmed demonstrators in {town} on {day}, killing at least {n}, witnesses said.",
        "{On} a teenage protester died after {pol} beat him with rifle butts during a peaceful rally in {place}.",
        "{On} security forces fired live rounds at a funeral procession that had turned into a protest in {place}, "
        "killing {n}.",
        "{On} {pol} opened fire on farmers blocking a road in protest in {place}; {n} farmers died of their wounds.",
    ],
    "GOV_REGAINS_TERIT": [
        "{On}, {mil} announced that it had recaptured {place} from {ng} following clashes that killed {n} militants.",
        "Reports indicate that on {d0}, government troops wrested control of {place} back from {ng}.",
        "{On} the army's counter-offensive pushed {ng} out of {place}, which returned to government control.",
        "Government forces have retaken the strategic town of {town} from insurgents after days of fighting, the "
        "defence ministry said on {day}.",
        "{On} {mil} regained control of the villages around {place} that {ng} had occupied since {year0}.",
        "{On} {mil} took back the road junction at {place} after fighting with {ng}. {END}",
    ],
    "NON_STATE_ACTOR_OVERTAKES_TER": [
        "{On}, {ng} announced that it had captured {place} after fighting with {mil}.",
        "Reports indicate that on {d0}, {ng} overran {place} following clashes with {mili}, who fled the town.",
        "Insurgents have seized control of {town}, a district capital, after heavy fighting with government forces, "
        "officials said on {day}.",
        "{On} {ng} fought their way into {place} and took control of the town centre. {END}",
        "{On} {ng} seized the military camp in {place} after a long assault; the garrison withdrew. {END}",
        "{On} {ng} dislodged {mil} from {place} and took control of the town. {END}",
    ],
    "NON_VIOL_TERRIT_TRANSFER": [
        "{On}, {ng} withdrew from {place} under pressure from local elders, and the town returned to government "
        "control without fighting.",
        "Reports indicate that on {d0}, {mil} vacated its positions in {place}, which {ng} occupied the following day "
        "without resistance.",
        "Rebels have quietly left {town}, and soldiers moved in on {day} without a shot being fired, residents said.",
        "{On} {ng} took over {place} after negotiations with the local administration. No violence was reported.",
        "{On} {mil} withdrew from the town of {place} in an orderly retreat. {ng} moved in later without clashes.",
    ],
    "REM_EXPLOS": [
        "{On}, {n} soldiers were killed when their vehicle drove over a landmine near {place}.",
        "Reports indicate that on {d0}, an IED exploded next to a passenger vehicle near {place}, killing {n}.",
        "A roadside bomb struck a police vehicle in {town} on {day}, killing {n} officers, police said.",
        "{On} a bomb planted at the entrance of a bar in {place} exploded, injuring {n} people.",
        "{On} an explosive device hidden in a handcart detonated in a market in {place}. {END}",
        "{On} a boy herding goats stepped on a landmine near {place} and lost a leg.",
    ],
    "SUIC_BOMB": [
        "[africa,mideast,asia] {On}, {n2} people were killed when a suicide bomber blew himself up at a crowded "
        "market in {place}.",
        "[africa,mideast,asia] Reports indicate that on {d0}, a suicide bomber detonated explosives at the gate of a "
        "{mil} camp in {place}.",
        "[africa,mideast,asia] A suicide bomber killed {n} people at a police checkpoint in {town} on {day}, officials "
        "said.",
        "[africa,mideast,asia] {On} a suicide bomber disguised as a police officer blew himself up at a recruitment "
        "centre in {place}. {END}",
        "[africa,mideast,asia] {On} a suicide attacker detonated an explosive-laden vehicle at a checkpoint in "
        "{place}, killing himself and {n} others.",
    ],
    "GRENADE": [
        "{On}, {n} people were injured when unidentified men threw a grenade at a shop in {place}.",
        "Reports indicate that on {d0}, a hand grenade was thrown at a security post in {place}.",
        "Assailants threw a grenade at a police vehicle in {town} on {day}, wounding {n} officers, police said.",
        "{On} a grenade thrown over the wall of a school compound exploded in {place}, injuring {n} pupils.",
        "{On} a man threw a grenade into a crowd at a political rally in {place}. {END}",
    ],
    "ART_MISS_ATTACK": [
        "{On}, {n} civilians were killed when shells fired by {mil} hit their homes in {place}.",
        "Reports indicate that on {d0}, {ng} fired several mortar rounds at the town of {place}.",
        "Rockets struck a residential area of {town} on {day}, killing {n} people, local officials said.",
        "{On} {mil} pounded {ng} positions near {place} with heavy artillery. {END}",
        "{On} a missile hit a grain terminal in {place}, injuring {n} workers.",
        "{On} {ng} fired rockets at {place}, hitting a school. {END}",
    ],
    "AIR_STRIKE": [
        "{On}, {n} people were killed when {mil} warplanes bombed a market in {place}.",
        "Reports indicate that on {d0}, a drone targeted a motorcycle carrying two {ng} members near {place}.",
        "An air raid on {town} killed {n} people on {day}, residents said.",
        "{On} {mil} conducted an airstrike on a suspected {ng} gathering in {place}. {END}",
        "{On} a military drone fired a missile at a house in {place}, killing {n} people.",
        "{On} {ng} attacked {place} with armed drones, hitting a fuel depot. {END}",
    ],
    "DISR_WEAP": [
        "{On}, {mil} found and defused an IED hidden under a culvert near {place}.",
        "Reports indicate that on {d0}, security forces in {place} seized an arms cache including {n2} rifles, "
        "grenades and explosives belonging to {ng}.",
        "Soldiers defused a roadside bomb on the road to {town} on {day}, the army said.",
        "{On} air defences intercepted a missile fired at {place}; debris fell on open ground. {END}",
        "{On} {pol} stopped a car at a checkpoint in {place} and found explosives and detonators in the boot. {END}",
        "{On} a would-be suicide bomber was arrested before he could detonate his vest in {place}. {END}",
    ],
    "ARREST": [
        "{On}, {pol} arrested {n} local politicians in {place} accused of links with {ng}.",
        "Reports indicate that on {d0}, {mil} detained a prominent tribal leader in {place}.",
        "Security forces arrested a well-known critic of the government at his home in {town} on {day}, his family "
        "said.",
        "{On} {pol} arrested the editor of a local newspaper in {place} on charges of spreading false news.",
        "{On} {pol} arrested {n} suspected members of {ng} in a raid in {place}. {END}",
    ],
    "ABDUCT_DISSAP": [
        "{On}, {n} farmers were abducted by {uag} while working on their farms near {place}.",
        "Reports indicate that on {d0}, {ng} kidnapped a local councillor in {place}; his fate is unknown.",
        "Gunmen abducted a catholic priest in {town} on {day}, the diocese said.",
        "{On} {uag} kidnapped {n} travellers at gunpoint on the road near {place} and took them into the bush.",
        "{On} a student leader went missing in {place} after being detained by unidentified men in a van. {END}",
    ],
    "ORG_CRIME": [
        "{On}, {pol} arrested {n} suspected drug dealers and seized heroin in {place}.",
        "Reports indicate that on {d0}, armed robbers broke into a supermarket in {place} and stole cash.",
        "Police seized {n2} kilograms of methamphetamine hidden in a truck in {town} on {day}.",
        "{On} {pol} rescued {n2} victims of human trafficking from a house in {place}. {END}",
        "{On} a gang of smugglers was caught moving contraband cigarettes near {place}. {END}",
    ],
    "CHANGE_TO_GROUP_ACT": [
        "{On}, {ng} announced a new leadership council after internal divisions.",
        "Reports indicate that on {d0}, {ng} imposed restrictions on movement in {place} at night.",
        "{On} {mil} deployed additional troops and armoured vehicles to {place} after recent attacks. {END}",
        "The rebels announced on {day} that they were forming a coalition with two other armed groups.",
        "{On} {ng} ordered shops in {place} to close on Fridays. {END}",
    ],
    "HQ_ESTABLISHED": [
        "{On}, {ng} established a base in the village of {place}, according to residents.",
        "Reports indicate that on {d0}, {mil} set up a new camp in {place}.",
        "Soldiers established a new base in {town} on {day} to protect farmers, officials said.",
        "{On} {ng} turned a former school in {place} into its local headquarters. {END}",
    ],
    "OTHER": [
        "{On}, the bodies of {n} men were found dumped near {place}. {END}",
        "Reports indicate that on {d0}, {ng} released {n} hostages it had been holding in {place}.",
        "Dozens of prisoners escaped from a jail in {town} on {day}, officials said.",
        "{On} {n2} former {ng} fighters laid down their weapons in a ceremony in {place}. {END}",
        "{On} soldiers fired into the air to disperse onlookers at an accident scene in {place}. No injuries.",
    ],
    "AGREEMENT": [
        "{On}, {gov} and {ng} signed a deal in {place} on the release of all detainees. {END}",
        "Reports indicate that on {d0}, two rival communities in {place} agreed to end hostilities.",
        "The government and the rebels signed a ceasefire on {day} after talks mediated by the church.",
        "{On} community leaders from {place} and {place2} signed a peace pact after months of clashes. {END}",
    ],
    "DIPLO": [
        "{On}, the UN Secretary-General called on {gov} and {ng} to return to the negotiating table.",
        "Reports indicate that on {d0}, envoys from neighbouring states met in {place} to discuss the crisis.",
        "The foreign minister held talks with his counterpart on {day} on the conflict, but no agreement was reached.",
        "{On} {gov} summoned a foreign ambassador over comments about the conflict. {END}",
    ],
    "ATTRIB": [
        "{On}, {ng} claimed responsibility for an ambush near {place} that killed {n} soldiers on {d0}.",
        "Reports indicate that on {d0}, {gov} blamed {ng} for the killing of {n} villagers in {place}.",
        "The group claimed on {day} that its fighters had carried out the bombing in {town} the previous week.",
        "{On} {mil} denied responsibility for the deaths of civilians in {place} and blamed {ng}. {END}",
    ],
    "MAN_MADE_DISASTER": [
        "{On}, {n} people died when a fuel tanker exploded after a collision near {place}.",
        "Reports indicate that on {d0}, a fire broke out in a crowded market in {place}, destroying shops. The cause "
        "was an electrical fault.",
        "A gas explosion at a coal mine near {town} killed {n2} miners on {day}, officials said.",
        "{On} a boat carrying traders capsized near {place}, with {n} people feared drowned.",
    ],
}
