"""Hand-written cases and gold-matching helpers for the engine's behavioural tests.

Conventions (the same as the scorer's gold; see tests/fixtures/engine/*.expected.json):

- **direct**: everything strictly between the quotation marks, commas and full
  stops inside them included. A quote split by its cue is two quotes; a quote
  running over several paragraphs is one quote per paragraph. An opening mark
  that is never closed ends at the end of its paragraph.
- **partial**: a quoted fragment inside a narrator's sentence. Inside reported
  speech with a speech verb, the whole reported clause is also an **indirect**
  quote, so the two nest.
- **indirect**: the reported clause only, without the cue and without a leading
  "that"; ``according to X, ...`` and directive verbs (``urged X to ...``: the
  text starts at X) included. Negated speech is not a quote.
- A quote nested inside a direct quote (``“he said ‘not today’ and left”``) is
  part of the outer quote, not a quote of its own.
- Quoted names and titles and scare quotes with no speaker are not quotes.
- Speakers are full names (pronouns and descriptions resolved); organisations by
  their name.

Gold stores text, not offsets: ``locate`` finds it in the article (``occurrence``
picks the n-th whole-word match), so fixtures stay readable and cannot drift.

Matching follows the scorer: a predicted quote matches a gold one when their
spans, after stripping quote marks and spaces at the ends and a trailing ``,``
or ``.``, share at least half of the longer one. A predicted speaker matches
when its normalised name equals the gold name, or is the gold name's surname.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "engine"

QUOTE_MARKS = "\"'“”‘’«»„‟‚‛‹›`"
_STRIP = QUOTE_MARKS + " \t\r\n\u00a0"


# --------------------------------------------------------------------------- locating


def locate(haystack: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(start, end) of the ``occurrence``-th match of ``needle`` (1-based).

    A match must not be glued to a letter or digit on a side where the needle
    itself starts or ends with one, so "two" is never found inside "network".
    """
    if not needle:
        raise ValueError("empty gold text")
    seen = 0
    pos = 0
    while True:
        i = haystack.find(needle, pos)
        if i == -1:
            raise LookupError(f"gold text not found (occurrence {occurrence}): {needle!r}")
        j = i + len(needle)
        before_ok = not (needle[0].isalnum() and i > 0 and haystack[i - 1].isalnum())
        after_ok = not (needle[-1].isalnum() and j < len(haystack) and haystack[j].isalnum())
        if before_ok and after_ok:
            seen += 1
            if seen == occurrence:
                return i, j
        pos = i + 1


