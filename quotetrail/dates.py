"""Stage 7: when each statement was made.

Every date expression in the article is read once, in text order, and
resolved to an anchor: explicit dates as written (a missing year taken from
the publication date), weekdays and "yesterday" against the publication date,
"a day earlier" against the anchor before it. A statement then takes, in
order: an expression in its own sentence; one in its paragraph; the latest
day anchor before it about the same person; the article's first event date.
Statements reported as earlier ("had said", "previously said") and anything
that cannot be resolved stay undated: an unknown date is None, never a guess.
Plain regexes and date arithmetic only (no dateparser, no model): about
1.5 ms for a 4,700-character article with 25 quotes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quotetrail.errors import QuotetrailError
from quotetrail.lexicons import relative_dates as lex
from quotetrail.models import (
    ArticleMeta,
    Attribution,
    CleanText,
    Granularity,
    Mention,
    Span,
    StatementDate,
)

_ONE_DAY = dt.timedelta(days=1)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _phrase_pattern(phrases: Iterable[str]) -> str:
    return "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
    )


_MONTH = _alternation(lex.MONTHS)
_WEEKDAY = _alternation(lex.WEEKDAYS)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_PREP = r"(?i:(?:(?:early|late|earlier|later)\s+)?on\s+)?"

_EXPRESSION = re.compile(
    r"\b(?:"
    + _PREP
    + r"(?:"
    + rf"(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d))"
    + rf"|(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d1>\d{{1,2}}){_ORDINAL}(?:\s+of)?"
    + rf"\s+(?P<m1>{_MONTH})\b\.?(?:,?\s+(?P<y1>{_YEAR}))?"
    + rf"|(?:(?:{_WEEKDAY}),?\s+)?(?P<m2>{_MONTH})\b\.?\s+(?P<d2>\d{{1,2}}){_ORDINAL}(?![\d:])"
    + rf"(?:,?\s+(?P<y2>{_YEAR}))?"
    + rf"|(?P<m3>{_MONTH})\b\.?,?\s+(?P<y3>{_YEAR})"
    + rf"|in\s+(?P<m4>{_MONTH})\b(?!\.?\s+\d)"
    + rf"|in\s+(?P<y5>{_YEAR})(?!\s*(?:-|–|to|and)\s*\d)"
    + r"|(?:(?P<wrel>(?i:last|this|past|next))\s+)?(?P<wd>"
    + _WEEKDAY
    + r")\b(?:['’]s)?(?:\s+(?P<wpart>"
    + "|".join(lex.DAY_PARTS)
    + r"))?"
    + r")"
    + rf"|(?i:(?P<pub>{_phrase_pattern(lex.PUBLICATION_RELATIVE)}))"
    + rf"|(?i:(?P<period>{_phrase_pattern(lex.PERIOD_RELATIVE)}))"
    + rf"|(?i:(?P<vague>{'|'.join(lex.VAGUE)}))"
    + rf"|(?i:(?P<en>{_alternation(lex.NUMBER_WORDS)}|\d{{1,2}})\s+(?P<eu>"
    + _alternation(lex.EVENT_UNITS)
    + r")\s+(?P<ed>"
    + _alternation(lex.EVENT_DIRECTIONS)
    + r"))"
    + rf"|(?i:(?P<fixed>{_phrase_pattern(lex.EVENT_FIXED)}))"
    + r")\b"
)
# Every expression above holds one of these words; scanning for them first
# and matching the full pattern only around them is ~10x faster.
_TRIGGER = re.compile(
    r"\b(?:"
    + _alternation({*lex.MONTHS, *lex.WEEKDAYS, *lex.TRIGGER_WORDS})
    + "|"
    + _alternation(w.capitalize() for w in lex.TRIGGER_WORDS)
    + r"|(?:19|20)\d\d)\b"
)
_WORD_START = re.compile(r"\b\w")
_NAME_WORD = re.compile(r"\w[\w-]*")
_EVENT_OBJECT = re.compile(lex.EVENT_OBJECT_START)
_TITLED_NAME = re.compile(
    r"\b(?:" + _alternation(lex.TITLES) + r")\.?\s+((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)"
)
_OPEN_SUBJECT = re.compile(
    r"^[\"“‘]?(?:[^,.;:\"“”]{0,40},\s+)?(?:(?:"
    + "|".join(lex.SUBJECT_PRONOUNS)
    + r")\b|The\s+(?:[\w'’-]+\s+){0,4}?(?i:"
    + "|".join(lex.DESCRIPTION_HEADS)
    + r")\b)"
)
_BACKGROUND_BEFORE_CUE = tuple(re.compile(p, re.IGNORECASE) for p in lex.BACKGROUND_BEFORE_CUE)
_BACKGROUND_START = re.compile(r"^[\"“‘]?" + lex.BACKGROUND_SENTENCE_START)
_PAST_PERFECT = re.compile(lex.PAST_PERFECT, re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z])")
_WORDS = re.compile(r"[A-Za-z]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")


@dataclass(frozen=True)
class _Reading:
    """What one expression says; value None when no calendar date can be given."""

    value: dt.date | None
    granularity: Granularity
    how: str
    vague: bool = False


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    phrase: str
    reading: _Reading
    sentence: int

    def date(self, scope: str = "") -> StatementDate | None:
        if self.reading.value is None:
            return None
        how = self.reading.how + (f"; {scope}" if scope else "")
        return StatementDate(self.reading.value, self.reading.granularity, f"{self.phrase} ({how})")


@dataclass(frozen=True)
class _Facts:
    persons: frozenset[str]
    open_subject: bool
    past_perfect: bool


@dataclass(frozen=True)
class _Sentences:
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    paragraph: tuple[int, ...]

    def at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)


def date_mentions(
    cleaned: CleanText, meta: ArticleMeta, attributions: tuple[Attribution, ...]
) -> tuple[Mention, ...]:
    """One Mention per Attribution, with offsets into the text as read and a date."""
    if not attributions:
        return ()
    _check_spans(cleaned, attributions)
    article = _Article(cleaned.text, meta, attributions)
    return tuple(_mention(cleaned, att, article.said_on(att)) for att in attributions)


def _check_spans(cleaned: CleanText, attributions: tuple[Attribution, ...]) -> None:
    size = len(cleaned.text)
    for att in attributions:
        for span in (att.quote.content, att.quote.cue, att.quote.speaker_mention):
            if span is not None and not 0 <= span.start <= span.end <= size:
                raise QuotetrailError(
                    f"Quote span [{span.start}, {span.end}) lies outside the cleaned text "
                    f"({size} characters): the quotes/attribute stages must give offsets "
                    "into CleanText.text; check that they ran on the same cleaned text."
                )


def _mention(cleaned: CleanText, att: Attribution, said_on: StatementDate | None) -> Mention:
    quote = att.quote
    start, end = cleaned.to_read(quote.content.start, quote.content.end)
    return Mention(
        kind=quote.kind,
        text=quote.content.text,
        start=start,
        end=end,
        cue=quote.cue.text if quote.cue else None,
        speaker_mention=quote.speaker_mention.text if quote.speaker_mention else None,
        speaker=att.speaker,
        roles=att.roles,
        channel=att.channel,
        confidence=quote.confidence,
        said_on=said_on,
    )


class _Article:
    """The date anchors of one article and the rules that pick one per statement."""

    def __init__(self, text: str, meta: ArticleMeta, attributions: tuple[Attribution, ...]) -> None:
        self.text = text
        self.published = meta.published.value if meta.published else None
        self.sentences = _split_sentences(text)
        self.contents = sorted((a.quote.content.start, a.quote.content.end) for a in attributions)
        count = len(self.sentences.starts)
        self.speakers: list[set[str]] = [set() for _ in range(count)]
        focus_spans: list[Span] = []
        for att in attributions:
            for span in _focus(att):
                focus_spans.append(span)
                if att.speaker:
                    self.speakers[self.sentences.at(span.start)].add(att.speaker)
        self._focus_spans = focus_spans
        self._known = frozenset(_surname(a.speaker) for a in attributions if a.speaker)
        self._facts: dict[int, _Facts] = {}
        evidence = meta.published.evidence if meta.published else ""
        self.anchors = self._read_anchors(evidence)
        self.anchor_starts = [a.start for a in self.anchors]
        self.main_event = next(
            (
                a
                for a in self.anchors
                if a.reading.granularity == "day"
                and self._recent(a)
                and not self.facts(a.sentence).past_perfect
            ),
            None,
        )

    def facts(self, index: int) -> _Facts:
        """Who a sentence names and how it opens; worked out on first use."""
        cached = self._facts.get(index)
        if cached is not None:
            return cached
        sentence = self.text[self.sentences.starts[index] : self.sentences.ends[index]]
        persons = {_surname(m.group(1)) for m in _TITLED_NAME.finditer(sentence)}
        if self._known:
            persons.update(self._known.intersection(_NAME_WORD.findall(sentence)))
        persons.update(_surname(s) for s in self.speakers[index])
        facts = _Facts(
            persons=frozenset(persons),
            open_subject=bool(_OPEN_SUBJECT.match(sentence)),
            past_perfect=bool(_PAST_PERFECT.search(sentence)),
        )
        self._facts[index] = facts
        return facts

    # -- reading the anchors ------------------------------------------------

    def _read_anchors(self, published_evidence: str) -> list[_Anchor]:
        anchors: list[_Anchor] = []
        last_day: _Anchor | None = None
        for match in self._expressions():
            start, end = match.span()
            if self._inside_content(start, end):
                continue
            reading = self._resolve(match, last_day)
            if reading is None:
                continue
            sentence = self.sentences.at(start)
            generic = _norm(match.group("pub") or "") in lex.GENERIC_WORDS
            if generic and not self._near_focus(start, end, sentence):
                continue
            if self._is_dateline(start, end, published_evidence):
                continue
            anchor = _Anchor(start, end, " ".join(match.group(0).split()), reading, sentence)
            anchors.append(anchor)
            if reading.value is not None and reading.granularity == "day":
                last_day = anchor
        return anchors

    def _expressions(self) -> list[re.Match[str]]:
        """Date expressions in text order, found around trigger words."""
        text = self.text
        found: list[re.Match[str]] = []
        last_end = 0
        for hit in _TRIGGER.finditer(text):
            if hit.start() < last_end:
                continue
            low = max(last_end, hit.start() - 40)
            high = min(len(text), hit.end() + 80)
            for word in _WORD_START.finditer(text, low, hit.start() + 1):
                match = _EXPRESSION.match(text, word.start(), high)
                if match is not None and match.end() > hit.start():
                    found.append(match)
                    last_end = match.end()
                    break
        return found

    def _resolve(self, match: re.Match[str], last_day: _Anchor | None) -> _Reading | None:
        """Read one expression; None when it is no statement date at all."""
        published = self.published
        reading = _read_calendar(match, published)
        if reading is None:
            reading = self._read_relative(match, last_day)
        if reading is None or reading.value is None or published is None:
            return reading
        latest = published + _ONE_DAY if reading.granularity == "day" else published
        return None if reading.value > latest else reading

    def _read_relative(self, match: re.Match[str], last_day: _Anchor | None) -> _Reading | None:
        published = self.published
        pub_word = match.group("pub")
        if pub_word is not None:
            if published is None:
                return _Reading(None, "day", "no publication date")
            back = lex.PUBLICATION_RELATIVE[_norm(pub_word)]
            how = f"{_days_text(back)} before published {published}"
            if not back:
                how = f"published {published}"
            return _Reading(published - dt.timedelta(days=back), "day", how)
        period = match.group("period")
        if period is not None:
            return _read_period(_norm(period), published)
        if match.group("vague") is not None:
            return _Reading(None, "day", "too vague for a date", vague=True)
        if match.group("eu") is not None or match.group("fixed") is not None:
            return _read_event(match, last_day)
        return None

    def _recent(self, anchor: _Anchor) -> bool:
        """Whether a resolved day anchor may stand for a statement it does not share a
        sentence with: an older one is background, not the event being reported."""
        value = anchor.reading.value
        if value is None:
            return False
        if self.published is None:
            return True
        return (self.published - value).days <= lex.CARRY_MAX_DAYS

    def _inside_content(self, start: int, end: int) -> bool:
        """Whether the span touches quoted content: dates there belong to what was said."""
        i = bisect.bisect_left(self.contents, (end,))
        return any(start < e for _, e in self.contents[:i])

    def _near_focus(self, start: int, end: int, sentence: int) -> bool:
        return any(
            self.sentences.at(span.start) == sentence
            and _distance(start, end, span.start, span.end) <= lex.GENERIC_MAX_DISTANCE
            for span in self._focus_spans
        )

    def _is_dateline(self, start: int, end: int, published_evidence: str) -> bool:
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        line = self.text[line_start:line_end].strip()
        # A short line without a full stop holding the publication date's own
        # evidence is the dateline; a sentence that happens to hold it is not.
        if published_evidence and len(line) <= lex.DATELINE_MAX_CHARS and line[-1] not in ".!?":
            at = self.text.find(published_evidence, line_start, line_end)
            if 0 <= at <= start and end <= at + len(published_evidence):
                return True
        rest = self.text[line_start:start] + " " + self.text[end:line_end]
        return all(w.lower() in lex.DATELINE_WORDS for w in _WORDS.findall(rest))

    # -- choosing a date for a statement ------------------------------------

    def said_on(self, att: Attribution) -> StatementDate | None:
        focus = _focus(att)
        pos = min(s.start for s in focus)
        end = max(s.end for s in focus)
        own = sorted({self.sentences.at(s.start) for s in focus})
        own_anchors = [a for a in self.anchors if a.sentence in own]
        if own_anchors:
            target = focus[0]
            best = min(
                own_anchors, key=lambda a: _distance(a.start, a.end, target.start, target.end)
            )
            return best.date()
        if self._background(att, own):
            return None
        paragraph = self.sentences.paragraph[own[0]]
        near = [
            a
            for a in self.anchors
            if self.sentences.paragraph[a.sentence] == paragraph
            and self._about(a, att.speaker, strict=a.reading.granularity != "day")
        ]
        if near:
            best = min(near, key=lambda a: _distance(a.start, a.end, pos, end))
            if best.reading.granularity == "day" and not self._recent(best):
                return None
            return best.date("in the same paragraph")
        before = self.anchors[: bisect.bisect_left(self.anchor_starts, pos)]
        # A speaker already quoted at an earlier event stays with it when a
        # later sentence speaks only of "the leader" or "he".
        settled = any(att.speaker in self.speakers[a.sentence] for a in before)
        for anchor in reversed(before):
            if anchor.reading.granularity != "day":
                continue
            match = self._match(anchor, att.speaker, strict=False)
            if match == 0 or (match == 1 and settled and self.facts(anchor.sentence).open_subject):
                continue
            if not self._recent(anchor):
                return None
            return anchor.date("the event described earlier in the article")
        event = self.main_event
        if event is not None and event.start > pos and self._about(event, att.speaker, False):
            return event.date("the article's event date")
        return None

    def _about(self, anchor: _Anchor, speaker: str | None, strict: bool) -> bool:
        """Whether an anchor's sentence may describe this speaker's statement."""
        return self._match(anchor, speaker, strict) > 0

    def _match(self, anchor: _Anchor, speaker: str | None, strict: bool) -> int:
        """2: the sentence names the speaker; 1: it may ("He", "The leader");
        also 1 for a sentence naming nobody, unless strict; 0: it is about others."""
        if speaker is None:
            return 0 if strict else 1
        facts = self.facts(anchor.sentence)
        if speaker in self.speakers[anchor.sentence] or _surname(speaker) in facts.persons:
            return 2
        if facts.open_subject:
            return 1
        return 0 if strict or facts.persons else 1

    def _background(self, att: Attribution, own: list[int]) -> bool:
        """Whether the statement is reported as made earlier ("had said")."""
        cue = att.quote.cue
        if cue is not None:
            start = self.sentences.starts[self.sentences.at(cue.start)]
            before = self.text[max(start, cue.start - 80) : cue.start]
            if any(p.search(before) for p in _BACKGROUND_BEFORE_CUE):
                return True
        return any(
            _BACKGROUND_START.match(self.text[self.sentences.starts[i] : self.sentences.ends[i]])
            for i in own
        )


# -- expression readers ------------------------------------------------------


def _read_calendar(match: re.Match[str], published: dt.date | None) -> _Reading | None:
    g = match.group
    if g("iso"):
        return _exact(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
    for day, month, year in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if g(month) is not None:
            number = lex.MONTHS[g(month)]
            if g(year):
                return _exact(int(g(year)), number, int(g(day)))
            return _without_year(number, int(g(day)), published)
    if g("m3") is not None:
        return _Reading(dt.date(int(g("y3")), lex.MONTHS[g("m3")], 1), "month", "explicit month")
    if g("m4") is not None:
        return _month_without_year(lex.MONTHS[g("m4")], published)
    if g("y5") is not None:
        return _Reading(dt.date(int(g("y5")), 1, 1), "year", "explicit year")
    if g("wd") is not None:
        return _read_weekday(match, published)
    return None


def _exact(year: int, month: int, day: int) -> _Reading | None:
    try:
        return _Reading(dt.date(year, month, day), "day", "explicit date")
    except ValueError:
        return None


def _without_year(month: int, day: int, published: dt.date | None) -> _Reading | None:
    if published is None:
        return _Reading(None, "day", "no year and no publication date")
    latest = published + _ONE_DAY
    for year in range(latest.year, latest.year - 8, -1):
        try:
            value = dt.date(year, month, day)
        except ValueError:
            continue
        if value <= latest:
            return _Reading(value, "day", f"latest such date not after published {published}")
        if (value - published).days <= lex.UPCOMING_DAYS:
            return None
    return None


def _month_without_year(month: int, published: dt.date | None) -> _Reading:
    if published is None:
        return _Reading(None, "month", "no year and no publication date")
    year = published.year if month <= published.month else published.year - 1
    how = f"latest such month not after published {published}"
    return _Reading(dt.date(year, month, 1), "month", how)


def _read_weekday(match: re.Match[str], published: dt.date | None) -> _Reading | None:
    if _word_before(match.string, 0, match.start()) in lex.WEEKDAY_NAME_PREFIXES:
        return None
    relation = (match.group("wrel") or "").lower()
    if relation == "next":
        return None
    name = match.group("wd")
    if published is None:
        return _Reading(None, "day", "weekday with no publication date")
    back = (published.weekday() - lex.WEEKDAYS[name]) % 7
    how = f"{name} on or before published {published}"
    if relation in ("last", "past"):
        back = back or 7
        how = f"{name} before published {published}"
    return _Reading(published - dt.timedelta(days=back), "day", how)


def _read_period(phrase: str, published: dt.date | None) -> _Reading:
    unit, back = lex.PERIOD_RELATIVE[phrase]
    granularity: Granularity = "month" if unit == "month" else "year"
    if published is None:
        return _Reading(None, granularity, "no publication date")
    if unit == "month":
        index = published.year * 12 + published.month - 1 - back
        value = dt.date(index // 12, index % 12 + 1, 1)
        how = f"month before published {published}" if back else f"month of published {published}"
    else:
        value = dt.date(published.year - back, 1, 1)
        how = f"year before published {published}" if back else f"year of published {published}"
    return _Reading(value, granularity, how)


def _read_event(match: re.Match[str], last_day: _Anchor | None) -> _Reading | None:
    end = match.end()
    if match.group("fixed") is not None:
        phrase = _norm(match.group("fixed"))
        offset = lex.EVENT_FIXED[phrase]
        takes_object = phrase.endswith("before")
    else:
        word = match.group("en").lower()
        count = int(word) if word.isdigit() else lex.NUMBER_WORDS[word]
        unit = lex.EVENT_UNITS[match.group("eu").lower()]
        direction = match.group("ed").lower()
        offset = count * unit * lex.EVENT_DIRECTIONS[direction]
        takes_object = direction in ("before", "after")
    if takes_object and _EVENT_OBJECT.match(match.string, end):
        return None
    if last_day is None or last_day.reading.value is None:
        return _Reading(None, "day", "no earlier event date to count from")
    value = last_day.reading.value + dt.timedelta(days=offset)
    relation = "after" if offset > 0 else "before"
    shift = f"{_days_text(abs(offset))} {relation}" if offset else "same day as"
    how = f"{shift} {last_day.phrase.strip()}, {last_day.reading.value}"
    return _Reading(value, "day", how)


# -- text helpers --------------------------------------------------------------


def _split_sentences(text: str) -> _Sentences:
    """Sentences as offsets, each with its paragraph number; regex, no model."""
    starts: list[int] = []
    ends: list[int] = []
    paragraphs: list[int] = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        cursor = p_start
        for match in _SENTENCE_END.finditer(text, p_start, p_end):
            token = _word_before(text, cursor, match.start()).rstrip(".")
            if token in lex.ABBREVIATIONS or (len(token) == 1 and token.isupper()):
                continue
            starts.append(cursor)
            ends.append(match.end())
            paragraphs.append(number)
            cursor = match.end()
            while cursor < p_end and text[cursor].isspace():
                cursor += 1
        if cursor < p_end:
            starts.append(cursor)
            ends.append(p_end)
            paragraphs.append(number)
    if not starts:
        return _Sentences((0,), (len(text),), (0,))
    return _Sentences(tuple(starts), tuple(ends), tuple(paragraphs))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, or blank-line blocks when the text is hard-wrapped."""
    breaker = _BLANK_LINE if _hard_wrapped(text) else _NEWLINE
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in breaker.finditer(text):
        if match.start() > cursor:
            spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return spans


