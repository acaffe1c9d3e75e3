"""Stage 2: boilerplate and teaser removal, character normalisation, offset map.

The text is handled a line at a time. Each line is classed as blank, page
furniture (comment prompts, share buttons, breadcrumbs, footers, repeated
headlines) or article text; a teaser block at the foot ("Check Also" and the
stories after it) goes as a whole. Kept lines are normalised (double
quotation marks of every form, typewriter pairs included, become “, ” or "
so that their direction survives; single marks become straight; whitespace
collapsed, invisible characters dropped, common mojibake repaired) and joined
with "\\n", or "\\n\\n" where blank lines stood.

Every clean character records the offset of the character it came from in the
text as read, so later stages can point back at the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrail.lexicons import boilerplate as bp
from quotetrail.models import CleanText, RawDocument, Span

_BREAKS = re.escape(bp.LINE_BREAKS)
_LINE = re.compile(rf"([^{_BREAKS}]*)(\r\n|[{_BREAKS}]|\Z)")
_BOILERPLATE = re.compile(
    "|".join(f"(?:{p})" for p in bp.BOILERPLATE_LINES), re.IGNORECASE | re.DOTALL
)
_TEASER = re.compile("|".join(f"(?:{p})" for p in bp.TEASER_MARKERS), re.IGNORECASE)

_STRIP = " " + bp.SPACES + bp.INVISIBLE
_WS = re.escape(" " + bp.SPACES + bp.INVISIBLE)
_QUOTES = bp.DOUBLE_QUOTE_FORMS | {c: "'" for c in bp.SINGLE_QUOTES}
# Sequences of more than one character rewritten to one.
_SEQUENCES: dict[str, str] = bp.MOJIBAKE | bp.ASCII_DOUBLE_QUOTES
_REPLACE: dict[str, str] = _SEQUENCES | _QUOTES
# Anything that changes: mojibake, a curly quote, or a run of whitespace and
# invisible characters other than one plain space (a lone space needs no work).
_SPACE_RUN = rf"(?:[{_WS}]|{bp.MOJIBAKE_SPACE})"
_CHANGE = re.compile(
    "|".join(re.escape(k) for k in bp.MOJIBAKE)
    + r"|``|(?<!\d)''"
    + "|["
    + re.escape("".join(bp.DOUBLE_QUOTE_FORMS) + bp.SINGLE_QUOTES)
    + "]"
    + rf"|(?! (?!{_SPACE_RUN})){_SPACE_RUN}+"
)
_MOJIBAKE_LEAD = bp.MOJIBAKE_SPACE[0]
_SPACE_CHARS = frozenset(" " + bp.SPACES)
# For matching boilerplate patterns: quotes straightened, spaces made plain.
_MATCH_TABLE = str.maketrans(
    _QUOTES | {c: '"' for c in bp.DOUBLE_QUOTES} | {c: " " for c in bp.SPACES}
)
_MULTISPACE = re.compile(" {2,}")


@dataclass(frozen=True)
class _Line:
    start: int  # offset in the text as read of the first kept character
    end: int  # offset just past the last kept character
    brk: int  # offset of the line break after the line (len(raw) at the end)
    text: str  # the line between start and end, not yet normalised


def replacement_for(raw: str, pos: int) -> str | None:
    """What a normalised character at `pos` of the text as read may have become.

    None when the character there is copied as is; used by tests to check the
    offset map without restating the rules.
    """
    for key, value in _SEQUENCES.items():
        if raw.startswith(key, pos):
            return value
    if raw.startswith(bp.MOJIBAKE_SPACE, pos):
        return " \n"
    char = raw[pos]
    if char in _QUOTES:
        return _QUOTES[char]
    if char.isspace() or char in bp.INVISIBLE:
        return " \n"
    return None


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    for match in _LINE.finditer(raw):
        start, end = match.span(1)
        body = match.group(1)
        lead = len(body) - len(body.lstrip(_STRIP))
        stripped = body.strip(_STRIP)
        while stripped.endswith(_MOJIBAKE_LEAD) and body.startswith(
            bp.MOJIBAKE_SPACE, lead + len(stripped) - 1
        ):
            stripped = stripped[:-1].rstrip(_STRIP)
        lines.append(_Line(start + lead, start + lead + len(stripped), end, stripped))
        if match.end() == len(raw):
            break
    return lines


def _match_form(text: str) -> str:
    return _MULTISPACE.sub(" ", text.translate(_MATCH_TABLE))


def _is_boilerplate(text: str) -> bool:
    return len(text) <= bp.BOILERPLATE_MAX_CHARS and bool(_BOILERPLATE.fullmatch(_match_form(text)))


def _is_teaser_marker(text: str) -> bool:
    return len(text) <= bp.BOILERPLATE_MAX_CHARS and bool(_TEASER.fullmatch(_match_form(text)))


def _teaser_start(lines: list[_Line]) -> int | None:
    """Index of the line opening a teaser block that runs to the end, if any."""
    teasers = 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.text or _is_boilerplate(line.text):
            continue
        if _is_teaser_marker(line.text):
            return index
        teasers += 1
        if teasers > bp.TEASER_MAX_LINES or len(line.text) > bp.TEASER_MAX_LINE_CHARS:
            return None
    return None


def _classify(lines: list[_Line]) -> list[bool]:
    """For each line, whether it is removed as furniture (blank lines are kept)."""
    removed = [bool(line.text) and _is_boilerplate(line.text) for line in lines]
    tail = _teaser_start(lines)
    if tail is not None:
        for index in range(tail, len(lines)):
            removed[index] = True
    seen: set[str] = set()
    for index, line in enumerate(lines[: bp.DUPLICATE_WINDOW_LINES]):
        if removed[index] or not line.text:
            continue
        if line.text in seen and len(line.text) <= bp.DUPLICATE_MAX_CHARS:
            removed[index] = True
        seen.add(line.text)
    for index, line in enumerate(lines):
        if not removed[index] and line.text and _is_teaser_marker(line.text):
            removed[index] = True
    return removed


def _removed_spans(raw: str, lines: list[_Line], removed: list[bool]) -> tuple[Span, ...]:
    spans: list[Span] = []
    tail = len(lines)
    while tail > 0 and (removed[tail - 1] or not lines[tail - 1].text):
        tail -= 1
    # A removed block reaching the end of the text is reported as one span.
    first_tail = next((i for i in range(tail, len(lines)) if removed[i]), None)
    for index in range(tail):
        if removed[index]:
            line = lines[index]
            spans.append(Span(line.start, line.end, line.text))
    if first_tail is not None:
        start = lines[first_tail].start
        end = max(line.end for line in lines[first_tail:] if line.text)
        spans.append(Span(start, end, raw[start:end]))
    return tuple(spans)


def _normalise(line: _Line, out: list[str], offsets: list[int]) -> None:
    text, base, pos = line.text, line.start, 0
    for match in _CHANGE.finditer(text):
        a, b = match.span()
        if a > pos:
            out.append(text[pos:a])
            offsets.extend(range(base + pos, base + a))
        found = match.group()
        new = _REPLACE.get(found)
        if new is None:
            inside = a > 0 and b < len(text)  # a mojibake space may sit at either end
            new = " " if inside and any(c in _SPACE_CHARS for c in found) else ""
        out.append(new)
        offsets.extend([base + a] * len(new))
        pos = b
    if pos < len(text):
        out.append(text[pos:])
        offsets.extend(range(base + pos, base + len(text)))


def clean(doc: RawDocument) -> CleanText:
    """Remove page furniture and normalise characters, keeping an offset map."""
    raw = doc.text
    lines = _split_lines(raw)
    removed = _classify(lines)
    out: list[str] = []
    offsets: list[int] = []
    previous: _Line | None = None
    blank_since = False
    last_break = 0
    for index, line in enumerate(lines):
        if removed[index]:
            last_break = line.brk
            continue
        if not line.text:
            blank_since = previous is not None
            last_break = line.brk
            continue
        if previous is not None:
            out.append("\n")
            offsets.append(previous.brk)
            if blank_since:
                out.append("\n")
                offsets.append(max(previous.brk, last_break))
        _normalise(line, out, offsets)
        previous, blank_since, last_break = line, False, line.brk
    offsets.append(len(raw))
    return CleanText(
        text="".join(out),
        offsets=tuple(offsets),
        removed=_removed_spans(raw, lines, removed),
    )
