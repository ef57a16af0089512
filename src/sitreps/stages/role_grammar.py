"""The grammar event roles are read with: which noun phrase a token heads, which words name harm or an
event, whose subject a verb shares, which harm verbs belong to one incident. Word lists that users may extend
live in data/event_roles.yaml (`role_lexicon`); the closed-class ones here are English grammar."""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.model import TextSpan
from sitreps.nlp import doc_tokens
from sitreps.stages.role_lexicon import is_non_participant, is_physical_target, load_role_lexicon

_RELATIVE = {"who", "whom", "which", "that", "whose"}
PRONOUNS_SKIPPED = {"it", "its", "this", "these", "those", "what", "there", "itself"}
# "a bomber blew himself up": the reflexive object is the attacker again, never a victim or target
REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"}
# Verbs and nouns whose patient is killed or injured (a victim) rather than only attacked (a target)
HARM_LEMMAS = {
    "kill", "injure", "wound", "murder", "assassinate", "execute", "behead", "massacre", "slay", "hurt",
    "maim", "slaughter", "lynch", "shoot", "stab", "die", "death", "killing", "assassination", "execution",
    "dead", "casualty", "injury", "torture", "beat", "hang", "strangle",
}  # fmt: skip
# Verbs whose subject is the one who dies or is hurt: "soldiers died", "five perished", "two officers
# suffered burns", "the men bled to death"
SUBJECT_DIES = {
    "die", "perish", "succumb", "drown", "suffer", "sustain", "fall", "bleed", "starve", "suffocate",
}  # fmt: skip
# Nouns that name an event, so that "the explosion killed five" has no human attacker in its subject
EVENT_NOUNS = {
    "attack", "explosion", "blast", "bombing", "strike", "airstrike", "raid", "shelling", "ambush", "assault",
    "shooting", "fire", "gunfire", "clash", "fighting", "violence", "incident", "detonation", "offensive",
    "massacre", "operation", "crash", "battle",
}  # fmt: skip
NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
# Nouns that name the one who attacks: a trigger "bombers" is its own attacker
PERPETRATOR_NOUNS = {
    "bomber", "gunman", "attacker", "assailant", "shooter", "sniper", "killer", "assassin", "hijacker",
    "kidnapper", "abductor", "arsonist", "gunmen", "bombers",
}  # fmt: skip
# Events fought between two sides: "fighting between the army and rebels"
TWO_SIDED_NOUNS = {
    "clash", "fighting", "battle", "fight", "skirmish", "war", "conflict", "hostility", "firefight",
    "gunfight", "exchange", "confrontation",
}  # fmt: skip
# Event nouns whose possessor undergoes them: "his death", "the journalist's murder" (but "IS's attack")
UNDERGONE_NOUNS = {
    "death", "murder", "assassination", "killing", "execution", "injury", "beheading", "kidnapping",
    "abduction", "arrest", "detention", "capture", "disappearance", "lynching", "torture", "wounding",
}  # fmt: skip


_QUOTES_AND_BRACKETS = "\"'“”‘’«»()[]{},;:"


def noun_phrase(tok: Token) -> TextSpan:
    """The noun phrase that `tok` heads, up to the head (post-modifiers are left out: "members of X")."""
    doc = tok.doc
    table = doc_tokens(doc)  # the document's Tokens and words, built once (`doc[k]` builds a Token per call)
    toks, texts = table.tokens, table.text
    start = tok.left_edge
    # a leading preposition or punctuation is not part of the phrase
    while start.i < tok.i and (start.is_punct or start.dep_ in ("prep", "cc", "case")):
        start = toks[start.i + 1]
    end = tok
    # a name split over flat tokens ("Dzhokhar Tsarnaev") ends at its last capitalised token
    while end.i + 1 < len(doc) and toks[end.i + 1].dep_ == "flat":
        end = toks[end.i + 1]
    # a title and the name right after it are one phrase: "Venezuela's President Nicolas Maduro"
    appos = next((c for c in tok.rights if c.dep_ == "appos" and c.left_edge.i == end.i + 1), None)
    if appos is not None and appos.ent_type_ == "PERSON":
        end = appos
    # a word hyphenated after its head is one word: "passers-by", "runners-up"
    while (
        end.i + 2 < len(doc)
        and not end.whitespace_
        and texts[end.i + 1] == "-"
        and not toks[end.i + 1].whitespace_
        and toks[end.i + 2].is_alpha
    ):
        end = toks[end.i + 2]
    # the span's own text, a slice of the document's text (`Span.text` builds a Token per word)
    return _trimmed(start.idx, table.doc_text[start.idx : end.idx + len(texts[end.i])])


