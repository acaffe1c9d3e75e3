"""Stage 9, align: mentions of one statement across articles become one statement.

Candidates come from MinHash LSH over each mention's sentences, with band keys
in the indexed table `align_bands` (new postings collect in the small
`align_bands_new` and are folded in key order in bulk, so that an insert does not
rewrite pages all over a large index), so that a new mention looks up only the
mentions sharing a band (no all-pairs comparison) and a new article joins the
statements already stored. Two indexes are kept:

- wording: word 3-shingles, any speaker: verbatim, near-verbatim and fragments;
- content: stemmed content words, keyed by speaker and publication week:
  reported speech and translation variants of one speaker's words.

Candidates are verified by token alignment (difflib on normalised tokens, with
containment for fragments) and speakers must agree (the same speaker, or an
unknown side when the wording is near-identical). A statement's said_on is the
consensus of its dated mentions, and undated mentions inherit it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, cast

import numpy as np

from quotetrail.lexicons.align import SPELLING, STOPWORDS, SUFFIXES
from quotetrail.minhash import band_keys, hash_items, keys_of_many, signatures

MatchKind = Literal["verbatim", "near", "fragment", "paraphrase", "none"]
# "skip": canonical words outside the part a fragment quotes (see word_diff).

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_DASHES = re.compile(r"[-‐‑‒–—_/]")

# Sentences longer than this are cut into overlapping windows so that a short
# fragment still shares most shingles with one window (seeds: quoted fragments
# are 8-25 words, source sentences up to 60).
_WINDOW = 24
_STRIDE = 12
# Wording index: 16 bands of 3 rows catch 3-shingle Jaccard 0.5 with p=0.88
# and 0.3 with p=0.35; unrelated sentences (J<0.05) collide with p<0.001.
_WORD_BANDS, _WORD_ROWS = 16, 3
# Content index: 16 bands of 2 rows catch content-word Jaccard 0.35 (the
# paraphrases in the seeds score 0.33-0.6) with p=0.88, J=0.05 with p=0.04;
# the speaker and week in the key keep that 4% to one person's recent quotes.
_CONTENT_BANDS, _CONTENT_ROWS = 16, 2
_WORD_SALT, _CONTENT_SALT = 0x51, 0xC7
# Candidates verified per mention, most shared bands first: bounds the cost
# of a sentence repeated in thousands of articles.
_MAX_CANDIDATES = 200
# Stop-band: a band key stops taking postings at this many mentions. On 2k
# allsides articles 99.9% of keys hold 1-2 and the largest 118 (one boilerplate
# sentence); a new copy still finds the first 64, all of one statement.
_MAX_POSTINGS = 64
# New postings folded into the main index once this many collect (~100 allsides
# articles): one pass in key order then rewrites each index page at most once.
_FOLD_POSTINGS = 60_000
# Verification thresholds, checked by hand on the seeds and 40 allsides pairs:
# translation variants of one sentence score 0.8-0.95 similarity, different
# sentences of one speech below 0.45.
_NEAR = 0.8
_LOOSE_NEAR = 0.6
_CONTAIN = 0.8
_MIN_FRAGMENT = 5
_MIN_BLOCK = 3
# Paraphrase: at least 4 shared content words covering 60% of the shorter
# side (seeds: true pairs 0.67-1.0, topic-only pairs of one speech 0.5-0.57),
# and one shared pair of adjacent content words (word order evidence).
_PARA_SHARED = 4
_PARA_COVER = 0.6
# Reported speech of one event appears within a week (seeds: 0-2 days).
_PARA_DAYS = 7

_RNG = np.random.default_rng(20240521)
_WORD_SEEDS = _RNG.integers(0, 1 << 63, size=_WORD_BANDS * _WORD_ROWS, dtype=np.uint64)
_CONTENT_SEEDS = _RNG.integers(0, 1 << 63, size=_CONTENT_BANDS * _CONTENT_ROWS, dtype=np.uint64)


# ---------------------------------------------------------------- text


def tokens(text: str) -> list[str]:
    """Words compared across outlets: case, quotes, hyphens, possessives folded."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text).replace("'", "")
    words = _WORD.findall(_DASHES.sub(" ", text))
    return [SPELLING.get(w, w) for w in words]


