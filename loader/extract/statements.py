"""Statements: direct and partial quotes, and reported (indirect) speech.

Quotes are found by their marks, including quotations that run over several
paragraphs (each paragraph reopens the quote, only the last closes it). The
speaker is the subject of the nearest reporting verb outside the quote in the
same sentence, whether it stands before, after or inside the quote; a quote
that stands alone continues the previous quote's speaker. Indirect speech is
the clausal complement of a reporting verb with a known speaker, and the main
clause of a sentence with "according to X".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Statement
from .actors import ActorIndex
from .lexicon import (
    ADDRESSEE_OBJECT_VERBS,
    AUDIENCE_NOUNS,
    BARE_SPEECH_VERBS,
    CONTENT_OBJECT_VERBS,
    FOR_CONTENT_VERBS,
    HONORIFICS,
    INDEFINITE_WORDS,
    OF_CONTENT_VERBS,
    PERSON_PRONOUNS,
    REPORT_NOUNS,
    SPEECH_VERBS,
    TITLE_LOWER_WORDS,
)
from .speakers import (
    according_to,
    actor_for,
    actors_for,
    anonymous,
    gender_of,
    report_authors,
    subject_of,
)

OPENING = "“\"«„"
CLOSING = "”\"»“"
_TRAILING = re.compile(r"[\s,;:—–-]+$")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # the closing mark's offset
    open_at: int


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted passages; a paragraph that reopens an unclosed quote continues it."""
    quotes: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENING and (ch != "\"" or i == 0 or not text[i - 1].isalnum()):
            close = _closing(text, i)
            if close is None:
                i += 1
                continue
            if close > i + 1:
                quotes.append(QuoteSpan(i + 1, close, i))
            i = close + 1
            continue
        i += 1
    return quotes


def _closing(text: str, open_at: int) -> int | None:
    opener = text[open_at]
    # Typed text mixes straight and curly marks ("increasingly concerned”).
    closers = "\"”" if opener in "\"“" else ("“”" if opener == "„" else "»")
    j = open_at + 1
    while j < len(text):
        ch = text[j]
        if ch in closers:
            return j
        if ch == "“" and opener == "“" and text[j - 1] in ",.!?" and \
                text[j + 1:j + 2] in (" ", "\n", ""):
            return j  # an opening mark typed for the closing one: '“It is late,“ she said
        if text.startswith("\n\n", j):
            # A quote left open at a paragraph's end continues when the next
            # paragraph opens with a quote mark.
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and text[k] == opener:
                j = k + 1
                continue
            return None
        j += 1
    return None


def _final_mark(text: str, quote: QuoteSpan) -> str:
    """The quote's last character, past a quote nested at its end ("…say, 'Well done,' \"")."""
    return text[quote.start:quote.end].rstrip(" \t\xa0'’")[-1:]


def _last_inside(text: str, quote: QuoteSpan) -> int:
    """Offset of the quote's last character that is not a space."""
    return quote.start + max(0, len(text[quote.start:quote.end].rstrip()) - 1)


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _inside(token: Token, quotes: list[QuoteSpan]) -> bool:
    # ``quotes`` are in text order and disjoint: only the last one opened before counts.
    at = bisect.bisect_right(quotes, token.idx, key=lambda q: q.open_at)
    return at > 0 and quotes[at - 1].open_at <= token.idx <= quotes[at - 1].end


def _is_partial(text: str, quote: QuoteSpan) -> bool:
    inner = text[quote.start:quote.end].strip()
    words = inner.split()
    if not inner:
        return True
    before = text[:quote.open_at].rstrip()
    prev = before[-1:] if before else ""
    after = text[quote.end + 1:quote.end + 3].lstrip()
    ends_sentence = _final_mark(text, quote) in tuple(".!?…,") or after[:1] in (",",)
    starts_clause = prev in ("", ":", ",", "\n", ".", "—") or before.endswith("\n")
    if inner[0].islower() and not starts_clause:
        return True
    if len(words) <= 3 and not ends_sentence:
        return True
    return not (ends_sentence or starts_clause)


def _speech_verbs_near(doc: Doc, text: str, quote: QuoteSpan,
                       quotes: list[QuoteSpan]) -> list[Token]:
    first = _token_at(doc, quote.start)
    last = _token_at(doc, _last_inside(text, quote))
    if first is None or last is None:
        return []
    sentences = {first.sent.start: first.sent, last.sent.start: last.sent}

    def verbs_in(spans) -> list[Token]:
        return [t for sent in spans for t in sent
                if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_VERBS
                and not _inside(t, quotes) and not _with_object(t)
                and not any(c.dep_ == "neg" for c in t.children)]

    verbs = verbs_in(sentences.values())
    # "…,” Austin said." often parses as its own sentence after the quote; look
    # there only when the quote's own sentences name no reporting verb, and never
    # across a paragraph break.
    if not verbs and last.sent.end < len(doc):
        nxt = doc[last.sent.end].sent
        gap = text[quote.end:nxt.start_char]
        if len(gap) <= 3 and "\n" not in gap:
            verbs = [v for v in verbs_in([nxt]) if not _says_its_own(v, quotes)] or \
                _bare_credit(nxt)
    # Nearest to the quote first; but a verb the quote hangs off ("she shot back, “…”")
    # introduces it, whether or not the lexicon knows the verb.
    verbs = sorted(verbs, key=lambda t: min(abs(t.idx - quote.open_at), abs(t.idx - quote.end)))
    if _is_partial(text, quote):
        return verbs  # a fragment hangs off whatever verb uses its words
    governing = _governing(doc, quote, quotes, sentences.values())
    return governing + [v for v in verbs if all(v.i != g.i for g in governing)] or \
        _closing_credit(doc, text, quote, quotes)


