"""The Chinese catalog is complete and compiled."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_has_a_chinese_translation_and_none_is_fuzzy():
    catalog = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_the_compiled_catalog_says_what_the_source_catalog_says():
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0, "")
        for entry in polib.pofile(str(LOCALE / "django.po"))
        if not entry.obsolete
    }
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0, "")
        for entry in polib.mofile(str(LOCALE / "django.mo"))
        if entry.msgid
    }
    stale = sorted(str(key) for key in source if compiled.get(key) != source[key])
    assert not stale, f"django.mo is older than django.po; run compilemessages. First: {stale[:5]}"
