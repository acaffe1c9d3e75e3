"""Cue words that introduce reported speech, and the labels that never do.

Verbs are listed by lemma; `surface_forms` expands them for the cheap regex
that decides which sentences are worth a dependency parse.
"""

from __future__ import annotations

import re


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Quotation marks: those that only open, only close, or do either.
OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
AMBIGUOUS_MARKS = '"″'
DOUBLE_MARKS = OPEN_MARKS + CLOSE_MARKS + AMBIGUOUS_MARKS

# Verbs of saying: a clause they govern is reported speech.
SPEECH_VERBS: frozenset[str] = _words(
    """
    say tell add state stress emphasize emphasise underline underscore note insist
    claim argue explain warn urge announce declare assert reiterate affirm confirm
    deny report write tweet post suggest acknowledge admit reply respond answer ask
    complain predict promise vow pledge threaten remark comment observe mention
    recall maintain contend charge allege concede indicate reveal disclose testify
    quip joke shout conclude agree demand caution advise recommend propose
    hint imply boast lament highlight clarify reaffirm assure reassure inform
    estimate counter retort brag speculate acknowledge accuse
    proclaim repeat pronounce exclaim whisper cry yell scream muse
    """
)

# Verbs of thinking: PolNeAR annotates their content as attributed, but a
# reader asks "who said" and these are weaker evidence of speech. Very common
# verbs ("see", "know", "want", "find") are left out: on PolNeAR train they
# doubled the sentences sent to the parser for a 1-point recall gain.
BELIEF_VERBS: frozenset[str] = _words(
    """
    believe think hope fear expect worry doubt suspect reckon
    """
)

# Verb + particle/preposition pairs that are cues only together.
PARTICLE_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "point": frozenset({"out"}),
    "go": frozenset({"on"}),
    "lash": frozenset({"out"}),
    "speak": frozenset({"of", "about", "out"}),
    "refer": frozenset({"to"}),
}

# Verbs whose base and -s forms are rarely nouns: only these trigger a parse in
# the present tense ("states", "reports", "calls" are mostly nouns in news).
PRESENT_TRIGGERS: frozenset[str] = _words(
    """
    say tell add argue insist believe think warn explain urge stress emphasize
    emphasise underline acknowledge admit declare suggest predict reveal allege
    contend maintain reiterate assert concede write fear hope
    """
)

# Cue verbs whose content is the object of a preposition ("warned of war").
PREPOSITION_CONTENT: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "warn": frozenset({"of", "against", "about"}),
    "speak": frozenset({"of", "about"}),
    "talk": frozenset({"about"}),
    "complain": frozenset({"about", "of"}),
    "boast": frozenset({"about", "of"}),
    "insist": frozenset({"on"}),
}

# Prepositional cues: "according to X", "in the words of X".
PREPOSITIONAL_CUES: tuple[str, ...] = ("according to", "in the words of", "as quoted by")

# Lines that introduce an unmarked transcript or excerpt.
EXCERPT_LABELS: tuple[str, ...] = (
    "source",
    "transcript",
    "excerpt",
    "excerpts",
    "full text",
    "text",
    "translation",
)

# Metadata lines that may sit between an excerpt label and the excerpt.
METADATA_LABELS: tuple[str, ...] = ("date", "time", "location", "place", "translated by", "via")

# "Word: rest" lines where the word is a page label, not a speaker.
NOT_SPEAKER_LABELS: frozenset[str] = _words(
    """
    source sources date time read more also see watch photo photos video image
    tags tag related update updated breaking exclusive opinion analysis editorial
    note editor editors share comment comments listen subscribe follow advertisement
    category categories topics topic by posted published filed credit caption
    location home news
    """
)

# Words that open a transcript-like paragraph spoken in the first person.
FIRST_PERSON: frozenset[str] = _words("i we our us my me ours myself ourselves let's")
MODAL_IMPERATIVE: frozenset[str] = _words("should must shall cannot")


