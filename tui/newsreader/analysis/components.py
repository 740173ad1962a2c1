"""Our spaCy components (registered factories), run per paragraph after ``ner``."""

from __future__ import annotations

from spacy.language import Language

COMPONENT_NAMES: tuple[str, ...] = ()
