"""Statements (what someone said) in an article: direct quotes and reported speech, with the speaker's
surface name, the reporting verb and the said words, each with character offsets into the article.

Patterns only, no model: a quotation is speech when an attribution (speaker + reporting verb) stands right
before or after it, when it continues an attributed quotation, or when it is a partial quotation of four
words or more inside a sentence that attributes speech. Short quoted terms ("duty", the so-called
"return hubs"), titles and headlines without an attribution are not statements (docs/ingest/statements.md).
A person is a capitalised sequence; the title before it ("Sir", "Defence Secretary") is kept apart. Linking
the name to a known entity is another component's work."""
from __future__ import annotations

import re
from dataclasses import dataclass

from wbkg.ingest.sentences import Sentence, sentence_at, split_sentences


@dataclass(frozen=True)
class Span:
    begin: int
    end: int
    text: str  # == article[begin:end]


@dataclass(frozen=True)
class StatementMention:
    said: Span                   # the words: inside the quotation marks, or the reported clause
    direct: bool                 # True for a quotation, False for reported speech
    verb: Span | None            # "said", "told", "according to" (None for a continued quotation)
    speaker: Span | None         # the name ("Keir"), or a pronoun's antecedent; None when unresolved
    title: Span | None = None    # "Sir", "Armed Forces Minister", "The Prime Minister" (title-only speaker)
    pronoun: Span | None = None  # the "he"/"she" that stood for the speaker, when it did

    @property
    def verb_lemma(self) -> str | None:
        return self.verb.text.lower() if self.verb else None


_VERBS = ("said|says|say|told|tells|added|adds|warned|warns|insisted|insists|announced|announces|stressed|"
          "stresses|urged|urges|revealed|reveals|confirmed|confirms|emphasised|emphasized|emphasise|emphasize|"
          "emphasises|emphasizes|noted|notes|note|argued|argues|claimed|claims|explained|explains|replied|"
          "replies|added|declared|declares|stated|states")
# words that name a title, the head of "Armed Forces Minister" or "Sir": the capitalised words up to the
# last of them are the title, the rest the name
_TITLE_HEADS = {"Sir", "Dame", "Lord", "Lady", "Mr", "Mrs", "Ms", "Miss", "Dr", "Minister", "Secretary",
                "President", "Chancellor", "Ambassador", "General", "Admiral", "Commander", "Colonel",
                "Major", "Captain", "Chief", "Premier", "Mayor", "Governor", "Senator", "King", "Queen",
                "Prince", "Princess", "Pope", "Envoy", "Spokesman", "Spokeswoman", "Spokesperson", "Officer"}
_DETERMINERS = {"The", "A", "An"}
_PRONOUNS = {"he", "she"}
_GROUPS = ("officials|analysts|diplomats|sources|experts|critics|ministers|spokesmen|spokeswomen|"
           "campaigners|officers|aides|observers")
_CAP = r"[A-Z][\w’'\-.]*"
_SP = r"[ \t]+"  # a name does not run across a line break
_SUBJECT = (rf"(?P<subj>(?:{_CAP}{_SP})*{_CAP}|[Hh]e|[Ss]he|(?:{_CAP}{_SP})?(?:{_GROUPS}))")
# attribution after a quotation: ", he said" / "Sir Keir said." / "said X, the Y"
_AFTER = re.compile(rf"\s*(?:{_SUBJECT}\s+(?:has\s+|had\s+)?(?P<verb>{_VERBS})\b|(?P<verb2>{_VERBS})\s+"
                    rf"(?P<subj2>(?:{_CAP}{_SP})*{_CAP}|he|she))")
# attribution before a quotation: "X said: " / "He said, " / "to which he replied: "
_BEFORE = re.compile(rf"{_SUBJECT}\s+(?:has\s+|had\s+)?(?P<verb>{_VERBS})(?:\s+(?:[a-z]+|{_CAP})){{0,3}}"
                     rf"\s*[:,]\s*$")
