"""Configuration and `--db` mistakes give a clear error and store nothing (#19)."""
from __future__ import annotations

import pytest

from storyloom.cli import main


def _run(argv, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    return exit_info.value.code, capsys.readouterr().err


@pytest.mark.parametrize("toml, message", [
    ('[watch]\nsources = "http://example.com/feed"\n',
     "watch.sources must be a list of feed URLs, page URLs or paths (strings), not str"),
    ('[watch]\nsources = ["feed.xml"]\ninterval = "soon"\n',
     "watch.interval must be a number of seconds, at least 0.1, not 'soon'"),
    ('[watch]\nsources = ["feed.xml"]\nintervall = 60\n',
     "unknown key watch.intervall; valid keys: sources, interval"),
    ("watch = 3\n", "[watch] must be a table"),
])
def test_watch_config_names_the_key_and_the_expected_type(tmp_path, capsys, toml, message):
    config = tmp_path / "storyloom.toml"
    config.write_text(toml)
    db = tmp_path / "w.db"
    code, err = _run(["watch", "--db", str(db), "--config", str(config), "--rounds", "1"], capsys)
    assert code == 2 and str(config) in err and message in err
    assert not db.exists()  # nothing read, nothing stored


def test_db_path_in_a_missing_directory_is_refused(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "dir" / "x.db"
    code, err = _run(["ingest", "examples", "--db", str(target), "-q"], capsys)
    assert code == 2 and "does not exist; create it first" in err
    assert not (tmp_path / "no").exists()


def test_unknown_db_scheme_is_refused_without_echoing_the_password(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, err = _run(["ingest", "examples", "--db", "mysql://user:secret@host/db", "-q"], capsys)
    assert code == 2 and "unknown database URL scheme" in err and "postgresql://" in err
    assert "secret" not in err and "user:***@host" in err
    assert list(tmp_path.iterdir()) == []  # no directory named "mysql:" invented


@pytest.mark.slow
def test_quarantine_lists_and_retries(tmp_path, capsys):
    """`storyloom quarantine` lists what was set aside and why; --retry ingests it again
    (fixed now: it joins the store)."""
    import json

    bad = tmp_path / "inputs" / "later.txt"
    bad.parent.mkdir()
    bad.write_text("")
    db = str(tmp_path / "q.db")
    code, _ = _run(["ingest", str(bad.parent), "examples", "--db", db, "-q", "--embedder", "hashing",
                    "--no-briefs"], capsys)
    assert code == 0
    with pytest.raises(SystemExit) as exit_info:
        main(["quarantine", "--db", db, "--json"])
    assert exit_info.value.code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["input"], r["reason"]) for r in rows] == [(str(bad), "empty file")]
    bad.write_text("Harbour reopens after the storm\n\nThe harbour reopened on Friday after "
                   "the storm damaged two piers, the port authority said in a statement.\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["quarantine", "--db", db, "--retry", "-q"])
    assert exit_info.value.code == 0 and "added 1" in capsys.readouterr().err


def test_remove_command_takes_an_article_out(tmp_path, capsys):
    db = str(tmp_path / "r.db")
    code, _ = _run(["ingest", "examples", "--db", db, "-q", "--embedder", "hashing", "--no-briefs"],
                   capsys)
    assert code == 0
    code, err = _run(["remove", "coastal-wire", "--db", db, "-q"], capsys)
    assert code == 0 and "removed 1" in err
    code, err = _run(["remove", "coastal-wire", "--db", db, "-q"], capsys)
    assert code == 2 and "coastal-wire" in err  # unknown now: named, nothing changed
