"""Stage 8, people: one canonical speaker for every name that refers to them.

A name as attributed ("Iran's supreme leader Ayatollah Ali Khamenei") is
parsed into a bare personal name ("Ali Khamenei") and roles ("Iran's supreme
leader", "Ayatollah"). Pronouns and bare titles are never names: such
mentions keep speaker_id NULL. A name joins a speaker by its exact key, else
by surname when the given names agree; a bare surname joins only when one
person with that surname fits the context (the article's other names, roles,
co-occurring speakers). User alias files and manual merge/split fixes are
applied on top, and the fixes are replayed after every article so that they
survive re-ingest.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from quotetrail.errors import BadParameter, NotFound, UnreadableInput
from quotetrail.lexicons.people import (
    DETERMINERS,
    EXTRA_HONORIFICS,
    GENERIC_ROLE_WORDS,
    NAME_SUFFIXES,
    SURNAME_TITLES,
)
from quotetrail.lexicons.titles import (
    CHANNELS,
    HONORIFICS,
    MULTIWORD_ROLES,
    NAME_PARTICLES,
    NOT_NAMES,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLES,
)

_TITLE_WORDS = (
    frozenset(w.rstrip(".") for w in HONORIFICS) | EXTRA_HONORIFICS | ROLES | ROLE_MODIFIERS
)
_HONORIFIC_WORDS = frozenset(w.rstrip(".") for w in HONORIFICS) | EXTRA_HONORIFICS
_CHANNELS = frozenset(CHANNELS) | {"official " + c for c in CHANNELS}
_MULTIWORD = tuple(tuple(role.replace("-", " ").split()) for role in MULTIWORD_ROLES)
_EDGE_PUNCT = "\"'“”‘’,;:!?()[]{}«»"
_POSSESSIVE = re.compile(r"^(.+?)['’]s?$")
# Speakers keep at most this many roles: enough for every title seen on the
# seeds (5 for Khamenei) without a prolific speaker's list growing unbounded.
_MAX_ROLES = 24
# A bare surname goes to the dominant bearer when that person has this many
# times the mentions of all other bearers together (Donald vs Melania Trump on
# allsides: 60x); below it the mention stays unassigned.
_DOMINANCE = 10
_DOMINANCE_MIN_USES = 20

Resolution = int | Literal["new", "ambiguous"]


@dataclass(frozen=True)
class ParsedName:
    """A person's name with titles removed; `key` is what names are compared on."""

    name: str
    key: str
    surname: str
    given: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class SpeakerSummary:
    id: int
    name: str
    roles: tuple[str, ...]
    wikidata: str | None
    aliases: tuple[str, ...]
    mentions: int
    statements: int


@dataclass(frozen=True)
class AliasEntry:
    canonical: str
    aliases: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True)
class FixResult:
    """What a merge, split or alias load changed."""

    speaker_id: int
    name: str
    mentions_moved: int


# ---------------------------------------------------------------- names


