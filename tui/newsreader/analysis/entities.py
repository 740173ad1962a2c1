"""Named entities across the article: one type per string, aliases merged.

spaCy's small model labels each occurrence on its own, so "Aleppo" comes out
GPE in one sentence and NORP or LANGUAGE in the next. Every string's type is
decided here by the votes of all its occurrences in the article (a GPE vote
outweighs NORP; a proper noun after a locative preposition counts as a place),
then names are grouped into entities: "Mr Lavrov" and "Lavrov" join
"Sergey Lavrov"; "UN" joins "United Nations"; "The White House" is "White
House". A bare surname shared by two people goes to the one mentioned last.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .lexicon import (
    FEMALE_TITLES, GENERIC_INSTITUTION_WORDS, HOLDING_NOUNS, INSTITUTION_NOUNS, MALE_TITLES, PERSON_NOUNS,
    ROLE_SUFFIXES, TITLES, given_name_gender,
)

LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# Labels whose vote is weak: the small model gives NORP/LANGUAGE to place names
# it has not seen ("Aleppo"), and nationality adjectives are not entities.
WEAK_LABELS = ("NORP", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT")
_STRIP_LEAD = ("the ", "The ", "THE ")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CONNECTORS = {"of", "for", "and", "the", "de", "la", "du", "des", "di", "del", "&", "on", "in"}


@dataclass(slots=True)
class RawMention:
    start: int
    end: int
    text: str
    label: str
    """spaCy label, or ``SPEAKER`` for a speaker phrase with no label."""
    key: str
    """Normalised name: no leading "the", no possessive, no title."""
    propn: bool = True
    locative: bool = False
    """Preceded by a locative preposition ("in Aleppo")."""
    subject: bool = False
    role: str | None = None
    titles: tuple[str, ...] = ()
    place_cue: bool = False
    """A dateline ("MOSCOW //") or "the village of X" marks a place."""
    person_cue: bool = False
    """A title ("Mr") or a role noun in apposition ("the spokeswoman, Leah Brandt") marks a person."""
    title_case: bool = False
    """In a line set in title case (a headline), where the model glues capitalised
    words onto a name ("Glenn Beck Blasts Drudge")."""


# Words a title-case headline leaves in lower case.
_TITLE_SMALL_WORDS = frozenset("a an the and or but nor for of on in at to by with from as vs vs. via".split())
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def is_title_case(line: str) -> bool:
    """A headline's capitalisation: every word capitalised but the small ones
    ("Glenn Beck Blasts Drudge for Mocking His Fast"); a sentence has lower-case words."""
    # Read word by word: a sentence is told by its first lower-case word, without a list of all.
    words = 0
    for m in _HEADLINE_WORD.finditer(line):
        word = m.group()
        if word.lower() in _TITLE_SMALL_WORDS:
            continue
        if not word[0].isupper():
            return False
        words += 1
    return words >= 4


def unglued_headline_names(mentions: list[RawMention]) -> tuple[list[RawMention], dict[str, str]]:
    """``mentions`` with each headline person name cut to the longest leading part the
    article names elsewhere ("Glenn Beck Blasts Drudge" -> "Glenn Beck" when the text
    says "Glenn Beck"), and the map of the keys so changed."""
    keys_elsewhere = {m.key for m in mentions if not m.title_case}
    out, renamed = [], {}
    for m in mentions:
        words = m.key.split()
        if m.title_case and m.label == "PERSON" and m.key not in keys_elsewhere and len(words) > 1:
            prefix = next((p for n in range(len(words) - 1, 0, -1)
                           if (p := " ".join(words[:n])) in keys_elsewhere), None)
            at = m.text.find(prefix) if prefix else -1
            if at >= 0:
                renamed[m.key] = prefix
                end = m.start + at + len(prefix)
                m = replace(m, end=end, text=m.text[:at + len(prefix)], key=prefix)
        out.append(m)
    return out, renamed


# The titles without their full stops ("mr" for "mr."), for normalise: built once, not per word.
_TITLE_WORDS = frozenset(t.rstrip(".") for t in TITLES)


def normalise(text: str) -> tuple[str, tuple[str, ...]]:
    """(key, titles): "Mr Lavrov's" -> ("Lavrov", ("mr",)); "The White House" -> ("White House", ())."""
    text = " ".join(text.split())
    for lead in _STRIP_LEAD:
        if text.startswith(lead):
            text = text[len(lead):]
            break
    text = _POSSESSIVE.sub("", text)
    words = text.split(" ")
    titles = []
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        titles.append(words[0].lower())
        words = words[1:]
    # A dateline's "PORT ELLIS" is the "Port Ellis" of the text; short acronyms stay.
    words = [w.title() if w.isupper() and len(w) >= 5 else w for w in words]
    return " ".join(words).strip(" ,.;:-–—"), tuple(titles)


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _CONNECTORS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


@dataclass(slots=True)
class Cluster:
    type: str
    keys: list[str] = field(default_factory=list)
    mentions: list[RawMention] = field(default_factory=list)
    guessed: set[int] = field(default_factory=set)
    """Starts of mentions given to this cluster on recency alone: a surname that several
    people share, with no title to tell them apart. A quote is not credited by them."""

    @property
    def name(self) -> str:
        # The fullest form: most words, then most frequent.
        counts = Counter(m.key for m in self.mentions)
        return max(self.keys, key=lambda k: (len(k.split()), counts[k], -self.keys.index(k)))


def add_vote(votes: dict[str, Counter], m: RawMention) -> None:
    """Count one occurrence's evidence for its name's type (``FILL`` mentions carry none)."""
    if m.label == "FILL" or (not m.key[:1].isupper() and not m.key[:1].isdigit()):
        return  # "council": a common noun the model tagged, not a name
    if m.person_cue or (m.titles and m.titles[0] in PERSONAL_TITLES):
        votes[m.key]["person"] += 3
    if m.place_cue:
        votes[m.key]["place"] += 5
    typ = LABEL_TYPES.get(m.label)
    if typ in ("organization", "person") and m.locative:
        votes[m.key]["place"] += 2  # "a bakery in Dunmore": the model's ORG is a town
    elif typ:
        votes[m.key][typ] += 2
    elif m.label in WEAK_LABELS:
        if m.propn and m.locative and not any(ch.isdigit() for ch in m.key):
            votes[m.key]["place"] += 1
        else:
            votes[m.key]["weak"] += 1
    elif m.label == "SPEAKER":
        votes[m.key]["speaker"] += 1


def voted_type(counter: Counter | None) -> str | None:
    """The type with the strongest evidence, or ``None`` when there is only weak evidence."""
    strong = {t: c for t, c in (counter or {}).items() if t not in ("weak", "speaker")}
    return max(strong, key=lambda t: (strong[t], t == "place")) if strong else None


def decide_types(votes: dict[str, Counter]) -> dict[str, str | None]:
    """Each key's type from the votes of all its occurrences (see ``add_vote``); ``None`` drops it."""
    out: dict[str, str | None] = {}
    for key, counter in votes.items():
        out[key] = voted_type(counter)
        first = key.split()[0] if key else ""
        last = key.split()[-1] if key else ""
        if out[key] in ("organization", "person") and last in FACILITY_HEADS and len(key.split()) > 1:
            out[key] = "place"  # bridges, airports, stadiums, halls, roads are places
        if out[key] and first in INSTITUTION_HEADS and len(key.split()) > 1:
            out[key] = "organization"  # "Municipality of Livorno" acts; it is not the place
        if out[key] in ("person", "place") and any(ch.isdigit() for ch in key):
            out[key] = None  # "IE6", "Windows XP 2": products and identifiers, not people or places
    # A lone word that is the surname of a person named in full is that person,
    # whatever the model called it in one sentence ("Trump" tagged ORG).
    surnames = {k.split()[-1] for k, t in out.items() if t == "person" and len(k.split()) >= 2}
    for key, typ in out.items():
        if typ and typ != "person" and " " not in key and key in surnames:
            out[key] = "person"
    # Speakers the model did not label: a name whose surname is a known person
    # ("Ana Ruiz" beside "Ms Ruiz") is that person; other speaking names are
    # organisations ("Harlow Water said"), since the model rarely misses people.
    persons = {k for k, t in out.items() if t == "person"}
    for key, counter in votes.items():
        if out.get(key) is None and counter.get("speaker") and key[:1].isupper():
            words = key.split()
            known = words[-1] in persons or key in persons or key in surnames  # "Jolly" after "David Jolly"
            out[key] = "person" if known and len(words) <= 3 else "organization"
    return out


