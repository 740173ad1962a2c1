"""Speech cues in one parsed paragraph: the verb, who speaks, what is reported.

A cue is a reporting verb ("said", "warned", "urged") or "according to",
with its speaker (the verb's subject, found through the dependency parse and
climbing from participles like "saying" to the clause they hang on) and, for
reported speech, the clause or complement it reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .doctext import text_of
from .entities import given_names_start
from .lexicon import (
    ACCUSE_VERBS, ANNOUNCE_VERBS, ASIDE_DASHES, CALL_VERBS, CLOSING_RELATIVES, COMMISSIVE_VERBS,
    CONDITION_AUXILIARIES, CONDITION_MARKS, DATELINE, DIRECTIVE_VERBS, FRAMING_VERBS, GLOSS_ARTICLES,
    GROUP_HEADS, MESSAGE_NOUNS, PERSON_NOUNS, QUANTITY_PREPOSITIONS, REPORT_NOUNS, REPORT_DAYS,
    RESULT_PARTICIPLES, SAY_FORMS, SCOOP_ADVERBS, SECOND_CLAUSE_JOINS, SHORT_ANSWERS, SOURCE_NOUNS,
    SPEAKER_ADJECTIVES, SPEECH_VERBS, SUMMING_UP_NOUNS, TELL_FORMS, TIME_MARKS, TITLES, TOPIC_VERBS, WARN_VERBS,
    WEAK_SPEECH_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WORDS = re.compile(r"[^\W\d_]+")
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLAUSE_DEPS = ("ccomp", "parataxis")
_CLIMB_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl")
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
_TRIM = " \t\r\n,.;:—–-"
_RELATIVE_WORDS = ("which", "that", "who", "what")
_CLOSING_MARKS = ("”", '"', "''", "’")
"""Tokens that close a quotation (spaCy keeps ``''`` as one token)."""
_OPENING_MARKS = ("“", '"', "''", "``", "‘")
# How far back a verb after a quotation looks for the quotation's end, and how many words
# of description may stand before a speaker's name (`said retired ferryman Tomas Lindqvist`).
APPOSITION_TOKENS = 45
NAME_DESCRIPTION_WORDS = 4


@dataclass(slots=True)
class Cue:
    kind: str
    """``speech``, ``directive``, ``according``, ``framing`` or ``colon`` (a clause
    opening a quotation with a colon: the verb reports nothing itself)."""
    verb: int
    """Token index of the verb (or of "according")."""
    cue_start: int
    cue_end: int
    """Character offsets of the cue words within the paragraph."""
    speaker: tuple[int, int] | None = None
    """Token range [start, end) of the speaker phrase."""
    content: tuple[int, int] | None = None
    """Character range of the reported clause (indirect speech), if any."""
    content_after: tuple[int, int] | None = None
    """The reported clause's second part when the cue stands inside it
    ("The plan, a source said, is to ..."): content is the part before."""
    negated: bool = False
    own_subject: bool = True
    """False when the speaker was found by climbing from a participle or infinitive."""
    speaker_chars: tuple[int, int] | None = None
    """Character range of the speaker phrase within the paragraph."""


def _in_quotes(char: int, quotes: list[tuple[int, int]]) -> bool:
    for s, e in quotes:  # a plain loop: asked for many tokens of every paragraph, any() costs more
        if s <= char < e:
            return True
    return False


def _quoted_share(start: int, end: int, quotes: list[tuple[int, int]]) -> float:
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in quotes)
    return inside / (end - start)


def _is_quotation(doc: Doc, span: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    """A reported clause that is a direct quotation, the quote itself: mostly inside
    quotation marks with at most two words of the narrator's around them ("that “…”").
    A clause with words of its own around quoted pieces is reported speech that quotes
    ('said the campaign would “do daily requests …” early and then “run …”').
    PolNeAR's gold reports such a clause whole (a quoted unit holding the partial quotes)."""
    start, end = span
    if _quoted_share(start, end, quotes) <= 0.6:
        return False
    text = text_of(doc)
    outside, at = [], start
    for s, e in sorted(quotes):
        if e <= start or s >= end:
            continue
        outside.append(text[at:max(at, s)])
        at = max(at, e)
    outside.append(text[at:end])
    words = [w.lower() for piece in outside for w in _WORDS.findall(piece)]
    # `“…,” Mr Lavrov said in Munich, agencies reported`: the quotation with its own cue
    return len(words) <= 2 or any(w in SPEECH_VERBS for w in words)


def find_cues(doc: Doc, quotes: list[tuple[int, int]]) -> list[Cue]:
    """Every reporting cue outside quotation marks, in order.

    ``quotes`` are the (start, end) character spans inside quotation marks:
    verbs in there belong to the quoted speaker's own words.
    """
    cues: list[Cue] = []
    for tok in doc:
        low = tok.lower_
        according = low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        # Only a verb, "according to" or a reporting verb the tagger read as a noun is a
        # cue: told first, as most words are none of these.
        if (not according and tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN")
                and not (tok.pos_ == "NOUN" and low in SPEECH_VERBS)):
            continue
        if _in_quotes(tok.idx, quotes):
            continue
        if according:
            cue = _according(doc, tok, quotes)
            if cue:
                cues.append(cue)
            continue
        if tok.pos_ == "NOUN" and low in SPEECH_VERBS:
            cue = _verb_read_as_noun(doc, tok, quotes)
            if cue is not None:
                cues.append(cue)
            continue
        if low == "asked" and tok.tag_ == "VBN" and tok.dep_ == "advcl" and not _has_subject(tok):
            # "Asked whether he would resign, Mr Grant said ...": the question is not his, but the
            # asker's when named ("When asked by a caller whether ...")
            cue = _asked_by(doc, tok, quotes)
            if cue is not None:
                cues.append(cue)
            continue
        scoop = _first_reported_by(doc, tok, quotes) if low == "reported" else None
        if scoop is not None:
            cues.append(scoop)
            continue
        if low in CALL_VERBS and any(c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i > tok.i for c in tok.children):
            cue = _call_for(doc, tok, quotes)
        elif low in CALL_VERBS and _for_to_clause(doc, tok) is not None:
            cue = _call_for_to(doc, tok, quotes)
        elif low in DIRECTIVE_VERBS:
            cue = _directive(doc, tok, quotes)
        elif low in SPEECH_VERBS:
            cue = _speech(doc, tok, quotes)
        elif low in FRAMING_VERBS:
            if tok.i >= 2 and doc[tok.i - 1].text == "-":
                continue  # "so-called": a scare quote, not a speaker's framing
            cue = Cue("framing", tok.i, tok.idx, tok.idx + len(tok), speaker=_speaker(doc, tok, quotes))
        else:
            cue = _verb_against_quote(doc, tok, quotes)
        if cue is not None:
            cues.append(cue)
    cues.extend(_colon_cues(doc, quotes, {c.verb for c in cues}))
    cues.extend(_report_noun_cues(doc, quotes))
    cues.sort(key=lambda c: c.cue_start)
    for cue in cues:
        if cue.speaker is not None:
            first, last = doc[cue.speaker[0]], doc[cue.speaker[1] - 1]
            cue.speaker_chars = (first.idx, last.idx + len(last))
            # A mis-parse can put the speaker inside the clause found for it
            # (`“…,” said David Brock, a confidant who heads …`): a report never holds its speaker.
            if cue.content and _overlaps(cue.content, cue.speaker_chars):
                cue.content, cue.content_after = cue.content_after, None
            if cue.content and _overlaps(cue.content, cue.speaker_chars):
                cue.content = None
        # A relative clause on a noun is no report (`“…,” said Jo Lane, who now backs Ms. Roy`).
        if cue.content_after is not None and _is_relative_clause(doc, cue.content_after):
            cue.content_after = None
        # ("the letter, which was first reported by the Herald": the relative word before the
        # cue is what was reported; the rule is for a clause after it.)
        if cue.content is not None and cue.content[0] > cue.cue_start and _is_relative_clause(doc, cue.content):
            cue.content, cue.content_after = cue.content_after, None
    return cues


def _is_relative_clause(doc: Doc, span: tuple[int, int]) -> bool:
    """The span opens with a relative pronoun after a comma, a dash or a common noun: ", who
    now backs ...", "and whose ...", "tells voters who wonder ...". Not a question after the
    verb or the one asked ("say who he backs", "asked Ms. Roy which towns she would win").
    PolNeAR fit: 5 false positives fewer, nothing else changed."""
    first = next((t for t in doc if t.idx >= span[0] and not t.is_punct), None)
    if first is None or first.lower_ not in ("who", "whose", "whom", "which") or first.i == 0:
        return False
    prev = doc[first.i - 1]
    if prev.lower_ == "and" and first.i >= 2:
        prev = doc[first.i - 2]
    return prev.text in (",", "(", "—", "–") or prev.pos_ == "NOUN" and first.dep_ != "det"


def _colon_cues(doc: Doc, quotes: list[tuple[int, int]], taken: set[int]) -> list[Cue]:
    """A clause that opens a quotation with a colon: `Hoff's letter makes a libertarian-style
    case: “…”`, `she offered up this sound bite: “…”`. Its verb is no reporting verb, but
    its subject is the one quoted; the cue is the verb."""
    found = []
    text = text_of(doc)
    if ":" not in text:
        return found
    for colon in doc:
        if colon.text != ":" or colon.i == 0 or _in_quotes(colon.idx, quotes):
            continue
        if not re.match(r"\s*[“\"‘]", text[colon.idx + 1:]):
            continue
        label = _speaker_label(doc, colon)
        if label is not None:
            found.append(Cue("colon", label.start, label.start_char, label.end_char,
                             speaker=(given_names_start(doc, label.start, label.end), label.end)))
            continue
        verb = doc[colon.i - 1]
        while verb.head != verb and verb.head.i < colon.i:
            verb = verb.head
        if verb.i in taken or verb.pos_ not in ("VERB", "AUX") or _in_quotes(verb.idx, quotes):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
        if subject is None or subject.lower_ in ("it", "this", "that", "there", "here", "what", "which"):
            continue
        start, end = _cue_span(verb)
        found.append(Cue("colon", verb.i, start, end, speaker=_phrase(doc, subject), negated=_negated(verb, quotes)))
    return found


def _report_noun_cues(doc: Doc, quotes: list[tuple[int, int]]) -> list[Cue]:
    """A reporting noun with its owner and what was claimed or promised: "the mayor's claim that
    the council favours the levy", "his promise to build a sea wall", "the claims by the agency that ...".
    The owner speaks; the clause (or infinitive) is the report."""
    found = []
    lowered = text_of(doc).lower()
    if not any(noun in lowered for noun in REPORT_NOUNS):
        return found  # most paragraphs: no word to look at
    for noun in doc:
        if noun.lower_ not in REPORT_NOUNS or noun.pos_ != "NOUN" or _in_quotes(noun.idx, quotes):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
        if owner is None:
            by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if owner is None or _in_quotes(owner.idx, quotes):
            continue
        clause = next((c for c in noun.children if c.i > noun.i and (
            c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            or c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))), None)
        if clause is None:
            continue
        content = _clause_chars(doc, clause, noun, quotes)
        if content is None:
            continue
        found.append(Cue("speech", noun.i, noun.idx, noun.idx + len(noun), speaker=_phrase(doc, owner),
                         content=content))
    return found