def _trimmed(start: int, text: str) -> TextSpan:
    """The span without quote marks and brackets at its edges, nor text glued on before a quote inside a
    token ('UTC)."There' is "There")."""
    for mark in ('."', ".\u201c", '"', "\u201c", "\u201d"):
        cut = text.rfind(mark)
        if 0 <= cut < len(text) - len(mark) and " " not in text[: cut + len(mark)]:
            start, text = start + cut + len(mark), text[cut + len(mark) :]
            break
    lead = len(text) - len(text.lstrip(_QUOTES_AND_BRACKETS + " "))
    text = text[lead:].rstrip(_QUOTES_AND_BRACKETS + " ")
    return TextSpan(start + lead, start + lead + len(text), text)


def conjuncts(tok: Token) -> list[Token]:
    """The token and the ones coordinated with it ("rockets and mortars")."""
    return [tok, *tok.conjuncts]


def antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the men who attacked")."""
    if tok.lower_ in _RELATIVE:
        clause = next((a for a in tok.ancestors if a.dep_ in ("relcl", "acl")), None)
        if clause is not None:
            return clause.head
    return tok


def owner(noun: Token) -> Token | None:
    """Whose "life" it is: the possessive ("his life") or the "of" object ("the lives of five people")."""
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their"):
            return c
        if c.dep_ == "prep" and c.lower_ == "of":
            return pobj(c)
    return None


# Words that head no attacker: a state's abstract name ("the republic"), a vehicle, a body part
_NO_ATTACKER = {"republic", "country", "nation"}


def names_no_attacker(tok: Token) -> bool:
    """A subject that cannot have acted: an abstract noun, a place, a vehicle or building that is no
    named group ("a vehicle exploded"), a lone common noun in the lexicon of non-participants."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return True
    lemma = tok.lemma_.lower()
    if lemma in _NO_ATTACKER or is_non_participant(tok):
        return True
    return is_physical_target(tok) and tok.pos_ != "PROPN"


def pobj(prep: Token) -> Token | None:
    """The object of a preposition."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


# Verbs that name the perpetrator as their object: "blamed Moscow for the attack"
BLAME_VERBS = {"blame", "accuse", "suspect", "hold", "charge", "convict", "implicate"}
# Verbs that hold someone for an event ("arrested over the bombing", "sentenced for the attack")
SUSPECT_VERBS = {
    "arrest", "detain", "indict", "sentence", "jail", "imprison", "prosecute", "try", "convict", "charge",
    "suspect", "accuse", "hold", "question", "interrogate", "extradite", "execute", "hang",
}  # fmt: skip


def subject_of(verb: Token) -> Token | None:
    """The verb's active subject, inherited from the verb it is coordinated with or complements."""
    current = verb
    for _ in range(3):
        subj = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        prep = current.head
        if current.dep_ == "pcomp" and current.tag_ == "VBG" and prep.head.pos_ in ("VERB", "AUX"):
            # "was arrested for bombing", "accused the rebels of killing" (not the active subject of "withdrew
            # after attacking": measured, often no attacker)
            main = prep.head
            role = "dobj" if main.lemma_.lower() in BLAME_VERBS else "nsubjpass"
            return next((c for c in main.children if c.dep_ == role), None)
        participle = current.dep_ == "advcl" and current.tag_ == "VBG"  # "..., killing 49 people"
        if (current.dep_ in ("conj", "xcomp") or participle) and current.head != current:
            # "stormed the hotel and killed five"; "tried to kill"; but a passive conjunct keeps its own
            if any(c.dep_ == "nsubjpass" for c in current.children):
                return None
            current = current.head
            continue
        return None
    return None