def name_key(text: str) -> str:
    """Accents, case, apostrophes and hyphens folded: "Al-Sisi" and "al Sisi" agree."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold().replace("'", "").replace("’", "").replace("`", "")
    return " ".join(re.findall(r"\w+", folded))


def _clean_word(word: str) -> str:
    word = word.strip(_EDGE_PUNCT)
    bare = word.rstrip(".")
    # Initials and abbreviations keep their dot ("Donald J. Trump", "Jr.").
    if len(bare) <= 1 or bare.casefold() in NAME_SUFFIXES or "." in bare:
        return word
    return bare


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _mark_multiword(folded: list[str]) -> set[int]:
    marked: set[int] = set()
    for role in _MULTIWORD:
        size = len(role)
        for i in range(len(folded) - size + 1):
            if tuple(folded[i : i + size]) == role:
                marked.update(range(i, i + size))
    return marked


def _particle_word(low: str) -> bool:
    """ "al", "bin" or a particle-prefixed name like "al-Sistani"."""
    head = low.split("-", 1)[0]
    return low in NAME_PARTICLES or ("-" in low and head in NAME_PARTICLES)


def _surname_like(words: list[str], folded: list[str], i: int, multi: set[int]) -> bool:
    """A title word ending a name after a given name is a surname ("Martin Luther King")."""
    rest = [f for f in folded[i + 1 :] if f.rstrip(".") not in NAME_SUFFIXES]
    if rest or i == 0 or i in multi or folded[i] not in SURNAME_TITLES:
        return False
    if not _is_capitalised(words[i]):
        return False
    before, low = words[i - 1], folded[i - 1]
    return (
        _is_capitalised(before)
        and low not in _TITLE_WORDS
        and low not in DETERMINERS
        and not before.endswith(("'s", "’s"))
    )


def _owner(words: list[str]) -> list[str]:
    """ "Khamenei's official website" names Khamenei; "Iran's leader Ali" is not a channel."""
    for i, word in enumerate(words):
        match = _POSSESSIVE.match(word)
        rest = words[i + 1 :]
        channel = " ".join(rest).casefold()
        if match and word[-2:] in ("'s", "’s") and channel in _CHANNELS:
            return words[:i] + [match.group(1)]
    return words


def _parse_segment(segment: str) -> ParsedName | None:
    words = [_clean_word(w) for w in segment.split()]
    words = _owner([w for w in words if w])
    if not words:
        return None
    folded = [w.casefold().rstrip(".") for w in words]
    multi = _mark_multiword(folded)
    last_break = -1
    for i, (word, low) in enumerate(zip(words, folded, strict=True)):
        possessive = word.endswith(("'s", "’s"))
        title = i in multi or low in _TITLE_WORDS or low in DETERMINERS or low in PRONOUNS
        if title and _surname_like(words, folded, i, multi):
            title = False
        lower = not _is_capitalised(word) and not _particle_word(low)
        if title or lower or possessive or not any(c.isalpha() for c in word):
            last_break = i
    name_words = words[last_break + 1 :]
    while name_words and name_words[0].casefold() in NAME_PARTICLES:
        name_words = name_words[1:]
    core = [w for w in name_words if w.casefold().rstrip(".") not in NAME_SUFFIXES]
    if not core or all(w.casefold() in NOT_NAMES for w in core):
        return None
    key_tokens = name_key(" ".join(core)).split()
    if not key_tokens:
        return None
    surname = key_tokens[-1]
    given = tuple(t for t in key_tokens[:-1] if t not in NAME_PARTICLES)
    return ParsedName(
        name=" ".join(name_words),
        key=name_key(" ".join(name_words)),
        surname=surname,
        given=given,
        roles=_roles(words[: last_break + 1]),
    )


def _roles(words: list[str]) -> tuple[str, ...]:
    """Honorifics one by one, the rest of the title as one phrase."""
    honorifics = [w for w in words if w.casefold().rstrip(".") in _HONORIFIC_WORDS]
    phrase = [w for w in words if w not in honorifics]
    while phrase and phrase[0].casefold() in DETERMINERS:
        phrase = phrase[1:]
    roles: list[str] = []
    if phrase and not all(w.casefold() in PRONOUNS for w in phrase):
        roles.append(" ".join(phrase))
    roles.extend(honorifics)
    return tuple(roles)


# Distinct attributed names remembered: resolving a common surname re-parses
# every alias of it (allsides 2k: 7.6k parses per 300 articles, 2.2k names).
@functools.lru_cache(maxsize=1 << 15)
def parse_name(text: str) -> ParsedName | None:
    """The personal name in an attributed speaker, or None for a pronoun or bare title."""
    text = re.sub(r"\([^)]*\)", " ", text.replace("’", "'"))
    for segment in text.split(","):
        parsed = _parse_segment(segment.strip())
        if parsed is not None:
            return parsed
    return None


def _givens_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every given name (or initial) of the shorter list appears in the longer."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)

    def fits(token: str) -> bool:
        return any(
            token == other or (min(len(token), len(other)) == 1 and token[0] == other[0])
            for other in long
        )

    return all(fits(t) for t in short)


def _role_words(roles: list[str] | tuple[str, ...]) -> set[str]:
    words = set(name_key(" ".join(roles)).split())
    return words - GENERIC_ROLE_WORDS - set(PRONOUNS)


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True)
class _Candidate:
    id: int
    givens: tuple[tuple[str, ...], ...]
    uses: int
    roles: tuple[str, ...]

    @property
    def surname_only(self) -> bool:
        return not any(self.givens)


def _exact(conn: sqlite3.Connection, key: str) -> list[int]:
    rows = conn.execute(
        "SELECT speaker_id FROM speaker_aliases WHERE key = ?"
        " ORDER BY source = 'user' DESC, uses DESC, speaker_id",
        (key,),
    ).fetchall()
    return list(dict.fromkeys(int(r[0]) for r in rows))


def _user_exact(conn: sqlite3.Connection, key: str) -> int | None:
    row = conn.execute(
        "SELECT speaker_id FROM speaker_aliases WHERE key = ? AND source = 'user'"
        " ORDER BY speaker_id LIMIT 1",
        (key,),
    ).fetchone()
    return int(row[0]) if row else None


def _candidates(conn: sqlite3.Connection, surname: str) -> list[_Candidate]:
    rows = conn.execute(
        "SELECT a.speaker_id, a.alias, a.uses, s.roles FROM speaker_aliases a"
        " JOIN speakers s ON s.id = a.speaker_id WHERE a.surname = ?",
        (surname,),
    ).fetchall()
    givens: dict[int, set[tuple[str, ...]]] = {}
    uses: Counter[int] = Counter()
    roles: dict[int, tuple[str, ...]] = {}
    for speaker_id, alias, count, role_json in rows:
        parsed = parse_name(alias)
        givens.setdefault(speaker_id, set()).add(parsed.given if parsed else ())
        uses[speaker_id] += int(count)
        roles[speaker_id] = tuple(json.loads(role_json))
    return [_Candidate(sid, tuple(sorted(g)), uses[sid], roles[sid]) for sid, g in givens.items()]


@dataclass
class _ArticleContext:
    speakers: set[int]
    by_surname: dict[str, set[int]]


def _resolve(conn: sqlite3.Connection, parsed: ParsedName, ctx: _ArticleContext) -> Resolution:
    if parsed.given:
        exact = _exact(conn, parsed.key)
        if exact:
            return exact[0]
    candidates = _candidates(conn, parsed.surname)
    if not candidates:
        return "new"
    if parsed.given:
        agreeing = [
            (max(len(set(parsed.given) & set(g)) for g in c.givens), c.uses, c.id)
            for c in candidates
            if any(g and _givens_agree(parsed.given, g) for g in c.givens)
        ]
        if agreeing:
            return max(agreeing)[2]
        if len(candidates) == 1 and candidates[0].surname_only:
            return candidates[0].id
        return "new"
    return _resolve_surname(conn, parsed, candidates, ctx)


def _resolve_surname(
    conn: sqlite3.Connection,
    parsed: ParsedName,
    candidates: list[_Candidate],
    ctx: _ArticleContext,
) -> Resolution:
    in_article = ctx.by_surname.get(parsed.surname, set()) & {c.id for c in candidates}
    if len(in_article) == 1:
        return next(iter(in_article))
    if len(candidates) == 1:
        return candidates[0].id
    words = _role_words(parsed.roles)
    if words:
        by_role = [c.id for c in candidates if words & _role_words(c.roles)]
        if len(by_role) == 1:
            return by_role[0]
    if ctx.speakers:
        together = {c.id: _cooccurrences(conn, c.id, ctx.speakers) for c in candidates}
        ranked = sorted(together.items(), key=lambda item: -item[1])
        if ranked[0][1] > 0 and ranked[0][1] >= 2 * ranked[1][1]:
            return ranked[0][0]
    ranked_uses = sorted(candidates, key=lambda c: -c.uses)
    rest = sum(c.uses for c in ranked_uses[1:])
    top = ranked_uses[0]
    if top.uses >= _DOMINANCE_MIN_USES and top.uses >= _DOMINANCE * max(rest, 1):
        return top.id
    return "ambiguous"


def _cooccurrences(conn: sqlite3.Connection, speaker_id: int, others: set[int]) -> int:
    marks = ",".join("?" * len(others))
    row = conn.execute(
        "SELECT COUNT(DISTINCT m1.article_id) FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id"
        f" WHERE m1.speaker_id = ? AND m2.speaker_id IN ({marks})",
        (speaker_id, *others),
    ).fetchone()
    return int(row[0])


def _create(conn: sqlite3.Connection, parsed: ParsedName) -> int:
    cursor = conn.execute("INSERT INTO speakers (name, roles) VALUES (?, '[]')", (parsed.name,))
    return int(cursor.lastrowid or 0)


def _record(
    conn: sqlite3.Connection, speaker_id: int, parsed: ParsedName, source: str = "text"
) -> None:
    conn.execute(
        "INSERT INTO speaker_aliases (speaker_id, alias, source, key, surname, uses)"
        " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (alias, speaker_id) DO UPDATE SET uses = uses + 1",
        (speaker_id, parsed.name, source, parsed.key, parsed.surname),
    )
    if parsed.roles:
        _add_roles(conn, speaker_id, parsed.roles)
    _refresh_name(conn, speaker_id)


def _add_roles(conn: sqlite3.Connection, speaker_id: int, roles: tuple[str, ...]) -> None:
    current: list[str] = json.loads(
        conn.execute("SELECT roles FROM speakers WHERE id = ?", (speaker_id,)).fetchone()[0]
    )
    known = {r.casefold() for r in current}
    for role in roles:
        if role.casefold() not in known and len(current) < _MAX_ROLES:
            current.append(role)
            known.add(role.casefold())
    conn.execute("UPDATE speakers SET roles = ? WHERE id = ?", (json.dumps(current), speaker_id))


def _refresh_name(conn: sqlite3.Connection, speaker_id: int) -> None:
    """The most used full name, unless the user fixed the name."""
    name = conn.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()[0]
    pinned = conn.execute(
        "SELECT 1 FROM speaker_aliases WHERE speaker_id = ? AND source = 'user' AND key = ?",
        (speaker_id, name_key(name)),
    ).fetchone()
    if pinned:
        return
    best = conn.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ?"
        " ORDER BY instr(key, ' ') > 0 DESC, uses DESC, length(alias) DESC LIMIT 1",
        (speaker_id,),
    ).fetchone()
    if best and best[0] != name:
        conn.execute("UPDATE speakers SET name = ? WHERE id = ?", (best[0], speaker_id))


def assign_speakers(conn: sqlite3.Connection, article_id: int) -> None:
    """Set speaker_id on the article's mentions, creating speakers as needed."""
    rows = conn.execute(
        "SELECT id, speaker_name, roles FROM mentions"
        " WHERE article_id = ? AND speaker_name IS NOT NULL",
        (article_id,),
    ).fetchall()
    parsed_rows: list[tuple[int, str, ParsedName | None, tuple[str, ...]]] = []
    for mention_id, raw, roles_json in rows:
        parsed_rows.append((mention_id, raw, parse_name(raw), tuple(json.loads(roles_json))))
    # Full names first, so that a bare surname can lean on them.
    parsed_rows.sort(key=lambda r: (r[2] is None or not r[2].given, r[0]))
    ctx = _ArticleContext(speakers=set(), by_surname={})
    decided: dict[str, int | None] = {}
    for mention_id, raw, parsed, roles in parsed_rows:
        user = _user_exact(conn, name_key(raw))
        if parsed is None:
            conn.execute(
                "UPDATE mentions SET speaker_id = ?, speaker_key = ? WHERE id = ?",
                (user, name_key(raw), mention_id),
            )
            continue
        parsed = ParsedName(
            parsed.name, parsed.key, parsed.surname, parsed.given, parsed.roles + roles
        )
        if user is None and parsed.key in decided:
            speaker: int | None = decided[parsed.key]
        else:
            found: Resolution = user if user is not None else _resolve(conn, parsed, ctx)
            speaker = _create(conn, parsed) if found == "new" else None
            if isinstance(found, int):
                speaker = found
            decided[parsed.key] = speaker
        if speaker is not None:
            _record(conn, speaker, parsed)
            ctx.speakers.add(speaker)
            ctx.by_surname.setdefault(parsed.surname, set()).add(speaker)
        conn.execute(
            "UPDATE mentions SET speaker_id = ?, speaker_key = ? WHERE id = ?",
            (speaker, parsed.key, mention_id),
        )
    replay_fixes(conn, article_id)


