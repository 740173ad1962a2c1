"""Paragraphs longer than spaCy should read at once: cut into pieces, offsets exact (analysis/chunks.py)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.analysis import chunks
from newsreader.analysis.chunks import MAX_PIECE, batch_size, cut_points, units
from newsreader.analysis.quotemarks import find_quotes
from newsreader.model import Article, paragraph_spans

ROOT = Path(__file__).resolve().parents[1]


def seed_paragraphs() -> list[str]:
    paras: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paras += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return paras


def seeds_line() -> str:
    """Every bundled sample's paragraphs joined by spaces: one ~8,700-character line."""
    return " ".join(seed_paragraphs())


def check_pieces(para: str, cuts: list[int], limit: int) -> list[tuple[int, int]]:
    """The pieces as units() makes them, checked: exact, trimmed, within the limit, nothing lost."""
    bounds = [0, *cuts, len(para)]
    assert bounds == sorted(bounds) and len(set(bounds)) == len(bounds)
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        piece = para[a:b].rstrip()
        assert piece, (a, b)
        assert not piece[0].isspace()
        assert len(piece) <= limit
        pieces.append((a, a + len(piece)))
    # Between two pieces there is only whitespace; together they are the paragraph.
    rebuilt = "".join(para[a:b] + para[b:nxt] for (a, b), nxt in zip(pieces, [p[0] for p in pieces[1:]] + [len(para)]))
    assert rebuilt == para
    for (_, b), (nxt, _) in zip(pieces, pieces[1:]):
        assert not para[b:nxt].strip()  # whitespace, or nothing at a cut forced inside a run of letters
    return pieces


# ------------------------------------------------------------------ the cutter alone

def test_a_paragraph_within_the_limit_is_one_unit():
    text = "One paragraph.\nAnother one, said Ana Ruiz.\n"
    got = units(text, paragraph_spans(text))
    assert [(u.start, u.end, u.paragraph, u.first, u.quotes) for u in got] == [
        (0, 14, 0, True, None), (15, 42, 1, True, None)]
    assert batch_size(got) == 64


def test_cuts_fall_at_sentence_ends_outside_quotations():
    para = seeds_line()
    for limit in (1000, 2000, MAX_PIECE):  # (the longest sentence is ~490 characters)
        cuts = cut_points(para, limit)
        assert cuts, limit
        check_pieces(para, cuts, limit)
        spans = find_quotes(para)
        for cut in cuts:
            before = para[:cut].rstrip().rstrip("”\"’')]»")
            assert before[-1] in ".!?", (limit, para[cut - 40:cut + 20])
            assert para[cut:].lstrip("“\"‘«([")[0].isupper(), (limit, para[cut - 40:cut + 20])
            # no quotation's marks on both sides of a cut
            assert not any(s.start - 1 < cut <= s.end for s in spans), (limit, para[cut - 40:cut + 20])


def test_a_cut_goes_inside_a_quotation_only_when_nothing_outside_will_do():
    words = "alpha beta gamma " * 8
    para = (words + "“" + "One more. Two more. Three more. " * 10).rstrip() + "” " + words.strip()
    opening = para.index("“")
    cuts = cut_points(para, 200)
    check_pieces(para, cuts, 200)
    assert cuts[0] <= opening  # whitespace before the quotation, not its sentence ends
    assert any(opening < c < para.index("”") for c in cuts)  # a quotation longer than a piece is cut


def test_no_cut_after_a_title_or_an_initial():
    sentence = "The council met Mr. Smith and Gen. Lee in St. Louis with John F. Kennedy and the U.S. Navy. "
    para = (sentence * 40).strip()
    cuts = cut_points(para, 500)
    check_pieces(para, cuts, 500)
    for cut in cuts:
        assert para[:cut].rstrip().endswith("Navy."), para[cut - 30:cut + 10]


