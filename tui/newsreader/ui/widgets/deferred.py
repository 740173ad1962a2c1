"""Mounting a widget just after the first paint (Textual's ``Lazy``, safe when the app quits first)."""

from __future__ import annotations

from textual.widget import Widget


class Deferred(Widget):
    """Stands in for ``widget`` until the screen has been painted once, then is replaced by it.

    Used for what is not read in the first instant (the side pane's lists, the
    footer): their styles and layout would otherwise hold back the article's
    first paint. Unlike ``textual.lazy.Lazy`` it gives up quietly when the app
    is already closing (a `q` pressed in the first frame).
    """

    DEFAULT_CSS = """
    Deferred {
        display: none;
    }
    """

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def on_mount(self) -> None:
        self.call_after_refresh(self.mount_now)

    async def mount_now(self) -> None:
        """Put the widget in place now (if that has not happened yet), e.g. when a key needs it."""
        parent = self.parent
        if self.widget.parent is not None or not isinstance(parent, Widget) or not self.is_attached \
                or not parent.is_attached:
            return
        await parent.mount(self.widget, after=self)
        await self.remove()
