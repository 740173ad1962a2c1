"""Our spaCy components, registered as factories and run per paragraph after ``ner``.

``newsreader_entities`` sets ``doc.ents`` to the fixed entities; the others
each set a ``Doc`` extension, so the pipeline can be used outside the reader
like any spaCy pipeline::

    nlp = spacy.load("en_core_web_sm")
    for name in COMPONENT_NAMES:
        nlp.add_pipe(name)
    doc = nlp("“We are ready,” she said.")
    doc._.quote_spans, doc._.cues, doc._.figures

Article-level work (who "he" is, aliases, dates against the publication day)
needs the paragraphs before this one and lives in ``state.ArticleState``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .cues import find_cues
from .entities import fixed_entities
from .figures import find_figures
from .quotemarks import find_quotes

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


@Language.component("newsreader_quotes", assigns=["doc._.quote_spans"])
def quotes_component(doc: Doc) -> Doc:
    """``doc._.quote_spans``: text inside paired quotation marks (``QuoteSpan`` list)."""
    doc._.quote_spans = find_quotes(doc.text)
    return doc


@Language.component("newsreader_cues", requires=["doc._.quote_spans", "token.dep", "token.tag", "doc.ents"],
                    assigns=["doc._.cues"])
def cues_component(doc: Doc) -> Doc:
    """``doc._.cues``: reporting verbs with speaker and reported clause (``Cue`` list)."""
    spans = doc._.quote_spans
    if spans is None:
        spans = find_quotes(doc.text)
    doc._.cues = find_cues(doc, [(q.start, q.end) for q in spans])
    return doc


@Language.component("newsreader_figures", requires=["token.tag", "token.dep", "doc.ents"],
                    assigns=["doc._.figures"])
def figures_component(doc: Doc) -> Doc:
    """``doc._.figures``: numbers, counts, ranges and ages with what they count."""
    doc._.figures = find_figures(doc)
    return doc
