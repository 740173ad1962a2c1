"""Loading the model: the lean load parses exactly as spaCy's ordinary load; spaCy without its CLI.

Both exist for the cold start (every cold analysis pays spaCy's import and the
model's load before its first result). They may only ever save time, never
change a single token, tag, arc or entity: these tests compare against spaCy's
own ``spacy.load`` on the bundled articles, so a model update that breaks the
assumption fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsreader.analysis.nlp import LEAN_LOAD_EXCLUDE, lean_load, load_nlp, model_name

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def token_rows(doc) -> list[tuple]:
    return [(t.idx, t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.norm_, t.shape_,
             str(t.morph), t.is_sent_start, t.like_num, t.is_stop) for t in doc]


@pytest.fixture(scope="module")
def ordinary_and_lean():
    import spacy

    name = model_name(None)
    if not lean_load(name):
        pytest.skip(f"{name} is not a model the lean load is used for")
    ordinary = spacy.load(name, exclude=["lemmatizer"])
    lean = spacy.load(name, exclude=["lemmatizer", *LEAN_LOAD_EXCLUDE])
    return ordinary, lean


def test_the_default_model_is_loaded_lean():
    assert lean_load(model_name(None))
    nlp = load_nlp(None)
    # the training strings were not read: only what the components and texts added
    assert len(nlp.vocab.strings) < 20_000


def test_a_model_we_do_not_know_is_loaded_the_ordinary_way():
    assert not lean_load("en_core_web_trf")
    assert not lean_load("de_core_news_sm")
    assert not lean_load("no_such_model_package")


def test_lean_load_builds_the_same_tokenizer(ordinary_and_lean):
    ordinary, lean = ordinary_and_lean
    # its rules, that is (its serialisation carries the vocabulary's strings too)
    assert lean.tokenizer.to_bytes(exclude=["vocab"]) == ordinary.tokenizer.to_bytes(exclude=["vocab"])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_lean_load_parses_every_seed_exactly_as_spacy_load(ordinary_and_lean, path):
    ordinary, lean = ordinary_and_lean
    text = path.read_text(encoding="utf-8")
    expected, got = token_rows(ordinary(text)), token_rows(lean(text))
    assert len(expected) > 300
    assert got == expected


def test_lean_load_handles_words_it_never_saw(ordinary_and_lean):
    ordinary, lean = ordinary_and_lean
    text = "Zbigniewa Qxyrtłowska-Ñúñez said the Ümläut Consortium’s 7½ gigaquibbles grew 12% on Thursday."
    assert token_rows(lean(text)) == token_rows(ordinary(text))


def test_spacy_without_its_cli_analyses_and_never_imports_the_cli(tmp_path):
    """In a fresh interpreter, as the analysis process and `newsreader export` run it."""
    script = textwrap.dedent("""
        import json, sys
        from newsreader.analysis.nlp import import_spacy_without_cli
        import_spacy_without_cli()
        from newsreader.analysis import analyze_text
        analysis = analyze_text("“We are ready,” said Jane Smith, a spokeswoman for the United Nations.")
        import spacy
        try:
            spacy.info()
            info = "ran"
        except RuntimeError as exc:
            info = str(exc)
        cli = sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "weasel", "httpx", "jinja2", "requests"))
        print("RESULT=" + json.dumps({"speakers": [q.speaker_name for q in analysis.quotes], "cli": cli,
                                      "info": info}))
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tui"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.split("RESULT=")[-1])
    assert result["speakers"] == ["Jane Smith"]
    assert result["cli"] == []
    assert "not loaded" in result["info"]
