"""Safe configuration: YAML knowledge files are data, never code, and a bad one is refused clearly.

* Every YAML loader uses the safe loader: a hostile tag (``!!python/object/apply:os.system``) is refused
  with an error naming the file and the line, and nothing runs.
* A billion-laughs alias bomb is refused (or read) in bounded memory and time: measured in a
  subprocess with an address-space limit, so a regression cannot take the machine down.
* Wrong types (a number for a list, a mapping for a name) get an error naming the file and the line.
* No module of the package imports pickle (or its relatives) or calls ``yaml.load``/``unsafe_load``:
  a source scan, itself tested on a snippet that does both.
* Cache entries written by another version of the package are ignored, never read as this one's.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import workbench as wb
import workbench.cache as cache_module
import workbench.engines
from workbench.cache import LAYOUT
from workbench.extract.countries import load_gazetteer
from workbench.extract.quotes import load_cues
from workbench.extract.sentences import load_abbreviations
from workbench.extract.speakers import load_lexicon as load_speaker_lexicon
from workbench.extract.themes import load_lexicon

PACKAGE = Path(wb.__file__).resolve().parent
PWN = '!!python/object/apply:os.system ["touch {marker}"]'


def _bomb(levels: int) -> str:
    """A billion-laughs document: `levels` anchors, each nine aliases of the one before."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


GAZETTEER_OK = "countries:\n  FRA:\n    name: France\n    names: [France]\n    capitals: [Paris]\n"
ARTICLE = "Talks resume\n\nRussia and Iran said on Monday that talks would resume in Vienna.\n"
LEXICON_OK = "themes:\n  war:\n    label: War\n    terms: [war, fighting]\n"

# (loader name, loader, file content with {pwn} where a hostile value goes, line of the hostile value)
LOADERS = {
    "gazetteer": (load_gazetteer, "countries:\n  FRA: {pwn}\n", 2),
    "lexicon": (load_lexicon, "themes:\n  war: {pwn}\n", 2),
    "lexicon-scalar-tag": (load_lexicon, "themes:\n  war:\n    label: !!python/name:os.system\n"
                                         "    terms: [war]\n", 3),
    "abbreviations": (load_abbreviations, "abbreviations: {pwn}\n", 1),
    "cues": (lambda p: load_cues(p), "verbs: {pwn}\nphrases: {{}}\n", 1),
    "titles-organisations": (lambda p: load_speaker_lexicon(p, p), "titles: {pwn}\n", 1),
}


def _hostile_file(tmp_path, name: str, template: str):
    """A YAML file of loader `name` whose tag would create the returned marker file if it ran."""
    marker = tmp_path / "PWNED"
    path = tmp_path / f"{name}.yaml"
    path.write_text(template.format(pwn=PWN.format(marker=marker)), encoding="utf-8")
    return path, marker


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_hostile_tag_is_refused_naming_file_and_line_and_never_runs(tmp_path, name):
    loader, template, line = LOADERS[name]
    path, marker = _hostile_file(tmp_path, name, template)
    with pytest.raises(ValueError) as caught:
        loader(path)
    assert not marker.exists(), "the YAML tag ran a command"
    message = str(caught.value)
    assert str(path) in message and f"line {line}" in message, message


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_no_loader_runs_a_hostile_tag(tmp_path, name):
    """Whatever the loader says (or accepts), the command in the tag never runs."""
    loader, template, _ = LOADERS[name]
    path, marker = _hostile_file(tmp_path, name, template)
    with contextlib.suppress(Exception):  # any refusal will do here; the message is checked above
        loader(path)
    assert not marker.exists(), "the YAML tag ran a command"


