"""A tiny named registry for swappable parts (embedders, executors, stores, ...)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from storyloom.errors import UnknownChoiceError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str):
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def decorator(factory: Callable[..., T]) -> Callable[..., T]:
            self._factories[name] = factory
            return factory

        return decorator

    def names(self) -> list[str]:
        return sorted(self._factories)

    def create(self, name: str, **kwargs) -> T:
        if name not in self._factories:
            raise UnknownChoiceError(self.kind, name, self.names())
        return self._factories[name](**kwargs)
