"""The Executor protocol and its registry."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, as_completed, wait
from functools import partial
from typing import Any, Protocol

from storyloom.engine.workers import limited_threads, prepare_worker
from storyloom.errors import MissingExtraError, UnknownChoiceError


class Executor(Protocol):
    name: str

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any],
            on_done: Callable[[int], None] | None = None) -> list[Any]:
        """Apply `fn` to each item, results in input order; `on_done(k)` is called as
        the first k results are in (for a progress bar)."""
        ...

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """One task that needs the whole batch (grouping): where it runs best."""
        ...

    def warm(self, load: Callable[[], Any]) -> None:
        """Have every worker run `load` (load its models) now, without waiting for it."""
        ...

    def close(self) -> None: ...


class LocalExecutor:
    """In-process, one item after another (BLAS threads limited as in a worker: see
    engine.workers; measured on the warm 1k-article digest: 43.6 -> 37.1 s)."""

    name = "local"

    def warm(self, load: Callable[[], Any]) -> None:
        pass  # models load in this process when first used

    def map(self, fn, items, on_done=None):
        out = []
        with limited_threads():
            for item in items:
                out.append(fn(item))
                _report(on_done, len(out))
        return out

    def run(self, fn, *args):
        with limited_threads():
            return fn(*args)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """A local process pool on all cores; each worker loads its models once."""

    name = "process"

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def warm(self, load: Callable[[], Any]) -> None:
        """Start the workers now, each running `load` (e.g. loading its models) while the
        caller goes on (e.g. reads the input): loading no longer waits for the first task."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                             initializer=partial(_prepare_and_load, load))
            for _ in range(self.workers):  # each submission forks one more worker
                self._pool.submit(_nothing)

    def map(self, fn, items, on_done=None):
        """`items` may be any iterable; one with a length (`Sized`) is read as the work
        goes, WINDOW_ROUNDS rounds per worker ahead, so that the caller can let go of
        each item once it is sent (run_stages' jobs: every analysed article of a story)."""
        total = len(items) if isinstance(items, Sized) else None
        if total is None:
            items = list(items)
            total = len(items)
        if total <= 1:
            out = [fn(item) for item in items]
            _report(on_done, len(out))
            return out
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=prepare_worker)
        # a few items per round trip: many small stories would otherwise cost one IPC each;
        # but ~32 rounds per worker, so that the last round leaves no worker idle for long
        # (8 rounds of ~60 stories left one worker waiting seconds at the end at 8k)
        chunksize = max(1, total // (self.workers * 32))
        ordered = _InOrder(on_done)
        running: dict = {}  # future -> its chunk's number
        for number, chunk in enumerate(_chunked(items, chunksize)):
            running[self._pool.submit(_apply, fn, chunk)] = number
            del chunk
            # refill as soon as any chunk is done (waiting for the oldest would leave a
            # worker idle behind a chunk of big stories)
            while len(running) >= self.workers * WINDOW_ROUNDS:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    ordered.add(running.pop(future), future.result())
        for future in as_completed(running):
            ordered.add(running[future], future.result())
        return ordered.out

    def run(self, fn, *args):
        # on the driver: its input is already here, a worker would need a copy
        return fn(*args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


# chunks submitted ahead of the results, per worker: enough that no worker waits for the
# next chunk, few enough that the items of the rest are not held (and sent) all at once
WINDOW_ROUNDS = 4


def _chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _apply(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(item) for item in chunk]


class _InOrder:
    """Chunk results as they come, given out in input order (progress counts the items
    given out)."""

    def __init__(self, on_done: Callable[[int], None] | None):
        self.out: list[Any] = []
        self._waiting: dict[int, list[Any]] = {}
        self._next = 0
        self._on_done = on_done

    def add(self, number: int, results: list[Any]) -> None:
        self._waiting[number] = results
        while self._next in self._waiting:
            for result in self._waiting.pop(self._next):
                self.out.append(result)
                _report(self._on_done, len(self.out))
            self._next += 1


def _report(on_done: Callable[[int], None] | None, done: int) -> None:
    if on_done is not None:
        on_done(done)


def _prepare_and_load(load: Callable[[], Any]) -> None:
    prepare_worker()
    load()


def _nothing() -> None:
    pass


class DaskExecutor:
    """Dask distributed: a LocalCluster (`dask`) or an existing scheduler (`dask://HOST:PORT`)."""

    name = "dask"

    def __init__(self, address: str | None = None, workers: int = 2):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # the optional extra is missing
            raise MissingExtraError("the Dask executor", "dask") from exc
        self._cluster = None
        if address:
            self._client = Client(address)
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self._client = Client(self._cluster)
        self._client.run(prepare_worker)  # workers present now; see engine.workers

    def warm(self, load: Callable[[], Any]) -> None:
        pass  # a worker loads its models with its first task (`run` can only wait for it)

    def map(self, fn, items, on_done=None):
        items = list(items)
        if not items:
            return []
        futures = self._client.map(fn, items, pure=False)
        if on_done is None:
            return self._client.gather(futures)
        out = []
        for future in futures:  # in input order
            out.append(future.result())
            on_done(len(out))
        return out

    def run(self, fn, *args):
        # on a worker: the client may be a thin machine outside the cluster
        return self._client.submit(fn, *args, pure=False).result()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


EXECUTOR_NAMES = ("auto", "local", "process", "dask", "dask://HOST:PORT")
# below this many articles a process pool costs more (model loading per worker) than it saves
AUTO_PROCESS_MIN_ARTICLES = 200


def resolve_auto(spec: str, n_articles: int) -> str:
    """`auto` is a process pool for batches worth it on a multi-core machine, else local."""
    if spec != "auto":
        return spec
    many_cores = (os.cpu_count() or 1) > 1
    return "process" if many_cores and n_articles >= AUTO_PROCESS_MIN_ARTICLES else "local"


def get_executor(spec: str) -> Executor:
    """`local`, `process`, `dask` (a local cluster) or `dask://HOST:PORT`
    (`auto` must be resolved first with `resolve_auto`; alone it means local)."""
    if spec == "auto":
        return LocalExecutor()
    if spec == "local":
        return LocalExecutor()
    if spec == "process":
        return ProcessExecutor()
    if spec == "dask":
        return DaskExecutor()
    if spec.startswith("dask://"):
        return DaskExecutor(address="tcp://" + spec[len("dask://"):])
    raise UnknownChoiceError("executor", spec, list(EXECUTOR_NAMES))
