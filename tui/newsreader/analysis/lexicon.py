"""Closed word classes our rules use: speech verbs, titles, quantity qualifiers.

These are general English classes (the verbs of reporting, honorifics), not
lists of names from any article. The model is loaded without its lemmatizer,
so verbs are listed with their inflected forms.
"""

from __future__ import annotations

import re


def _inflect(lemma: str) -> set[str]:
    """Regular inflections of a verb: say -> says, saying; add -> added, adding."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


_IRREGULAR = {
    "say": {"say", "says", "said", "saying"},
    "tell": {"tell", "tells", "told", "telling"},
    "write": {"write", "writes", "wrote", "written", "writing"},
    "think": {"think", "thinks", "thought", "thinking"},
    "tweet": {"tweet", "tweets", "tweeted", "tweeting"},
    "admit": {"admit", "admits", "admitted", "admitting"},
    "forecast": {"forecast", "forecasts", "forecasting"},
    "predict": {"predict", "predicts", "predicted", "predicting"},
    "insist": {"insist", "insists", "insisted", "insisting"},
    "plead": {"plead", "pleads", "pleaded", "pled", "pleading"},
    "quip": {"quip", "quips", "quipped", "quipping"},
    "commit": {"commit", "commits", "committed", "committing"},
    "hold": {"hold", "holds", "held", "holding"},
    "feel": {"feel", "feels", "felt", "feeling"},
    "rule": {"rule", "rules", "ruled", "ruling"},
    "read": {"read", "reads", "reading"},
    "email": {"email", "emails", "emailed", "emailing", "e-mailed"},
    "chide": {"chide", "chides", "chided", "chiding"},
    "retort": {"retort", "retorts", "retorted", "retorting"},
}

# Verbs that report speech or a stated position and take the reported content
# as a clause ("said (that) ...", "warned ...").
_SPEECH_LEMMAS = (
    "say tell add warn announce explain state note insist argue claim declare "
    "report confirm deny acknowledge admit suggest reply respond comment stress "
    "emphasise emphasize tweet write estimate predict reveal allege assert "
    "concede conclude complain caution contend maintain recall remark "
    "reiterate repeat promise pledge vow threaten accuse agree disclose indicate "
    "observe point mention answer counter continue believe think hope fear "
    "forecast testify signal propose speculate boast lament plead quip recount "
    "acknowledge affirm assure inform notify advise declare rule find "
    # Reporting verbs among the commonest speech cues of PolNeAR's fit part that the
    # list above lacked (scripts/cue_frequencies.py): 17 "read", 8 "charge", 8 "chant", ...
    "read charge chant shout joke email yell interject chide recommend proclaim exclaim "
    "scream whisper retort bark elaborate remember"
).split()

# Verbs whose reported content is a directive: "urged X to ...", "asked X to ...".
_DIRECTIVE_LEMMAS = "urge ask encourage implore beg press appeal order request demand instruct advise invite".split()

SPEECH_VERBS: frozenset[str] = frozenset(
    form for lemma in _SPEECH_LEMMAS for form in _IRREGULAR.get(lemma, _inflect(lemma))
)
DIRECTIVE_VERBS: frozenset[str] = frozenset(
    form for lemma in _DIRECTIVE_LEMMAS for form in _IRREGULAR.get(lemma, _inflect(lemma))
)
# Verbs that report a promise or threat as an infinitive: "vowed to remain in the race".
COMMISSIVE_VERBS: frozenset[str] = frozenset(
    form for lemma in ("vow", "pledge", "promise", "threaten", "swear")
    for form in _inflect(lemma) | ({"swore", "sworn"} if lemma == "swear" else set())
)
# "accused the committee of sabotaging the campaign": the charge is the object and its "of".
ACCUSE_VERBS: frozenset[str] = frozenset(_inflect("accuse"))
# "announced his candidacy", "reported a loss", "tweeted a photo": the object is the news.
# So is what one acknowledged, stressed, emphasized, lamented or reiterated ("acknowledged
# the delays", "stressed her record"): PolNeAR fit +18 right, +4 false; check +12, +2; and
# what one explained, suggested or recommended: fit +10, +2; check +5, +4. Left out on the
# fit part: recall +8, +5; predict, promise, pledge, propose, reveal, disclose more false
# positives than matches.
ANNOUNCE_VERBS: frozenset[str] = frozenset(
    form for lemma in ("announce", "report", "tweet", "acknowledge", "stress", "emphasize", "lament", "reiterate",
                       "explain", "suggest", "recommend")
    for form in _inflect(lemma)
)
# "55 percent said so", "46 percent of voters said yes", "30 percent say the same of Ms. Roy":
# a one-word answer or "the same" after "say" is the report, mostly in polls (PolNeAR fit: 16
# of the 18 outside quotation marks are gold indirect units).
SAY_FORMS: frozenset[str] = frozenset(_IRREGULAR.get("say", _inflect("say")))
# "said the levy would pass, but that he would not vote for it": a second "that" clause joined
# to the report by one of these is reported too (PolNeAR fit: 8 reports run on through ", and
# that" / ", but that" / "-- and that"; 4 ended before one, 2 of them "that" a pronoun).
SECOND_CLAUSE_JOINS: frozenset[str] = frozenset({"and", "but"})
# "told residents not to drink the water": what one was told to do is reported, from the one told.
TELL_FORMS: frozenset[str] = frozenset(_IRREGULAR["tell"])
SHORT_ANSWERS: frozenset[str] = frozenset({"so", "yes", "no"})

# "was first reported by the Herald": an outlet that broke a news is its source (fit part: 8
# "first reported by", all 8 gold units; a bare "reported by" mostly gives data, as poll
# figures or vote counts "reported by" a network: 5 in the fit part, no unit).
SCOOP_ADVERBS: frozenset[str] = frozenset({"first"})

# "warned of a trade war", "complained about the lines": the danger or grievance is the report
# (PolNeAR fit +10 right, check +4, no false positive added on either).
WARN_VERBS: frozenset[str] = frozenset(form for lemma in ("warn", "complain", "caution") for form in _inflect(lemma))
# "commented on the racial divide", "joked about moving abroad", "boasted of his record":
# with this preposition, what the words were about is reported (PolNeAR fit +5 right, check
# +6, +1 false; "declined to comment on" is no report). "said of" (6 matched, 19 false) and
# "wrote about" (5, 3) are left out.
TOPIC_VERBS: dict[str, tuple[str, ...]] = {
    form: preps for lemma, preps in (("comment", ("on",)), ("joke", ("about",)), ("tweet", ("about",)),
                                      ("testify", ("about",)), ("boast", ("about", "of")))
    for form in _IRREGULAR.get(lemma, _inflect(lemma))
}
# "called for an open primary", "called on Congress to act": a demand, reported.
CALL_VERBS: frozenset[str] = frozenset(_inflect("call"))
# Cues that introduce a quotation but take no clause of reported speech:
# "has called the plan “dangerous”", "described it as “a step backwards”".
FRAMING_VERBS: frozenset[str] = frozenset(
    form for lemma in ("call", "describe", "dub", "label", "brand", "term")
    for form in _inflect(lemma)
)
# Cognitive verbs count only when they carry a clause and are not inside a
# quotation ("believes the migrants may have left ..."). "think" and "feel"
# are too common in narrative to count without a named subject.
WEAK_SPEECH_VERBS: frozenset[str] = frozenset(
    form for lemma in ("believe", "think", "hope", "fear", "feel", "find", "rule", "continue", "recall", "agree", "hold",
                       "read", "charge", "remember")
    for form in _IRREGULAR.get(lemma, _inflect(lemma))
)

# Adjectives whose subject is the one who speaks in "were more likely to say ...", "are quick
# to point out that ...": on PolNeAR's fit part these two report a speaker's words (5 of 6
# matched a gold report); "worth noting", "old enough to remember", "determined to respond"
# are the narrator's or no report at all.
SPEAKER_ADJECTIVES: frozenset[str] = frozenset({"likely", "quick"})

# Nouns that report what their owner said or promised, with the content as a that-clause
# or an infinitive: "the mayor's claim that ...", "his promise to build a sea wall". With an owner
# ("X's", "his", "by X") these report on PolNeAR's fit part +11 right, +2 false positives;
# "accusation(s)" and "charge(s)" matched none of their 3 and are left out.
REPORT_NOUNS: frozenset[str] = frozenset(
    """claim claims assertion assertions allegation allegations promise promises pledge pledges
    vow vows statement statements warning warnings""".split()
)

TITLES: frozenset[str] = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. professor
    president minister senator sen sen. rep rep. gov gov. governor mayor judge justice
    chief general gen gen. col col. capt capt. captain sgt sgt. officer detective
    inspector rev rev. father king queen prince princess pope coach ambassador
    chancellor premier sheikh imam rabbi bishop cardinal archbishop commissioner
    secretary chairman chairwoman director superintendent constable major lieutenant
    admiral colonel sergeant corporal private undersecretary councillor councilor""".split()
)
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"})

