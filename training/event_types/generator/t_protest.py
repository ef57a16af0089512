"""Peaceful protests, protests with intervention, excessive force against protesters."""

SIZE = ["[size=no report]", "[size={size}]", "[size={size}]", "[size=around {n2}]"]

T = {}

T["PEACE_PROTEST"] = {
    "t": [
        "{On} {prot} held a sit-in in front of the governor's office in {place} to demand the payment of salary arrears. "
        "{END}",
        "{On} {party} marched through {place} to denounce insecurity in the region. {END}",
        "{On} residents of {place} demonstrated against the killing of {n} villagers by gunmen the previous week. {END}",
        "{On} traders closed their shops and protested against multiple taxation in {place}.",
        "{On} women gathered in {place} to demand the release of relatives detained by the army. {END}",
        "{On} {prot} staged a protest outside the UN compound in {place}. Police were present but did not intervene.",
        "{On} {party} held a rally in {place} to protest against the rising cost of living. {END}",
        "{On} hundreds of students demonstrated peacefully in {place} against an increase in tuition fees.",
        "{On} farmers blocked a highway with tractors in {place} to protest against low crop prices. {END}",
        "{On} health workers went on strike and demonstrated in front of the regional hospital in {place}.",
        "{On} relatives of missing persons held a vigil in {place} to demand information about their fate. {END}",
        "{On} {prot} protested in {place} against the presence of foreign troops.",
        "{On} residents of {place} took to the streets to denounce the kidnapping of a local doctor. {END}",
        "{On} {prot} demonstrated in {place} to demand the reopening of the road to {town2}. The protest ended "
        "peacefully.",
        "{On} teachers protested in {place} over unpaid allowances. {END}",
        "{On} {prot} rallied in {place} in solidarity with the people of Gaza. {END}",
        "{On} a group of journalists protested in {place} against the arrest of a colleague. {END}",
        "{On} {prot} gathered in {place} to condemn an attack by {ng} on a nearby village. {END}",
        "{On} motorcycle taxi drivers protested in {place} against a ban on their activity.",
        "{On} {party} demonstrated outside the electoral commission in {place} to reject the election results. "
        "Police monitored the gathering.",
        "{On} displaced people in {place} protested against cuts in food rations. {END}",
        "Thousands of people marched peacefully in {town} on {day} to demand the resignation of the government.",
        "{On} workers of a mining company in {place} held a strike and demonstration over dismissals. {END}",
        "{On} {prot} formed a human chain in {place} against violence against women. {END}",
        "{On} residents blocked the road in {place} with stones to protest repeated power outages. No violence was "
        "reported.",
        "{On} {prot} demonstrated in front of the court in {place} during the hearing of an opposition leader.",
        "{On} students boycotted classes and marched in {place} to protest the killing of a classmate by police. "
        "{END}",
        "[europe] {On} {party} demonstrated in {place} against pension reform. {END}",
        "[europe] {On} climate activists staged a sit-in in {place}. {END}",
        "{On} pensioners protested in {place} over delayed pensions. Security forces were deployed but did not "
        "intervene.",
        "{On} {prot} held a silent march in {place} to commemorate victims of the {year0} massacre. {END}",
        "{On} fishermen protested in {place} against restrictions on fishing. {END}",
        "{On} {prot} staged a hunger strike in {place} to demand the release of political prisoners.",
        "{On} relatives of soldiers protested in {place}, demanding better equipment for troops fighting {ng}.",
    ],
    "end": SIZE + ["No injuries reported.", "The protest ended peacefully.", "No incident was reported."],
    "ctx": [
        "Police were present but did not intervene.",
        "The protest followed the killing of {n} people by gunmen last week.",
        "Security forces monitored the march.",
        "Organisers said they would continue until their demands were met.",
        "A similar protest in the town was dispersed by police last month.",
    ],
}

