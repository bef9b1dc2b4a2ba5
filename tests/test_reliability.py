"""Reliability of `workbench.load` on bad input: nothing crashes, nothing is lost, text stays text.

The bad-input corpus is generated here at run time (no binary junk is committed): truncated files of
every format, mixed encodings in one file, CSV with embedded newlines and the wrong delimiter, JSON
Lines with a broken line among good ones, HTML with scripts and no article, PressReader exports
without their footer or byline, symlink loops, odd file names, a folder of 3,000 tiny files and 200 MB
files (measured for peak memory in a subprocess). `tests/test_bad_input.py` checks the readers file
by file; this module checks what `load` makes of the same kind of mess: one report row per input
file, every JSONL/CSV row loaded or skipped with a reason, the report's totals matching the frames,
and `workbench.report.summary_line` saying so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from workbench.readers import read_file
from workbench.report import summary_line

PRESSREADER = """The Harbour Courier

MINISTERS CLASH OVER GRAIN CORRIDOR

Talks in Ankara end without a deal

- LENA MARSH AND TOMAS OKAFOR

• Foreign ministers from Turkey and Ukraine failed to agree on Tuesday on reopening the grain corridor.

“We came to talk, and we will keep talking,” Turkish Foreign Minister Selim Aydin said.

Aydin added that Russia had not replied. “There is no answer from Moscow yet,” he said.

Newspapers in English

Newspapers from Canada"""
FOOTER = "\n\nNewspapers in English\n\nNewspapers from Canada"
BYLINE = "- LENA MARSH AND TOMAS OKAFOR\n\n"
PLAIN = """Drone strikes hit Kharkiv

Russian drones struck Kharkiv overnight, Ukrainian officials said.

