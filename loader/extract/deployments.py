"""Deployments: who sent how many troops where, by whose account.

A sentence states a deployment when a movement word (send, deploy, arrive,
station, "deployment of", "presence of", or troops "in" a foreign state)
meets a body of troops. The deployer is the state named by the troops'
demonym or the subject of the movement verb; the destination the state or
place after "to/in/into"; each personnel figure becomes a deployment of its
own with its qualifier; the status follows denial, planning and confirmation
words; the reporter is the speaker of the sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..model import Deployment, Statement
from .actors import ActorIndex
from .intervals import Intervals
from .lexicon import (
    ADDING_VERBS,
    ANY_SPEAKER_NOUNS,
    AUTHORISING_VERBS,
    CIVILIAN_WORDS,
    CONFIRM_WORDS,
    DENIAL_WORDS,
    DESTINATION_PREPS,
    DOUBT_WORDS,
    ESTABLISHING_VERBS,
    EXIT_VERBS,
    FORCE_HEADS,
    FORCE_VERBS,
    FORMATIONS,
    HEARSAY_WORDS,
    HOLDING_VERBS,
    HOSTING_VERBS,
    INTENT_NOUNS,
    MILITARY_MODIFIERS,
    MISSION_HEADS,
    MOVE_NOUNS,
    MOVE_VERBS,
    NARROWING_WORDS,
    NOT_DESTINATION_HEADS,
    ORG_HEADS,
    PARTICIPATION_VERBS,
    PERSONNEL,
    PERSONNEL_ADJECTIVES,
    PLAN_WORDS,
    PLEDGE_VERBS,
    POSSIBILITY_WORDS,
    PRESENCE_ADJECTIVES,
    PURPOSE_VERBS,
    REFUSAL_VERBS,
    REGION_WORDS,
    REPORT_NOUNS,
    SIDE_WORDS,
    SPEECH_VERBS,
    STATIONING_NOUNS,
    STRENGTH_VERBS,
    TOTAL_WORDS,
    TOTALLING_VERBS,
)
from .speakers import according_to, actor_for, actors_for, report_authors, subject_of

# The first pattern that ends right before the figure wins: longer ones first where a
# shorter one ends them ("no more than" before "more than").
QUALIFIERS = [
    (("no", "more", "than"), "up_to"), (("not", "more", "than"), "up_to"),
    (("more", "than"), "more_than"), (("over",), "more_than"), (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"),
    (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"), (("a", "minimum", "of"), "at_least"),
    (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("between",), "at_least"),
    # "fewer than 3,000", "under 3,000": the guideline's "less than a thousand" is up to it
    (("fewer", "than"), "up_to"), (("less", "than"), "up_to"), (("under",), "up_to"),
    (("at", "most"), "up_to"),
    (("about",), "about"), (("around",), "about"),
    (("approximately",), "about"), (("roughly",), "about"), (("some",), "about"),
    (("an", "estimated"), "about"), (("estimated",), "about"), (("nearly",), "about"),
    (("almost",), "about"), (("close", "to"), "about"),
]
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozens": None, "hundreds": None,
    "thousands": None,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Figure:
    count: int
    qualifier: str
    start: int
    end: int


def parse_number(tokens: list[Token]) -> int | None:
    """'3,000', '11 thousand', 'three', '1.5 million' -> int; None otherwise."""
    value: float | None = None
    comma = False
    previous: Token | None = None
    for token in tokens:
        word = token.lower_
        # "3 000 troops": thousands set off by a space, the parser joining the two parts.
        spaced = previous is not None and _UP_TO_THREE_DIGITS.match(previous.text) and \
            _THREE_DIGITS.match(word) and previous.whitespace_ == " " and previous.head == token
        previous = token
        if _NUMBER.match(word):
            # "14, 000": the digits after a spaced thousands comma (see _spaced_thousands).
            value = value * 1000 + float(word) if (comma or spaced) and value is not None \
                else float(word.replace(",", ""))
            comma = False
        elif word == "," and value is not None:
            comma = True
        elif word in SCALES and value is not None:
            value *= SCALES[word]
        elif word in SCALES and value is None:
            value = SCALES[word]
        elif word in NUMBER_WORDS and NUMBER_WORDS[word] is not None:
            value = float(NUMBER_WORDS[word])
        elif word == "-":
            continue
        else:
            break
    if value is None or value < 1:
        return None
    return int(value)


def _is_cardinal(token: Token) -> bool:
    """A cardinal number word or figure; ordinals ("first") are not counts."""
    word = token.lower_
    return bool(_NUMBER.match(word)) or word in NUMBER_WORDS or word in SCALES


def _qualifier_before(doc: Doc, i: int) -> str:
    words = [t.lower_ for t in doc[max(0, i - 3):i]]
    for pattern, name in QUALIFIERS:
        if tuple(words[-len(pattern):]) == pattern:
            return name
    return "exact"


def figures(sent: Span, personnel: Token) -> list[Figure]:
    """Personnel figures attached to a troop noun, ranges giving two figures."""
    doc = sent.doc
    # The noun's own figure: not those of things listed beside it ("eight ships, one
    # submarine and 3,000 sailors") or of what goes with them ("with two helicopters").
    numbers = [t for t in personnel.subtree if _is_cardinal(t) and (
        t.dep_ == "nummod" and t.head == personnel or personnel.left_edge.i <= t.i < personnel.i)]
    if personnel.lower_ in STATIONING_NOUNS:
        numbers = []  # "two air bases" counts no one
    if personnel.lower_ in FORMATIONS:
        # "two battalions" counts units; "a 1,500-strong battalion" counts people.
        numbers = [t for t in numbers if t.i + 2 < len(doc) and "strong" in
                   (doc[t.i + 1].lower_, doc[t.i + 2].lower_)]
        # "a contingent of 1,500": the figure after "of" is its strength.
        numbers += [o for prep in personnel.children if prep.dep_ == "prep" and
                    prep.lower_ == "of" for o in prep.children
                    if o.dep_ == "pobj" and _is_cardinal(o)]
    # "troops numbering about 3,000", "a force totalling 3,000": the count as a verb's object.
    numbers += [t for verb in personnel.children if verb.dep_ == "acl" and
                verb.lemma_.lower() in STRENGTH_VERBS for t in verb.subtree
                if _is_cardinal(t) and t.i > verb.i]
    # "to send up to 4,000 before spring": the figure stands alone as the object.
    if personnel.like_num:
        numbers = [personnel]
    # "between 1,200 and 1,450 soldiers": the parser may hang the lower bound elsewhere.
    if numbers:
        first = min(numbers, key=lambda t: t.i)
        if first.i >= 2 and doc[first.i - 1].lower_ in ("to", "and", "-", "–") and \
                _is_cardinal(doc[first.i - 2]):
            numbers.append(doc[first.i - 2])
    groups: list[list[Token]] = []
    for token in sorted(set(numbers), key=lambda t: t.i):
        if groups and token.i == groups[-1][-1].i + 1:
            groups[-1].append(token)
        else:
            groups.append([token])
    groups = _spaced_thousands(doc, groups)
    out = []
    for group in groups:
        # "11 thousand" spans two tokens; extend with a following scale word.
        end_i = group[-1].i
        while end_i + 1 < len(doc) and doc[end_i + 1].lower_ in SCALES:
            end_i += 1
            group.append(doc[end_i])
        count = parse_number(group)
        if count is None:
            continue
        qualifier = _qualifier_before(doc, group[0].i)
        # "2,000 to 2,500", "between 1,200 and 1,450": a range bounds both ways.
        if out and doc[group[0].i - 1].lower_ in ("to", "-", "–", "and"):
            qualifier = "up_to"
            if out[-1].qualifier in ("exact", "about"):
                out[-1] = Figure(out[-1].count, "at_least", out[-1].start, out[-1].end)
        out.append(Figure(count, qualifier, group[0].idx, doc[end_i].idx + len(doc[end_i].text)))
    # "sent 500 more soldiers, bringing the total to 1,500": the new total is a figure too.
    for total in _new_totals(personnel):
        count = parse_number([total])
        if count is not None and all(f.count != count for f in out):
            out.append(Figure(count, _qualifier_before(doc, total.i), total.idx,
                              total.idx + len(total.text)))
    return out


def _new_totals(personnel: Token) -> list[Token]:
    """The figure a sending brings its total to: "…, bringing the total (number of troops
    there) to 1,500", "taking its strength to 1,500"."""
    verb = personnel.head
    found = []
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "xcomp", "conj") or \
                clause.lemma_.lower() not in TOTALLING_VERBS:
            continue
        if not any(c.dep_ == "dobj" and c.lower_ in TOTAL_WORDS for c in clause.children):
            continue
        found += [o for prep in clause.children if prep.dep_ == "prep" and prep.lower_ == "to"
                  for o in prep.children if o.dep_ == "pobj" and _is_cardinal(o)]
    return found