def test_hostile_files_passed_to_load_are_refused_before_any_file_is_read(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(ARTICLE, encoding="utf-8")
    marker = tmp_path / "PWNED"
    bad = tmp_path / "gazetteer.yaml"
    bad.write_text(LOADERS["gazetteer"][1].format(pwn=PWN.format(marker=marker)), encoding="utf-8")
    with pytest.raises(ValueError, match="gazetteer.yaml, line 2"):
        wb.load(news, gazetteer=bad, cache=False)
    bad_lexicon = tmp_path / "themes.yaml"
    bad_lexicon.write_text(LOADERS["lexicon"][1].format(pwn=PWN.format(marker=marker)), encoding="utf-8")
    with pytest.raises(ValueError, match="themes.yaml, line 2"):
        wb.load(news, lexicon=bad_lexicon, cache=False)
    assert not marker.exists()


# ------------------------------------------------------------------------------- wrong types

@pytest.mark.parametrize("content, line", [
    (GAZETTEER_OK.replace("names: [France]", "names: France"), 4),
    (GAZETTEER_OK.replace("  FRA:\n", "  FRA: 12\n  DEU:\n"), 2),
    ("countries: [France, Germany]\n", 1),
    (GAZETTEER_OK + "guards: [1, 2]\n", 6),
    (GAZETTEER_OK + "guards:\n  ambiguous:\n    Georgia: 5\n", 8),
    (GAZETTEER_OK.replace("names: [France]", "names: [France, 42, {a: b}]"), 4),
], ids=["names-a-string", "entry-a-number", "countries-a-list", "guards-a-list", "ambiguous-a-number",
        "surfaces-not-strings"])
def test_a_gazetteer_of_the_wrong_shape_is_refused_naming_the_file(tmp_path, content, line):
    """(The line, too: see the next test.)"""
    path = tmp_path / "gazetteer.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load_gazetteer(path)
    message = str(caught.value)
    assert str(path) in message and "expected" in message, message


def test_a_gazetteer_shape_error_names_the_line(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text(GAZETTEER_OK.replace("names: [France]", "names: France"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"gazetteer\.yaml, line 4"):
        load_gazetteer(path)


@pytest.mark.parametrize("content, line", [
    (LEXICON_OK.replace("label: War", "label: [War]"), 2),
    (LEXICON_OK.replace("terms: [war, fighting]", "terms: war"), 4),
    (LEXICON_OK.replace("terms: [war, fighting]", "terms: [war, [fighting]]"), 4),
    ("themes: [war, peace]\n", 1),
    (LEXICON_OK + "decision:\n  threshold: lots\n", 6),
    ("themes:\n  war:\n    label: War\n    terms: [war]\n  war:\n    label: War\n    terms: [x]\n", 5),
    ("themes:\n  war:\n    label: War\n    terms: [war\n", 5),
    (b"themes:\n  war:\n    label: Caf\xe9\n    terms: [war]\n", None),
], ids=["label-a-list", "terms-a-string", "term-a-list", "themes-a-list", "threshold-a-word", "duplicate-id",
        "unclosed-list", "not-utf8"])
def test_a_lexicon_of_the_wrong_shape_is_refused_naming_file_and_line(tmp_path, content, line):
    path = tmp_path / "themes.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(ValueError) as caught:
        load_lexicon(path)
    message = str(caught.value)
    assert str(path) in message, message
    if line is not None:
        assert f"line {line}" in message, message


# -------------------------------------------------------------------------------- alias bombs

_BOMB_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from workbench.extract.countries import load_gazetteer
    from workbench.extract.themes import load_lexicon
    loader = {"gazetteer": load_gazetteer, "lexicon": load_lexicon}[sys.argv[1]]
    with open("/proc/self/status") as fh:
        vm = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize"))
    resource.setrlimit(resource.RLIMIT_AS, (vm + 1_500_000_000, vm + 1_500_000_000))
    start = time.monotonic()
    try:
        loader(sys.argv[2])
        outcome = "accepted"
    except MemoryError:
        outcome = "MemoryError"
    except ValueError as exc:
        outcome = "ValueError: " + str(exc)
    print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - start}))
