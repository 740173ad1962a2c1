"""The search field under the article (`/`); `n`/`N` step through hits after Enter."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input


class SearchBar(Input):
    """An ``Input`` that starts hidden; the screen shows it on `/` and hides it on escape.

    Enter calls ``on_submit`` at once (not by message), so that the screen moves the
    focus before the keys typed in the same burst are handled: `/army⏎n` goes to the
    first hit, then the next, instead of searching for "armyn".
    """

    def __init__(self, *, id: str | None = None, on_submit: Callable[[str], None] | None = None) -> None:
        super().__init__(placeholder="Search the article (Enter to go, Esc to clear)", id=id)
        self.display = False
        self.on_submit = on_submit

    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:  # (has_focus follows by message: too late here)
            # Handed to the field while it had the focus, in the burst of the enter that
            # moved the focus on: the key is for where the focus is now.
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        if self.on_submit is None:
            await super().action_submit()
        else:
            self.on_submit(self.value)
