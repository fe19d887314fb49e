"""The message catalogue: every string in both languages, same placeholders; Azerbaijani suffixes."""
from __future__ import annotations

import re

from analytics import i18n
from analytics.i18n import M, az_locative, az_ordinal


def test_every_message_in_both_languages_with_the_same_placeholders():
    for key, (az, en) in M.items():
        assert az.strip() and en.strip(), key
        fields_az = set(re.findall(r"{(\w+)}", az)) - {"goal_ord", "year_loc", "n_ord"}
        fields_en = set(re.findall(r"{(\w+)}", en))
        assert fields_az <= fields_en | {"goal", "year", "n"}, key
        assert fields_en <= fields_az | {"goal", "year", "n"} | set(re.findall(r"{(\w+)}", az)), key


def test_azerbaijani_number_suffixes():
    assert [az_ordinal(n) for n in (1, 3, 6, 9, 10, 40)] == ["1-ci", "3-cü", "6-cı", "9-cu", "10-cu", "40-cı"]
    assert [az_locative(y) for y in (2025, 2026, 2029, 2030)] == ["2025-də", "2026-da", "2029-da", "2030-da"]


def test_both_catalogue_files_carry_every_key_with_a_text():
    """A key missing from one PO file would silently show the other language: both files are complete."""
    az, en = i18n._read("az"), i18n._read("en")
    assert az.keys() == en.keys()
    assert len(az) > 400
    assert [k for k in az if not az[k].strip() or not en[k].strip()] == []
    assert az["nav.deadlines"] == "İcra müddətləri" and en["nav.deadlines"] == "Deadlines"
