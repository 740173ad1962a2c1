"""Command palette provider (ctrl+p): find entities and quotes by name.

Names and quotes are untrusted text, so hits are built as ``Content`` objects
(``Matcher.highlight`` would parse them as markup) and the help line, which
the palette *does* parse as markup, never contains article text.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .evidence import UNCERTAIN_MARK, is_uncertain
from .safe import one_line, opening_words

TYPE_LABELS = {"person": "person", "organization": "organisation", "place": "place",
               "figure": "figure", "date": "date"}


class ArticleProvider(Provider):
    """Entities by name or alias, and quotes by speaker or words, in the open article."""

    def _candidates(self) -> list[tuple[str, Content, object, str]]:
        from .screens.article import ArticleScreen

        screen = self.screen
        if not isinstance(screen, ArticleScreen) or screen.index is None:
            return []
        index = screen.index
        out: list[tuple[str, Content, object, str]] = []
        for entity in index.entities.values():
            name = one_line(entity.name, 60)
            search = " ".join([name, *(one_line(a, 60) for a in entity.aliases)])
            label = Content.assemble((name, "bold"), (f"  {TYPE_LABELS[entity.type]} ×{len(entity.mentions)}", "dim"))
            out.append((search, label, partial(screen.jump_to_entity, entity.id),
                        "Go to the first mention"))
        for quote in index.quotes:
            who = one_line(quote.speaker_name, 40) or "unattributed"
            words = opening_words(quote.text, 8)
            # an uncertain attribution is marked as in the Quotes list
            mark = (f" {UNCERTAIN_MARK}", "bold $text-warning") if is_uncertain(quote) else ("", "")
            if quote.kind == "indirect":
                # reported speech is a paraphrase: never in quotation marks (as in the Quotes list)
                label = Content.assemble((who, "bold"), mark, ": ", (words, "italic"), ("  reported", "dim"))
            else:
                label = Content.assemble((who, "bold"), mark, ": ", ("“" + words + "”", "italic"))
            out.append((f"{who}: {one_line(quote.text, 200)}", label,
                        partial(screen.jump_to_quote, quote.id),
                        f"Quote ¶{quote.paragraph_number}" + (" · attribution uncertain" if is_uncertain(quote) else "")))
        return out

    async def discover(self) -> Hits:
        for _search, label, command, help_text in self._candidates()[:40]:
            yield DiscoveryHit(label, command, text=_search, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for search, label, command, help_text in self._candidates():
            score = matcher.match(search)
            if score > 0:
                yield Hit(score, label, command, text=search, help=help_text)
