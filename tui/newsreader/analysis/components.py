"""Our spaCy components, registered as factories and run per paragraph after ``ner``.

Each writes onto the ``Doc`` and declares what it ``requires`` and ``assigns``,
so the pipeline can be used outside the reader like any spaCy pipeline::

    nlp = spacy.load("en_core_web_sm")
    add_components(nlp)            # pipeline.add_components: these, in this order
    doc = nlp("“We are ready,” Ms Smith said.")
    doc.ents                       # the model's entities, fixed (newsreader_entities)
    doc.spans["quotes"]            # "We are ready,"
    doc.spans["cues"]              # "said" (label_: the cue's kind)
    doc.spans["speakers"]          # "Ms Smith"
    doc.spans["reported"]          # reported (indirect) speech
    doc._.figures

The span groups are views of ``doc._.quote_spans`` (``QuoteSpan``: character
ranges with whether their marks were seen) and ``doc._.cues`` (``Cue``: which
speaker and report belong to which cue), which the article pass reads; both are
written together by ``set_quotes`` and ``set_cues``.

Article-level work (who "he" is, aliases, dates against the publication day)
needs the paragraphs before this one and lives in ``state.ArticleState``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .cues import Cue, find_cues
from .doctext import text_of
from .entities import fixed_entities
from .figures import find_figures
from .quotemarks import QuoteSpan, find_quotes

ENTITIES_COMPONENT = "newsreader_entities"
"""Runs right after ``ner``: every later step reads the fixed entities."""
COMPONENT_NAMES = (ENTITIES_COMPONENT, "newsreader_quotes", "newsreader_cues", "newsreader_figures")

for _name in ("quote_spans", "cues", "figures"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component(ENTITIES_COMPONENT, requires=["doc.ents", "token.dep", "token.tag"],
                    assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def entities_component(doc: Doc) -> Doc:
    """``doc.ents``: the model's entities with the fixes that need only the paragraph
    (``entities.fixed_entities``: "Ted Cruz's" -> "Ted Cruz", given names the model left
    out, "Syrian army" an organisation, "the State" dropped)."""
    doc.ents = fixed_entities(doc)
    return doc


@Language.component("newsreader_quotes", assigns=["doc._.quote_spans", "doc.spans"])
def quotes_component(doc: Doc) -> Doc:
    """Text inside paired quotation marks: ``doc.spans["quotes"]``, ``doc._.quote_spans``."""
    set_quotes(doc, find_quotes(text_of(doc)))
    return doc


@Language.component("newsreader_cues", requires=["doc._.quote_spans", "token.dep", "token.tag", "doc.ents"],
                    assigns=["doc._.cues", "doc.spans"])
def cues_component(doc: Doc) -> Doc:
    """Reporting verbs with speaker and report: ``doc.spans["cues"]``, ``["speakers"]``,
    ``["reported"]``, and ``doc._.cues`` (``Cue`` list)."""
    if doc._.quote_spans is None:
        set_quotes(doc, find_quotes(text_of(doc)))
    set_cues(doc, find_cues(doc, [(q.start, q.end) for q in doc._.quote_spans]))
    return doc


@Language.component("newsreader_figures", requires=["token.tag", "token.dep", "doc.ents"],
                    assigns=["doc._.figures"])
def figures_component(doc: Doc) -> Doc:
    """``doc._.figures``: numbers, counts, ranges and ages with what they count."""
    doc._.figures = find_figures(doc)
    return doc


def set_quotes(doc: Doc, quotes: list[QuoteSpan]) -> None:
    """Record the paragraph's quotations: ``doc._.quote_spans`` and ``doc.spans["quotes"]``."""
    doc._.quote_spans = quotes
    doc.spans["quotes"] = [span for q in quotes
                           if (span := doc.char_span(q.start, q.end, alignment_mode="expand")) is not None]


def set_cues(doc: Doc, cues: list[Cue]) -> None:
    """Record the paragraph's cues: ``doc._.cues`` and the span groups ``cues`` (the cue
    words), ``speakers`` and ``reported``, each labelled with the cue's kind. A cue the
    text denies ("did not say") reports nothing and has no spans."""
    doc._.cues = cues
    words, speakers, reported = [], [], []
    for cue in cues:
        if cue.negated:
            continue
        words.append(doc.char_span(cue.cue_start, cue.cue_end, label=cue.kind, alignment_mode="expand"))
        if cue.speaker is not None:
            speakers.append(Span(doc, *cue.speaker, label=cue.kind))
        for content in (cue.content, cue.content_after):
            if content is not None:
                reported.append(doc.char_span(*content, label=cue.kind, alignment_mode="expand"))
    doc.spans["cues"] = [s for s in words if s is not None]
    doc.spans["speakers"] = speakers
    doc.spans["reported"] = [s for s in reported if s is not None]
