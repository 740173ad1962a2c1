"""The terminal reader: a Textual app that never imports the analysis engine.

Everything the engine finds arrives through :mod:`newsreader.runner` in a
thread worker; nothing here imports spaCy, so the article paints first.
"""