""")


def _load_bomb(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _BOMB_CHILD, kind, str(path)], capture_output=True, text=True,
                         timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_an_alias_bomb_in_the_lexicon_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "themes.yaml"
    terms = "".join(f"      - {line.split(': ', 1)[1]}\n" for line in _bomb(9).splitlines())
    path.write_text(LEXICON_OK + "  bomb:\n    label: Bomb\n    terms:\n" + terms, encoding="utf-8")
    result = _load_bomb("lexicon", path)
    assert result["outcome"].startswith("ValueError: ") and str(path) in result["outcome"], result


def test_an_alias_bomb_in_the_gazetteer_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text(_bomb(8) + "countries:\n  FRA:\n    name: France\n    names: *l7\n", encoding="utf-8")
    result = _load_bomb("gazetteer", path)
    assert result["outcome"].startswith("ValueError: ") and str(path) in result["outcome"], result


# -------------------------------------------------------------------------------- source scan

_PICKLE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "shelve", "marshal", "joblib"}
_UNSAFE_YAML = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
_UNSAFE_LOADERS = {"Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader"}
_UNSAFE_CALLS = {"read_pickle", "to_pickle", "eval", "exec"}


def unsafe_uses(source: str, filename: str = "<source>") -> list[str]:
    """Lines of `source` that import a pickle-like module, call an unsafe YAML loader, or unpickle."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in _PICKLE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in _PICKLE_MODULES:
                found.append(f"{where}: from {node.module} import ...")
            if node.module == "yaml":
                found += [f"{where}: from yaml import {a.name}" for a in node.names
                          if a.name in _UNSAFE_YAML | _UNSAFE_LOADERS]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
            if node.attr in _UNSAFE_YAML | _UNSAFE_LOADERS:
                found.append(f"{where}: yaml.{node.attr}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", "")
            if name in _UNSAFE_CALLS:
                found.append(f"{where}: {name}()")
    return found


def test_the_source_scan_finds_what_it_looks_for():
    snippet = textwrap.dedent("""
        import pickle, os
        from yaml import load, safe_load
        import yaml
        data = yaml.load(text, Loader=yaml.Loader)
        other = yaml.unsafe_load(text)
        frame = pd.read_pickle(path)
        fine = yaml.safe_load(text)
    """)
    assert sorted(hit.split(": ", 1)[1] for hit in unsafe_uses(snippet)) == sorted([
        "import pickle", "from yaml import load", "yaml.load", "yaml.unsafe_load", "yaml.Loader",
        "read_pickle()"])


def test_no_module_imports_pickle_or_calls_an_unsafe_yaml_loader():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    found = [hit for path in files for hit in unsafe_uses(path.read_text(encoding="utf-8"),
                                                          str(path.relative_to(PACKAGE.parent)))]
    assert found == []


# -------------------------------------------------------------------- cache of another version


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(2):
        (folder / f"wire_2026-03-0{i + 1}_talks.txt").write_text(ARTICLE.replace("Monday", f"day {i}"),
                                                                  encoding="utf-8")
    return folder


@pytest.fixture
def annotated(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = workbench.engines.process_file

    def counting(path, *args, **kwargs):
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(workbench.engines, "process_file", counting)
    return calls


def _entries(store: Path) -> list[Path]:
    return [p for level in ("files", "corpora") for p in (store / LAYOUT / level).iterdir()
            if not p.name.startswith(".")]


def test_entries_whose_manifest_claims_another_layout_are_ignored(news, tmp_path, annotated):
    store = tmp_path / "cache"
    fresh = wb.load(news, cache=store)
    for entry in _entries(store):
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        (entry / "manifest.json").write_text(json.dumps({**manifest, "layout": "v0"}), encoding="utf-8")
    annotated.clear()
    again = wb.load(news, cache=store)
    assert sorted(annotated) == sorted(p.name for p in news.iterdir())
    assert again.articles["text"].tolist() == fresh.articles["text"].tolist()


def test_entries_written_by_other_package_code_are_not_reused(news, tmp_path, annotated, monkeypatch):
    store = tmp_path / "cache"
    wb.load(news, cache=store)
    real = cache_module.open_cache

    def other_code(*args, **kwargs):
        store = real(*args, **kwargs)
        return dataclasses.replace(store, code="another-version-of-the-code") if store else store

    monkeypatch.setattr(cache_module, "open_cache", other_code)
    annotated.clear()
    wb.load(news, cache=store)
    assert len(annotated) == 2


def test_an_old_layout_folder_is_left_alone_and_never_read(news, tmp_path, annotated):
    store = tmp_path / "cache"
    old = store / "v0" / "files" / "0123abcd"
    old.mkdir(parents=True)
    (old / "manifest.json").write_text('{"layout": "v0", "frames": {}}', encoding="utf-8")
    (old / "articles.pkl").write_bytes(b"\x80\x04K\x01.")  # a pickle: must never be loaded
    corpus = wb.load(news, cache=store)
    assert len(corpus.articles) == 2 and len(annotated) == 2
    assert (old / "articles.pkl").exists()
