"""Domain exceptions. Only the CLI and the web layer turn them into exit codes / JSON."""


class StoryloomError(Exception):
    """Base class: a problem a user can act on."""


class InputError(StoryloomError):
    """An input (file, URL, stream) cannot be read or holds no usable article."""

    def __init__(self, input_name: str, problem: str):
        super().__init__(f"{input_name}: {problem}")
        self.input_name = input_name
        self.problem = problem


class NoArticlesError(StoryloomError):
    """Nothing usable was found in any of the inputs."""


class UnknownChoiceError(StoryloomError):
    """A name that is not in a registry; the message lists the valid ones."""

    def __init__(self, kind: str, name: str, choices: list[str]):
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(choices))}")
        self.kind, self.name, self.choices = kind, name, choices


class MissingExtraError(StoryloomError):
    """An optional backend's package is not installed."""

    def __init__(self, feature: str, extra: str):
        super().__init__(f"{feature} needs the optional extra: pip install 'storyloom[{extra}]'")


class StoreError(StoryloomError):
    """The store cannot be opened or written."""
