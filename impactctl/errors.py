"""Expected failures share one base class; the CLI maps them to exit codes in one place."""

from __future__ import annotations


class ImpactError(Exception):
    """A usage or environment problem the user can fix (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class RepositoryNotFound(ImpactError):
    pass


class GitProblem(ImpactError):
    """Not a git repository, an unknown ref, or a history we cannot read."""


class ShallowClone(GitProblem):
    pass


class RefusedToOverwrite(ImpactError):
    pass


class ContentError(ImpactError):
    """The content itself is wrong in a way that stops a command (exit code 1)."""

    exit_code = 1
