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
BARE_SPEECH = "bare speech"  # "“…,” he continued." reports speech only with no object or
#   infinitive of its own: "she will continue to be a champion" says nothing
ADDRESSEE_OBJECT = "addressee object"  # "She urged the council to act." the object is
#   spoken to, and what follows it is what was said
CONTENT_OBJECT = "content object"  # "The ministry announced a new training mission." the
#   noun-phrase object is itself what was said
OF_CONTENT = "of content"  # "She accused the council of lying." the object and what follows
#   "of" are what was said
FOR_CONTENT = "for content"  # "The council called for a ceasefire." what follows "for" is what
#   was said
ADDRESS = "address"  # "The envoy invited the delegates to stay." whoever it is said to
#   takes part in the story
CREDIT = "credit"  # "Written by Jane Roe." a by-line, not a part in the story
MOVEMENT = "movement"  # "Norway sent 300 soldiers to Latvia." troops going somewhere
FORCE_MOVEMENT = "force movement"  # "The Northport Legion deployed to Latvia." with no
#   object, the subject is a force that went
PLEDGE = "pledge"  # "Norway pledged 300 soldiers to Latvia." troops promised as its object:
#   a planned deployment
ESTABLISHING = "establishing"  # "Norway will establish a base in Latvia." a base its subject
#   sets up abroad
ADDING = "adding"  # "Norway is adding 300 soldiers to its force in Latvia." troops added, its
#   object
PARTICIPATION = "participation"  # "Norway will take part in the force in Latvia." its subject
#   sends troops to the force or mission it joins
STRENGTH = "strength"  # "The mission will comprise 5,000 troops." its subject, a force or
#   mission, counts the troops it takes as object
EXIT = "exit"  # "Norway withdrew 300 soldiers from Latvia." troops leaving where they were
HOLDING = "holding"  # "Norway keeps 300 soldiers in Latvia." the subject holds the troops
#   it takes as object, wherever they are
HOSTING = "hosting"  # "Latvia hosts a Norwegian battalion." the subject is where the troops
#   it takes as object are
PURPOSE = "purpose"  # "Norway sent 300 soldiers to help Latvia." whom troops are sent to
#   fight for or help is where they go
TOTALLING = "totalling"  # "…, bringing the total to 1,500": the total a sending brings its
#   deployment to, after "to"
AUTHORISING = "authorising"  # "Norway approved the deployment of 300 soldiers to Latvia." its
#   subject sends the troops of the movement it acts on
MOVEMENT_NOUN = "movement noun"  # "the deployment of 300 Norwegian soldiers"
TROOPS = "troops"  # "300 soldiers", "a battalion": the personnel a deployment counts
FORMATION = "formation"  # "two battalions", "eight ships": a unit of troops; a number
#   before it counts units, not personnel
TROOP_ADJECTIVE = "troop adjective"  # "special forces": the parser may take the adjective
#   for the noun; the troops are the noun after it
STATIONING_NOUN = "stationing noun"  # "Norway's bases in Latvia": where a state keeps its
#   troops abroad
CIVILIAN = "civilian"  # "Norway sent technical personnel to Latvia." the people it describes
#   are not troops
MILITARY_MODIFIER = "military modifier"  # "a military deployment to Latvia": the movement noun
#   it modifies is troops going
PRESENCE = "presence"  # "300 Norwegian soldiers were present in Latvia": somewhere, no
#   movement word
MASCULINE = "masculine"  # "Mr. Dahl", "he": a man
FEMININE = "feminine"  # "Ms. Dahl", "she", "the spokeswoman": a woman
PERSON_PRONOUN = "person pronoun"  # "she said": the last person who was a subject
GROUP_PRONOUN = "group pronoun"  # "it said": the last body or state named
INDEFINITE = "indefinite"  # "a source", "one aide": someone not named
FORMER = "former"  # "a former French official": someone who no longer speaks for the body
DOUBT = "doubt"  # "It is unclear whether Norway will send troops." a clause it opens, or
#   "how many" troops, asserts nothing
NARROWING = "narrowing"  # "troops in the Baltics, particularly in Latvia": the place it
#   introduces is the more specific destination
TITLE_LOWER = "title lower"  # "“The Art of the Deal”": a short word a title keeps in lower
#   case, where its other words are capitalised ("“It is not new here,”" is no title)
POSSIBILITY = "possibility"  # "The soldiers could travel on to Estonia." a possibility, which
#   claims no deployment
REPORT_NOUN = "report noun"  # "a ministry assessment that 300 soldiers ...": whose claim
PERSON_NOUN = "person noun"  # "the candidate said": a person, the one the article spoke of
#   last ("Jane Roe ... the candidate said"), or the one whose role it names
GROUP_NOUN = "group noun"  # "the ministry said": the organisation or state named before
ANONYMOUS_NOUN = "anonymous noun"  # "one campaign aide said", "a source close to Roe said":
#   with "a", "one" or "another" it is nobody the article names, whoever it works for
OUTSIDER_NOUN = "outsider noun"  # "critics of Jane Roe said": people who speak about the one
#   after "of", not for her
AUDIENCE_NOUN = "audience noun"  # "“Never!” the crowd shouted.": people present who call out,
#   never the one named before them
DOCUMENT_NOUN = "document noun"  # "the release said": a document speaks for whoever issued it
MEDIA_NOUN = "media noun"  # "the news agency Nordpress", "the Harbour Gazette newspaper": the
#   capitalised name beside it is an outlet

