"""One lexicon for every extraction step: each word with what it does, as data.

A word's behaviours say how the steps treat it; adding a word is one row, and a
step asks for the words of a behaviour (``SPEECH_VERBS``), never keeps a list of
its own. Verbs are matched by lemma, nouns and adjectives by their lower-case
form. Each behaviour, with a made-up sentence that shows it:
"""

from __future__ import annotations

from dataclasses import dataclass

# -- what a word can do ----------------------------------------------------------------

SPEECH = "speech"  # "The minister said that talks had failed." reports what was said
ADDRESSEE_OBJECT = "addressee object"  # "She urged the council to act." the object is
#   spoken to, and what follows it is what was said
CONTENT_OBJECT = "content object"  # "The ministry announced a new training mission." the
#   noun-phrase object is itself what was said
ADDRESS = "address"  # "The envoy invited the delegates to stay." whoever it is said to
#   takes part in the story
CREDIT = "credit"  # "Written by Jane Roe." a by-line, not a part in the story
MOVEMENT = "movement"  # "Norway sent 300 soldiers to Latvia." troops going somewhere
EXIT = "exit"  # "Norway withdrew 300 soldiers from Latvia." troops leaving where they were
HOLDING = "holding"  # "Norway keeps 300 soldiers in Latvia." the subject holds the troops
#   it takes as object, wherever they are
HOSTING = "hosting"  # "Latvia hosts a Norwegian battalion." the subject is where the troops
#   it takes as object are
PURPOSE = "purpose"  # "Norway sent 300 soldiers to help Latvia." whom troops are sent to
#   fight for or help is where they go
MOVEMENT_NOUN = "movement noun"  # "the deployment of 300 Norwegian soldiers"
TROOPS = "troops"  # "300 soldiers", "a battalion": the personnel a deployment counts
TROOP_ADJECTIVE = "troop adjective"  # "special forces": the parser may take the adjective
#   for the noun; the troops are the noun after it
PRESENCE = "presence"  # "300 Norwegian soldiers were present in Latvia": somewhere, no
#   movement word
INDEFINITE = "indefinite"  # "a source", "one aide": someone not named
DOUBT = "doubt"  # "It is unclear whether Norway will send troops." a clause it opens, or
#   "how many" troops, asserts nothing
REPORT_NOUN = "report noun"  # "a ministry assessment that 300 soldiers ...": whose claim
PERSON_NOUN = "person noun"  # "the candidate said": a person, the one the article spoke of
#   last ("Jane Roe ... the candidate said"), or the one whose role it names
GROUP_NOUN = "group noun"  # "the ministry said": the organisation or state named before
ANONYMOUS_NOUN = "anonymous noun"  # "one campaign aide said", "a source close to Roe said":
#   with "a", "one" or "another" it is nobody the article names, whoever it works for
DOCUMENT_NOUN = "document noun"  # "the release said": a document speaks for whoever issued it


@dataclass(frozen=True)
class Word:
    text: str  # a verb's lemma, or a noun's or adjective's lower-case form
    does: frozenset[str]

    def __init__(self, text: str, *does: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "does", frozenset(does))


