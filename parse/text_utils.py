"""Azerbaijani text helpers: case folding, tokens, and re-joining words that PDF extraction broke."""
from __future__ import annotations

import re
from collections.abc import Iterable

WORD_RE = re.compile(r"[^\s,;]+|,|;")
_STRIP = "“”\"'«».:()"


def az_lower(text: str) -> str:
    """Lower-case with Azerbaijani dotted/dotless i rules (İ→i, I→ı)."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def norm_token(token: str) -> str:
    return az_lower(token.strip(_STRIP))


def tokens(text: str) -> list[str]:
    """Words and separators (',' ';') in reading order."""
    return WORD_RE.findall(text)


def squash(text: str) -> str:
    """Collapse all whitespace to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def vocabulary(texts: Iterable[str]) -> set[str]:
    vocab: set[str] = set()
    for text in texts:
        vocab.update(norm_token(t) for t in text.split())
    return vocab


def join_broken(parts: list[str], vocab: set[str]) -> str:
    """Join text fragments (lines) into one string, re-joining words split over lines.

    "prorektorl" + "a" -> "prorektorla", "Dekanlıqla" + "r" -> "Dekanlıqlar",
    "elm-" + "təhsil" -> "elm-təhsil". A fragment joins its predecessor when it is a short
    lower-case piece that forms a word found elsewhere in the documents (or is one letter).
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        last = out.split()[-1]
        first = part.split()[0]
        alpha_first = first.rstrip(",.;)").isalpha() and first[:1].islower()
        if last.endswith("-") and len(last) > 1 and first[:1].islower():
            out += part
        elif (
            alpha_first
            and last[-1:].isalpha()
            and len(first.rstrip(",.;)")) <= 4
            and (len(first.rstrip(",.;)")) == 1 or norm_token(last + first) in vocab)
        ):
            out += part
        else:
            out += " " + part
    return squash(out)