# Words matched by their lower-case form, for names, statuses and the story's parts:
DENIAL = "denial"  # "Norway denied sending troops." a denial, when near the deployment
HEARSAY = "hearsay"  # "Norway reportedly sent troops." a claim of somebody unnamed
REFUSAL = "refusal"  # "Norway refused to send troops." a denial of the sending it governs
TOTAL = "total"  # "…, bringing the total to 1,500": a word for a deployment's whole strength
INTENT_NOUN = "intent noun"  # "Norway's decision to send troops": whose it is sends them
PLAN = "plan"  # "Norway will send 300 soldiers." a plan
CONFIRMATION = "confirmation"  # "Norway confirmed it sent 300 soldiers." a confirmation
NOT_DESTINATION = "not destination"  # "a camp close to Riga": the head of "to" that names no
#   destination
DESTINATION_PREPOSITION = "destination preposition"  # "sent to Latvia", "stationed in Latvia": a
#   preposition of destination
TROOPS_ALIAS = "troops alias"  # "Norwegian troops": a state's troops, an armed group of their own
ORG_HEAD = "org head"  # "Norway's defence ministry": the head noun of an organisation named by
#   description
PLACE_PREPOSITION = "place preposition"  # "talks in Oslo": a capital after it is a place, not its
#   government
HONORIFIC = "honorific"  # "Mr. Dahl": a title that is no part of the name
FORCE_HEAD = "force head"  # "the Norwegian Army", "Latvia Defence Force": the last word of a
#   state's armed forces' name
MISSION_HEAD = "mission head"  # "the Stabilisation Mission in Latvia": a body's last word that
#   takes the place it serves into its name
PLACE_HEAD = "place head"  # "the Yundum Constituency", "Northport Airport": a name ending in it
#   names a place, whatever the tagger thought
REGION = "region"  # "the Latgale region": a word that makes a name a region
SIDE = "side"  # "troops joined Latvia's side": what troops join when they join another state
NAME_PARTICLE = "name particle"  # "Hassan al-Rubaie": a particle inside a name
ROLE = "role"  # "Defence Minister Ingrid Dahl": a word of a role, not of a name
GROUP_MEMBER = "group member"  # "Northport insurgents": members or acts of a group, so the group
#   takes part
QUANTITY = "quantity"  # "thousands of soldiers": a quantity, the noun after "of" is what counts
TOPIC_PREPOSITION = "topic preposition"  # "experts on Norway said": the preposition's object
#   is what they speak of, not who speaks
PARTICIPANT_PREPOSITION = "participant preposition"  # "talks with Norway": a preposition whose
#   object takes part
VESSEL = "vessel"  # "the frigate Harald Dahl", "HMS Harald Dahl": the name right after it is a
#   ship's, not a person's
COMPASS = "compass"  # "South Northport", "Eastern Northport": a part of the state named after
#   it, where any other word before a state's name in one place's name ("New Northport")
#   names another place
EPONYM_HEAD = "eponym head"  # "the Roe administration": a person's name before it names a
#   government or a body, and the person takes no part by it


@dataclass(frozen=True)
class Word:
    text: str  # a verb's lemma, or a noun's or adjective's lower-case form
    does: frozenset[str]

    def __init__(self, text: str, *does: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "does", frozenset(does))