_UP_TO_THREE_DIGITS = re.compile(r"^\d{1,3}$")
_THREE_DIGITS = re.compile(r"^\d{3}$")


def _spaced_thousands(doc: Doc, groups: list[list[Token]]) -> list[list[Token]]:
    """"14, 000 troops" is 14,000 typed with a space after the comma: the tokenizer makes
    three tokens of it, and the parser may hang either number on the noun. A group that
    is three digits alone after "<1-3 digits>," takes them in."""
    out: list[list[Token]] = []
    for group in groups:
        first = group[0]
        if len(group) == 1 and _THREE_DIGITS.match(first.text) and first.i >= 2 and \
                doc[first.i - 1].text == "," and _UP_TO_THREE_DIGITS.match(doc[first.i - 2].text):
            before = doc[first.i - 2]
            if out and out[-1][-1].i == before.i:
                out[-1] = out[-1][:-1]
                if not out[-1]:
                    out.pop()
            out.append([before, doc[first.i - 1], first])
        else:
            out.append(group)
    return out


def _status(sent: Span, trigger: Token) -> str:
    words = {t.lower_ for t in sent}
    lemmas = {t.lemma_.lower() for t in sent}
    # "Norway ruled out sending troops" denies; "would not rule it out" leaves it possible.
    for rule in (t for t in sent if t.lemma_.lower() == "rule" and
                 any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children)):
        return "planned" if any(c.dep_ == "neg" for c in rule.children) else "denied"
    if words & DENIAL_WORDS or "deny" in lemmas:
        return "denied"
    # "Norway refused to send troops" ("declined to confirm that troops were sent" is no
    # denial: only the sending the refusal governs).
    if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in REFUSAL_VERBS:
        return "denied"
    # "Norway has no plans to send troops": a plan denied.
    if trigger.dep_ == "acl" and trigger.head.lower_ in PLAN_WORDS and any(
            c.dep_ == "det" and c.lower_ == "no" for c in trigger.head.children):
        return "denied"
    # "is not sending", "is not considering sending": negated, or under a negated verb.
    negated = {trigger} | ({trigger.head} if trigger.dep_ in ("xcomp", "ccomp") else set())
    if any(t.dep_ == "neg" and t.head in negated for t in sent):
        return "denied"
    window = {t.lower_ for t in sent if abs(t.i - trigger.i) <= 5}
    # "to send", "to be sent": an infinitive sending is yet to happen ("to have been
    # sent" has happened).
    auxiliaries = {c.lower_ for c in trigger.children if c.dep_ == "aux"}
    infinitive = trigger.tag_ in ("VB", "VBN") and "to" in auxiliaries and \
        "have" not in auxiliaries
    # "Norway intends to ... double the number of its sailors there": a plan above it.
    above = {t.lower_ for t in list(trigger.ancestors)[:6]} if not any(
        c.lower_ == "already" for c in trigger.children) else set()
    # "Norway announced (it was) sending 300 soldiers": a sending announced as under way
    # is one about to happen.
    announced = trigger.tag_ == "VBG" and any(
        a.lemma_.lower() == "announce" for a in list(trigger.ancestors)[:2])
    if window & PLAN_WORDS or above & PLAN_WORDS or trigger.lemma_.lower() in PLEDGE_VERBS \
            or infinitive or announced:
        return "planned"
    if words & CONFIRM_WORDS:
        return "confirmed"
    return "reported"


def _reporters(sent: Span, index: ActorIndex, statements: Intervals[Statement],
               trigger: Token | None = None) -> tuple[list[str], bool]:
    """Whose claim the sentence is: each reporter's claim is a deployment of its own;
    and whether the sentence gives it to somebody at all, named or not ("sources said",
    "a monitoring group said" give it to someone the article does not name)."""
    # "according to X" first, then the subject of a reporting verb ("adding 300 troops"
    # reports nothing), then the author of a report noun ("a report by Norway's
    # intelligence service that ...", "Oslo's assessment that ...").
    sources = [according_to(token) for token in sent]
    speech = [token for token in sent if token.pos_ in ("VERB", "AUX")
              and token.lemma_.lower() in SPEECH_VERBS and token is not trigger]
    # "Norway is believed to have sent …", "troops were reported in Latvia": said by
    # somebody unnamed, not by the passive's subject.
    hearsay = any(_passive_without_agent(verb) for verb in speech) or any(
        token.lower_ in HEARSAY_WORDS for token in sent)
    sources += [_doer(token) for token in speech if not _passive_without_agent(token)]
    # "Norway rejected claims that …", "brushed off reports": who denies, denies it.
    sources += [_doer(token) for token in sent if token.pos_ == "VERB" and token is not trigger
                and (token.lower_ in DENIAL_WORDS or token.lemma_.lower() == "rule" and any(
                    c.dep_ == "prt" and c.lower_ == "out" for c in token.children))]
    if trigger is not None and trigger.dep_ == "xcomp" and \
            trigger.head.lemma_.lower() in REFUSAL_VERBS:
        sources.append(_doer(trigger.head))  # "Norway refused to send troops"
    sources += [author for token in sent if token.lower_ in REPORT_NOUNS
                for author in report_authors(token)]
    # "The deployment of troops to Latvia highlights …": a phrase that cannot speak
    # reports nothing, whatever it names.
    sources = [source for source in sources if source is not None and (
        _could_speak(source) or
        index.actor_covering(source.idx, source.idx + len(source.text)) is not None)]
    for source in sources:
        found = actors_for(source, index)
        if found:
            return found, True
    touching = statements.overlapping(sent.start_char, sent.end_char)
    if touching:
        return [touching[0].speaker], True
    return [], bool(sources) or hearsay


def _teller_side(trigger: Token, index: ActorIndex) -> str | None:
    """"Norway's defence ministry confirmed that 300 soldiers had been sent to Latvia":
    troops sent by nobody named, as a state's own body tells it, are that state's."""
    if not _passive_without_agent(trigger) or trigger.dep_ != "ccomp" or \
            trigger.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    teller = _doer(trigger.head)
    key = actor_for(teller, index) if teller is not None else None
    if key is None or index.actors[key].type == "State":
        return None  # a state itself may tell of anyone's troops
    state = _side(index, key) or _state_of_forces(key, index)  # "Norway's defence ministry"
    return state if state in index.actors and index.actors[state].type == "State" else None


def _passive_without_agent(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) and \
        not any(c.dep_ == "agent" for c in verb.children)