VERBS: tuple[Word, ...] = (
    Word("accuse", SPEECH),
    Word("acknowledge", SPEECH),
    Word("add", SPEECH),
    Word("address", ADDRESS),
    Word("admit", SPEECH),
    Word("affirm", SPEECH),
    Word("allege", SPEECH),
    Word("announce", SPEECH, CONTENT_OBJECT),
    Word("appeal", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("argue", SPEECH),
    Word("arrive", MOVEMENT),
    Word("ask", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("assert", SPEECH),
    Word("assess", SPEECH),
    Word("assure", SPEECH),
    Word("author", CREDIT),
    Word("base", MOVEMENT),
    Word("believe", SPEECH),
    Word("blast", SPEECH),
    Word("boast", SPEECH),
    Word("brand", SPEECH),
    Word("brief", SPEECH),
    Word("bring", MOVEMENT),
    Word("call", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("caution", SPEECH),
    Word("characterise", SPEECH),
    Word("characterize", SPEECH),
    Word("claim", SPEECH),
    Word("clarify", SPEECH),
    Word("comment", SPEECH),
    Word("compile", CREDIT),
    Word("complain", SPEECH),
    Word("concede", SPEECH),
    Word("conclude", SPEECH),
    Word("condemn", SPEECH),
    Word("confirm", SPEECH),
    Word("contend", SPEECH),
    Word("continue", SPEECH),
    Word("contribute", CREDIT),
    Word("convey", SPEECH, CONTENT_OBJECT),
    Word("criticise", SPEECH),
    Word("criticize", SPEECH),
    Word("declare", SPEECH),
    Word("decry", SPEECH),
    Word("demand", SPEECH, CONTENT_OBJECT),
    Word("denounce", SPEECH),
    Word("deny", SPEECH),
    Word("deploy", MOVEMENT),
    Word("describe", SPEECH),
    Word("disclose", SPEECH),
    Word("dismiss", SPEECH),
    Word("dispatch", MOVEMENT),
    Word("dub", SPEECH),
    Word("edit", CREDIT),
    Word("elaborate", SPEECH),
    Word("emphasise", SPEECH),
    Word("emphasize", SPEECH),
    Word("encourage", ADDRESS),
    Word("enter", MOVEMENT),
    Word("estimate", SPEECH),
    Word("exclaim", SPEECH),
    Word("explain", SPEECH),
    Word("express", CONTENT_OBJECT),
    Word("fly", MOVEMENT),
    Word("forecast", SPEECH),
    Word("hail", SPEECH),
    Word("have", HOLDING),
    Word("host", HOSTING),
    Word("house", HOSTING),
    Word("head", MOVEMENT),
    Word("highlight", SPEECH),
    Word("hold", HOLDING),
    Word("implore", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("indicate", SPEECH),
    Word("inform", SPEECH),
    Word("insist", SPEECH),
    Word("invite", ADDRESS),
    Word("joke", SPEECH),
    Word("keep", HOLDING),
    Word("label", SPEECH),
    Word("lament", SPEECH),
    Word("land", MOVEMENT),
    Word("leave", MOVEMENT, EXIT),
    Word("maintain", SPEECH, HOLDING),
    Word("mention", SPEECH),
    Word("mobilise", MOVEMENT),
    Word("mobilize", MOVEMENT),
    Word("move", MOVEMENT),
    Word("muse", SPEECH),
    Word("note", SPEECH),
    Word("observe", SPEECH),
    Word("offer", ADDRESS),
    Word("photograph", CREDIT),
    Word("pledge", SPEECH, CONTENT_OBJECT),
    Word("point", SPEECH),
    Word("post", MOVEMENT),
    Word("praise", SPEECH),
    Word("predict", SPEECH, CONTENT_OBJECT),
    Word("produce", CREDIT),
    Word("promise", SPEECH, CONTENT_OBJECT),
    Word("propose", SPEECH, CONTENT_OBJECT),
    Word("pull", MOVEMENT, EXIT),
    Word("quip", SPEECH),
    Word("quote", SPEECH),
    Word("reach", MOVEMENT),
    Word("reaffirm", CONTENT_OBJECT),
    Word("recall", SPEECH),
    Word("recount", SPEECH),
    Word("redeploy", MOVEMENT),
    Word("reiterate", SPEECH),
    Word("relocate", MOVEMENT),
    Word("remain", MOVEMENT),
    Word("remind", SPEECH),
    Word("repeat", SPEECH),
    Word("reply", SPEECH),
    Word("report", SPEECH),
    Word("respond", SPEECH),
    Word("retort", SPEECH),
    Word("reveal", SPEECH, CONTENT_OBJECT),
    Word("say", SPEECH),
    Word("scoff", SPEECH),
    Word("send", MOVEMENT),
    Word("ship", MOVEMENT),
    Word("shout", SPEECH),
    Word("signal", SPEECH),
    Word("slam", SPEECH),
    Word("state", SPEECH),
    Word("station", MOVEMENT),
    Word("stay", MOVEMENT),
    Word("stress", SPEECH),
    Word("suggest", SPEECH),
    Word("tell", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("term", SPEECH),
    Word("testify", SPEECH),
    Word("threaten", SPEECH),
    Word("tout", SPEECH),
    Word("train", MOVEMENT),
    Word("transfer", MOVEMENT),
    Word("translate", CREDIT),
    Word("transport", MOVEMENT),
    Word("travel", MOVEMENT),
    Word("tweet", SPEECH),
    Word("underscore", SPEECH),
    Word("urge", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("voice", CONTENT_OBJECT),
    Word("vow", SPEECH),
    Word("warn", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("welcome", SPEECH),
    Word("whisper", SPEECH),
    Word("withdraw", MOVEMENT, EXIT),
    Word("write", SPEECH, CREDIT),
    Word("yell", SPEECH),
    Word("help", PURPOSE),
    Word("support", PURPOSE),
    Word("assist", PURPOSE),
    Word("defend", PURPOSE),
    Word("protect", PURPOSE),
    Word("reinforce", PURPOSE),
    Word("bolster", PURPOSE),
    Word("back", PURPOSE),
    Word("fight", PURPOSE),
    Word("aid", PURPOSE),
)

NOUNS_AND_ADJECTIVES: tuple[Word, ...] = (
    Word("advisers", TROOPS),
    Word("advisors", TROOPS),
    Word("announcement", REPORT_NOUN),
    Word("arrival", MOVEMENT_NOUN),
    Word("assessment", REPORT_NOUN),
    Word("based", PRESENCE),
    Word("battalion", TROOPS),
    Word("battalions", TROOPS),
    Word("battlegroup", TROOPS),
    Word("battlegroups", TROOPS),
    Word("briefing", REPORT_NOUN),
    Word("brigade", TROOPS),
    Word("brigades", TROOPS),
    Word("claim", REPORT_NOUN),
    Word("commandos", TROOPS),
    Word("confirmation", REPORT_NOUN),
    Word("conscripts", TROOPS),
    Word("contingent", MOVEMENT_NOUN, TROOPS),
    Word("contractors", TROOPS),
    Word("crews", TROOPS),
    Word("deployed", PRESENCE),
    Word("deployment", MOVEMENT_NOUN),
    Word("dispatch", MOVEMENT_NOUN),
    Word("dispatching", MOVEMENT_NOUN),
    Word("engineers", TROOPS),
    Word("estimate", REPORT_NOUN),
    Word("fighters", TROOPS),
    Word("forces", TROOPS),
    Word("generals", TROOPS),
    Word("infantrymen", TROOPS),
    Word("instructors", TROOPS),
    Word("intelligence", REPORT_NOUN),
    Word("marines", TROOPS),
    Word("mercenaries", TROOPS),
    Word("officers", TROOPS),
    Word("paratroopers", TROOPS),
    Word("personnel", TROOPS),
    Word("pilots", TROOPS),
    Word("presence", MOVEMENT_NOUN),
    Word("present", PRESENCE),
    Word("reinforcement", MOVEMENT_NOUN),
    Word("reinforcements", MOVEMENT_NOUN),
    Word("report", REPORT_NOUN),
    Word("reservists", TROOPS),
    Word("sailors", TROOPS),
    Word("servicemen", TROOPS),
    Word("soldier", TROOPS),
    Word("soldiers", TROOPS),
    Word("special", TROOP_ADJECTIVE),
    Word("specialists", TROOPS),
    Word("statement", REPORT_NOUN),
    Word("stationed", PRESENCE),
    Word("stationing", MOVEMENT_NOUN),
    Word("trainers", TROOPS),
    Word("transfer", MOVEMENT_NOUN),
    Word("troop", TROOPS),
    Word("troops", TROOPS),
    Word("units", TROOPS),
)


# Nouns by the kind of speaker they stand for, matched in lower case.
SPEAKER_NOUNS: tuple[Word, ...] = (
    Word("source", ANONYMOUS_NOUN),
    Word("insider", ANONYMOUS_NOUN),
    Word("supporter", ANONYMOUS_NOUN),
    Word("staffer", ANONYMOUS_NOUN),
    Word("ally", ANONYMOUS_NOUN),
    Word("confidant", ANONYMOUS_NOUN),
    Word("activist", PERSON_NOUN),
    Word("adviser", PERSON_NOUN),
    Word("advisor", PERSON_NOUN),
    Word("aide", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("ambassador", PERSON_NOUN),
    Word("analyst", PERSON_NOUN),
    Word("attorney", PERSON_NOUN),
    Word("author", PERSON_NOUN),
    Word("businessman", PERSON_NOUN),
    Word("businesswoman", PERSON_NOUN),
    Word("candidate", PERSON_NOUN),
    Word("chairman", PERSON_NOUN),
    Word("chairwoman", PERSON_NOUN),
    Word("chancellor", PERSON_NOUN),
    Word("chief", PERSON_NOUN),
    Word("commander", PERSON_NOUN),
    Word("congressman", PERSON_NOUN),
    Word("congresswoman", PERSON_NOUN),
    Word("diplomat", PERSON_NOUN),
    Word("director", PERSON_NOUN),
    Word("economist", PERSON_NOUN),
    Word("envoy", PERSON_NOUN),
    Word("executive", PERSON_NOUN),
    Word("expert", PERSON_NOUN),
    Word("founder", PERSON_NOUN),
    Word("general", PERSON_NOUN),
    Word("governor", PERSON_NOUN),
    Word("head", PERSON_NOUN),
    Word("host", PERSON_NOUN),
    Word("investor", PERSON_NOUN),
    Word("judge", PERSON_NOUN),
    Word("lawmaker", PERSON_NOUN),
    Word("lawyer", PERSON_NOUN),
    Word("leader", PERSON_NOUN),
    Word("legislator", PERSON_NOUN),
    Word("manager", PERSON_NOUN),
    Word("mayor", PERSON_NOUN),
    Word("minister", PERSON_NOUN),
    Word("nominee", PERSON_NOUN),
    Word("officer", PERSON_NOUN),
    Word("official", PERSON_NOUN),
    Word("politician", PERSON_NOUN),
    Word("premier", PERSON_NOUN),
    Word("president", PERSON_NOUN),
    Word("professor", PERSON_NOUN),
    Word("prosecutor", PERSON_NOUN),
    Word("representative", PERSON_NOUN),
    Word("researcher", PERSON_NOUN),
    Word("secretary", PERSON_NOUN),
    Word("senator", PERSON_NOUN),
    Word("spokesman", PERSON_NOUN),
    Word("spokesperson", PERSON_NOUN),
    Word("spokeswoman", PERSON_NOUN),
    Word("strategist", PERSON_NOUN),
    Word("administration", GROUP_NOUN),
    Word("agency", GROUP_NOUN),
    Word("alliance", GROUP_NOUN),
    Word("army", GROUP_NOUN),
    Word("bloc", GROUP_NOUN),
    Word("command", GROUP_NOUN),
    Word("council", GROUP_NOUN),
    Word("country", GROUP_NOUN),
    Word("department", GROUP_NOUN),
    Word("directorate", GROUP_NOUN),
    Word("government", GROUP_NOUN),
    Word("intelligence", GROUP_NOUN),
    Word("kremlin", GROUP_NOUN),
    Word("military", GROUP_NOUN),
    Word("ministry", GROUP_NOUN),
    Word("office", GROUP_NOUN),
    Word("pentagon", GROUP_NOUN),
    Word("report", GROUP_NOUN, DOCUMENT_NOUN),
    Word("service", GROUP_NOUN),
    Word("statement", GROUP_NOUN, DOCUMENT_NOUN),
    Word("ad", GROUP_NOUN, DOCUMENT_NOUN),
    Word("broadcaster", GROUP_NOUN, DOCUMENT_NOUN),
    Word("channel", GROUP_NOUN, DOCUMENT_NOUN),
    Word("communique", GROUP_NOUN, DOCUMENT_NOUN),
    Word("communiqué", GROUP_NOUN, DOCUMENT_NOUN),
    Word("complaint", GROUP_NOUN, DOCUMENT_NOUN),
    Word("document", GROUP_NOUN, DOCUMENT_NOUN),
    Word("filing", GROUP_NOUN, DOCUMENT_NOUN),
    Word("lawsuit", GROUP_NOUN, DOCUMENT_NOUN),
    Word("letter", GROUP_NOUN, DOCUMENT_NOUN),
    Word("memo", GROUP_NOUN, DOCUMENT_NOUN),
    Word("newspaper", GROUP_NOUN, DOCUMENT_NOUN),
    Word("release", GROUP_NOUN, DOCUMENT_NOUN),
)


# Function words, matched in lower case.
FUNCTION_WORDS: tuple[Word, ...] = (
    Word("whether", DOUBT),
    Word("a", INDEFINITE),
    Word("an", INDEFINITE),
    Word("one", INDEFINITE),
    Word("another", INDEFINITE),
    Word("if", DOUBT),
    Word("how", DOUBT),
)


def words(behaviour: str, table: tuple[Word, ...] = VERBS) -> frozenset[str]:
    """The words of ``table`` that have ``behaviour``."""
    return frozenset(w.text for w in table if behaviour in w.does)


SPEECH_VERBS = words(SPEECH)
ADDRESSEE_OBJECT_VERBS = words(ADDRESSEE_OBJECT)
CONTENT_OBJECT_VERBS = words(CONTENT_OBJECT)
ADDRESS_VERBS = words(ADDRESS)
CREDIT_VERBS = words(CREDIT)
MOVE_VERBS = words(MOVEMENT)
EXIT_VERBS = words(EXIT)
HOLDING_VERBS = words(HOLDING)
HOSTING_VERBS = words(HOSTING)
PURPOSE_VERBS = words(PURPOSE)
MOVE_NOUNS = words(MOVEMENT_NOUN, NOUNS_AND_ADJECTIVES)
PERSONNEL = words(TROOPS, NOUNS_AND_ADJECTIVES)
PERSONNEL_ADJECTIVES = words(TROOP_ADJECTIVE, NOUNS_AND_ADJECTIVES)
PRESENCE_ADJECTIVES = words(PRESENCE, NOUNS_AND_ADJECTIVES)
REPORT_NOUNS = words(REPORT_NOUN, NOUNS_AND_ADJECTIVES)
PERSON_NOUNS = words(PERSON_NOUN, SPEAKER_NOUNS)
GROUP_NOUNS = words(GROUP_NOUN, SPEAKER_NOUNS)
DOCUMENT_NOUNS = words(DOCUMENT_NOUN, SPEAKER_NOUNS)
DOUBT_WORDS = words(DOUBT, FUNCTION_WORDS)
ANONYMOUS_NOUNS = words(ANONYMOUS_NOUN, SPEAKER_NOUNS)
INDEFINITE_WORDS = words(INDEFINITE, FUNCTION_WORDS)
