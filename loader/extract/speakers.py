"""Who is meant: resolve a grammatical subject to an actor of the article.

A subject names an actor directly ("Lloyd Austin said"), by pronoun ("he
added": the last person named before), by description ("the ministry said":
the last organisation or state named before), or by a demonym ("U.S.
officials confirmed": the state).
"""

from __future__ import annotations

import bisect
import math
import re

from spacy.tokens import Doc, Token

from ..model import Mention
from .actors import ActorIndex
from .lexicon import (
    ANONYMOUS_NOUNS,
    DENIAL_WORDS,
    DOCUMENT_NOUNS,
    FEMININE_WORDS,
    FORCE_HEADS,
    FORMER_WORDS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    INDEFINITE_WORDS,
    MASCULINE_WORDS,
    MEDIA_NOUNS,
    OUTSIDER_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TOPIC_PREPOSITIONS,
)

ORG_TYPES = frozenset({"Organization", "State"})
ANY_TYPES = frozenset({"Organization", "State", "Person", "ArmedGroup"})


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it hangs off when it has none."""
    seen = 0
    # "Roe told him that Doe “failed,” adding, “…”", "…, saying he led and calling him
    # “a hero”": the parser hangs the participle on the reported clause (or joins it to
    # that clause's verb), but who adds is who told. "Roe said the plan would fail, and
    # called it “a scam”": a verb in the past cannot be coordinated with the bare verb
    # after "would", so it goes with "said" too.
    hung_low = verb.tag_ == "VBG" and (
        verb.dep_ == "advcl" or verb.dep_ == "conj" and verb.head.tag_ != "VBG") or \
        verb.dep_ == "conj" and verb.tag_ == "VBD" and verb.head.tag_ == "VB"
    while verb is not None and seen < 4:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and seen and (subjects[-1].lower_ == "it" or
                                  hung_low and verb.head.i < verb.i) and \
                verb.dep_ == "ccomp" and verb.lemma_.lower() not in SPEECH_VERBS and \
                verb.head.lemma_.lower() in SPEECH_VERBS:
            # "Roe said it takes time but added, “…”", "added" hung on "takes": the
            # borrowed "it" is the reported clause's own; the one who added is the one
            # who said it.
            verb = verb.head
            seen += 1
            continue
        if subjects:
            # "The vote marks “a turning point,” said Jane Roe": with two subjects, the
            # parser's second is the inverted one after the verb, the true speaker; before
            # the verb, the nearest ("“…, the people, …,” Roe said": the other is quoted).
            return next((c for c in subjects if c.i > verb.i), subjects[-1]) \
                if len(subjects) > 1 else subjects[0]
        # "the statement declared" / "..., stating that": climb to the governing verb.
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl", "acomp") and \
                verb.head.i != verb.i:
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head
            verb = verb.head
            seen += 1
            continue
        return _described_before(verb) if verb.lemma_.lower() in SPEECH_VERBS else None
    return None


def _described_before(verb: Token) -> Token | None:
    """'…, Jane Roe, a spokeswoman for the council, said.': a reporting verb the parser left
    without a subject, right after a name and its apposition, or a role and the name in
    apposition to it (it hung the name inside what was said, or on another noun)."""
    doc = verb.doc
    k = verb.i - 1
    if k < 1 or doc[k].text != ",":
        return None
    token = doc[k - 1]
    if token.pos_ == "PROPN" and token.dep_ == "appos" and token.head.pos_ == "NOUN" and \
            token.head.i < token.i:
        return token  # '…, her senior adviser, Jane Roe, said:': the name after its role
    for _ in range(6):
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            return token.head
        if token.head.i == token.i or token.head.i >= verb.i or token.sent != verb.sent:
            return None
        token = token.head
    return None


def according_to(token: Token) -> Token | None:
    """The source an adverbial credits: X in "according to X" (``token`` its "according"),
    "in X's words" (its "words") or "as X put it" (its "put")."""
    doc = token.doc
    lemma = token.lemma_.lower()
    if lemma == "accord" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
    if token.lower_ == "words" and token.dep_ == "pobj" and token.head.lower_ == "in":
        return next((c for c in token.children if c.dep_ == "poss"), None)
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children) \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None


def report_authors(noun: Token) -> list[Token]:
    """Whose a report noun is: "Oslo's assessment", "a report by the agency", "an
    estimate from the ministry"."""
    return [c for c in noun.children if c.dep_ == "poss"] + [
        o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
        for o in p.children if o.dep_ == "pobj"]


