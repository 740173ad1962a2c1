"""The footer, fitted to the terminal: keys that do not fit are left out, least needed first.

Textual's ``Footer`` lays its keys out in one row and docks the command palette's
key over the right end: in a narrow terminal the keys that do not fit run under
it (at 60 columns a stray ``t`` of "Quit" showed after "^p palette") and the
last ones, Help and Quit, were cut. Here the keys are dropped, in the order
``DROP_ORDER`` gives, until the rest fit; Help and Quit go last.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

DROP_ORDER = ("all_said", "copy_citation", "toggle_view", "quote", "step", "command_palette", "switch_pane", "search", "open")
"""Actions whose keys are left out first when the footer is too narrow (then any other
key not named here, before these; `help` and `quit` last of all)."""
KEEP_LAST = ("help", "quit")


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact footer: key, space, description, the gap after it;
    the palette key has a border on its left instead of the gap."""
    width = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    return width + 1


class FittedFooter(Footer):
    """A compact ``Footer`` that shows only the keys that fit its width."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self):
        keys = list(super().compose())
        self._fit(keys, self.size.width or self.app.size.width)
        yield from keys

    def on_resize(self, event: events.Resize) -> None:
        self._fit(list(self.query_children(FooterKey)), event.size.width)

    @staticmethod
    def _rank(key: FooterKey) -> int:
        action = key.action.rpartition(".")[2].split("(")[0]
        if action in KEEP_LAST:
            return len(DROP_ORDER) + 1 + KEEP_LAST.index(action)
        if action in DROP_ORDER:
            return 1 + DROP_ORDER.index(action)
        return 0  # a key this list does not know: first to go

    def _fit(self, keys: list, width: int) -> None:
        keys = [k for k in keys if isinstance(k, FooterKey)]
        shown = set(map(id, keys))
        need = sum(key_width(k) for k in keys)
        for key in sorted(keys, key=self._rank):
            if need <= width:
                break
            shown.discard(id(key))
            need -= key_width(key)
        for key in keys:
            key.display = id(key) in shown