def core(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without quote marks/spaces at its ends and without a trailing , or ."""
    start = max(0, start)
    end = min(len(text), end)
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _STRIP:
            start += 1
            changed = True
        while end > start and (text[end - 1] in _STRIP or text[end - 1] in ",."):
            end -= 1
            changed = True
    return start, end


def spans_match(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans' cores as a fraction of the longer core (0 when < 0.5)."""
    a0, a1 = core(text, *a)
    b0, b1 = core(text, *b)
    longer = max(a1 - a0, b1 - b0)
    if longer <= 0:
        return 0.0
    shared = min(a1, b1) - max(a0, b0)
    ratio = shared / longer
    return ratio if ratio >= 0.5 else 0.0


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


# --------------------------------------------------------------------------- names

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"}


def norm_name(name: str | None) -> str:
    if not name:
        return ""
    s = name.replace("’", "'").replace("‘", "'").lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    words = s.split()
    while words and (words[0] == "the" or words[0].rstrip(".") in _TITLES):
        words = words[1:]
    return " ".join(words)


def speaker_matches(predicted: str | None, gold: str | None) -> bool:
    """Gold ``None`` wants no named speaker; otherwise equal names, or the gold's surname."""
    if gold is None:
        return not predicted
    p, g = norm_name(predicted), norm_name(gold)
    if not p:
        return False
    return p == g or (len(g.split()) > 1 and p == g.split()[-1])


def predicted_speaker(analysis: Any, quote: Any) -> str | None:
    """The name the engine gives a quote's speaker: its entity's name, else its own label."""
    ent = analysis.entity(quote.speaker) if quote.speaker else None
    if ent is not None:
        return ent.name
    return quote.speaker_name


# --------------------------------------------------------------------------- gold quotes


@dataclass
class GoldQuote:
    kind: str
    text: str
    speaker: str | None
    start: int = -1
    end: int = -1
    occurrence: int = 1
    case: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def label(self) -> str:
        return f"{self.kind} {self.text[:60]!r} ({self.speaker})"


@dataclass
class Match:
    gold: GoldQuote
    pred: Any | None
    pred_speaker: str | None = None

    @property
    def found(self) -> bool:
        return self.pred is not None

    @property
    def kind_ok(self) -> bool:
        return self.pred is not None and self.pred.kind == self.gold.kind

    @property
    def speaker_ok(self) -> bool:
        return self.pred is not None and speaker_matches(self.pred_speaker, self.gold.speaker)

    def describe(self) -> str:
        if self.pred is None:
            return f"MISSING {self.gold.label()}"
        return (f"{self.gold.label()} -> predicted {self.pred.kind} "
                f"{self.pred.text[:60]!r} speaker={self.pred_speaker!r}")


def place_gold(text: str, quotes: list[GoldQuote]) -> list[GoldQuote]:
    for q in quotes:
        q.start, q.end = locate(text, q.text, q.occurrence)
    return quotes


def match_quotes(text: str, analysis: Any, gold: list[GoldQuote]) -> tuple[list[Match], list[Any]]:
    """One-to-one matching of gold to predicted quotes; returns (matches, unmatched predictions)."""
    preds = list(analysis.quotes)
    used: set[int] = set()
    matches: list[Match] = []
    # Longest gold first, so a short partial never takes the prediction its indirect needs.
    order = sorted(range(len(gold)), key=lambda i: -(gold[i].end - gold[i].start))
    found: dict[int, Match] = {}
    for gi in order:
        g = gold[gi]
        best = None
        best_key = None
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            ratio = spans_match(text, g.span, (p.start, p.end))
            if not ratio:
                continue
            key = (p.kind == g.kind, ratio)
            if best_key is None or key > best_key:
                best, best_key = pi, key
        if best is None:
            found[gi] = Match(g, None)
        else:
            used.add(best)
            found[gi] = Match(g, preds[best], predicted_speaker(analysis, preds[best]))
    matches = [found[i] for i in range(len(gold))]
    extra = [p for i, p in enumerate(preds) if i not in used]
    return matches, extra


def inside_direct(gold: list[GoldQuote], pred: Any) -> bool:
    """A prediction lying wholly inside a gold direct quote (a nested quote): not spurious."""
    return any(g.kind == "direct" and g.start <= pred.start and pred.end <= g.end
               and (pred.start, pred.end) != (g.start, g.end) for g in gold)


# --------------------------------------------------------------------------- fixtures


@dataclass
class Fixture:
    name: str
    path: Path
    text: str
    published: str
    quotes: list[GoldQuote]
    people: list[str]
    organizations: list[str]
    places: list[str]
    figures: list[tuple[str, int, int]]
    dates: list[tuple[str, int, int, str | None]]
    raw: dict[str, Any] = field(default_factory=dict)


def _text_occ(item: Any) -> tuple[str, int]:
    if isinstance(item, str):
        return item, 1
    return item["text"], int(item.get("occurrence", 1))


def load_fixture(name: str) -> Fixture:
    path = SEEDS / f"{name}.txt"
    raw = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = path.read_bytes().decode("utf-8")
    quotes = place_gold(text, [
        GoldQuote(q["kind"], q["text"], q.get("speaker"), occurrence=int(q.get("occurrence", 1)),
                  case=q.get("case"))
        for q in raw["quotes"]
    ])
    figures = []
    for item in raw.get("figures", []):
        t, occ = _text_occ(item)
        figures.append((t, *locate(text, t, occ)))
    dates = []
    for item in raw.get("dates", []):
        t, occ = _text_occ(item)
        dates.append((t, *locate(text, t, occ), item.get("resolved")))
    return Fixture(name, path, text, raw["published"], quotes, raw.get("people", []),
                   raw.get("organizations", []), raw.get("places", []), figures, dates, raw)


SAMPLE_NAMES = ("port-ellis-bridge", "kessary-ferry-strike", "greyhaven-library")


# --------------------------------------------------------------------------- small cases


@dataclass(frozen=True)
class Q:
    kind: str
    text: str
    speaker: str | None
    occurrence: int = 1


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    quotes: tuple[Q, ...]
    published: str | None = "2024-03-14"
    note: str = ""


CASES: tuple[Case, ...] = (
    Case(
        "split-by-cue",
        "“We will rebuild,” said Carla Mendes. “It will take years, not months.”",
        (Q("direct", "We will rebuild,", "Carla Mendes"),
         Q("direct", "It will take years, not months.", "Carla Mendes")),
        note="one quote split by its cue gives two direct quotes, both hers",
    ),
    Case(
        "speaker-before-colon",
        "Police chief Omar Haddad said: “The road stays closed until the inspectors are done.”",
        (Q("direct", "The road stays closed until the inspectors are done.", "Omar Haddad"),),
    ),
    Case(
        "speaker-before-comma",
        "Lucia Ferraro said, “The vote was fair and the count was checked twice.”",
        (Q("direct", "The vote was fair and the count was checked twice.", "Lucia Ferraro"),),
    ),
    Case(
        "straight-quotes-with-apostrophe",
        "\"The water is safe to drink,\" said Ines Vaz, the utility's chief chemist.",
        (Q("direct", "The water is safe to drink,", "Ines Vaz"),),
    ),
    Case(
        "straight-plural-possessive-before-quote",
        "The teachers' union leader, Rosa Klein, said: \"We will strike on Monday if nothing changes.\"",
        (Q("direct", "We will strike on Monday if nothing changes.", "Rosa Klein"),),
        note="the apostrophe in teachers' must not open a single-quoted quote",
    ),
    Case(
        "british-single-quotes",
        "‘We have done nothing wrong,’ said Rupert Hale, the club’s chairman.",
        (Q("direct", "We have done nothing wrong,", "Rupert Hale"),),
        note="the closing ’ after 'wrong,' closes the quote, not the apostrophe in club’s",
    ),
    Case(
        "guillemets",
        "«We are ready for the vote», said Amélie Durand, the party’s leader.",
        (Q("direct", "We are ready for the vote", "Amélie Durand"),),
    ),
    Case(
        "mixed-pair",
        "“The ferry will run as normal,\" said Dan Okoro, the harbour master.",
        (Q("direct", "The ferry will run as normal,", "Dan Okoro"),),
        note="curly opening, straight closing",
    ),
    Case(
        "nested-single-in-double",
        "“When I asked him, he said ‘not today’ and hung up,” said Ruth Adler.",
        (Q("direct", "When I asked him, he said ‘not today’ and hung up,", "Ruth Adler"),),
    ),
    Case(
        "nested-straight-single-in-double",
        "\"He told me 'no chance' and walked off,\" said Ivo Berg.",
        (Q("direct", "He told me 'no chance' and walked off,", "Ivo Berg"),),
    ),
    Case(
        "unbalanced-quote-stays-in-its-paragraph",
        "Kofi Mensah said: “The plan is dead.\n\n"
        "The council met on Tuesday to discuss the budget.\n\n"
        "“We will try again,” said Lena Park.",
        (Q("direct", "The plan is dead.", "Kofi Mensah"),
         Q("direct", "We will try again,", "Lena Park")),
        note="an opening mark never closed must not swallow the next paragraph",
    ),
    Case(
        "lone-opening-mark",
        "Residents were angry. “",
        (),
        note="must not crash; nothing to quote",
    ),
    Case(
        "lone-closing-mark",
        "” The bridge reopened on Monday after repairs.",
        (),
        note="must not crash; a stray closing mark opens nothing",
    ),
    Case(
        "apostrophes-are-not-quotes",
        "The Smiths’ house and the Joneses’ garden flooded first, but it’s the Browns’ shop "
        "that took the worst of it. The drains there date from the ’90s and don’t cope with heavy rain.",
        (),
    ),
    Case(
        "apostrophes-around-a-real-quote",
        "“We’ve lost everything,” said Mary Brown, whose family’s shop stood on the Smiths’ corner for 40 years.",
        (Q("direct", "We’ve lost everything,", "Mary Brown"),),
    ),
    Case(
        "scare-quote",
        "The so-called “temporary” fence on Mill Lane has now stood for six years.",
        (),
        note="a scare quote with no speaker is not a quote",
    ),
    Case(
        "quoted-title",
        "The council published its flood report, “A River Worth Saving”, on Monday.",
        (),
        note="a quoted title is not a quote",
    ),
    Case(
        "negated-speech",
        "Transport minister Eva Lind did not say whether the line would reopen this year.",
        (),
        note="negated speech is not reported speech",
    ),
    Case(
        "according-to",
        "According to Samuel Adeyemi, the harbour will reopen in the spring.",
        (Q("indirect", "the harbour will reopen in the spring", "Samuel Adeyemi"),),
    ),
    Case(
        "said-that",
        "Mayor Julia Brandt said that the market would move to the old station.",
        (Q("indirect", "the market would move to the old station", "Julia Brandt"),),
        note="indirect text starts after 'that'",
    ),
    Case(
        "told-reporters",
        "Fire chief Aaron Vogel told reporters the blaze had been started deliberately.",
        (Q("indirect", "the blaze had been started deliberately", "Aaron Vogel"),),
    ),
    Case(
        "urged-to",
        "The mayor, Nina Petrova, urged residents to boil their drinking water until Friday.",
        (Q("indirect", "residents to boil their drinking water until Friday", "Nina Petrova"),),
        note="a directive verb: the text starts at the addressee",
    ),
    Case(
        "partial-inside-indirect",
        "Councillor Mark Ellison said the plan was “a step backwards” for the town.",
        (Q("indirect", "the plan was “a step backwards” for the town", "Mark Ellison"),
         Q("partial", "a step backwards", "Mark Ellison")),
    ),
    Case(
        "organisation-speaks",
        "Harlow Water said in a statement that repairs to the main would finish by Friday.",
        (Q("indirect", "repairs to the main would finish by Friday", "Harlow Water"),),
    ),
    Case(
        "the-ministry-said",
        "The Ministry of Health said the clinic in Dunmore would stay open. "
        "The ministry said it had hired four more nurses.",
        (Q("indirect", "the clinic in Dunmore would stay open", "Ministry of Health"),
         Q("indirect", "it had hired four more nurses", "Ministry of Health")),
        note="'the ministry' resolves to the named ministry",
    ),
    Case(
        "quoted-as-saying",
        "Mark Owens was quoted as saying the deal was “dead in the water”.",
        (Q("indirect", "the deal was “dead in the water”", "Mark Owens"),
         Q("partial", "dead in the water", "Mark Owens")),
        note="the one quoted is the passive subject of 'quoted'",
    ),
    Case(
        "according-to-a-statement-from",
        "According to a statement from the Red Cross, 40 people were injured in the blast.",
        (Q("indirect", "40 people were injured in the blast", "Red Cross"),),
        note="a statement's author speaks",
    ),
    Case(
        "colon-quote-then-new-cue",
        "Prime Minister Ellen Ford said: “This is a day of mourning.” She later told MPs the inquiry "
        "would be independent.",
        (Q("direct", "This is a day of mourning.", "Ellen Ford"),
         Q("indirect", "the inquiry would be independent", "Ellen Ford")),
    ),
    Case(
        "given-name-the-model-cut",
        "The minister, Ana Costa, admitted mistakes had been made.",
        (Q("indirect", "mistakes had been made", "Ana Costa"),),
    ),
    Case(
        "according-to-a-transcript-of-a-quote",
        "“We need more time,” Ms Hale said, according to a transcript.",
        (Q("direct", "We need more time,", "Hale"),),
        note="'according to' names the source of the saying, not a second claim",
    ),
    Case(
        "her-neighbour-is-not-her",
        "“We have been abandoned,” said Leila Nasser. Her neighbour agreed: “Nobody came.”",
        (Q("direct", "We have been abandoned,", "Leila Nasser"),
         Q("direct", "Nobody came.", "Her neighbour")),
        note="a verb before ': “' introduces a quote; 'her X' is someone else",
    ),
    Case(
        "recalled-beside-a-quote",
        "“The water came so fast,” recalled Juan Perez, 71. “We lost everything.”",
        (Q("direct", "The water came so fast,", "Juan Perez"),
         Q("direct", "We lost everything.", "Juan Perez")),
    ),
    Case(
        "asked-whether-is-not-his-question",
        "Asked whether he would resign, Mr Grant said: “No.”",
        (Q("direct", "No.", "Grant"),),
    ),
    Case(
        "called-it-a-fragment-then-said",
        "The opposition leader, Kemi Okafor, called the budget “a betrayal” and said she would vote against it.",
        (Q("partial", "a betrayal", "Kemi Okafor"),
         Q("indirect", "she would vote against it", "Kemi Okafor")),
    ),
    Case(
        "she-is-not-mr-khan",
        "Maria Lopez, the union leader, spoke first. Then Mr Ahmed Khan, the operator's chief, addressed "
        "the crowd. She said the deal was fair.",
        (Q("indirect", "the deal was fair", "Maria Lopez"),),
        note="a pronoun skips a person whose title gives the other gender",
    ),
    Case(
        "he-and-she-by-title",
        "Ms Lopez spoke first. Mr Khan followed. He said the deal was fair. She said it was late.",
        (Q("indirect", "the deal was fair", "Khan"), Q("indirect", "it was late", "Lopez")),
    ),
    Case(
        "description-resolved",
        "The company’s spokeswoman, Dana Hill, confirmed the job cuts on Tuesday. "
        "“It was a hard decision,” the spokeswoman added.",
        (Q("direct", "It was a hard decision,", "Dana Hill"),),
    ),
    Case(
        "pronoun-chain-across-paragraphs",
        "Peter Quinn, the coach, was upbeat after the match.\n\n"
        "“We are in good shape,” he said.\n\n"
        "“The young players have been excellent,” he added.",
        (Q("direct", "We are in good shape,", "Peter Quinn"),
         Q("direct", "The young players have been excellent,", "Peter Quinn")),
    ),
    Case(
        "same-surname-by-title",
        "Maria Tanaka and her brother Kenji Tanaka both spoke at the meeting. "
        "“We need a new school,” Ms Tanaka said. “We need a new road first,” Mr Tanaka said.",
        (Q("direct", "We need a new school,", "Maria Tanaka"),
         Q("direct", "We need a new road first,", "Kenji Tanaka")),
    ),
    Case(
        "same-surname-named-in-turn",
        "Maria Tanaka leads the union. “We are ready,” Ms Tanaka said.\n\n"
        "Kenji Tanaka runs the ferry company. “We regret the delay,” Mr Tanaka said.\n\n"
        "“We will be watching the fares,” Ms Tanaka said later.",
        (Q("direct", "We are ready,", "Maria Tanaka"),
         Q("direct", "We regret the delay,", "Kenji Tanaka"),
         Q("direct", "We will be watching the fares,", "Maria Tanaka")),
        note="each title binds to the one Tanaka it can be: the quote goes to that person's entity",
    ),
    Case(
        "multi-paragraph-quote",
        "Ahmed Kareem said:\n\n"
        "“The first thing we saw was the water coming under the door.\n\n"
        "“Then the power went out and we heard the walls crack.”",
        (Q("direct", "The first thing we saw was the water coming under the door.", "Ahmed Kareem"),
         Q("direct", "Then the power went out and we heard the walls crack.", "Ahmed Kareem")),
    ),
    Case(
        "question-quote",
        "“Where were the inspectors?” asked Sofia Bianchi, who lives beside the bridge.",
        (Q("direct", "Where were the inspectors?", "Sofia Bianchi"),),
    ),
    Case(
        "markup-characters-in-quote",
        "“Type [/b] and [@click=app.quit] into the box and watch it break [and] fall over,” said Leo Marsh.",
        (Q("direct", "Type [/b] and [@click=app.quit] into the box and watch it break [and] fall over,", "Leo Marsh"),),
    ),
)
