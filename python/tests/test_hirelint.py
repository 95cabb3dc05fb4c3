"""The Python package against the command line: the same findings on every fixture, errors
as exceptions with the file and position, and several Python threads at once.

The CLI is `$HIRELINT_BIN` (scripts/python-test.sh builds it), else `hirelint` on the PATH."""

import json
import os
import pathlib
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import hirelint

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
EXTENSIONS = {".md", ".markdown", ".html", ".htm", ".txt"}
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}


def fixture_paths():
    """Every fixture document, relative to the repository root, as the CLI shows it."""
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in FIXTURES.rglob("*")
        if p.is_file() and p.suffix.lower() in EXTENSIONS
    )


def read(path):
    """The text of a file as it is, CRLF line ends kept (`read_text` would change them)."""
    return (ROOT / path).read_bytes().decode("utf-8")


def cli():
    exe = os.environ.get("HIRELINT_BIN") or shutil.which("hirelint")
    if not exe:
        pytest.skip("no hirelint binary: set HIRELINT_BIN or run scripts/python-test.sh")
    return exe


def cli_json(*args):
    """Runs `hirelint check --format json` from the repository root; the parsed output."""
    out = subprocess.run(
        [cli(), "check", "--format", "json", "--fail-on", "never", "--no-progress", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def by_path(findings):
    grouped = {}
    for f in findings:
        grouped.setdefault(f["path"], []).append(f)
    return grouped


@pytest.fixture(scope="module")
def linter():
    return hirelint.Linter()


@pytest.fixture()
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def select_all(tmp_path_factory):
    """A configuration that runs every rule, opt-in ones too."""
    path = tmp_path_factory.mktemp("config") / "hirelint.toml"
    path.write_text('select = ["all"]\n', encoding="utf-8")
    return path


def test_there_are_fixtures():
    assert len(fixture_paths()) >= 40


@pytest.mark.parametrize("config", [False, True], ids=["default-rules", "select-all"])
def test_same_findings_as_the_cli_on_every_fixture(at_root, linter, select_all, config):
    paths = fixture_paths()
    if config:
        expected = cli_json("--config", str(select_all), *paths)
        lint = hirelint.Linter(config=select_all)
    else:
        expected = cli_json("--no-config", *paths)
        lint = linter
    assert expected["summary"]["files"] == len(paths)
    assert expected["summary"]["errors"] == []
    want = by_path(expected["findings"])
    assert want, "the fixtures have findings"
    total = 0
    for path in paths:
        got = lint.check_file(path)
        assert got == want.get(path, []), path
        # The same document given as text, with its format and name.
        text = read(path)
        fmt = FORMATS[pathlib.Path(path).suffix.lower()]
        assert lint.check(text, format=fmt, path=path) == got, path
        total += len(got)
    assert total == len(expected["findings"])


def test_finding_fields_are_those_of_the_json_output(linter):
    (f,) = [
        f
        for f in linter.check("## Requirements\n\n- You are a rockstar.\n")
        if f["matched"] == "rockstar"
    ]
    assert set(f) >= {
        "byte_end", "byte_start", "column", "end_column", "end_line", "family", "fix",
        "line", "matched", "message", "path", "rule", "severity", "suggestions", "why",
    }
    assert f["path"] == "<string>"
    assert (f["line"], f["column"]) == (3, 13)
    assert isinstance(f["suggestions"], list)


def test_kind_format_and_path(linter):
    html = "<h2>Requirements</h2><ul><li>You are a rockstar.</li></ul>"
    found = linter.check(html, format="html", kind="job-ad", path=pathlib.Path("ads/x.html"))
    assert found and all(f["path"] == "ads/x.html" for f in found)
    # The text as Markdown keeps the tags as HTML blocks; as plain text they are prose.
    assert isinstance(linter.check(html, format="text"), list)


def test_check_many_equals_check(at_root, linter):
    texts = [read(p) for p in fixture_paths() if p.endswith(".md")]
    one_by_one = [linter.check(t, path=str(i)) for i, t in enumerate(texts)]
    assert linter.check_many(texts) == one_by_one
    assert linter.check_many(iter(texts), threads=1) == one_by_one
    assert linter.check_many((t for t in texts * 20), threads=2) == [
        [dict(f, path=str(i)) for f in one_by_one[i % len(texts)]] for i in range(len(texts) * 20)
    ]
    assert linter.check_many([]) == []


def test_several_python_threads_at_once(at_root, linter):
    paths = fixture_paths()
    expected = {p: linter.check_file(p) for p in paths}

    def run(i):
        p = paths[i % len(paths)]
        return p, linter.check_file(p)

    with ThreadPoolExecutor(max_workers=8) as pool:
        for p, got in pool.map(run, range(len(paths) * 4)):
            assert got == expected[p], p
    # check_many from several threads at once, too.
    texts = [read(p) for p in paths if p.endswith(".md")]
    want = linter.check_many(texts, threads=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        for got in pool.map(lambda _: linter.check_many(texts, threads=2), range(4)):
            assert got == want


def test_check_many_releases_the_gil(linter):
    """Another Python thread runs while check_many works (within one chunk)."""
    text = read("fixtures/interviews/bad-generic-interview-script.md")
    texts = [text] * 200
    linter.check_many(texts[:2])  # warm up: automata built, patterns compiled
    window = {}
    ticks = []

    def work():
        window["start"] = time.perf_counter()
        linter.check_many(texts, threads=1)
        window["end"] = time.perf_counter()

    t = threading.Thread(target=work)
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    t.join()
    start, end = window["start"], window["end"]
    quarter = (end - start) / 4
    inside = [x for x in ticks if start + quarter < x < end - quarter]
    assert inside, f"no tick during the middle half of a {end - start:.3f} s call"


def test_rule_ids_and_repr(linter):
    assert "buzzword/hype-titles" in linter.rule_ids
    assert repr(linter).startswith("<hirelint.Linter with ")
    assert hirelint.__version__


def test_docstrings():
    for obj in (hirelint, hirelint.Linter, hirelint.Linter.check, hirelint.Linter.check_file,
                hirelint.Linter.check_many, hirelint.DocumentError):
        assert obj.__doc__ and obj.__doc__.strip(), obj


def test_type_stubs_are_installed():
    import importlib.util

    spec = importlib.util.find_spec("hirelint")
    folder = pathlib.Path(spec.origin).parent
    stubs = list(folder.glob("*.pyi")) + list(folder.parent.glob("hirelint*.pyi"))
    assert stubs, f"no .pyi next to {spec.origin}"


# Bad input raises.


def test_bad_arguments(linter):
    with pytest.raises(ValueError, match="unknown format `pdf`"):
        linter.check("x", format="pdf")
    with pytest.raises(ValueError, match="unknown document kind `cv`"):
        linter.check("x", kind="cv")
    with pytest.raises(TypeError):
        linter.check(b"bytes are not text")
    with pytest.raises(TypeError, match="item 1 is a int"):
        linter.check_many(["fine", 3])
    with pytest.raises(ValueError, match="threads"):
        linter.check_many(["x"], threads=0)
    with pytest.raises(TypeError):
        linter.check_many(42)


def test_missing_file(linter, tmp_path):
    missing = tmp_path / "nope.md"
    with pytest.raises(hirelint.DocumentError, match="no such file") as e:
        linter.check_file(missing)
    assert e.value.file == str(missing)
    assert isinstance(e.value, hirelint.HirelintError)
    with pytest.raises(hirelint.DocumentError, match="folder"):
        linter.check_file(tmp_path)


def test_file_not_utf8_names_the_position(linter, tmp_path):
    bad = tmp_path / "ad.md"
    bad.write_bytes(b"# Ad\n\nCaf\xe9 staff wanted\n")
    with pytest.raises(hirelint.DocumentError, match="not valid UTF-8") as e:
        linter.check_file(bad)
    assert (e.value.file, e.value.line, e.value.column) == (str(bad), 3, 4)


def test_binary_file(linter, tmp_path):
    binary = tmp_path / "x.md"
    binary.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(hirelint.DocumentError, match="binary"):
        linter.check_file(binary)


def test_broken_rule_file_names_the_file_and_position(tmp_path):
    family = tmp_path / "rules" / "buzzword"
    family.mkdir(parents=True)
    (family / "broken.toml").write_text('id = "buzzword/broken"\nkind = = "phrase"\n', encoding="utf-8")
    with pytest.raises(hirelint.RuleError) as e:
        hirelint.Linter(rules=tmp_path / "rules")
    assert e.value.file.endswith("broken.toml")
    assert e.value.line == 2
    assert e.value.column is not None
    assert "broken.toml:2:" in str(e.value)
    with pytest.raises(hirelint.RuleError, match="not a folder|cannot read"):
        hirelint.Linter(rules=[tmp_path / "no-such-folder"])


def test_broken_configuration_names_the_file_and_position(tmp_path):
    config = tmp_path / "hirelint.toml"
    config.write_text('select = ["buzzword"]\nfail-on = "sometimes"\n', encoding="utf-8")
    with pytest.raises(hirelint.ConfigError, match="fail-on") as e:
        hirelint.Linter(config=config)
    assert (e.value.file, e.value.line) == (str(config), 2)
    config.write_text("unknown-key = 1\n", encoding="utf-8")
    with pytest.raises(hirelint.ConfigError) as e:
        hirelint.Linter(config=str(config))
    assert e.value.line == 1
    config.write_text('select = ["no-such-family"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="no-such-family"):
        hirelint.Linter(config=config)
    # A misspelt [severity] key is refused as on the command line, with the rule it is near.
    config.write_text('[severity]\n"buzzword/hype-title" = "error"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="did you mean `buzzword/hype-titles`"):
        hirelint.Linter(config=config)
    with pytest.raises(hirelint.ConfigError, match="no such file"):
        hirelint.Linter(config=tmp_path / "missing.toml")


def test_configuration_applies(tmp_path):
    config = tmp_path / "hirelint.toml"
    config.write_text(
        'select = ["buzzword"]\nallow = ["rockstar"]\n[severity]\nbuzzword = "error"\n',
        encoding="utf-8",
    )
    lint = hirelint.Linter(config=config)
    assert lint.rule_ids and all(r.startswith("buzzword/") for r in lint.rule_ids)
    found = lint.check("## Requirements\n\n- You are a rockstar and a ninja.\n")
    assert [f["matched"] for f in found] == ["ninja"]
    assert found[0]["severity"] == "error"


def test_without_bundled_rules(tmp_path):
    lint = hirelint.Linter(bundled=False)
    assert lint.rule_ids == []
    assert lint.check("## Requirements\n\n- You are a rockstar.\n") == []
