"""The one place a page run meets an unreachable shared store (PostgreSQL down, refused, timed out, the
connection lost): the person reads a sentence, never psycopg's error with the server's address or files.

app.py runs the account line and the page inside `store_guard`; a Save that fails there ends the run after
the editor was drawn, so the typed edit stays in the browser (nothing was written: a write is one transaction).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import streamlit as st

from analytics.i18n import t

UNREACHABLE = (psycopg.OperationalError, psycopg.InterfaceError)


def unreachable(exc: BaseException) -> bool:
    """The store could not be reached (as opposed to a refused or wrong write, which says why itself)."""
    return isinstance(exc, UNREACHABLE)


@contextmanager
def store_guard(lang: str) -> Iterator[None]:
    """Run the block; if the shared store cannot be reached, say so in one sentence and end the run there
    (what was drawn before stays, an editor with its typed edit included; nothing after it runs, so a
    sign-in gate that could not decide lets nothing through)."""
    try:
        yield
    except UNREACHABLE:
        st.error(t("err.store_down", lang), icon=":material/cloud_off:")
        st.stop()


# A folder in a message: "/srv/strategy/data/imported/" in "/srv/strategy/data/imported/x.xlsx: sheet 'plans'"
# (not the "//host/" of a web address). The file's own name stays: it says which file.
_FOLDER = re.compile(r"(?<![\w:/.~-])(?:~|\.{1,2})?(?:/[^/\s'\"<>|]+)+/")


def without_folders(text: object) -> str:
    """A refusal as people read it: server folders taken out, file names kept."""
    return _FOLDER.sub("", str(text))
