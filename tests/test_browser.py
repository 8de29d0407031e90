"""End to end in a real browser: ingest the seed articles, serve, follow a claim to its source."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,  # real embeddings + entities on the seeds, then a browser
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no /usr/bin/chromium"),
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    cli = [sys.executable, "-m", "storyloom"]
    subprocess.run([*cli, "ingest", str(SEEDS), "--db", str(db), "-q"], check=True, timeout=600)
    port = _free_port()
    proc = subprocess.Popen([*cli, "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_story_page_links_claims_to_highlighted_source_sentences(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(server + "/")
        page.locator("ol.stories a").first.click()
        assert page.locator("section#conflicts h2").is_visible()
        # a conflict's claim when the brief has one, else an agreed fact's
        link = page.locator("#conflicts a.src, #facts a.src").first
        href = link.get_attribute("href")
        assert href and "#s-" in href
        link.click()
        page.wait_for_url("**/articles/**")
        anchor = href.split("#", 1)[1]
        target = page.locator(f"[id='{anchor}']")
        assert target.count() == 1 and target.is_visible()
        mark = page.locator("mark:target")
        assert mark.count() == 1 and mark.inner_text().strip()
        background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        browser.close()


def _first_screen_shows_lead_and_dispute(page, lead: str, dispute: str) -> None:
    """The one-line summary and the first disputed point lie within the first screen."""
    height = page.evaluate("() => window.innerHeight")
    for selector in (lead, dispute):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] < height, selector
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1  # nothing wider than the screen


def test_first_screen_shows_summary_and_disputes(server, tmp_path):
    """Desktop (1280x900): the web story page, and a story of the HTML report, open on
    the lead and a dispute; on a 390-pixel phone both pages fit the screen's width. Screenshots are
    kept in the test's tmp folder for a person to look at."""
    from playwright.sync_api import sync_playwright

    report = tmp_path / "seeds.html"
    subprocess.run([sys.executable, "-m", "storyloom", "digest", str(SEEDS), "--format", "html",
                    "-o", str(report), "-q"], check=True, timeout=600)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width, height in ((1280, 900), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(server + "/")
            page.locator("ol.stories a").first.click()
            page.screenshot(path=str(tmp_path / f"story-{width}.png"))
            if width > 600:
                _first_screen_shows_lead_and_dispute(page, "p.lead", "#conflicts .conflict, #conflicts .empty")
            else:
                assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
            page.goto(report.as_uri())  # the story list first, then each story: open at it
            page.evaluate("() => document.querySelector('article.story').scrollIntoView()")
            page.screenshot(path=str(tmp_path / f"report-{width}.png"))
            if width > 600:
                _first_screen_shows_lead_and_dispute(page, "article.story p.lead",
                                                     "article.story section.conflicts, article.story .part")
            else:
                assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
            page.close()
        browser.close()


def test_a_page_on_another_origin_cannot_add_an_article(server, tmp_path):
    """A page the user visits elsewhere tries the two forgeries a browser allows: a
    no-cors text/plain POST and a JSON POST (preflighted); nothing is stored. A request
    naming a foreign Host (DNS rebinding) is refused."""
    import http.server
    import json
    import threading
    import urllib.error
    import urllib.request
    from functools import partial

    from playwright.sync_api import sync_playwright

    total = lambda: json.load(urllib.request.urlopen(server + "/api/stories"))["total"]  # noqa: E731
    before = total()
    article = json.dumps({"id": "forged", "title": "Forged", "text": "Injected words. " * 20})
    (tmp_path / "evil.html").write_text(f"""<!DOCTYPE html><html><body><script>
      const body = {json.dumps(article)};
      window.done = Promise.allSettled([
        fetch("{server}/api/articles", {{method: "POST", mode: "no-cors",
              headers: {{"content-type": "text/plain"}}, body}}),
        fetch("{server}/api/articles", {{method: "POST",
              headers: {{"content-type": "application/json"}}, body}}),
      ]).then(r => r.map(x => x.status));
    </script></body></html>""")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{evil.server_address[1]}/evil.html")
            page.evaluate("() => window.done")
            browser.close()
    finally:
        evil.shutdown()
    assert total() == before
    forged = urllib.request.Request(server + "/api/stories", headers={"Host": "evil.example"})
    try:
        urllib.request.urlopen(forged)
        raise AssertionError("a foreign Host was answered")
    except urllib.error.HTTPError as error:
        assert error.code == 421
