"""Titles, roles, honorifics and pronouns used to resolve who is speaking.

All entries are lower case; multi-word titles are matched before their parts.
"""

from __future__ import annotations


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words placed before a name that are not part of it.
HONORIFICS: frozenset[str] = _words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lady lord madam madame
    ayatollah grand imam sheikh shaykh sheik seyyed sayyed sayed seyed hojatoleslam
    hojjatoleslam mullah mufti rabbi rev rev. reverend father pastor cardinal pope
    saint st st. hon hon. honorable honourable his her excellency majesty highness
    sen sen. rep rep. gov gov. gen gen. lt lt. col col. maj maj. capt capt. sgt sgt.
    adm adm. cmdr cmdr. supt insp
    """
)

# Roles that can stand for a person already named ("the president").
ROLES: frozenset[str] = _words(
    """
    president leader premier chancellor king queen prince princess emir sultan
    minister secretary spokesman spokeswoman spokesperson ambassador envoy senator
    congressman congresswoman representative governor mayor judge justice general
    commander chief head chairman chairwoman chair director official officer
    candidate nominee adviser advisor aide diplomat lawmaker speaker founder ceo
    executive manager professor doctor lawyer attorney prosecutor analyst expert
    economist scientist researcher author writer journalist reporter editor
    activist campaigner cleric preacher bishop archbishop vice deputy
    """
)

# Multi-word roles, matched as a unit ("supreme leader" is one role).
MULTIWORD_ROLES: tuple[str, ...] = (
    "supreme leader",
    "prime minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "interior minister",
    "secretary of state",
    "secretary general",
    "secretary-general",
    "vice president",
    "press secretary",
    "chief of staff",
    "campaign manager",
    "house speaker",
    "parliament speaker",
    "attorney general",
    "white house",
)

# Adjectives and modifiers that may precede a role ("the Iranian leader").
ROLE_MODIFIERS: frozenset[str] = _words(
    """
    former late then current top senior chief supreme deputy acting interim
    political military spiritual religious elected outgoing incoming new
    """
)

MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
OTHER_PRONOUNS: frozenset[str] = frozenset(
    {"i", "we", "they", "them", "it", "you", "us", "me", "who", "this", "that"}
)
PRONOUNS: frozenset[str] = MALE_PRONOUNS | FEMALE_PRONOUNS | OTHER_PRONOUNS

MALE_HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mr.", "sir", "lord", "king", "prince", "father", "ayatollah", "sheikh"}
)
FEMALE_HONORIFICS: frozenset[str] = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "madam", "madame", "queen", "princess"}
)

# Nouns after a possessive name that mean "relayed by": "X's official website said".
CHANNELS: tuple[str, ...] = (
    "official website",
    "website",
    "web site",
    "official twitter account",
    "twitter account",
    "twitter feed",
    "official account",
    "account",
    "office",
    "press office",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "campaign",
    "statement",
    "official news agency",
    "news agency",
    "aides",
    "aide",
    "lawyer",
    "lawyers",
)

# Particles allowed inside a personal name ("Abu Bakr al-Baghdadi", "Ursula von der Leyen").
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "del",
        "della",
        "da",
        "di",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "ul",
    }
)

# Capitalised words that start sentences or headlines but are not names.
NOT_NAMES: frozenset[str] = _words(
    """
    the a an this that these those he she they we it his her their our its but and
    or so yet if when while after before since during on in at by for from with
    as of to moreover however meanwhile also earlier later today yesterday
    tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december
    mr mrs ms dr read share leave check your
    """
)

# Words that make a capitalised run an organisation or a place, not a person
# ("Resistance Movement", "West Bank", "White House"): such a run never becomes
# a person on the evidence of its last word recurring alone.
ORGANISATION_WORDS: frozenset[str] = _words(
    """
    movement party council ministry department university bank agency organization
    organisation committee association union company corporation corp inc ltd group
    front force forces army navy court house senate congress parliament assembly
    government republic state states kingdom news times post press network institute
    center centre foundation fund office commission authority federation league club
    county city river street square airport hospital school college church mosque
    revolution guard guards brigade brigades corps strip east west north south
    coast island islands gulf sea ocean valley mountains province region district
    police service services media television radio channel magazine journal
    """
)

# Capitalised words that open a name run without being part of the name:
# party labels and sentence adverbs ("Republican Donald Trump", "Then Brafman
# said", "Person of the Year Barack Obama"); from PolNeAR train speaker errors.
NAME_LEADERS: frozenset[str] = _words(
    """
    republican republicans democrat democrats democratic gop conservative liberal
    independent libertarian progressive former late then now maybe perhaps still
    even just why what how where year
    """
)
