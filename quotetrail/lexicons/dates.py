"""Date patterns for finding an article's publication date in its text.

Only full dates (day, month and year) count: a publication date is never
completed from a bare "Feb. 21". Group names are read by quotetrail.meta.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "mon",
    "tuesday",
    "tues",
    "tue",
    "wednesday",
    "wed",
    "thursday",
    "thurs",
    "thu",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
)

# Longest first so that "june" wins over "jun".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:1[89]|2\d)\d\d"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"

# One alternative per written form; each names its day, month and year groups.
FULL_DATE = (
    # 21 February, 2017 / 5 Feb 2020 / 21st of June 2023
    rf"\b(?P<d1>{_DAY})(?:\s+of)?[\s-]+(?P<m1>{_MONTH})\.?,?[\s-]+(?P<y1>{_YEAR})\b"
    # Jun 21, 2023 / June 21st 2023 / Feb. 21, 2017
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b"
    # 2023-06-21 / 2023/06/21
    r"|\b(?P<y3>(?:1[89]|2\d)\d\d)[-/](?P<m3>1[0-2]|0?[1-9])[-/](?P<d3>3[01]|[12]\d|0?[1-9])\b"
)

# Times and zones that sit beside a date on a date line.
TIME = r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?"

# Words a date line may carry besides the date: labels and the weekday.
DATE_LINE_WORDS: frozenset[str] = frozenset(
    {
        "date",
        "dated",
        "published",
        "posted",
        "updated",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "by",
        "and",
        "in",
        "gmt",
        "utc",
        "et",
        "est",
        "edt",
        "pt",
        "pst",
        "pdt",
        "irst",
        "am",
        "pm",
        *WEEKDAYS,
    }
)

# A date line may also name a byline or an outlet ("By Jane Doe | Jun 21, 2023",
# "Ahram Online, Wednesday 5 Feb 2020"): at most this many capitalised words.
# Four covers a two-part name plus a two-word outlet in the allsides bylines.
DATE_LINE_MAX_NAME_WORDS = 4

# Date lines are short: the seed ones run 20-30 characters and bylines with a
# date rarely pass 80.
DATE_LINE_MAX_CHARS = 100

# Where the publication date is looked for: the seed datelines sit within the
# first six lines; ten leaves room for a caption, a standfirst and a byline.
HEAD_LINES = 10
# Some pages print the date at the foot instead.
TAIL_LINES = 3

# Captions are looked for a little further down than datelines (a photo may
# follow the lede) and are short.
CAPTION_HEAD_LINES = 15
CAPTION_MAX_CHARS = 300

# What marks a line as a photo caption: a credit in brackets at its end, or a
# caption label at its start.
CAPTION_CREDIT = r"\((?:photo|file|image|picture)?[^()]{0,40}\)\s*$"
CAPTION_LABEL = r"^(?:photo|file photo|image|picture|caption|pictured)\b\s*[:\-–—]?"

# An archive picture's date says nothing about the article.
FILE_PHOTO = r"\bfile (?:photo|picture|image)\b"

# A dated line that signs an embedded post ("— Jane Doe (@jdoe) March 16, 2020").
EMBED = r"@\w"

# A wire dateline opening the first paragraph: "WASHINGTON, June 21, 2023 (Reuters) -".
WIRE_DATELINE = r"^[A-Z][A-Z .'\-]{1,40},\s*"
# It opens the first paragraph, after at most a headline, a standfirst and a byline.
WIRE_DATELINE_LINES = 5

# Lines that may be handed to dateparser: they carry a label and a four-digit
# year, so relative phrases ("2 days ago") never reach it.
PARSER_LABEL = (
    r"^(?:date|dated|published|posted|updated|last updated|first published)\b\s*(?:on)?\s*:?\s*"
)
PARSER_YEAR = r"\b(?:1[89]|2\d)\d\d\b"
