"""The Quotes view of the side pane: every quote in article order, with its speaker."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Quote
from ..index import AnalysisIndex
from ..safe import one_line, opening_words
from .side_list import SideList

KIND_LABELS = {"direct": "direct", "indirect": "reported", "partial": "partial"}


class QuoteList(SideList):
    """Quotes as `Speaker  cue · kind ¶n` over the quote's opening words."""

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

    def show(self, index: AnalysisIndex | None, speaker: str | None = None, *, status: str = "") -> None:
        """Rebuild for ``index``, limited to quotes by ``speaker`` (a speaker key) if given."""
        self.speaker = speaker
        if self._defer(lambda: self.show(index, speaker, status=status)):
            return
        options: list[Option] = []
        if index is None:
            options.append(Option(Content.styled(status or "Analysing…", "italic"), disabled=True))
        else:
            quotes = index.quotes if speaker is None else index.quotes_by_speaker.get(speaker, [])
            if speaker is not None:
                name = next((s.name for s in index.speakers if s.key == speaker), speaker)
                options.append(Option(Content.assemble(
                    ("Quotes by ", "bold reverse"), (one_line(name, 40), "bold reverse"),
                    (f" ({len(quotes)})", "bold reverse")), disabled=True))
            for quote in quotes:
                options.append(Option(self._label(quote), id=quote.id))
            if not quotes:
                note = "No quotes yet…" if not index.analysis.complete else "No quotes found in this article"
                options.append(Option(Content.styled(note, "italic dim"), disabled=True))
        self._replace(options, (speaker, tuple((o.id, str(o.prompt)) for o in options)))

    @staticmethod
    def _label(quote: Quote) -> Content:
        speaker = one_line(quote.speaker_name, 40) or "unattributed"
        cue = one_line(quote.cue.text, 20) if quote.cue else ""
        kind = KIND_LABELS.get(quote.kind, quote.kind)
        return Content.assemble(
            (speaker, "bold"),
            (f"  {cue}" if cue else "", "italic"),
            (f"  {kind} ¶{quote.paragraph + 1}", "dim"),
            "\n  ",
            # reported speech is a paraphrase: no quotation marks
            (opening_words(quote.text, 10), "italic") if quote.kind == "indirect"
            else ("“" + opening_words(quote.text, 10) + "”", ""),
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
        except Exception:
            return False
        return True

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if (qid := self.selected_quote_id) is not None:
            self.post_message(self.Highlighted(qid))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (qid := self.selected_quote_id) is not None:
            self.post_message(self.Chosen(qid))

