"""What the two lists of the side pane share: j/k, lazy mounting, a rebuild that keeps the cursor."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SideList(OptionList):
    """An ``OptionList`` that can be told what to show before it is mounted.

    The side pane mounts its lists just after the article's first paint, so an
    analysis that is already known (the cache) may arrive first: the newest
    request is kept and carried out on mount.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ready = False
        self._pending: Callable[[], None] | None = None
        self._signature: tuple | None = None

    def on_mount(self) -> None:
        self._ready = True
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending()

    def _defer(self, request: Callable[[], None]) -> bool:
        """True when the list is not mounted yet: ``request`` is kept (replacing an older one)."""
        if self._ready:
            return False
        self._pending = request
        return True

    def _replace(self, options: list[Option], signature: tuple) -> None:
        """Show ``options``, keeping the highlighted row (by id) when it is still there."""
        if signature == self._signature:
            return
        self._signature = signature
        previous = self.highlighted_option.id if self.highlighted_option else None
        self.set_options(options)
        target = None
        if previous is not None:
            try:
                target = self.get_option_index(previous)
            except Exception:
                target = None
        if target is None:
            target = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = target