“The city is under attack again,” Mayor Ihor Terekhov said on Telegram.
"""
HTML = """<!DOCTYPE html><html><head><title>Port reopens</title><script>var t = "<p>not text</p>";</script>
</head><body><article><h1>Port reopens</h1>
<p>The port of Odesa reopened on Monday after a week of repairs to the breakwater damaged by drones.</p>
<p>“We are back in business,” the harbour master said, adding that ferries to Turkey would run on time.</p>
<p>Grain traders said the closure had cost them a week of exports during the busiest part of the season.</p>
</article></body></html>"""
SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="1">
<DATE> 3-MAR-1987 09:15:05.40</DATE>
<TEXT><TITLE>GRAIN SHIPMENTS RISE</TITLE>
<BODY>Grain shipments from Canada rose in February, the board said.
 Exports to Japan doubled.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE> 3-MAR-1987 09:16:00.00</DATE>
<TEXT><TITLE>OIL PRICES STEADY</TITLE>
<BODY>Oil prices held steady in Saudi Arabia and Venezuela on Tuesday, traders said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def _jsonl_row(i: int) -> str:
    return json.dumps({"title": f"Story {i}", "text": f"Iran said on day {i} that the talks would resume.",
                       "publishedAt": f"2026-03-{i + 1:02d}"})


def _csv(rows: list[list[str]], delimiter: str) -> str:
    import csv
    import io

    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


CSV_ROWS = [
    ["title", "text", "date"],
    ["Tariffs rise", "Mexico said on Friday, after talks,\nthat the tariffs would rise.\n\nMore later.",
     "2026-06-01"],
    ["Sudan vote", "The UN Security Council voted on Sudan; Russia abstained.", "2026-06-02"],
    ["Arctic patrol", "Canada sent a ship north | Norway followed, \"for now\".", "2026-06-03"],
]


def bad_corpus(root: Path) -> dict[str, dict]:
    """Write the bad-input corpus under `root`; {relative path: what the report must say about it}.

    Each expectation has the status (or the statuses allowed), a fragment of the reason (None: no
    reason; a tuple: any of these), and for tables the rows written (`rows`) and the articles that must
    load (`articles`).
    """
    expected: dict[str, dict] = {}

    def add(name: str, content: str | bytes, status: str, reason: str | None = None, **more) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        expected[name] = {"status": status, "reason": reason, **more}

    # Good files, so the bad ones are seen among articles that load.
    add("good/courier_2026-06-02_grain.txt", PRESSREADER, "ok", articles=1)
    add("good/wire_2026-06-03_kharkiv.txt", PLAIN, "ok", articles=1)
    add("good/port.html", HTML, "ok", articles=1)
    add("good/reut2-000.sgm", SGML, "ok", articles=2)
    # Truncated files of every format.
    add("truncated/pressreader.txt", PRESSREADER[: len(PRESSREADER) // 2], "ok", articles=1)
    add("truncated/story.json", json.dumps({"title": "Cut", "text": "The story beg"})[:-8], "failed",
        "truncated JSON", rows=1, articles=0)
    add("truncated/feed.jsonl", "\n".join(_jsonl_row(i) for i in range(3)) + "\n" + _jsonl_row(3)[:30],
        "partial", "line 4: invalid JSON", rows=4, articles=3)
    add("truncated/table.csv", _csv(CSV_ROWS, ",").split("Norway")[0], "partial",
        "2 fields where the header has 3",
        rows=3, articles=2)
    add("truncated/page.html", HTML[: HTML.index("Grain traders") + 10], "ok", articles=1)
    add("truncated/reut2-001.sgm", SGML[: SGML.index("Oil prices") + 5], "ok", articles=2)
    add("truncated/utf8-cut.txt", "Headline\n\nCafé owners in Zürich said “no”.".encode()[:-2], "ok",
        articles=1)
    add("truncated/empty.txt", b"", ("skipped", "failed"), "empty file")
    # Mixed encodings: a UTF-8 file with one cp1252 paragraph (its text: test_mixed_encodings_...).
    add("encodings/mixed.txt", MIXED_UTF8_CP1252, "ok", articles=1)
    add("encodings/latin1.jsonl", "\n".join(_jsonl_row(i) for i in range(2)).replace("Iran", "Iràn").encode(
        "latin-1"), "ok", rows=2, articles=2)
    # CSV with embedded newlines and a wrong or unusual delimiter.
    add("csv/semicolon-in-csv.csv", _csv(CSV_ROWS, ";"), "ok", rows=3, articles=3)
    add("csv/tab-in-csv.csv", _csv(CSV_ROWS, "\t"), "ok", rows=3, articles=3)
    add("csv/pipe.csv", _csv(CSV_ROWS, "|"), "ok", rows=3, articles=3)
    add("csv/commas-in-tsv.tsv", _csv(CSV_ROWS, ","), "failed", "no text field")
    add("csv/ragged.csv", _csv([*CSV_ROWS, ["only title"], ["a", "b", "c", "d"]], ","), "partial",
        "1 fields where the header has 3", rows=5, articles=3)
    # JSON Lines: one broken line among good ones, blank lines, a non-object line.
    lines = [_jsonl_row(i) for i in range(6)]
    lines[3] = lines[3][:-5]
    add("jsonl/one-broken.jsonl", "\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n", "partial",
        "line 5: invalid JSON", rows=6, articles=5)
    add("jsonl/not-objects.jsonl", _jsonl_row(0) + "\n[1, 2]\nnull\n" + _jsonl_row(1) + "\n", "partial",
        "line 2: not an object", rows=4, articles=2)
    add("jsonl/no-text.jsonl", '{"title": "Only a title"}\n{"title": ""}\n', "failed", "no text field")
    # HTML with scripts and no article.
    add("html/scripts-only.html", "<html><head><script>var a = '<article>x</article>';</script></head>"
        "<body><script>document.write('news')</script><style>p { color: red }</style></body></html>",
        "failed", "no article text found")
    # PressReader exports missing their footer, their byline, or both.
    add("pressreader/no-footer.txt", PRESSREADER.replace(FOOTER, ""), "ok", articles=1)
    add("pressreader/no-byline.txt", PRESSREADER.replace(BYLINE, ""), "ok", articles=1)
    add("pressreader/neither.txt", PRESSREADER.replace(BYLINE, "").replace(FOOTER, ""), "ok", articles=1)
    add("pressreader/two-no-footer.txt", PRESSREADER.replace(FOOTER, "") + "\n\n" + PRESSREADER, "ok",
        articles=2)
    # Not articles at all.
    add("junk/binary.dat", bytes(range(256)) * 20, "failed", "not text")
    add("junk/README.md", "# notes", "skipped", "documentation")
    add("junk/.hidden.txt", PLAIN, "skipped", "hidden")
    # Symlink loops: a folder linking to itself, and two links pointing at each other.
    (root / "loops").mkdir()
    (root / "loops" / "self").symlink_to(root / "loops")
    expected["loops/self"] = {"status": "skipped", "reason": "already visited"}
    (root / "loops" / "a.txt").symlink_to(root / "loops" / "b.txt")
    (root / "loops" / "b.txt").symlink_to(root / "loops" / "a.txt")
    for name in ("loops/a.txt", "loops/b.txt"):
        expected[name] = {"status": "skipped", "reason": ("symlink", "symbolic link")}
    return expected


MIXED_UTF8_CP1252 = (
    b"Drone talks resume\n\n"
    + "Ministers met in Zürich on Monday — “progress”, one said.\n\n".encode()
    + "The café owner’s view: “no comment”.\n\n".encode("cp1252")
    + "Talks resume in Genève next week.\n".encode()
)


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def corpus_and_expected(tmp_path_factory, cache_folder):
    root = tmp_path_factory.mktemp("bad-corpus")
    expected = bad_corpus(root)
    corpus = wb.load(root, cache=cache_folder)
    return root, expected, corpus


def _by_name(root: Path, report: pd.DataFrame) -> dict[str, dict]:
    return {os.path.relpath(row["file"], root): row for row in report.to_dict("records")}


def test_every_input_file_has_one_report_row(corpus_and_expected):
    root, expected, corpus = corpus_and_expected
    rows = _by_name(root, corpus.report)
    assert len(corpus.report) == len(rows), "a file listed twice"
    assert set(rows) == set(expected)


def test_each_bad_file_gets_the_status_and_reason_it_deserves(corpus_and_expected):
    root, expected, corpus = corpus_and_expected
    rows = _by_name(root, corpus.report)
    wrong = {}
    for name, want in expected.items():
        got = rows[name]
        reason = None if got["reason"] is None or pd.isna(got["reason"]) else got["reason"]
        statuses = want["status"] if isinstance(want["status"], tuple) else (want["status"],)
        fragments = want["reason"] if isinstance(want["reason"], tuple) else (want["reason"],)
        if got["status"] not in statuses or (want["reason"] is None) != (reason is None) or (
                reason and not any(f in reason for f in fragments)):
            wrong[name] = (got["status"], reason, want["status"], want["reason"])
    assert not wrong, json.dumps(wrong, indent=1, default=str)


def test_rows_in_equal_articles_loaded_plus_rows_skipped(corpus_and_expected):
    """Every JSONL/CSV row written is an article or a skipped row; per file and in total."""
    root, expected, corpus = corpus_and_expected
    rows = _by_name(root, corpus.report)
    for name, want in expected.items():
        got = rows[name]
        if "rows" in want:
            assert got["n_rows"] == want["rows"], (name, got)
        if "articles" in want:
            assert got["n_articles"] == want["articles"], (name, got)
        assert got["n_articles"] + got["n_skipped"] == got["n_rows"], (name, got)
    report = corpus.report
    assert report["n_articles"].sum() + report["n_skipped"].sum() == report["n_rows"].sum()


def test_report_totals_match_the_frames(corpus_and_expected):
    root, _, corpus = corpus_and_expected
    per_file = corpus.articles.groupby(corpus.articles["source"].astype(str)).size()
    reported = corpus.report.set_index(corpus.report["file"].astype(str))["n_articles"]
    reported = reported[reported > 0]
    assert per_file.sort_index().to_dict() == reported.sort_index().to_dict()
    assert len(corpus.articles) == corpus.report["n_articles"].sum()


def test_summary_line_says_everything_is_accounted_for(corpus_and_expected):
    _, expected, corpus = corpus_and_expected
    line = summary_line(corpus.report)
    status = corpus.report["status"].value_counts()
    counts = ", ".join(f"{status.get(s, 0)} {s}" for s in ("ok", "partial", "failed", "skipped"))
    assert line.startswith(f"{len(expected)} files: {counts}; {len(corpus.articles)} articles loaded")
    assert line.endswith("all accounted for)")


def test_the_cache_gives_back_the_same_report_and_frames(corpus_and_expected, cache_folder):
    root, _, corpus = corpus_and_expected
    again = wb.load(root, cache=cache_folder)
    for name in ("report", "articles", "quotes", "mentions", "sentences"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(corpus, name), obj=name)
    files = wb.load(root, cache=False)  # and an uncached load agrees with both
    pd.testing.assert_frame_equal(files.report, corpus.report, obj="report")


def test_the_cli_reads_the_bad_corpus_and_reports_on_stderr(corpus_and_expected):
    root, expected, corpus = corpus_and_expected
    out = subprocess.run([sys.executable, "-m", "workbench", "extract", str(root), "--jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == len(corpus.articles)
    assert summary_line(corpus.report) in out.stderr


def test_the_analyst_verbs_work_on_the_bad_corpus(corpus_and_expected):
    """Counting, slicing and evidence over what the mess loaded: missing dates, empty texts, briefs."""
    from workbench.counting import DIMENSIONS

    _, _, corpus = corpus_and_expected
    for dimension in DIMENSIONS:
        assert corpus.counts(dimension) is not None
        assert corpus.counts(dimension, by="month") is not None
    assert len(corpus.kwic("Russia")) >= 1
    assert corpus.quotes_table() is not None
    assert len(corpus.filter(country="TUR")) >= 1
    for article_id in corpus.articles["article_id"]:
        assert corpus.article(article_id) is not None


def test_summary_line_flags_a_mismatch():
    report = pd.DataFrame([{"file": "a.jsonl", "format": "jsonl", "status": "partial", "reason": "line 2",
                            "n_articles": 3, "n_rows": 5, "n_skipped": 1}])
    assert summary_line(report).endswith("MISMATCH)")


def test_text_stays_text_in_every_frame(corpus_and_expected):
    """Offsets index the text; no lone surrogate, no NUL reaches a text column."""
    _, _, corpus = corpus_and_expected
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    for row in corpus.quotes.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    for row in corpus.mentions.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.surface
    for column in ("text", "headline", "publication", "metadata"):
        for value in corpus.articles[column].dropna():
            assert "\x00" not in value
            value.encode("utf-8")  # raises on a lone surrogate


def test_pressreader_without_footer_or_byline_keeps_its_fields(corpus_and_expected):
    root, _, corpus = corpus_and_expected
    arts = corpus.articles.assign(name=corpus.articles["source"].map(lambda s: os.path.relpath(s, root)))
    for name in ("pressreader/no-footer.txt", "pressreader/no-byline.txt", "pressreader/neither.txt"):
        [row] = arts[arts["name"] == name].to_dict("records")
        assert row["publication"] == "The Harbour Courier", name
        assert row["headline"] == "MINISTERS CLASH OVER GRAIN CORRIDOR", name
        assert row["text"].startswith("Foreign ministers from Turkey"), (name, row["text"][:80])
        assert "Newspapers in" not in row["text"]
        assert list(row["authors"]) == ([] if "byline" in name or name.endswith("neither.txt")
                                        else ["Lena Marsh", "Tomas Okafor"]), name
    two = arts[arts["name"] == "pressreader/two-no-footer.txt"]
    assert two["headline"].tolist() == ["MINISTERS CLASH OVER GRAIN CORRIDOR"] * 2


def test_jsonl_broken_line_reported_with_its_number_and_good_lines_loaded(corpus_and_expected):
    root, _, corpus = corpus_and_expected
    arts = corpus.articles[corpus.articles["source"].astype(str).str.endswith("one-broken.jsonl")]
    assert sorted(arts["headline"]) == ["Story 0", "Story 1", "Story 2", "Story 4", "Story 5"]
    rows = [json.loads(m)["row"] for m in arts["metadata"]]
    assert rows == [1, 2, 4, 6, 7]  # line numbers in the file (line 3 is blank, line 5 is broken)


def test_csv_embedded_newlines_survive_any_delimiter(corpus_and_expected):
    _, _, corpus = corpus_and_expected
    for name in ("semicolon-in-csv.csv", "tab-in-csv.csv", "pipe.csv"):
        arts = corpus.articles[corpus.articles["source"].astype(str).str.endswith(name)]
        assert arts["text"].tolist() == [row[1] for row in CSV_ROWS[1:]], name


# ------------------------------------------------------------------------ bugs found: reproducers

def test_a_json_key_with_a_lone_surrogate_does_not_crash_load(tmp_path):
    """JSON may escape a lone surrogate ("\\ud800"); as a field name it reached the Arrow frames."""
    (tmp_path / "a.json").write_text('[{"\\ud800": 1, "text": "Russia said no."}]', encoding="utf-8")
    corpus = wb.load(tmp_path, cache=False)
    assert len(corpus.articles) == 1 and corpus.articles["metadata"].iloc[0].encode("utf-8")


def test_a_file_name_that_is_not_utf8_does_not_crash_load(tmp_path):
    """A file named in Latin-1 (a Windows zip): os.fsdecode gives a lone surrogate in its path."""
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9_2026-01-01_talks.txt", "wb") as fh:
        fh.write(PLAIN.encode("utf-8"))
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    corpus = wb.load(tmp_path, cache=False)
    assert len(corpus.report) == 2 and len(corpus.articles) == 2
    assert all(str(f).encode("utf-8") for f in corpus.report["file"])


def test_mixed_encodings_in_one_file_keep_both_paragraphs_right(tmp_path):
    """A UTF-8 file with one cp1252 paragraph: the UTF-8 paragraphs must not turn into mojibake."""
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED_UTF8_CP1252)
    text = read_file(path).records[0]["text"]
    assert "Ministers met in Zürich on Monday — “progress”, one said." in text
    assert "Talks resume in Genève next week." in text
    assert "The café owner’s view: “no comment”." in text


def test_a_table_that_fails_whole_still_counts_its_rows(tmp_path):
    """A CSV without a text column fails as a file; its rows must still be counted (as skipped)."""
    path = tmp_path / "t.csv"
    path.write_text("title,date\nA,2020-01-01\nB,2020-01-02\nC,2020-01-03\n", encoding="utf-8")
    read = read_file(path)
    assert read.status == "failed" and "no text field" in read.reason
    assert (read.n_rows, read.n_skipped) == (3, 3)


@pytest.mark.parametrize("body", [
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>",
    "<div id='root'></div><noscript>You need to enable JavaScript to run this app.</noscript>",
], ids=["navigation-only", "noscript-banner"])
def test_a_page_with_scripts_and_no_article_is_not_an_article(tmp_path, body):
    """A saved page with scripts, a menu or a "enable JavaScript" banner and no article is no article."""
    path = tmp_path / "app.html"
    path.write_text(f"<html><head><script>boot()</script></head><body>{body}<script>x()</script></body></html>",
                    encoding="utf-8")
    read = read_file(path)
    assert read.status == "failed" and "no article text found" in read.reason, read.records


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.json"])
def test_a_first_row_without_text_does_not_fail_the_whole_file(tmp_path, name):
    """News APIs omit null fields: a brief with no body first must not lose the articles after it."""
    rows = [{"title": "Brief only"}] + [{"title": f"T{i}", "content": f"Iran said {i}."} for i in range(3)]
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) if name.endswith("l") else json.dumps(rows),
                    encoding="utf-8")
    read = read_file(path)
    assert [r["text"] for r in read.records if r["text"]] == ["Iran said 0.", "Iran said 1.", "Iran said 2."]
    assert read.n_rows == 4 and len(read.records) + read.n_skipped == 4, read.reason


def test_one_nul_byte_in_a_csv_cell_does_not_fail_the_whole_file(tmp_path):
    """A NUL in one cell (database exports) made the whole table "binary": every row was lost."""
    path = tmp_path / "export.csv"
    path.write_bytes(b"title,text\nA,Iran said no.\nB,with a \x00 byte\nC,Russia said yes.\n")
    read = read_file(path)
    assert read.n_rows == 3 and {"Iran said no.", "Russia said yes."} <= {r["text"] for r in read.records}, (
        read.status, read.reason)


def test_a_jsonl_string_row_is_reported_as_not_an_object(tmp_path):
    """A JSON string on a line was taken for the reader's own error message."""
    path = tmp_path / "s.jsonl"
    path.write_text(_jsonl_row(0) + '\n"Iran"\n', encoding="utf-8")
    read = read_file(path)
    assert read.status == "partial" and "line 2: not an object (str)" in read.reason, read.reason