def _says_its_own(verb: Token, quotes: list[QuoteSpan]) -> bool:
    """'“…” Roe said she would resign.': a verb in the sentence after a quote that reports
    a clause of its own outside quotation marks is an indirect statement of its own, no
    credit for the quote before it."""
    return any(c.dep_ == "ccomp" and not _inside(c, quotes) for c in verb.children)


def _closing_credit(doc: Doc, text: str, quote: QuoteSpan,
                    quotes: list[QuoteSpan]) -> list[Token]:
    """'“Yes,” Roe pressed.': right after a quote that ends in a comma, "?" or "!", a
    subject and a verb in the past or present with nothing said of its own credit the
    quote, whatever the verb."""
    if _final_mark(text, quote) not in (",", "?", "!"):
        return []
    first = _token_at(doc, _SPACES.match(text, quote.end + 1).end())
    if first is None or first.pos_ not in ("PROPN", "PRON"):
        return []
    verb = next((t for t in doc[first.i:first.i + 5] if t.pos_ == "VERB"), None)
    if verb is None or _inside(verb, quotes):
        return []
    subject = _bare_verb_subject(verb)
    return [verb] if subject is not None and subject.left_edge.i == first.i else []


def _bare_verb_subject(verb: Token) -> Token | None:
    """The subject of a verb in the past or present that says nothing of its own (no object
    or complement: "“We won!” Roe left the stage" is an act, not a credit), else None."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ") or _light_verb(verb) or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "acomp") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _bare_credit(sent) -> list[Token]:
    """'“Wow!” beamed Jane Roe.', '“Never!” Roe shouted.': a sentence right after a quote
    that ends in "!" or "?" and that opens with a verb in the past or present (its subject
    after it) or with that verb's subject, credits the quote whatever the verb."""
    root = sent.root
    subject = _bare_verb_subject(root)
    if subject is None:
        return []
    opens = root.i == sent.start or subject.left_edge.i == sent.start
    return [root] if opens else []


def _governing(doc: Doc, quote: QuoteSpan, quotes: list[QuoteSpan], sentences) -> list[Token]:
    """Verbs outside the quote whose clausal complement the quoted words are, standing
    right before the quote ("she shot back, “…”") or with their subject right after it
    ("“…,” she fired back")."""
    found = []
    for sent in sentences:
        for token in sent:
            head = token.head
            if not (quote.start <= token.idx < quote.end) or token.dep_ not in (
                    "ccomp", "parataxis") or head.pos_ != "VERB" or _inside(head, quotes) or \
                    _light_verb(head) or \
                    any(head.i == f.i for f in found):
                continue
            if head.idx < quote.open_at:
                last = max((c for c in head.children if c.i < token.i and c.dep_ in (
                    "prt", "advmod", "npadvmod")), key=lambda c: c.i, default=head)
                near = quote.open_at - (last.idx + len(last.text)) <= 3
            else:
                subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
                near = _right_after(head, quote) or subject is not None and \
                    _right_after(subject.left_edge, quote)
            if near:
                found.append(head)
    inverted = _hung_on_the_quote(doc, quote, quotes)
    if inverted is not None and all(inverted.i != f.i for f in found):
        found.append(inverted)
    return found


def _hung_on_the_quote(doc: Doc, quote: QuoteSpan, quotes: list[QuoteSpan]) -> Token | None:
    """'Jane Roe shot back, “I suppose I …”' parsed the other way round, the verb a
    complement of the quote's own verb: the verb with its subject right before the quote
    (after it only its particle and a comma) still introduces it."""
    opening = _token_at(doc, quote.open_at)
    if opening is None or opening.i == 0:
        return None
    verb = doc[opening.i - 1]
    while verb.is_punct and verb.i > 0:
        verb = doc[verb.i - 1]
    if verb.dep_ in ("prt", "advmod") and verb.head.i < verb.i:
        verb = verb.head
    if verb.pos_ != "VERB" or _inside(verb, quotes) or \
            _light_verb(verb) or \
            not quote.start <= verb.head.idx < quote.end or \
            not any(c.dep_ == "nsubj" for c in verb.children) or \
            any(c.dep_ == "mark" for c in verb.children):
        # "as their ties deepen, “…”": a clause of time or reason introduces nothing.
        return None
    return verb


def _light_verb(verb: Token) -> bool:
    """"be", "have", "do", and their clitics: the tagger lemmatises a curly "’s" as "’"."""
    return verb.lemma_.lower() in ("be", "have", "do") or \
        verb.lower_.replace("\u2019", "'") in ("'s", "'re", "'m", "'ve", "'d")


def _with_object(verb: Token) -> bool:
    """A verb that reports speech only bare, here with an object or infinitive."""
    return verb.lemma_.lower() in BARE_SPEECH_VERBS and any(
        c.dep_ in ("dobj", "xcomp") for c in verb.children)


