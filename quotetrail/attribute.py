"""Stage 6: resolve each quote's speaker mention to a person named in the article.

Names are found with a cheap capitalised-run scan; titles and honorifics are
peeled off into roles. Surnames map to the fullest form of the name, bare
titles ("the Leader", "the president") to the latest person introduced with
that title, pronouns to the leftmost person of the same or a recent sentence
outside quoted content, and "X's official website" to X with a channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotetrail import nlp
from quotetrail.lexicons import titles
from quotetrail.models import Attribution, CleanText, Layout, Quote, Span

# How many sentences back a pronoun may look for its person: news prose
# rarely keeps "he" going for more than three sentences without a name.
PRONOUN_SENTENCES = 4
# Words before a name that may carry its title ("Iran's Supreme Leader Ayatollah").
ROLE_WINDOW_WORDS = 8
# A role right before a capitalised run makes it a person ("president Joe Biden");
# one word further is already "head of Hamas", an organisation.
NEAR_ROLE_WORDS = 1

_WORD = re.compile(r"[\w][\w.'’-]*")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_GENDERED = {"m": frozenset({"he"}), "f": frozenset({"she"})}
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_NAME_STARTS = titles.NOT_NAMES | titles.NAME_LEADERS
_FRONTED_PARTICIPLE = re.compile(r"\s*[A-Z][a-z]+ing\b[^,.;]*,\s*$")
_DETERMINER = re.compile(r"\b(?:the|The|THE|this|This)\s+")
_NP_WORD = re.compile(r"[A-Za-z][\w-]*")
# Words after "the" that may hold a title's head: "the Supreme Leader", "The Iranian Leader".
TITLE_WORDS = 5


@dataclass
class _Person:
    name: str
    tokens: tuple[str, ...]
    roles: list[str] = field(default_factory=list)
    gender: str | None = None


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    person: int


@dataclass
class _Index:
    text: str
    people: list[_Person]
    mentions: list[_Mention]
    sents: list[tuple[int, int]]
    blocked: list[tuple[int, int]]
    resolved: dict[tuple[int, int], int | None] = field(default_factory=dict)


def attribute(
    cleaned: CleanText, quotes: tuple[Quote, ...], layout: Layout | None = None
) -> tuple[Attribution, ...]:
    """One Attribution per quote, in the same order.

    `layout` is stage 4's split of the same text (nlp.layout), made here when not given.
    """
    layout = layout or nlp.layout(cleaned)
    sentences = [(s.start, s.end) for s in layout.sentences]
    index = _build_index(cleaned.text, quotes, sentences)
    return tuple(_attribute_one(index, q) for q in quotes)


# --- names ------------------------------------------------------------------


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _name_runs(text: str, start: int = 0, end: int | None = None) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (with name particles) separated by single spaces."""
    end = len(text) if end is None else end
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    prev_end = -1
    for m in _WORD.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = text[s:e]
        if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in titles.HONORIFICS:
            e -= 1
            word = word[:-1]
        base = word.lower().split("-")[0]
        is_particle = base in titles.NAME_PARTICLES and not _is_cap(word)
        joined = run and text[prev_end:s] == " "
        if _is_cap(word) or (is_particle and run):
            if not joined:
                if run:
                    runs.append(run)
                run = []
            possessive = _POSSESSIVE.search(word) is not None and word[-2:] in ("’s", "'s")
            if possessive:
                e -= 2
            run.append((s, e))
            prev_end = m.end()
            if possessive or m.end() != e:
                runs.append(run)
                run = []
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    cleaned_runs = []
    for r in runs:
        while r and text[r[-1][0] : r[-1][1]].lower().split("-")[0] in titles.NAME_PARTICLES:
            r = r[:-1]
        if r:
            cleaned_runs.append(r)
    return cleaned_runs


