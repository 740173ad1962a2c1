"""The analysis pipeline: spaCy per paragraph, our components, then the article-level pass.

``Analyzer.stream`` parses the article paragraph by paragraph with
``nlp.pipe`` and yields a cumulative ``Analysis`` after each block, so a
reader can show results as they arrive. Everything that needs the whole
article so far (alias merging, type votes, pronoun resolution, multi-paragraph
quotes) lives in ``ArticleState``, which is fed paragraphs in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from ..errors import NewsreaderError
from ..model import Analysis, Article, paragraph_spans
from .chunks import MAX_PIECE, batch_size, feed, parser_text, units
from .doctext import make_doc
from .state import ArticleState

if TYPE_CHECKING:
    from spacy.language import Language

# Paragraph texts go through nlp.pipe in batches; a snapshot is yielded after
# at least this many characters so the reader's lists grow smoothly without
# paying for a snapshot per paragraph on long texts.
BLOCK_CHARS = 2000

# Articles analysed together by ``Analyzer.analyze_many``: a news article has ~20-30
# paragraphs, so 32 of them fill ~10 of ``nlp.pipe``'s batches of 64 instead of ending a
# half-empty batch per article. CPU time on 124 articles (120 PolNeAR, 4 seeds): one by one
# 16.6 s, groups of 8 16.5 s, of 32 15.5 s, with identical results (a test checks that on
# the seeds). A group is ~2.5 s of work, so results still come steadily.
GROUP_ARTICLES = 32


# A closing quotation mark glued to the next word (`“It is bad,”Clinton said`): the
# English tokenizer keeps `bad,”Clinton` as one token, so the speaker is never seen.
# Split the punctuation and the mark off as tokens of their own.
GLUED_CLOSING_QUOTE = r"[,.!?](?=[”\"]\w)|(?<=[,.!?])[”\"](?=\w)"
# The same for an opening mark after a cue's comma or colon (`Ryan said,“Look, …`).
GLUED_OPENING_QUOTE = r"(?<=\w)[,:](?=“\w)|(?<=[,:])“(?=\w)"


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
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, GLUED_CLOSING_QUOTE, GLUED_OPENING_QUOTE]).finditer


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
            texts = (make_doc(self.nlp, parser_text(text[u.start:u.end])) for u in parts)
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

    def analyze_many(self, articles: Iterable[Article], group: int = GROUP_ARTICLES,
                     ) -> Iterator[tuple[Article, Analysis | None, NewsreaderError | None]]:
        """(article, analysis, None) for each article in order, or (article, None, error) for
        one that fails while the rest go on. ``group`` articles share one ``nlp.pipe``, so the
        model works on full batches across articles (spaCy's results do not depend on what
        else is in the batch); a group that fails is read again one article at a time, so
        the error belongs to its article."""
        articles = iter(articles)
        while chunk := list(islice(articles, group)):
            try:
                done = self._analyze_group(chunk)
            except Exception:  # noqa: BLE001 - retried one by one below, to name the article
                done = None
            if done is not None:
                for article, analysis in zip(chunk, done, strict=True):
                    yield article, analysis, None
                continue
            for article in chunk:
                try:
                    yield article, self.analyze(article), None
                except NewsreaderError as exc:
                    yield article, None, exc
                except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the rest
                    yield article, None, AnalysisError(_one_line(exc, 0))

    def _analyze_group(self, articles: list[Article]) -> list[Analysis]:
        limit = min(MAX_PIECE, self.nlp.max_length)
        states = [ArticleState(article) for article in articles]
        plan = [(k, unit) for k, article in enumerate(articles)
                for unit in units(article.text, paragraph_spans(article.text), limit)]
        texts = (make_doc(self.nlp, parser_text(articles[k].text[u.start:u.end])) for k, u in plan)
        docs = self.nlp.pipe(texts, batch_size=batch_size([u for _, u in plan], limit))
        for (k, unit), doc in zip(plan, docs, strict=True):
            feed(states[k], doc, unit)
        return [state.snapshot(upto=len(article.text), complete=True, model=self.model_name)
                for article, state in zip(articles, states, strict=True)]


def _one_line(exc: BaseException, done: int) -> str:
    """``the analysis failed after character 5,000: [E088] Text of length … (ValueError)``."""
    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    if len(first) > 200:  # spaCy's own run on: "[E088] Text of length … exceeds maximum of …. The parser …"
        sentence = first.find(". ")
        first = first[:sentence + 1] if 0 < sentence < 200 else first[:199] + "…"
    where = f" after character {done:,}" if done else ""
    kind = type(exc).__name__
    return f"the analysis failed{where}: {first} ({kind})" if first else f"the analysis failed{where}: {kind}"