def phrase_head(noun: Token) -> Token:
    """The head of the noun phrase a trigger noun sits in: "assassination" in "an assassination attempt"
    stands where "attempt" stands in the clause."""
    while noun.dep_ in ("compound", "amod") and noun.head != noun and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun


# Verbs that hurt or hit what they take as object, besides the harm verbs: "the blast hit a bus"
STRIKE_VERBS = {
    "hit", "strike", "target", "destroy", "damage", "attack", "wreck", "flatten", "level", "demolish", "raze",
    "injure", "wound", "kill", "claim", "leave",
}  # fmt: skip


def harms(verb: Token) -> bool:
    """The verb hurts or hits its object ("killed", "wounded", "hit", "destroyed")."""
    lemma = verb.lemma_.lower()
    return lemma in HARM_LEMMAS or lemma in STRIKE_VERBS


def clause_verb(noun: Token) -> Token:
    """The verb a noun is the object of, directly or through one preposition ("escaped from an attack")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head


def is_victim(child: Token, verb_lemma: str) -> bool:
    """The dependant of a harm verb that is hurt: the passive subject, the object, the subject of "die",
    or the subject of a bare participle ("three were killed and five others wounded")."""
    if verb_lemma in SUBJECT_DIES:
        return child.dep_ == "nsubj"
    if child.dep_ == "nsubj" and bare_participle(child.head):
        return True
    return child.dep_ in ("nsubjpass", "dobj")


def bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary of its own, coordinated with a passive: an elided "were"."""
    return (
        verb.tag_ in ("VBN", "VBD")  # the tagger often reads "five others wounded" as a past tense
        and verb.dep_ == "conj"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    )


def incident_verbs(head: Token) -> list[Token]:
    """Other harm verbs of the same incident, tied to the trigger's clause by coordination or an adverbial
    clause: "three soldiers were killed and five wounded when an IED exploded", "stormed a school, killing
    132 children", "an explosion killed two and wounded three". A coordinated verb with its own active
    subject is another actor's act, not this incident."""
    verb = head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    # "the bombing, which killed 30 people": a relative clause on the trigger noun tells its harm
    chain = [head, verb] if head != verb else [verb]
    while len(chain) < 4 and chain[-1].dep_ in ("advcl", "conj") and chain[-1].head.pos_ in ("VERB", "AUX"):
        chain.append(chain[-1].head)
    found: list[Token] = []
    for v in chain:
        clauses = [c for c in v.children if c.dep_ == "advcl" or (c.dep_ == "relcl" and v == head)]
        for c in [v, *v.conjuncts, *clauses, *(x for cl in clauses for x in cl.conjuncts)]:
            if c == head or c in found or c.pos_ not in ("VERB", "AUX"):
                continue
            lemma = c.lemma_.lower()
            leaves_dead = lemma == "leave" and any(g.lower_ in _LEFT_STATES for g in c.children)
            if not (lemma in HARM_LEMMAS or leaves_dead):
                continue
            own_subject = any(g.dep_ == "nsubj" and not is_victim(g, lemma) for g in c.children)
            if (c in verb.conjuncts or c.dep_ == "advcl") and own_subject:
                continue
            found.append(c)
    return found


# "leaving five dead": the states that make "leave" a harm verb
_LEFT_STATES = {"dead", "injured", "wounded", "killed", "hurt"}


