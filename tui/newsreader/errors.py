"""Errors that reach the user as one line, never as a traceback."""


class NewsreaderError(Exception):
    """Base for every error the CLI reports as ``newsreader: <message>`` with exit 2."""


class InputError(NewsreaderError):
    """The input cannot be read as an article (missing, empty, binary, undecodable)."""


class ModelError(NewsreaderError):
    """The spaCy model cannot be loaded."""