VERBS: tuple[Word, ...] = (
    Word("accuse", SPEECH, OF_CONTENT),
    Word("acknowledge", SPEECH),
    Word("add", SPEECH, ADDING),
    Word("address", ADDRESS),
    Word("admit", SPEECH),
    Word("advocate", SPEECH, CONTENT_OBJECT),
    Word("affirm", SPEECH),
    Word("agree", SPEECH),
    Word("aid", PURPOSE),
    Word("airlift", MOVEMENT),  # "airlifted 300 soldiers to Latvia"
    Word("allege", SPEECH),
    Word("announce", SPEECH, CONTENT_OBJECT, AUTHORISING),
    Word("answer", SPEECH),
    Word("appeal", SPEECH, ADDRESSEE_OBJECT, ADDRESS, FOR_CONTENT),
    Word("approve", AUTHORISING),
    Word("argue", SPEECH),
    Word("arrive", MOVEMENT),
    Word("ask", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("assert", SPEECH),
    Word("assess", SPEECH),
    Word("assist", PURPOSE),
    Word("assure", SPEECH),
    Word("author", CREDIT),
    Word("authorise", AUTHORISING),
    Word("authorize", AUTHORISING),
    Word("back", PURPOSE),
    Word("bark", SPEECH),
    Word("base", MOVEMENT),
    Word("believe", SPEECH),
    Word("blame", SPEECH),
    Word("blast", SPEECH),
    Word("boast", SPEECH),
    Word("bolster", PURPOSE),
    Word("boost", TOTALLING),
    Word("brand", SPEECH),
    Word("brief", SPEECH),
    Word("bring", MOVEMENT, TOTALLING),
    Word("call", SPEECH, ADDRESSEE_OBJECT, ADDRESS, FOR_CONTENT),
    Word("caution", SPEECH),
    Word("characterise", SPEECH),
    Word("characterize", SPEECH),
    Word("chide", SPEECH),
    Word("claim", SPEECH),
    Word("clarify", SPEECH),
    Word("comment", SPEECH),
    Word("commit", PLEDGE),
    Word("compile", CREDIT),
    Word("complain", SPEECH),
    Word("comprise", STRENGTH),
    Word("concede", SPEECH),
    Word("conclude", SPEECH),
    Word("condemn", SPEECH),
    Word("confirm", SPEECH),
    Word("consider", AUTHORISING),
    Word("contend", SPEECH),
    Word("continue", SPEECH, BARE_SPEECH),
    Word("contribute", CREDIT, PLEDGE),
    Word("convey", SPEECH, CONTENT_OBJECT),
    Word("criticise", SPEECH),
    Word("criticize", SPEECH),
    Word("cross", MOVEMENT),  # "troops crossed into Latvia"
    Word("cry", SPEECH),
    Word("decide", AUTHORISING),
    Word("declare", SPEECH),
    Word("decline", REFUSAL),
    Word("decry", SPEECH),
    Word("defend", PURPOSE),
    Word("demand", SPEECH, CONTENT_OBJECT),
    Word("denounce", SPEECH),
    Word("deny", SPEECH),
    Word("deploy", MOVEMENT, FORCE_MOVEMENT),
    Word("describe", SPEECH),
    Word("disagree", SPEECH),
    Word("disclose", SPEECH),
    Word("dismiss", SPEECH),
    Word("dispatch", MOVEMENT),
    Word("dub", SPEECH),
    Word("echo", SPEECH),
    Word("edit", CREDIT),
    Word("elaborate", SPEECH),
    Word("email", SPEECH),
    Word("emphasise", SPEECH),
    Word("emphasize", SPEECH),
    Word("encourage", ADDRESS),
    Word("enter", MOVEMENT),
    Word("establish", ESTABLISHING),
    Word("estimate", SPEECH),
    Word("exclaim", SPEECH),
    Word("exhort", SPEECH),
    Word("explain", SPEECH),
    Word("express", CONTENT_OBJECT),
    Word("extend", AUTHORISING),
    Word("ferry", MOVEMENT),
    Word("fight", PURPOSE),
    Word("fly", MOVEMENT),
    Word("forecast", SPEECH),
    Word("fume", SPEECH),
    Word("gush", SPEECH),
    Word("hail", SPEECH),
    Word("have", HOLDING),
    Word("head", MOVEMENT),
    Word("help", PURPOSE),
    Word("highlight", SPEECH, CONTENT_OBJECT),
    Word("hold", HOLDING),
    Word("host", HOSTING),
    Word("house", HOSTING),
    Word("implore", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("imply", SPEECH),
    Word("include", STRENGTH),
    Word("increase", TOTALLING),
    Word("indicate", SPEECH),
    Word("inform", SPEECH),
    Word("insist", SPEECH),
    Word("interject", SPEECH),
    Word("intervene", FORCE_MOVEMENT),
    Word("invite", ADDRESS),
    Word("join", PARTICIPATION),
    Word("joke", SPEECH),
    Word("keep", HOLDING),
    Word("label", SPEECH),
    Word("lament", SPEECH),
    Word("land", MOVEMENT),
    Word("leave", MOVEMENT, EXIT),
    Word("maintain", SPEECH, HOLDING),
    Word("march", MOVEMENT),
    Word("marvel", SPEECH),
    Word("mention", SPEECH),
    Word("mobilise", MOVEMENT),
    Word("mobilize", MOVEMENT),
    Word("mock", SPEECH),
    Word("move", MOVEMENT),
    Word("muse", SPEECH),
    Word("note", SPEECH),
    Word("number", STRENGTH),
    Word("observe", SPEECH),
    Word("offer", ADDRESS, PLEDGE),
    Word("operate", HOLDING),  # "Norway operates a base in Latvia"
    Word("opine", SPEECH),
    Word("order", AUTHORISING, PLEDGE),  # "ordered 300 soldiers to Latvia": yet to go
    Word("participate", PARTICIPATION),
    Word("photograph", CREDIT),
    Word("plan", AUTHORISING),
    Word("pledge", SPEECH, CONTENT_OBJECT, PLEDGE),
    Word("point", SPEECH),
    Word("position", MOVEMENT),  # "has positioned 300 soldiers in Latvia"
    Word("post", MOVEMENT),
    Word("pour", MOVEMENT),  # "troops poured into Latvia"
    Word("praise", SPEECH),
    Word("predict", SPEECH, CONTENT_OBJECT),
    Word("prepare", AUTHORISING),
    Word("proclaim", SPEECH),
    Word("produce", CREDIT),
    Word("promise", SPEECH, CONTENT_OBJECT, PLEDGE),
    Word("pronounce", SPEECH),
    Word("propose", SPEECH, CONTENT_OBJECT, AUTHORISING),
    Word("protect", PURPOSE),
    Word("provide", PLEDGE),
    Word("pull", MOVEMENT, EXIT),
    Word("quip", SPEECH),
    Word("quote", SPEECH),
    Word("raise", TOTALLING),
    Word("reach", MOVEMENT),
    Word("read", SPEECH),
    Word("reaffirm", CONTENT_OBJECT),
    Word("recall", SPEECH),
    Word("recount", SPEECH),
    Word("redeploy", MOVEMENT, FORCE_MOVEMENT),
    Word("refuse", REFUSAL),
    Word("reinforce", PURPOSE),
    Word("reiterate", SPEECH),
    Word("relocate", MOVEMENT),
    Word("remain", MOVEMENT),
    Word("remark", SPEECH),
    Word("remind", SPEECH),
    Word("repeat", SPEECH),
    Word("reply", SPEECH),
    Word("report", SPEECH),
    Word("respond", SPEECH),
    Word("retort", SPEECH),
    Word("reveal", SPEECH, CONTENT_OBJECT),
    Word("rotate", MOVEMENT),  # "will rotate 300 soldiers into Latvia"
    Word("say", SPEECH),
    Word("scoff", SPEECH),
    Word("send", MOVEMENT),
    Word("serve", MOVEMENT),  # "300 Norwegian troops serving in Latvia"
    Word("ship", MOVEMENT),
    Word("shout", SPEECH),
    Word("signal", SPEECH),
    Word("slam", SPEECH),
    Word("sneer", SPEECH),
    Word("state", SPEECH),
    Word("station", MOVEMENT),
    Word("stay", MOVEMENT),
    Word("stress", SPEECH),
    Word("suggest", SPEECH),
    Word("support", PURPOSE),
    Word("take", PARTICIPATION, TOTALLING),
    Word("tell", SPEECH, ADDRESSEE_OBJECT, ADDRESS),
    Word("term", SPEECH),
    Word("testify", SPEECH),
    Word("thank", SPEECH),
    Word("threaten", SPEECH),
    Word("total", STRENGTH),
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
    Word("weigh", AUTHORISING),  # "Norway is weighing a deployment of 300 soldiers"
    Word("welcome", SPEECH),
    Word("whisper", SPEECH),
    Word("withdraw", MOVEMENT, EXIT),
    Word("write", SPEECH, CREDIT),
    Word("yell", SPEECH),
)

NOUNS_AND_ADJECTIVES: tuple[Word, ...] = (
    Word("advisers", TROOPS),
    Word("advisors", TROOPS),
    Word("announcement", REPORT_NOUN),
    Word("arrival", MOVEMENT_NOUN),
    Word("arrivals", MOVEMENT_NOUN),
    Word("assessment", REPORT_NOUN),
    Word("base", STATIONING_NOUN),
    Word("based", PRESENCE),
    Word("bases", STATIONING_NOUN),
    Word("battalion", TROOPS, FORMATION),
    Word("battalions", TROOPS, FORMATION),
    Word("battlegroup", TROOPS, FORMATION),
    Word("battlegroups", TROOPS, FORMATION),
    Word("briefing", REPORT_NOUN),
    Word("brigade", TROOPS, FORMATION),
    Word("brigades", TROOPS, FORMATION),
    Word("civilian", CIVILIAN),
    Word("claim", REPORT_NOUN),
    Word("commandos", TROOPS),
    Word("confirmation", REPORT_NOUN),
    Word("conscripts", TROOPS),
    Word("consular", CIVILIAN),
    Word("contingent", MOVEMENT_NOUN, TROOPS, FORMATION),
    Word("contractors", TROOPS),
    Word("crews", TROOPS),
    Word("deployed", PRESENCE),
    Word("deployment", MOVEMENT_NOUN),
    Word("detachment", TROOPS, FORMATION),
    Word("detachments", TROOPS, FORMATION),
    Word("diplomatic", CIVILIAN),
    Word("dispatch", MOVEMENT_NOUN),
    Word("dispatching", MOVEMENT_NOUN),
    Word("engineers", TROOPS),
    Word("estimate", REPORT_NOUN),
    Word("fighters", TROOPS),
    Word("forces", TROOPS),
    Word("garrison", STATIONING_NOUN),
    Word("garrisons", STATIONING_NOUN),
    Word("gendarmes", TROOPS),
    Word("generals", TROOPS),
    Word("guardsmen", TROOPS),
    Word("humanitarian", CIVILIAN),
    Word("infantrymen", TROOPS),
    Word("instructors", TROOPS),
    Word("intelligence", REPORT_NOUN),
    Word("marines", TROOPS),
    Word("mercenaries", TROOPS),
    Word("military", MILITARY_MODIFIER),
    Word("officers", TROOPS),
    Word("paratroopers", TROOPS),
    Word("peacekeepers", TROOPS),
    Word("personnel", TROOPS),
    Word("pilots", TROOPS),
    Word("police", TROOPS),
    Word("policemen", TROOPS),
    Word("presence", MOVEMENT_NOUN),
    Word("present", PRESENCE),
    Word("regiment", TROOPS, FORMATION),
    Word("regiments", TROOPS, FORMATION),
    Word("regulars", TROOPS),
    Word("reinforcement", MOVEMENT_NOUN),
    Word("reinforcements", MOVEMENT_NOUN),
    Word("report", REPORT_NOUN),
    Word("reservists", TROOPS),
    Word("sailors", TROOPS),
    Word("servicemembers", TROOPS),
    Word("servicemen", TROOPS),
    Word("ships", TROOPS, FORMATION),
    Word("soldier", TROOPS),
    Word("soldiers", TROOPS),
    Word("special", TROOP_ADJECTIVE),
    Word("specialists", TROOPS),
    Word("squadron", TROOPS, FORMATION),
    Word("squadrons", TROOPS, FORMATION),
    Word("statement", REPORT_NOUN),
    Word("stationed", PRESENCE),
    Word("stationing", MOVEMENT_NOUN),
    Word("technical", CIVILIAN),
    Word("trainers", TROOPS),
    Word("transfer", MOVEMENT_NOUN),
    Word("troop", TROOPS, MILITARY_MODIFIER),
    Word("troops", TROOPS),
    Word("units", TROOPS, FORMATION),
    Word("warships", TROOPS, FORMATION),
)


# Nouns by the kind of speaker they stand for, matched in lower case.
SPEAKER_NOUNS: tuple[Word, ...] = (
    Word("critics", OUTSIDER_NOUN),
    Word("democrat", PERSON_NOUN),
    Word("opponents", OUTSIDER_NOUN),
    Word("detractors", OUTSIDER_NOUN),
    Word("republican", PERSON_NOUN),
    Word("suit", GROUP_NOUN, DOCUMENT_NOUN),
    Word("supporters", OUTSIDER_NOUN),
    Word("admirers", OUTSIDER_NOUN),
    Word("experts", OUTSIDER_NOUN),
    Word("observers", OUTSIDER_NOUN),
    Word("watchers", OUTSIDER_NOUN),
    Word("students", OUTSIDER_NOUN),
    Word("scholars", OUTSIDER_NOUN),
    Word("rivals", OUTSIDER_NOUN),
    Word("source", ANONYMOUS_NOUN),
    Word("crowd", AUDIENCE_NOUN),
    Word("audience", AUDIENCE_NOUN),
    Word("heckler", AUDIENCE_NOUN),
    Word("onlooker", AUDIENCE_NOUN),
    Word("spectator", AUDIENCE_NOUN),
    Word("bystander", AUDIENCE_NOUN),
    Word("protester", AUDIENCE_NOUN),
    Word("protestor", AUDIENCE_NOUN),
    Word("demonstrator", AUDIENCE_NOUN),
    Word("attendee", AUDIENCE_NOUN),
    Word("insider", ANONYMOUS_NOUN),
    Word("supporter", ANONYMOUS_NOUN),
    Word("staffer", ANONYMOUS_NOUN),
    Word("ally", ANONYMOUS_NOUN),
    Word("confidant", ANONYMOUS_NOUN),
    Word("activist", PERSON_NOUN),
    Word("adviser", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("advisor", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("aide", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("ambassador", PERSON_NOUN),
    Word("analyst", PERSON_NOUN, ANONYMOUS_NOUN),
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
    Word("expert", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("founder", PERSON_NOUN),
    Word("general", PERSON_NOUN),
    Word("governor", PERSON_NOUN),
    Word("head", PERSON_NOUN),
    Word("host", PERSON_NOUN),
    Word("investor", PERSON_NOUN),
    Word("judge", PERSON_NOUN),
    Word("justice", PERSON_NOUN),  # "the justice said": a judge of a high court
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
    Word("speaker", PERSON_NOUN),  # "Speaker of the House Jane Roe"
    Word("spokesman", PERSON_NOUN),
    Word("spokesperson", PERSON_NOUN),
    Word("spokeswoman", PERSON_NOUN),
    Word("strategist", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("operative", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("consultant", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("lobbyist", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("donor", PERSON_NOUN, ANONYMOUS_NOUN),
    Word("delegate", PERSON_NOUN),
    Word("voter", PERSON_NOUN),
    Word("challenger", PERSON_NOUN),
    Word("contender", PERSON_NOUN),
    Word("frontrunner", PERSON_NOUN),
    Word("hopeful", PERSON_NOUN),
    Word("incumbent", PERSON_NOUN),
    Word("bishop", PERSON_NOUN),
    Word("chaplain", PERSON_NOUN),
    Word("imam", PERSON_NOUN),
    Word("pastor", PERSON_NOUN),
    Word("priest", PERSON_NOUN),
    Word("rabbi", PERSON_NOUN),
    Word("sheriff", PERSON_NOUN),
    Word("administration", GROUP_NOUN),
    Word("agency", GROUP_NOUN, MEDIA_NOUN),
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
    Word("broadcaster", GROUP_NOUN, MEDIA_NOUN),
    Word("channel", GROUP_NOUN, MEDIA_NOUN),
    Word("communique", GROUP_NOUN, DOCUMENT_NOUN),
    Word("communiqué", GROUP_NOUN, DOCUMENT_NOUN),
    Word("complaint", GROUP_NOUN, DOCUMENT_NOUN),
    Word("document", GROUP_NOUN, DOCUMENT_NOUN),
    Word("filing", GROUP_NOUN, DOCUMENT_NOUN),
    Word("lawsuit", GROUP_NOUN, DOCUMENT_NOUN),
    Word("letter", GROUP_NOUN, DOCUMENT_NOUN),
    Word("memo", GROUP_NOUN, DOCUMENT_NOUN),
    Word("newspaper", GROUP_NOUN, MEDIA_NOUN),
    Word("release", GROUP_NOUN, DOCUMENT_NOUN),
    Word("group", GROUP_NOUN),
    Word("coalition", GROUP_NOUN),
    Word("union", GROUP_NOUN),
    Word("party", GROUP_NOUN),
    Word("movement", GROUP_NOUN),
    Word("organisation", GROUP_NOUN),
    Word("organization", GROUP_NOUN),
    Word("company", GROUP_NOUN),
    Word("firm", GROUP_NOUN),
    Word("mission", GROUP_NOUN),
    Word("committee", GROUP_NOUN),
    Word("commission", GROUP_NOUN),
    Word("court", GROUP_NOUN),
    Word("assembly", GROUP_NOUN),
    Word("board", GROUP_NOUN),
    Word("campaign", GROUP_NOUN),
    Word("club", GROUP_NOUN),
    Word("network", GROUP_NOUN, MEDIA_NOUN),
    Word("outlet", GROUP_NOUN, MEDIA_NOUN),
    Word("daily", MEDIA_NOUN),
    Word("news", MEDIA_NOUN),
    Word("radio", MEDIA_NOUN),
    Word("television", MEDIA_NOUN),
    Word("magazine", MEDIA_NOUN),
    Word("newswire", MEDIA_NOUN),
    Word("portal", MEDIA_NOUN),
    Word("publication", MEDIA_NOUN),
    Word("tabloid", MEDIA_NOUN),
    Word("website", MEDIA_NOUN),
    Word("weekly", MEDIA_NOUN),
)


# Function words, matched in lower case.
FUNCTION_WORDS: tuple[Word, ...] = (
    Word("he", PERSON_PRONOUN, MASCULINE),
    Word("she", PERSON_PRONOUN, FEMININE),
    Word("him", PERSON_PRONOUN, MASCULINE),
    Word("her", PERSON_PRONOUN, FEMININE),
    Word("mr", MASCULINE),
    Word("mr.", MASCULINE),
    Word("mrs", FEMININE),
    Word("mrs.", FEMININE),
    Word("ms", FEMININE),
    Word("ms.", FEMININE),
    Word("miss", FEMININE),
    Word("spokeswoman", FEMININE),
    Word("congresswoman", FEMININE),
    Word("chairwoman", FEMININE),
    Word("businesswoman", FEMININE),
    Word("spokesman", MASCULINE),
    Word("congressman", MASCULINE),
    Word("businessman", MASCULINE),
    Word("it", GROUP_PRONOUN),
    Word("they", GROUP_PRONOUN),
    Word("we", GROUP_PRONOUN),
    Word("whether", DOUBT),
    Word("a", INDEFINITE),
    Word("an", INDEFINITE),
    Word("one", INDEFINITE),
    Word("another", INDEFINITE),
    Word("former", FORMER),
    Word("retired", FORMER),
    Word("if", DOUBT),
    Word("how", DOUBT),
    Word("could", POSSIBILITY),
    Word("might", POSSIBILITY),
    Word("may", POSSIBILITY),
    Word("particularly", NARROWING),
    Word("especially", NARROWING),
    Word("notably", NARROWING),
    Word("mainly", NARROWING),
    Word("mostly", NARROWING),
    Word("primarily", NARROWING),
    Word("chiefly", NARROWING),
    Word("a", TITLE_LOWER),
    Word("an", TITLE_LOWER),
    Word("the", TITLE_LOWER),
    Word("and", TITLE_LOWER),
    Word("or", TITLE_LOWER),
    Word("but", TITLE_LOWER),
    Word("nor", TITLE_LOWER),
    Word("of", TITLE_LOWER),
    Word("in", TITLE_LOWER),
    Word("on", TITLE_LOWER),
    Word("at", TITLE_LOWER),
    Word("to", TITLE_LOWER),
    Word("for", TITLE_LOWER),
    Word("by", TITLE_LOWER),
    Word("with", TITLE_LOWER),
    Word("from", TITLE_LOWER),
    Word("as", TITLE_LOWER),
    Word("vs", TITLE_LOWER),
)


# Word forms the rules match in lower case, by what they do.
FORMS: tuple[Word, ...] = (
    Word("about", TOPIC_PREPOSITION),
    Word("abu", NAME_PARTICLE),
    Word("according", NOT_DESTINATION),
    Word("acknowledge", CONFIRMATION),
    Word("acknowledged", CONFIRMATION),
    Word("across", DESTINATION_PREPOSITION, PLACE_PREPOSITION),  # "based across Latvia"
    Word("adjacent", NOT_DESTINATION),
    Word("adm", HONORIFIC),
    Word("administration", ORG_HEAD),
    Word("admiral", ROLE),
    Word("admitted", CONFIRMATION),
    Word("adviser", ROLE),
    Word("advisor", ROLE),
    Word("against", PARTICIPANT_PREPOSITION, TOPIC_PREPOSITION),
    Word("alongside", PARTICIPANT_PREPOSITION),
    Word("agency", ORG_HEAD),
    Word("aim", PLAN),
    Word("airbase", PLACE_HEAD),
    Word("airport", PLACE_HEAD),
    Word("al", NAME_PARTICLE),
    Word("all", QUANTITY),
    Word("ambassador", ROLE),
    Word("analyst", ROLE),
    Word("approved", PLAN),
    Word("army", ORG_HEAD, FORCE_HEAD),
    Word("around", PLACE_PREPOSITION),
    Word("at", PLACE_PREPOSITION),
    Word("atoll", PLACE_HEAD),
    Word("attack", GROUP_MEMBER),
    Word("authorised", PLAN),
    Word("authorized", PLAN),
    Word("allegedly", HEARSAY),
    Word("baseless", DENIAL),
    Word("batch", QUANTITY),
    Word("between", PARTICIPANT_PREPOSITION),
    Word("bin", NAME_PARTICLE),
    Word("bint", NAME_PARTICLE),
    Word("bridge", PLACE_HEAD),
    Word("brig", HONORIFIC),
    Word("brushed", DENIAL),  # "brushed off reports that …"
    Word("by", PARTICIPANT_PREPOSITION),
    Word("camp", PLACE_HEAD),
    Word("capt", HONORIFIC),
    Word("captain", ROLE),
    Word("central", COMPASS),
    Word("chairman", ROLE),
    Word("chairperson", ROLE),
    Word("chairwoman", ROLE),
    Word("chancellor", ROLE),
    Word("chief", ROLE),
    Word("city", PLACE_HEAD),
    Word("close", NOT_DESTINATION),
    Word("close-by", NOT_DESTINATION),
    Word("closer", NOT_DESTINATION),
    Word("cmdr", HONORIFIC),
    Word("coast", PLACE_HEAD),
    Word("col", HONORIFIC),
    Word("colonel", ROLE),
    Word("command", ORG_HEAD),
    Word("commander", ROLE),
    Word("commandos", TROOPS_ALIAS),
    Word("commissioner", ROLE),
    Word("compared", NOT_DESTINATION),
    Word("confirm", CONFIRMATION),
    Word("confirmed", CONFIRMATION),
    Word("confirming", CONFIRMATION),
    Word("confirms", CONFIRMATION),
    Word("congressman", ROLE),
    Word("congresswoman", ROLE),
    Word("consider", PLAN),
    Word("considering", PLAN),
    Word("considers", PLAN),
    Word("constituency", PLACE_HEAD),
    Word("could", PLAN),
    Word("corps", ORG_HEAD),
    Word("council", ORG_HEAD),
    Word("county", REGION),
    Word("cpl", HONORIFIC),
    Word("da", NAME_PARTICLE),
    Word("dam", PLACE_HEAD),
    Word("das", NAME_PARTICLE),
    Word("de", NAME_PARTICLE),
    Word("decision", INTENT_NOUN),
    Word("defence", ROLE),
    Word("defense", ROLE),
    Word("del", NAME_PARTICLE),
    Word("delegation", GROUP_MEMBER),
    Word("den", NAME_PARTICLE),
    Word("denied", DENIAL),
    Word("denies", DENIAL),
    Word("deny", DENIAL),
    Word("denying", DENIAL),
    Word("department", ORG_HEAD),
    Word("deputy", ROLE),
    Word("der", NAME_PARTICLE),
    Word("desert", PLACE_HEAD),
    Word("di", NAME_PARTICLE),
    Word("director", ROLE),
    Word("directorate", ORG_HEAD),
    Word("disinformation", DENIAL),
    Word("dismiss", DENIAL),
    Word("dismissed", DENIAL),
    Word("district", REGION),
    Word("dos", NAME_PARTICLE),
    Word("dozens", QUANTITY),
    Word("dr", HONORIFIC),
    Word("du", NAME_PARTICLE),
    Word("due", NOT_DESTINATION),
    Word("east", COMPASS),
    Word("eastern", COMPASS),
    Word("el", NAME_PARTICLE),
    Word("embassy", ORG_HEAD),
    Word("engineers", TROOPS_ALIAS),
    Word("envoy", ROLE, GROUP_MEMBER),
    Word("evidence", CONFIRMATION),
    Word("expect", PLAN),
    Word("expected", PLAN),
    Word("expert", ROLE),
    Word("fake", DENIAL),
    Word("false", DENIAL),
    Word("fighter", GROUP_MEMBER),
    Word("fighters", TROOPS_ALIAS),
    Word("first", QUANTITY),
    Word("force", GROUP_MEMBER, FORCE_HEAD, MISSION_HEAD),
    Word("forces", TROOPS_ALIAS, FORCE_HEAD),
    Word("foreign", ROLE),
    Word("from", PLACE_PREPOSITION),
    Word("gen", HONORIFIC),
    Word("general", HONORIFIC, ROLE),
    Word("going", PLAN),
    Word("gov", HONORIFIC),
    Word("government", ORG_HEAD),
    Word("governor", ROLE),
    Word("governorate", REGION),
    Word("groundless", DENIAL),
    Word("group", QUANTITY),
    Word("guard", ORG_HEAD, FORCE_HEAD),
    Word("harbor", PLACE_HEAD),
    Word("harbour", PLACE_HEAD),
    Word("head", ROLE),
    Word("hundreds", QUANTITY),
    Word("ibn", NAME_PARTICLE),
    Word("in", DESTINATION_PREPOSITION, PLACE_PREPOSITION),
    Word("infantrymen", TROOPS_ALIAS),
    Word("inside", DESTINATION_PREPOSITION, PLACE_PREPOSITION),
    Word("instructors", TROOPS_ALIAS),
    Word("insurgent", GROUP_MEMBER),
    Word("intelligence", ORG_HEAD),
    Word("intend", PLAN),
    Word("intends", PLAN),
    Word("intention", INTENT_NOUN),
    Word("into", DESTINATION_PREPOSITION, PLACE_PREPOSITION),
    Word("island", PLACE_HEAD),
    Word("islands", PLACE_HEAD),
    Word("justice", ROLE),
    Word("king", ROLE),
    Word("archbishop", ROLE),
    Word("bishop", ROLE),
    Word("cardinal", ROLE),
    Word("chaplain", ROLE),
    Word("deacon", ROLE),
    Word("imam", ROLE),
    Word("offer", INTENT_NOUN),
    Word("order", INTENT_NOUN),
    Word("pastor", ROLE),
    Word("rabbi", ROLE),
    Word("reverend", ROLE),
    Word("sheriff", ROLE),
    Word("la", NAME_PARTICLE),
    Word("lake", PLACE_HEAD),
    Word("lawmaker", ROLE),
    Word("le", NAME_PARTICLE),
    Word("leader", ROLE),
    Word("leadership", GROUP_MEMBER),
    Word("lieutenant", ROLE),
    Word("lt", HONORIFIC),
    Word("maj", HONORIFIC),
    Word("majority", QUANTITY),
    Word("many", QUANTITY),
    Word("marines", TROOPS_ALIAS, FORCE_HEAD),
    Word("may", PLAN),
    Word("mayor", ROLE),
    Word("member", GROUP_MEMBER),
    Word("mercenaries", TROOPS_ALIAS),
    Word("mercenary", GROUP_MEMBER),
    Word("might", PLAN),
    Word("militant", GROUP_MEMBER),
    Word("military", ORG_HEAD, FORCE_HEAD),
    Word("militia", GROUP_MEMBER),
    Word("minister", ROLE),
    Word("ministry", ORG_HEAD),
    Word("mission", ORG_HEAD, MISSION_HEAD),
    Word("monastery", PLACE_HEAD),
    Word("most", QUANTITY),
    Word("mountain", PLACE_HEAD),
    Word("mountains", PLACE_HEAD),
    Word("mr", HONORIFIC),
    Word("mrs", HONORIFIC),
    Word("ms", HONORIFIC),
    Word("navy", ORG_HEAD, FORCE_HEAD),
    Word("near", NOT_DESTINATION, PLACE_PREPOSITION),
    Word("nearer", NOT_DESTINATION),
    Word("next", NOT_DESTINATION),
    Word("nonsense", DENIAL),
    Word("north", COMPASS),
    Word("northern", COMPASS),
    Word("number", QUANTITY, TOTAL),  # "bringing the number of troops there to 1,500"
    Word("oblast", REGION),
    Word("off", PLACE_PREPOSITION),
    Word("offensive", GROUP_MEMBER),
    Word("offered", PLAN),
    Word("ordered", PLAN),
    Word("office", ORG_HEAD),
    Word("officer", ROLE),
    Word("officers", TROOPS_ALIAS),
    Word("official", ROLE),
    Word("on", TOPIC_PREPOSITION),
    Word("operation", GROUP_MEMBER, MISSION_HEAD),
    Word("opposed", NOT_DESTINATION),
    Word("outside", PLACE_PREPOSITION),
    Word("over", TOPIC_PREPOSITION),
    Word("parliament", ORG_HEAD),
    Word("part", QUANTITY),
    Word("peninsula", REGION),
    Word("personnel", TROOPS_ALIAS),
    Word("plan", PLAN),
    Word("planned", PLAN),
    Word("planning", PLAN),
    Word("plans", PLAN),
    Word("pledge", PLAN),
    Word("pledged", PLAN),
    Word("pledges", PLAN),
    Word("police", ORG_HEAD),
    Word("port", PLACE_HEAD),
    Word("portion", QUANTITY),
    Word("prefecture", REGION),
    Word("premier", ROLE),
    Word("prepare", PLAN),
    Word("prepared", PLAN),
    Word("preparing", PLAN),
    Word("president", HONORIFIC, ROLE),
    Word("press", ROLE),
    Word("prime", ROLE),
    Word("prior", NOT_DESTINATION),
    Word("prof", HONORIFIC),
    Word("promise", PLAN),
    Word("promised", PLAN),
    Word("promises", PLAN),
    Word("purportedly", HEARSAY),
    Word("propose", PLAN),
    Word("proposed", PLAN),
    Word("province", REGION),
    Word("pvt", HONORIFIC),
    Word("ready", PLAN),
    Word("rebel", GROUP_MEMBER),
    Word("reef", PLACE_HEAD),
    Word("region", REGION),
    Word("reject", DENIAL),
    Word("rejected", DENIAL),
    Word("reportedly", HEARSAY),
    Word("rep", HONORIFIC),
    Word("representative", ROLE),
    Word("researcher", ROLE),
    Word("rest", QUANTITY),
    Word("river", PLACE_HEAD),
    Word("rumor", DENIAL),
    Word("rumors", DENIAL),
    Word("rumour", DENIAL),
    Word("rumours", DENIAL),
    Word("sailors", TROOPS_ALIAS),
    Word("sea", PLACE_HEAD),
    Word("secretary", ROLE),
    Word("secretary-general", ROLE),
    Word("sen", HONORIFIC),
    Word("senator", ROLE),
    Word("service", ORG_HEAD),
    Word("servicemen", TROOPS_ALIAS),
    Word("scheduled", PLAN),
    Word("set", PLAN),
    Word("supposedly", HEARSAY),
    Word("sgt", HONORIFIC),
    Word("shall", PLAN),
    Word("shoal", PLACE_HEAD),
    Word("side", SIDE),
    Word("sir", HONORIFIC),
    Word("size", TOTAL),
    Word("slated", PLAN),
    Word("soldier", GROUP_MEMBER),
    Word("soldiers", TROOPS_ALIAS),
    Word("some", QUANTITY),
    Word("south", COMPASS),
    Word("southern", COMPASS),
    Word("speaker", ROLE),
    Word("specialists", TROOPS_ALIAS),
    Word("spokesman", ROLE),
    Word("spokesperson", ROLE),
    Word("spokeswoman", ROLE),
    Word("square", PLACE_HEAD),
    Word("staff", ORG_HEAD),
    Word("strait", PLACE_HEAD),
    Word("strength", TOTAL),
    Word("supporter", GROUP_MEMBER),
    Word("team", GROUP_MEMBER),
    Word("ten", NAME_PARTICLE),
    Word("tens", QUANTITY),
    Word("ter", NAME_PARTICLE),
    Word("territory", REGION),
    Word("thanks", NOT_DESTINATION),
    Word("thousands", QUANTITY),
    Word("through", PLACE_PREPOSITION),
    Word("throughout", DESTINATION_PREPOSITION, PLACE_PREPOSITION),  # "posted throughout Latvia"
    Word("to", DESTINATION_PREPOSITION, PLACE_PREPOSITION),
    Word("toward", DESTINATION_PREPOSITION, PLACE_PREPOSITION, TOPIC_PREPOSITION),
    Word("towards", DESTINATION_PREPOSITION, PLACE_PREPOSITION, TOPIC_PREPOSITION),
    Word("total", TOTAL),
    Word("town", PLACE_HEAD),
    Word("trainers", TROOPS_ALIAS),
    Word("treasurer", ROLE),
    Word("troop", GROUP_MEMBER),
    Word("troops", TROOPS_ALIAS),
    Word("unit", GROUP_MEMBER),
    Word("units", TROOPS_ALIAS),
    Word("valley", PLACE_HEAD),
    Word("van", NAME_PARTICLE),
    Word("verified", CONFIRMATION),
    Word("via", PLACE_PREPOSITION),
    Word("vice", ROLE),
    Word("village", PLACE_HEAD),
    Word("von", NAME_PARTICLE),
    Word("vowed", PLAN),
    Word("west", COMPASS),
    Word("western", COMPASS),
    Word("weighing", PLAN),
    Word("will", PLAN),
    Word("with", PARTICIPANT_PREPOSITION),
    Word("would", PLAN),
    Word("carrier", VESSEL),
    Word("corvette", VESSEL),
    Word("cruiser", VESSEL),
    Word("destroyer", VESSEL),
    Word("frigate", VESSEL),
    Word("hms", VESSEL),
    Word("icebreaker", VESSEL),
    Word("ship", VESSEL),
    Word("submarine", VESSEL),
    Word("tanker", VESSEL),
    Word("uss", VESSEL),
    Word("vessel", VESSEL),
    Word("warship", VESSEL),
    Word("administration", EPONYM_HEAD),
    Word("cabinet", EPONYM_HEAD),
    Word("campaign", EPONYM_HEAD),
    Word("era", EPONYM_HEAD),
    Word("government", EPONYM_HEAD),
    Word("presidency", EPONYM_HEAD),
)


def words(behaviour: str, table: tuple[Word, ...] = VERBS) -> frozenset[str]:
    """The words of ``table`` that have ``behaviour``."""
    return frozenset(w.text for w in table if behaviour in w.does)


SPEECH_VERBS = words(SPEECH)
BARE_SPEECH_VERBS = words(BARE_SPEECH)
ADDRESSEE_OBJECT_VERBS = words(ADDRESSEE_OBJECT)
CONTENT_OBJECT_VERBS = words(CONTENT_OBJECT)
OF_CONTENT_VERBS = words(OF_CONTENT)
FOR_CONTENT_VERBS = words(FOR_CONTENT)
ADDRESS_VERBS = words(ADDRESS)
CREDIT_VERBS = words(CREDIT)
MOVE_VERBS = words(MOVEMENT)
EXIT_VERBS = words(EXIT)
STRENGTH_VERBS = words(STRENGTH)
PARTICIPATION_VERBS = words(PARTICIPATION)
ADDING_VERBS = words(ADDING)
ESTABLISHING_VERBS = words(ESTABLISHING)
PLEDGE_VERBS = words(PLEDGE)
FORCE_VERBS = words(FORCE_MOVEMENT)
HOLDING_VERBS = words(HOLDING)
HOSTING_VERBS = words(HOSTING)
PURPOSE_VERBS = words(PURPOSE)
AUTHORISING_VERBS = words(AUTHORISING)
TOTALLING_VERBS = words(TOTALLING)
REFUSAL_VERBS = words(REFUSAL)
MOVE_NOUNS = words(MOVEMENT_NOUN, NOUNS_AND_ADJECTIVES)
PERSONNEL = words(TROOPS, NOUNS_AND_ADJECTIVES)
PERSONNEL_ADJECTIVES = words(TROOP_ADJECTIVE, NOUNS_AND_ADJECTIVES)
FORMATIONS = words(FORMATION, NOUNS_AND_ADJECTIVES)
PRESENCE_ADJECTIVES = words(PRESENCE, NOUNS_AND_ADJECTIVES)
CIVILIAN_WORDS = words(CIVILIAN, NOUNS_AND_ADJECTIVES)
MILITARY_MODIFIERS = words(MILITARY_MODIFIER, NOUNS_AND_ADJECTIVES)
STATIONING_NOUNS = words(STATIONING_NOUN, NOUNS_AND_ADJECTIVES)
REPORT_NOUNS = words(REPORT_NOUN, NOUNS_AND_ADJECTIVES)
PERSON_NOUNS = words(PERSON_NOUN, SPEAKER_NOUNS)
# Any noun that can name who speaks: "sources said" gives a claim to someone, "the move
# highlights" to no one.
ANY_SPEAKER_NOUNS = frozenset(w.text for w in SPEAKER_NOUNS)
GROUP_NOUNS = words(GROUP_NOUN, SPEAKER_NOUNS)
DOCUMENT_NOUNS = words(DOCUMENT_NOUN, SPEAKER_NOUNS)
MEDIA_NOUNS = words(MEDIA_NOUN, SPEAKER_NOUNS)
DOUBT_WORDS = words(DOUBT, FUNCTION_WORDS)
POSSIBILITY_WORDS = words(POSSIBILITY, FUNCTION_WORDS)
NARROWING_WORDS = words(NARROWING, FUNCTION_WORDS)
ANONYMOUS_NOUNS = words(ANONYMOUS_NOUN, SPEAKER_NOUNS)
OUTSIDER_NOUNS = words(OUTSIDER_NOUN, SPEAKER_NOUNS)
AUDIENCE_NOUNS = words(AUDIENCE_NOUN, SPEAKER_NOUNS)
INDEFINITE_WORDS = words(INDEFINITE, FUNCTION_WORDS)
FORMER_WORDS = words(FORMER, FUNCTION_WORDS)
TITLE_LOWER_WORDS = words(TITLE_LOWER, FUNCTION_WORDS)
DENIAL_WORDS = words(DENIAL, FORMS)
HEARSAY_WORDS = words(HEARSAY, FORMS)
TOTAL_WORDS = words(TOTAL, FORMS)
PLAN_WORDS = words(PLAN, FORMS)
INTENT_NOUNS = words(INTENT_NOUN, FORMS) | PLAN_WORDS  # "plans to send" too
CONFIRM_WORDS = words(CONFIRMATION, FORMS)
NOT_DESTINATION_HEADS = words(NOT_DESTINATION, FORMS)
DESTINATION_PREPS = words(DESTINATION_PREPOSITION, FORMS)
TROOP_NOUNS = words(TROOPS_ALIAS, FORMS)
ORG_HEADS = words(ORG_HEAD, FORMS)
PLACE_PREPOSITIONS = words(PLACE_PREPOSITION, FORMS)
HONORIFICS = words(HONORIFIC, FORMS)
REGION_WORDS = words(REGION, FORMS)
SIDE_WORDS = words(SIDE, FORMS)
PLACE_HEADS = words(PLACE_HEAD, FORMS) | REGION_WORDS
MISSION_HEADS = words(MISSION_HEAD, FORMS)
FORCE_HEADS = words(FORCE_HEAD, FORMS)
NAME_PARTICLES = words(NAME_PARTICLE, FORMS)
ROLE_WORDS = words(ROLE, FORMS)
GROUP_MEMBERS = words(GROUP_MEMBER, FORMS)
QUANTITIES = words(QUANTITY, FORMS)
PARTICIPANT_PREPS = words(PARTICIPANT_PREPOSITION, FORMS)
TOPIC_PREPOSITIONS = words(TOPIC_PREPOSITION, FORMS)
VESSELS = words(VESSEL, FORMS)
EPONYM_HEADS = words(EPONYM_HEAD, FORMS)
COMPASS_WORDS = words(COMPASS, FORMS)
PERSON_PRONOUNS = words(PERSON_PRONOUN, FUNCTION_WORDS)
GROUP_PRONOUNS = words(GROUP_PRONOUN, FUNCTION_WORDS)
MASCULINE_WORDS = words(MASCULINE, FUNCTION_WORDS)
FEMININE_WORDS = words(FEMININE, FUNCTION_WORDS)
