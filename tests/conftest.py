"""Shared test fixtures: paths to ../shared and a digest of the seeds computed once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# every CLI run in the tests is strict: an internal error inside one story's brief, which a
# user run reports and goes past (exit 3), fails the test instead of hiding a bug
os.environ["STORYLOOM_STRICT"] = "1"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
EXAMPLES = REPO / "examples"


def pytest_sessionstart(session) -> None:
    """CI sets STORYLOOM_REQUIRE_SHARED: there a missing ../shared fails the run instead of
    skipping every test that reads real data."""
    if os.environ.get("STORYLOOM_REQUIRE_SHARED") and not (SEEDS.is_dir() and DATA.is_dir()):
        pytest.exit(f"STORYLOOM_REQUIRE_SHARED is set and {SHARED} (seeds/, data/) is missing", returncode=4)


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require(SEEDS)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return require(DATA)


@pytest.fixture(scope="session")
def seeds_digest_json(seeds_dir) -> dict:
    """`storyloom digest ../shared/seeds --format json`, run once through the CLI code path."""
    import json

    from storyloom.pipeline import DigestOptions, digest_paths
    from storyloom.render.jsonout import render_json

    return json.loads(render_json(digest_paths([str(seeds_dir)], DigestOptions(strict=True))))


@pytest.fixture(scope="session")
def seed_members(seeds_dir):
    """The seed articles read and analysed once (in id order) for the consolidation tests."""
    from storyloom.analyze import analyze
    from storyloom.ingest import read_inputs

    articles, _ = read_inputs([str(seeds_dir)])
    return analyze(sorted(articles, key=lambda a: a.id))