# ---------------------------------------------------------------- manual fixes


def _key_of(text: str) -> str:
    parsed = parse_name(text)
    return parsed.key if parsed else name_key(text)


def find_speaker(conn: sqlite3.Connection, name: str) -> int:
    """The speaker called `name` (by canonical name or any alias)."""
    row = conn.execute(
        "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1", (name,)
    ).fetchone()
    if row:
        return int(row[0])
    for key in dict.fromkeys((name_key(name), _key_of(name))):
        ids = _exact(conn, key)
        if ids:
            return ids[0]
    raise NotFound(f"no speaker is called {name!r}. Run `quotetrail speakers` to list them.")


def _merge(conn: sqlite3.Connection, keep: int, drop: int) -> int:
    """Fold speaker `drop` into `keep`; returns the number of mentions moved."""
    if keep == drop:
        return 0
    moved = conn.execute(
        "UPDATE mentions SET speaker_id = ? WHERE speaker_id = ?", (keep, drop)
    ).rowcount
    conn.execute("UPDATE statements SET speaker_id = ? WHERE speaker_id = ?", (keep, drop))
    for alias, source, key, surname, uses in conn.execute(
        "SELECT alias, source, key, surname, uses FROM speaker_aliases WHERE speaker_id = ?",
        (drop,),
    ).fetchall():
        conn.execute(
            "INSERT INTO speaker_aliases (speaker_id, alias, source, key, surname, uses)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alias, speaker_id)"
            " DO UPDATE SET uses = uses + excluded.uses",
            (keep, alias, source, key, surname, uses),
        )
    conn.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", (drop,))
    roles, wikidata = conn.execute(
        "SELECT roles, wikidata FROM speakers WHERE id = ?", (drop,)
    ).fetchone()
    _add_roles(conn, keep, tuple(json.loads(roles)))
    conn.execute(
        "UPDATE speakers SET wikidata = COALESCE(wikidata, ?) WHERE id = ?", (wikidata, keep)
    )
    conn.execute("DELETE FROM speakers WHERE id = ?", (drop,))
    return int(moved)


