"""Patterns for finding the outlet that published an article in its own text.

Three forms are read, near the top of the text only: a wire dateline naming
the outlet in brackets ("WASHINGTON (Reuters) - ...", "(CNN) President ..."),
an outlet name prefixed to the lead ("EghtesadOnline: Leader of ..."), and an
outlet name on a line of its own ("Ahram Online"). Used by quotetrail.meta.
"""

from __future__ import annotations

from quotetrail.lexicons.dates import MONTHS, WEEKDAYS

# The seed outlet lines sit at most six non-empty lines down (headline, date,
# caption, byline before them); further down a name is a mention, not a masthead.
HEAD_LINES = 6

# A capitalised word of a name: "Reuters", "CNN", "EghtesadOnline", "Al-Monitor", "O'Brien".
_WORD = r"[A-Z][\w&'’.]*(?:-[A-Za-z][\w.]*)?"
NAME = rf"(?:The\s+)?{_WORD}(?:\s+{_WORD}){{0,3}}"

# A bracketed outlet opening the lead, after an optional place: in capitals,
# maybe with a state ("SANTA ROSA, Calif. (Reuters) - ", "SEOUL/WASHINGTON
# (Reuters) - ") or in title case ("West Palm Beach, Florida (CNN) ").
PAREN_DATELINE = (
    r"^(?:(?P<place>[A-Z][A-Za-z.'’/-]*(?:,?\s+[A-Z][A-Za-z.'’/-]*){0,4}),?\s*)?"
    r"\((?P<name>[^()\n]{2,40})\)\s*(?:[-–—]+\s*)?"
    r"(?P<rest>[A-Z\"“‘'].*)$"
)

# An outlet name ending with a colon or a dash before the lead sentence:
# "EghtesadOnline: Leader of ...", "ISWNews Analysis Group – On June 21, ...".
# A quotation after the colon is a headline cited from that outlet
# ('New York Post: "Biden Just Made ..."' in an allsides column), not a lead.
PREFIX = (
    rf"^(?P<name>(?:The\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})\s*(?::|\s[-–—])\s+"
    r"(?P<rest>[A-Z].*)$"
)

# An outlet name alone on its line: "Ahram Online", "USA TODAY".
STANDALONE = rf"^(?:The\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}$"

# With no place before it, the bracket must hold an acronym or an outlet-like
# name: "(CNN) President ...", but "(London) – The UK government ..." is a place.
# An acronym bracketed with no place ("(CNN)", "(MSNBC)"); longer words in
# capitals are labels ("(SPOILERS)").
ACRONYM_MAX_LETTERS = 5

# News agencies whose names are single ordinary words, so that "(Reuters) - "
# opens a lead as "(CNN)" does; lower-cased.
WIRE_AGENCIES: frozenset[str] = frozenset(
    {
        "reuters",
        "bloomberg",
        "xinhua",
        "kyodo",
        "yonhap",
        "anadolu",
        "bernama",
        "interfax",
        "dpa",
        "efe",
        "ansa",
        "agence france-presse",
        "associated press",
        "press association",
        "canadian press",
        "australian associated press",
    }
)

# Small words skipped when an acronym is checked against the words before it
# ("Democratic Congressional Campaign Committee (DCCC)" spells itself out).
ACRONYM_SKIP_WORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "&"})

# A place in title case is at most this long and has no abbreviated title
# before its comma: "Sen. Tim Scott Timothy (Tim)" is a nickname, "Everglades
# National Park, Florida (CNN)" a dateline (the longest in allsides).
TITLE_CASE_PLACE_MAX_WORDS = 4
# A state or country after the city's comma: "Calif.", "New Mexico".
PLACE_STATE_MAX_WORDS = 2

# A party and state after a politician's name, "(R-S.C.)", "(D-Calif.)", is no outlet.
PARTY_AFFILIATION = r"^[RDI]\s*[-–.,]"

# The sentence after a prefix must be prose: the seed leads run 20-40 words;
# eight keeps out a "Name: few words" subhead.
PREFIX_MIN_REST_WORDS = 8
# After a bracketed dateline, enough words to be a sentence rather than a caption.
DATELINE_MIN_REST_WORDS = 4
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")

# The last word of an outlet's name ("Ahram Online", "Tehran Times"); also read
# as the tail of one joined-up name ("EghtesadOnline", "ISWNews", "HuffPost").
# A prefix or a line of its own counts only when its name ends in one of these:
# a bare capitalised word before a colon is usually a speaker ("Pfeiffer: ...").
OUTLET_WORDS: frozenset[str] = frozenset(
    {
        "online",
        "news",
        "newswire",
        "times",
        "post",
        "daily",
        "weekly",
        "gazette",
        "herald",
        "courier",
        "chronicle",
        "tribune",
        "journal",
        "wire",
        "radio",
        "agency",
        "press",
        "echo",
        "ledger",
        "telegraph",
        "observer",
        "guardian",
        "independent",
        "express",
        "mirror",
        "monitor",
        "review",
        "reporter",
        "record",
        "register",
        "dispatch",
        "bulletin",
        "standard",
        "examiner",
        "inquirer",
        "enquirer",
        "sentinel",
        "globe",
        "mail",
        "today",
        "magazine",
        "tv",
        "television",
        "broadcasting",
        "network",
        "insider",
        "recorder",
        "advertiser",
        "argus",
    }
)

# Labels, section names and credits that look like an outlet line or prefix
# ("Source:", "Breaking News", "World News:"); matched against the whole name
# and against its first word, lower-cased.
NOT_OUTLETS: frozenset[str] = frozenset(
    {
        "source",
        "sources",
        "date",
        "dated",
        "photo",
        "photos",
        "picture",
        "image",
        "images",
        "file",
        "caption",
        "credit",
        "credits",
        "video",
        "watch",
        "listen",
        "read",
        "see",
        "related",
        "update",
        "updated",
        "updates",
        "correction",
        "corrections",
        "editor's note",
        "editor’s note",
        "editors' note",
        "note",
        "breaking",
        "exclusive",
        "urgent",
        "live",
        "latest",
        "top",
        "more",
        "other",
        "local",
        "world",
        "national",
        "international",
        "regional",
        "business",
        "sports",
        "sport",
        "health",
        "politics",
        "science",
        "opinion",
        "analysis",
        "comment",
        "editorial",
        "special",
        "featured",
        "sponsored",
        "advertisement",
        "share",
        "follow",
        "subscribe",
        "newsletter",
        "home",
        "fake",
        "original",
        "guest",
        "blog",
        "previous",
        "next",
        "good",
        "bad",
        "big",
        "this",
        "today",
        "press release",
        "media",
        "social media",
        "via",
        "by",
        "and",
    }
)

# Words that mark a bracketed name as a caption credit, a date or a note.
NOT_DATELINE_WORDS: frozenset[str] = frozenset(
    {
        "photo",
        "photos",
        "file",
        "image",
        "images",
        "picture",
        "pictures",
        "video",
        "graphic",
        "illustration",
        "getty",
        "handout",
        "courtesy",
        "via",
        "updated",
        "update",
        "revised",
        "corrected",
        "pictured",
        "left",
        "right",
        "center",
        "centre",
        "above",
        "below",
        *MONTHS,
        *WEEKDAYS,
    }
)