def near_verb(noun: Token) -> Token | None:
    """The verb a noun trigger hangs on, directly or through a preposition ("with rifle fire and grenades":
    through the first conjunct too); not a verb of speech."""
    while noun.dep_ == "conj" and noun.head != noun and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    for verb in (noun.head, noun.head.head):
        if verb.pos_ in ("VERB", "AUX") and verb != noun:
            if verb.lemma_.lower() in load_role_lexicon().speech_verbs or verb.lemma_ == "be":
                return None  # "said ...", "were among the dead": the verb tells no role of the event
            return verb
        if verb.dep_ != "prep":
            break
    return None


# Verbs fought between two sides: "clashed with police", "fought with rebels"
TWO_SIDED_VERBS = {"clash", "fight", "battle", "skirmish", "engage", "exchange"}


def names_people(noun: Token) -> bool:
    """A noun that names people: a name, a pronoun, a person noun, or a counted noun ("five")."""
    if noun.pos_ in ("PROPN", "PRON", "NUM") or noun.ent_type_:
        return True
    if noun.lemma_.lower() in load_role_lexicon().person_nouns | PERPETRATOR_NOUNS:
        return True
    return any(c.dep_ == "nummod" for c in noun.children)


def names_someone(tok: Token) -> bool:
    """A noun that names a person or a group, not a place or a thing."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in load_role_lexicon().person_nouns | PERPETRATOR_NOUNS


# Adjectives that say someone was hurt, whatever the lemmatizer makes of them
HURT_STATES = {"dead", "injured", "wounded", "killed", "hurt", "slain", "maimed"}


# Pronouns by what they can stand for: a person, a group of people, an organisation
_PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_GROUP_NOUNS = {
    "group", "organization", "organisation", "movement", "militia", "network", "faction", "outfit",
}  # fmt: skip


def referent(tok: Token, sentences_back: int = 2) -> Token | None:
    """The noun a pronoun or a bare definite description stands for, named before it in its sentence or
    the `sentences_back` before: "he" a person's name, "they" a group's name or people ("gunmen"), "the
    group" an organisation's name, "the militants" the fuller "Islamist militants" or a group's name.
    None when the token is neither, or nothing fits."""
    kind = referent_kind(tok)
    if kind is None:
        return None
    doc = tok.doc
    first = tok.sent
    for _ in range(sentences_back):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    people = load_role_lexicon().person_nouns | PERPETRATOR_NOUNS
    for i in range(tok.i - 1, first.start - 1, -1):
        c = doc[i]
        # a phrase's head, not a word inside the phrase the token itself heads or modifies
        inside = c.dep_ in ("compound", "amod", "nmod", "flat") or tok in c.ancestors
        if c.pos_ not in ("PROPN", "NOUN") or inside:
            continue
        ent = c.ent_type_
        if kind == "person" and ent == "PERSON":
            return c
        if kind == "organisation" and ent == "ORG":
            return c
        if kind == "people" and (ent in ("ORG", "NORP") or (c.tag_ == "NNS" and c.lemma_.lower() in people)):
            return c
        if kind == "fuller" and (
            ent in ("ORG", "NORP")
            or c.lemma_.lower() == tok.lemma_.lower()
            and any(x.dep_ in ("compound", "amod", "nmod") or x.ent_type_ for x in c.children)
        ):
            return c
    return None


def referent_kind(tok: Token) -> str | None:
    """What a pronoun or a bare description ("the group", "the militants") can stand for."""
    low = tok.lower_
    if low in _PERSON_PRONOUNS:
        return "person"
    if low in _PLURAL_PRONOUNS:
        return "people"
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)
    if tok.pos_ != "NOUN" or not definite:
        return None
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in tok.children):
        return None  # "the Islamist militants" says who already
    lemma = tok.lemma_.lower()
    if lemma in _GROUP_NOUNS:
        return "organisation"
    if lemma in load_role_lexicon().person_nouns | PERPETRATOR_NOUNS:
        return "fuller"
    return None
