"""Stage 3: title, outlet and publication date of one article.

The outlet is the reader's field, else the one given at ingest, else one the
text names near its top: a bracketed wire dateline ("WASHINGTON (Reuters) -"),
a name prefixed to the lead ("EghtesadOnline: ...") or a masthead line of its
own ("Ahram Online"). A prefix or a line counts only when the name ends in an
outlet word (Online, News, Times, ...): a wrong outlet is worse than none.

The publication date comes, in order of trust, from the date field the reader
found (HTML metadata, a record or feed field), a date line near the top or
foot of the text ("Date: 21 February, 2017", "Thursday 22 June 2023 - 20:22"),
a wire dateline opening the story, and last from a photo caption. Dates inside
the story body are never taken: they say when things happened, not when the
article appeared. Only full dates count, and none is ever completed or
guessed; an article that states no full date has none.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from quotetrail.lexicons import dates as lex
from quotetrail.lexicons import outlets as outlet_lex
from quotetrail.models import ArticleMeta, CleanText, PublicationDate, RawDocument

_FULL_DATE = re.compile(lex.FULL_DATE, re.IGNORECASE)
_TIME = re.compile(lex.TIME, re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'.-]*")
_CAPTION_CREDIT = re.compile(lex.CAPTION_CREDIT, re.IGNORECASE)
_CAPTION_LABEL = re.compile(lex.CAPTION_LABEL, re.IGNORECASE)
# The city is in capitals; only the date is read without regard to case.
_WIRE_DATELINE = re.compile(lex.WIRE_DATELINE + "(?i:" + lex.FULL_DATE + ")")
_PARSER_LABEL = re.compile(lex.PARSER_LABEL, re.IGNORECASE)
_PARSER_YEAR = re.compile(lex.PARSER_YEAR)
_NUMERIC_DATE_LINE = re.compile(r"[\d\s/.,:-]+(?:[ap]\.?m\.?)?", re.IGNORECASE)
_EMBED = re.compile(lex.EMBED)
_FILE_PHOTO = re.compile(lex.FILE_PHOTO, re.IGNORECASE)
_BYLINE = re.compile(r"by\s", re.IGNORECASE)
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")

# Dates before this are placeholders ("0001-11-30", the Unix epoch), not news.
_EARLIEST = dt.date(1900, 1, 1)
_EPOCH = dt.date(1970, 1, 1)
# Headlines in the seeds run 39-110 characters; 200 leaves room for long ones
# while rejecting a first paragraph.
_TITLE_MAX_CHARS = 200
_TITLE_MIN_WORDS = 2
_TITLE_LOOKAHEAD_LINES = 3

_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def extract_meta(
    doc: RawDocument,
    cleaned: CleanText,
    default_outlet: str | None = None,
    *,
    today: dt.date | None = None,
) -> ArticleMeta:
    """Title, outlet and publication date, each None when the article gives none.

    `today` bounds the publication date (a date in the future is a typo or a
    placeholder); it defaults to the current date.
    """
    latest = today or dt.date.today()
    return ArticleMeta(
        title=_title(doc, cleaned),
        outlet=_nonempty(doc.outlet) or _nonempty(default_outlet) or _detected_name(cleaned),
        published=_published(doc, cleaned, latest),
    )


# --- title and outlet ---------------------------------------------------------------


def _nonempty(value: str | None) -> str | None:
    if value is None:
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


def _lines(cleaned: CleanText) -> list[str]:
    return [line.strip() for line in cleaned.text.split("\n") if line.strip()]


def _looks_like_headline(line: str) -> bool:
    return (
        len(line) <= _TITLE_MAX_CHARS
        and len(line.split()) >= _TITLE_MIN_WORDS
        and line[-1] not in ".,;:"
        and any(c.isalpha() for c in line)
        and not _BYLINE.match(line)
    )


def _title(doc: RawDocument, cleaned: CleanText) -> str | None:
    given = _nonempty(doc.title)
    if given:
        return given
    for line in _lines(cleaned)[:_TITLE_LOOKAHEAD_LINES]:
        if _date_line(line) is not None:
            continue
        return line if _looks_like_headline(line) else None
    return None


# --- outlet named in the text ----------------------------------------------------

_PAREN_DATELINE = re.compile(outlet_lex.PAREN_DATELINE)
_OUTLET_PREFIX = re.compile(outlet_lex.PREFIX)
_OUTLET_LINE = re.compile(outlet_lex.STANDALONE)
_OUTLET_NAME = re.compile(outlet_lex.NAME)
_PARTY = re.compile(outlet_lex.PARTY_AFFILIATION)
# "ISWNews" -> ISW, News; "EghtesadOnline" -> Eghtesad, Online.
_NAME_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z]+|[a-z]+|\d+")


@dataclass(frozen=True)
class DetectedOutlet:
    """An outlet the article names, with the line that names it."""

    name: str
    evidence: str
    form: Literal["dateline", "prefix", "line"]


def detect_outlet(cleaned: CleanText) -> DetectedOutlet | None:
    """The outlet named near the top of the text, or None when none is named."""
    for index, line in enumerate(_lines(cleaned)[: outlet_lex.HEAD_LINES]):
        found = _dateline_outlet(line)
        if found is None and index > 0:  # "NY Post: Megyn Kelly ..." is a headline
            found = _prefix_outlet(line) or _line_outlet(line)
        if found is not None:
            return found
    return None


def _detected_name(cleaned: CleanText) -> str | None:
    found = detect_outlet(cleaned)
    return found.name if found is not None else None


def _dateline_outlet(line: str) -> DetectedOutlet | None:
    match = _PAREN_DATELINE.match(line)
    if match is None or len(match.group("rest").split()) < outlet_lex.DATELINE_MIN_REST_WORDS:
        return None
    place = match.group("place")
    name = " ".join(match.group("name").split())
    if not _OUTLET_NAME.fullmatch(name):
        return None
    if place and (not _dateline_place(place) or _spelled_out(name, place)):
        return None
    if not place and not (
        _acronym(name.split()[0])
        or name.lower() in outlet_lex.WIRE_AGENCIES
        or _names_an_outlet(name)
    ):
        return None
    if (
        any(c.isdigit() for c in name)
        or _PARTY.match(name)
        or _stopped(name)
        or any(w.lower().strip(".") in outlet_lex.NOT_DATELINE_WORDS for w in name.split())
    ):
        return None
    return DetectedOutlet(name, line[: match.start("rest")].strip(), "dateline")


def _prefix_outlet(line: str) -> DetectedOutlet | None:
    match = _OUTLET_PREFIX.match(line)
    if match is None:
        return None
    rest = match.group("rest").rstrip()
    if len(rest.split()) < outlet_lex.PREFIX_MIN_REST_WORDS:
        return None
    if not rest.endswith(outlet_lex.SENTENCE_END):
        return None  # a headline, not a lead
    name = match.group("name")
    if not _names_an_outlet(name):
        return None
    return DetectedOutlet(name, line[: match.start("rest")].strip(), "prefix")


def _line_outlet(line: str) -> DetectedOutlet | None:
    if not _OUTLET_LINE.match(line) or not _names_an_outlet(line):
        return None
    return DetectedOutlet(line, line, "line")


def _names_an_outlet(name: str) -> bool:
    """An outlet-like name: an outlet word at its end, or in one joined-up word."""
    words = name.split()
    if _stopped(name):
        return False
    for word in words:
        parts = _NAME_PARTS.findall(word)
        if len(parts) > 1 and parts[-1].lower() in outlet_lex.OUTLET_WORDS:
            return True  # EghtesadOnline, ISWNews
    return len(words) > 1 and words[-1].lower() in outlet_lex.OUTLET_WORDS


def _stopped(name: str) -> bool:
    lowered = name.lower().removeprefix("the ")
    return lowered in outlet_lex.NOT_OUTLETS or lowered.split()[0] in outlet_lex.NOT_OUTLETS


def _acronym(word: str) -> bool:
    return word.isupper() and len(word) <= outlet_lex.ACRONYM_MAX_LETTERS


def _spelled_out(acronym: str, words: str) -> bool:
    """True when the bracket expands the words before it: "... Committee (DCCC)"."""
    initials = "".join(
        w[0] for w in words.split() if w.lower() not in outlet_lex.ACRONYM_SKIP_WORDS
    )
    return len(acronym) > 1 and initials.upper().endswith(acronym.upper())


def _dateline_place(place: str) -> bool:
    """A city in capitals or title case, maybe followed by a state: not a person."""
    city, _, state = place.partition(",")
    if len(state.split()) > outlet_lex.PLACE_STATE_MAX_WORDS:
        return False
    if city.isupper():
        return True
    words = place.replace(",", " ").split()
    return len(words) <= outlet_lex.TITLE_CASE_PLACE_MAX_WORDS and all(
        not w.isupper() and not w.endswith(".") for w in city.split()
    )


# --- publication date ---------------------------------------------------------------


def _published(doc: RawDocument, cleaned: CleanText, latest: dt.date) -> PublicationDate | None:
    hint = _from_hint(doc, latest)
    if hint is not None:
        return hint
    lines = _lines(cleaned)
    head = lines[: lex.HEAD_LINES]
    tail = lines[lex.HEAD_LINES :][-lex.TAIL_LINES :]
    for line in [*head, *tail]:
        found = _date_line(line)
        if found is not None and _plausible(found, latest):
            return PublicationDate(found, line, "text")
    for line in head[: lex.WIRE_DATELINE_LINES]:
        wire = _wire_dateline(line)
        if wire is not None and _plausible(wire[0], latest):
            return PublicationDate(wire[0], wire[1], "text")
    for line in lines[: lex.CAPTION_HEAD_LINES]:
        found = _caption_date(line)
        if found is not None and _plausible(found, latest):
            return PublicationDate(found, line, "caption")
    return None


def _plausible(value: dt.date, latest: dt.date) -> bool:
    return _EARLIEST <= value <= latest and value != _EPOCH


def _from_hint(doc: RawDocument, latest: dt.date) -> PublicationDate | None:
    hint = _nonempty(doc.date_hint)
    if hint is None:
        return None
    value = _parse_hint(hint)
    if value is None or not _plausible(value, latest):
        return None
    origin: Literal["html", "field"] = "html" if doc.format in ("html", "warc") else "field"
    return PublicationDate(value, doc.date_hint_evidence or hint, origin)


def _parse_hint(hint: str) -> dt.date | None:
    iso = _ISO_PREFIX.match(hint)
    if iso:
        return _make_date(iso.group(1), iso.group(2), iso.group(3))
    try:
        return email.utils.parsedate_to_datetime(hint).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = _first_full_date(hint)
    return found[0] if found else _dateparser(hint)


def _make_date(year: str, month: str | int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day.rstrip("stndrh")))
    except ValueError:
        return None


def _full_dates(text: str) -> Iterator[tuple[dt.date, re.Match[str]]]:
    for match in _FULL_DATE.finditer(text):
        groups = match.groupdict()
        for n in "123":
            if groups[f"y{n}"]:
                name = groups[f"m{n}"]
                month = int(name) if n == "3" else lex.MONTHS[name.lower()]
                value = _make_date(groups[f"y{n}"], month, groups[f"d{n}"])
                if value is not None:
                    yield value, match
                break


def _first_full_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    return next(_full_dates(text), None)


def _date_line(line: str) -> dt.date | None:
    """The date on a line that is only a date, a label, a time and maybe a byline."""
    if len(line) > lex.DATE_LINE_MAX_CHARS or _EMBED.search(line):
        return None
    found = _first_full_date(line)
    if found is None:
        return _dateparser_line(line)
    value, match = found
    rest = _TIME.sub(" ", line[: match.start()] + " " + line[match.end() :])
    names = 0
    for word in _WORD.findall(rest):
        if word.lower().rstrip(".") in lex.DATE_LINE_WORDS:
            continue
        if not word[0].isupper():
            return None
        names += 1
    return value if names <= lex.DATE_LINE_MAX_NAME_WORDS else None


def _dateparser_line(line: str) -> dt.date | None:
    """A date line in a form the patterns miss, labelled or all digits."""
    if not _PARSER_YEAR.search(line):
        return None
    label = _PARSER_LABEL.match(line)
    if label:
        return _dateparser(line[label.end() :])
    if _NUMERIC_DATE_LINE.fullmatch(line):
        return _dateparser(line)
    return None


def _dateparser(candidate: str) -> dt.date | None:
    if not _PARSER_YEAR.search(candidate):
        return None  # relative phrases would be resolved against today
    import dateparser  # lazily: slow to import and rarely needed

    parsed = dateparser.parse(candidate, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed is not None else None


def _wire_dateline(line: str) -> tuple[dt.date, str] | None:
    match = _WIRE_DATELINE.match(line)
    if match is None:
        return None
    found = _first_full_date(match.group())
    return (found[0], match.group()) if found else None


def _caption_date(line: str) -> dt.date | None:
    if len(line) > lex.CAPTION_MAX_CHARS:
        return None
    if not (_CAPTION_CREDIT.search(line) or _CAPTION_LABEL.match(line)):
        return None
    if _FILE_PHOTO.search(line):
        return None  # an archive picture, taken any time before
    found = _first_full_date(line)
    return found[0] if found else None