def normalise(text: str) -> str:
    return " ".join(tokens(text))


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix stripper: "liberation" and "liberate" both give "liber"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(words: Sequence[str]) -> list[str]:
    return [stem(w) for w in words if w not in STOPWORDS and not w.isdigit()]


def units(text: str) -> list[list[str]]:
    """Sentences as token lists; long ones as overlapping windows."""
    found: list[list[str]] = []
    for sentence in _SENTENCE_END.split(text):
        words = tokens(sentence)
        if len(words) <= _WINDOW:
            if words:
                found.append(words)
            continue
        for start in range(0, len(words) - _STRIDE, _STRIDE):
            found.append(words[start : start + _WINDOW])
    return found


def statement_id(content_hash: str, start: int) -> str:
    """Stable across re-ingest: derived from the first mention's article and offset."""
    return hashlib.sha1(f"{content_hash}:{start}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------- LSH


def wording_keys(words: Sequence[str]) -> list[int]:
    """Band keys of one sentence's word 3-shingles."""
    grams = [" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))]
    return band_keys(hash_items(grams), _WORD_SEEDS, _WORD_BANDS, _WORD_ROWS, _WORD_SALT, 0)


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class Match:
    """How two wordings relate; kind "none" when they are different statements."""

    kind: MatchKind
    score: float


NO_MATCH = Match("none", 0.0)


@dataclass(frozen=True)
class _Prepared:
    id: int
    article_id: int
    statement_id: str | None
    speaker_id: int | None
    kind: str
    day: int | None
    words: tuple[str, ...]
    units: tuple[tuple[str, ...], ...]


def compare_words(a: Sequence[str], b: Sequence[str]) -> Match:
    """Verbatim, near-verbatim or fragment, from aligned normalised tokens."""
    if not a or not b:
        return NO_MATCH
    if list(a) == list(b):
        return Match("verbatim", 1.0)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = matcher.get_matching_blocks()
    matched = sum(block.size for block in blocks)
    similarity = 2 * matched / (len(a) + len(b))
    if similarity >= _NEAR:
        return Match("near", similarity)
    shorter = min(len(a), len(b))
    contained = sum(block.size for block in blocks if block.size >= _MIN_BLOCK) / shorter
    if shorter >= _MIN_FRAGMENT and contained >= _CONTAIN:
        return Match("fragment", contained)
    if similarity >= _LOOSE_NEAR or (shorter >= 8 and contained >= _LOOSE_NEAR):
        return Match("near", max(similarity, contained) - 0.2)
    return NO_MATCH


def _pairs(terms: Sequence[str]) -> set[frozenset[str]]:
    return {frozenset(terms[i : i + 2]) for i in range(len(terms) - 1) if terms[i] != terms[i + 1]}


def compare_content(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> Match:
    """Paraphrase: shared content words and word order between any two sentences."""
    best = 0.0
    for unit_a in a:
        terms_a = content_words(unit_a)
        set_a = set(terms_a)
        for unit_b in b:
            terms_b = content_words(unit_b)
            set_b = set(terms_b)
            shared = len(set_a & set_b)
            if shared < _PARA_SHARED:
                continue
            cover = shared / min(len(set_a), len(set_b))
            if cover >= _PARA_COVER and _pairs(terms_a) & _pairs(terms_b):
                best = max(best, cover)
    return Match("paraphrase", best) if best else NO_MATCH


def _verify(new: _Prepared, old: _Prepared) -> Match:
    same_speaker = new.speaker_id is not None and new.speaker_id == old.speaker_id
    if new.speaker_id is not None and old.speaker_id is not None and not same_speaker:
        return NO_MATCH
    match = compare_words(new.words, old.words)
    if match.kind == "near" and match.score < _NEAR and not same_speaker:
        match = NO_MATCH
    if match.kind == "fragment" and not same_speaker and min(len(new.words), len(old.words)) < 8:
        match = NO_MATCH
    if match.kind != "none" or not same_speaker:
        return match
    if new.day is not None and old.day is not None and abs(new.day - old.day) > _PARA_DAYS:
        return NO_MATCH
    return compare_content(_with_whole(new), _with_whole(old))


def _with_whole(item: _Prepared) -> tuple[tuple[str, ...], ...]:
    """Sentence units, plus the whole text when it is short enough to be one thought."""
    if 1 < len(item.units) <= 3:
        return (*item.units, item.words)
    return item.units


_RANK: dict[str, int] = {"verbatim": 4, "near": 3, "fragment": 2, "paraphrase": 1, "none": 0}


# ---------------------------------------------------------------- assignment


def day_number(published: str | None) -> int | None:
    """The proleptic ordinal of an ISO date, or None when there is none."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def prepare_mention(row: sqlite3.Row | tuple[object, ...]) -> _Prepared:
    """A stored mention row (id, article, text, statement, speaker, kind, published), prepared."""
    mention_id, article_id, text, statement, speaker, kind, published = tuple(row)
    return _Prepared(
        id=int(str(mention_id)),
        article_id=int(str(article_id)),
        statement_id=statement if isinstance(statement, str) else None,
        speaker_id=speaker if isinstance(speaker, int) else None,
        kind=str(kind),
        day=day_number(published if isinstance(published, str) else None),
        words=_parsed(str(text))[0],
        units=_parsed(str(text))[1],
    )


# Mention texts remembered with their tokens: the candidates of one article are
# mostly the popular mentions of the last ones (allsides: ~2 loads per mention).
@functools.lru_cache(maxsize=1 << 14)
def _parsed(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    return tuple(tokens(text)), tuple(tuple(u) for u in units(text))


_MENTION_SQL = (
    "SELECT m.id, m.article_id, m.text, m.statement_id, m.speaker_id, m.kind, a.published"
    " FROM mentions m JOIN articles a ON a.id = m.article_id"
)


def mention_keys(item: _Prepared) -> tuple[list[int], list[int]]:
    """Keys to look up (content keys of this and the adjacent weeks) and keys to store."""
    return _keys_many([item])[0]


def _keys_many(items: Sequence[_Prepared]) -> list[tuple[list[int], list[int]]]:
    """`mention_keys` of many mentions, with one MinHash pass per index for all their sentences."""
    wording_sets: list[np.ndarray] = []
    content_sets: list[np.ndarray] = []
    content_extras: list[int] = []
    plan: list[list[tuple[int, int]]] = []  # per item, per unit: (wording row, content row)
    for item in items:
        week = _week(item)
        rows: list[tuple[int, int]] = []
        for unit in item.units:
            grams = [" ".join(unit[i : i + 3]) for i in range(max(1, len(unit) - 2))]
            wording_sets.append(hash_items(grams))
            content_row = -1
            if item.speaker_id is not None:
                terms = content_words(unit)
                if len(set(terms)) >= 3:
                    content_row = len(content_sets)
                    content_sets.append(hash_items(terms))
                    extra = item.speaker_id * 100_003
                    content_extras.extend((extra + week - 1, extra + week, extra + week + 1))
            rows.append((len(wording_sets) - 1, content_row))
        plan.append(rows)
    wording = _many(wording_sets, _WORD_SEEDS, _WORD_BANDS, _WORD_ROWS, _WORD_SALT, None)
    content = _many(
        content_sets, _CONTENT_SEEDS, _CONTENT_BANDS, _CONTENT_ROWS, _CONTENT_SALT, content_extras
    )
    found: list[tuple[list[int], list[int]]] = []
    for rows in plan:
        lookup: list[int] = []
        own: list[int] = []
        for wording_row, content_row in rows:
            lookup.extend(wording[wording_row])
            own.extend(wording[wording_row])
            if content_row >= 0:
                before, this, after = content[3 * content_row : 3 * content_row + 3]
                lookup.extend(before + this + after)
                own.extend(this)
        found.append((lookup, own))
    return found


def _many(
    hashed: list[np.ndarray],
    seeds: np.ndarray,
    bands: int,
    rows: int,
    salt: int,
    extras: list[int] | None,
) -> list[list[int]]:
    """Band keys of each hashed set; with `extras`, len(extras)/len(hashed) key rows per set."""
    if not hashed:
        return []
    sigs = signatures(hashed, seeds)
    if extras is None:
        extras = [0] * len(hashed)
    else:
        sigs = np.repeat(sigs, len(extras) // len(hashed), axis=0)
    return cast(list[list[int]], keys_of_many(sigs, bands, rows, salt, extras).tolist())


def _week(item: _Prepared) -> int:
    return item.day // 7 if item.day is not None else -1


def candidates(conn: sqlite3.Connection, keys: Sequence[int], exclude: int) -> list[int]:
    """Mentions sharing band keys, most shared bands first."""
    if not keys:
        return []
    unique = list(dict.fromkeys(keys))
    counts: Counter[int] = Counter()
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        for mention_id, count in conn.execute(
            f"SELECT mention_id, COUNT(*) FROM ({_postings_sql(len(chunk))}) GROUP BY mention_id",
            chunk + chunk,
        ):
            counts[int(mention_id)] += int(count)
    counts.pop(exclude, None)
    return [m for m, _ in counts.most_common(_MAX_CANDIDATES)]


def _load(conn: sqlite3.Connection, ids: Sequence[int]) -> list[_Prepared]:
    found: list[_Prepared] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"{_MENTION_SQL} WHERE m.id IN ({marks}) AND m.statement_id IS NOT NULL", chunk
        ).fetchall()
        found.extend(prepare_mention(r) for r in rows)
    return found


@dataclass
class _ArticleIndex:
    """One article's view of the band index while its mentions are placed in order.

    Postings of earlier articles are read once for all the article's keys;
    mentions placed so far are indexed here, as the stored table would have them.
    Candidates are cached with their statement, and merges done here are followed.
    """

    stored: dict[int, list[int]]
    local: dict[int, list[int]]
    prepared: dict[int, _Prepared]
    moved: dict[str, str]

    def statement(self, statement: str) -> str:
        while statement in self.moved:
            statement = self.moved[statement]
        return statement


def _postings(conn: sqlite3.Connection, keys: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    unique = sorted(set(keys))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        for key, mention_id in conn.execute(_postings_sql(len(chunk)), chunk + chunk):
            found.setdefault(int(key), []).append(int(mention_id))
    return found


def _candidates_of(
    conn: sqlite3.Connection, index: _ArticleIndex, item: _Prepared, lookup: Sequence[int]
) -> list[_Prepared]:
    """As `candidates` then `_load`, from the article's index instead of one query each."""
    keys = set(lookup)
    hits: list[int] = []
    for key in keys.intersection(index.stored):
        hits.extend(index.stored[key])
    for key in keys.intersection(index.local):
        hits.extend(index.local[key])
    if not hits:
        return []
    counts = Counter(hits)
    counts.pop(item.id, None)
    found = sorted(counts, key=lambda m: (-counts[m], m))[:_MAX_CANDIDATES]
    missing = [m for m in found if m not in index.prepared]
    for fetched in _load(conn, missing):
        index.prepared[fetched.id] = fetched
    loaded = []
    for mention_id in found:
        other = index.prepared.get(mention_id)
        if other is None or other.statement_id is None:
            continue
        statement = index.statement(other.statement_id)
        if statement != other.statement_id:
            other = replace(other, statement_id=statement)
            index.prepared[mention_id] = other
        loaded.append(other)
    return loaded


def assign_statements(conn: sqlite3.Connection, article_id: int) -> None:
    """Place each of the article's mentions in an existing statement or a new one."""
    content_hash = conn.execute(
        "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
    ).fetchone()[0]
    rows = conn.execute(f"{_MENTION_SQL} WHERE m.article_id = ? ORDER BY m.id", (article_id,))
    items = [prepare_mention(row) for row in rows.fetchall()]
    if not items:
        return
    keyed = _keys_many(items)
    index = _ArticleIndex(
        stored=_postings(conn, (k for lookup, _ in keyed for k in lookup)),
        local={},
        prepared={},
        moved={},
    )
    fields = {
        int(r[0]): r for r in conn.execute(f"{_REFRESH_SQL} WHERE m.article_id = ?", (article_id,))
    }
    bands: list[tuple[int, int]] = []
    for item, (lookup, own) in zip(items, keyed, strict=True):
        best: dict[str, Match] = {}
        for other in _candidates_of(conn, index, item, lookup):
            match = _verify(item, other)
            if match.kind == "none" or other.statement_id is None:
                continue
            current = best.get(other.statement_id, NO_MATCH)
            if (_RANK[match.kind], match.score) > (_RANK[current.kind], current.score):
                best[other.statement_id] = match
        if best:
            chosen = _choose(conn, item, content_hash, best, index.moved)
            conn.execute("UPDATE mentions SET statement_id = ? WHERE id = ?", (chosen, item.id))
            refresh_statement(conn, chosen)
        else:
            chosen = statement_id(content_hash, int(fields[item.id][11]))
            inserted = _insert_single(conn, chosen, fields[item.id])
            conn.execute("UPDATE mentions SET statement_id = ? WHERE id = ?", (chosen, item.id))
            if not inserted:
                refresh_statement(conn, chosen)
        index.prepared[item.id] = replace(item, statement_id=chosen)
        for key in dict.fromkeys(own):
            posted = index.local.get(key)
            earlier = index.stored.get(key)
            # Stop-band: a key already posted this often only repeats what it finds.
            if earlier is None and posted is None:
                index.local[key] = [item.id]
            elif len(earlier or ()) + len(posted or ()) < _MAX_POSTINGS:
                index.local.setdefault(key, []).append(item.id)
            else:
                continue
            bands.append((key, item.id))
    conn.executemany("INSERT INTO align_bands_new (key, mention_id) VALUES (?, ?)", bands)
    pending = conn.execute("SELECT MAX(rowid) FROM align_bands_new").fetchone()[0]
    if pending is not None and pending >= _FOLD_POSTINGS:
        fold_bands(conn)


def fold_bands(conn: sqlite3.Connection) -> None:
    """Move the new postings into the main band index, in key order."""
    conn.execute(
        "INSERT OR IGNORE INTO align_bands (key, mention_id)"
        " SELECT key, mention_id FROM align_bands_new ORDER BY key, mention_id"
    )
    conn.execute("DELETE FROM align_bands_new")


def _postings_sql(size: int) -> str:
    """Postings of `size` keys from both band tables (bind the keys twice)."""
    marks = ",".join("?" * size)
    return (
        f"SELECT key, mention_id FROM align_bands WHERE key IN ({marks})"
        f" UNION ALL SELECT key, mention_id FROM align_bands_new WHERE key IN ({marks})"
    )


def _insert_single(conn: sqlite3.Connection, statement: str, row: sqlite3.Row) -> bool:
    """A new statement of one mention, its fields set at once; False if the id is taken."""
    text, speaker, agreed, first = _fields([row])
    cursor = conn.execute(
        "INSERT OR IGNORE INTO statements (id, speaker_id, text, said_on, said_on_granularity,"
        " first_reported) VALUES (?, ?, ?, ?, ?, ?)",
        (
            statement,
            speaker,
            text,
            agreed.value.isoformat() if agreed else None,
            agreed.granularity if agreed else None,
            first,
        ),
    )
    return cursor.rowcount == 1


def _choose(
    conn: sqlite3.Connection,
    item: _Prepared,
    content_hash: str,
    best: dict[str, Match],
    moved: dict[str, str] | None = None,
) -> str:
    """The best matching statement, merged with the others the wording joins."""
    ranked = sorted(best.items(), key=lambda kv: (-_RANK[kv[1].kind], -kv[1].score, kv[0]))
    chosen = ranked[0][0]
    strong = [sid for sid, m in ranked[1:] if m.kind in ("verbatim", "near") and m.score >= _NEAR]
    if strong:
        keep = _oldest(conn, [chosen, *strong])
        for other in [chosen, *strong]:
            if other != keep and _speakers_agree(conn, keep, other):
                merge_statements(conn, keep, other)
                if moved is not None:
                    moved[other] = keep
        chosen = keep
    return chosen


def _oldest(conn: sqlite3.Connection, ids: list[str]) -> str:
    marks = ",".join("?" * len(ids))
    row = conn.execute(
        f"SELECT id FROM statements WHERE id IN ({marks}) ORDER BY rowid LIMIT 1", ids
    ).fetchone()
    return str(row[0])


def _speakers_agree(conn: sqlite3.Connection, a: str, b: str) -> bool:
    rows = conn.execute(
        "SELECT speaker_id FROM statements WHERE id IN (?, ?) AND speaker_id IS NOT NULL", (a, b)
    ).fetchall()
    return len({r[0] for r in rows}) <= 1


def merge_statements(conn: sqlite3.Connection, keep: str, other: str) -> None:
    """Fold statement `other` into `keep`."""
    conn.execute("UPDATE mentions SET statement_id = ? WHERE statement_id = ?", (keep, other))
    conn.execute("DELETE FROM statements WHERE id = ?", (other,))
    refresh_statement(conn, keep)


# ---------------------------------------------------------------- statement fields


_KIND_ORDER = {"direct": 0, "mixed": 1, "indirect": 2}
_FINENESS = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class DatedMention:
    value: dt.date
    granularity: str
    article_id: int


@dataclass(frozen=True)
class Consensus:
    value: dt.date
    granularity: str
    support: int


def _covers(coarse: DatedMention, day: dt.date) -> bool:
    if coarse.granularity == "year":
        return coarse.value.year == day.year
    if coarse.granularity == "month":
        return (coarse.value.year, coarse.value.month) == (day.year, day.month)
    return coarse.value == day


def consensus(dated: Sequence[DatedMention], latest: dt.date | None) -> Consensus | None:
    """The date most articles agree on, at the finest granularity any gives.

    A date after `latest` (the statement's first report) is impossible and ignored;
    coarser dates support the finer dates they contain; ties go to the earlier date.
    """
    usable = [d for d in dated if latest is None or d.value <= latest]
    for level in ("day", "month", "year"):
        options = {d.value for d in usable if d.granularity == level}
        if not options:
            continue
        scored = []
        for value in options:
            probe = DatedMention(value, level, 0)
            support = {
                d.article_id
                for d in usable
                if _FINENESS[d.granularity] >= _FINENESS[level] and _covers(d, probe.value)
            }
            scored.append((len(support), -value.toordinal(), value))
        support_count, _, value = max(scored)
        return Consensus(value, level, support_count)
    return None


_REFRESH_SQL = (
    "SELECT m.id, m.kind, m.text, m.speaker_id, m.said_on, m.said_on_granularity,"
    " m.said_on_inherited, m.article_id, a.published, a.source, m.said_on_evidence, m.start"
    " FROM mentions m JOIN articles a ON a.id = m.article_id"
)


def _fields(
    rows: Sequence[sqlite3.Row],
) -> tuple[str, int | None, Consensus | None, str | None]:
    """A statement's canonical text, speaker, agreed date and first report, from its mentions."""
    canonical = min(rows, key=lambda r: (_KIND_ORDER.get(r[1], 3), -len(r[2]), r[8] or "~", r[0]))
    speakers = Counter(r[3] for r in rows if r[3] is not None)
    published = [r[8][:10] for r in rows if r[8]]
    first = min(published) if published else None
    dated = [
        DatedMention(dt.date.fromisoformat(r[4][:10]), r[5] or "day", r[7])
        for r in rows
        if r[4] and not r[6]
    ]
    agreed = consensus(dated, dt.date.fromisoformat(first) if first else None)
    return canonical[2], speakers.most_common(1)[0][0] if speakers else None, agreed, first


def refresh_statement(conn: sqlite3.Connection, statement: str) -> None:
    """Recompute text, speaker, said_on (and inherited dates) and first_reported."""
    rows = conn.execute(f"{_REFRESH_SQL} WHERE m.statement_id = ?", (statement,)).fetchall()
    if not rows:
        return
    text, speaker, agreed, first = _fields(rows)
    conn.execute(
        "UPDATE statements SET text = ?, speaker_id = ?, said_on = ?, said_on_granularity = ?,"
        " first_reported = ? WHERE id = ?",
        (
            text,
            speaker,
            agreed.value.isoformat() if agreed else None,
            agreed.granularity if agreed else None,
            first,
            statement,
        ),
    )
    _inherit(conn, statement, rows, agreed)


def _inherit(
    conn: sqlite3.Connection,
    statement: str,
    rows: Sequence[sqlite3.Row],
    agreed: Consensus | None,
) -> None:
    """Undated mentions take the statement's date, marked as inherited."""
    if agreed is None:
        conn.execute(
            "UPDATE mentions SET said_on = NULL, said_on_granularity = NULL,"
            " said_on_evidence = NULL, said_on_inherited = 0"
            " WHERE statement_id = ? AND said_on_inherited = 1",
            (statement,),
        )
        return
    witness = next(
        (r for r in rows if r[4] and not r[6] and r[4][:10] == agreed.value.isoformat()), None
    )
    evidence = f"inherited from aligned coverage ({witness[9]}: {witness[10]})" if witness else ""
    conn.execute(
        "UPDATE mentions SET said_on = ?, said_on_granularity = ?, said_on_evidence = ?,"
        " said_on_inherited = 1"
        " WHERE statement_id = ? AND (said_on IS NULL OR said_on_inherited = 1)",
        (agreed.value.isoformat(), agreed.granularity, evidence, statement),
    )
