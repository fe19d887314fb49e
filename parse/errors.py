"""One error type for every problem with an input document."""
from __future__ import annotations


class LoadError(Exception):
    """A document could not be read: says which file, where, and what was expected."""

    def __init__(self, file: str, where: str, expected: str, found: str | None = None) -> None:
        self.file = file
        self.where = where
        self.expected = expected
        self.found = found
        msg = f"{file}: {where}: expected {expected}"
        if found is not None:
            msg += f", found {found!r}"
        super().__init__(msg)
