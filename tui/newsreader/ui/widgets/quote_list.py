"""The Quotes view of the side pane: every quote in article order, with its speaker."""

from __future__ import annotations

from textual.message import Message

from ...model import Quote
from ..evidence import UNCERTAIN_MARK, is_uncertain
from ..index import AnalysisIndex
from ..safe import one_line, opening_words
from .side_list import Row, SideList

KIND_LABELS = {"direct": "direct", "indirect": "reported", "partial": "partial"}


class QuoteList(SideList):
    """Quotes as `Speaker  cue · kind ¶n` over the quote's opening words; an uncertain
    attribution (confidence under ``model.UNCERTAIN_BELOW``) is `Speaker ?`."""

    class Highlighted(Message):
        def __init__(self, quote_id: str) -> None:
            super().__init__()
            self.quote_id = quote_id

    class Chosen(Message):
        def __init__(self, quote_id: str) -> None:
            super().__init__()
            self.quote_id = quote_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speaker: str | None = None
        # Rows by quote object: each analysis update hands over the quotes it did not
        # change as the same objects, so a long text's ~4,000 rows are not relabelled.
        self._rows: dict[int, tuple[Quote, Row]] = {}

    def show(self, index: AnalysisIndex | None, speaker: str | None = None, *, status: str = "") -> None:
        """Rebuild for ``index``, limited to quotes by ``speaker`` (a speaker key) if given."""
        self.speaker = speaker
        if self._defer(lambda: self.show(index, speaker, status=status)):
            return
        options: list[Row] = []
        if index is None:
            options.append(Row.of((status or "Analysing…", "italic"), disabled=True))
        else:
            quotes = index.quotes if speaker is None else index.quotes_by_speaker.get(speaker, [])
            if speaker is not None:
                name = next((s.name for s in index.speakers if s.key == speaker), speaker)
                options.append(Row.of((f"Quotes by {one_line(name, 40)} ({len(quotes)})", "bold reverse"),
                                      disabled=True))
            rows: dict[int, tuple[Quote, Row]] = {}
            for quote in quotes:
                known = self._rows.get(id(quote))
                row = known[1] if known is not None else self._row(quote)
                rows[id(quote)] = (quote, row)  # the quote is kept, so its id is not reused
                options.append(row)
            self._rows = rows
            if not quotes:
                note = "No quotes yet…" if not index.analysis.complete else "No quotes found in this article"
                options.append(Row.of((note, "italic dim"), disabled=True))
        self._replace(options, (speaker, tuple(options)))

    @staticmethod
    def _row(quote: Quote) -> Row:
        # Two lines that are cut, not wrapped, in a narrow pane: what matters most comes
        # first on each (who and how; then the cue verb and the words themselves).
        speaker = one_line(quote.speaker_name, 40) or "unattributed"
        cue = one_line(quote.cue.text, 20) if quote.cue else ""
        kind = KIND_LABELS.get(quote.kind, quote.kind)
        words = opening_words(quote.text, 10)
        mark = (f" {UNCERTAIN_MARK}", "bold $text-warning") if is_uncertain(quote) else ("", "")
        return Row.of(
            ((speaker, "bold"), mark, (f"  {kind} ¶{quote.paragraph_number}", "dim")),
            (("  ", ""), (f"{cue} " if cue else "", "italic dim"),
             # reported speech is a paraphrase: no quotation marks
             (words, "italic") if quote.kind == "indirect" else ("“" + words + "”", "")),
            id=quote.id,
        )

    @property
    def selected_quote_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.disabled:
            return None
        return option.id

    def select_quote(self, quote_id: str) -> bool:
        try:
            self.highlighted = self.get_option_index(quote_id)
        except KeyError:
            return False
        return True

    def row_highlighted(self, option: Row) -> None:
        if option.id is not None:
            self.post_message(self.Highlighted(option.id))

    def row_chosen(self, option: Row) -> None:
        if option.id is not None:
            self.post_message(self.Chosen(option.id))