def _pin(conn: sqlite3.Connection, speaker_id: int, name: str) -> None:
    """Make `name` the speaker's user-fixed canonical name."""
    parsed = parse_name(name)
    key = parsed.key if parsed else name_key(name)
    surname = parsed.surname if parsed else key.split(" ")[-1]
    conn.execute(
        "INSERT INTO speaker_aliases (speaker_id, alias, source, key, surname, uses)"
        " VALUES (?, ?, 'user', ?, ?, 0) ON CONFLICT (alias, speaker_id)"
        " DO UPDATE SET source = 'user'",
        (speaker_id, name, key, surname),
    )
    conn.execute("UPDATE speakers SET name = ? WHERE id = ?", (name, speaker_id))


def _fix(conn: sqlite3.Connection, action: str, a: str, b: str) -> None:
    """Record a fix; it supersedes earlier fixes of the opposite kind on the same name."""
    opposite = "split" if action == "merge" else "merge"
    for fix_id, name_b in conn.execute(
        "SELECT id, name_b FROM speaker_fixes WHERE action = ?", (opposite,)
    ).fetchall():
        if _key_of(name_b) == _key_of(b):
            conn.execute("DELETE FROM speaker_fixes WHERE id = ?", (fix_id,))
    conn.execute(
        "INSERT INTO speaker_fixes (action, name_a, name_b, created_at) VALUES (?, ?, ?, ?)",
        (action, a, b, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )


def merge_speakers(conn: sqlite3.Connection, keep: str, other: str) -> FixResult:
    """Merge speaker `other` into `keep` and remember it for future ingests."""
    keep_id, other_id = find_speaker(conn, keep), find_speaker(conn, other)
    if keep_id == other_id:
        raise BadParameter(f"{keep!r} and {other!r} are already one speaker.")
    name = conn.execute("SELECT name FROM speakers WHERE id = ?", (keep_id,)).fetchone()[0]
    moved = _merge(conn, keep_id, other_id)
    _pin(conn, keep_id, name)
    _fix(conn, "merge", name, other)
    _refresh_statement_speakers(conn, keep_id)
    return FixResult(keep_id, name, moved)


def split_speaker(conn: sqlite3.Connection, name: str, alias: str) -> FixResult:
    """Move the mentions of `name` written as `alias` to a speaker of their own."""
    source_id = find_speaker(conn, name)
    key = _key_of(alias)
    count = conn.execute(
        "SELECT COUNT(*) FROM mentions WHERE speaker_id = ? AND speaker_key = ?",
        (source_id, key),
    ).fetchone()[0]
    if not count:
        raise NotFound(
            f"no mention of {name!r} is written {alias!r}. "
            "Run `quotetrail speakers` to see each speaker's aliases."
        )
    parsed = parse_name(alias)
    display = parsed.name if parsed else alias
    target = int(
        conn.execute("INSERT INTO speakers (name, roles) VALUES (?, '[]')", (display,)).lastrowid
        or 0
    )
    conn.execute("DELETE FROM speaker_aliases WHERE speaker_id = ? AND key = ?", (source_id, key))
    _pin(conn, target, display)
    moved = _apply_split(conn, source_id, target, key, None)
    _fix(conn, "split", name, alias)
    return FixResult(target, display, moved)


def _apply_split(
    conn: sqlite3.Connection, source_id: int, target: int, key: str, article_id: int | None
) -> int:
    moved = conn.execute(
        "UPDATE mentions SET speaker_id = ? WHERE speaker_id = ? AND speaker_key = ?"
        " AND (? IS NULL OR article_id = ?)",
        (target, source_id, key, article_id, article_id),
    ).rowcount
    _refresh_statement_speakers(conn, target)
    _refresh_statement_speakers(conn, source_id)
    return int(moved)


def replay_fixes(conn: sqlite3.Connection, article_id: int) -> None:
    """Re-apply every manual fix to the state after one article's ingest."""
    fixes = conn.execute("SELECT action, name_a, name_b FROM speaker_fixes ORDER BY id").fetchall()
    for action, a, b in fixes:
        keys = {_key_of(a), name_key(a)}
        owners = [i for k in keys for i in _exact(conn, k)]
        if not owners:
            continue
        keep = owners[0]
        if action == "merge":
            for key in {_key_of(b), name_key(b)} | keys:
                for other in _exact(conn, key):
                    if other != keep:
                        _merge(conn, keep, other)
                        _refresh_statement_speakers(conn, keep)
        else:
            key = _key_of(b)
            target = conn.execute(
                "SELECT speaker_id FROM speaker_aliases WHERE key = ? AND source = 'user'"
                " AND speaker_id != ? LIMIT 1",
                (key, keep),
            ).fetchone()
            if target:
                _apply_split(conn, keep, int(target[0]), key, article_id)


def _refresh_statement_speakers(conn: sqlite3.Connection, speaker_id: int) -> None:
    """Statements take the most common speaker of their mentions."""
    conn.execute(
        "UPDATE statements SET speaker_id = (SELECT m.speaker_id FROM mentions m"
        " WHERE m.statement_id = statements.id AND m.speaker_id IS NOT NULL"
        " GROUP BY m.speaker_id ORDER BY COUNT(*) DESC, m.speaker_id LIMIT 1)"
        " WHERE id IN (SELECT statement_id FROM mentions WHERE speaker_id = ?"
        " AND statement_id IS NOT NULL) OR speaker_id = ?",
        (speaker_id, speaker_id),
    )


# ---------------------------------------------------------------- user aliases


def read_alias_file(path: Path) -> list[AliasEntry]:
    """CSV (canonical, aliases separated by ; or |, wikidata) or JSON alias entries."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UnreadableInput(str(path), f"cannot read the alias file ({error}).") from error
    if path.suffix.casefold() == ".json" or text.lstrip().startswith(("[", "{")):
        return _alias_json(str(path), text)
    return _alias_csv(text)


def _alias_json(source: str, text: str) -> list[AliasEntry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(source, f"not valid JSON ({error}).") from error
    if isinstance(data, dict):
        data = [{"name": k, "aliases": v} for k, v in data.items()]
    entries: list[AliasEntry] = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        name = item.get("name") or item.get("canonical")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = re.split(r"[;|]", aliases)
        if isinstance(name, str) and name.strip():
            wikidata = item.get("wikidata")
            entries.append(
                AliasEntry(
                    name.strip(),
                    tuple(str(a).strip() for a in aliases if str(a).strip()),
                    str(wikidata) if wikidata else None,
                )
            )
    if not entries:
        raise UnreadableInput(
            source, 'no entries: expected [{"name": ..., "aliases": [...], "wikidata": ...}].'
        )
    return entries


def _alias_csv(text: str) -> list[AliasEntry]:
    rows = [r for r in csv.reader(text.splitlines()) if r and any(c.strip() for c in r)]
    if rows and rows[0][0].strip().casefold() in ("canonical", "name"):
        rows = rows[1:]
    entries = []
    for row in rows:
        aliases = re.split(r"[;|]", row[1]) if len(row) > 1 else []
        wikidata = row[2].strip() if len(row) > 2 and row[2].strip() else None
        entries.append(
            AliasEntry(row[0].strip(), tuple(a.strip() for a in aliases if a.strip()), wikidata)
        )
    return entries


def load_aliases(conn: sqlite3.Connection, entries: list[AliasEntry]) -> list[FixResult]:
    """Store user aliases and apply them to the mentions already stored."""
    results = []
    for entry in entries:
        keys = {name_key(n) for n in (entry.canonical, *entry.aliases)}
        keys |= {_key_of(n) for n in (entry.canonical, *entry.aliases)}
        existing = [i for k in sorted(keys) for i in _exact(conn, k)]
        if existing:
            speaker = existing[0]
        else:
            speaker = int(
                conn.execute(
                    "INSERT INTO speakers (name, roles) VALUES (?, '[]')", (entry.canonical,)
                ).lastrowid
                or 0
            )
        for other in dict.fromkeys(existing[1:]):
            _merge(conn, speaker, other)
        for alias in entry.aliases:
            parsed = parse_name(alias)
            for key in {name_key(alias), parsed.key if parsed else name_key(alias)}:
                conn.execute(
                    "INSERT INTO speaker_aliases (speaker_id, alias, source, key, surname, uses)"
                    " VALUES (?, ?, 'user', ?, ?, 0) ON CONFLICT (alias, speaker_id)"
                    " DO UPDATE SET source = 'user', key = excluded.key",
                    (
                        speaker,
                        alias if key == name_key(alias) else parsed.name if parsed else alias,
                        key,
                        key.split(" ")[-1],
                    ),
                )
        _pin(conn, speaker, entry.canonical)
        if entry.wikidata:
            conn.execute("UPDATE speakers SET wikidata = ? WHERE id = ?", (entry.wikidata, speaker))
        marks = ",".join("?" * len(keys))
        moved = conn.execute(
            f"UPDATE mentions SET speaker_id = ? WHERE speaker_key IN ({marks})"
            " AND speaker_id IS NOT ?",
            (speaker, *keys, speaker),
        ).rowcount
        _refresh_statement_speakers(conn, speaker)
        results.append(FixResult(speaker, entry.canonical, int(moved)))
    _drop_empty(conn)
    return results


def _drop_empty(conn: sqlite3.Connection) -> None:
    """Speakers left with no mentions and no user aliases are removed."""
    conn.execute(
        "DELETE FROM speaker_aliases WHERE speaker_id IN (SELECT s.id FROM speakers s"
        " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.speaker_id = s.id)"
        " AND NOT EXISTS (SELECT 1 FROM speaker_aliases a WHERE a.speaker_id = s.id"
        " AND a.source = 'user'))"
    )
    conn.execute(
        "DELETE FROM speakers WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.speaker_id ="
        " speakers.id) AND NOT EXISTS (SELECT 1 FROM speaker_aliases a"
        " WHERE a.speaker_id = speakers.id) AND NOT EXISTS (SELECT 1 FROM statements st"
        " WHERE st.speaker_id = speakers.id)"
    )


# ---------------------------------------------------------------- listing


def speakers(conn: sqlite3.Connection, limit: int = 100) -> list[SpeakerSummary]:
    """Speakers with their aliases and counts, most quoted first."""
    rows = conn.execute(
        "SELECT s.id, s.name, s.roles, s.wikidata,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.speaker_id = s.id) AS mentions,"
        " (SELECT COUNT(*) FROM statements st WHERE st.speaker_id = s.id) AS statements,"
        " (SELECT GROUP_CONCAT(alias, '\x1f') FROM (SELECT alias FROM speaker_aliases"
        "   WHERE speaker_id = s.id ORDER BY uses DESC, alias)) AS aliases"
        " FROM speakers s ORDER BY mentions DESC, s.name LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        SpeakerSummary(
            id=int(r[0]),
            name=r[1],
            roles=tuple(json.loads(r[2])),
            wikidata=r[3],
            aliases=tuple(r[6].split("\x1f")) if r[6] else (),
            mentions=int(r[4]),
            statements=int(r[5]),
        )
        for r in rows
    ]
