"""The analysis pipeline: spaCy per paragraph, our components, then the article-level pass.

``Analyzer.stream`` parses the article paragraph by paragraph with
``nlp.pipe`` and yields a cumulative ``Analysis`` after each block, so a
reader can show results as they arrive. Everything that needs the whole
article so far (alias merging, type votes, pronoun resolution, multi-paragraph
quotes) lives in ``ArticleState``, which is fed paragraphs in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import NewsreaderError
from ..model import Analysis, Article, paragraph_spans
from .chunks import MAX_PIECE, batch_size, feed, units
from .state import ArticleState

if TYPE_CHECKING:
    from spacy.language import Language

# Paragraph texts go through nlp.pipe in batches; a snapshot is yielded after
# at least this many characters so the reader's lists grow smoothly without
# paying for a snapshot per paragraph on long texts.
BLOCK_CHARS = 2000


# A closing quotation mark glued to the next word (`“It is bad,”Clinton said`): the
# English tokenizer keeps `bad,”Clinton` as one token, so the speaker is never seen.
# Split the punctuation and the mark off as tokens of their own.
GLUED_CLOSING_QUOTE = r"[,.!?](?=[”\"]\w)|(?<=[,.!?])[”\"](?=\w)"


class AnalysisError(NewsreaderError):
    """spaCy (or a rule) failed on the text: one line for the user, the cause chained."""


def add_components(nlp: Language) -> None:
    """Add our registered components to a loaded model (idempotent), and let its
    tokenizer split a closing quotation mark glued to the next word."""
    from spacy.util import compile_infix_regex

    from . import components  # noqa: F401  (registers the factories)

    for name in components.COMPONENT_NAMES:
        if name in nlp.pipe_names:
            continue
        if name == components.ENTITIES_COMPONENT and "ner" in nlp.pipe_names:
            nlp.add_pipe(name, after="ner")
        else:
            nlp.add_pipe(name, last=True)
    infixes = list(nlp.Defaults.infixes or [])
    if GLUED_CLOSING_QUOTE not in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, GLUED_CLOSING_QUOTE]).finditer


class Analyzer:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.model_name = nlp.meta.get("newsreader_model") or f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"

    def stream(self, article: Article, block_chars: int = BLOCK_CHARS) -> Iterator[Analysis]:
        """Cumulative analyses as the text is read; the last one is ``complete``.

        A paragraph longer than ``chunks.MAX_PIECE`` characters is read in pieces
        (``chunks.units``), so no Doc exceeds ``nlp.max_length`` and time stays linear.
        """
        text = article.text
        state = ArticleState(article)
        pending = 0
        unit = None
        try:
            limit = min(MAX_PIECE, self.nlp.max_length)
            parts = units(text, paragraph_spans(text), limit)
            texts = (text[u.start:u.end] for u in parts)
            docs = self.nlp.pipe(texts, batch_size=batch_size(parts, limit))
            for unit, doc in zip(parts, docs, strict=True):
                feed(state, doc, unit)
                end = unit.end
                pending += end - unit.start
                # A snapshot costs time in proportion to what has been found so far, so
                # blocks grow with the text read (10% of it): total snapshot cost stays
                # linear on long texts while the first results still arrive early.
                if pending >= max(block_chars, end // 10) and end < len(text):
                    pending = 0
                    yield state.snapshot(upto=end, complete=False, model=self.model_name)
            final = state.snapshot(upto=len(text), complete=True, model=self.model_name)
        except NewsreaderError:
            raise
        except Exception as exc:  # spaCy's errors run to dozens of lines: the reader and export show one
            raise AnalysisError(_one_line(exc, unit.end if unit is not None else 0)) from exc
        yield final

    def analyze(self, article: Article) -> Analysis:
        *_, final = self.stream(article, block_chars=len(article.text) + 1)
        return final


def _one_line(exc: BaseException, done: int) -> str:
    """``the analysis failed after character 5,000: [E088] Text of length … (ValueError)``."""
    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    if len(first) > 200:  # spaCy's own run on: "[E088] Text of length … exceeds maximum of …. The parser …"
        sentence = first.find(". ")
        first = first[:sentence + 1] if 0 < sentence < 200 else first[:199] + "…"
    where = f" after character {done:,}" if done else ""
    kind = type(exc).__name__
    return f"the analysis failed{where}: {first} ({kind})" if first else f"the analysis failed{where}: {kind}"
