"""Words for canonicalising people's names across articles (stage 8).

Titles, roles and pronouns themselves live in lexicons/titles.py; these are
the extra pieces people.py needs. All entries are lower case.
"""

from __future__ import annotations

# Generational and post-nominal suffixes: "Martin Luther King Jr." has surname "king".
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})

# Words that introduce a name without being part of it.
DETERMINERS: frozenset[str] = frozenset({"the", "a", "an", "this", "that", "our", "their"})

# Honorifics of descent or piety often written in Persian and Arabic names;
# they are stripped like titles even mid-name ("Ali Seyyed Khamenei" is rare,
# "Seyyed Ali Khamenei" common).
EXTRA_HONORIFICS: frozenset[str] = frozenset(
    {"seyyed", "sayyid", "sayyed", "seyed", "syed", "hajj", "haji", "hojatoleslam", "allameh"}
)

# Role words whose presence on both sides of a bare surname agrees ("Speaker
# Larijani" and "Parliament Speaker Ali Larijani"); generic words like
# "leader" or "official" are ignored because many people carry them.
GENERIC_ROLE_WORDS: frozenset[str] = frozenset(
    {"leader", "official", "head", "chief", "senior", "top", "former", "of", "the", "and"}
)

# Title words that are also common surnames: after a given name they are the
# surname ("Martin Luther King", "Mike Judge"), never otherwise.
SURNAME_TITLES: frozenset[str] = frozenset(
    {
        "king",
        "judge",
        "bishop",
        "dean",
        "prince",
        "knight",
        "marshal",
        "major",
        "pope",
        "mayor",
        "chancellor",
        "sheriff",
        "cardinal",
        "baron",
        "earl",
        "justice",
        "young",
        "chief",
    }
)