def _could_speak(source: Token) -> bool:
    """Whether a phrase can be somebody speaking: a name, a pronoun, or a speaker noun
    ("sources", "a monitoring group", "state television"), not a thing ("the move")."""
    return source.pos_ != "NOUN" or source.lemma_.lower() in ANY_SPEAKER_NOUNS \
        or source.lower_ in ANY_SPEAKER_NOUNS


def _destination(sent: Span, trigger: Token, index: ActorIndex, deployer: str | None,
                 ) -> tuple[tuple[str, bool, int], Token] | None:
    """The state or place the troops go to, (key, is_place, end offset), and the noun
    it was read from.

    "to"/"into" beat "in"; within a phrase the head decides: "to Russia's Kursk
    region" goes to the place, "to eastern Russia" to the state.
    """
    def chained(prep: Token) -> bool:
        # "the arrival of troops in Latvia", "stationed at a base in Latvia": the parser
        # hangs the place on the noun of the movement word's own preposition.
        return prep.head.dep_ == "pobj" and prep.head.head.head == trigger and (
            prep.head.head.lower_ in DESTINATION_PREPS or prep.head.head.lower_ in ("of", "at"))

    def attached(prep: Token) -> bool:
        return prep.head == trigger or chained(prep) or prep.head.head == trigger and \
            prep.head.dep_ in ("dobj", "nsubjpass", "advmod", "prt")

    def narrows(prep: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ in NARROWING_WORDS for c in prep.children) \
            and attached(prep)

    # Prepositions of the movement word itself first; elsewhere in the sentence only
    # "to"/"into" ("in Ukraine" after "to fight" is where they fight, not where they go).
    exits = trigger.lemma_.lower() in EXIT_VERBS
    candidates = [t for t in sent if (t.lower_ in DESTINATION_PREPS and not exits
                                      or exits and t.lower_ == "from")
                  and t.i > trigger.i - 8 and (attached(t) or t.lower_ in ("to", "into"))
                  # "close to X", "according to X", "next to X" name no destination
                  and t.head.lower_ not in NOT_DESTINATION_HEADS]
    candidates.sort(key=lambda t: (not narrows(t), not attached(t),
                                   t.lower_ not in ("to", "into"), abs(t.i - trigger.i)))
    for prep in candidates:
        # "in neighbouring Iraq": the parser may read the adjective as a verb and the
        # place as its object.
        objects = [o for c in prep.children for o in
                   ([c] if c.dep_ == "pobj" else
                    [g for g in c.children if g.dep_ == "dobj"] if c.dep_ == "pcomp" else [])]
        for obj in objects:
            if chained(prep) and not _named_at_head(obj, index):
                continue  # "at the front in the war against Latvia": no place at its head
            found = _place_or_actor(obj, index, deployer)
            if found is not None:
                return found, obj
    if trigger.lemma_.lower() in ("reach", "enter", "leave"):
        # "troops have reached Ukraine": the object is where they went.
        for obj in trigger.children:
            if obj.dep_ == "dobj":
                found = _place_or_actor(obj, index, deployer)
                if found is not None:
                    return found, obj
    # "sent 300 soldiers to help Latvia", "to fight for Latvia's government": whom they
    # were sent to help is where they go.
    for purpose in trigger.children:
        if purpose.dep_ not in ("advcl", "xcomp") or purpose.lemma_.lower() not in PURPOSE_VERBS:
            continue
        objects = [c for c in purpose.children if c.dep_ == "dobj"]
        objects += [g for c in purpose.children if c.dep_ == "prep" and c.lower_ == "for"
                    for g in c.children if g.dep_ == "pobj"]
        # "to fight alongside Latvian forces": beside that state's forces, in that state.
        allies = [g for c in purpose.children if c.dep_ == "prep" and c.lower_ == "alongside"
                  for g in c.children if g.dep_ == "pobj" and g.lower_ in FORCE_HEADS]
        for ally in allies:
            host = index.state_named_in(ally.left_edge.idx, ally.idx)
            if host is not None and host != deployer:
                return (host, False, ally.right_edge.idx + len(ally.right_edge.text)), ally
        for obj in objects:
            found = _place_or_actor(obj, index, deployer)
            # A state or a place; helping a body ("to reinforce the mission") says not where.
            if found is not None and (found[1] or index.actors[found[0]].type == "State"):
                return found, obj
    return None


def _destinations(sent: Span, trigger: Token, index: ActorIndex,
                  deployer: str | None) -> list[tuple[str, bool, int]]:
    """The destination, and those coordinated with it: "deployed to Chad, Sudan and Niger"
    goes to three."""
    read = _destination(sent, trigger, index, deployer)
    if read is None:
        return []
    first, head = read
    found = [first]
    while head.dep_ == "conj":
        head = head.head
    for token in [head, *head.conjuncts]:
        if token.pos_ != "PROPN":
            continue  # "Poland or other NATO countries": only names make a list of places
        other = _place_or_actor(token, index, deployer)
        if other is not None and other[0] not in {f[0] for f in found}:
            found.append(other)
    return found


def _place_or_actor(obj: Token, index: ActorIndex, deployer: str | None,
                    ) -> tuple[str, bool, int] | None:
    start = obj.left_edge.idx
    end = obj.right_edge.idx + len(obj.right_edge.text)
    head = (obj.idx, obj.idx + len(obj.text))
    if obj.lower_ == "country" and any(c.lower_ in ("the", "that", "this") for c in obj.children):
        # "withdraw personnel from the country": the state the article spoke of last.
        for s, _e, key in reversed(index.actor_spans):
            if s < obj.idx and key != deployer and index.actors[key].type == "State":
                return key, False, end
    place = index.place_covering(*head)
    if place is not None:
        return place, True, end
    actor = index.actor_covering(*head) or index.actor_in(start, end)
    # Troops go to a state or a place; "to the mission", "to NATO" says whom they serve.
    if actor is not None and actor != deployer and index.actors[actor].type == "State":
        return actor, False, end
    # "to the Latvian port of Liepaja", "to a Latvian base": the state its adjective names.
    demonym = index.demonym_in(start, head[0])
    if demonym is not None and demonym != deployer and obj.lower_ not in FORCE_HEADS and \
            index.ensure_actor(demonym) and index.actors[demonym].type == "State":
        return demonym, False, end
    # "to the battlegroup in Latvia", "to the mission in Haiti": where that body is.
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for inner in prep.children:
                if inner.dep_ == "pobj":
                    return _place_or_actor(inner, index, deployer)
    # A place deep inside the phrase ("a camp close to Asipovichy") is not named as
    # the destination; the article's frame supplies the country instead.
    return None


def _side(index: ActorIndex, key: str) -> str | None:
    """The state an actor speaks for: itself, or the state of a known body or person."""
    actor = index.actors.get(key)
    if actor is None:
        return None
    if actor.type == "State":
        return key
    state = index.country_states.get(actor.country) if actor.country else None
    return state.name if state is not None else None


def _doer(verb: Token) -> Token | None:
    """The verb's subject; for "Kenya, which sent troops", the noun the pronoun stands for."""
    subject = subject_of(verb)
    if subject is not None and subject.tag_ in ("WDT", "WP") and subject.head.dep_ == "relcl" \
            and subject.head.head.pos_ in ("NOUN", "PROPN"):
        return subject.head.head
    return subject