# reported speech: "X (has) said (that) ...", "X told reporters that ..."
_REPORTED = re.compile(rf"(?:^|(?<=[\s(]))(?:{_SUBJECT})\s+(?:has\s+|had\s+)?(?P<verb>{_VERBS})\b"
                       rf"(?P<gap>(?:\s+[\w’']+){{0,5}}?\s+that\b|\s+that\b)?\s+(?P<clause>\S)")
_ACCORDING_FIRST = re.compile(rf"\b(?P<verb>[Aa]ccording to)\s+{_SUBJECT},\s+(?P<clause>\S)")
_ACCORDING_LAST = re.compile(rf",\s+(?P<verb>according to)\s+{_SUBJECT}\s*[.!?]?$")
# a line that only introduces the quotation printed below it: "Defence Minister Mark Lancaster said:"
_BLOCK_INTRO = re.compile(rf"^[*_ \t]*{_SUBJECT}{_SP}(?P<verb>{_VERBS}):[*_ \t]*$", re.M)
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|we|We|our|Our|us|my|My)\b")
# "Kurti invoked ..., saying Kosovo would ...": the sentence's subject is the speaker
_SAYING = re.compile(rf"^{_SUBJECT}{_SP}[a-z]+\b[^“\"]*?,\s+(?P<verb>saying)\s+(?P<clause>\S)")
_NAMING = re.compile(r"(?:so-called|dubbed|titled|entitled|called|named|known as|the word|the term)\s*$", re.I)
_TITLED_NAME = re.compile(rf"(?:{_CAP}{_SP})*{_CAP}")
_OPEN, _CLOSE = "“", "”"


def find_statements(text: str, sentences: list[Sentence] | None = None) -> list[StatementMention]:
    """Direct and reported statements in ``text``, in order of the said words' offsets."""
    sentences = split_sentences(text) if sentences is None else sentences
    persons = _titled_people(text)
    quoted = [(begin, end) for _, begin, end, _ in _quotations(text)]
    found: list[StatementMention] = []
    attributed: dict[int, StatementMention] = {}  # sentence begin -> an attribution in it
    for sentence in sentences:
        for mention in _reported_in(text, sentence, persons):
            if any(b <= mention.verb.begin < e for b, e in quoted):
                continue  # "I've said it" inside a quotation is the speaker's words, not a new statement
            found.append(mention)
            attributed.setdefault(sentence.begin, mention)
    found.extend(_direct(text, sentences, persons, attributed))
    found.extend(_blocks(text, persons))
    found.sort(key=lambda m: (m.said.begin, m.said.end, not m.direct))
    return found


def _span(text: str, begin: int, end: int) -> Span:
    return Span(begin, end, text[begin:end])


def _person(text: str, begin: int, end: int) -> tuple[Span | None, Span | None]:
    """Split a capitalised subject into (name, title): "Armed Forces Minister James Heappey" gives
    ("James Heappey", "Armed Forces Minister"); "The Prime Minister" is a title without a name."""
    words = [(m.start() + begin, m.end() + begin, m.group()) for m in re.finditer(r"\S+", text[begin:end])]
    if words and words[0][2] in _DETERMINERS:
        words = words[1:]
    if not words:
        return None, None
    last_head = max((i for i, w in enumerate(words) if w[2].rstrip(".") in _TITLE_HEADS), default=-1)
    title = _span(text, words[0][0], words[last_head][1]) if last_head >= 0 else None
    rest = words[last_head + 1:]
    if not rest:
        return None, title
    return _span(text, rest[0][0], rest[-1][1]), title


def _titled_people(text: str) -> list[Span]:
    """Names that follow a title anywhere in the text: the candidates a later "he" or "she" stands for."""
    people = []
    for m in _TITLED_NAME.finditer(text):
        name, title = _person(text, m.start(), m.end())
        if name and title:
            people.append(name)
    return people


