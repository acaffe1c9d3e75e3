"""Word lists for aligning statements across articles (stage 9) and stories (stage 10).

All entries are lower case.
"""

from __future__ import annotations

# Function words: ignored when comparing the content of a paraphrase.
_STOPWORDS = """
a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each even
ever every few for from further had has have having he her here hers herself him himself
his how i if in into is it its itself just let me more most much must my myself no nor
not now of off on once only or other our ours ourselves out over own same shall she
should so some such than that the their theirs them themselves then there these they
this those through thus to too under until up upon us very was we were what when where
which while who whom whose why will with within without would yet you your yours
yourself yourselves said says say saying told tell stated stressed noted added according
one ones s t
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS.split())

# Spelling variants folded before comparison, so that British and American
# translations of one statement agree word for word.
SPELLING: dict[str, str] = {
    "favour": "favor",
    "favourable": "favorable",
    "honour": "honor",
    "labour": "labor",
    "behaviour": "behavior",
    "colour": "color",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "defence": "defense",
    "offence": "offense",
    "centre": "center",
    "programme": "program",
    "organisation": "organization",
    "organisations": "organizations",
    "realise": "realize",
    "recognise": "recognize",
    "normalise": "normalize",
    "normalisation": "normalization",
    "mobilised": "mobilized",
    "mobilise": "mobilize",
    "criticise": "criticize",
    "apologise": "apologize",
    "towards": "toward",
    "whilst": "while",
    "amongst": "among",
    "judgement": "judgment",
}

# Suffixes stripped by the light stemmer, longest first; a stem keeps at
# least four letters so that "news" and "this" survive.
SUFFIXES: tuple[str, ...] = (
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ians",
    "ian",
    "ings",
    "ing",
    "ives",
    "ive",
    "ous",
    "ies",
    "ied",
    "ates",
    "ated",
    "ate",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "al",
    "s",
    "e",
)