def _in_doubt(trigger: Token, personnel: Token) -> bool:
    """"whether Norway will send troops", "how many soldiers were sent": no claim."""
    if any(c.lower_ == "how" for c in personnel.subtree if c.i < personnel.i):
        return True
    if any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_WORDS for c in trigger.children):
        return True  # "the soldiers could travel on to Estonia": a possibility, no claim
    if trigger.dep_ in ("csubj", "csubjpass") and any(
            c.dep_ == "aux" and c.lower_ in POSSIBILITY_WORDS | {"would"}
            for c in trigger.head.children):
        return True  # "sending troops would be an escalation": a hypothesis
    number = personnel.head.head if personnel.head.lower_ == "of" else None
    if number is not None and number.lower_ == "number" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in number.children):
        return True  # "a dispute over the number of troops Norway would send" ("a number
        # of troops were sent" is a claim)
    token = trigger
    while True:
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in DOUBT_WORDS and c.i < trigger.i
               for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ not in ("conj", "xcomp", "aux", "ccomp", "advcl"):
            return False
        token = token.head
        if token.lemma_.lower() in SPEECH_VERBS and token.lemma_.lower() not in DENIAL_WORDS \
                and any(c.dep_ == "neg" for c in token.children):
            return True  # "Sweden does not think the soldiers got to Estonia"


_MISSION_IN = re.compile(r"\b(?:Mission|Force|Operation)\b.*\bin (?:the )?([A-Z][\w' -]+)$")


def _mission_state(sent: Span, index: ActorIndex, deployer: str | None,
                   ) -> tuple[str, bool, int] | None:
    """"the Support Mission in Haiti (SMH) troops": a mission named in the sentence
    names where its troops are."""
    for _s, _e, key in index.spans_within(index.actor_spans, sent.start_char, sent.end_char):
        match = _MISSION_IN.search(index.actors[key].name)
        if match is None or match.group(1) == deployer:
            continue
        state = _mission_state_entry(index, match.group(1))
        if state is not None:
            return state, False, -1
    return None


def _mission_strength(index: ActorIndex, doc: Doc) -> list[_TroopMovement]:
    """"The mission will comprise 11,900 personnel": a mission's strength, where its name
    says whose mission it is and where it serves."""
    found = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in STRENGTH_VERBS:
            continue
        subject = _doer(verb)
        mission = actor_for(subject, index) if subject is not None else None
        match = _MISSION_IN.search(mission) if mission in index.mission_bodies else None
        troops = next((c for c in verb.children if c.dep_ == "dobj" and _is_troop_word(c)
                       and figures(verb.sent, c)), None)
        if match is None or troops is None:
            continue
        state = _mission_state_entry(index, match.group(1))
        if state is not None:
            found.append(_TroopMovement(verb.sent, verb, troops, index.mission_bodies[mission],
                                        (state, False, -1)))
    return found


def _mission_state_entry(index: ActorIndex, name: str) -> str | None:
    """The state a mission's name ends with, made an actor; None if no state has the name."""
    entry = next((e for e in index.country_states.values() if e.name == name), None)
    return index.ensure_state(entry) if entry is not None else None


def _missions(index: ActorIndex, doc: Doc) -> list[_TroopMovement]:
    """"the Nordic Union Support Mission in Latvia": a body's mission in a state is
    that body's deployment there, read where the mission is first named."""
    found = []
    for mission, body in index.mission_bodies.items():
        actor = index.actors.get(mission)
        match = _MISSION_IN.search(mission)
        if actor is None or not actor.mentions or match is None:
            continue
        mention = min(actor.mentions, key=lambda m: m.start)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        state = _mission_state_entry(index, match.group(1)) if span is not None else None
        if state is not None:
            found.append(_TroopMovement(span.sent, span.root, span.root, body,
                                        (state, False, mention.end), standing=True))
    return found


def _host(trigger: Token, index: ActorIndex, deployer: str | None,
          ) -> tuple[str, bool, int] | None:
    """Where a hosting verb's subject is: "Latvia hosts a Norwegian battalion"."""
    subject = _doer(trigger)
    if subject is None:
        return None
    found = _place_or_actor(subject, index, deployer)
    if found is None and subject.pos_ == "PRON":
        # "Latvia said it would welcome …": the state "it" stands for.
        key = actor_for(subject, index)
        if key is not None and key != deployer and index.actors[key].type == "State":
            found = key, False, subject.idx + len(subject.text)
    return found


def _holds_troops(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in HOLDING_VERBS and any(
        c.dep_ == "dobj" and _is_troop_word(c) for c in token.children)


def _names_troops(subject: Token, index: ActorIndex) -> bool:
    """A subject that describes troops ("the second wave of 900 soldiers"), not a
    named force ("Latvia Defence Forces") nor one a relative clause tells of ("Kenya,
    which deployed 400 police")."""
    if index.actor_covering(subject.idx, subject.idx + len(subject.text)) is not None:
        return False
    clauses = [c for c in subject.children if c.dep_ in ("relcl", "acl")]
    return any(_is_troop_word(t) for t in subject.subtree
               if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in clauses))


def _pledges_troops(token: Token) -> bool:
    """"Norway pledged 300 soldiers to Latvia", "is adding 300 soldiers to ...": a promise
    or an addition of troops, its object."""
    return token.pos_ == "VERB" and token.lemma_.lower() in PLEDGE_VERBS | ADDING_VERBS and any(
        c.dep_ == "dobj" and _is_troop_word(c) for c in token.children)


def _deployer(sent: Span, trigger: Token, personnel: Token | None,
              index: ActorIndex) -> str | None:
    found = _deployer_named(sent, trigger, personnel, index)
    return _state_of_forces(found, index) if found is not None else None


def _state_of_forces(key: str, index: ActorIndex) -> str:
    """"the French army", "Rwanda Defence Force": a state's armed forces, named by the
    state or its demonym, deploy for the state (the guideline's deployer)."""
    actor = index.actors.get(key)
    if actor is None or actor.type != "Organization":
        return key
    words = actor.name.split()
    if len(words) < 2 or words[-1].lower() not in FORCE_HEADS | ORG_HEADS:
        return key  # "the Gambian parliament", "Norway's defence ministry" send for the state
    for entry in index.country_states.values():
        if any(actor.name.startswith(n + tail)
               for n in (entry.name, *entry.aliases, *entry.demonyms)
               for tail in (" ", "'s ", "’s ")):
            return index.ensure_state(entry) or key
    return key


