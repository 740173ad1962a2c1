"""The yardstick for first paint: a minimal Textual app that shows a file as plain text.

    python scripts/bench_minimal_app.py FILE
"""

import sys

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

TEXT = open(sys.argv[1], encoding="utf-8").read()


class Minimal(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(TEXT, markup=False)


if __name__ == "__main__":
    Minimal().run()