PERSONAL_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lady", "lord", "prof", "prof."})


FACILITY_HEADS = frozenset(
    "Bridge Airport Stadium Hall Road Street Avenue Square Park Harbour Harbor Station Centre Center Base Tunnel Highway Motorway Port".split()
)
INSTITUTION_HEADS = frozenset(
    "Municipality Ministry Department Council Government Parliament Office University Bank Court Commission Agency Authority".split()
)
# Of those, the ones whose "of X" is a place ("Municipality of Livorno", "Bank of
# England"); a ministry's, department's or court's "of X" is its remit ("Ministry
# of Maritime Affairs", "Department of Justice", "Court of Appeal").
PLACE_OF_HEADS = frozenset("Municipality Government Parliament University Bank".split())


def given_names_start(doc, start: int, end: int) -> int:
    """Where a name the model cut short begins: "The minister, Ana Costa, ..." tags only "Costa".

    Only a one-word name is taken for cut short (a two-word name the model found
    is whole: "Commuter Tom Reyes" stays "Tom Reyes"). Capitalised proper nouns
    compounded onto it, right before it and in no entity of their own, are part
    of it; a title ("Minister", "Councillor"), a role noun, an acronym ("US",
    "CEO") or a sentence's capitalised first word ends it. ``doc`` is a spaCy
    ``Doc``, ``start:end`` the name's tokens.
    """
    if end - start != 1:
        return start
    while start > 0:
        tok = doc[start - 1]
        if not (tok.pos_ == "PROPN" and tok.dep_ == "compound" and start <= tok.head.i < end
                and tok.text.istitle() and tok.ent_type_ == "" and not tok.is_sent_start
                and tok.lower_.rstrip(".") not in TITLES and tok.lower_ not in PERSON_NOUNS):
            break
        start -= 1
    return start