T["PROTEST_WITH_INTER"] = {
    "t": [
        "{On} {pol} dispersed {prot} with tear gas in {place}. The protesters were demanding the payment of salaries. "
        "{END}",
        "{On} {prot} demonstrating against the cost of living in {place} were arrested by {pol}; {n2} people were "
        "detained.",
        "{On} {pol} blocked a march by {party} in {place} and fired water cannon.",
        "{On} police used batons to break up a sit-in by teachers in {place}; several protesters were briefly detained.",
        "{On} {pol} arrested {n} activists during a demonstration against the new constitution in {place}.",
        "{On} security forces prevented opposition supporters from gathering in {place} and fired tear gas. {END}",
        "{On} {prot} protesting against the detention of their leader in {place} were dispersed by {pol}.",
        "{On} police dispersed a peaceful protest by {party} in {place}, arresting {n}. No injuries were reported.",
        "{On} {pol} fired tear gas to break up a students' demonstration in {place}. {END}",
        "{On} {pol} broke up a vigil by relatives of detainees in {place} and detained {n} women.",
        "{On} {prot} marching towards the presidential palace in {place} were stopped by police, who used tear gas and "
        "rubber bullets. Minor injuries were reported.",
        "{On} {mil} dispersed residents protesting against the army's presence in {place} by firing in the air.",
        "{On} {pol} arrested {n2} people who were protesting peacefully in {place} against the war. {END}",
        "{On} traders protesting a tax hike in {place} were dispersed by municipal police.",
        "Police fired tear gas and water cannon at protesters in {town} on {day}, detaining dozens.",
        "{On} {pol} forcibly removed demonstrators blocking the road in {place}. {n} people were arrested.",
        "{On} security forces disrupted a press conference and protest by {party} in {place}, detaining {n} members.",
        "{On} police dispersed women protesting the disappearance of their sons in {place}. {END}",
        "[europe] {On} {pol} kettled and detained {n2} climate activists blocking a road in {place}.",
        "[europe] {On} riot police dispersed {party} in {place} with tear gas. {END}",
        "{On} {prot} demonstrating against electricity cuts in {place} were dispersed by {pol} with batons. {n} "
        "protesters were lightly injured.",
        "{On} {pol} arrested a group of students holding placards outside parliament in {place}.",
        "{On} security forces beat and dispersed members of {party} gathered in {place} for an unauthorised rally. "
        "{END}",
        "{On} {pol} used tear gas against residents of {place} protesting the killing of a villager by {ng}.",
        "{On} {pol} prevented a march by {prot} in {place} and detained the organisers.",
        "{On} {prot} protesting a land grab in {place} were dispersed by police. {END}",
        "{On} {pol} used water cannon to disperse farmers protesting in {place}.",
        "{On} police cleared a protest camp in {place}, arresting {n2} people.",
        "{On} {prot} in {place} were dispersed with tear gas after they refused to end their sit-in. {END}",
        "{On} {pol} fired rubber bullets and tear gas at {prot} in {place}. No serious injuries were reported.",
        "{On} {prot} held a demonstration in {place}; police intervened and detained {n} protesters. {END}",
    ],
    "end": SIZE + ["No injuries reported.", "No injuries were reported.", "The group was dispersed.",
                   "Several protesters were briefly detained.", "They were released later that day."],
    "ctx": [
        "The protesters had gathered peacefully.",
        "No fatalities were reported.",
        "The detainees were released the same evening.",
        "The demonstration followed the arrest of a union leader.",
    ],
}

T["FORCE_AGAINST_PROTEST"] = {
    "t": [
        "{On} {pol} opened fire on {prot} in {place}, killing {n}. The protesters had been demonstrating peacefully "
        "against price rises.",
        "{On} {mil} fired live ammunition at demonstrators in {place}, killing {n} and wounding dozens.",
        "{On} a protester was shot dead by police during a peaceful march in {place}. {END}",
        "{On} {pol} severely beat protesters in {place}, leaving {n} hospitalised with serious injuries.",
        "{On} security forces fired rubber bullets at close range at {prot} in {place}, blinding a young protester.",
        "{On} pro-government militiamen attacked peaceful protesters with knives in {place}, killing {n}.",
        "{On} {pol} shot dead {n} people protesting the killing of a student in {place}. {END}",
        "{On} soldiers of {mil} fired on a crowd protesting against the coup in {place}. {n} protesters were killed.",
        "{On} {prot} demonstrating against the election results in {place} were met with live fire from {pol}; {n} "
        "died.",
        "{On} police killed a teenager taking part in a peaceful protest in {place}. {END}",
        "{On} {mil} opened fire on residents protesting the arrest of a religious leader in {place}, killing {n}.",
        "{On} {pol} beat a protester to death during a sit-in in {place}.",
        "Security forces shot dead {n} demonstrators in {town} on {day}, medics said, as crowds demanded the end of "
        "military rule.",
        "{On} {pol} fired live rounds to disperse a peaceful demonstration in {place}; {n2} people were wounded, some "
        "critically.",
        "{On} a protester died after being hit in the head by a tear gas canister fired by {pol} in {place}.",
        "{On} {mil} killed {n} people when they fired at a crowd protesting against the army's presence in {place}.",
        "{On} {prot} were shot at by {pol} during a march in {place}. {n} people sustained gunshot wounds. {END}",
        "{On} {pol} ran over and killed a protester during a demonstration in {place}.",
        "{On} plain-clothes agents fired on a peaceful protest of {party} in {place}, killing {n}.",
        "{On} {pol} shot {n} women protesting the disappearance of their husbands in {place}; two died in hospital.",
        "{On} security forces used live ammunition against students protesting in {place}. {n} students were killed.",
        "{On} {pol} fired at protesters blocking a road in {place}, killing a {n2}-year-old man.",
        "Police killed {n} people and injured dozens when they fired on a crowd protesting a tax rise in {town}, "
        "rights groups said.",
        "{On} {pol} tortured and seriously injured {n} protesters detained during a march in {place}.",
        "{On} members of {mili} attacked a peaceful sit-in in {place} with guns, killing {n} protesters.",
        "{On} {mil} opened fire on demonstrators in {place} after they refused to disperse. {n2} people were killed.",
        "{On} {pol} shot a protester in the chest during a demonstration against police brutality in {place}. He "
        "survived with serious injuries.",
    ],
    "end": SIZE + ["Fatalities coded as {n}.", "{n} fatalities.", "Dozens were injured."],
    "ctx": [
        "The protest had been peaceful until security forces arrived.",
        "The authorities announced an investigation into the shooting.",
        "The demonstrators were unarmed, witnesses said.",
        "Several protesters were also arrested.",
    ],
}