def _hard_wrapped(text: str) -> bool:
    # Wrapped text breaks lines mid-sentence; in the seeds and extracted HTML
    # almost every line ends a sentence, so a majority of mid-sentence breaks
    # means the newlines are layout, not structure.
    lines = [line.rstrip() for line in text.split("\n")]
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a and b]
    if len(pairs) < 4:
        return False
    open_ended = sum(1 for a, b in pairs if a[-1] not in ".!?\"'”’:)" and b[0].islower())
    return open_ended * 2 > len(pairs)


def _word_before(text: str, low: int, pos: int) -> str:
    """The word (letters, digits, dots) ending just before pos, spaces skipped."""
    end = pos
    while end > low and text[end - 1].isspace():
        end -= 1
    start = end
    while start > low and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end]


def _focus(att: Attribution) -> list[Span]:
    """The spans that place a statement: cue first, then speaker, else content."""
    quote = att.quote
    spans = [s for s in (quote.cue, quote.speaker_mention) if s is not None]
    return spans or [quote.content]


def _surname(name: str) -> str:
    parts = name.replace("’", "'").split()
    return parts[-1].removesuffix("'s") if parts else name


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, a_start - b_end, b_start - a_end)


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _days_text(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "1 week" if weeks == 1 else f"{weeks} weeks"
    return "1 day" if days == 1 else f"{days} days"