def _deployer_named(sent: Span, trigger: Token, personnel: Token | None,
                    index: ActorIndex) -> str | None:
    if personnel is not None and personnel.idx in index.counted_people:
        return index.counted_people[personnel.idx]  # "75 Norwegians": Norway's people
    if personnel is not None and personnel.dep_ == "dobj" and _holds_troops(personnel.head):
        # "Norway has 600 soldiers deployed in Latvia": whoever holds the troops.
        subject = _doer(personnel.head)
        found = actor_for(subject, index) if subject is not None else None
        if found is not None and index.actors[found].type in ("State", "Organization"):
            if index.actors[found].kind == "armed_forces":  # a national army's are its state's
                return index.state_of(found, subject.text) or found
            return found
    if personnel is not None:
        # "troops from Kenya": the state they come from (withdrawn "from" a state, they
        # leave it instead).
        for prep in personnel.children:
            if prep.dep_ == "prep" and prep.lower_ == "from" and \
                    trigger.lemma_.lower() not in EXIT_VERBS:
                for obj in prep.children:
                    key = index.actor_covering(obj.idx, obj.idx + len(obj.text))
                    if obj.dep_ == "pobj" and key is not None and \
                            index.actors[key].type == "State":
                        return key
        # "North Korean troops", "Pyongyang's troops": the modifiers before the noun.
        # The name nearest the noun: "Russia-linked Wagner group mercenaries" -> Wagner.
        start, end = personnel.left_edge.idx, personnel.idx
        unit = personnel.head.head if personnel.dep_ == "pobj" and \
            personnel.head.lower_ == "of" else None
        if unit is not None and _is_troop_word(unit):
            start = unit.left_edge.idx  # "a Norwegian battalion of 800 soldiers"
        near = index.spans_within(index.demonym_spans, start, end)
        near += [(s, e, key) for s, e, key in index.spans_within(index.actor_spans, start, end)
                 if index.actors[key].type in ("State", "Organization")]
        # "Navy ships": a bare service name says whose only through the article's frame.
        near = [(s, e, key) for s, e, key in near if index.text[s:e].lower() not in ORG_HEADS]
        if near:
            s, e, key = max(near)
            # "Russian military trainers": a national army's troops are its state's.
            if key in index.actors and index.actors[key].kind == "armed_forces":
                return index.state_of(key, index.text[s:e]) or key
            return key
    authoriser = _authoriser(trigger, index)
    if authoriser is not None:
        return authoriser
    if trigger.pos_ in ("VERB", "AUX") and trigger.lemma_.lower() not in HOSTING_VERBS:
        subject = _doer(trigger)
        # "the second wave of 900 soldiers will fly out": troops, not who sends them.
        troops = subject is not None and _names_troops(subject, index)
        if subject is not None and not troops and trigger.lemma_.lower() not in (
                "arrive", "reach", "enter", "fight", "join", "train"):
            found = actor_for(subject, index)
            if found is not None and index.actors[found].type in ("State", "Organization") \
                    and index.actors[found].name.lower() not in ORG_HEADS:
                return found
            demonym = index.demonym_in(subject.left_edge.idx,
                                       subject.right_edge.idx + len(subject.right_edge.text))
            if demonym is not None:
                return demonym
    # "the deployment of DPRK troops": a demonym within the movement noun's phrase.
    if trigger.pos_ == "NOUN" and trigger is personnel:
        # "the parliament approved a military deployment to Latvia": whoever acts on it.
        subject = _clause_subject(trigger)
        found = actor_for(subject, index) if subject is not None else None
        if found is not None and index.actors[found].type in ("State", "Organization"):
            return found
    if trigger.pos_ == "NOUN":
        start = trigger.left_edge.idx
        end = trigger.right_edge.idx + len(trigger.right_edge.text)
        # "the deployment of troops to Latvia by Norway": who it is by.
        for by in trigger.subtree:  # the parser may hang "by" on the place
            for agent in (by.children if by.dep_ == "prep" and by.lower_ == "by" else ()):
                key = actor_for(agent, index) if agent.dep_ == "pobj" else None
                if key is not None and index.actors[key].type in ("State", "Organization"):
                    return key
        # Not a state named where the troops go: "a presence of troops in Latvia".
        going = [p for p in trigger.subtree if p.dep_ == "prep" and p.lower_ in DESTINATION_PREPS]
        if going:
            end = min(end, min(p.idx for p in going))
        state = index.demonym_in(start, end)
        named = index.actor_in(start, end)
        for key in (state, named):
            if key is not None and (key == state or index.actors[key].type == "State"):
                return key
    return None


def _authoriser(trigger: Token, index: ActorIndex) -> str | None:
    """"Norway approved the deployment of 300 soldiers to Latvia", "Norway decided on
    sending troops": the state or body acting on a movement it names sends the troops."""
    verb = trigger.head
    if trigger.dep_ in ("pobj", "pcomp") and verb.dep_ == "prep":  # "decided on sending"
        verb = verb.head
    if trigger.dep_ == "acl" and verb.pos_ == "NOUN" and verb.lower_ in INTENT_NOUNS:
        # "Norway's decision to send troops", "Norway has (no) plans to send troops": whose
        # plan it is, by possession or as the subject of the verb that has it.
        owner = next((c for c in verb.children if c.dep_ == "poss"), None) or (
            _doer(verb.head) if verb.dep_ in ("dobj", "attr") else None)
        found = actor_for(owner, index) if owner is not None else None
        if found is not None and index.actors[found].type in ("State", "Organization"):
            return found
        return None
    # "Norway maintains a presence of 300 soldiers in Latvia": holding one too.
    acts = verb.lemma_.lower() in AUTHORISING_VERBS or \
        trigger.pos_ == "NOUN" and verb.lemma_.lower() in HOLDING_VERBS
    # "units were being prepared for deployment": a passive's subject is what is acted on.
    if trigger.dep_ not in ("dobj", "xcomp", "pcomp", "pobj") or not acts or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children) or \
            any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = _doer(verb)
    found = actor_for(subject, index) if subject is not None else None
    if found is not None and index.actors[found].type in ("State", "Organization"):
        return found
    return None


