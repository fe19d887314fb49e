"""Which language a page's chrome speaks, as a reader sees it in a browser: the texts drawn (text nodes of
visible elements drawn at a size above 0, and the ::before / ::after content ui/builtin_texts.py draws in their
place), input placeholders shown, the browser tab's title, and the aria labels a screen reader says. A word out
of place is an Azerbaijani word in English mode or an English word in Azerbaijani mode that no document wrote
(titles, names and notes are shown as written: their words are allowed in either mode)."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from analytics.i18n import LOCALE_DIR

# What is drawn: text of visible elements at a size above 0, pseudo-element content, shown placeholders.
SHOWN_TEXTS = r"""() => {
  const out = [];
  const pseudo = (el, which) => {
    const c = getComputedStyle(el, which).content;
    if (c && c !== 'none' && c !== 'normal' && c.startsWith('"')) out.push(c.slice(1, -1).replace(/\\(.)/g, '$1'));
  };
  const walk = (el) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || ['STYLE', 'SCRIPT', 'NOSCRIPT', 'IFRAME', 'svg']
        .includes(el.tagName) || cs.fontFamily.includes('Material Symbols')) return;  // an icon's name is no text
    pseudo(el, '::before'); pseudo(el, '::after');
    const drawn = parseFloat(cs.fontSize) > 0;
    for (const node of el.childNodes) {
      if (node.nodeType === 3 && drawn && node.textContent.trim()) out.push(node.textContent.trim());
      else if (node.nodeType === 1) walk(node);
    }
    if (el.tagName === 'INPUT' && el.placeholder && !el.value
        && getComputedStyle(el, '::placeholder').color !== 'rgba(0, 0, 0, 0)') out.push(el.placeholder);
  };
  walk(document.body);
  return out;
}"""
ARIA_LABELS = r"""() => [...document.querySelectorAll('[aria-label]')].filter(
  el => el.getBoundingClientRect().width > 0).map(el => el.getAttribute('aria-label'))"""

AZ_LETTERS = re.compile(r"[əğışçöüƏĞİŞÇÖÜ]")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Streamlit's own English, as it writes it (the frontend's texts, not in any catalogue of ours).
STREAMLIT_ENGLISH = ("Drag and drop file here", "Browse files", "per file", "Select all", "No results",
                     "Choose an option", "Choose options", "Page not found", "No options to select", "Running...",
                     "Press Enter to apply", "Clear all", "Show more", "Show less", "View more", "View less")

OWN_NAMES = {"english"}  # the language switch names each language in itself ("Azərbaycanca", "English")


def norm(word: str) -> str:
    return word.replace("İ", "i").replace("I", "ı").lower()


def _po_words(lang: str) -> set[str]:
    text = (LOCALE_DIR / f"{lang}.po").read_text(encoding="utf-8")
    strings = re.findall(r'^msgstr "(.*)"$', text, re.M)
    # placeholders ({n}, {title}) and plural forms' markup are not words a reader sees
    return {norm(w) for s in strings for w in WORD.findall(re.sub(r"\{[^{}]*\}", " ", s))}


def data_words(db: Path) -> set[str]:
    """Every word of every text the plan database holds (documents are shown as written)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = con.execute("SELECT table_name, column_name FROM information_schema.columns WHERE data_type = "
                           "'VARCHAR' AND table_schema = 'main'").fetchall()
        words: set[str] = set()
        for table, col in cols:
            for (text,) in con.execute(f'SELECT DISTINCT "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL').fetchall():
                words |= {norm(w) for w in WORD.findall(str(text))}
        return words
    finally:
        con.close()


class Judge:
    """Out-of-place words against the catalogues and the documents."""

    def __init__(self, db: Path) -> None:
        self.data = data_words(db)
        az, en = _po_words("az"), _po_words("en")
        # English words only the English catalogue (or Streamlit) says: in Azerbaijani mode they are a leak
        streamlit = {norm(w) for s in STREAMLIT_ENGLISH for w in WORD.findall(s)}
        self.english_only = {w for w in (en | streamlit) - az - self.data - OWN_NAMES
                             if len(w) > 2 and not AZ_LETTERS.search(w)}

    def azerbaijani_in_english(self, texts: list[str]) -> list[str]:
        return sorted({f"{w!r} in {t[:80]!r}" for t in texts for w in WORD.findall(t)
                       if AZ_LETTERS.search(w) and norm(w) not in self.data})

    def english_in_azerbaijani(self, texts: list[str]) -> list[str]:
        return sorted({f"{w!r} in {t[:80]!r}" for t in texts for w in WORD.findall(t)
                       if norm(w) in self.english_only})