def _speaker(text: str, begin: int, end: int, persons: list[Span], before: int
             ) -> tuple[Span | None, Span | None, Span | None]:
    """(speaker, title, pronoun) for the subject text[begin:end]; a pronoun is resolved to the last person
    named before ``before`` (a titled name, or an earlier speaker)."""
    while end > begin and text[end - 1] == ".":
        end -= 1  # the full stop that ends "..., according to Marta Kos."
    surface = text[begin:end]
    if surface.lower() in _PRONOUNS:
        earlier = [p for p in persons if p.end <= before]
        return (earlier[-1] if earlier else None), None, _span(text, begin, end)
    if re.search(rf"\b(?:{_GROUPS})$", surface):
        return _span(text, begin, end), None, None
    name, title = _person(text, begin, end)
    if name:
        persons.append(name)
        persons.sort(key=lambda p: p.begin)
    return name, title, None


def _clause_end(text: str, sentence: Sentence) -> int:
    end = sentence.end
    while end > sentence.begin and text[end - 1] in ".!?;:":
        end -= 1
    return end


def _reported_in(text: str, sentence: Sentence, persons: list[Span]) -> list[StatementMention]:
    s = sentence.text
    out = []
    for m in _REPORTED.finditer(s):
        begin = sentence.begin + m.start("clause")
        if s[m.start("clause")] in "“\"":
            continue  # a quotation: _direct's
        if m.group("verb") in {"told", "tells"} and not m.group("gap"):
            continue  # "told reporters" without "that" reports nothing here
        if m.group("subj") in _DETERMINERS:
            continue
        end = _clause_end(text, sentence)
        if len(text[begin:end].split()) < 3:
            continue
        speaker, title, pronoun = _speaker(text, sentence.begin + m.start("subj"), sentence.begin + m.end("subj"),
                                           persons, sentence.begin + m.start("subj"))
        if speaker is None and title is None and pronoun is None:
            continue
        out.append(StatementMention(_span(text, begin, end), False,
                                    _span(text, sentence.begin + m.start("verb"), sentence.begin + m.end("verb")),
                                    speaker, title, pronoun))
        break  # the first attribution of a sentence; the rest of it is its clause
    m = _SAYING.search(s)
    if m and m.group("subj").lower() not in _PRONOUNS:
        speaker, title, pronoun = _speaker(text, sentence.begin + m.start("subj"), sentence.begin + m.end("subj"),
                                           persons, sentence.begin)
        if speaker is not None:
            out.append(StatementMention(_span(text, sentence.begin + m.start("clause"), _clause_end(text, sentence)),
                                        False, _span(text, sentence.begin + m.start("verb"),
                                                     sentence.begin + m.end("verb")), speaker, title, pronoun))
    for pattern, clause_first in ((_ACCORDING_FIRST, False), (_ACCORDING_LAST, True)):
        m = pattern.search(s)
        if not m:
            continue
        if clause_first:
            begin, end = sentence.begin, sentence.begin + m.start()
        else:
            begin, end = sentence.begin + m.start("clause"), _clause_end(text, sentence)
        speaker, title, pronoun = _speaker(text, sentence.begin + m.start("subj"), sentence.begin + m.end("subj"),
                                           persons, sentence.begin + m.start("subj"))
        out.append(StatementMention(_span(text, begin, end), False,
                                    _span(text, sentence.begin + m.start("verb"), sentence.begin + m.end("verb")),
                                    speaker, title, pronoun))
    return out