# ------------------------------------------------------------------------------- extractor failure

def test_an_extractor_crash_keeps_the_articles_and_says_why(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(PLAIN, encoding="utf-8")

    def broken(articles, resources):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(sys.modules["workbench.load"], "annotate", broken)
    corpus = wb.load(tmp_path, cache=False)
    [row] = corpus.report.to_dict("records")
    assert row["status"] == "partial" and "annotation failed: RuntimeError: extractor bug" in row["reason"]
    assert len(corpus.articles) == 1 and corpus.quotes.empty


# ------------------------------------------------------------------------------------ many files

def test_three_thousand_tiny_files_load_with_one_report_row_each(tmp_path):
    """A folder of 3,000 tiny files (about 25 s on an idle 2-core machine: per-file frame overhead)."""
    n = 3000
    for i in range(n):
        (tmp_path / f"wire_2026-01-{i % 28 + 1:02d}_n{i:04d}.txt").write_text(
            f"Talks {i} resume\n\nIran said on Monday that talks {i} would resume.\n", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text(_jsonl_row(0) + "\n{\n", encoding="utf-8")
    corpus = wb.load(tmp_path, cache=False)
    assert len(corpus.report) == n + 1 and corpus.report["file"].is_unique
    assert len(corpus.articles) == n + 1 and corpus.articles["article_id"].is_unique
    assert summary_line(corpus.report) == (
        f"{n + 1} files: {n} ok, 1 partial, 0 failed, 0 skipped; {n + 1} articles loaded, 1 rows skipped "
        f"({n + 2} rows seen; all accounted for)")


# ------------------------------------------------------------------------------- 200 MB files

BIG = 200_000_000
_MEASURE = textwrap.dedent("""
    import json, resource, sys
    import workbench as wb
    from workbench.report import summary_line
    wb.load(sys.argv[2], cache=False)  # warm up: imports, gazetteer, lexicon, models
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    corpus = wb.load(sys.argv[1], cache=False)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_bytes": (after - before) * 1024, "report": corpus.report.to_dict("records"),
                      "summary": summary_line(corpus.report), "articles": len(corpus.articles)}, default=str))
""")


def _measure(path: Path, warm: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), str(warm)], capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    """A 200 MB plain-text file and a 200 MB JSON Lines file (one article every 1,000 lines, the rest
    broken lines), written in chunks, never held in memory; plus a tiny warm-up file."""
    root = tmp_path_factory.mktemp("big")
    (root / "warm.txt").write_text(PLAIN, encoding="utf-8")
    paragraph = ("Iran and Russia signed a drone deal on Monday, officials said. " * 30 + "\n\n").encode()
    with open(root / "big.txt", "wb") as fh:
        for _ in range(BIG // len(paragraph) + 1):
            fh.write(paragraph)
    good = (_jsonl_row(1) + "\n").encode()
    broken = (json.dumps({"title": "x", "text": "y" * 10_000})[:-3] + "\n").encode()
    n_lines = n_good = 0
    with open(root / "big.jsonl", "wb") as fh:
        written = 0
        while written < BIG:
            line = good if n_lines % 1000 == 0 else broken
            fh.write(line)
            written += len(line)
            n_lines += 1
            n_good += line is good
    yield root, n_lines, n_good
    for name in ("big.txt", "big.jsonl"):
        (root / name).unlink()


def test_a_200_mb_text_file_is_refused_without_reading_it(big_files):
    root, _, _ = big_files
    size = (root / "big.txt").stat().st_size
    result = _measure(root / "big.txt", root / "warm.txt")
    [row] = result["report"]
    assert row["status"] == "failed" and row["reason"].startswith("too large: 200 MB > 100 MB limit")
    assert result["growth_bytes"] < size * 0.05, result["growth_bytes"]


def test_a_200_mb_jsonl_file_is_streamed_in_bounded_memory(big_files):
    root, n_lines, n_good = big_files
    size = (root / "big.jsonl").stat().st_size
    result = _measure(root / "big.jsonl", root / "warm.txt")
    [row] = result["report"]
    assert (row["status"], row["n_rows"], row["n_articles"], row["n_skipped"]) == (
        "partial", n_lines, n_good, n_lines - n_good)
    assert result["summary"].endswith("all accounted for)")
    assert result["growth_bytes"] < size * 0.25, result["growth_bytes"]