def direct_statements(doc: Doc, index: ActorIndex,
                      quotes: list[QuoteSpan]) -> list[Statement]:
    text = index.text
    out: list[Statement] = []
    previous_speaker: str | None = None
    previous_end = -1
    for quote in quotes:
        speaker = _dash_credit(quote, index) or _inverted_credit(doc, quote, index) or \
            _colon_intro(doc, quote, index)
        together: list[str] = []  # "they wrote": each of those who wrote together
        speaker = speaker or _quoted_as_saying(quote, index)
        unnamed = False  # "said a party strategist": attributed, to no one we may name
        spoken_of = False  # "Roe was branded “a liar”": of Roe, by someone unnamed
        for verb in [] if speaker is not None else _speech_verbs_near(doc, text, quote, quotes):
            subject = subject_of(verb)
            if subject is not None and subject.dep_ == "nsubjpass" and \
                    subject.head.i == verb.i and verb.lemma_.lower() != "quote":
                # "Roe was called “a liar” by Doe": who is spoken of is the subject; who
                # speaks is after "by", or nobody named ("was quoted as saying" is Roe's).
                if not verb.left_edge.idx <= quote.start < verb.right_edge.idx:
                    continue  # "…, and the plan was backed by Doe": not its words
                subject = _passive_agent(verb, quotes)
                if subject is None:
                    spoken_of = True
                    continue
            if verb.tag_ == "VBG" and (subject is None or _inside(subject, quotes)):
                # "..., telling the crowd, “…”": a participle clause is the main
                # clause's speaker's, however the parser hung it.
                root = verb.sent.root
                subject = subject_of(root) if not _inside(root, quotes) else None
            if subject is not None and subject.lower_ == "they":
                together = actors_for(subject, index)
                speaker = together[0] if together else None
            elif subject is not None and not _inside(subject, quotes) and \
                    anonymous(subject, index):
                unnamed = True
                break
            elif subject is not None and not _inside(subject, quotes):
                speaker = _continuing(subject, verb, previous_speaker, index) or next(
                    iter(_body_speaking_on(subject, verb, out, index)), None) or \
                    actor_for(subject, index)
                if speaker is None and _nobody_named(subject) and \
                        _credits_right_there(subject, verb, quote):
                    # "“…,” a narrator says": the quote's own credit names nobody we may
                    # name; the speaker before it is not the one speaking now.
                    unnamed = True
                    break
            if speaker is None and subject is None and (
                    verb.lemma_.lower() in ("say", "add", "tell") or
                    0 <= verb.idx - quote.end <= 3):
                # "said Lloyd Austin", "“…,” opined the Daily Ledger": the subject after
                # an inverted verb, "say", "add" or "tell" anywhere, any reporting verb
                # right after the quote (with a subject of its own, the object of "told"
                # is whom it was told to).
                for child in verb.children:
                    if child.dep_ in ("dobj", "attr", "npadvmod") and child.i > verb.i:
                        unnamed = unnamed or anonymous(child, index)
                        speaker = actor_for(child, index)
            if speaker is not None or unnamed:
                break
        if unnamed or spoken_of and speaker is None:
            # What follows it, quoted alone, is the same unnamed source's, never the
            # speaker named before.
            previous_speaker, previous_end = None, quote.end
            continue
        if speaker is None:
            speaker = _named_credit_after(doc, quote, index) or \
                _quote_according_to(doc, quote, index) or _speaker_line(quote, index)
        if speaker is None and _is_partial(text, quote):
            speaker = _fragment_user(doc, quote, quotes, index)
        if speaker is None:
            speaker = _speaker_by_position(doc, quote, index, previous_speaker, previous_end)
        if speaker is None:
            continue
        if _is_title(text[quote.start:quote.end]):
            continue  # a quoted name ("I Want to Live"), not something said
        kind = "partial" if _is_partial(text, quote) else "direct"
        # A quotation over several paragraphs is one statement per paragraph, each
        # with its own evidence span; the speaker carries over.
        for start, end in _paragraph_pieces(text, quote.start, quote.end):
            out += [Statement(speaker=each, quote=text[start:end], kind=kind, start=start,
                              end=end) for each in dict.fromkeys([speaker, *together])]
        previous_speaker, previous_end = speaker, quote.end
    return out


def _passive_agent(verb: Token, quotes: list[QuoteSpan]) -> Token | None:
    """Doe in "was called “a liar” by Doe", wherever the parser hung the "by"."""
    return next((o for t in verb.subtree if t.lower_ == "by" and not _inside(t, quotes)
                 for o in t.children if o.dep_ == "pobj"), None)


def _nobody_named(subject: Token) -> bool:
    """'a narrator', 'protesters', 'the crowd': a common noun no name or role refers to
    (with "a" or "one", people in the plural, a crowd). "The retired judge" may describe
    the one named before, and is not among them."""
    return subject.pos_ == "NOUN" and (
        subject.tag_ == "NNS" or subject.lower_ in AUDIENCE_NOUNS or any(
            c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE_WORDS
            for c in subject.children))


def _credits_right_there(subject: Token, verb: Token, quote: QuoteSpan) -> bool:
    """'“…,” a narrator says', 'the crowd chanted, “…”': the subject opens right after the
    quote, or the verb it leads ends right before it; 'the groups say they are “worried”':
    the quote is inside what the verb reports (not a document's: "an article reporting
    that …" speaks for whoever sent it)."""
    return subject.i < verb.i and (
        _right_after(subject.left_edge, quote) or
        0 <= quote.open_at - (verb.idx + len(verb.text)) <= 3 or
        verb.dep_ != "acl" and _reports_inside(verb, quote))


def _reports_inside(verb: Token, quote: QuoteSpan) -> bool:
    """The quote lies within the clause the verb reports."""
    return any(c.dep_ == "ccomp" and c.left_edge.idx <= quote.open_at and
               quote.end <= c.right_edge.idx + len(c.right_edge.text) + 1
               for c in verb.children)


def _right_after(token: Token, quote: QuoteSpan) -> bool:
    """The token starts right after the quote's closing mark (a comma or a space between)."""
    return 0 <= token.idx - quote.end <= 4