def anonymous(subject: Token, index: ActorIndex) -> bool:
    """"a Democratic strategist", "one aide", "officials" with no body named: someone the
    article will not name (the guideline records nothing they say)."""
    lower = subject.lower_
    person = lower in PERSON_NOUNS or lower in ANONYMOUS_NOUNS or (
        lower.endswith("s") and (lower[:-1] in PERSON_NOUNS or lower[:-1] in ANONYMOUS_NOUNS))
    member = subject.pos_ == "PROPN" and subject.ent_type_ == "NORP"  # "one Democrat"
    if not person or subject.pos_ != "NOUN" and not member:
        return False
    determiners = [c.lower_ for c in subject.children if c.dep_ in ("det", "nummod", "poss")]
    indefinite = any(d in INDEFINITE_WORDS for d in determiners) or (
        not determiners and lower.endswith("s") and not member)
    # "a former French official": no longer the state's voice, and not named.
    former = any(c.dep_ == "amod" and c.lower_ in FORMER_WORDS for c in subject.children)
    return indefinite and (member or former or actor_for(subject, index) is None)


def actors_for(subject: Token, index: ActorIndex) -> list[str]:
    """Every actor a subject names: coordinated subjects ("the U.S. and NATO") give
    each, and "they" gives the last such coordinated subject before it."""
    if subject.lower_ == "they":
        return _last_coordinated_subject(subject, index)
    found = []
    for part in [subject, *subject.conjuncts]:
        key = actor_for(part, index)
        if key is not None and key not in found:
            found.append(key)
    return found