def _inflect(verb: str) -> set[str]:
    irregular = {
        "say": {"said", "says", "saying"},
        "tell": {"told", "tells", "telling"},
        "write": {"wrote", "written", "writes", "writing"},
        "think": {"thought", "thinks", "thinking"},
        "know": {"knew", "known", "knows", "knowing"},
        "feel": {"felt", "feels", "feeling"},
        "find": {"found", "finds", "finding"},
        "understand": {"understood", "understands", "understanding"},
        "see": {"saw", "seen", "sees", "seeing"},
        "go": {"went", "goes", "going", "gone"},
        "speak": {"spoke", "spoken", "speaks", "speaking"},
        "learn": {"learned", "learnt", "learns", "learning"},
        "lash": {"lashed", "lashes", "lashing"},
        "cry": {"cried", "cries", "crying"},
        "reply": {"replied", "replies", "replying"},
        "deny": {"denied", "denies", "denying"},
        "testify": {"testified", "testifies", "testifying"},
        "clarify": {"clarified", "clarifies", "clarifying"},
        "signal": {"signaled", "signalled", "signals", "signaling", "signalling"},
        "refer": {"referred", "refers", "referring"},
    }
    if verb in irregular:
        return irregular[verb] | {verb}
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "d", verb + "s", verb[:-1] + "ing"}
    elif verb.endswith(("sh", "ch", "s", "x")):
        forms |= {verb + "ed", verb + "es", verb + "ing"}
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ied", verb[:-1] + "ies", verb + "ing"}
    else:
        forms |= {verb + "ed", verb + "s", verb + "ing"}
    # Doubled final consonant: "admitted", "regretted".
    if verb[-1] in "tpgm" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def lemma_table(verbs: frozenset[str] | set[str]) -> dict[str, str]:
    """Inflected form -> lemma for the given verbs (no lemmatizer needed at run time)."""
    table: dict[str, str] = {}
    for verb in sorted(verbs):
        for form in _inflect(verb):
            table.setdefault(form, verb)
    return table


def trigger_forms(verbs: frozenset[str] | set[str]) -> frozenset[str]:
    """Forms of the verbs that are worth a parse: past, participles, and the
    present of PRESENT_TRIGGERS."""
    out: set[str] = set()
    for verb in verbs:
        for form in _inflect(verb):
            if verb in PRESENT_TRIGGERS or form not in (verb, verb + "s", verb + "es"):
                out.add(form)
    return frozenset(out)


def surface_forms(verbs: frozenset[str] | set[str]) -> frozenset[str]:
    """Every inflected form of the given verbs, lower case."""
    out: set[str] = set()
    for verb in verbs:
        out |= _inflect(verb)
    return frozenset(out)


# --- patterns built from the lexicons above ---------------------------------

_SPEECH_FORMS = surface_forms(SPEECH_VERBS | set(PARTICLE_CUES))
_TRIGGER_FORMS = trigger_forms(SPEECH_VERBS | BELIEF_VERBS)
_PARTICLE_TRIGGERS = [
    rf"{form}\s+(?:{'|'.join(parts)})"
    for verb, parts in PARTICLE_CUES.items()
    for form in sorted(surface_forms({verb}))
]
# A sentence worth a parse: it carries a cue verb form or "according to".
CUE_TRIGGER = re.compile(
    r"\b(?:"
    + "|".join(sorted(_TRIGGER_FORMS, key=len, reverse=True) + _PARTICLE_TRIGGERS)
    + r"|according\s+to)\b",
    re.IGNORECASE,
)
# Cheap patterns for the commonest frames, so those sentences skip the parser.
_CUE_WORD = "|".join(sorted(_TRIGGER_FORMS, key=len, reverse=True))
_CAP = r"[A-Z](?:[\w'’-]|\.(?=\w))*(?:\.(?=\s+\w))?"
_SRC = (
    r"(?:he|she|they|I|we|He|She|They|We|"
    + _CAP
    + r"(?:\s+(?:"
    + _CAP
    + r"|of|the|for|and|de|al|bin)){0,6}"
    + r"|(?:the|a|an|another|one|two|three|some|several|many|other|The|A|An)"
    + r"(?:\s+[\w'’-]+){1,5}?)"
)
_ADJUNCT = r"(?:\s+(?!that\b)[\w'’.-]+){0,8}"
# '…," the minister said on Sunday.' after a closing mark.
TAIL_FRAME = re.compile(
    rf"^\s*[,.?!—–-]*\s*(?:(?P<src>{_SRC})\s+(?:also\s+|later\s+|then\s+)?(?P<cue>{_CUE_WORD})"
    rf"|(?P<cue2>said|says|added|wrote|asked|told|continued|explained|insisted)\s+"
    rf"(?P<src2>{_SRC}))(?P<rest>{_ADJUNCT})\s*[.!?]?\s*$"
)
# "Content, X said." with no quotation marks.
FINAL_FRAME = re.compile(
    rf"^(?P<content>[^\"“”]{{20,}}?),\s+(?:(?P<src>{_SRC})\s+(?:also\s+|later\s+)?"
    rf"(?P<cue>{_CUE_WORD})|(?P<cue2>said|says|added|wrote|told)\s+(?P<src2>{_SRC}))"
    rf"(?P<rest>{_ADJUNCT})\s*[.!?]?\s*$"
)
ENDS_WITH_CUE = re.compile(r"\b(?:" + "|".join(sorted(_SPEECH_FORMS)) + r")\W*$", re.IGNORECASE)
# "EghtesadOnline: …", "ISWNews Analysis Group – …": an outlet label before the sentence.
DATELINE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*\s*(?:\([^)]{0,30}\)\s*)?[:–—]\s+")
HEADLINE = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?P<rest>\S.*)$")
LABEL_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(?P<rest>.*)$")
