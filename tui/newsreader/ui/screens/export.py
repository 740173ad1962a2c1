"""The export dialog (`e`): pick a format and a path; the screen writes the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

FORMATS = (("json", ".json"), ("csv", ".csv"), ("markdown", ".md"))


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: str


def default_export_path(source: str, fmt: str) -> str:
    """Next to the article (``a.txt`` -> ``a.json``), or in the current directory for stdin/URLs."""
    suffix = dict(FORMATS)[fmt]
    path = Path(source)
    if source.startswith("<") or "://" in source or not path.parent.exists():
        return f"newsreader-export{suffix}"
    return str(path.with_suffix(suffix))


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Returns an ``ExportRequest``, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self._path_edited = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export the analysis"
            with RadioSet(id="export-format"):
                for i, (fmt, _) in enumerate(FORMATS):
                    yield RadioButton(fmt.upper() if fmt != "markdown" else "Markdown", value=i == 0, name=fmt)
            yield Label("Write to:")
            yield Input(default_export_path(self.source, "json"), id="export-path")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "json"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        if not self._path_edited:
            field.value = default_export_path(self.source, self.fmt)

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        if event.value != default_export_path(self.source, self.fmt):
            self._path_edited = True

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _ok(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.notify("Give a file name to export to", severity="warning")
            return
        self.dismiss(ExportRequest(self.fmt, path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
