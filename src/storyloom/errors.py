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


class IncompleteError(StoryloomError):
    """The run finished and wrote its output, but some story briefs (or sections of
    them) could not be built; they are named in the warnings. Exit code 3."""

    def __init__(self, failures: int):
        super().__init__(f"completed with errors: {failures} brief section(s) could not be built "
                         "(see the warnings; --strict stops at the first one)")
        self.failures = failures


class SectionError(Exception):
    """An internal error while building one section of one story's brief, re-raised in
    strict mode with the story and section named (not a StoryloomError: it is a bug)."""

    def __init__(self, story: str, section: str, cause: BaseException):
        what = "the brief" if section == "story" else f"section {section}"
        super().__init__(f"story {story}, {what}: {type(cause).__name__}: {cause}")
        self.story, self.section = story, section