def fixed_entities(doc) -> list:
    """The model's entities of ``doc`` (a spaCy ``Doc``: one paragraph) with the fixes that
    need nothing but the paragraph, for the entity component to set as ``doc.ents``.

    Names and places (``LABEL_TYPES``, ``WEAK_LABELS``) lose a trailing possessive or
    punctuation and gain the given names the model left out; "Syrian army" is an
    organisation, "the State Department spokesman" names the State Department, "shares
    in Tesla" a company; "the State" names no organisation and is dropped. Other labels
    (dates, counts) are kept as they are.
    """
    fixed = []
    for ent in doc.ents:
        if ent.label_ in LABEL_TYPES or ent.label_ in WEAK_LABELS:
            ent = _fixed_name(ent)
            if ent is None:
                continue
        fixed.append(ent)
    return fixed


def _fixed_name(ent):
    doc = ent.doc
    ent = _trimmed_entity(ent)
    if ent is None:
        return None
    start = given_names_start(doc, ent.start, ent.end)
    if start != ent.start:
        ent = _relabelled(doc, start, ent.end, ent.label_)
    if (ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].lower_ in INSTITUTION_NOUNS
            and not doc[ent.end].ent_type_):  # doc.ents cannot overlap
        ent = _relabelled(doc, ent.start, ent.end + 1, "ORG")
    if ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in ROLE_SUFFIXES:
        ent = _relabelled(doc, ent.start, ent.end - 1, "ORG")
    if _is_generic_institution(ent):
        return None
    if ent.label_ == "GPE" and ent.root.dep_ == "pobj" and in_holding(ent.root.head):
        ent = _relabelled(doc, ent.start, ent.end, "ORG")
    return ent


def _trimmed_entity(ent):
    """The entity without a trailing possessive or punctuation ("Ted Cruz's"), or a leading
    punctuation; ``None`` when nothing is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    if end <= start:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return _relabelled(doc, start, end, ent.label_)


def _relabelled(doc, start: int, end: int, label: str):
    from spacy.tokens import Span

    return Span(doc, start, end, label=label)


def in_holding(prep) -> bool:
    """ "shares in", "a stake in" (``prep`` a spaCy ``Token``): what follows is a company."""
    return prep.lower_ == "in" and prep.head.lower_ in HOLDING_NOUNS


def _is_generic_institution(ent) -> bool:
    """ "the State", "Secretary of State", "Undersecretary for Education": no organisation's name."""
    words = [t for t in ent if t.lower_ != "the"]
    return len(words) == 1 and words[0].lower_ in GENERIC_INSTITUTION_WORDS