def _speaker_label(doc: Doc, colon: Token) -> Span | None:
    """`Donald Trump: “…”`, `JUST TOO EARLY - Mark Blumenthal and Jon Cohen: “…”`, `More from
    Jones: “…”`: a person's name alone before the colon, opening its sentence or set off by a
    dash or "from", labels who is quoted, as in a transcript."""
    ent = next((e for e in doc.ents if e.end == colon.i and e.label_ == "PERSON"), None)
    if ent is None:
        return None
    start = ent.start
    while start >= 2 and doc[start - 1].lower_ == "and" and doc[start - 2].ent_type_ == "PERSON":
        start = _entity_at(doc, doc[start - 2]).start  # "Mark Blumenthal and Jon Cohen:"
    before = doc[start - 1] if start > 0 else None
    if before is None or doc[start].is_sent_start or before.text in ("-", "–", "—", "from") or before.is_space:
        return doc[ent.start:ent.end]
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _tokens_in(doc: Doc, start_char: int, end_char: int) -> list[Token]:
    """The tokens that start inside ``[start_char, end_char)``, without a scan of the whole Doc."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand") if start_char < end_char else None
    tokens = span if span is not None else doc
    return [t for t in tokens if start_char <= t.idx < end_char]


def _negated(tok: Token, quotes: list[tuple[int, int]]) -> bool:
    # A "not" inside the quotation is the speaker's ("“Absolutely not,” he said"), however
    # the parser hung it on the cue.
    heads = [tok.head] if tok.dep_ == "xcomp" else []
    if heads and tok.head.dep_ == "acomp":
        heads.append(tok.head.head)  # "was not willing to say"
    return any(c.dep_ == "neg" and not _in_quotes(c.idx, quotes) for c in tok.children) or any(
        c.dep_ == "neg" and not _in_quotes(c.idx, quotes) for h in heads for c in h.children if c.i < tok.i
    )


def _cue_span(tok: Token) -> tuple[int, int]:
    end = tok.idx + len(tok)
    # Phrasal verbs: "pointed out", "went on".
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c)
    return tok.idx, end


def _speech(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    speaker = _speaker(doc, verb, quotes)
    content = None
    # A clause after the verb first: in "53% describe themselves as liberal; 26% say they
    # are conservative" the parse hangs the clause before the semicolon on "say" too.
    for child in sorted(verb.children, key=lambda c: c.i < verb.i):
        if child.dep_ in _CLAUSE_DEPS and not _in_quotes(child.left_edge.idx, quotes):
            content = _clause_chars(doc, child, verb, quotes)
            if content:
                break
        if child.dep_ in _CLAUSE_DEPS and _quote_opens_clause(doc, child, verb, quotes):
            content = _clause_chars(doc, child, verb, quotes)
            if content:
                mark = doc[child.left_edge.i - 1]
                content = (mark.idx, content[1])  # the report opens with the quotation's mark
                break
    if content is None and verb.lower_ in ("told", "tell", "tells", "telling", "informed", "assured", "warned", "reminded"):
        # "told reporters (that) the bridge would ..." parses the clause under the object sometimes.
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                for grand in child.children:
                    if grand.dep_ in _CLAUSE_DEPS:
                        content = _clause_chars(doc, grand, verb, quotes)
    if content is None and verb.lower_ in TELL_FORMS:
        content = _told_to(doc, verb, quotes)
    if content is None:
        # "said in a statement that ...": the clause hangs on the statement.
        for child in verb.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    for grand in pobj.children:
                        if grand.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" for g in grand.children):
                            content = _clause_chars(doc, grand, verb, quotes)
    if content is None:
        content = _that_clause_down_the_chain(doc, verb, quotes)
    if content is None:
        # "say taxing consumption encourages savings": the parser hangs the clause on a
        # gerund (xcomp) it reads as the verb's complement; "said to be" is not a report.
        for child in verb.children:
            if (child.dep_ == "xcomp" and child.i > verb.i and child.tag_ == "VBG"
                    and not any(c.dep_ == "aux" for c in child.children) and child.left_edge.i > verb.i):
                content = _clause_chars(doc, child, verb, quotes)
                break
    if content is None:
        content = _that_clause_by_words(doc, verb, quotes)
    if content is None and verb.lower_ in WARN_VERBS:
        content = _warned_of(doc, verb, quotes)
    if content is None and verb.lower_ in TOPIC_VERBS and not (verb.dep_ == "xcomp" and verb.head.lower_.startswith(
            ("declin", "refus"))):  # "declined to comment on ...": a refusal, nothing said
        content = _warned_of(doc, verb, quotes, TOPIC_VERBS[verb.lower_])
    if content is None and verb.lower_ in ANNOUNCE_VERBS:
        content = _announced_object(doc, verb, quotes)
    if content is None and verb.lower_ in SAY_FORMS:
        content = _short_answer(doc, verb, quotes)
    if content is None and verb.lower_ in ACCUSE_VERBS:
        content = _accusation(doc, verb, quotes)
    if content is None and verb.lower_ in COMMISSIVE_VERBS:
        content = _infinitive_after(doc, verb, quotes)  # "vowed to remain in the race"
    content_after = None
    if content is None and speaker is not None and (verb.dep_ in ("parataxis", "advcl") or verb.dep_ == "ccomp" and verb.head.i > verb.i) and verb.head.i > verb.i - 40:
        content, content_after = _clause_around(doc, verb, quotes)  # "The plan, a source said, is to ..."
    reported = _reporting_ancestor(doc, verb) is not None  # "X said Y …, adding": no clause before it is X's
    if content is None and speaker is not None and not reported:
        content = _clause_before_trailing_cue(doc, verb, speaker, quotes)
    if speaker is not None and content_after is None and (content is None or content[0] > verb.idx) and not reported:
        before = _clause_before_interrupting_cue(doc, verb, speaker, quotes)
        if before is not None and _when_it_was_said(doc, before):
            # "When asked about the levy, Ms. Roy said, “…”": when she spoke, not what she said
            if content is None:
                content = _rest_after_cue(doc, verb, speaker, quotes)
        elif before is not None:
            content, content_after = before, content  # "X, he said, that Y" / "X, he said, “Y”"
    if content is not None and content_after is None and content[1] <= verb.idx:
        content_after = (_rest_after_cue(doc, verb, speaker, quotes)
                         or _joined_clause_after_cue(doc, verb, speaker, quotes))
    if content is not None and content_after is None and content[0] > verb.idx:
        content = _second_that_clause(doc, content, quotes)
        content = _with_its_condition(doc, verb, content, quotes)
        content = _with_its_subject(doc, verb, content, quotes)
        content = _with_its_predicate(doc, verb, content, quotes)
    weak = verb.lower_ in WEAK_SPEECH_VERBS and not _introduces_quote(doc, verb, speaker, quotes)
    if weak and (content is None or speaker is None):
        return None
    if weak and not any(doc[i].ent_type_ in ("PERSON", "ORG") or doc[i].pos_ == "PRON" for i in range(*speaker)):
        # "Residents fear ...", "Analysts believe ...": narrative, not a quoted position.
        return None
    content = _before_narrators_remark(doc, verb, _on_to_quoted_words(doc, verb, content, quotes), quotes)
    content_after = _before_narrators_remark(doc, verb, content_after, quotes)
    start, end = _cue_span(verb)
    return Cue("speech", verb.i, start, end, speaker=speaker, content=content, negated=_negated(verb, quotes),
               own_subject=_has_subject(verb), content_after=content_after)


def _with_its_condition(doc: Doc, verb: Token, span: tuple[int, int],
                        quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """ "said he would serve should the party ask him", "vowed to impose a tariff unless the
    company cancels the plant": a condition the parser hung on the cue, right after the report,
    is part of what was said. PolNeAR fit: 5 reports change, all to the gold's end (+3 matched)."""
    nxt = next((t for t in doc[verb.i + 1:verb.sent.end] if t.idx >= span[1] and not t.is_punct), None)
    if nxt is None or nxt.idx - span[1] > 2 or _in_quotes(nxt.idx, quotes):
        return span
    head = nxt.head
    if head.left_edge != nxt and not (verb.head == head and verb.right_edge.i < nxt.i):
        return span
    if nxt.lower_ in CONDITION_MARKS and nxt.dep_ == "mark":
        if not (head.dep_ == "advcl" and head.head == verb):
            return span
    elif nxt.lower_ in CONDITION_AUXILIARIES and nxt.dep_ in ("aux", "auxpass"):
        # "should the party ask him": the parser makes it a clause of the cue's or the cue's head
        if not (any(c.dep_ in _SUBJ and c.i > nxt.i for c in head.children)
                and (head.head == verb and head.dep_ in ("advcl", "ccomp") or verb.head == head and head.i > verb.i)):
            return span
    else:
        return span
    last = head.right_edge
    while last.i > nxt.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return _trimmed(doc, span[0], last.idx + len(last)) or span


def _with_its_subject(doc: Doc, verb: Token, span: tuple[int, int],
                      quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """ "said about half of the cost reflected the storms", "said just because harm was not
    obvious did not mean ...": the reported clause has no subject, and the words between the cue
    and it, which the parser hung on the cue, are that subject. PolNeAR fit: 8 reports change,
    all to the subject a reader would give (+3 matched)."""
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].idx >= span[0]:
        return span
    root = next((t for t in doc[verb.i + 1:verb.sent.end] if span[0] <= t.idx < span[1] and t.head == verb), None)
    if (root is None or root.dep_ != "ccomp" or root.left_edge.idx != span[0]
            or any(c.dep_ in _SUBJ + ("expl",) for c in root.children)
            or not (root.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in root.children))):
        return span
    first = doc[verb.i + 1]
    lead = first if first.head == verb else first.head if first.head.head == verb else None
    if (lead is None or lead.dep_ not in ("prep", "advcl", "npadvmod", "advmod", "dobj", "nsubj")
            or lead.left_edge != first or lead.right_edge.i + 1 != root.left_edge.i
            or lead.dep_ == "prep" and lead.lower_ not in QUANTITY_PREPOSITIONS or _in_quotes(first.idx, quotes)):
        return span  # "said in a statement issued ... aired Monday": how it was said
    return first.idx, span[1]


def _calls_out(verb: Token) -> bool:
    """ "... and called on the council to act", "... and called her “weak”": a "call" joined to a
    reported clause is a second report, of the speaker's own (PolNeAR fit: 6 reports end before
    one in the gold, none runs on through one); "never called a neighbour to ask for help" is a phone
    call, part of what was said."""
    return (any(c.dep_ == "prep" and c.lower_ in ("on", "for") for c in verb.children)
            or any(t.text in _OPENING_MARKS for t in verb.subtree))