def _split_title(text: str, run: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """(roles, name tokens): the name is what follows the last title word in the run."""
    words = [text[s:e] for s, e in run]
    lower = [w.lower() for w in words]
    cut = 0
    roles: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(lower[i : i + 2])
        if pair in titles.MULTIWORD_ROLES:
            roles.append(pair)
            cut = i + 2
            i += 2
            continue
        if lower[i] in titles.HONORIFICS or lower[i] in titles.ROLES:
            roles.append(lower[i].rstrip("."))
            cut = i + 1
        i += 1
    name = run[cut:]
    while name and text[name[0][0] : name[0][1]].lower() in _NOT_NAME_STARTS:
        name = name[1:]
    return roles, name


def _window_roles(text: str, pos: int, width: int, floor: int = 0) -> list[str]:
    """Title words among the `width` words before `pos`, not reaching back past `floor`
    (the previous name: in "Leader Ali Khamenei met Ismail Haniyeh" the title is not Haniyeh's)."""
    lo = max(floor, pos - 80)
    chunk = text[lo:pos]
    chunk = re.split(r"[.;:!?\n]", chunk)[-1]
    words = [w.lower().rstrip(".") for w in _WORD.findall(chunk)][-width:]
    roles = [w for w in words if w in titles.ROLES or w in titles.HONORIFICS]
    joined = " ".join(words)
    roles += [r for r in titles.MULTIWORD_ROLES if r in joined]
    return roles


def _gender_of(roles: list[str]) -> str | None:
    if any(r in titles.FEMALE_HONORIFICS for r in roles):
        return "f"
    if any(r in titles.MALE_HONORIFICS for r in roles):
        return "m"
    return None


def _build_index(text: str, quotes: tuple[Quote, ...], sentences: list[tuple[int, int]]) -> _Index:
    speaker_words: set[str] = set()
    for q in quotes:
        if q.speaker_mention is None:
            continue
        named, _ = _mention_name(text, q.speaker_mention)
        if named:
            speaker_words.add(named[-1].lower())
    people: list[_Person] = []
    by_surname: dict[str, list[int]] = {}
    found: list[tuple[int, int, tuple[str, ...], list[str]]] = []
    runs = _name_runs(text)
    alone = {text[s:e] for run in runs if len(run) == 1 for s, e in run}
    floor = 0  # the end of the previous person's name
    for run in runs:
        roles, name = _split_title(text, run)
        if not name:
            continue
        tokens = tuple(text[s:e] for s, e in name)
        near = _window_roles(text, run[0][0], NEAR_ROLE_WORDS)
        titled = bool(roles) or bool(near)
        in_speakers = tokens[-1].lower() in speaker_words
        if not (titled or in_speakers or _recurs_by_surname(tokens, alone)):
            continue
        roles = roles + _window_roles(text, run[0][0], ROLE_WINDOW_WORDS, floor)
        found.append((name[0][0], name[-1][1], tokens, roles))
        floor = name[-1][1]
    # Longest forms first so "Ali Khamenei" owns "Khamenei".
    for _, _, tokens, roles in sorted(found, key=lambda f: -len(f[2])):
        key = tokens[-1].lower()
        match = next(
            (pi for pi in by_surname.get(key, []) if _compatible(people[pi].tokens, tokens)),
            None,
        )
        if match is None:
            people.append(_Person(" ".join(tokens), tokens))
            match = len(people) - 1
            by_surname.setdefault(key, []).append(match)
        person = people[match]
        person.roles.extend(r for r in roles if r not in person.roles)
        if person.gender is None:
            person.gender = _gender_of(roles)
    mentions: list[_Mention] = []
    for key, ids in by_surname.items():
        if len(key) < 3:
            continue
        for m in re.finditer(r"\b" + re.escape(key) + r"\b", text, re.IGNORECASE):
            if not _is_cap(text[m.start() : m.end()]):
                continue
            pid = ids[0] if len(ids) == 1 else _nearest_full(text, people, ids, m.start())
            mentions.append(_Mention(m.start(), m.end(), pid))
    mentions.sort(key=lambda m: m.start)
    blocked = [(q.content.start, q.content.end) for q in quotes]
    return _Index(text, people, mentions, sentences, blocked)


def _recurs_by_surname(tokens: tuple[str, ...], alone: set[str]) -> bool:
    """An untitled full name whose last word also stands alone: "Ismail Haniyeh … Haniyeh said".

    News style names a person in full once, then by surname; organisations and
    places rarely recur as their last word alone, and their words are screened.
    """
    if not 2 <= len(tokens) <= 3 or tokens[-1] not in alone:
        return False
    return not any(w.lower() in titles.ORGANISATION_WORDS or w.isupper() for w in tokens)


def _compatible(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    if len(part) > len(full):
        return False
    lower_full = [w.lower() for w in full]
    return all(w.lower() in lower_full for w in part)


def _nearest_full(text: str, people: list[_Person], ids: list[int], pos: int) -> int:
    best, best_pos = ids[0], -1
    for pid in ids:
        name = people[pid].name
        at = text.rfind(name, 0, pos + len(name))
        if at > best_pos:
            best, best_pos = pid, at
    return best


# --- resolution -------------------------------------------------------------


def _attribute_one(index: _Index, quote: Quote) -> Attribution:
    mention = quote.speaker_mention
    if mention is None:
        return Attribution(quote, None)
    speaker, roles, channel = _resolve(index, mention)
    return Attribution(quote, speaker, tuple(roles), channel)


def _resolve(index: _Index, mention: Span) -> tuple[str | None, list[str], str | None]:
    text = mention.text.strip()
    lower = text.lower()
    # "X's official website": X speaks through a channel.
    poss = re.match(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$", text)
    if poss is not None:
        rest = poss.group("rest").lower()
        for channel in titles.CHANNELS:
            if rest == channel or rest.endswith(" " + channel):
                owner = Span(
                    mention.start, mention.start + len(poss.group("owner")), poss.group("owner")
                )
                name, roles, _ = _resolve(index, owner)
                return name, roles, channel
    if lower in titles.PRONOUNS:
        pid = _pronoun(index, mention.start, lower)
        return _person_result(index, pid, [])
    named, roles = _mention_name(index.text, mention)
    if not named:
        words = [w.lower().rstrip(".") for w in _WORD.findall(text)]
        role = _head_role(words)
        if role is not None:
            # A bare title ("the Leader", "the Supreme Leader of the Islamic Revolution").
            pid = _by_role(index, role, mention.start)
            if pid is None:
                # "The Palestinian official" after "Haniyeh discussed…": a definite
                # description of the person just mentioned.
                pid = _pronoun(index, mention.start, "they")
            if pid is not None:
                return _person_result(index, pid, [role])
            return None, [role], None
    if named:
        pid = _lookup(index, named, mention.start)
        appos = _appositive_roles(text)
        if pid is not None:
            return _person_result(index, pid, roles + appos)
        return " ".join(named), roles + appos, None
    return None, roles, None


def _mention_name(text: str, mention: Span) -> tuple[tuple[str, ...], list[str]]:
    """(name tokens, roles) of a mention; no tokens for a bare title or a common noun."""
    lower = mention.text.lower()
    words = [w.rstrip(".") for w in _WORD.findall(lower)]
    head_end = mention.start + (m.start() if (m := re.search(r"\bof\b", lower)) else len(lower))
    head_runs = _name_runs(text, mention.start, head_end)
    if _head_role(words) is not None and not any(_split_title(text, r)[1] for r in head_runs):
        return (), []
    roles: list[str] = []
    named: tuple[str, ...] = ()
    for run in _name_runs(text, mention.start, mention.end):
        run_roles, name = _split_title(text, run)
        roles += run_roles
        rest = text[run[-1][1] : mention.end].split(",")[0]
        if name and not re.match(r"^\s*(?:['’]s\s+)?[a-z]", rest):
            # The head of an English noun phrase comes last: "Iran's leader Ali Khamenei".
            named = tuple(text[s:e] for s, e in name)
            if "," in text[run[-1][1] : mention.end]:
                break
    return named, roles


def _appositive_roles(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",")[1:] if p.strip()]
    out = []
    for part in parts:
        words = part.split()
        if words and words[0].lower() in ("a", "an", "the"):
            words = words[1:]
        if words and not _is_cap(words[0]) or (words and words[0].lower() in titles.ROLES):
            out.append(" ".join(words))
    return out


def _head_role(words: list[str]) -> str | None:
    cut = words.index("of") if "of" in words else len(words)
    head = words[:cut]
    joined = " ".join(head)
    for multi in titles.MULTIWORD_ROLES:
        if joined.endswith(multi):
            return multi
    if head and (head[-1] in titles.ROLES or head[-1] in titles.HONORIFICS):
        return head[-1]
    return None


def _person_result(
    index: _Index, pid: int | None, roles: list[str]
) -> tuple[str | None, list[str], str | None]:
    if pid is None:
        return None, roles, None
    person = index.people[pid]
    merged = list(dict.fromkeys(roles))
    return person.name, merged, None


def _lookup(index: _Index, tokens: tuple[str, ...], pos: int) -> int | None:
    key = tokens[-1].lower()
    candidates = [
        pid
        for pid, p in enumerate(index.people)
        if p.tokens[-1].lower() == key and _compatible(p.tokens, tokens)
    ]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    return _nearest_full(index.text, index.people, candidates, pos)


def _by_role(index: _Index, role: str, pos: int) -> int | None:
    # "the Leader" is held by a "supreme leader"; "the official" is not held by an "officer".
    holders = [
        pid
        for pid, p in enumerate(index.people)
        if any(r == role or r.endswith(" " + role) for r in p.roles)
    ]
    if not holders:
        return None
    before = [m for m in index.mentions if m.start < pos and m.person in holders]
    if before:
        return before[-1].person
    after = [m for m in index.mentions if m.start >= pos and m.person in holders]
    return after[0].person if after else holders[0]


def _sent_index(index: _Index, pos: int) -> int:
    for i, (s, e) in enumerate(index.sents):
        if s <= pos < e:
            return i
        if s > pos:
            return max(0, i - 1)
    return len(index.sents) - 1


def _pronoun(index: _Index, pos: int, pronoun: str) -> int | None:
    if pronoun in titles.FEMALE_PRONOUNS:
        gender: str | None = "f"
    elif pronoun in titles.MALE_PRONOUNS:
        gender = "m"
    elif pronoun == "they":
        gender = None
    else:
        return None
    si = _sent_index(index, pos)
    for back in range(PRONOUN_SENTENCES + 1):
        if si - back < 0:
            break
        s, e = index.sents[si - back]
        if back == 0 and _FRONTED_PARTICIPLE.match(index.text, s, pos):
            # "Addressing the Supreme Leader, he said": the one addressed is not "he".
            continue
        limit = pos if back == 0 else e
        pid = _leftmost_person(index, s, limit, gender)
        if pid is not None:
            return pid
    return None


def _leftmost_person(index: _Index, start: int, end: int, gender: str | None) -> int | None:
    candidates: list[tuple[int, int]] = []
    for m in index.mentions:
        if start <= m.start < end and not _blocked(index, m.start):
            candidates.append((m.start, m.person))
    for t in _DETERMINER.finditer(index.text, start, end):
        if _blocked(index, t.start()):
            continue
        role = _title_after(index.text, t.end(), end)
        pid = _by_role(index, role, t.start()) if role is not None else None
        if pid is not None:
            candidates.append((t.start(), pid))
    for p in _PRONOUN.finditer(index.text, start, end):
        if _blocked(index, p.start()) or (
            gender is not None and p.group(0).lower() not in _GENDERED[gender]
        ):
            continue
        key = (p.start(), p.end())
        if key not in index.resolved:
            index.resolved[key] = None  # guards against cycles
            index.resolved[key] = _pronoun(index, p.start(), p.group(0).lower())
        pid = index.resolved[key]
        if pid is not None:
            candidates.append((p.start(), pid))
    for _, pid in sorted(candidates):
        known = index.people[pid].gender
        if known is None or gender is None or known == gender:
            return pid
    return None


def _title_after(text: str, pos: int, end: int) -> str | None:
    """The title heading the noun phrase at `pos`, after a determiner, if any."""
    words: list[str] = []
    while len(words) < TITLE_WORDS:
        m = _NP_WORD.match(text, pos, end)
        if m is None:
            return None
        word = m.group(0).lower()
        if word in ("of", "the", "a", "an", "this", "that"):
            return None
        words.append(word)
        role = _head_role(words)
        if role is not None:
            return role
        pos = m.end()
        if text[pos : pos + 1] != " ":
            return None
        pos += 1
    return None


def _blocked(index: _Index, pos: int) -> bool:
    return any(a <= pos < b for a, b in index.blocked)