def test_without_sentence_ends_cuts_fall_at_whitespace_never_inside_a_word():
    rng = random.Random(7)
    words = ["council", "bridge", "ferry", "Dunmore", "inspection", "£18,000", "“quoted", "words”", "and"]
    para = " ".join(rng.choice(words) for _ in range(3000))
    cuts = cut_points(para, 700)
    check_pieces(para, cuts, 700)
    for cut in cuts:
        assert para[cut - 1].isspace() and not para[cut].isspace()


def test_text_without_whitespace_is_still_cut_within_the_limit():
    para = "x" * 12_345
    cuts = cut_points(para, 1000)
    check_pieces(para, cuts, 1000)
    assert len(cuts) == 12
    # a combining mark stays with the letter before it
    para = "e\u0301" * 3000
    for cut in cut_points(para, 1001):
        assert para[cut] == "e"


def test_random_paragraphs_are_cut_exactly():
    rng = random.Random(2024)
    pieces = ["Word", "word", "Mr.", "said.", "“Quote", "open", "closed.”", "?", "!", "'s", "—", "\u00a0", "  ",
              "\t", "e\u0301", "U.S.", "A.", "\"", "’", "x" * 50]
    for _ in range(200):
        para = " ".join(rng.choice(pieces) for _ in range(rng.randint(50, 600))).strip()
        limit = rng.randint(20, 400)
        check_pieces(para, cut_points(para, limit), limit)