def _with_its_predicate(doc: Doc, verb: Token, span: tuple[int, int],
                        quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """ "noted that most of the funds collected would go to the choir", "said the boats seized could
    be part of the scheme", "said dropping the levy was a sign of her resolve": the parser
    ends the reported clause early and hangs its real predicate, with no subject of its own, on
    the cue as a second clause; the report is both. Not a second report ("... and said ...").
    PolNeAR fit: 6 reports change, all to the gold's span."""
    toks = [t for t in doc[verb.i + 1:verb.sent.end] if span[0] <= t.idx < span[1]]
    if not toks or toks[-1].i + 1 >= len(doc):
        return span
    nxt = doc[toks[-1].i + 1]
    if _in_quotes(nxt.idx, quotes) or nxt.is_punct:
        return span
    pred = nxt.head if nxt.dep_ in ("aux", "auxpass", "neg") else nxt
    if not (pred.head == verb and pred.dep_ == "ccomp" and pred.left_edge == nxt and toks[-1].dep_ != "cc"
            and pred.lower_ not in SPEECH_VERBS
            and pred.pos_ in ("VERB", "AUX") and not any(c.dep_ in _SUBJ for c in pred.children)
            and (pred.tag_ in ("VBD", "VBZ", "VBP") or nxt.tag_ == "MD")):
        return span
    last = pred.right_edge
    while last.i > nxt.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return _trimmed(doc, span[0], last.idx + len(last)) or span


def _quote_opens_clause(doc: Doc, clause: Token, verb: Token, quotes: list[tuple[int, int]]) -> bool:
    """ "said “it makes me furious” every time she drives past": a quotation that opens the
    reported clause right after the verb, the clause going on past it in the narrator's words.
    The clause is reported whole (_clause_chars turns down one that is the quotation alone);
    "said “we will appeal” and left" goes on with the speaker's next act, not the report.
    PolNeAR fit: 9 such clauses; +5 right, no false positive added."""
    left = clause.left_edge
    if not (clause.i > verb.i and left.i > verb.i + 1 and doc[left.i - 1].text in ("“", '"', "``")
            and _in_quotes(left.idx, quotes)):
        return False
    end = next(e for s, e in quotes if s <= left.idx < e)
    close = next((t for t in doc[left.i:clause.right_edge.i] if t.idx >= end), None)
    if close is None or close.text not in _CLOSING_MARKS or not doc[close.i - 1].text[-1:].isalnum():
        return False  # `write a book, “Who's Who,” that …`, `“…,” promising …`: no clause goes on
    after = doc[close.i + 1]
    return not after.is_punct and after.dep_ != "cc"


def _second_that_clause(doc: Doc, span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """ "said the levy would pass, but that he would not vote for it", "said that the bridge
    was safe and that it would reopen": a second clause marked by "that" and joined to the
    report by "and"/"but" is said too, though the parser hangs it on the cue as a conjunct
    (lexicon.SECOND_CLAUSE_JOINS). Only "that" as a clause's mark: "but that was before ..." is a
    pronoun. PolNeAR fit +5 right, no false positive added."""
    after = [t for t in _tokens_in(doc, span[1], span[1] + 12) if t.idx >= span[1]]
    i = 0
    while i < len(after) and after[i].is_punct and after[i].text not in "“‘\"":
        i += 1
    if i + 1 >= len(after) or after[i].lower_ not in SECOND_CLAUSE_JOINS or after[i].dep_ != "cc":
        return span
    mark = after[i + 1]
    head = mark.head
    if (mark.lower_ != "that" or mark.dep_ != "mark" or head.i <= mark.i + 1 or head.sent != mark.sent
            or _in_quotes(mark.idx, quotes)):
        return span
    end = head.right_edge
    return _trimmed(doc, span[0], end.idx + len(end)) or span


def _told_to(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "told residents not to drink the water", "telling him to come back": what one was told to
    do is reported as for "urged X to ...", from the one told. PolNeAR fit: 10 "told X to ..."
    with a speaker, 7 of them gold reports."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and obj is not None and c.i > obj.i
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if xcomp is None or _in_quotes(obj.idx, quotes) or xcomp.left_edge.i < verb.i:
        return None  # "what he told them to do with it": the relative word is the infinitive's object
    end = _directive_end(doc, xcomp, quotes)
    span = _trimmed(doc, obj.left_edge.idx, end.idx + len(end))
    if span is None or span[1] - span[0] < 8 or _is_quotation(doc, span, quotes):
        return None
    return span


def _rest_after_cue(doc: Doc, verb: Token, speaker: tuple[int, int] | None,
                    quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The report's second part when the cue stands inside it and the parser hung that part
    on the verb: "The argument would be aided, Devine said, by the calendar", "There is a
    risk, some Democrats said, that he could lose". Only after a comma ("said in a
    statement" is how it was said), and not a participle ("said, adding that ...")."""
    if speaker is not None and speaker[0] > verb.i:
        return None  # "X, said Mr Gold, the group's leader": what follows is about the speaker
    j = verb.i + 1
    if j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].sent != verb.sent:
        return None
    first = doc[j + 1]
    if first.tag_ == "VBG" or first.lower_ in ("according", "and", "but", "or") or first.lower_ in SPEECH_VERBS:
        return None
    end = verb.sent.end - 1
    while end > first.i and doc[end].is_punct:
        end -= 1
    subtree = {t.i for t in verb.subtree}
    if end - first.i < 1 or not all(t.i in subtree for t in doc[first.i:end + 1]):
        return None
    if any(t.dep_ == "conj" and t.head == verb for t in doc[first.i:end + 1]):
        return None  # "X, he said, and called for Y": a second act, not the rest of X
    start = first.idx + (5 if first.lower_ == "that" and first.dep_ == "mark" else 0)
    span = _trimmed(doc, start, doc[end].idx + len(doc[end]))
    if span is None or _is_quotation(doc, span, quotes):
        return None
    return span


def _joined_clause_after_cue(doc: Doc, verb: Token, speaker: tuple[int, int] | None,
                             quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """After a report and its cue, a clause with its own subject joined by ", and", ", but" or a
    semicolon goes on with what was said: "The ferry may not be fast, the captain said, but it has
    never missed a crossing", "She did get the letters, he said; his staff found them". A bare verb after "and" is
    the speaker's next act ("X, he said, and called for Y"), not reported. PolNeAR fit: 9 such
    clauses, 8 of them gold reports."""
    j = verb.i + 1
    if speaker is not None and speaker[0] > verb.i:
        j = max(j, speaker[1])
    sent = verb.sent
    while j < sent.end and doc[j].dep_ in _ATTRIBUTION_TAIL_DEPS and not doc[j].is_punct:
        j += 1  # "said in interviews this week"
    if j + 2 >= sent.end or doc[j].text not in (",", ";") or _in_quotes(doc[j].idx, quotes):
        return None
    first = doc[j + 1]
    if doc[j].text == "," and first.lower_ not in SECOND_CLAUSE_JOINS:
        return None
    start = first.i + (1 if first.lower_ in SECOND_CLAUSE_JOINS or first.is_punct else 0)
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i > first.i and t.head.pos_ in ("VERB", "AUX")
               for t in doc[start:min(sent.end, start + 10)]):
        return None
    last = sent.end - 1
    span = _trimmed(doc, first.idx, doc[last].idx + len(doc[last]))
    if span is None or span[1] - span[0] < 8 or _is_quotation(doc, span, quotes):
        return None
    return span


def _accusation(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "accused the committee of sabotaging the campaign": who is accused, and of what."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > verb.i), None)
    if of is None and dobj is not None:
        of = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if dobj is None or of is None:
        return None
    end = max(of.right_edge, dobj.right_edge, key=lambda t: t.i)
    # "accused the club of sexism and the mayor of bad faith": the other one accused too
    end = _with_what_for(doc, verb, end)
    span = _trimmed(doc, dobj.left_edge.idx, end.idx + len(end))
    if span is None or _is_quotation(doc, span, quotes) or span[1] - span[0] < 8:
        return None
    return span


def _infinitive_after(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "vowed (Tuesday) to remain in the fight": the promise is the infinitive, "to" included."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > verb.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            span = _trimmed(doc, child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
            if span and not _is_quotation(doc, span, quotes) and span[1] - span[0] >= 8:
                return span
    return None


def _call_for(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """ "called for an open primary", "called on Congress to act": what is called for is reported."""
    prep = next(c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i > verb.i)
    # "called for an open primary" (pobj), "called for doubling the caps" (pcomp)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        return None
    end_tok = pobj.right_edge
    if prep.lower_ == "for":
        # "called for a special prosecutor to review the findings": who is to act and what
        after = next((c for c in list(verb.children) + list(pobj.children)
                      if c.dep_ in ("xcomp", "advcl", "acl", "relcl") and c.left_edge.i == end_tok.i + 1
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if after is not None:
            end_tok = after.right_edge
    if prep.lower_ == "on":
        xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.i > pobj.i), None)
        if xcomp is None:
            return None  # "called on the podium": no call
        end_tok = xcomp.right_edge
    content = _trimmed(doc, pobj.left_edge.idx, end_tok.idx + len(end_tok))
    if content is None or _is_quotation(doc, content, quotes) or content[1] - content[0] < 8:
        return None
    start, _ = _cue_span(verb)
    return Cue("directive", verb.i, start, prep.idx + len(prep), speaker=_speaker(doc, verb, quotes), content=content,
               negated=_negated(verb, quotes), own_subject=_has_subject(verb))


def _for_to_clause(doc: Doc, verb: Token) -> Token | None:
    """ "called for the mayor to step down": the parser makes "for" the mark of an infinitive
    clause with its own subject, hung on "called"."""
    return next((c for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > verb.i
                 and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1 for m in c.children)
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _call_for_to(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """ "called for the mayor to step down before the vote": the call, from who is to act on. With the
    infinitive after a noun ("called for a special prosecutor to review ...", in _call_for):
    PolNeAR fit +11 right, check +7, no false positive added."""
    clause = _for_to_clause(doc, verb)
    mark = doc[verb.i + 1]
    content = _trimmed(doc, mark.idx + len(mark), clause.right_edge.idx + len(clause.right_edge))
    if content is None or _is_quotation(doc, content, quotes) or content[1] - content[0] < 8:
        return None
    start, _ = _cue_span(verb)
    return Cue("directive", verb.i, start, mark.idx + len(mark), speaker=_speaker(doc, verb, quotes), content=content,
               negated=_negated(verb, quotes), own_subject=_has_subject(verb))


def _clause_around(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """A cue set inside the clause it reports: "Sales were great, he said, wiping ...",
    "The plan, one aide said, is to wait ...", "As reported by X, Y", or between commas
    before it ("At best, Lund wrote in a memo, the rule is ...", "Every Friday, the clerk
    told the Gazette, the mayor would ..."; with the interjected and speech-verb-head cases below:
    PolNeAR fit +9 right, +1 false).

    The clause is the cue's head's, less the cue's own words; a participle after the
    cue ("wiping sweat off his face") tells what the speaker did, not what was said.
    """
    head = verb.head
    if head.dep_ in ("aux", "auxpass") and head.head.i > head.i:
        head = head.head  # "Even so, she said, she’s found ...": the parser hung the cue on "’s"
    cue_lo, cue_hi = verb.left_edge.i, verb.right_edge.i
    if head.dep_ == "conj" or head.lower_ in SPEECH_VERBS and (_in_quotes(head.idx, quotes) or not any(
            c.dep_ in _SUBJ and c.i > cue_hi for c in head.children) or any(c.dep_ == "mark" for c in head.children)):
        # "X, he said, she told ..." is two reports; not when the speech verb has its own subject
        # after the cue ("Instead, she said, her landlord told her ...": what her landlord told is hers)
        return None, None
    lo, hi = head.left_edge.i, head.right_edge.i
    sent = verb.sent
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    before = after = None
    if lo < cue_lo:
        before = _trimmed(doc, doc[lo].idx, doc[cue_lo - 1].idx + len(doc[cue_lo - 1]))
    if cue_hi < hi:
        first = doc[cue_hi + 1]
        while first.is_punct and first.i < hi:
            first = doc[first.i + 1]
        # Stop before a conjoined clause of the head: "X, he said, and Y": only X is his.
        end_i = hi
        for t in doc[first.i:hi + 1]:
            if t.head == head and t.dep_ == "cc":
                end_i = t.i - 1
                break
        if not (first.tag_ == "VBG" and first.dep_ == "advcl") and end_i >= first.i:
            after = _trimmed(doc, first.idx, doc[end_i].idx + len(doc[end_i]))
    pieces = [p for p in (before, after) if p and p[1] - p[0] >= 8 and not _is_quotation(doc, p, quotes)]
    if verb.dep_ in ("advcl", "ccomp"):
        # "As reported by X, Y" / "as he said, Y": only the main clause after it; so for a cue set
        # between commas before the main clause ("At best, Lund argued, the rule is ...")
        marked = any(c.dep_ == "mark" for c in verb.children)
        if marked and not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return None, None
        if not marked and not (head.i > verb.i and "," in (doc[cue_hi].text, doc[cue_hi + 1].text)
                               and _interjected(verb) and _finite(head) and all(
                c.dep_ in _ATTRIBUTION_TAIL_DEPS or c.dep_ == "punct" or c.dep_ in ("dobj", "dative")
                and verb.lower_ in ("told", "tells", "tell") for c in verb.children if c.i > verb.i)):
            return None, None  # "stated their interest in the seat, too, should ...": no interjected cue
        pieces = [p for p in pieces if p[0] > verb.idx]
    if not pieces:
        return None, None
    return (pieces[0], pieces[1] if len(pieces) > 1 else None)


def _interjected(verb: Token) -> bool:
    """A cue that can stand between commas before the clause it reports ("At best, Lund argued
    in his email, the rule is ..."): a finite verb, not a participle ("responding to ..."), a
    question ("Would you say, ...") or a clause of time ("when he insisted on ...")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.tag_ in ("WRB", "MD") or c.dep_ == "aux" and c.lower_ in ("do", "does", "did") for c in verb.children)


def _finite(verb: Token) -> bool:
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)


def _introduces_quote(doc: Doc, verb: Token, speaker: tuple[int, int] | None,
                      quotes: list[tuple[int, int]]) -> bool:
    """The verb stands right against a quotation: `“…,” recalled Juan Perez`,
    `“…,” Juan Perez recalled`, `Her neighbour agreed: “…”`. Then even a verb that
    is often narrative ("recalled", "agreed") introduces what was said."""
    text = text_of(doc)
    after = text[verb.idx + len(verb):]
    if re.match(r"\s*[:,.]\s*[“\"‘']", after):  # `agreed: “…”`, `He continued, “…”`, `Ms Bystrom agreed. “…”`
        return True
    gap_end = doc[speaker[0]].idx if speaker is not None and speaker[1] <= verb.i else verb.idx
    before = text[:gap_end].rstrip()
    # the quotation ends at the closing mark, one character back, or two for ''
    return bool(before) and before[-1] in "”\"’'" and any(len(before) - 2 <= e <= len(before) for _, e in quotes)


_UNFINISHED = ",?!—–-…"
# What a verb that closes an attribution may still govern: its speaker, "on" of "went on",
# how and when ("retaliated angrily on Monday").
_ATTRIBUTION_DEPS = frozenset({"nsubj", "punct", "prt", "advmod", "npadvmod", "prep", "advcl", "cc", "conj", "dobj", "attr"})


def _verb_against_quote(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """Any finite verb right after a quotation that ends unfinished (in a comma, "?" or
    "!") attributes it, whatever the verb: `“France will always be France,” an angry
    Hollande retaliated`, `“…,” opined the Plain Dealer`, `“…,” the editorial read`. A
    sentence that stops at a comma inside quotation marks goes on with who said it."""
    if verb.tag_ not in ("VBD", "VBZ") or verb.lemma_ in ("be", "have", "do") or verb.dep_ not in ("ROOT", "parataxis", "ccomp"):
        return None
    quote_end = max((e for _, e in quotes if e <= verb.idx), default=None)
    if quote_end is None:
        return None
    text = text_of(doc)
    gap = text[quote_end:verb.idx].lstrip("”\"’'")
    # Only the speaker between the closing mark and the verb ("an angry Hollande").
    if len(gap.split()) > 8 or any(p in gap for p in ".;:“\"()") or text[:quote_end].rstrip()[-1:] not in _UNFINISHED:
        return None
    speaker = _speaker(doc, verb, quotes)
    if speaker is None or doc[speaker[0]].idx < quote_end:
        return None
    for child in verb.children:
        if speaker[0] <= child.i < speaker[1] or _in_quotes(child.idx, quotes):
            continue  # the speaker, or the quotation itself hung on the verb
        if (child.dep_ not in _ATTRIBUTION_DEPS or child.dep_ in ("dobj", "attr")):
            return None  # `“…,” she wrote a letter`: the verb has business of its own
    start, end = _cue_span(verb)
    return Cue("speech", verb.i, start, end, speaker=speaker, own_subject=_has_subject(verb))


def _verb_read_as_noun(doc: Doc, tok: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """`“…,” a narrator in the video states.`, `“…,” the editorial read.`: a reporting verb the
    tagger read as a noun ("states", "read"), right after a quotation that ends unfinished and
    a few words with no verb among them, is the verb, and those words its subject. It closes
    its clause (a stop, comma or preposition follows), so "“…,” the state officials said" is
    no such verb. PolNeAR fit: 5 such verbs, 7 quotes."""
    if not tok.text.islower() or tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ not in ("PUNCT", "ADP"):
        return None
    quote_end = max((e for _, e in quotes if e <= tok.idx), default=None)
    if quote_end is None:
        return None
    text = text_of(doc)
    if text[:quote_end].rstrip()[-1:] not in _UNFINISHED:
        return None
    gap = text[quote_end:tok.idx]
    gap_start = quote_end + len(gap) - len(gap.lstrip("”\"’'"))  # past the closing mark
    between = _tokens_in(doc, gap_start, tok.idx)
    words = [t for t in between if not t.is_punct]
    if (not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in words)
            or any(t.text in ".;:“\"()" for t in between)
            or words[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM")):
        return None  # (`“…,” and other claims.`: no subject opens the words)
    return Cue("speech", tok.i, tok.idx, tok.idx + len(tok), speaker=(words[0].i, tok.i))


def _directive(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """'urged X to do Y' / 'asked X to Y': the content starts at X."""
    speaker = _speaker(doc, verb, quotes)
    xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
    content = None
    question = _asked_question(doc, verb) if verb.lower_ in ("asked", "ask", "asks", "asking") else None
    if question is not None:
        # "asked workers if they planned to attend", "asked Richards what impact …": the
        # question is what was said; whom it was put to is not.
        content = _clause_chars(doc, question, verb, quotes)
        if content and not _is_quotation(doc, content, quotes):
            start, end = _cue_span(verb)
            return Cue("speech", verb.i, start, end, speaker=speaker, content=content,
                       negated=_negated(verb, quotes), own_subject=_has_subject(verb))
        content = None
    if xcomp is not None:
        first = next((c for c in verb.children if c.i > verb.i and c.dep_ not in ("advmod", "prt", "punct", "npadvmod")), None)
        start_tok = first.left_edge if first is not None else xcomp.left_edge
        end_tok = _directive_end(doc, xcomp, quotes)
        content = _trimmed(doc, doc[start_tok.i].idx, end_tok.idx + len(end_tok))
        if content and _is_quotation(doc, content, quotes):
            content = None
    elif verb.lower_ in ("asked", "ask", "asks", "asking"):
        # "asked whether ..." reports a question: treat like speech.
        return _speech(doc, verb, quotes)
    start, end = _cue_span(verb)
    return Cue("directive", verb.i, start, end, speaker=speaker, content=content, negated=_negated(verb, quotes),
               own_subject=_has_subject(verb))


def _directive_end(doc: Doc, xcomp: Token, quotes: list[tuple[int, int]]) -> Token:
    """Where what one was urged or asked to do ends: before an aside of the narrator's after a
    comma ("asked Russia to find them, which would require …") or a dash ("urged the crowd to
    focus on the victims -- black, brown …"), as for a reported clause (_opens_aside). PolNeAR
    fit +4 right (-2 false), check unchanged."""
    end = xcomp.right_edge
    for t in doc[xcomp.i + 1:end.i]:
        if _in_quotes(t.idx, quotes):
            continue
        nxt = doc[t.i + 1]
        if (t.text == "," and nxt.i + 1 < len(doc) and _opens_aside(nxt, t)
                or t.text in ASIDE_DASHES and t.whitespace_ and doc[t.i - 1].whitespace_):  # not "pay-to-play"
            return doc[t.i - 1]
    return end


def _first_reported_by(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """A news that one outlet broke: "Smith's move was first reported by the Herald", "the
    memo, first reported by the Herald, ...", "a fact first reported by a local reporter". What
    is reported is the thing named (the passive subject, or the noun the participle follows);
    the outlet after "by" is its source. Only with a scoop adverb (SCOOP_ADVERBS): fit part, 8
    "first reported by" phrases, all 8 gold units; the 5 bare "reported by" (poll figures,
    vote counts) are none. PolNeAR fit +8 right, no false positive."""
    if verb.tag_ != "VBN" or not any(c.dep_ == "advmod" and c.lower_ in SCOOP_ADVERBS for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if by is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if subject is not None:
        first, last = (subject, subject) if subject.lower_ in _RELATIVE_WORDS else (subject.left_edge, subject.right_edge)
    elif verb.dep_ == "acl" and verb.head.i < verb.i:
        first, last = verb.head.left_edge, verb.head
    else:
        return None
    content = _trimmed(doc, first.idx, last.idx + len(last))
    if content is None or _in_quotes(first.idx, quotes):
        return None
    start, end = _cue_span(verb)
    return Cue("speech", verb.i, start, end, speaker=_phrase(doc, by), content=content, own_subject=True)


_QUESTION_MARKS = ("if", "whether")


def _asked_by(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    """ "When asked by a caller whether the pier would reopen, Ms. Roy said ...", "Asked by
    the host about the levy, ...", "Asked by Mr. Lee to explain the delay, ...": the one named
    after "by" asked, and the question is reported: the "whether"/"if" clause, what it was about,
    or what the one asked was to do. PolNeAR fit: 10 "asked by X" phrases, 9 of them with a
    question."""
    agent = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)
    asker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if asker is None or _in_quotes(asker.idx, quotes):
        return None
    question = _asked_question(doc, verb)
    content, kind = None, "speech"
    if question is not None:
        content = _clause_chars(doc, question, verb, quotes)
    else:
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > asker.i
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        about = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "about" and c.i > asker.i), None)
        first = xcomp.left_edge if xcomp is not None else about
        if first is not None:
            last = (xcomp or about).right_edge
            content = _trimmed(doc, first.idx, last.idx + len(last))
            kind = "directive" if xcomp is not None else "speech"
    if content is None or _is_quotation(doc, content, quotes) or content[1] - content[0] < 8:
        return None
    start, end = _cue_span(verb)
    return Cue(kind, verb.i, start, end, speaker=_phrase(doc, asker), content=content, own_subject=True)


def _asked_question(doc: Doc, verb: Token) -> Token | None:
    """The clause "asked" puts as a question, after the one asked: one opened by "if",
    "whether" or a wh-word (the parser hangs an "if" clause on the verb as advcl)."""
    for child in verb.children:
        if child.i <= verb.i or child.dep_ not in ("advcl", "ccomp"):
            continue
        first = child.left_edge
        if (any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in child.children)
                or child.dep_ == "ccomp" and first.tag_ in ("WDT", "WP", "WP$", "WRB")):
            return child
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJ for c in verb.children)


def _according(doc: Doc, tok: Token, quotes: list[tuple[int, int]]) -> Cue | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = _phrase(doc, pobj)
    if pobj.lower_ in SOURCE_NOUNS:
        # "according to a statement from the Red Cross": the statement's author speaks. What
        # "of" names as a common noun is what was studied, not who wrote it ("according to an
        # analysis of election filings", "a poll of 400 voters"): the document speaks, or who
        # it is by, wherever the parse hung the "by" ("an analysis of port data by Seaview").
        # PolNeAR fit: 6 such phrases, none has the studied thing as source.
        for prep in pobj.children:
            author = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of") else None
            if author is not None and prep.lower_ == "of" and author.pos_ != "PROPN":
                by = next((c for c in author.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                author = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                if author is None:
                    continue
            if author is not None:
                speaker = _phrase(doc, author)
                break
    # The clause "according to" modifies: the part of the sentence outside the phrase.
    phrase_start = tok.left_edge.idx
    phrase_end = pobj.right_edge.idx + len(pobj.right_edge)
    sent = tok.sent
    head = tok.head if tok.head != tok else sent.root
    while head.dep_ == "conj" and head.head != head:
        head = head.head  # "X, and Y, according to Z": Z reports both
    if (head.lower_ in SPEECH_VERBS or head.lower_ in DIRECTIVE_VERBS) and head.i != tok.i:
        return None  # "“…,” she said, according to a transcript": the source of the saying, not a claim
    lo = max(min(head.left_edge.idx, phrase_start), sent.start_char)
    hi = max(head.right_edge.idx + len(head.right_edge), phrase_end)
    hi = min(hi, sent.end_char)
    before = _trimmed(doc, lo, phrase_start)
    after = _trimmed(doc, phrase_end, hi)
    # The phrase at one end of its sentence reports all the rest of it, whatever the
    # parse hung it on ("X is worse than Obama's ever has been, according to Y").
    if _trimmed(doc, phrase_end, sent.end_char) is None:
        start = text_of(doc).rfind(";", sent.start_char, phrase_start) + 1 or sent.start_char
        before, after = _trimmed(doc, start, phrase_start), None
    elif _trimmed(doc, sent.start_char, phrase_start) is None:
        before, after = None, _trimmed(doc, phrase_end, sent.end_char)
    content = max((c for c in (before, after) if c), key=lambda c: c[1] - c[0], default=None)
    if content is None:
        return None
    return Cue("according", tok.i, tok.idx, to.idx + len(to), speaker=speaker, content=content)


def _announced_object(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "announced his candidacy", "reported a profit of $2 a share", "tweeted her thanks":
    the object is the news itself. PolNeAR: announce fit +27, check +10 right (+2, +1 false);
    report and tweet fit +16, check +6 (+4, +2 false); acknowledge, stress, emphasize, lament
    and reiterate fit +18, check +12 (+4, +2 false); explain, suggest, recommend fit +10, check
    +5 (+2, +4 false); the same for confirm, deny, promise or predict added about as many
    false positives as right (lexicon.ANNOUNCE_VERBS)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or _in_quotes(obj.idx, quotes):
        return None
    # Not a participle describing a noun ("his reported net worth"), not a name after the verb
    # (`“…,” reported the Washington Examiner` is its speaker), not a handle or markup
    # ("He tweets @handle", "<tweet pic=…>").
    if (verb.dep_ == "amod" or obj.ent_type_ in ("PERSON", "ORG") and obj.pos_ == "PROPN"
            or any(ch in doc[obj.left_edge.i:obj.right_edge.i + 1].text for ch in "@=<>")):
        return None
    end = _with_what_for(doc, verb, obj.right_edge)
    return _trimmed(doc, obj.left_edge.idx, end.idx + len(end))


def _with_what_for(doc: Doc, verb: Token, end: Token) -> Token:
    """ "accused him of games for announcing it now", "announced four votes for Lee, 31 for Ruiz",
    "announced his endorsement of Ruiz for mayor": a "for" phrase right after the object, which
    the parser hangs on the cue, belongs to the object. PolNeAR fit (with the second one accused,
    in _accusation): 7 reports change, 4 of them now matching the gold, none losing it."""
    why = doc[end.i + 1] if end.i + 1 < len(doc) else None
    if why is not None and why.lower_ == "for" and why.head == verb:
        return why.right_edge
    return end


def _short_answer(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "after 55 percent said so", "46 percent said yes", "30 percent say the same of Ms. Roy":
    a one-word answer, or "the same" with what it is said of, right after "say" is the report
    (lexicon.SHORT_ANSWERS). "say no matter what ..." is no answer: "no" there is a determiner."""
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is None or _in_quotes(nxt.idx, quotes) or verb.dep_ == "amod":
        return None
    if nxt.lower_ in SHORT_ANSWERS and nxt.head.i == verb.i and nxt.dep_ != "det":
        return nxt.idx, nxt.idx + len(nxt)
    if nxt.lower_ != "the" or nxt.i + 1 >= len(doc) or doc[nxt.i + 1].lower_ != "same":
        return None
    same = doc[nxt.i + 1]
    obj = same if same.head.i == verb.i else same.head if same.head.head.i == verb.i and same.head.i > same.i else None
    if obj is None:
        return None
    end = obj.right_edge
    # "say the same of Ms. Roy": what the same is said of, when the parser hung it on the verb.
    prep = doc[end.i + 1] if end.i + 1 < len(doc) else None
    if prep is not None and prep.lower_ in ("of", "about", "for") and prep.head.i == verb.i:
        end = prep.right_edge
    return _trimmed(doc, nxt.idx, end.idx + len(end))


def _that_clause_down_the_chain(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "said in one of a series of posts that ...": the parser hangs the reported clause
    on the object of a preposition further down the chain, and may take its "that" for a
    relative clause's. Only a clause marked by "that": "that" as a marker is no pronoun.
    PolNeAR fit +3, check +3 right, no false positive added."""
    chain = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    while chain:
        tok = chain.pop()
        for child in tok.children:
            if child.dep_ in ("prep", "pobj"):
                chain.append(child)
            elif (tok.dep_ == "pobj" and child.dep_ in ("acl", "ccomp", "relcl")
                  and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)):
                return _clause_chars(doc, child, verb, quotes)
    return None


def _warned_of(doc: Doc, verb: Token, quotes: list[tuple[int, int]],
               preps: tuple[str, ...] = ("of", "about", "against")) -> tuple[int, int] | None:
    """ "warned of the costs of a trade war", "complained about the long lines": the danger or
    grievance named is the report."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i), None)
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is None or verb.dep_ == "amod" or _in_quotes(obj.idx, quotes):
        return None
    span = _trimmed(doc, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    if span is None or span[1] - span[0] < 8 or _is_quotation(doc, span, quotes):
        return None
    return span


def _that_clause_by_words(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "noting that at one point he had trailed by 50 points", "warning followers on social
    media that ...": a "that" a few words after the verb, past only its objects and
    prepositions, opens the report even when the parser hung the clause elsewhere (or read
    "that" as a preposition). The report runs to the sentence's end. PolNeAR fit +9 right,
    +3 false positives (2 of them reports the gold leaves out: "announced that as part of
    ..."); taking a demonstrative "that" ("that night") too added 5 more false positives."""
    sent = verb.sent
    for tok in doc[verb.i + 1:min(sent.end, verb.i + 10)]:
        if tok.lower_ == "that":
            break
        if tok.pos_ in ("VERB", "AUX", "PUNCT") or tok.tag_ in ("WDT", "WP", "WRB") or _in_quotes(tok.idx, quotes):
            return None
    else:
        return None
    if tok.tag_ != "IN" or tok.i + 2 >= sent.end or _in_quotes(tok.idx, quotes):
        return None  # not "that night", "that question": a demonstrative
    first = doc[tok.i + 1]
    last = doc[sent.end - 1]
    span = _trimmed(doc, first.idx, last.idx + len(last))
    if span is None or span[1] - span[0] < 8 or _is_quotation(doc, span, quotes):
        return None
    return span


def _clause_chars(doc: Doc, clause: Token, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The reported clause's character range, without a leading "that" or trailing punctuation."""
    left, right = clause.left_edge, clause.right_edge
    if left.i < verb.i < clause.i and left.lower_ in _RELATIVE_WORDS and left.head == clause:
        # "applicants, which he said were evenly split": the relative word is the reported
        # clause's subject, the cue stands between it and its verb; report what follows.
        left = doc[verb.i + 1]
    if left.i <= verb.i <= right.i:
        return None
    if clause.i > verb.i:
        right = _past_closing_quote(doc, right, verb, quotes)
    if (clause.lower_ in SPEECH_VERBS and (left.text == "," or left.i > 0 and doc[left.i - 1].text == ",")
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in clause.children)):
        # "..., Russian news agencies reported": a second source set off by a comma, not
        # content; "said none were added", "said the agency does not comment" are content.
        return None
    start_i = left.i
    # Drop a leading complementiser: gold reports "he was hopeful", not "that he was hopeful".
    while start_i <= right.i and (doc[start_i].lower_ == "that" and start_i + 2 <= right.i or doc[start_i].is_punct and doc[start_i].text not in "“‘\"'"):
        start_i += 1
    if start_i > right.i:
        return None
    end_i = right.i
    for t in doc[start_i:right.i + 1]:
        if t.dep_ == "conj" and t.i > start_i and (t.lower_ in SPEECH_VERBS or t.lower_ in DIRECTIVE_VERBS
                                                   or t.lower_ in CALL_VERBS and _calls_out(t)):
            # "told reporters the bridge would reopen ... and urged residents to ...": two reports
            # "..., and Hale later called her “weak”": the second report opens with its subject
            end_i = t.i - 1 if t.lower_ in SPEECH_VERBS or t.lower_ in DIRECTIVE_VERBS else t.left_edge.i - 1
            while end_i > start_i and doc[end_i].dep_ == "cc" or doc[end_i].is_punct:
                end_i -= 1
            break
    for t in doc[start_i:end_i + 1]:
        after_comma = doc[t.i - 1].text == "," or doc[t.i - 1].text in _CLOSING_MARKS and doc[t.i - 2].text == ","
        if (t.lower_ in ("after", "before", "while", "upon") and t.i + 1 <= end_i and doc[t.i + 1].tag_ == "VBG"
                and t.i > start_i + 3 and (after_comma or doc[t.i + 1].lower_ in SPEECH_VERBS
                                           or any(w.lower_ in REPORT_DAYS for w in doc[t.i + 2:end_i + 1]))):
            # "said he was hopeful ... after meeting Mr Lavrov on Thursday": when he spoke, not
            # what he said; with no comma and no day of the report, the phrase is what was said:
            # "said one rower had died while training", "said he would win after doing well in
            # the primary" (PolNeAR fit: 7 reports end after such a "while", 7 after such an
            # "after"/"before", none before them)
            end_i = t.i - 1
            break
    for t in doc[start_i + 4:end_i]:
        nxt = doc[t.i + 1]
        if (t.text == "," and not _in_quotes(t.idx, quotes) and nxt.tag_ == "VBG" and nxt.lower_ in SPEECH_VERBS
                and nxt.dep_ in ("advcl", "xcomp", "conj")):
            # "said that X, noting that Y": a second report of the speaker's, with its own content
            end_i = t.i - 1
            break
        if t.text == "," and not _in_quotes(t.idx, quotes) and nxt.tag_ == "VBG" and nxt.lower_ in RESULT_PARTICIPLES:
            # "said X, drawing a sharp reply from Y": what the report led to, the narrator's
            end_i = t.i - 1
            break
        if t.i > verb.i and _lone_dash(t, quotes):
            # "said the fund had grown — a record for the state": the narrator's remark
            end_i = t.i - 1
            break
        if t.text == "," and not _in_quotes(t.idx, quotes) and nxt.i + 1 < len(doc) and _opens_aside(nxt, t):
            # "she is willing to be interviewed by the FBI, which is conducting its own probe":
            # an aside of the narrator's on the last noun, "as was the case", or a contrast
            # ("…, while critics said …") is not reported
            end_i = t.i - 1
            break
    # A clause before its cue ends at the cue's subject: "X, Lavrov said".
    if clause.i < verb.i:
        end_i = min(end_i, verb.i - 1)
    while end_i > start_i + 1 and doc[end_i].dep_ == "cc" and doc[end_i - 1].is_punct:
        end_i -= 2  # a cut before a second clause leaves its "and" behind: "… anything, and"
    span = _trimmed(doc, doc[start_i].idx, doc[end_i].idx + len(doc[end_i]))
    if span is None:
        return None
    if _is_quotation(doc, span, quotes):
        return None  # the clause is a direct quotation
    if span[1] - span[0] < 8:
        return None
    return span


_REPORTING_WORDS = (SPEECH_VERBS, FRAMING_VERBS, DIRECTIVE_VERBS, CALL_VERBS)


def _past_closing_quote(doc: Doc, right: Token, verb: Token, quotes: list[tuple[int, int]]) -> Token:
    """ "said the forecasts could be “far too rosy,” and have been wrong before", "noted that one
    rower had “nearly drowned” while training": the parser ends the reported clause at a quotation's closing mark
    and hangs what follows on the cue's verb. The report runs on to the sentence's end when the
    rest is no one else's (_speakers_rest).
    PolNeAR fit: 21 reports lengthened; +11 right, no false positive added."""
    if not (right.text in _CLOSING_MARKS or _in_quotes(right.idx, quotes)):
        return right
    last = _last_word(verb.sent)
    words = [t for t in doc[right.i + 1:last.i + 1] if not t.is_punct and not t.is_space]
    if not words or words[0].i > right.i + 3 or not _speakers_rest(verb, words, quotes):
        return right
    return last


def _on_to_quoted_words(doc: Doc, verb: Token, span: tuple[int, int] | None,
                        quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A report after its cue that stops short of quoted words later in its sentence ("said she
    had received offers for the ferry, but “none were serious”", "said the pier, which opened in
    May, was “a death trap”") runs on to them and the sentence's end: the quoted words are
    the speaker's, and so is what leads up to them, when the rest is no one else's (_speakers_rest).
    The narrator's remark after a dash or a closing gloss stays out (_before_narrators_remark runs
    after this). PolNeAR fit +12 right, no false positive added; check +4 right, +1 false."""
    if span is None or span[0] < verb.idx:
        return span
    last = _last_word(verb.sent)
    rest = [t for t in doc[verb.i + 1:last.i + 1] if t.idx >= span[1]]
    if not rest or not any(t.text in ("“", '"', "``") and t.idx + 1 < len(text_of(doc)) and _in_quotes(t.idx + len(t), quotes)
                           for t in rest):
        return span
    words = [t for t in rest if not t.is_punct and not t.is_space]
    if not words or not _speakers_rest(verb, words, quotes):
        return span
    return _trimmed(doc, span[0], last.idx + len(last)) or span


def _last_word(sent: Span) -> Token:
    last = sent.end - 1
    while last > sent.start and (sent.doc[last].is_punct or sent.doc[last].is_space):
        last -= 1
    return sent.doc[last]


def _speakers_rest(verb: Token, words: list[Token], quotes: list[tuple[int, int]]) -> bool:
    """The words after a report, to its sentence's end, go on with it: no reporting verb,
    "according to" or the clause the cue hangs on among them, no act of the speaker's conjoined
    to the cue ("and left the room"), and no main clause to come after a "When X said …"."""
    if (verb.head.i > verb.i or verb.dep_ == "ROOT") and any(
            c.i < verb.i and (c.dep_ == "mark" or c.tag_ == "WRB") for c in verb.children):
        return False  # "When the chief said X had been “hacked,” experts knew …": the main clause resumes
    ancestors = {t.i for t in verb.ancestors}
    for t in words:
        if _in_quotes(t.idx, quotes):
            continue
        if (t.tag_.startswith("VB") and any(t.lower_ in group for group in _REPORTING_WORDS)
                or t.lower_ == "according" or t.i in ancestors):
            return False
        if t.dep_ == "conj" and (t.head.i in ancestors or t.head == verb and t.tag_ == "VBD"
                                 and not any(c.dep_ in _SUBJ for c in t.children)):
            return False  # "said the plan was “dead,” and left the room": the speaker's next act
    return True


def _before_narrators_remark(doc: Doc, verb: Token, span: tuple[int, int] | None,
                      quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A report after its cue, built to the sentence's end, stops before the narrator's own
    remark that closes the sentence: a lone dash (_lone_dash), a gloss (_closing_apposition)
    or a relative clause (_closing_relative), whichever rule built the report. A report
    before its cue ends at the cue already, and a dash there may be a dateline's ("PORT ELLIS
    — …")."""
    if span is None:
        return None
    toks = [t for t in _tokens_in(doc, *span) if t.i > verb.i]
    for t in toks[4:]:
        if _lone_dash(t, quotes):
            return _trimmed(doc, span[0], t.idx) or span
        if t.text == "," and _closing_apposition(t, quotes):
            return _trimmed(doc, span[0], t.idx) or span
        if t.text == "," and _closing_relative(t, quotes):
            return _trimmed(doc, span[0], t.idx) or span
    return span


def _closing_relative(comma: Token, quotes: list[tuple[int, int]]) -> bool:
    """ "…, which would require …." closing the sentence: the narrator's aside on what came before."""
    doc = comma.doc
    if comma.i + 2 >= len(doc) or doc[comma.i + 1].lower_ not in CLOSING_RELATIVES or _in_quotes(comma.idx, quotes):
        return False
    verb = doc[comma.i + 1].head
    return verb.i > comma.i + 1 and _runs_to_sentence_end(verb)


def _closing_apposition(comma: Token, quotes: list[tuple[int, int]]) -> bool:
    """ "…, a longstanding rule that bars …." closing the sentence: the narrator's gloss."""
    doc = comma.doc
    if comma.i + 2 >= len(doc) or doc[comma.i + 1].lower_ not in GLOSS_ARTICLES or _in_quotes(comma.idx, quotes):
        return False
    if doc[comma.i - 1].text in ("”", "\"", "’", "'", "''"):
        return False  # "…, under “The Lighthouse Cat”, a picture book …": a title's gloss is the report's
    head = doc[comma.i + 1].head
    if head.i <= comma.i + 1 or head.pos_ not in ("NOUN", "PROPN"):
        return False
    return _runs_to_sentence_end(head) and head.left_edge.i == comma.i + 1


def _runs_to_sentence_end(head: Token) -> bool:
    """``head``'s phrase reaches the last word of its sentence (closing punctuation aside)."""
    doc = head.doc
    last = head.sent.end - 1
    while last > head.i and doc[last].is_punct:
        last -= 1
    return head.right_edge.i >= last


def _is_dash(t: Token) -> bool:
    """A dash between words: "—", "–", "--", or a hyphen with a space on both sides."""
    if t.text not in ASIDE_DASHES:
        return False
    if t.text == "-":
        return t.i > 0 and bool(t.doc[t.i - 1].whitespace_) and bool(t.whitespace_)
    return True


def _lone_dash(t: Token, quotes: list[tuple[int, int]]) -> bool:
    """A dash that opens an aside running to the sentence's end: none closes it later and it
    closes no earlier one ("… — an independent — would …" is a paired aside inside the report)."""
    if not _is_dash(t) or _in_quotes(t.idx, quotes):
        return False
    sent = t.sent
    if any(_is_dash(u) for u in t.doc[t.i + 1:sent.end]):
        return False
    return sum(_is_dash(u) for u in t.doc[sent.start:t.i]) % 2 == 0


def _opens_aside(word: Token, comma: Token) -> bool:
    """After a comma: a non-restrictive relative ("which", "who"), "as ..." on what
    came before, "based on", or a contrast the narrator draws ("while", "whereas")."""
    if word.lower_ in ("while", "whereas"):
        # "said the levy would pass, while critics said ...": often with a second speaker,
        # not the report's rest (PolNeAR fit +5, check +5 right)
        return True
    if word.lower_ in ("which", "who", "whom", "whose"):
        # not on a subject whose verb is still to come ("said the bomber, who ..., had “…”"):
        # 10 fit-part reports, +2 right
        return word.head.dep_ == "relcl" and word.head.head.head.i <= comma.i
    if word.lower_ == "as":
        return word.dep_ in ("mark", "prep") and word.head.i < comma.i
    if word.lower_ in ("a", "an"):
        return _summing_up(word)
    return word.lower_ == "based" and word.doc[word.i + 1].lower_ == "on"


def _summing_up(det: Token) -> bool:
    """ "…, a charge that X denied", "…, a move that could …": a noun the narrator sets after
    the report to sum it up and say more about it (lexicon.SUMMING_UP_NOUNS), not part of what
    was reported. "…, a picture book that …" on a title is still the report's."""
    doc = det.doc
    for k in (1, 2):
        if det.i + k + 1 >= len(doc):
            return False
        noun, rel = doc[det.i + k], doc[det.i + k + 1]
        if noun.lower_ in SUMMING_UP_NOUNS and noun == det.head and rel.lower_ in ("that", "which") and any(
                c.dep_ in ("relcl", "acl") for c in noun.children):
            # it ends the sentence or a participle follows ("…, a charge they denied, noting …"); in
            # "Even as the race moves to New York, a state that …, the race will …" the report goes on
            after = noun.right_edge.i + 1
            return (after >= len(doc) or doc[after].text in (".", "!", "?", ";")
                    or doc[after].text == "," and after + 1 < len(doc) and doc[after + 1].tag_ == "VBG")
        if noun.pos_ not in ("ADJ", "NOUN"):
            return False
    return False


def _clause_before_trailing_cue(doc: Doc, verb: Token, speaker: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "X ..., the library said." when the parse did not hang X on the verb."""
    after = []
    for t in doc[verb.i + 1:]:
        if t.text in (".", "!", "?"):
            break
        if not t.is_punct:
            after.append(t)
    # The subject may follow the verb: "X, said the company's chief executive, John J. Ferriola."
    subject = {t.i for c in verb.children if c.dep_ in _SUBJ and c.i > verb.i for t in c.subtree}
    if after and not all(t.i in subject or t.dep_ in ("prep", "pobj", "det", "amod", "npadvmod", "advmod", "compound")
                         for t in after):
        return None
    return _clause_before_trailing_comma(doc, verb, speaker, quotes)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# What may follow a cue's verb before the sentence goes on: "said in an interview this week".
_ATTRIBUTION_TAIL_DEPS = frozenset({"prep", "pobj", "det", "amod", "npadvmod", "advmod", "compound", "nummod"})


def _clause_before_interrupting_cue(doc: Doc, verb: Token, speaker: tuple[int, int],
                                    quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The report's first part when the cue interrupts it and the parser made the cue the
    root: "There is a risk, some Democrats said, that he could lose", "Putting the show
    together, Butz said, allowed him to ...", "When the rule takes effect, Dr. Clark added,
    “it will ...”". The cue stands between commas, and the sentence goes on after it."""
    j = verb.i + 1
    while j < len(doc) and doc[j].dep_ in ("prep", "pobj", "det", "amod", "npadvmod", "advmod", "compound") \
            and doc[j].sent == verb.sent and not doc[j].is_punct:
        j += 1  # "she said in an interview afterward, ..."
    if any(c.dep_ in _SUBJ and c.i > verb.i for c in verb.children):
        j = max(j, max(t.i for c in verb.children if c.dep_ in _SUBJ and c.i > verb.i for t in c.subtree) + 1)
    if j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].sent != verb.sent or doc[j + 1].is_punct and \
            not _in_quotes(doc[j + 1].idx + 1, quotes):
        return None
    if doc[j + 1].tag_ == "VBG" or doc[j + 1].lower_ in ("according", "and", "but", "or", "adding", "saying"):
        return None  # "X, he said, adding that ...": the speaker's next act
    span = _clause_before_trailing_comma(doc, verb, speaker, quotes)
    if span is None:
        return None
    words = _tokens_in(doc, *span)
    # A clause, or a gerund subject; a bare setting ("At a rally yesterday, Beck said, “…”",
    # "Holding open a book", "As for the pundits who claim …") tells where or what about.
    if not any((t.tag_ in _FINITE and t.dep_ not in ("relcl", "acl")) or t.dep_ == "csubj" for t in words):
        return None
    return span



def _when_it_was_said(doc: Doc, span: tuple[int, int]) -> bool:
    """A clause before an interrupting cue that only sets the time of the saying: a clause
    of time ("When asked about the levy,", "While he was touring the plant,", "After the
    vote was called,") or a bare "Asked ...", in the past and hung on the cue as advcl. A question put to
    the speaker is the asker's, not the speaker's words. PolNeAR fit: 6 false positives
    fewer, right unchanged (5 matched units lost all had a wrong speaker or no source)."""
    words = _tokens_in(doc, *span)
    tops = [t for t in words if (t.head == t or not span[0] <= t.head.idx < span[1])
            and not t.is_punct and t.dep_ not in ("cc", "advmod", "npadvmod")]
    return bool(tops) and all(
        t.dep_ == "advcl" and (t.lower_ == "asked" or any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in t.children))
        and _past(t) for t in tops)


def _past(verb: Token) -> bool:
    """In the past, as the saying is: "asked", "was speaking", not "When the rule takes effect,
    Dr. Clark added, “…”" (a time in what was said)."""
    return verb.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _clause_before_trailing_comma(doc: Doc, verb: Token, speaker: tuple[int, int],
                                  quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """From the sentence's start to the comma before the cue ("X, the library said")."""
    first = min(speaker[0], verb.i, doc[speaker[1] - 1].left_edge.i)  # "Dr." of "Dr. Clark"
    last = doc[speaker[1] - 1]
    if last.dep_ == "appos" and last.head.i < speaker[0]:
        # `“…,” the mayor's campaign manager, Rosa Delgado, said`: the role the name is in
        # apposition to is part of the speaker phrase, not a clause before it (PolNeAR: 3
        # fewer false positives, none right lost)
        first = min(first, last.head.left_edge.i)
    while first > 0 and doc[first - 1].pos_ in ("DET", "ADJ", "PRON") and doc[first - 1].text != ",":
        first -= 1
    if first < 3 or doc[first - 1].text != ",":
        return None
    comma = doc[first - 1].idx
    # The sentence start by punctuation: the parser's sentences break at odd tokens ("[i]").
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’']?\s+", text_of(doc)[:comma])]
    span = _trimmed(doc, ends[-1] if ends else 0, comma)
    if span is None or _is_quotation(doc, span, quotes) or span[1] - span[0] < 12:
        return None
    return span


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = text_of(doc)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # A closing quote mark at the end belongs to a quoted fragment inside the clause.
    return (start, end) if end > start else None


def _speaker(doc: Doc, verb: Token, quotes: list[tuple[int, int]], depth: int = 0) -> tuple[int, int] | None:
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lower_ in ("quoted", "cited", "reported"):
        # "Owens was quoted as saying ...": the one quoted is the passive subject.
        quoted = verb.head.head
        for child in quoted.children:
            if child.dep_ == "nsubjpass" and not _in_quotes(child.idx, quotes):
                return _phrase(doc, child)
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))  # "as reported by X"
    # Nearest subject first: a mis-parse can give a verb two ("[i], the library said").
    for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
        if child.dep_ in _SUBJ and not _in_quotes(child.idx, quotes):
            if passive and child.dep_ == "nsubjpass":
                break
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl" and verb.head.i < verb.i:
                return _phrase(doc, verb.head)  # "Ted Cruz, who said ...": the one the clause is about
            named = _name_after_quotation(doc, verb) if child.i < verb.i else None
            if named is not None and named[1] == child.left_edge.i - 1:
                return named  # `“…,” Odile Brassard, the chairwoman of X, recalled`: the role is in apposition
            return _phrase(doc, child)
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _phrase(doc, pobj)
        return None
    if verb.i > 0 and verb.tag_ != "VBG" and (doc[verb.i - 1].text in _CLOSING_MARKS
                       or doc[verb.i - 1].text == "," and verb.i > 1 and doc[verb.i - 2].text in _CLOSING_MARKS):
        # `“How big is that wall?” asked the boy`: after a quotation the subject follows its
        # verb, and the parser takes it for the object. Not a participle's: in `“…,” telling
        # Fox 35 that …` the name after it is the one told.
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "dative") and child.i > verb.i and child.pos_ in ("NOUN", "PROPN"):
                return _phrase(doc, child)
        named = _name_after(doc, verb)
        if named is not None:
            return named
    # `“Go back,” Trump barked`: when the parser finds no subject, a short name standing
    # between a closing quotation mark and the verb is the one speaking.
    start = verb.i
    while start > 0 and verb.i - start < 4 and doc[start - 1].pos_ in ("PROPN", "DET") and doc[start - 1].text[:1].isupper():
        start -= 1
    if 0 < start < verb.i and doc[start - 1].text in _CLOSING_MARKS and doc[verb.i - 1].pos_ == "PROPN":
        return given_names_start(doc, start, verb.i), verb.i
    if _surname_read_as_modifier(doc, verb):
        return verb.i - 1, verb.i
    glued_to_quote = verb.dep_ in ("conj", "ccomp", "parataxis") and _in_quotes(verb.head.idx, quotes)
    if (verb.dep_ == "ROOT" or glued_to_quote) and verb.tag_ in ("VBD", "VBZ", "VBP"):
        named = _name_before(doc, verb)
        if named is not None:
            return named
        lost = _subject_of_clause_before(doc, verb, quotes)
        if lost is not None:
            return lost
        before = doc[verb.i - 1] if verb.i > 0 else None
        if (before is not None and before.is_sent_start and before.dep_ in ("advmod", "npadvmod", "amod")
                and before.is_alpha and before.text[:1].isupper() and not before.is_stop):
            return before.i, verb.i  # "Jolly said ...": a surname the tagger read as an adverb
    if (verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("PROPN", "NOUN")
            and verb.head.i < verb.i and not _in_quotes(verb.head.idx, quotes)):
        # `Murphy, the head of Right to Rise USA, tweeted on Friday`: a sentence whose root is
        # a name has lost its verb to the name's modifiers; the name is that verb's subject.
        return _phrase(doc, verb.head)
    if (depth < 3 and verb.dep_ == "xcomp" and verb.head.lower_ in SPEAKER_ADJECTIVES
            and verb.head.dep_ == "acomp"):
        # "Voters were more likely to say ...", "Aides are quick to point out that ...": the
        # adjective's subject, through its copula, says it.
        return _speaker(doc, verb.head.head, quotes, depth + 1)
    if depth < 3 and verb.dep_ in _CLIMB_DEPS and verb.head != verb:
        head = verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and _names_people(head) and not _in_quotes(head.idx, quotes):
            # "emails that included staff members suggesting ...", "with 50 percent saying ...",
            # "said Don Lee, the county chairman, explaining that ...": the ones named speak.
            return _phrase(doc, head)
        if (verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj" and head.head.pos_ == "VERB"
                and head.lower_ not in MESSAGE_NOUNS):
            # "fired back a response saying ...", "launched petitions calling on ...": the one who
            # made it says it (PolNeAR fit +6 right, no false positive added).
            return _speaker(doc, head.head, quotes, depth + 1)
        reporter = _reporting_ancestor(doc, verb)
        if reporter is not None:
            return _speaker(doc, reporter, quotes, depth + 1)
        if verb.dep_ == "acl" and head.lower_ in MESSAGE_NOUNS and head.dep_ in ("dobj", "pobj"):
            # "the campaign released a statement saying ...": the statement's sender says it.
            sender = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head.head
            if sender.pos_ in ("VERB", "AUX"):
                return _speaker(doc, sender, quotes, depth + 1)
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lower_ in SPEECH_VERBS:
            # "told reporters the bridge would reopen and urged residents ...": the
            # parse hangs "urged" on "reopen"; the one urging is the one telling.
            return _speaker(doc, head.head, quotes, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head != head:
            # "has rallied thousands by promising to ...", "In asking to depose X, the group
            # noted": the one promising is the subject of the verb the preposition hangs on,
            # past nouns and prepositions ("In addition to stating ...", "aside from stating").
            head = head.head
            while head.pos_ not in ("VERB", "AUX") and head.dep_ in ("pobj", "prep", "advmod") and head.head != head:
                head = head.head
        if verb.tag_ == "VBG" or verb.dep_ == "conj":
            # A participle or a second verb on a passive one is its subject's act: "Silverman was
            # booed by the crowd after telling ...", "They were quoted ... lamenting ...", not the
            # agent's (but "a statement was released by X, saying ...": X says it).
            subject = _passive_subject(head, quotes)
            if subject is not None:
                return _phrase(doc, subject)
        return _speaker(doc, head, quotes, depth + 1)
    return None


def _surname_read_as_modifier(doc: Doc, verb: Token) -> bool:
    """ "Back at the dock, Shortly told reporters ...", "Asked about it, Early described it",
    "“…,” Will wrote": a capitalised word right before a subjectless verb, that the tagger
    hung on it as an adverb inside the sentence or as a modal before a past tense (no modal
    goes before "wrote"), is a surname. Not in a headline's title case ("Chief Finally Said"),
    where the verb is capitalised too. The sentence-initial adverb ("Jolly said") is judged
    below, by the verb's place in the sentence. PolNeAR fit: 5 such verbs, all of a named
    speaker."""
    if verb.i == 0 or not verb.text[:1].islower() or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return False
    before = doc[verb.i - 1]
    if before.head != verb or not before.is_alpha or not before.text[:1].isupper():
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.i != before.i for c in verb.children):
        return False  # "Early reports had said": a verb with its own auxiliary
    if before.dep_ == "aux":
        return before.lower_ in ("will", "may") and verb.tag_ in ("VBD", "VBN")
    return (before.dep_ in ("advmod", "npadvmod") and before.pos_ == "ADV" and not before.is_stop
            and not before.is_sent_start)


def _subject_of_clause_before(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "Harlan, who sits on the harbour board, said ...", "Ruiz offered him a job, then says
    ...": the parser makes what stands before the verb a clause of its own, with the speaker
    as that clause's subject. Only when the verb reports a clause after it, the earlier clause
    opens the sentence and its subject is a name, a noun or a personal pronoun."""
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if before is None or not any(c.dep_ in _CLAUSE_DEPS and c.i > verb.i for c in verb.children):
        return None
    subject = next((c for c in before.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < before.i), None)
    if (subject is None or _in_quotes(subject.idx, quotes) or subject.left_edge.i != verb.sent.start
            or not (subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in ("he", "she", "they"))):
        return None
    return _phrase(doc, subject)


def _names_people(tok: Token) -> bool:
    """A person, an organisation, a group of people or a share of them ("50 percent")."""
    low = tok.lower_
    return (tok.ent_type_ in ("PERSON", "ORG", "NORP") or low in PERSON_NOUNS or low in GROUP_HEADS
            or low.endswith("s") and low[:-1] in PERSON_NOUNS or low in ("percent", "%"))


def _passive_subject(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """The subject of a passive verb ("was booed"), unless a message ("a statement was
    released by X"), a denial ("should not be read as") or a clitic "'s" the parser may
    have read as "is" ("he's spoken")."""
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    if not aux or any(c.lower_ in ("'s", "’s") for c in aux) or any(c.dep_ == "neg" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in MESSAGE_NOUNS
                 and not _in_quotes(c.idx, quotes)), None)


def _reporting_ancestor(doc: Doc, verb: Token) -> Token | None:
    """`X said Y will have to choose a side, saying, “…”`, `X told them that Y “…,” adding,
    “…”`: a reporting participle set off by a comma after a report is the reporter's, though
    the parser hangs it on a verb of the reported clause (whose subject is Y). PolNeAR fit +9
    right, none lost; the clause before such a participle is not reported by it."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.lower_ not in SPEECH_VERBS or verb.i < 2:
        return None
    before = doc[verb.i - 1]
    if not (before.text == "," or before.text in _CLOSING_MARKS and doc[verb.i - 2].text == ","):
        return None
    tok = verb.head
    for _ in range(4):
        if tok.lower_ in SPEECH_VERBS:
            return None  # `“…,” Ruiz added, saying …`: the participle goes with the cue it hangs on
        if tok.dep_ == "ccomp" and tok.head.lower_ in SPEECH_VERBS and tok.head.i < verb.i:
            # not a report inside a relative clause ("the hacker whose work revealed that …")
            return tok.head if tok.head.dep_ not in ("relcl", "acl") else None
        if tok.head == tok or tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return None
        tok = tok.head
    return None


def _name_after(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """`“…,” said David Brock, a confidant who …` when the parser hung the name elsewhere
    (on the relative clause's verb, or read "Skelly" as an adverb): the name, possibly
    after a title, standing right after the verb."""
    i = verb.i + 1
    while i < len(doc) and i - verb.i <= 3 and doc[i].lower_.rstrip(".") in TITLES:
        i += 1
    if i >= len(doc):
        return None
    ent = _entity_at(doc, doc[i])
    if ent is not None and ent.start == i and ent.label_ in ("PERSON", "ORG"):
        return given_names_start(doc, ent.start, ent.end), ent.end
    end = i
    while end < len(doc) and end - i < 4 and doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].is_stop:
        end += 1
    if end > i and (end == len(doc) or doc[end].is_punct):
        return i, end
    return _described_name_after(doc, i)


def _described_name_after(doc: Doc, i: int) -> tuple[int, int] | None:
    """`“…,” said retired ferryman Tomas Lindqvist, asked …`, `tweeted campaign spokesman Elio
    Marchetti.`: a person's name that ends the short description opening right after the verb
    (a run of two proper nouns or more when the model tagged no person there). PolNeAR fit:
    3 quotes that had no speaker."""
    end = i
    while end < len(doc) and end - i <= NAME_DESCRIPTION_WORDS + 3 and doc[end].is_alpha and not doc[end].is_stop \
            and doc[end].pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
        end += 1
    if end == i or end - i > NAME_DESCRIPTION_WORDS + 3 or end < len(doc) and not doc[end].is_punct:
        return None
    ent = _entity_at(doc, doc[end - 1])
    if ent is not None and ent.label_ == "PERSON" and ent.end == end and ent.start > i:
        return given_names_start(doc, ent.start, ent.end), ent.end
    start = end
    while start > i and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].ent_type_ not in ("NORP", "GPE", "ORG"):
        start -= 1
    return (start, end) if end - start >= 2 and start > i else None


def _name_before(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """ "As part of his plea, Marcel Lazar, 44, said ...": a finite verb the parser left
    without a subject, right after a person's or organisation's name (and its comma-set
    apposition), has that name for subject; so does one before an adverb of the verb's
    ("Robert Lang, bluntly suggested", "Ms. Vale, without naming him, also accused")."""
    named = _name_after_quotation(doc, verb)
    if named is not None:
        return named
    i = verb.i - 1
    while i > 0 and doc[i].dep_ == "advmod" and doc[i].head == verb and doc[i].pos_ == "ADV":
        i -= 1
    if i >= 0 and doc[i].ent_type_ in ("PERSON", "ORG"):
        ent = _entity_at(doc, doc[i])
        return (given_names_start(doc, ent.start, ent.end), ent.end) if ent is not None and ent.end == i + 1 else None
    if i < 0 or doc[i].text != ",":
        return None
    # Skip an apposition set off by commas (", 44,", ", now 81 and retired in Cambridge, Mass.,"):
    # the speaker is the nearest person or organisation followed by a comma, within the sentence.
    for j in range(i - 1, max(-1, i - 16), -1):
        tok = doc[j]
        if tok.text in _CLOSING_MARKS or tok.text in ("“", "‘", ".", "!", "?", ";") or tok.is_sent_start:
            return None
        if doc[j + 1].text == "," and tok.ent_type_ in ("PERSON", "ORG"):
            ent = _entity_at(doc, tok)
            if ent is not None and ent.end == j + 1:
                return given_names_start(doc, ent.start, ent.end), ent.end
    return None


def _name_after_quotation(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """`“…,” Ekdahl, the harbour-master of record and leading skipper after winning the
    regatta, said`, `“…,” Marta Villanueva, a planner working for the Port Authority, wrote`:
    after a quotation left unfinished, the sentence goes on with who said it, however long
    the apposition that ends in a comma before the verb. The speaker is the first name after
    the closing mark that a comma follows (not "Ola Berg" of "Rep. Ola Berg's chief of staff,
    Marta Villanueva,"), not the organisation nearest the verb. PolNeAR fit: 3 quotes
    right that had no speaker or a name from the apposition."""
    if verb.i < 4 or doc[verb.i - 1].text != ",":
        return None
    mark = None
    for j in range(verb.i - 2, max(0, verb.i - APPOSITION_TOKENS), -1):
        tok = doc[j]
        if tok.text in _CLOSING_MARKS and doc[j - 1].text in (",", "?", "!"):
            mark = j
            break
        if tok.text in (".", ";", ":") or tok.is_space and "\n" in tok.text:
            return None
    if mark is None:
        return None
    for j in range(mark + 1, min(verb.i - 1, mark + 1 + NAME_DESCRIPTION_WORDS + 6)):
        tok = doc[j]
        if tok.pos_ in ("VERB", "AUX") or tok.text in _CLOSING_MARKS or tok.text in ("“", "‘"):
            return None
        ent = _entity_at(doc, tok) if tok.ent_type_ in ("PERSON", "ORG") else None
        if ent is not None and ent.start == j and ent.end < verb.i and doc[ent.end].text == ",":
            return given_names_start(doc, ent.start, ent.end), ent.end
    return None


def _phrase(doc: Doc, head: Token) -> tuple[int, int]:
    """The speaker phrase around ``head``: its named entity, or its noun phrase core."""
    dateline = DATELINE.match(text_of(doc)) if head.i < 12 else None
    if dateline is not None and head.idx < dateline.end():
        # "PORT ELLIS, May 2 (Reuters) — Mayor Ana Ruiz told ...": the parser makes the
        # dateline's place the subject and the speaker its apposition.
        named = next((c for c in head.children if c.dep_ == "appos" and c.idx >= dateline.end()), None)
        if named is not None:
            head = named
    ent = _entity_at(doc, head)
    if ent is not None and described_by_affiliation(head):
        ent = None  # "The South Carolina Republican": someone described, not the party
    if ent is not None:
        return given_names_start(doc, ent.start, ent.end), ent.end
    # "Afghan Ambassador to the United States Hamdullah Mohib": the person named in the phrase.
    if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in GROUP_HEADS:
        for tok in head.subtree:
            if tok.dep_ in ("relcl", "acl", "advcl") or tok.i > head.i + 8:
                break
            if tok.ent_type_ == "PERSON" and tok.i != head.i:
                ent = _entity_at(doc, tok)
                if ent is not None:
                    return given_names_start(doc, ent.start, ent.end), ent.end
    # A name that is a compound of the head ("spokesman Earnest" with head "spokesman"),
    # but not of a group's ("Trump officials" speak for themselves), nor one before a
    # common noun, which only says whose the person is ("The GOP speechwriter", "a Trump aide").
    for child in (head.children if head.lower_ not in GROUP_HEADS else ()):
        if child.dep_ in ("compound", "appos", "flat") and not (child.dep_ == "compound" and child.i < head.i
                                                                and head.pos_ == "NOUN"):
            ent = _entity_at(doc, child)
            if ent is not None and ent.label_ in ("PERSON", "ORG"):
                return given_names_start(doc, ent.start, ent.end), ent.end
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod") and not child.is_punct:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and head.pos_ == "NOUN" and child.lower_ == "of"):
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ == "prep" and child.lower_ == "of" and head.pos_ in ("ADJ", "NUM", "DET", "PRON"):
            # "Many of the local GOP leaders (who ...)", "most of them": the group, not its clause
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                end = max([pobj.i] + [c.i for c in pobj.rights if c.dep_ in ("compound", "flat")]) + 1
            break
        else:
            break
    return start, end


def described_by_affiliation(head: Token) -> bool:
    """A single person named by affiliation, with a determiner: "the Florida Democrat",
    "a Republican"; the plural ("Democrats") is the group itself."""
    ent = _entity_at(head.doc, head)
    return (ent is not None and ent.label_ == "NORP" and len(ent) == 1 and head.tag_ == "NNP"
            and any(c.dep_ == "det" for c in head.children))


def _entity_at(doc: Doc, tok: Token) -> Span | None:
    if not tok.ent_type_ or tok.ent_type_ not in _NAME_LABELS:
        return None
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


# Dependencies a quoted fragment climbs through to reach the verb it hangs from:
# `credited him for “…”` (pobj, prep), `cited “…”` (dobj), `rated it “True”` (oprd).
_FRAGMENT_PATH_DEPS = frozenset(
    "prep pobj dobj attr oprd acomp xcomp appos conj amod compound nmod pcomp".split())
# Shorter fragments under a verb that is no reporting verb are mostly the narrator's terms
# ("a “launch team”", "its “safety check”"): on PolNeAR fit, 15 of the 1–3-word ones
# matched an attribution and 35 were false positives; 39 of 45 from four words on matched.
MIN_FRAGMENT_WORDS = 4
# Subjects that name no one: "it was “…”", "voters who “…”", and the first and second person.
_NOT_A_SPEAKER = frozenset("it this that there what which who i we you".split())


def fragment_cue(doc: Doc, start_char: int, end_char: int, quotes: list[tuple[int, int]]) -> Cue | None:
    """For a quoted fragment no reporting verb governs: the verb it hangs from, with that
    verb's subject as the speaker. `The mayor thanked the crews for “keeping the roads
    open all night”`, `the committee cited “a pattern of missed deadlines”`: whoever
    thanks or cites is quoted. Not through a relative clause (`voters chose someone who
    “…”`: the clause tells what the voters chose, not what they said)."""
    if len(text_of(doc)[start_char:end_char].split()) < MIN_FRAGMENT_WORDS:
        return None
    inside = _tokens_in(doc, start_char, end_char)
    top = next((t for t in inside if t.head == t or not start_char <= t.head.idx < end_char), None)
    if top is None or top.head == top:
        return None
    verb, path = top.head, [top]
    while verb.pos_ != "VERB" and verb.head != verb and verb.dep_ in _FRAGMENT_PATH_DEPS:
        path.append(verb)
        verb = verb.head
    if (verb.pos_ != "VERB" or verb.lemma_ in ("be", "have", "do") or _in_quotes(verb.idx, quotes)
            or any(t.dep_ == "relcl" for t in path)):
        return None
    speaker = _speaker(doc, verb, quotes)
    if speaker is None or doc[speaker[1] - 1].lower_ in _NOT_A_SPEAKER:
        return None
    start, end = _cue_span(verb)
    first, last = doc[speaker[0]], doc[speaker[1] - 1]
    return Cue("framing", verb.i, start, end, speaker=speaker, speaker_chars=(first.idx, last.idx + len(last)))


# How a quoted fragment modifies the noun after it: "a “smart” meter", "the “Ban the Bag”
# crowd", "“flexible” hours".
_TERM_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
_NAMING_PRONOUNS = ("he", "she", "they")


def is_modifier_term(doc: Doc, start_char: int, end_char: int, cues: list[Cue]) -> bool:
    """A quoted fragment set before its noun as a label for it (`a “smart” meter`, `the “Ban
    the Bag” crowd`) is a term or a scare quote, not anyone's words, when no cue reports it:
    no cue's reported clause holds it, it does not hang from a cue's verb (or from the clause
    a cue interrupts) other than through the speaker phrase, and the verb it hangs from has
    no named subject. Kept: `warned of a “brutal” winter`, `what she calls the “broken”
    permit system`, `the mayor dismissed it as a “fairy tale” budget`. PolNeAR fit: 8 false
    positives fewer, no matched quote lost; the same test without the before-a-noun
    condition drops as many speakers' words ("dismissed them as the “old guard”") as terms.
    """
    inside = [t for t in _tokens_in(doc, start_char, end_char) if not t.is_punct]
    tops = [t for t in inside if t.head == t or not start_char <= t.head.idx < end_char]
    if len(tops) != 1:
        return False
    top = tops[0]
    if not (top.dep_ in _TERM_DEPS and top.head.i > inside[-1].i and top.head.pos_ in ("NOUN", "PROPN")):
        return False
    for cue in cues:
        for span in (cue.content, cue.content_after):
            if span is not None and span[0] <= start_char and end_char <= span[1]:
                return False
    path = [top]
    while path[-1].head != path[-1]:
        path.append(path[-1].head)
    verb = next((t for t in path[1:] if t.pos_ == "VERB"), None)
    if verb is not None and _names_subject(verb) and _reached_below(path, verb, range(0)):
        return False  # "The mayor dismissed it as a “…” idea": the subject's term
    for cue in cues:
        speaker = range(*cue.speaker) if cue.speaker is not None else range(0)
        heads = [doc[cue.verb]]
        if heads[0].dep_ in ("parataxis", "advcl", "ccomp"):
            heads.append(heads[0].head)  # "The “…” plan, he said, will ...": the clause the cue interrupts
        if any(_reached_below(path, head, speaker) for head in heads):
            return False
    return True


def _names_subject(verb: Token) -> bool:
    """The verb's subject names someone: a person or organisation (or one in apposition to
    it: "the campaign's chairman, Tomas Berg"), or he, she, they."""
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        for tok in (subj, *(a for a in subj.children if a.dep_ == "appos")):
            if tok.ent_type_ in ("PERSON", "ORG") or tok.lower_ in _NAMING_PRONOUNS:
                return True
    return False


def _reached_below(path: list[Token], head: Token, speaker: range) -> bool:
    """``head`` governs the path's first token, and not through its subject or the speaker phrase."""
    if head not in path[1:]:
        return False
    below = path[:path.index(head)]
    return below[-1].dep_ not in _SUBJ and not any(t.i in speaker for t in below)

