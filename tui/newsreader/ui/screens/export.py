"""The export dialog (`e`): pick a format and a path; the dialog writes the file.

The dialog stays open until the file is written, so a refusal or a failure is
shown in it with the path as typed, ready to fix:

* the article's own file (under any name) is never written over;
* an existing file is replaced only after a second Export (the button then
  reads "Replace"); changing the path or the format asks again;
* a write that fails says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from ...export_paths import default_export_path
from ...sources import writes_over_input
from ..safe import one_line

FORMATS = ("json", "csv", "markdown")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: str


WriteExport = Callable[[ExportRequest], None]
"""Writes the export; raises ``OSError`` (or ``ValueError``) when it cannot."""


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Returns the ``ExportRequest`` that was written, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source: str, write: WriteExport) -> None:
        super().__init__()
        self.source = source
        self._write = write
        self._path_edited = False
        self._replace_confirmed_for: tuple[str, str] | None = None
        """(format, resolved path) the user has agreed to overwrite, by pressing Export twice."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export the analysis"
            with RadioSet(id="export-format"):
                for i, fmt in enumerate(FORMATS):
                    yield RadioButton(fmt.upper() if fmt != "markdown" else "Markdown", value=i == 0, name=fmt)
            yield Label("Write to:")
            yield Input(default_export_path(self.source, "json"), id="export-path")
            yield Label("", id="export-message", markup=False)  # the path is typed text: never markup
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "json"

    @property
    def message(self) -> str:
        """The refusal or failure shown in the dialog ("" when none)."""
        return str(self.query_one("#export-message", Label).content)

    def _say(self, message: str, *, ask: bool = False) -> None:
        label = self.query_one("#export-message", Label)
        label.update(one_line(message, 200))
        label.set_class(bool(message) and not ask, "-error")
        label.set_class(ask, "-ask")
        self.query_one("#export-ok", Button).label = "Replace" if ask else "Export"

    def _unconfirm(self) -> None:
        if self._replace_confirmed_for is not None or self.message:
            self._replace_confirmed_for = None
            self._say("")

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        if not self._path_edited:
            field.value = default_export_path(self.source, self.fmt)
        self._unconfirm()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        if event.value != default_export_path(self.source, self.fmt):
            self._path_edited = True
        self._unconfirm()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _ok(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._say("Give a file name to export to")
            return
        target = Path(typed).expanduser()
        try:
            if writes_over_input(target, self.source):
                self._say(f"{typed} is the article itself: choose another file")
                return
            if target.is_dir():
                self._say(f"{typed} is a directory: give a file name")
                return
            exists = target.exists()
        except OSError as exc:  # e.g. a folder on the way that cannot be searched
            self._say(f"Cannot write {typed}: {exc.strerror or exc}")
            return
        key = (self.fmt, os.path.realpath(target))
        if exists and self._replace_confirmed_for != key:
            self._replace_confirmed_for = key
            self._say(f"{typed} exists: press Replace (or enter) to overwrite it", ask=True)
            return
        request = ExportRequest(self.fmt, str(target))
        try:
            self._write(request)
        except (OSError, ValueError) as exc:
            self._replace_confirmed_for = None
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say(f"Cannot write {typed}: {reason}")
            return
        self.dismiss(request)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
