"""Every word the user reads exists in both languages, with the same blanks to fill in:
a string missing in Chinese, or one whose ``{placeholder}`` differs, is a bug a Chinese
user would meet."""

from __future__ import annotations

from string import Formatter

import pytest

from model.assessment import JiebeiState
from model.samples import SAMPLE_NAMES, load_sample
from tui import i18n
from tui.app import JiebeiApp
from tui.config import THEMES
from tui.main_screen import MainScreen

TABLES = {name: getattr(i18n, name) for name in (
    "STRINGS", "KEYS", "COMMANDS", "COMMAND_HELP", "ROOM", "STATUS", "BASIS", "BASIS_MEANING",
    "STATE_CHIP", "STATE_MEANING", "DISCLAIMER", "REMINDER", "SAMPLE_TITLES", "THEME_WORDS",
    "CONFIG")}


def blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("name", list(TABLES))
def test_both_languages_hold_the_same_words_with_the_same_blanks(name: str):
    table = TABLES[name]
    assert set(table) == set(i18n.LANGS), name
    en, zh = table["en"], table["zh"]
    if isinstance(en, str):  # one sentence per language
        assert blanks(en) == blanks(zh)
        return
    assert set(en) == set(zh), f"{name}: only in en {set(en) - set(zh)}, only in zh " \
                               f"{set(zh) - set(en)}"
    for key in en:
        assert en[key].strip() and zh[key].strip(), (name, key)
        assert blanks(en[key]) == blanks(zh[key]), (name, key)


def test_every_key_has_words_and_every_state_a_chip():
    bindings = [*MainScreen.BINDINGS, *JiebeiApp.BINDINGS]
    ids = {b.id for b in bindings}  # type: ignore[union-attr]
    assert ids == set(i18n.KEYS["en"])  # no key without words, no words without a key
    for lang in i18n.LANGS:
        assert set(i18n.STATE_CHIP[lang]) == {s.value for s in JiebeiState}
        assert set(i18n.STATE_MEANING[lang]) == {s.value for s in JiebeiState}
        for state in JiebeiState:  # beside the chip, words that say more than the chip
            chip = i18n.STATE_CHIP[lang][state.value].lower()
            assert chip not in i18n.STATE_MEANING[lang][state.value].lower(), state


def test_a_string_missing_in_one_language_is_an_error_not_english(
        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(i18n.STRINGS["en"], "only in english", "English only")
    assert i18n.tr("en", "only in english") == "English only"
    with pytest.raises(KeyError):
        i18n.tr("zh", "only in english")  # never English on a Chinese screen


def test_every_sample_and_theme_has_a_name_in_both_languages():
    from tui.tour import TOUR_NAME

    names = {load_sample(sample).name for sample in SAMPLE_NAMES} | {TOUR_NAME}
    assert set(i18n.SAMPLE_TITLES["en"]) == names
    assert all(i18n.SAMPLE_TITLES["en"][n] == n for n in names)  # the file's own, in English
    assert set(i18n.THEME_WORDS["en"]) == set(THEMES)
    assert i18n.scenario_title("My own plan", "zh") == "My own plan"  # a user's: as typed
