"""What the clean stage removes or rewrites: page furniture and odd characters.

Line patterns are matched case-insensitively against a whole line after its
whitespace is collapsed and its quotation marks straightened. They were
collected from the seed pages and from the most frequent short lines of the
allsides corpus (10k articles, 491 outlets).
"""

from __future__ import annotations

# A line that is nothing but one of these is page furniture, never article text.
BOILERPLATE_LINES: tuple[str, ...] = (
    # comment forms
    r"leave a (?:reply|comment)",
    r"be the first to comment\.?",
    r"your email address will not be published\.?(?: required fields are marked \*?)?",
    r"required fields are marked \*?",
    r"add (?:a )?new comment",
    r"read our comment policy\b.*",
    r"(?:post a |\d+ |view |show )?comments?(?: \(\d+\))?",
    r"(?:name|e-?mail|website) ?\*",
    r"save my name, email, and website in this browser.*",
    r"you must be logged in to post a comment\.?",
    # sharing
    r"share (?:it|this(?: article| story| post)?|on \w+)\s*:?",
    r"share this article share tweet post email",
    r"(?:(?:share|tweet|post|email|print|facebook|twitter|whatsapp|telegram|linkedin|reddit)"
    r"\s*[|•·]?\s*){1,8}",
    # links to other stories
    r"(?:read|see) (?:more|also)\s*:.*",
    r"read more",
    r"more\s*:",
    r"related\s*:.*",
    # breadcrumbs: "Home / News / ..."
    r"home\s*(?:[/»›>|]\s*[^/»›>|]*){1,6}",
    # counters and ids
    r"news id\s*:\s*\d+",
    r"\d+\s+(?:persons?|views?|shares?|comments?)",
    r"\d+\s+min(?:ute)?s? read",
    # footers
    r"(?:copyright\s*)?(?:©|\(c\)|copyright\b).{0,200}",
    r".{0,200}\ball rights reserved\b.{0,200}",
    r"tags?\s*:.{0,200}",
    # ads and widgets
    r"advertisement(?: continue reading the main story)?\s*:?",
    r"ad",
    r"story continued below",
    r"continue reading(?: below| the main story)?",
    r"loading\.\.\.",
    r"sign up for daily (?:opinion )?newsletters?(?: manage newsletters)?",
    r"click here (?:to get|for) the .{1,40} app",
    r"follow (?:us on twitter )?@\w+\.?",
    r"\[pullquote\]",
    r"slideshow \(\d+ images?\)",
    r"(?:photo|video|image|close|skip)",
    r"image copyright .{0,80}",
    r"enlarge this image toggle caption.*",
)

# A line that opens a block of teasers for other stories.
TEASER_MARKERS: tuple[str, ...] = (
    r"check also",
    r"related(?: articles| stories| news| posts| content)?\s*:?",
    r"you (?:may|might) also (?:like|be interested in)\s*:?",
    r"more (?:on this|stories|news)\s*(?:\.\.\.|…|:)?",
    r"recommended(?: for you| stories)?\s*:?",
    r"read next\s*:?",
    r"(?:trending|most read|most popular|popular)(?: now| stories)?\s*:?",
)

# Teasers are a caption, a headline and a cut-off lede: in the seeds and the
# allsides pages they run 40-220 characters and come three or four at a time.
TEASER_MAX_LINE_CHARS = 250
TEASER_MAX_LINES = 8

# Boilerplate lines are short; longer lines skip the pattern test (the longest
# real one seen, a comment-policy line, is under 120 characters).
BOILERPLATE_MAX_CHARS = 220

# A repeated headline near the top (seed 004 prints its title twice) is dropped
# when it repeats a line within this many lines and is no longer than this.
DUPLICATE_WINDOW_LINES = 15
DUPLICATE_MAX_CHARS = 200

# Quotation marks. Double marks keep their direction, which quote finding
# reads ("“" opens, "”" closes; a straight one may do either): each form
# becomes “, ” or ". Single marks become straight apostrophes.
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02"
DOUBLE_QUOTE_FORMS: dict[str, str] = {
    "\u201e": "\u201c",  # „
    "\u201f": "\u201c",  # ‟
    "\u00ab": "\u201c",  # «
    "\u301d": "\u201c",  # 〝
    "\u00bb": "\u201d",  # »
    "\u301e": "\u201d",  # 〞
    "\uff02": '"',  # ＂
}
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b"

# Horizontal whitespace other than the plain space, collapsed to one space.
SPACES = "\t\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"

# Invisible or control characters, dropped.
INVISIBLE = (
    "\u200b\u2060\ufeff\u00ad"
    + "".join(chr(c) for c in range(0x00, 0x09))
    + "\x0e\x0f"
    + "".join(chr(c) for c in range(0x10, 0x1C))
    + "\x1f\x7f"
    + "".join(chr(c) for c in range(0x80, 0x85))
    + "".join(chr(c) for c in range(0x86, 0xA0))
)

# Line breaks: everything str.splitlines() splits on, so later stages agree.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# UTF-8 read as Windows-1252, the commonest mojibake; each maps to one character.
MOJIBAKE: dict[str, str] = {
    "\u00e2\u20ac\u0153": "\u201c",  # “
    "\u00e2\u20ac\x9d": "\u201d",  # ”
    "\u00e2\u20ac\u02dc": "'",  # ‘
    "\u00e2\u20ac\u2122": "'",  # ’
    "\u00e2\u20ac\u201c": "\u2013",  # –
    "\u00e2\u20ac\u201d": "\u2014",  # —
    "\u00e2\u20ac\u00a6": "\u2026",  # …
}
# Typewriter quotation marks of LDC and New York Times text (``like this'');
# 116 of 840 PolNeAR train articles use them. A pair after a digit is inches.
ASCII_DOUBLE_QUOTES: dict[str, str] = {"``": "\u201c", "''": '"'}
# A no-break space read the same way; treated as whitespace.
MOJIBAKE_SPACE = "\u00c2\u00a0"