def _personnel_for(sent: Span, trigger: Token, people: Collection[int] = ()) -> Token | None:
    """The troops a movement word is about: its own object or subject first, else the
    nearest troop noun. A bare figure as object ("to send up to 4,000") counts, and so do
    a state's people counted by ``people`` (offsets: "75 Norwegians")."""
    # "the 3,000 already deployed", "soldiers sent to Russia": the noun it describes.
    if trigger.dep_ in ("acl", "relcl") and (_is_troop_word(trigger.head)
                                            or _is_cardinal(trigger.head)):
        return _troop_noun(sent, trigger.head)
    # The object before the subject: "Northport Defence Forces sent 500 soldiers".
    own = sorted((c for c in trigger.children
                  if c.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "attr")),
                 key=lambda c: c.dep_ == "nsubj")
    if trigger.dep_ == "acomp":
        # "the advisers were present in ...": the subject of the verb it completes.
        own += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger.pos_ == "NOUN":
        own += [g for c in trigger.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj"]
        if any(c.lower_ in MILITARY_MODIFIERS and c.dep_ in ("amod", "compound")
               for c in trigger.children) and not any(_is_troop_word(t) for t in own):
            return trigger  # "a military deployment to Latvia": the deployment is the troops
    # "will send a radar unit along with about 80 soldiers": troops that go
    # with what is sent.
    own += [t for c in trigger.children
            if c.dep_ == "dobj" and not _is_troop_word(c) or c.lower_ in ("along", "with")
            for t in c.subtree if t is not c and _is_troop_word(t)
            and (t.dep_ == "conj" and t.head == c or t.dep_ == "pobj" and t.head.lower_ == "with")]
    for child in own:
        if child.idx in people:
            return child
        if _is_troop_word(child):
            # "eight ships and 6,000 sailors": the people listed with the units are counted.
            people = [c for c in child.conjuncts if _is_troop_word(c) and
                      c.lower_ not in FORMATIONS] if child.lower_ in FORMATIONS else []
            return _troop_noun(sent, people[0] if people else child)
        if _is_cardinal(child) and child.dep_ in ("dobj", "nsubjpass"):
            return child
    best = None
    for token in sent:
        if (_is_troop_word(token) or token.idx in people) and abs(token.i - trigger.i) <= 8:
            if best is None or abs(token.i - trigger.i) < abs(best.i - trigger.i):
                best = token
    return _troop_noun(sent, best) if best is not None else None


def _is_troop_word(token: Token) -> bool:
    return token.lower_ in PERSONNEL or token.lower_ in PERSONNEL_ADJECTIVES


def _military(personnel: Token) -> bool:
    """"technical personnel", "civilian staff" are not troops; "no soldiers" are none."""
    return not any(c.lower_ in CIVILIAN_WORDS or c.dep_ == "det" and c.lower_ == "no"
                   for c in personnel.children)


def _troop_noun(sent: Span, token: Token) -> Token:
    """The noun that names the troops: the one after an adjective the parser took for it."""
    if token.lower_ in PERSONNEL_ADJECTIVES and token.i + 1 < len(sent.doc):
        return sent.doc[token.i + 1]
    if token.lower_ in FORMATIONS:
        # "a brigade of 4,000 soldiers": the people are what the figure counts.
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                people = [o for o in prep.children if o.dep_ == "pobj" and _is_troop_word(o)]
                if people:
                    return people[0]
    return token


def _unit(personnel: Token | None) -> str | None:
    if personnel is None or _is_cardinal(personnel) or not (
            _is_troop_word(personnel) or personnel.lower_ in STATIONING_NOUNS):
        return None  # a bare figure, or a force named by its name
    prev = personnel.doc[personnel.i - 1] if personnel.i > 0 else None
    if prev is not None and prev.lower_ in PERSONNEL_ADJECTIVES:
        return f"{prev.lower_} {personnel.lower_}"
    return personnel.lower_


@dataclass
class _TroopMovement:
    """A movement of troops in one sentence, before the frame fills what it omits."""

    sent: Span
    trigger: Token
    personnel: Token
    deployer: str | None
    destination: tuple[str, bool, int] | None
    presence: bool = False  # troops said to be somewhere, no movement word
    # with no deployer named: the state whose own body tells of the sending, which
    # sends them where the article follows no other deployment
    teller: str | None = None
    standing: bool = False  # named by a mission's name: a fact of the text, nobody's claim


def _troop_movements(doc: Doc, index: ActorIndex) -> list[_TroopMovement]:
    found = []
    for sent in doc.sents:
        if sent.text.rstrip(" \n”\"’'").endswith("?"):
            continue  # a question claims nothing: "Has Norway sent soldiers to Latvia?"
        before = len(found)
        for trigger in sent:
            lemma = trigger.lemma_.lower()
            is_verb = trigger.pos_ == "VERB" and (lemma in MOVE_VERBS or lemma in FORCE_VERBS)
            is_noun = trigger.pos_ == "NOUN" and trigger.lower_ in MOVE_NOUNS
            holds = _holds_troops(trigger)
            pledges = _pledges_troops(trigger)
            hosts = trigger.pos_ == "VERB" and lemma in HOSTING_VERBS
            present = trigger.pos_ == "ADJ" and trigger.lower_ in PRESENCE_ADJECTIVES
            if not (is_verb or is_noun or holds or hosts or present or pledges):
                continue
            personnel = _personnel_for(sent, trigger, index.counted_people) \
                if lemma in MOVE_VERBS or not is_verb \
                else None
            if personnel is not None and not _military(personnel):
                continue
            force = _force_subject(trigger, index) if personnel is None else None
            if force is not None:
                personnel = _doer(trigger)
            if personnel is None or _in_doubt(trigger, personnel):
                continue
            deployer = force or _deployer(sent, trigger, personnel, index)
            teller = _teller_side(trigger, index) if deployer is None else None
            if deployer is not None and not index.ensure_actor(deployer):
                deployer = None
            destinations = ([_host(trigger, index, deployer)] if hosts
                            else _destinations(sent, trigger, index, deployer))
            if not [d for d in destinations if d is not None]:
                destinations = [_mission_state(sent, index, deployer)]
            elif personnel.idx in index.counted_people:
                # "500 Norwegians arrived in Latvia" may be anyone; counted people are troops
                # only where they continue a deployment the article has named.
                continue
            others = _co_deployers(trigger, deployer, index) + \
                _co_demonyms(personnel, deployer, index)
            for each in [deployer, *dict.fromkeys(others)]:
                for destination in [d for d in destinations if d is not None] or [None]:
                    # "Norway has troops in Latvia": a state that holds troops in another
                    # state has them stationed there; in a region ("in the Kursk region")
                    # they may be fighting, so that is presence, as being somewhere is.
                    held_abroad = holds and destination is not None and not destination[1]
                    found.append(_TroopMovement(sent, trigger, personnel, each, destination,
                                                presence=present or holds and not held_abroad,
                                                teller=teller))
            # "60 Danish sailors and four officers from Estonia arrived": troops listed with
            # the first, sent by a state of their own, are that state's deployment.
            listed = list(personnel.conjuncts) + [
                c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.i != personnel.i and trigger.pos_ == "VERB"]  # the parser's second subject
            for conj in listed:
                if not (_is_troop_word(conj) or conj.idx in index.counted_people) or \
                        not _military(conj):
                    continue
                sender = _deployer(sent, trigger, conj, index)
                if sender is None or sender in (deployer, *others) or \
                        not index.ensure_actor(sender):
                    continue
                for destination in [d for d in destinations if d is not None] or [None]:
                    found.append(_TroopMovement(sent, trigger, conj, sender, destination,
                                                presence=holds or present))
        found += _participations(sent, index)
        used = {m.personnel.i for m in found[before:]}
        found += _presence(sent, index, used)
        found += _held_abroad(sent, index, used)
    return found


def _co_deployers(trigger: Token, deployer: str | None, index: ActorIndex) -> list[str]:
    """"Norway and Denmark sent troops": each state or body in the subject sends."""
    subject = _doer(trigger) if trigger.pos_ == "VERB" else None
    if deployer is None or subject is None or actor_for(subject, index) != deployer:
        return []
    others = []
    for conj in subject.conjuncts:
        found = actor_for(conj, index)
        if found is not None and found != deployer and found not in others and \
                index.actors[found].type in ("State", "Organization", "ArmedGroup"):
            others.append(found)
    return others


def _co_demonyms(personnel: Token, deployer: str | None, index: ActorIndex) -> list[str]:
    """"German and Dutch personnel": each state named by a coordinated demonym sends."""
    if deployer is None or personnel.i == 0:
        return []
    start, end = personnel.left_edge.idx, personnel.idx
    states = [key for s, e, key in index.demonym_spans if start <= s and e <= end]
    between = personnel.doc.char_span(start, end, alignment_mode="expand")
    if len(set(states)) < 2 or between is None or not any(
            t.lower_ in ("and", "or") for t in between):
        return []
    return [key for key in dict.fromkeys(states) if key != deployer and index.ensure_actor(key)]


def _force_subject(trigger: Token, index: ActorIndex) -> str | None:
    """"The Northport Legion deployed to Latvia": a force that goes itself, when the verb
    takes no object; the force (an armed group or organisation) is the deployer."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in FORCE_VERBS or any(
            c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in trigger.children):
        return None
    subject = _doer(trigger)
    found = actor_for(subject, index) if subject is not None else None
    if found is None or index.actors[found].type not in ("ArmedGroup", "Organization"):
        return None
    return found


def _presence(sent: Span, index: ActorIndex, used: set[int]) -> list[_TroopMovement]:
    """Troops named by demonym as being in a named region, with no movement word:
    "Norwegian soldiers were wounded in fighting in Latvia's Latgale region"."""
    found = []
    for token in sent:
        # "there are 80 Norwegian soldiers in Latvia": the troops are what there is.
        existential = token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children)
        if not _is_troop_word(token) or token.i in used or not _military(token):
            continue
        state = index.demonym_in(token.left_edge.idx, token.idx) or _origin(token, index) \
            or _possessor_state(token, index)
        if state is None or not index.ensure_actor(state):
            continue
        if token.dep_ not in ("nsubj", "nsubjpass") and not existential:
            # "evidence of Norwegian troops in Latvia": troops a phrase places in a state,
            # kept only where the article also has that state send them (presence).
            for prep in token.children:
                places = [_place_or_actor(o, index, state) for o in prep.children
                          if prep.dep_ == "prep" and prep.lower_ == "in" and o.dep_ == "pobj"]
                for place in places:
                    if place is not None and not place[1]:
                        found.append(_TroopMovement(sent, token, token, state, place,
                                                    presence=True))
                        return found
            continue
        for prep in token.head.subtree:
            if prep.lower_ != "in" or prep.i < token.i:
                continue
            for obj in prep.children:
                found_place = _place_or_actor(obj, index, state) if obj.dep_ == "pobj" else None
                in_region = found_place is not None and found_place[1] and \
                    found_place[0] in index.places and index.places[found_place[0]].name \
                    .split()[-1].lower() in REGION_WORDS
                # "Norwegian troops have been in Latvia since 2019": stationed there.
                stationed = found_place is not None and not found_place[1] and \
                    token.head.lemma_.lower() in ("be", "remain", "stay")
                if found_place is None and obj.dep_ == "pobj" and \
                        token.head.lemma_.lower() == "be" and figures(sent, token) and \
                        obj.lower_ in REGION_WORDS | {"area", "country"} and \
                        any(c.lower_ == "the" for c in obj.children):
                    # "300 soldiers from Norway will be in the region": the region the
                    # article speaks of.
                    found.append(_TroopMovement(sent, token.head, token, state, None))
                    return found
                if in_region or stationed:
                    # Being in a state is stationing (the guideline counts it); being in
                    # a region ("fighting in the Kursk region") only with a sending.
                    found.append(_TroopMovement(sent, token.head, token, state, found_place,
                                                presence=not stationed))
                    return found
        if token.head.lemma_.lower() == "be" and token.dep_ == "nsubj" and \
                figures(sent, token):
            # "The 12,000 Norwegian troops are special forces": troops the article counts,
            # wherever the deployment it speaks of has them.
            found.append(_TroopMovement(sent, token.head, token, state, None, presence=True))
            return found
    return found


def _possessor_state(troops: Token, index: ActorIndex) -> str | None:
    """"Norway said its troops …": the state "its" stands for, the subject of the clause
    above (the troops' own clause has them as subject)."""
    owner = next((c for c in troops.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ not in ("its", "their"):
        return None
    clause = troops.head
    while clause.dep_ not in ("ccomp", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    subject = _doer(clause.head) if clause.dep_ == "ccomp" else None
    key = actor_for(subject, index) if subject is not None else None
    return key if key is not None and index.actors[key].type == "State" else None


def _participations(sent: Span, index: ActorIndex) -> list[_TroopMovement]:
    """"Norway will take part in the new force in Latvia", "Denmark joins the mission in
    Estonia": a state that joins a force or mission sends troops where it serves."""
    found = []
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in PARTICIPATION_VERBS:
            continue
        if lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "part"
                                       for c in verb.children):
            continue
        bodies = [c for c in verb.children if c.dep_ == "dobj"] + [
            o for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children if o.dep_ == "pobj"]
        subject = _doer(verb)  # the agent of a passive
        if lemma == "join" and any(c.dep_ == "auxpass" for c in verb.children):
            found += _joined_by(sent, verb, index)
            continue
        if lemma == "join" and subject is not None and _is_troop_word(subject):
            found += _joining_a_side(sent, verb, subject, index)
            continue
        bodies = [b for b in bodies if b.lower_ in MISSION_HEADS]
        key = actor_for(subject, index) if subject is not None else None
        if not bodies or key is None:
            continue
        key = _state_of_forces(key, index) if index.actors[key].type != "State" else key
        if index.actors[key].type != "State":
            continue
        for place in _own_place(bodies[0], index, key):
            found.append(_TroopMovement(sent, verb, bodies[0], key, place))
    return found


def _joining_a_side(sent: Span, verb: Token, troops: Token,
                    index: ActorIndex) -> list[_TroopMovement]:
    """"2,000 Norwegian soldiers are preparing to join the Latvian army", "… join Latvia's
    forces": troops joining another state's forces or side go to that state."""
    deployer = _deployer(sent, verb, troops, index)
    if deployer is None or not index.ensure_actor(deployer):
        return []
    found = []
    for side in verb.children:
        if side.dep_ != "dobj" or not (side.lower_ in FORCE_HEADS or side.lower_ in SIDE_WORDS):
            continue
        host = index.state_named_in(side.left_edge.idx, side.idx)
        if host is not None and host != deployer:
            end = side.right_edge.idx + len(side.right_edge.text)
            found.append(_TroopMovement(sent, verb, troops, deployer, (host, False, end)))
    return found


def _named_at_head(noun: Token, index: ActorIndex) -> bool:
    """Whether a place or an actor is named by the phrase's head word itself."""
    start, end = noun.idx, noun.idx + len(noun.text)
    return index.actor_covering(start, end) is not None or \
        index.place_covering(start, end) is not None


def _joined_by(sent: Span, verb: Token, index: ActorIndex) -> list[_TroopMovement]:
    """"In July the unit was joined by 40 Danish soldiers and five officers from Norway":
    each state's troops join the deployment where that body serves (its own "in"
    phrase, or the one the article follows)."""
    body = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    troops = [t for agent in verb.children if agent.dep_ == "agent"
              for first in agent.children if first.dep_ == "pobj"
              for t in (first, *first.conjuncts)]
    found = []
    for personnel in troops:
        if not _is_troop_word(personnel) or not _military(personnel):
            continue
        state = index.demonym_in(personnel.left_edge.idx, personnel.idx) or \
            _origin(personnel, index, agent=True)
        if state is None or not index.ensure_actor(state):
            continue
        places = _own_place(body, index, state) if body is not None else []
        found.append(_TroopMovement(sent, verb, personnel, state, (places or [None])[0]))
    return found


def _held_abroad(sent: Span, index: ActorIndex, used: set[int]) -> list[_TroopMovement]:
    """"the alliance's battlegroup in Estonia, a battalion of roughly 800 soldiers", "Norway's
    bases in Latvia": troops or bases a state or body holds, in another state."""
    found = []
    for token in sent:
        if token.i in used or not (_is_troop_word(token) or token.lower_ in STATIONING_NOUNS) \
                or not _military(token):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in ("its", "their"):
            owner = _clause_subject(owner)  # "Norway will double its sailors in X"
        elif owner is None and token.dep_ == "dobj" and (
                token.head.lemma_.lower() in ESTABLISHING_VERBS or
                token.lower_ in STATIONING_NOUNS and token.head.lemma_.lower() in HOLDING_VERBS):
            # "Norway will establish a naval base in X", "Norway has a base in X"
            owner = _doer(token.head)
        key = actor_for(owner, index) if owner is not None else None
        if key is None or index.actors[key].type not in ("State", "Organization"):
            continue
        for place in _own_place(token, index, key):
            if (index.place_states.get(place[0]) if place[1] else place[0]) == key:
                continue  # "Latvia has a base in Riga": at home
            # The strength an apposition gives: "..., a battalion of roughly 800 soldiers".
            counted = next((_troop_noun(sent, a) for a in token.children if a.dep_ == "appos"
                            and _is_troop_word(a)), token)
            found.append(_TroopMovement(sent, token, counted, key, place))
    return found


def _clause_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above ``token`` that has one."""
    verb = token.head
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX"):
            subject = _doer(verb)
            if subject is not None:
                return subject
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _own_place(noun: Token, index: ActorIndex, owner: str) -> list[tuple[str, bool, int]]:
    """The state or place in the noun's own "in" phrase: "battlegroup in Lithuania"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                found = _place_or_actor(obj, index, owner) if obj.dep_ == "pobj" else None
                if found is not None:
                    return [found]
    return []


def _origin(troops: Token, index: ActorIndex, agent: bool = False) -> str | None:
    """The state in the troop noun's "from" phrase: "300 soldiers from Norway". With
    ``agent`` (troops after "joined by"), also the phrase right after the noun that the
    parser hung on the verb: there it can only say where they come from."""
    after = troops.doc[troops.i + 1] if troops.i + 1 < len(troops.doc) else None
    right_after = [after] if agent and after is not None and after.dep_ == "prep" and \
        after.head in troops.ancestors else []
    for prep in [*troops.children, *right_after]:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for obj in prep.children:
                key = index.actor_covering(obj.idx, obj.idx + len(obj.text))
                if obj.dep_ == "pobj" and key is not None and index.actors[key].type == "State":
                    return key
    return None


def _contributions(doc: Doc, index: ActorIndex, patterns: Matcher) -> list[_TroopMovement]:
    """"Kenya (1,200), Ghana (800)": each state contributes the troops in its brackets to
    the deployment the article speaks of, in a sentence about troops."""
    found = []
    contribution = doc.vocab.strings["contribution"]
    for match_id, start, end in patterns(doc):
        if match_id != contribution:
            continue
        name, figure = doc[start], doc[end - 2]
        if figure.text.isdigit() and len(figure.text) == 4 and 1900 <= int(figure.text) <= 2100:
            continue  # "Kenya (2021)": a year, not a figure (news writes 2,021 soldiers)
        state = index.actor_covering(name.idx, name.idx + len(name.text))
        sent = name.sent
        if state is None or index.actors[state].type != "State" or not any(
                _is_troop_word(t) or t.lower_ in MOVE_NOUNS for t in sent):
            continue
        # The sentence's own verb says whether it is planned ("will draw troops from").
        found.append(_TroopMovement(sent, sent.root, figure, state,
                                    _mission_state(sent, index, state)))
    return found


def _joined(movements: list[_TroopMovement]) -> list[_TroopMovement]:
    """"Norwegian reinforcements of 200 soldiers arrived in Latvia": the noun says who
    sends, the verb where to; read about the same troops, they are one movement."""
    out = list(movements)
    for m in movements:
        if m.deployer is not None or m.destination is None:
            continue
        partner = next((o for o in out if o.sent == m.sent and o.personnel == m.personnel
                        and o.deployer not in (None, m.destination[0])
                        and o.destination is None), None)
        if partner is not None:
            out[out.index(m)] = replace(m, deployer=partner.deployer,
                                        presence=m.presence and partner.presence)
            out.remove(partner)
    return out


def find_deployments(doc: Doc, index: ActorIndex, statements: list[Statement],
                     patterns: Matcher | None = None) -> list[Deployment]:
    """Deployments of an article, each figure and each reporter's claim its own.

    A sentence that leaves the deployer or the destination unsaid ("a further 1,500
    soldiers were sent there") continues the deployment the article spoke of last,
    or, before any, the one it speaks of most.
    """
    movements = _troop_movements(doc, index) + _missions(index, doc) + \
        _mission_strength(index, doc)
    if patterns is not None:
        movements = sorted(movements + _contributions(doc, index, patterns),
                           key=lambda m: m.personnel.i)
    # Presence alone does not make a deployer: the article must also say it sent troops
    # (otherwise "Ukrainian forces in Kursk" would be a deployment of Ukraine's), or
    # count them there ("some 600 Norwegian soldiers are stationed in Latvia").
    movements = _joined(movements)
    said = Intervals(statements, start=lambda s: s.start, end=lambda s: s.end)
    movers = {m.deployer for m in movements if not m.presence}
    # A denial needs no sending: "Norway denied its troops were in Latvia".
    movements = [m for m in movements if not m.presence or m.deployer in movers
                 or m.destination is not None and (figures(m.sent, m.personnel)
                                                   or _status(m.sent, m.trigger) == "denied")]
    complete = [(m.deployer, m.destination) for m in movements
                if m.deployer is not None and m.destination is not None]
    if not complete:
        # No deployment named outright: one told by the sender's own body stands.
        movements = [replace(m, deployer=m.deployer or m.teller) for m in movements]
        complete = [(m.deployer, m.destination) for m in movements
                    if m.deployer is not None and m.destination is not None]
    if not complete:
        return []
    # Until the article names a deployment, the frame is the one it names most, a
    # state rather than a place within it; after that, the last one named.
    states = [p for p in complete if not p[1][1]] or complete
    pairs = Counter((d, dest[0]) for d, dest in states)
    frame = next(p for p in states if (p[0], p[1][0]) == pairs.most_common(1)[0][0])
    out: list[Deployment] = []
    seen: set[tuple] = set()
    for m in movements:
        if m.deployer is not None and m.destination is not None:
            # A place inside a state ("Kursk region") does not replace the state as the
            # destination that later sentences continue.
            if not m.destination[1] or frame[0] != m.deployer:
                frame = (m.deployer, m.destination)
        elif m.deployer is None and m.destination is None and not figures(m.sent, m.personnel):
            continue  # nothing but a troop noun near a movement word: too little to go on
        if m.presence and m.destination is None and m.deployer != frame[0]:
            continue  # counted troops of another state than the one the article follows
        deployer = m.deployer or frame[0]
        if m.destination is not None:
            destination, is_place, dest_end = m.destination
        else:
            # Continuing the frame, a region stands for the state that holds it.
            destination, is_place, dest_end = frame[1][0], frame[1][1], -1
            holder = index.place_states.get(destination) if is_place else None
            if holder is not None and index.ensure_actor(holder):
                destination, is_place = holder, False
        if destination == deployer:
            continue
        sent, trigger, personnel = m.sent, m.trigger, m.personnel
        base_status = _status(sent, trigger)
        figs = figures(sent, personnel) or [None]
        left = min(trigger.idx, personnel.left_edge.idx)
        for s, _e, key in index.starting(index.actor_spans, sent.start_char, left) + \
                index.starting(index.demonym_spans, sent.start_char, left):
            if key == deployer:
                left = s
                break
        right = max(dest_end, trigger.idx + len(trigger.text),
                    personnel.idx + len(personnel.text))
        left = max(left, sent.start_char)
        right = _trimmed_end(sent, left, min(right, sent.end_char))
        host = index.place_states.get(destination) if is_place else destination
        reporters, attributed = ([], False) if m.standing else \
            _reporters(sent, index, said, trigger)
        for reporter in reporters or [None]:
            status = base_status
            if status == "reported" and (reporter is None and not attributed or
                                         _side(index, reporter) in (deployer, host)):
                # Told by the outlet as fact, or by the deployer's or the host's side
                # (given to someone unnamed, it stays a report).
                status = "confirmed"
            for fig in figs:
                key = (sent.start, deployer, destination, fig.count if fig else None, reporter)
                if key in seen:
                    continue
                seen.add(key)
                start = min(left, fig.start) if fig else left
                end = max(right, fig.end) if fig else right
                out.append(Deployment(
                    deployer=deployer, destination=destination, start=start, end=end,
                    status=status, count=fig.count if fig else None,
                    qualifier=fig.qualifier if fig else None, unit=_unit(personnel),
                    reported_by=reporter, destination_is_place=is_place))
    return _once(out)


def _once(deployments: list[Deployment]) -> list[Deployment]:
    """A deployment without a figure that the article states again by the same reporter,
    or states with a figure, is recorded once (a denial apart from a claim): the
    guideline's "recorded once"."""
    def claim_of(d: Deployment) -> tuple:
        return d.deployer, d.destination, d.reported_by, d.status == "denied"

    counted = {claim_of(d) for d in deployments if d.count is not None}
    seen: set[tuple] = set()
    out = []
    for d in deployments:
        claim = claim_of(d)
        if d.count is None and (claim in counted or claim in seen):
            continue
        seen.add(claim)
        out.append(d)
    return out


def _trimmed_end(sent: Span, left: int, right: int) -> int:
    """``right`` moved back over whitespace: a sentence that ends without a full stop (a
    paragraph that is a headline or a caption) ends in its paragraph break, which is no
    part of what the span says."""
    words = sent.text[:right - sent.start_char]
    return max(left, sent.start_char + len(words.rstrip()))