def cluster(mentions: list[RawMention], types: dict[str, str | None]) -> list[Cluster]:
    """Group typed mentions into entities, in order of first mention."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    persons_by_word: dict[str, list[Cluster]] = defaultdict(list)
    orgs_by_acronym: dict[str, Cluster] = {}
    # Longer names first so that "Lavrov" finds "Sergey Lavrov" even when the bare
    # surname comes first in the text; order of mentions is kept for recency.
    ambiguous: dict[str, list[Cluster]] = {}
    keys_in_order: list[tuple[str, str]] = []
    seen = set()
    for m in mentions:
        typ = types.get(m.key)
        if typ and (m.key, typ) not in seen:
            seen.add((m.key, typ))
            keys_in_order.append((m.key, typ))
    multiword = sorted(keys_in_order, key=lambda kt: -len(kt[0].split()))
    for key, typ in multiword:
        target = None
        if typ == "person":
            words = key.split()
            if len(words) >= 2:
                # "Sergey Lavrov" vs an existing "Sergey Viktorovich Lavrov"
                for c in persons_by_word.get(words[-1], []):
                    if set(words) <= {w for k in c.keys for w in k.split()}:
                        target = c
                        break
        elif typ == "organization":
            ac = key if key.isupper() and len(key) <= 6 else None
            if ac and ac in orgs_by_acronym:
                target = orgs_by_acronym[ac]
        if target is None and len(key.split()) == 1 and typ == "person":
            candidates = persons_by_word.get(key, [])
            if len(candidates) > 1:
                # A surname is the last word of a name: "Hale" is not "Hale Wants" (a headline's
                # words run together) when "Tom Hale" is there too.
                by_surname = [c for c in candidates if any(k.split()[-1] == key for k in c.keys)]
                if len(by_surname) == 1:
                    candidates = by_surname
            if len(candidates) == 1:
                target = candidates[0]
            elif len(candidates) > 1:
                # Two people share the surname: decide per mention, below.
                ambiguous[key] = list(candidates)
                continue
        if target is None:
            target = Cluster(typ)
            clusters.append(target)
        target.keys.append(key)
        by_key[(key, typ)] = target
        if typ == "person":
            for w in key.split():
                if target not in persons_by_word[w]:
                    persons_by_word[w].append(target)
        if typ == "organization" and len(key.split()) >= 2:
            orgs_by_acronym.setdefault(acronym(key), target)
    # Acronyms that appeared before their long form was sorted in.
    for key, typ in keys_in_order:
        if typ == "organization" and key.isupper() and len(key) <= 6:
            long = orgs_by_acronym.get(key)
            own = by_key[(key, typ)]
            if long is not None and long is not own and len(own.keys) == 1:
                long.keys.append(key)
                clusters.remove(own)
                by_key[(key, typ)] = long
    for m in mentions:
        typ = types.get(m.key)
        if not typ:
            continue
        if typ == "person" and m.key in ambiguous:
            chosen, certain = _closest(ambiguous[m.key], m)
            chosen.mentions.append(m)
            if not certain:
                chosen.guessed.add(m.start)
        else:
            by_key[(m.key, typ)].mentions.append(m)
    clusters = [c for c in clusters if c.mentions]
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _closest(candidates: list[Cluster], m: RawMention) -> tuple[Cluster, bool]:
    """A bare surname shared by several people: the one named most recently before it,
    unless a title rules that one out ("Ms Tanaka" is not the one called "Mr Tanaka").

    Also whether that is certain: only one of them was named before it and fits its title.
    """
    def last_before(c: Cluster) -> int:
        return max((x.start for x in c.mentions if x.start < m.start), default=-1)

    def compatible(c: Cluster) -> bool:
        if not m.titles:
            return True
        male = m.titles[0] in MALE_TITLES
        female = m.titles[0] in FEMALE_TITLES
        seen = {t for x in c.mentions if x.start not in c.guessed for t in x.titles[:1]}
        if male and seen & FEMALE_TITLES or female and seen & MALE_TITLES:
            return False
        # or a given name: "Mrs. Tanaka" is not Kenji Tanaka, "Mr. Lund" not Ida Lund
        given = {given_name_gender(k.split()[0]) for k in c.keys if " " in k} - {None}
        return not (male and given == {"f"} or female and given == {"m"})

    ranked = sorted(candidates, key=last_before, reverse=True)
    fitting = [c for c in ranked if compatible(c)]
    if not fitting:
        return ranked[0], False
    return fitting[0], sum(1 for c in fitting if last_before(c) >= 0) == 1 and last_before(fitting[0]) >= 0
