"""Words and patterns for dating statements (stage 7, dates.py).

Calendar names are matched case-sensitively (capitalised), so that "may",
"march" and "sun" in running text are not read as dates; the relative phrases
are matched in any case. Every pattern here is a regex fragment without
capture groups: dates.py adds the groups it needs.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "January": 1,
    "Jan": 1,
    "February": 2,
    "Feb": 2,
    "March": 3,
    "Mar": 3,
    "April": 4,
    "Apr": 4,
    "May": 5,
    "June": 6,
    "Jun": 6,
    "July": 7,
    "Jul": 7,
    "August": 8,
    "Aug": 8,
    "September": 9,
    "Sept": 9,
    "Sep": 9,
    "October": 10,
    "Oct": 10,
    "November": 11,
    "Nov": 11,
    "December": 12,
    "Dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "Monday": 0,
    "Tuesday": 1,
    "Wednesday": 2,
    "Thursday": 3,
    "Friday": 4,
    "Saturday": 5,
    "Sunday": 6,
}

# Named days that are not "the most recent such weekday".
WEEKDAY_NAME_PREFIXES = frozenset(
    {"Ash", "Black", "Cyber", "Easter", "Good", "Holy", "Maundy", "Palm", "Super"}
)

DAY_PARTS = ("morning", "afternoon", "evening", "night")

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# Phrases fixed against the publication date: phrase -> days before it.
PUBLICATION_RELATIVE: dict[str, int] = {
    "the day before yesterday": 2,
    "yesterday morning": 1,
    "yesterday afternoon": 1,
    "yesterday evening": 1,
    "yesterday": 1,
    "last night": 1,
    "earlier today": 0,
    "later today": 0,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
}

# "today" is also the generic "nowadays"; it dates a statement only when it
# sits this close to a cue or speaker (8 words covers "X said today" and
# "Today, the president of Y said"; checked on the seeds and invented cases).
GENERIC_WORDS = frozenset({"today", "tonight", "earlier today", "later today"})
GENERIC_MAX_DISTANCE = 60

# Month- and year-level phrases: phrase -> (unit, units before publication).
PERIOD_RELATIVE: dict[str, tuple[str, int]] = {
    "earlier this month": ("month", 0),
    "this month": ("month", 0),
    "last month": ("month", 1),
    "earlier this year": ("year", 0),
    "this year": ("year", 0),
    "last year": ("year", 1),
}

# Too wide to give a day and not a calendar month or year: a statement dated
# by one of these stays undated rather than taking a nearby event's day.
VAGUE = (
    r"(?:earlier\s+|later\s+)?this\s+week",
    r"last\s+week(?:end)?",
    r"over\s+the\s+weekend",
    r"in\s+recent\s+(?:days|weeks|months)",
    r"(?:in|over)\s+the\s+past\s+(?:few\s+)?(?:days|weeks|week|months)",
    r"the\s+other\s+day",
)

# Each relative phrase above and below contains one of these words; dates.py
# looks for them before trying the full patterns.
TRIGGER_WORDS = (
    "yesterday",
    "today",
    "tonight",
    "night",
    "morning",
    "afternoon",
    "evening",
    "month",
    "year",
    "weekend",
    "week",
    "weeks",
    "day",
    "days",
    "recent",
)

# Relative to the event the text is describing, e.g. "a day earlier".
EVENT_UNITS: dict[str, int] = {"day": 1, "days": 1, "week": 7, "weeks": 7}
EVENT_DIRECTIONS: dict[str, int] = {"earlier": -1, "before": -1, "later": 1, "after": 1}
# phrase -> days after the event
EVENT_FIXED: dict[str, int] = {
    "the day before": -1,
    "the night before": -1,
    "the previous day": -1,
    "the previous night": -1,
    "the next day": 1,
    "the following day": 1,
    "the same day": 0,
    "that same day": 0,
    "later that day": 0,
    "earlier that day": 0,
    "later the same day": 0,
    "earlier the same day": 0,
}
# "the day before the vote": relative to an event we cannot see; not used.
EVENT_OBJECT_START = r"\s+(?:the|a|an|his|her|its|their|this|that|[A-Z])"

# A cue preceded by one of these reports an earlier, undated statement:
# "had said", "had earlier said", "has long said", "previously said".
BACKGROUND_BEFORE_CUE = (
    r"\b(?:had|has|have)\s+(?:(?:also|earlier|previously|already|long|repeatedly|often|"
    r"once|frequently|consistently|in\s+the\s+past)\s+){0,2}$",
    r"\b(?:previously|earlier|once|formerly)\s+$",
)
# A sentence opening like this reports an earlier statement.
BACKGROUND_SENTENCE_START = r"^(?:Earlier|Previously|In\s+the\s+past|Before\s+that|In\s+earlier)\b"
# A flash-back sentence ("X had met Y") does not set the article's own event.
PAST_PERFECT = (
    r"\bhad\s+(?:(?:earlier|previously|already|also|once|long|recently)\s+)?"
    r"(?:been|met|said|told|spoken|visited|held|made|given|\w+ed)\b"
)

# Words that name a person's office just before the name.
TITLES = (
    "Ambassador",
    "Ayatollah",
    "Chancellor",
    "Chief",
    "Commander",
    "commander",
    "Dr",
    "General",
    "Gen",
    "Governor",
    "Imam",
    "King",
    "Leader",
    "leader",
    "Minister",
    "minister",
    "Mr",
    "Mrs",
    "Ms",
    "Premier",
    "President",
    "president",
    "Prince",
    "Queen",
    "Rep",
    "Secretary",
    "Sen",
    "Senator",
    "Sheikh",
    "Speaker",
    "spokesman",
    "spokeswoman",
    "spokesperson",
)

# Heads of a definite description that may stand for any speaker:
# "The Palestinian resistance leader had met ...".
DESCRIPTION_HEADS = (
    "leader",
    "president",
    "official",
    "minister",
    "chief",
    "commander",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "diplomat",
    "cleric",
    "ayatollah",
    "premier",
    "secretary",
)
SUBJECT_PRONOUNS = ("He", "She", "They")

# A line holding only a date and these words is a dateline, not an event.
DATELINE_WORDS = frozenset(
    {
        "am",
        "at",
        "by",
        "date",
        "edt",
        "est",
        "gmt",
        "irst",
        "last",
        "modified",
        "on",
        "pm",
        "posted",
        "published",
        "time",
        "updated",
        "utc",
    }
)

# A date without a year up to this many days after publication is an
# upcoming event ("talks on June 30"), not last year's: news looks ahead by
# months (elections, summits), while an older date is written with its year.
UPCOMING_DAYS = 183

# A date carried from another sentence must be at most this many days before
# publication: in PolNeAR (1,013 articles) 97% of dates in a statement's own
# sentence fall within 7 days of publication, and carried dates older than
# that were background (2011-2013 events, "Jan. 1"), not the reported event.
CARRY_MAX_DAYS = 7

# Datelines in the seeds are 21-29 characters; captions and lead sentences
# that carry a date run past 100.
DATELINE_MAX_CHARS = 100

# A full stop after these does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "Capt",
        "Sen",
        "Rep",
        "Gov",
        "St",
        "Jr",
        "Sr",
        "No",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "U.S",
        "U.K",
        "U.N",
        "vs",
        "etc",
    }
)