_QUOTED_AS_SAYING = re.compile(
    r"[^.\n]{0,80}?\b(?:quoted|quoting|citing|cited)\b([^.\n]{1,80}?)\bas (?:saying|telling)\b")


def _quoted_as_saying(quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'“…,” the agency quoted (or "reported citing") ambassador Jane Roe as saying': the one
    quoted speaks, the last person named between "quoted" and "as saying" (read from the
    text: the parser rarely makes sense of this order)."""
    match = _QUOTED_AS_SAYING.match(index.text, quote.end + 1)
    if match is None:
        return None
    named = [k for _s, _e, k in index.spans_within(index.actor_spans, match.start(1),
                                                   match.end(1))
             if index.actors[k].type == "Person"]
    return named[-1] if named else None


def _quote_according_to(doc: Doc, quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'According to Jane Roe, “…”', '“…,” according to Jane Roe.': the one it is according
    to, before the quote in its sentence or right after it."""
    first = _token_at(doc, quote.open_at)
    if first is None:
        return None
    after = _token_at(doc, _SPACES.match(index.text, quote.end + 1).end())
    before = [t for t in first.sent if t.idx < quote.open_at]
    for token in before + ([after] if after is not None else []):
        source = according_to(token)
        if source is not None:
            return actor_for(source, index)
    return None


# "“…” ― Jane Roe": a dash after the closing mark, then the name. A hyphen counts only
# with spaces around it, as a dash typed on a keyboard.
_DASH_CREDIT = re.compile(r"[ \t\xa0]*(?:[―—–]|\s-\s)[ \t\xa0]*")


def _dash_credit(quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'“…” ― Jane Roe': the person named right after a dash that follows the quote, on
    its line or opening the next one ("“…”\n\n- Senator Jane Roe, in Ohio."), the name
    ending its line, sentence or clause; a title may stand before it."""
    match = _DASH_CREDIT.match(index.text, quote.end + 1) or \
        _DASH_LINE.match(index.text, quote.end + 1)
    if match is None:
        return None
    begin = match.end()
    for s, e, key in index.actor_spans[bisect.bisect_left(index.actor_spans, (begin,)):]:
        if s - begin > 40:
            break
        if _CREDIT_TITLE.fullmatch(index.text, begin, s) and \
                index.actors[key].type == "Person" and _CREDIT_END.match(index.text, e):
            return key
    return None


# "“…,” said Jane Roe", "“…,” tweeted campaign spokesman Jane Roe.": a reporting verb
# right after the closing mark, then the speaker's phrase up to the next punctuation.
# "Navy Capt. Jeff Roe", "Jane Q. Roe": a rank's abbreviation or an initial keeps its full
# stop inside the name that follows.
_ABBREVIATED = "|".join(sorted({w.capitalize() for w in HONORIFICS if len(w) <= 4}))
_INVERTED = re.compile(r"[ \t\xa0,]*(?P<verb>[a-z]+)[ \t\xa0]+(?P<who>(?:\b(?:"
                       + _ABBREVIATED + r")\.|\b[A-Z]\.(?=[ \t\xa0][A-Z])|"
                       r"[^,.;:!?“”\"\n]){2,80})")


def _colon_intro(doc: Doc, quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'Jane Roe fired back: “…”': the subject of the verb nearest before a colon that
    introduces the quote in its paragraph (the parser often hangs the clause off the
    quote instead)."""
    before = index.text[max(0, quote.open_at - 3):quote.open_at]
    colon = before.rstrip().endswith(":") and "\n" not in before
    if not colon or _credited_after(doc, quote, index.text):
        return None
    mark = _token_at(doc, index.text.rfind(":", 0, quote.open_at))
    if mark is None:
        return None
    for token in reversed(doc[mark.sent.start:mark.i]):
        if token.pos_ == "VERB" and not index.is_quoted(token.idx):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if subject is None and token.dep_ == "advcl":
                continue  # "…, who told the panel when asked about it: “…”"
            if subject is None:
                return None
            if token.lemma_.lower() not in SPEECH_VERBS:
                # "Roe said that Doe has learned her lesson: “…”": a clause someone reports
                # introduces the reporter's own words.
                teller = next((subject_of(a) for a in token.ancestors
                               if a.pos_ == "VERB" and a.lemma_.lower() in SPEECH_VERBS and
                               not index.is_quoted(a.idx)), None)
                subject = teller or subject
            return actor_for(subject, index) if not anonymous(subject, index) else None
    return None


def _credited_after(doc: Doc, quote: QuoteSpan, text: str) -> bool:
    """A reporting verb within the few words after the quote: '“…,” the union wrote.'"""
    gap = _SPACES.match(text, quote.end + 1)
    first = _token_at(doc, gap.end())
    if first is None:
        return False
    for token in doc[first.i:first.i + 8]:
        if token.text in (".", "!", "?", "“", "\"") or "\n" in token.text:
            return False
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS and \
                token.tag_ != "VBG":  # ", adding …" goes on with the speaker before
            return True
    return False


# ", 58,", ", wearing a hat and “Roe 2016” pins,": an age or an aside set off by commas
_ASIDE = re.compile(r"(?:,[^,;\n]{1,100},)?[ \t\xa0]+")


def _named_credit_after(doc: Doc, quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'“…,” screenwriter Jane Roe wrote.': a person named right after a quote that ends in
    a comma, "?" or "!", after at most a few role words and before a reporting verb (an
    aside between them set off by commas), read from the text: the parser often takes the
    role word for a verb, or the name for an object in the quote, and loses the subject."""
    if _final_mark(index.text, quote) not in (",", "?", "!"):
        return None
    after = _SPACES.match(index.text, quote.end + 1).end()
    named = next((span for span in index.spans_within(index.actor_spans, after, after + 80)
                  if index.actors[span[2]].type == "Person"), None)
    if named is None:
        return None
    start = named[0]
    words = doc.char_span(after, start, alignment_mode="expand") if start > after else None
    if words is not None and (len(words) > 3 or any(
            t.is_stop or not t.is_alpha or t.lemma_.lower() in SPEECH_VERBS for t in words)):
        return None  # "“…,” and then Roe left", "“…,” said Roe": not this credit
    gap = _ASIDE.match(index.text, named[1])
    verb = _token_at(doc, gap.end()) if gap is not None else None
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS or any(
            c.dep_ == "nsubj" and not start <= c.idx < named[1] for c in verb.children):
        return None
    return named[2]


def _inverted_credit(doc: Doc, quote: QuoteSpan, index: ActorIndex) -> str | None:
    """The person named last in the phrase after "said" that follows a quote: the parser
    often makes no sense of this order ("…,” tweeted Roe spokesman Tom Brandt.")."""
    match = _INVERTED.match(index.text, quote.end + 1)
    if match is None:
        return None
    verb = _token_at(doc, match.start("verb"))
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    start, end = match.start("who"), match.end("who")
    # "… said council spokesman Tom Brandt of Dayton": the last person, not a place after.
    named = [n for n in index.spans_within(index.actor_spans, start, end)
             if index.actors[n[2]].type == "Person"]
    if not named:
        return None
    last = _token_at(doc, named[-1][1] - 1)
    if last is not None and last.dep_ in ("compound", "poss") and last.head.i > last.i:
        return None  # "said a senior Roe adviser": someone of Roe's, not Roe
    if verb.lemma_.lower() not in SPEECH_VERBS and not (
            verb.tag_ == "VBD" and named[0][0] == start and
            _final_mark(index.text, quote) in (",", "!", "?")):
        # '“Wow!” beamed Jane Roe': a verb the lexicon does not know, in the past right
        # between the quote and a person's name, credits the quote all the same.
        return None
    # Only a noun phrase before the name: "campaign spokesman Tom Brandt", not "the
    # crowd about Tom Brandt".
    words = doc.char_span(start, named[-1][0], alignment_mode="expand") \
        if named[-1][0] > start else []
    if any((t.pos_ not in ("NOUN", "PROPN", "ADJ", "DET") or t.is_stop and t.pos_ != "DET")
           and t.tag_ != "HYPH" for t in words or ()):  # "co-host"
        return None
    return named[-1][2]


_SPACES = re.compile(r"[ \t\xa0]*")
_CREDIT_END = re.compile(r"[ \t\xa0]*(?:$|[\n.,;“\"])")
# The quote's paragraph ends with it, and the next line opens with a dash.
_DASH_LINE = re.compile(r"[ \t\xa0]*\n\s*(?:[―—–]|-)[ \t\xa0]*")
# "President", "Sen.", "Former Gov.": capitalised words before the name itself.
_CREDIT_TITLE = re.compile(r"(?:[A-Z][a-z]+\.?[ \t\xa0]+){0,3}")


_SPEAKER_LINE = re.compile(r"([^\n:]{2,60}):\s*")


def _speaker_line(quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'Jane Roe: “…”': a transcript's speaker, the name before a colon that starts the
    line."""
    line_start = index.text.rfind("\n", 0, quote.open_at) + 1
    match = _SPEAKER_LINE.fullmatch(index.text, line_start, quote.open_at)
    if match is None:
        return None
    # The name itself must stand right before the colon: "Jane Roe:", not "Asked about
    # Jane Roe, the minister replied:".
    named = [k for s, e, k in index.starting(index.actor_spans, match.start(1), match.end(1))
             if e == match.end(1) and index.actors[k].type == "Person"]
    return named[-1] if named else None


def _is_title(inner: str) -> bool:
    """"I Want to Live": a quoted name, its words capitalised but for a title's short ones."""
    words = inner.strip(" .,!?").split()
    long_words = [w for w in words if len(w) > 3]
    return 2 <= len(words) <= 6 and len(long_words) >= 2 and all(
        w[0].isupper() or not w[0].isalpha() or w.lower() in TITLE_LOWER_WORDS for w in words)


def _continuing(subject: Token, verb: Token, previous: str | None,
                index: ActorIndex) -> str | None:
    """'“…,” it added.': a pronoun with "add" or "continue" is the previous speaker
    when the pronoun fits them (he/she a person, it an organisation or state)."""
    if previous is None or verb.lemma_.lower() not in ("add", "continue", "go"):
        return None
    kind = index.actors[previous].type if previous in index.actors else None
    lower = subject.lower_
    if lower in ("he", "she") and kind == "Person":
        # "“…,” he added" after a woman's words: someone else goes on.
        other = "feminine" if lower == "he" else "masculine"
        return previous if gender_of(index, subject.doc, previous) != other else None
    if lower == "it" and kind in ("Organization", "State"):
        return previous
    return None


def _paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + match.start(), start + match.end()
        while s < e and (text[s].isspace() or text[s] in OPENING):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            pieces.append((s, e))
    return pieces


def _speaker_by_position(doc: Doc, quote: QuoteSpan, index: ActorIndex,
                         previous_speaker: str | None, previous_end: int) -> str | None:
    text = index.text
    between = text[previous_end + 1:quote.open_at] if previous_end >= 0 else None
    # A quote standing alone right after another continues the same speaker, also
    # across the attribution between them: “…,” Kirby said. “…”; and the second half
    # of a quote split by its credit ("“The risk,” said Jane Roe, an economist, “is …”").
    if previous_speaker is not None and between is not None and "\n" not in between and \
            _INVERTED.match(between) and not re.search(r"[.!?]\s", between):
        return previous_speaker
    if previous_speaker is not None and between is not None and len(between) < 120:
        named = [key for _s, _e, key in index.starting(index.actor_spans, previous_end + 1,
                                                       quote.open_at)]
        # Either nobody else is named between the quotes, or the previous speaker is
        # (the attribution "council spokesman Tom Brandt said.").
        if not set(named) - {previous_speaker} or (named and named[-1] == previous_speaker):
            return previous_speaker
        if named and named[0] == previous_speaker and "\n" not in between and \
                _one_sentence(doc, between, previous_end + 1):
            # “…,” said Tom Roe, an ally of Mayor Ann Bell. “…”: the credit's own sentence
            # describes the speaker by others; it hands over to nobody.
            return previous_speaker
    # A sentence introducing the quote: "The minister added:" / "… the statement read."
    before = text[max(0, quote.open_at - 200):quote.open_at]
    agreed = _bare_report_before(doc, quote, index)
    if agreed is not None:
        return agreed
    if before.rstrip().endswith(":"):
        first = _token_at(doc, quote.open_at - len(before) + len(before.rstrip()) - 1)
        if first is not None:
            # "When Roe retired, Jane Doe issued this statement:": the main clause's
            # subject before one in a clause of time or reason; of main clauses joined
            # ("The Ledger said so, and Roe responded:"), the one nearest the colon.
            # Only a subject before the colon: the quote's own words name others.
            subjects = sorted((t for t in first.sent[:first.i - first.sent.start]
                               if t.dep_ in ("nsubj", "nsubjpass")),
                              key=lambda t: (not _main_clause(t.head), -t.i))
            for token in subjects:
                found = actor_for(token, index)
                if found is not None:
                    return found
    return None


def _one_sentence(doc: Doc, text: str, offset: int) -> bool:
    """Whether ``text``, found at ``offset``, lies within one of the parser's sentences."""
    stripped = text.strip()
    if not stripped:
        return True
    lead = len(text) - len(text.lstrip())
    first = _token_at(doc, offset + lead)
    last = _token_at(doc, offset + lead + len(stripped) - 1)
    return first is not None and last is not None and first.sent.start == last.sent.start


def _main_clause(verb: Token) -> bool:
    """The sentence's root, or a clause joined to it by "and"/"but"."""
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


FRAGMENT_WORDS = 5  # the fewest words of a fragment credited to its clause's subject


def _fragment_user(doc: Doc, quote: QuoteSpan, quotes: list[QuoteSpan],
                   index: ActorIndex) -> str | None:
    """'Roe fired back, attacking Doe for “the greed of his whole campaign”': a quoted
    fragment with no reporting verb is the words of the subject of the clause that uses
    it. A shorter one ('registered a “holding company”') is as often a name or a term the
    writer marks."""
    if len(index.text[quote.start:quote.end].split()) < FRAGMENT_WORDS:
        return None
    token = _token_at(doc, quote.start)
    for _ in range(4):
        if token is None or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX") and not _inside(token, quotes):
            break
    else:
        return None
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() == "be":
        return None
    clause = token
    while clause.dep_ != "ROOT":
        if clause.dep_ in ("ccomp", "csubj", "relcl", "acl", "pcomp") or any(
                c.dep_ == "mark" for c in clause.children):
            return None  # inside what someone else reports, or a clause of reason
        clause = clause.head
    subject = subject_of(token)
    if subject is None or _inside(subject, quotes) or anonymous(subject, index) or \
            subject.lower_ in PERSON_PRONOUNS:
        return None
    found = actor_for(subject, index)
    return found if found is not None and index.actors[found].type == "Person" else None


def _bare_report_before(doc: Doc, quote: QuoteSpan, index: ActorIndex) -> str | None:
    """'Jane Roe agreed. “…”': a quote right after a sentence, in its paragraph, that only
    says someone spoke (a reporting verb with nothing reported of its own) is theirs."""
    gap = index.text[max(0, quote.open_at - 3):quote.open_at]
    if not gap.endswith(" ") or not gap.rstrip().endswith(".") or "\n" in gap:
        return None
    stop = _token_at(doc, index.text.rfind(".", 0, quote.open_at))
    if stop is None:
        return None
    root = stop.sent.root
    # 'Roe said the vote was rigged. “We will appeal.”': a whole quote after her own
    # reported words goes on with them; a fragment there is the writer's term.
    reported = ("dobj", "xcomp", "advcl") if not _is_partial(index.text, quote) else \
        ("ccomp", "dobj", "xcomp", "advcl")
    if root.pos_ != "VERB" or root.lemma_.lower() not in SPEECH_VERBS or any(
            c.dep_ in reported or c.dep_ == "prep" and
            not _setting(c) for c in root.children):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or anonymous(subject, index) or index.is_quoted(subject.idx):
        return None
    return actor_for(subject, index)


def _setting(prep: Token) -> bool:
    """"in a statement", "at a rally", "on Monday": where or when someone spoke, not what
    about ("spoke about the vote", "agreed with Roe")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return prep.lower_ in ("in", "at", "during", "after", "before") or \
        prep.lower_ == "on" and obj.ent_type_ in ("DATE", "TIME")


def _clause_span(verb: Token, quotes: list[QuoteSpan]) -> tuple[int, int] | None:
    """The reported content governed by a reporting verb, as character offsets."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    comp = [c for c in verb.children if c.dep_ == "ccomp"]
    if not comp and lemma in ADDRESSEE_OBJECT_VERBS:
        obj = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        xcomp = [c for c in verb.children if c.dep_ in ("xcomp",)]
        if obj and xcomp:
            left = obj[0].left_edge.i
            right = xcomp[-1].right_edge.i
            return _trim(doc, left, right, quotes)
        if xcomp and lemma != "tell":
            return _trim(doc, xcomp[0].left_edge.i, xcomp[-1].right_edge.i, quotes)
    obj = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not comp and lemma in OF_CONTENT_VERBS and obj:
        # "accused the council of lying": the object and its charge.
        charge = [p for p in obj[0].children if p.dep_ == "prep" and p.lower_ == "of"] + \
            [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "of"]
        if charge:
            return _trim(doc, obj[0].left_edge.i, max(p.right_edge.i for p in charge), quotes)
    if not comp and lemma in FOR_CONTENT_VERBS:
        # "called for a ceasefire in the north": what they called for.
        asked = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"]
        if asked and asked[0].right_edge.i > asked[0].i:
            return _trim(doc, asked[0].i + 1, asked[0].right_edge.i, quotes)
    if not comp and obj:
        # "repeated her view that the dispute will end": the clause the object noun holds.
        held = [c for c in obj[0].children if c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if held:
            return _trim(doc, held[0].left_edge.i, held[0].right_edge.i, quotes)
    if not comp and lemma in CONTENT_OBJECT_VERBS:
        # "pledged to send 150 police", "advocated changing the law": what was promised.
        objects = obj or [c for c in verb.children if c.dep_ == "xcomp" and (
            c.tag_ == "VBG" or any(a.lower_ == "to" for a in c.children))]
        if objects and objects[0].right_edge.i - objects[0].left_edge.i >= 3:
            return _trim(doc, objects[0].left_edge.i, objects[0].right_edge.i, quotes)
    if not comp:
        return None
    clause = comp[0]
    left, right = clause.left_edge.i, clause.right_edge.i
    # "said it takes time but added, “…”", "added" hung on "takes": the speaker's next
    # report, a quote of its own, is no part of what was said first.
    reports = [t.i for t in clause.subtree if t.dep_ == "conj" and t.i > clause.i
               and t.lemma_.lower() in SPEECH_VERBS
               and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
               and any(_inside(c, quotes) for c in t.subtree if c.i > t.i)]
    if reports:
        right = min(reports) - 1
        while right > left and (doc[right].dep_ == "cc" or doc[right].is_punct):
            right -= 1
    return _trim(doc, left, right, quotes)


def _trim(doc: Doc, left: int, right: int, quotes: list[QuoteSpan]) -> tuple[int, int] | None:
    while left <= right and (doc[left].dep_ == "mark" and doc[left].lower_ in ("that", "if",
                                                                                "whether")
                             or doc[left].is_punct):
        left += 1
    while right >= left and doc[right].is_punct:
        right -= 1
    if right - left < 2:
        return None
    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
    # ``quotes`` are in text order and disjoint: only the last one opened before can hold it.
    at = bisect.bisect_right(quotes, start, key=lambda q: q.open_at)
    if at and end <= quotes[at - 1].end + 1:
        return None  # inside a quote: already a direct statement
    # A clause never runs past its paragraph.
    text = doc[left:right + 1].text.split("\n", 1)[0]
    trimmed = _TRAILING.sub("", text)
    if len(trimmed.split()) < 3:
        return None
    return start, start + len(trimmed)


def indirect_statements(doc: Doc, index: ActorIndex, quotes: list[QuoteSpan],
                        direct: list[Statement] = ()) -> list[Statement]:
    """Reported speech outside quotation marks; ``direct``, the quoted statements, give
    the speaker an impersonal report continues."""
    out: list[Statement] = []
    for sent in doc.sents:
        for token in sent:
            source = according_to(token)
            if source is not None:
                out += _according_to(token, source, index, quotes)
                continue
            if token.lower_ in REPORT_NOUNS and not _inside(token, quotes):
                out += _report_content(token, index, quotes)
                continue
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
                continue
            if _inside(token, quotes):
                continue
            if any(c.dep_ == "neg" for c in token.children) or \
                    sent.text.rstrip(" \n”\"’'").endswith("?"):
                continue  # "did not say whether ...", "Did she say that ...?": nothing said
            passive = _passive_report(token, index, quotes)
            if passive:
                out += passive
                continue
            subject = subject_of(token)
            if subject is None or _inside(subject, quotes):
                continue
            if _impersonal(subject):
                # "the alliance spoke on Friday. It is understood that ...": the source the
                # article is relaying goes on; with none just before, nobody says it.
                last = _said_just_before([*direct, *out], token.idx)
                speakers = [last.speaker] if last is not None else []
            else:
                speakers = actors_for(subject, index) if subject.lower_ == "they" else []
                speakers = speakers or _body_speaking_on(subject, token, [*direct, *out],
                                                         index) or actors_for(subject, index)
            if not speakers:
                continue
            span = _clause_span(token, quotes)
            if span is None:
                continue
            start, end = span
            if start < subject.idx < end:
                # "All left, Jane Roe, a spokeswoman, said": the parser hung the speaker
                # inside what she said; what she said ends before her name.
                first = subject
                while first.i > 0 and doc[first.i - 1].dep_ == "compound" and \
                        doc[first.i - 1].head.i == subject.i:
                    first = doc[first.i - 1]
                end = len(index.text[:first.idx].rstrip(" ,"))
                if end <= start:
                    continue
            # "South Korea and Ukraine said ...": the same words, each speaker's statement.
            out += [Statement(speaker=speaker, quote=index.text[start:end], kind="indirect",
                              start=start, end=end) for speaker in speakers]
    return out


def _passive_report(verb: Token, index: ActorIndex, quotes: list[QuoteSpan],
                    ) -> list[Statement]:
    """"The plan to send troops was announced by the prime minister": what a content verb
    takes as object, made its subject, is what the agent said."""
    if verb.lemma_.lower() not in CONTENT_OBJECT_VERBS:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agents = [o for a in verb.children if a.dep_ == "agent" for o in a.children
              if o.dep_ == "pobj"]
    if subject is None or not agents or subject.right_edge.i - subject.left_edge.i < 2:
        return []
    speakers = actors_for(agents[0], index)
    span = _trim(verb.doc, subject.left_edge.i, subject.right_edge.i, quotes) if speakers \
        else None
    if span is None:
        return []
    start, end = span
    return [Statement(speaker=speaker, quote=index.text[start:end], kind="indirect",
                      start=start, end=end) for speaker in speakers]


def _report_content(noun: Token, index: ActorIndex, quotes: list[QuoteSpan],
                    ) -> list[Statement]:
    """"a report by Norway's intelligence service that 3,000 troops were sent", "the ministry's
    assessment that ...": a report noun holding a that-clause is its author's statement."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return []
    speakers = [k for author in report_authors(noun) for k in actors_for(author, index)]
    span = _trim(noun.doc, clause.left_edge.i, clause.right_edge.i, quotes) if speakers else None
    if span is None:
        return []
    start, end = span
    return [Statement(speaker=speaker, quote=index.text[start:end], kind="indirect",
                      start=start, end=end) for speaker in dict.fromkeys(speakers)]


IMPERSONAL_REACH = 400  # characters: about two sentences back


def _body_speaking_on(subject: Token, verb: Token, earlier: list[Statement],
                      index: ActorIndex) -> list[str]:
    """"“Mission accomplished,” the group announced. It said it had ...": "it" with a
    reporting verb is the body that spoke just before, whoever was named since; "he" or
    "she" is its spokesperson when no person was named around it."""
    if subject.lower_ not in ("it", "he", "she", "they"):
        return []
    last = _said_just_before(earlier, verb.idx)
    if last is None or index.actors[last.speaker].type not in ("Organization", "State"):
        return []
    if subject.lower_ in ("he", "she") and \
            _person_named_between(index, last.start - 200, subject.idx):
        return []  # "he" is a person the text has named; else the body's spokesman
    return [last.speaker]


def _said_just_before(statements: list[Statement], offset: int) -> Statement | None:
    """The statement that ends last before ``offset``, if it ends within reach."""
    last = max((st for st in statements if st.end <= offset), key=lambda st: st.end,
               default=None)
    return last if last is not None and offset - last.end < IMPERSONAL_REACH else None


def _person_named_between(index: ActorIndex, start: int, end: int) -> bool:
    return any(index.actors[k].type == "Person"
               for _s, _e, k in index.starting(index.actor_spans, start, end))


def _impersonal(subject: Token) -> bool:
    """"It was reported that ...", "it is noted that ...": a passive report by no one."""
    return subject.lower_ == "it" and subject.dep_ == "nsubjpass" and any(
        c.dep_ == "ccomp" for c in subject.head.children)


def _according_to(token: Token, source: Token, index: ActorIndex,
                  quotes: list[QuoteSpan]) -> list[Statement]:
    doc = token.doc
    speakers = _demonym_sources(source, index) or [actor_for(source, index)]
    if speakers[0] is None:
        return []
    sent: Span = token.sent
    # "according to X", "in X's words", "as X put it": the whole phrase.
    phrase_start = min(token.left_edge.i, token.head.i) if token.dep_ == "pobj" \
        else token.left_edge.i
    phrase_end = max(source.right_edge.i, token.right_edge.i)
    # The clause the phrase belongs to, where the parser hangs it mid-sentence
    # ("..., but according to X, they were preparing ..."); else the rest of the
    # sentence, on whichever side of it stands.
    clause = token.head.head if token.dep_ == "pobj" else token.head
    inner = clause.pos_ in ("VERB", "AUX") and clause.i > phrase_end and \
        clause.left_edge.i > sent.start
    if inner:
        left, right = phrase_end + 1, clause.right_edge.i
    elif phrase_start - sent.start > sent.end - 1 - phrase_end:
        left, right = sent.start, phrase_start - 1
    else:
        left, right = phrase_end + 1, sent.end - 1
    span = _trim(doc, left, right, quotes)
    if span is None:
        return []
    start, end = span
    return [Statement(speaker=speaker, quote=index.text[start:end], kind="indirect",
                      start=start, end=end) for speaker in speakers]


def _demonym_sources(source: Token, index: ActorIndex) -> list[str]:
    """"according to Norwegian and Danish warnings": each state whose demonym names the
    source of a report noun."""
    if source.lower_.rstrip("s") not in REPORT_NOUNS | {"warning", "estimate", "account"}:
        return []
    start, end = source.left_edge.idx, source.idx
    states = [key for s, e, key in index.demonym_spans if start <= s and e <= end]
    return [key for key in dict.fromkeys(states) if index.ensure_actor(key)]