# Last words that make a name opening with a given name an organisation, a paper, a team, a
# place or a work, not a person the model mistyped: "Carly Holdings", "Tom Hale University",
# "Ada Street". A two- or three-word name the model tagged ORG or PRODUCT that opens with a given
# name of one sex (``given_name_gender``), does not open with a place and ends otherwise is a
# "he" or "she" by that given name ("Leah Banks", tagged ORG).
# PolNeAR fit: 180 such names open with a given name; the 98 ending in these words are all
# organisations, most of the other 82 are people, and the rest mostly open with a place.
ORG_NAME_ENDS = frozenset(
    """University College School Institute Center Centre Foundation Party Court Service Services
    News Post Times Globe Herald Journal Examiner Sentinel Tribune Gazette Daily Network Channel
    Broadcasting Media Radio Business Research Group Company Co Corp Corporation Inc Enterprises
    Capital Industries Brothers Airlines Lines Systems Hotel House Club Church Council Committee
    Commission Department Agency Bureau Senate Assembly Legislature Congress Army Corps Police
    Forces Association Union Campaign Initiative Program Project Show Street Statement Award
    Qaeda Jazeera Mahal Fund Bank Trust Partners Holdings Motors Foods Stores Pharmaceuticals
    Institution Society Library Museum Hospital League Team Review Magazine Press Report Bridge
    Clinic Convention Summit Marathon Marathons Motor Standards Securities Politics""".split()
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it", "we", "them"})

# Qualifiers that sit before a number but are not part of the figure the gold
# counts: "as many as 500" -> "500".
FIGURE_QUALIFIERS = (
    "as many as", "as few as", "as much as", "more than", "less than", "fewer than",
    "up to", "at least", "at most", "no more than", "nearly", "almost", "about",
    "around", "roughly", "approximately", "some", "over", "under", "just",
    "only", "an estimated", "estimated", "close to", "upwards of", "some",
)

NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion trillion dozen
    dozens hundreds thousands millions billions half twice thrice""".split()
)

TIME_UNITS = frozenset(
    """second seconds minute minutes hour hours day days week weeks fortnight
    fortnights month months year years decade decades century centuries""".split()
)

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words that date a phrase to the day of a report: "said he was hopeful after meeting the
# envoy on Thursday" tells when he spoke (cues._clause_chars).
REPORT_DAYS = frozenset(WEEKDAYS + ("today", "yesterday", "tonight"))

# Nouns the narrator sets after a report to sum it up and say more about it: "said the
# contest was rigged, a charge that party leaders denied". What follows is not reported.
# 11 PolNeAR fit-part units end just before such a noun with "that"/"which".
SUMMING_UP_NOUNS = frozenset(
    "charge claim accusation allegation assertion acknowledgment acknowledgement admission move step "
    "decision requirement practice goal result proportion share increase decrease figure".split()
)

# Participles after a report that tell what it led to, not what was said: "said X,
# drawing a sharp reply from Y", "…, prompting calls for …". 11 PolNeAR fit-part units end
# just before one after a comma; none has one inside outside quotation marks.
RESULT_PARTICIPLES = frozenset(
    "drawing prompting sparking triggering leading raising highlighting elevating reflecting echoing "
    "throwing fueling fuelling provoking".split()
)

# Dashes that set off an aside: a lone one after a report, with no closing dash before the
# sentence ends ("said the fund had grown to $9 billion — a record for the state"), starts the
# narrator's own remark, not more of the report. On the PolNeAR fit part 22 indirect units
# end just before such a dash and none runs on through one; the 8 that run through a dash run
# through a paired "— … —" aside, which is left alone.
ASIDE_DASHES = frozenset({"—", "–", "--", "-"})

# Articles that open a closing gloss: "said she would repeal the rule, a longstanding provision
# that bars ...". An appositive noun phrase after a comma that runs to the sentence's end is the
# narrator's. On the PolNeAR fit part 16 indirect units end just before ", a"/", an" and 4 run
# on through one (a quoted title's gloss, "“The Lighthouse Cat”, a picture book", stays).
GLOSS_ARTICLES = frozenset({"a", "an"})

# Relative words that open a closing aside: "said lawmakers wanted the full file, which would
# let them compare ...". A relative clause after a comma that runs to the sentence's end is
# the narrator's. On the PolNeAR fit part 15 indirect units end just before ", which"/", who";
# 5 run on through one, 3 of them units that start at the relative word.
CLOSING_RELATIVES = frozenset({"which", "who"})

# A party-and-state bracket after a politician's name ("Sen. Jo Hale (D-Ore.) said", "Gov. Al
# Roe (R) urged"): the parser reads "D-Ore." as a name of its own in apposition and loses the
# verb's subject, and the entity finder makes "Ore" a place. The parser is given the bracket as
# spaces (the text and its offsets are unchanged). Only before a comma or other stop, or a
# lower-case word, so a bracket that a missing full stop runs into the next sentence's name
# ("(I-Vt.) Clinton won") is left alone. On the PolNeAR fit part: +5 right attributions
# (+1 false positive) on the 157 such brackets.
PARTY_STATE_BRACKET = re.compile(
    r"(?<=[A-Za-z.] )\((?:[DRI]|Dem|Rep|Ind)(?:[-–]\s?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?\)(?=[,;:.]|\s+[a-z])")

# Heads that make "<nationality> <noun>" an organisation: "Syrian army", "Indonesian navy".
INSTITUTION_NOUNS = frozenset(
    "army military navy government police forces parliament coastguard guard ministry cabinet air".split()
)

# Words that name no organisation on their own, though capitalised: a generic
# reference ("the State", "the Government", "the Court") or a portfolio
# ("Undersecretary for Education", "Secretary of State").
GENERIC_INSTITUTION_WORDS = frozenset(
    """state government court ministry department council administration cabinet
    education justice defence defense health interior finance agriculture transport commerce""".split()
)

# Role nouns that close an organisation's span in a role phrase: "the State
# Department Spokesperson" names the State Department.
ROLE_SUFFIXES = frozenset("spokesman spokeswoman spokesperson official officials".split())

# What one holds a share in is a company: "shares in Tesla", "a stake in Apple".
HOLDING_NOUNS = frozenset("share shares stake stakes investment investments holding holdings".split())

# Subjects that are documents or numbers, not speakers: "Estimates suggest ...".
# With a named possessor they stand for it: "PC World's analysis concluded" -> PC World.
SOURCE_NOUNS = frozenset(
    """estimate estimates report reports data figures study studies statement statements
    analysis analyses survey surveys research poll polls document documents records
    evidence results findings article articles post posts website site blog letter letters
    memo release announcement paper papers filing filings review reviews audit""".split()
)

# What a speaker sends or issues, so that its "saying ..." is the sender's:
# "the campaign released a statement saying ...", "sent supporters a text message saying ...".
MESSAGE_NOUNS = SOURCE_NOUNS | frozenset(
    """message messages tweet tweets email emails e-mail note notes video videos ad ads
    advertisement op-ed column speech remarks""".split()
)

# Nouns for people in a role: a definite description with one of these heads
# ("the spokeswoman added") refers back to a person, and a name in apposition
# with one ("the council's spokeswoman, Leah Brandt") is a person's. Any other
# definite description ("the library said") refers back to an organisation.
PERSON_NOUNS = frozenset(
    """man woman men women person people spokesman spokeswoman spokesperson minister
    president official officer director chief head leader secretary chairman
    chairwoman chair manager lawyer attorney judge doctor nurse teacher mother father
    sister brother son daughter wife husband resident witness victim driver pilot
    captain coach player founder owner executive mayor governor senator ambassador
    envoy diplomat general commander soldier detective inspector professor
    researcher scientist expert analyst economist author writer reporter journalist
    editor activist campaigner protester organiser organizer candidate lawmaker
    councillor councilor member worker engineer librarian student farmer fisherman
    survivor father girl boy child neighbour neighbor friend colleague prosecutor
    defendant boss host deputy undersecretary premier chancellor king queen prince""".split()
) | frozenset(
    # Who a description of one person is in political news, never an organisation it could be
    # taken back to ("the businessman" is no TV network, "the presumptive nominee" no news agency).
    # PolNeAR fit: 57 quotes change speaker, about 34 to the person a reader would name, 6 wrong.
    """businessman businesswoman billionaire mogul magnate tycoon nominee front-runner frontrunner
    contender challenger incumbent hopeful congressman congresswoman moderator delegate aide
    adviser advisor strategist pollster consultant operative donor supporter designer actor
    actress admiral neurosurgeon surgeon veteran""".split()
)


def _read_given_names() -> dict[str, str]:
    from pathlib import Path

    path = Path(__file__).with_name("data") / "given_names.tsv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            name, _, sex = line.rstrip("\n").partition("\t")
            out[name] = sex
    return out


_GIVEN_NAMES: dict[str, str] | None = None


def given_name_gender(word: str) -> str | None:
    """ "m" or "f" for a given name nearly all of whose bearers are of one sex (US SSA
    baby-name counts, ``data/given_names.tsv``, built by ``scripts/build_given_names.py``);
    ``None`` for names shared by both ("Pat", "Jordan") or unknown ones."""
    global _GIVEN_NAMES
    if _GIVEN_NAMES is None:
        _GIVEN_NAMES = _read_given_names()  # 23,000 lines, ~10 ms: read on the first name asked
    return _GIVEN_NAMES.get(word.lower().rstrip("."))


# Heads of a description that speaks for a group around a name, not for the name:
# "Hillary Clinton's campaign", "the Bush administration", "Trump officials", "Sanders
# supporters". The speaker is the group ("campaign"), as PolNeAR's sources read.
GROUP_HEADS = frozenset(
    """campaign campaigns administration camp team staff staffers fans supporters allies aides
    officials advisers advisors backers critics lawyers attorneys family spokesmen surrogates
    voters delegates donors""".split()
)

# Plural people who can be the "they" of the next sentence when they are its subject ("Several
# Ruiz associates have named the port ... they said"), with PERSON_NOUNS and GROUP_HEADS.
PLURAL_PEOPLE_NOUNS = frozenset(
    """men women people associates strategists activists parents residents leaders members senators
    lawmakers candidates analysts experts protesters workers students republicans democrats
    conservatives liberals organizers""".split()
)

# Heads after which a name is the body itself: "the M5S party", "the Acme company". After
# any other head the name only describes the speaker ("the Florida senator", "a CNN poll").
NAMED_BODY_HEADS = frozenset(
    """party movement group company firm corporation agency network newspaper magazine channel
    broadcaster website union foundation institute coalition alliance organisation organization""".split()
)

# "MOSCOW // ", "PORT ELLIS, March 14, 2024 — ", "LONDON (Reuters) - "
DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{1,40}(?:,[^—–/\n]{1,40})?(?:\s*\([^)]{1,30}\))?\s*(?://|—|–|--|-)\s*")

# A paragraph that ends with its reporting verb and a colon ("Lindqvist writes:", "Okafor argued
# that:") sets off the next paragraph as what was said, in a block with no quotation marks
# (PolNeAR fit: 5 such paragraphs, all gold units). What may follow the verb before the colon:
REPORT_BEFORE_COLON = re.compile(r"(\s+that)?\s*:")
# Marks that open a quotation or markup, not a block of reported text ("<tweet ...>").
QUOTE_OPENERS: frozenset[str] = frozenset("\"“”'‘’«<[")

# A line that signs the quotation above it: "- Ana Ruiz.", "—Mayor Ruiz, Lakeview." (PolNeAR
# fit: 7 quotes in fact-check and reader-quote lists, none found another way).
SIGNATURE_LINE = re.compile(r"\s*[-–—]\s*(?=[A-Z])")
SIGNATURE_MAX_WORDS = 12

# A title in quotation marks of one capitalised word after an article ("The Harbour", "A
# Reckoning,"): a show, film or book named, not words quoted. PolNeAR fit: 5 such partial
# or apposed quotes were all false positives, no matched quote has this shape but one
# right after its cue, which is left alone.
ARTICLE_TITLE = re.compile(r"(?:The|A|An)\s+[A-Z][\w’'\-]*[,.]?")

# A condition right after a report, which the parser hangs on the cue, is part of what was
# said: "said he would serve if the party asked", "... unless the company cancels the plant",
# and with the auxiliary before its subject, "... should the party ask him", "... had they
# waited" (cues._with_its_condition). PolNeAR fit: 5 such reports, all run on in the gold.
CONDITION_MARKS = frozenset(("if", "unless"))
CONDITION_AUXILIARIES = frozenset(("should", "had"))

# Prepositions that open a quantity ("about half of the cost", "over 200 riders"): after a
# cue, with a reported clause that has no subject after them, they open that subject
# ("said about half of the cost reflected the storms"); other prepositions there tell how or
# where it was said ("said in a statement issued Monday") (cues._with_its_subject).
QUANTITY_PREPOSITIONS = frozenset(("about", "around", "over", "under", "nearly", "almost", "roughly"))

# Conjunctions that open a clause of time: "When asked ...,", "While he was speaking ...,"
# before a cue tell when it was said, not what (cues._when_it_was_said).
TIME_MARKS = frozenset("when while as after before once until since".split())

