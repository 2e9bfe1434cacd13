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


def test_pydantics_own_problems_are_worded_in_chinese_from_their_values():
    """A problem without a code of ours (pydantic's) is still said in Chinese, with the
    bounds it quotes, never the model's English after 无效."""
    from datetime import date
    from enum import Enum
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

    from model.errors import problems_of
    from tests.tui.helpers import english_words

    class Kind(Enum):
        A, B = "a", "b"

    class Thing(BaseModel):
        model_config = ConfigDict(extra="forbid")
        needed: int
        whole: int
        number: float
        more: float = Field(gt=5)
        at_least: int = Field(ge=5)
        below: int = Field(lt=5)
        at_most: int = Field(le=950)
        text: str = Field(max_length=3)
        longer: str = Field(min_length=2)
        pattern: str = Field(pattern=r"^[a-z]+$")
        day: date
        flag: bool
        kind: Literal["poor", "fair", "good"]
        enum: Kind
        items: list[int] = Field(min_length=2, max_length=3)
        step: int = Field(multiple_of=5)
        checked: int

        @field_validator("checked")
        @classmethod
        def _checked(cls, value: int) -> int:
            raise ValueError("some English of a validator")

    with pytest.raises(ValidationError) as refused:
        Thing.model_validate({
            "whole": "lots", "number": "lots", "more": 1, "at_least": 1, "below": 9,
            "at_most": 999, "text": "four", "longer": "a", "pattern": "A1", "day": "soon",
            "flag": "perhaps", "kind": "great", "enum": "c", "items": [1], "step": 7,
            "checked": 1, "typo": 1})
    said = {p.code: i18n.problem_words(p, "zh") for p in problems_of(refused.value)}
    assert said == {
        "missing": "必填",
        "int_parsing": "须为整数",
        "float_parsing": "须为数字",
        "greater_than": "须大于 5",
        "greater_than_equal": "不能小于 5",
        "less_than": "须小于 5",
        "less_than_equal": "不能超过 950",
        "string_too_long": "最多 3 个字符",
        "string_too_short": "至少 2 个字符",
        "string_pattern_mismatch": "只能使用字母、数字、- 和 _",
        "date_from_datetime_parsing": "不是日期:格式为 YYYY-MM-DD,例如 2026-11-29",
        "bool_parsing": "须为 true 或 false",
        "literal_error": "须为 'poor'、'fair' 或 'good'",
        "enum": "须为 'a' 或 'b'",
        "too_short": "至少需要 2 项",
        "multiple_of": "须为 5 的倍数",
        "value_error": "值无效",
        "extra_forbidden": "未知字段(不属于此格式)",
    }
    for words in said.values():  # JSON's own words and the choices given are not English
        assert english_words(words, "true", "false", "poor", "fair", "good") == [], words
    assert i18n.problem_words(problems_of(refused.value)[0], "en") == "required"