def test_a_megabyte_single_line_is_cut_into_pieces_within_the_limit():
    line = seeds_line()
    text = " ".join([line] * (1_100_000 // len(line) + 1)) + "\n"
    assert len(text) > 1_000_000
    got = units(text, paragraph_spans(text))
    assert len(got) > 200
    assert {u.paragraph for u in got} == {0}
    assert [u.first for u in got].count(True) == 1
    assert all(0 < u.end - u.start <= MAX_PIECE for u in got)
    assert got[0].start == 0 and got[-1].end == len(text) - 1
    for u, nxt in zip(got, got[1:]):
        assert text[u.end:nxt.start].isspace()
    assert batch_size(got) * MAX_PIECE <= chunks.BATCH_CHARS


def test_a_quotation_split_by_a_forced_cut_is_clipped_into_both_pieces():
    para = "Ana Ruiz said: “" + " ".join(f"Sentence number {i} is here." for i in range(40)) + "” Then it ended."
    got = units(para, [(0, len(para))], 300)
    assert len(got) > 3
    spans = [q for u in got for q in u.quotes]
    assert spans[0].opened and not spans[0].closed
    assert all(not q.opened and not q.closed for q in spans[1:-1])
    assert not spans[-1].opened and spans[-1].closed
    # together the clipped parts cover the quotation's text, every piece's in its own offsets
    whole = find_quotes(para)[0]
    for u in got:
        for q in u.quotes:
            assert para[u.start + q.start:u.start + q.end] in para[whole.start:whole.end]


# ------------------------------------------------------------------ through the engine

@pytest.fixture(scope="module")
def analyzer():
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.pipeline import Analyzer

    return Analyzer(load_nlp())


def all_spans(analysis):
    for q in analysis.quotes:
        yield q.start, q.end, q.text
        if q.cue:
            yield q.cue.start, q.cue.end, q.cue.text
    for e in analysis.entities:
        for m in e.mentions:
            yield m.start, m.end, m.text


def test_a_long_paragraph_is_analysed_with_exact_offsets_and_its_own_paragraph_number(analyzer):
    line = seeds_line()
    assert len(line) > MAX_PIECE
    first = "PORT ELLIS — “We are ready,” said Ana Ruiz, the mayor."
    last = "“It will be open by June,” Ms Ruiz said."
    text = f"{first}\n\n{line}\n{last}\n"
    analysis = analyzer.analyze(Article(source="t", text=text))
    assert analysis.quotes
    for start, end, span_text in all_spans(analysis):
        assert span_text == text[start:end]
    line_start = text.index(line)
    for q in analysis.quotes:
        expected = 0 if q.start < line_start else 1 if q.start < line_start + len(line) else 2
        assert q.paragraph == expected, (q.text, q.paragraph)
    assert {q.paragraph for q in analysis.quotes} == {0, 1, 2}


def test_cutting_changes_no_quote_or_speaker_of_the_samples(analyzer, monkeypatch):
    from newsreader.analysis import pipeline

    text = seeds_line()
    cut = analyzer.analyze(Article(source="t", text=text))
    monkeypatch.setattr(pipeline, "MAX_PIECE", 10 ** 6)
    whole = analyzer.analyze(Article(source="t", text=text))
    assert [(q.start, q.end, q.kind, q.speaker_name) for q in cut.quotes] == \
        [(q.start, q.end, q.kind, q.speaker_name) for q in whole.quotes]


def test_quotes_next_to_a_cut_keep_their_speaker(analyzer, monkeypatch):
    from newsreader.analysis import pipeline

    people = ["Ana Ruiz", "Tom Hale", "Leah Brandt", "Kenji Tanaka"]
    sentences = []
    for i in range(24):
        who = people[i % len(people)]
        sentences.append(f"“The bridge will need {i + 2} more weeks of work,” {who} said.")
        sentences.append(f"{who} said: “We have told the council about crack number {i + 1}.”")
        sentences.append("The ferry runs every hour until midnight.")
    text = " ".join(sentences) + "\n"
    monkeypatch.setattr(pipeline, "MAX_PIECE", 10 ** 6)
    whole = analyzer.analyze(Article(source="t", text=text))
    for limit in (150, 250, 400):
        monkeypatch.setattr(pipeline, "MAX_PIECE", limit)
        assert len(units(text, paragraph_spans(text), limit)) > 10
        cut = analyzer.analyze(Article(source="t", text=text))
        got = [(q.start, q.end, q.kind, q.speaker_name) for q in cut.quotes]
        assert got == [(q.start, q.end, q.kind, q.speaker_name) for q in whole.quotes], limit
    direct = [q for q in whole.quotes if q.kind == "direct"]
    assert len(direct) == 48 and all(q.speaker_name in people for q in direct)


def test_a_quotation_longer_than_a_piece_keeps_its_speaker(analyzer, monkeypatch):
    from newsreader.analysis import pipeline

    body = " ".join(f"The repairs to span number {i} will start in the spring." for i in range(30))
    text = f"The council met on Monday. Ana Ruiz, the mayor, said: “{body}” The meeting ended at noon.\n"
    monkeypatch.setattr(pipeline, "MAX_PIECE", 400)
    analysis = analyzer.analyze(Article(source="t", text=text))
    for start, end, span_text in all_spans(analysis):
        assert span_text == text[start:end]
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert direct
    assert all(q.speaker_name == "Ana Ruiz" for q in direct), [(q.text[:30], q.speaker_name) for q in direct]
    assert {q.paragraph for q in analysis.quotes} == {0}


def test_a_model_with_a_smaller_max_length_reads_a_longer_line(analyzer):
    nlp = analyzer.nlp
    old = nlp.max_length
    text = seeds_line() + "\n"
    nlp.max_length = 1500
    try:
        with pytest.raises(ValueError, match="E088"):
            nlp(text)  # spaCy itself refuses it
        analysis = analyzer.analyze(Article(source="t", text=text))
    finally:
        nlp.max_length = old
    assert analysis.quotes
    for start, end, span_text in all_spans(analysis):
        assert span_text == text[start:end]


def test_a_spacy_error_is_one_line(analyzer, monkeypatch):
    from newsreader.analysis.pipeline import AnalysisError
    from newsreader.errors import NewsreaderError

    def refuse(texts, **kwargs):
        for t in texts:
            raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000. The parser and NER models "
                             "require roughly 1GB of temporary memory per 100,000 characters in the input. " * 3
                             + "\n\nThis means long texts may cause memory allocation errors.")
        yield from ()

    monkeypatch.setattr(analyzer.nlp, "pipe", refuse)
    with pytest.raises(AnalysisError) as info:
        analyzer.analyze(Article(source="t", text="Some text.\n"))
    assert isinstance(info.value, NewsreaderError)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300
    assert message == "the analysis failed: [E088] Text of length 1000001 exceeds maximum of 1000000. (ValueError)"


def test_an_error_midway_says_how_far_the_analysis_got(analyzer, monkeypatch):
    from newsreader.analysis.pipeline import AnalysisError

    real = analyzer.nlp.pipe

    def fails_second(texts, **kwargs):
        texts = list(texts)
        yield from real(texts[:1], **kwargs)
        raise RuntimeError("the parser broke")

    monkeypatch.setattr(analyzer.nlp, "pipe", fails_second)
    with pytest.raises(AnalysisError) as info:
        analyzer.analyze(Article(source="t", text="A first paragraph here.\nA second one.\n"))
    assert str(info.value) == "the analysis failed after character 23: the parser broke (RuntimeError)"


def test_an_error_without_a_message_is_named(analyzer, monkeypatch):
    from newsreader.analysis.pipeline import AnalysisError

    def exhausted(texts, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(analyzer.nlp, "pipe", exhausted)
    with pytest.raises(AnalysisError, match=r"^the analysis failed: MemoryError$"):
        analyzer.analyze(Article(source="t", text="Some text.\n"))


# ------------------------------------------------------------------ the command

def test_export_of_a_long_single_line_has_exact_offsets(tmp_path):
    line = " ".join([seeds_line()] * 3)
    path = tmp_path / "line.txt"
    path.write_text(line + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsreader", "export", str(path)], capture_output=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    text = path.read_text(encoding="utf-8")
    assert len(data["quotes"]) > 100
    for q in data["quotes"]:
        assert q["text"] == text[q["start"]:q["end"]]
        assert q["paragraph"] == 1  # 1-based in the export
    for e in data["entities"]:
        for m in e["mentions"]:
            assert m["text"] == text[m["start"]:m["end"]]


def test_export_reports_an_analysis_failure_in_one_line_with_exit_2(tmp_path, monkeypatch, capsys):
    from newsreader import cli
    from newsreader.analysis.nlp import load_nlp

    path = tmp_path / "a.txt"
    path.write_text("“We are ready,” said Ana Ruiz.\n", encoding="utf-8")
    nlp = load_nlp(None)  # the one export uses (lru_cache tells load_nlp() from load_nlp(None))

    def broken(texts, **kwargs):
        raise ValueError("[E999] Something inside spaCy broke.\n\n  a second line\n  a third line")

    monkeypatch.setattr(nlp, "pipe", broken)
    assert cli.main(["export", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == "newsreader: the analysis failed: [E999] Something inside spaCy broke. (ValueError)\n"


def test_the_worker_sends_the_one_line_message(monkeypatch):
    import io
    import pickle

    from newsreader.analysis.pipeline import AnalysisError
    from newsreader.worker import Worker

    class Failing:
        def stream(self, article, block_chars=None):
            raise AnalysisError("the analysis failed after character 5,000: [E088] Text too long. (ValueError)")
            yield

    out = io.BytesIO()
    worker = Worker("m", out)
    worker.analyzer = Failing()
    worker.jobs.put({"op": "analyze", "job": 3, "article": Article(source="t", text="x")})
    worker.jobs.put(None)
    worker.serve()
    out.seek(0)
    events = []
    while out.tell() < len(out.getvalue()):
        events.append(pickle.load(out))
    assert events[-1] == {"ev": "error", "job": 3, "fatal": False,
                          "message": "the analysis failed after character 5,000: [E088] Text too long. (ValueError)"}