def _last_coordinated_subject(pronoun: Token, index: ActorIndex) -> list[str]:
    doc = pronoun.doc
    first_sentence = max(0, pronoun.sent.start - 80)
    for token in reversed(doc[first_sentence:pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.conjuncts and \
                not index.is_quoted(token.idx):
            found = [k for k in (actor_for(t, index) for t in [token, *token.conjuncts])
                     if k is not None]
            if len(found) >= 2:
                return list(dict.fromkeys(found))
    return []


def _introduced_unnamed(description: Token) -> bool:
    """An earlier indefinite phrase with the same noun ("a senior aide" before "the senior
    aide"): the definite one goes back to someone unnamed."""
    return any(t.lower_ == description.lower_ and any(
        c.dep_ == "det" and c.lower_ in INDEFINITE_WORDS for c in t.children)
        for t in description.doc[:description.i])


def _in_prepositional_phrase(doc: Doc, offset: int, head: Token) -> bool:
    """"an adviser to President Jane Roe": the name at ``offset`` is the object of a
    preposition after ``head`` (someone of Roe's), not the name its title runs into
    ("campaign manager Jane Roe", "Speaker of the House Rep. Jane Roe")."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    i = span[0].i - 1
    # Back over the name's title ("Democratic presidential candidate", "President").
    while i > head.i and (doc[i].pos_ in ("DET", "ADJ") or doc[i].ent_type_ == "NORP" or
                          doc[i].pos_ == "NOUN" and doc[i].is_lower or
                          doc[i].text[:1].isupper() and (
                              doc[i].lower_.rstrip(".") in HONORIFICS or
                              doc[i].lower_ in ROLE_WORDS)):
        i -= 1
    return i > head.i and doc[i].pos_ == "ADP"


def actor_for(subject: Token, index: ActorIndex) -> str | None:
    """The actor a subject phrase refers to, or None when it names nobody we know."""
    doc = subject.doc
    left, right = subject.left_edge.i, subject.right_edge.i
    # Keep to the noun phrase itself, not a relative clause hanging off it.
    for child in subject.children:
        if child.dep_ in ("relcl", "acl") and child.i > subject.i:
            right = min(right, child.left_edge.i - 1)
        # "Tom Brandt, a Norway scholar": the name speaks, not what its apposition names.
        if child.dep_ == "appos" and child.i > subject.i and subject.pos_ == "PROPN" and \
                subject.lower_ not in PERSON_NOUNS:  # "the Prime Minister, Lars Berg, said"
            right = min(right, child.left_edge.i - 1)
    while right > left and doc[right].is_punct:
        right -= 1
    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
    lower = _head_word(subject)
    # "the candidate", "the Republican nominee": a definite description.
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    # "the South", "the North": the state of that name the article spoke of last.
    if subject.text in ("South", "North", "West", "East") and subject.i > 0 and \
            doc[subject.i - 1].lower_ == "the":
        return _last_state_named(index, subject.text, subject.idx)
    if lower in ("who", "that") and subject.head.dep_ == "relcl" and \
            subject.head.head.i < subject.i:
        # "Jane Roe, who declared, “…”", "the group that told the panel:": the one the
        # relative clause is about.
        return actor_for(subject.head.head, index)
    if lower in PERSON_PRONOUNS:
        return _last_person_subject(index, doc, subject.idx, pronoun=lower)
    if subject.idx in index.nationals:
        state = index.nationals[subject.idx]
        return state if index.ensure_actor(state) else None
    if lower in GROUP_PRONOUNS:
        if lower != "it":
            return None
        if subject.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in subject.head.children):
            return None  # "it was reported that ...": nobody in particular says it
        # "Northport told Southland it would withdraw": in what a body says, "it" is
        # the body saying it, whoever was named last.
        clause = subject.head
        teller = clause.head
        if clause.dep_ in ("acl", "ccomp") and teller.pos_ == "NOUN" and teller.head.pos_ == "VERB":
            teller = teller.head  # "Norway dismissed reports it was sending troops"
        if clause.dep_ in ("ccomp", "acl") and teller.pos_ in ("VERB", "AUX"):
            speaker = subject_of(teller)
            if speaker is not None and speaker.lower_ not in GROUP_PRONOUNS:
                found = actor_for(speaker, index)
                if found is not None and index.actors[found].type in ORG_TYPES:
                    return found
        return index.last_before(subject.idx, ORG_TYPES)
    if subject.pos_ == "NOUN":
        # "Roe's introducer, actress Jane Doe": the person named in apposition, not the
        # possessor; "a top aide, Jane Doe," is named.
        for child in subject.children:
            key = index.actor_covering(child.idx, child.idx + len(child.text)) \
                if child.dep_ == "appos" and child.pos_ == "PROPN" else None
            if key is not None and index.actors[key].type == "Person":
                return key
    if lower in ANONYMOUS_NOUNS and any(c.dep_ in ("det", "nummod") and
                                        c.lower_ in INDEFINITE_WORDS for c in subject.children):
        return None  # "one campaign aide", "a source close to Roe": nobody named
    # A named actor inside the phrase; prefer the one at its head.
    head_actor = index.actor_covering(subject.idx, subject.idx + len(subject.text))
    if head_actor is not None:
        return head_actor
    # "the Roe-led coalition", "Oslo-based The Monitor": Roe and Oslo are not who speaks.
    spans = index.actor_spans
    named = next((k for s, e, k in spans[bisect.bisect_left(spans, (start,)):
                                          bisect.bisect_left(spans, (end,))]
                  if e <= end and not _MODIFIER_AFTER.match(index.text, e)), None)
    if named is not None and lower not in PERSON_NOUNS and lower not in GROUP_NOUNS and \
            _only_as_topic(subject, index):
        return None  # "experts on Norway", "critics of Roe": Norway and Roe say nothing
    if (lower in OUTSIDER_NOUNS or lower.rstrip("s") in ANONYMOUS_NOUNS) and any(
            e <= subject.idx and index.actors[k].type == "Person"
            for s, e, k in index.starting(index.actor_spans, start, subject.idx)):
        return None  # "Roe supporters", "a Roe aide": people of Roe's, not Roe
    if named is not None:
        if lower in PERSON_NOUNS:
            # "campaign manager Jane Roe", "the envoy, Jane Roe": the person named after
            # the role noun is the one speaking.
            after = [k for s, _e, k in index.starting(index.actor_spans, subject.idx + 1, end)
                     if index.actors[k].type == "Person"
                     and not _in_prepositional_phrase(doc, s, subject)]
            if after:
                return after[0]
            # "the U.S. representative", "Ukraine's military intelligence": a state or
            # organisation modifying a person noun means that person, if one was named.
            person = _person_with_role(index, lower, subject.idx) or \
                _person_named_later(index, subject)
            if person is not None:
                return person
            if index.actors[named].type == "Person":
                # "a Roe aide", "an adviser to Roe": someone of Roe's, not Roe; "the
                # former aide to Roe" is the person just spoken of, unless the article
                # brought in an unnamed one ("a Roe aide said … the Roe aide added").
                if not definite or _introduced_unnamed(subject):
                    return None
                found = _last_person_subject(index, doc, subject.idx,
                                             since=_sentences_back(subject, 3))
                return found if found != named else None
        return named
    demonym = index.demonym_in(start, end)
    if lower in PERSON_NOUNS:
        person = _person_with_role(index, lower, subject.idx)
        if person is not None:
            return person
        # "a press officer for the council said": the body the text named before.
        for prep in subject.children:
            body = next((o for o in prep.children if o.dep_ == "pobj" and
                         o.lower_ in GROUP_NOUNS), None) if prep.dep_ == "prep" and \
                prep.lower_ in ("for", "of", "at", "with", "from") else None
            found = actor_for(body, index) if body is not None else None
            if found is not None and index.actors[found].type in ORG_TYPES:
                return found
        if definite and demonym is None:
            # "The official further said", "the candidate said": the person the article
            # has just spoken of.
            return _last_person_subject(index, doc, subject.idx,
                                        since=_sentences_back(subject, 3))
        if lower in ("official", "officials") and demonym is not None:
            return demonym if index.ensure_actor(demonym) else None
        return None
    if lower.rstrip("s") in PERSON_NOUNS and demonym is not None:
        # "U.S. officials confirmed": the officials speak for their state.
        return demonym if index.ensure_actor(demonym) else None
    if lower.rstrip("s") in PERSON_NOUNS and subject.i > 0 and doc[subject.i - 1].lower_ == "the":
        # "the officials said", after "U.S. officials" earlier: the same affiliation.
        return _earlier_affiliation(index, subject)
    if lower in DOCUMENT_NOUNS and subject.dep_ in ("dobj", "obj") and \
            subject.head.pos_ == "VERB" and named is None:
        # "Roe issued a statement saying ...": the document is its issuer's.
        issuer = subject_of(subject.head)
        if issuer is not None and issuer.i != subject.i and issuer.lower_ not in GROUP_PRONOUNS:
            found = actor_for(issuer, index)
            if found is not None:
                return found
    if lower in DOCUMENT_NOUNS and definite:
        issuer = _document_issuer(subject, index)
        if issuer is not None:
            return issuer
    if lower in GROUP_NOUNS:
        if lower not in DOCUMENT_NOUNS and any(c.dep_ in ("det", "nummod") and
                                               c.lower_ in INDEFINITE_WORDS
                                               for c in subject.children):
            # "a monitoring group said": a body the article brings in unnamed, unless it
            # names it soon after ("…, according to Baltwatch, a monitoring group").
            return _body_named_later(index, subject)
        words = {t.lower_ for t in doc[left:right + 1] if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        # Named before what it says: "Troops reached Latvia, the ministry said" is not
        # Latvia's ministry for being named in the report.
        before = _before_report(subject)
        own = _reported_subject_state(subject, index)
        if own is not None and lower not in MEDIA_NOUNS and lower not in DOCUMENT_NOUNS and \
                _last_named_like(index, words, before) is None:
            # "Norway will send 300 soldiers, the ministry said": a state's own ministry,
            # government or army telling what the state does.
            return own
        if lower == "country" and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their")
                                      for c in subject.children):
            # "Ola Berg said his country will send troops": the speaker's state.
            return _speakers_country(subject, index) or index.last_before(before, {"State"})
        if lower in ("country", "government"):
            return index.last_before(before, {"State"})
        if lower in FORCE_HEADS:
            # "the army said": an army named before, never just any body.
            return _last_named_like(index, words, before) or index.last_where(
                before, lambda a: a.kind == "armed_forces")
        # "the ministry", "the statement": an organisation before a state.
        return (_last_named_like(index, words, before)
                or index.last_before(before, {"Organization"})
                or index.last_before(before, ORG_TYPES))
    return None


def _body_named_later(index: ActorIndex, subject: Token) -> str | None:
    """The organisation named in the next two sentences with the subject's own head noun
    in apposition: "a monitoring group said … Baltwatch, an activist group, counted"."""
    doc = subject.doc
    sentences, i = [], subject.sent.end  # the next two, without walking the whole text
    while len(sentences) < 2 and i < len(doc):
        sentences.append(doc[i].sent)
        i = sentences[-1].end
    if not sentences:
        return None
    for s, e, key in index.starting(index.actor_spans, sentences[0].start_char,
                                    sentences[-1].end_char):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or index.actors[key].type != "Organization":
            continue
        if any(c.dep_ == "appos" and c.lemma_.lower() == subject.lemma_.lower()
               for c in span.root.children):
            return key
    return None


def _speakers_country(subject: Token, index: ActorIndex) -> str | None:
    """The state of whoever says what ``subject`` is part of: a known person's country,
    or the state named or implied in the speaker's phrase ("Norwegian Foreign Minister
    Ola Berg", "Norway's envoy, Kari Holm")."""
    verb = next((a for a in subject.ancestors if a.pos_ in ("VERB", "AUX") and
                 a.lemma_.lower() in SPEECH_VERBS), None)
    speaker = subject_of(verb) if verb is not None else None
    if speaker is None or speaker.i == subject.i:
        return None
    key = actor_for(speaker, index)
    actor = index.actors.get(key) if key is not None else None
    if actor is not None and actor.type == "State":
        return key
    entry = index.country_states.get(actor.country) if actor is not None and actor.country \
        else None
    if entry is not None:
        return index.ensure_state(entry)
    return index.state_named_in(speaker.left_edge.idx,
                                speaker.right_edge.idx + len(speaker.right_edge.text))


def _reported_before(subject: Token) -> list[Token]:
    """The clauses the subject's verb reports ahead of the subject: "Troops reached
    Latvia, the ministry said"."""
    return [c for c in subject.head.children
            if c.dep_ in ("ccomp", "parataxis") and c.i < subject.i]


def _reported_subject_state(subject: Token, index: ActorIndex) -> str | None:
    """The state that is the subject of the clause the subject's verb reports before it:
    "Norway will send troops, the ministry said" -> Norway."""
    for clause in _reported_before(subject):
        doer = subject_of(clause)
        key = index.actor_covering(doer.idx, doer.idx + len(doer.text)) \
            if doer is not None else None
        if key is not None and index.actors[key].type == "State":
            return key
    return None


def _before_report(subject: Token) -> int:
    """Where what the subject's verb reports begins, if before the subject ("…, the
    agency said"); else the subject itself."""
    verb = subject.head
    if verb.lower_ == "to" and verb.head.lower_ == "according":
        return subject.sent.start_char  # the rest of the sentence is what it reports
    return min([subject.idx, *(c.left_edge.idx for c in _reported_before(subject))])


_MODIFIER_AFTER = re.compile(r"[-‑–](?:led|backed|based|linked|aligned|allied|run|owned)\b",
                             re.IGNORECASE)


def _head_word(token: Token) -> str:
    """The head noun in lower case; "front-runner", which the tokenizer splits at the
    hyphen, is the person noun written without it."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].tag_ == "HYPH" and doc[token.i - 2].head.i == token.i:
        joined = doc[token.i - 2].lower_ + token.lower_
        if joined in PERSON_NOUNS:
            return joined
    return token.lower_


def _only_as_topic(subject: Token, index: ActorIndex) -> bool:
    """Every actor inside the phrase is the object of a preposition of topic or stance."""
    inside = False
    for prep in subject.children:
        if prep.dep_ != "prep":
            continue
        start = prep.idx
        end = prep.right_edge.idx + len(prep.right_edge.text)
        if index.actor_in(start, end) is not None:
            if prep.lower_ not in TOPIC_PREPOSITIONS and not (
                    prep.lower_ == "of" and subject.lower_ in OUTSIDER_NOUNS):
                return False
            inside = True
    left = subject.left_edge.idx
    return inside and index.actor_in(left, subject.idx + len(subject.text)) is None


def _document_issuer(document: Token, index: ActorIndex) -> str | None:
    """"Roe filed a lawsuit on Monday. “…,” the lawsuit says": the subject of the clause
    that made the document the description names again (filed it, issued it, ran it), or
    of "sued" for a suit, in the sentences just before."""
    doc = document.doc
    since = _sentences_back(document, 5)
    for token in reversed(doc[:document.i]):
        if token.idx < since:
            break
        sued = document.lower_ in ("suit", "lawsuit") and token.lemma_.lower() == "sue"
        if not sued and token.lower_ != document.lower_:
            continue
        # Only the nearest mention says which document it is: made in a clause ("filed a
        # lawsuit"), not named with its author ("a Ledger report") or answered ("denied
        # the report").
        verb = token if sued else token.head
        if not sued and (token.dep_ not in ("dobj", "obj") or verb.lemma_.lower() in DENIAL_WORDS
                         or index.actor_in(token.left_edge.idx, token.idx) is not None):
            return None
        maker = subject_of(verb)
        if maker is None or maker.i == document.i or index.is_quoted(maker.idx) or \
                maker.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS | {"who"}:
            return None
        return actor_for(maker, index)
    return None


def _last_state_named(index: ActorIndex, first_word: str, before: int) -> str | None:
    return index.last_where(
        before, lambda a: a.type == "State" and a.name.split()[0] == first_word)


def _last_named_like(index: ActorIndex, words: set[str], before: int) -> str | None:
    """The last organisation before ``before`` one of whose names shares a word with
    the description: "the intelligence statement" -> the military intelligence."""
    words = words - DOCUMENT_NOUNS - {"country", "government"}
    if not words:
        return None
    return index.last_where(before, lambda a: a.type == "Organization" and bool(
        words & set(" ".join([a.name, *a.aliases]).lower().split())))


def _earlier_affiliation(index: ActorIndex, subject) -> str | None:
    doc = subject.doc
    for token in reversed(doc[:subject.i]):
        if token.lower_ != subject.lower_:
            continue
        start = token.left_edge.idx
        state = index.demonym_in(start, token.idx) or index.actor_in(start, token.idx)
        if state is not None and index.ensure_actor(state):
            return state
    return None


def _sentences_back(token: Token, n: int) -> int:
    """The offset where the sentence ``n`` sentences before the token's begins."""
    sent = token.sent
    for _ in range(n):
        if sent.start == 0:
            break
        sent = token.doc[sent.start - 1].sent
    return sent.start_char


def gender_of(index: ActorIndex, doc: Doc, key: str) -> str | None:
    """"masculine" or "feminine" where the article says so by a title or a gendered
    role word right before a mention ("Ms. Dahl", "spokeswoman Ingrid Dahl"), else where
    the given name usually means it ("Ingrid Dahl")."""
    for mention in index.actors[key].mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        before = doc[span.start - 1].lower_
        if before in MASCULINE_WORDS:
            return "masculine"
        if before in FEMININE_WORDS:
            return "feminine"
    return index.given_names.likely_gender(index.actors[key].name)


def _last_person_subject(index: ActorIndex, doc, before: int, since: int = 0,
                         pronoun: str | None = None) -> str | None:
    """Whom 'he' or 'she' means: the last person who was the subject of a clause,
    else the last person named at all (from ``since`` on); a person the article
    shows to be of the other gender is not meant."""
    other = ("feminine" if pronoun in MASCULINE_WORDS else
             "masculine" if pronoun in FEMININE_WORDS else None)
    last_any = None
    # Backwards from the pronoun: the first subject found is the last one, and no
    # earlier name needs looking at (long articles).
    end = bisect.bisect_left(index.actor_spans, (before,))
    for s, e, key in reversed(index.actor_spans[:end]):
        if s < since:
            break
        if index.actors[key].type != "Person" or index.is_quoted(s):
            continue
        if other is not None and gender_of(index, doc, key) == other:
            continue
        last_any = last_any or key
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and _is_subject(span.root):
            # "Roe said Brandt does not care. “…,” she said": in that sentence, the main
            # clause's subject before one in what it reports.
            return _main_subject(index, doc, span, before, other) or key
    return last_any


def _is_subject(token) -> bool:
    """A clause's subject, a name in apposition to it ("One delegate, party chair Jane Roe,
    voted"), or the name a subject-less "said" right after its apposition means."""
    if token.dep_ in ("nsubj", "nsubjpass") or (
            token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")):
        return True
    after = token.right_edge.i + 1
    if token.right_edge.text != ",":
        after += 1  # the comma closing the apposition may hang elsewhere
    verb = token.doc[after] if after < len(token.doc) else None
    return verb is not None and verb.lemma_.lower() in SPEECH_VERBS and \
        _described_before(verb) == token


def _main_subject(index: ActorIndex, doc, found, before: int, other: str | None) -> str | None:
    reporter = _reporter_of(index, doc, found.root, other)
    if reporter is not None:
        return reporter
    head = found.root.head
    if head.dep_ in ("ROOT", "conj") or head.dep_ == "parataxis" and \
            head.lemma_.lower() in SPEECH_VERBS:
        # "Roe, Brandt said, has won": the inserted credit's teller, not the one told of.
        return None
    sent = found.root.sent
    for s, e, key in index.starting(index.actor_spans, sent.start_char,
                                    min(sent.end_char, before)):
        if index.actors[key].type != "Person" or index.is_quoted(s):
            continue
        if other is not None and gender_of(index, doc, key) == other:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and \
                span.root.head.dep_ == "ROOT":
            return key
    return None


def _reporter_of(index: ActorIndex, doc, subject: Token, other: str | None) -> str | None:
    """"While Roe said Brandt was careless, he ...": a subject inside what someone reported
    is less likely meant than the person who reported it."""
    for verb in subject.ancestors:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in SPEECH_VERBS or \
                verb.i == subject.head.i:
            continue
        teller = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if teller is None:
            continue
        # "Her lawyer, Tom Brandt, says Roe …": the name in apposition to the teller's role.
        teller = next((c for c in teller.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                       and teller.pos_ == "NOUN"), teller)
        span = index.actor_covering(teller.idx, teller.idx + len(teller.text))
        if span is not None and index.actors[span].type == "Person" and not \
                index.is_quoted(teller.idx) and (other is None or
                                                 gender_of(index, doc, span) != other):
            return span
    return None


def _person_with_role(index: ActorIndex, noun: str, before: int) -> str | None:
    """The last person before ``before`` whose role has the word ``noun``."""
    return index.last_where(
        before, lambda a: a.type == "Person" and bool(a.role) and noun in a.role.lower())


def _person_named_later(index: ActorIndex, subject: Token) -> str | None:
    """"Norway's foreign minister said on Tuesday ... Lars Berg told reporters": news
    names the person after the role. The first person named later whose role has every
    word of the description ("foreign minister")."""
    if not any(c.dep_ == "poss" for c in subject.children):
        return None
    words = {t.lower_ for t in subject.lefts if t.dep_ in ("amod", "compound")
             and t.pos_ in ("ADJ", "NOUN")} | {subject.lower_}
    for _s, _e, key in index.starting(index.actor_spans, subject.idx + 1, math.inf):
        actor = index.actors[key]
        if actor.type == "Person" and actor.role and \
                words <= set(actor.role.lower().split()):
            return key
    return None


def descriptions(doc: Doc, index: ActorIndex) -> list[tuple[str, Mention]]:
    """"the mayor said", "the alliance said": a definite description that speaks, with
    the actor it was resolved to. The article uses it as a name of that actor (the
    guideline's aliases: "the newspaper", "the alliance")."""
    found = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "NOUN" or not (
                subject.lower_ in PERSON_NOUNS or subject.lower_ in GROUP_NOUNS) or \
                subject.lower_ in DOCUMENT_NOUNS or not any(
                    c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
            continue
        start, end = subject.left_edge.idx, subject.idx + len(subject.text)
        if index.actor_in(start, end) is not None or index.demonym_in(start, end) is not None:
            continue  # a name inside ("the Norwegian minister") says more than the phrase
        key = actor_for(subject, index)
        # A person noun names a person, a body's noun a body: "the spokesperson" of a
        # ministry is no name of the ministry.
        person = subject.lower_ in PERSON_NOUNS
        if key is not None and (index.actors[key].type == "Person") == person:
            found.append((key, Mention(index.text[start:end], start, end)))
    return found