def _quotations(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, inner begin, inner end, after close mark) of each double quotation, curly or straight.
    A curly quotation left open at the end of a paragraph closes there (the next paragraph reopens it)."""
    out = []
    for paragraph in re.finditer(r"[^\n]+", text):
        p0, body = paragraph.start(), paragraph.group()
        i = 0
        while i < len(body):
            c = body[i]
            if c == _OPEN:
                j = body.find(_CLOSE, i + 1)
                close = j if j >= 0 else len(body.rstrip())
                out.append((p0 + i, p0 + i + 1, p0 + close, p0 + min(close + 1, len(body))))
                i = close + 1
            elif c == '"':
                j = body.find('"', i + 1)
                if j < 0:
                    break
                out.append((p0 + i, p0 + i + 1, p0 + j, p0 + j + 1))
                i = j + 1
            else:
                i += 1
    return out


def _direct(text: str, sentences: list[Sentence], persons: list[Span],
            attributed: dict[int, StatementMention]) -> list[StatementMention]:
    out: list[StatementMention] = []
    chain_end, chain = -1, None  # where the last attributed quotation (and its attribution) ended
    for open_mark, begin, end, after in _quotations(text):
        inner_end = end
        while inner_end > begin and (text[inner_end - 1] in ", " or text[inner_end - 1].isspace()):
            inner_end -= 1
        said = _span(text, begin, inner_end)
        if not said.text:
            continue
        mention = None
        m = _AFTER.match(text, after)
        if m and text[end - 1:end] in ",.?!—–-" and _sentence_ends_soon(text, m.end()):
            subj = "subj" if m.group("subj") else "subj2"
            verb = "verb" if m.group("verb") else "verb2"
            speaker, title, pronoun = _speaker(text, m.start(subj), m.end(subj), persons, open_mark)
            mention = StatementMention(said, True, _span(text, m.start(verb), m.end(verb)), speaker, title, pronoun)
            stop = re.compile(r"[^.!?\n]*[.!?]?").match(text, m.end())
            chain_end = stop.end() if stop else m.end()
        else:
            line_start = text.rfind("\n", 0, open_mark) + 1
            b = _BEFORE.search(text[line_start:open_mark])
            if b:
                speaker, title, pronoun = _speaker(text, line_start + b.start("subj"), line_start + b.end("subj"),
                                                   persons, line_start + b.start("subj"))
                mention = StatementMention(said, True, _span(text, line_start + b.start("verb"),
                                                             line_start + b.end("verb")), speaker, title, pronoun)
            elif chain is not None and not text[chain_end:open_mark].strip():
                mention = StatementMention(said, True, None, chain.speaker, chain.title, chain.pronoun)
            else:
                mention = _partial(text, sentences, said, open_mark, attributed, out)
            chain_end = after
        chain = mention
        if mention is not None:
            out.append(mention)
    return out


def _sentence_ends_soon(text: str, at: int) -> bool:
    """The attribution closes its clause: a full stop, a comma (", describing ..."), or a title after it."""
    return re.match(r"\s*(?:[.,;!?]|$|\n)", text[at:]) is not None


def _partial(text: str, sentences: list[Sentence], said: Span, open_mark: int,
             attributed: dict[int, StatementMention], direct: list[StatementMention]) -> StatementMention | None:
    """A quoted fragment inside a sentence that attributes speech: the speaker's own words, unless it is too
    short to be more than a quoted term (fewer than four words) or it names something ("so-called")."""
    if len(said.text.split()) < 4 or _NAMING.search(text[max(0, open_mark - 20):open_mark]):
        return None
    sentence = sentence_at(sentences, open_mark)
    if sentence is None:
        return None
    owner = attributed.get(sentence.begin)
    if owner is None:
        owner = next((d for d in reversed(direct) if d.verb and sentence.begin <= d.verb.begin < sentence.end), None)
    if owner is None:
        return None
    return StatementMention(said, True, owner.verb, owner.speaker, owner.title, owner.pronoun)


def _blocks(text: str, persons: list[Span]) -> list[StatementMention]:
    """The paragraphs printed without quotation marks under "X said:": the first one, then the next ones while
    they speak in the first person (a paragraph that starts in lower case continues the one before)."""
    out: list[StatementMention] = []
    for intro in _BLOCK_INTRO.finditer(text):
        speaker, title, pronoun = _speaker(text, intro.start("subj"), intro.end("subj"), persons, intro.start())
        verb = _span(text, intro.start("verb"), intro.end("verb"))
        said: list[list[int]] = []
        for paragraph in re.finditer(r"[^\n]+", text[intro.end():]):
            begin, end = intro.end() + paragraph.start(), intro.end() + paragraph.end()
            body = paragraph.group().strip()
            if body[:1] in {_OPEN, '"'}:
                break  # a quotation with its own marks: _direct's
            if said and body[:1].islower():
                said[-1][1] = end
            elif not said or _FIRST_PERSON.search(body):
                said.append([begin, end])
            else:
                break
        for begin, end in said:
            out.append(StatementMention(_span(text, begin, end), True, verb, speaker, title, pronoun))
    return out
