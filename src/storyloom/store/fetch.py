"""HTTP fetching for ingest/watch: timeouts, retries with backoff, conditional GET
(ETag / Last-Modified remembered in the store's `feeds` table) and a per-host rate limit."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlparse

from storyloom.errors import InputError, MissingExtraError
from storyloom.store.base import FeedState, Store

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "storyloom/0.1 (+offline news consolidation)"


@dataclass
class Fetched:
    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    def __init__(self, store: Store, timeout: float = 10.0, retries: int = 3,
                 backoff: float = 0.5, host_interval: float = 1.0,
                 max_bytes: int = 5 * 1024 * 1024):
        try:
            import httpx
        except ImportError as exc:
            raise MissingExtraError("fetching URLs", "web") from exc
        self._httpx = httpx
        self.store = store
        self.retries, self.backoff = retries, backoff
        self.host_interval, self.max_bytes = host_interval, max_bytes
        self._client = httpx.Client(timeout=timeout, follow_redirects=True,
                                    headers={"User-Agent": USER_AGENT})
        self._last_hit: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlparse(url).netloc
        with self._lock:
            wait = self._last_hit.get(host, 0.0) + self.host_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_hit[host] = time.monotonic()

    def get(self, url: str, conditional: bool = True) -> Fetched:
        """GET with retries; raises InputError (and remembers the error) when it fails."""
        state = self.store.get_feed(url) if conditional else FeedState(url)
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            fetched = self._get_with_retries(url, headers)
        except InputError as exc:
            if conditional:
                with self.store.transaction():
                    self.store.put_feed(FeedState(url, state.etag, state.last_modified, None,
                                                  exc.problem))
            raise
        return fetched

    def remember(self, fetched: Fetched) -> None:
        """Store validators only after the content was processed, so a crash re-fetches."""
        with self.store.transaction():
            self.store.put_feed(FeedState(fetched.url, fetched.etag, fetched.last_modified,
                                          fetched.status, None))

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        httpx = self._httpx
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                response = self._client.get(url, headers=headers)
            except httpx.TimeoutException:
                problem = "timed out"
                continue
            except httpx.HTTPError as exc:
                problem = f"request failed: {exc}"
                continue
            if response.status_code in RETRY_STATUSES:
                problem = f"HTTP {response.status_code}"
                continue
            return self._checked(url, response)
        raise InputError(url, f"{problem} (after {self.retries + 1} tries)")

    def _checked(self, url: str, response) -> Fetched:
        if response.status_code == 304:
            return Fetched(url, 304)
        if response.status_code >= 400:
            raise InputError(url, f"HTTP {response.status_code}")
        if len(response.content) > self.max_bytes:
            raise InputError(url, f"larger than {self.max_bytes} bytes")
        return Fetched(url, response.status_code, response.content,
                       response.headers.get("content-type", ""), response.headers.get("etag"),
                       response.headers.get("last-modified"))
