"""The ``jiebei-sim`` command line, as a user meets it.

Most tests call ``tui.cli.main([...])`` in-process (fast); a few run the real module in a
subprocess (``python -m tui.cli``) to see exactly what reaches the terminal: the exit
status, stderr, and the absence of a traceback or of Textual/Rich in a quick command.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

import model
from model.reading import MAX_FILE_BYTES
from model.samples import sample_text
from tui.cli import main

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_POLICY = PROJECT / "model" / "policies" / "default.toml"

STATES = ("available", "reduced", "suspended", "closed", "frozen")
TIERS = ("poor", "fair", "good", "very_good", "excellent")
BASES = ("documented", "reported", "folk", "assumption")
# model/README.md §4: the monthly status codes of the PBOC report.
PBOC_CODES = set("N1234567*C/GDZB#")
MONTH_KEY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# What each built-in sample must show on its own as-of date (model/README.md §6).
EXPECTED_STATE = {
    "fenqile-settled": "reduced",
    "fenqile-unsettled": "suspended",
    "several-unsettled": "closed",
    "long-unpaid": "frozen",
    "extension": "available",
    "clean": "available",
    "many-small": "closed",
}

DISCLAIMER_EN = ("not affiliated", "predicts nothing")
DISCLAIMER_ZH = ("无关", "不预测")


# --------------------------------------------------------------------------- helpers


def assert_refused(result: tuple[int, str, str], path: Path, fragments: Any) -> None:
    """Exit 2, nothing on stdout, one error line naming the file and each fragment."""
    code, out, err = result
    assert code == 2
    assert out == ""
    line = one_error_line(err)
    assert str(path) in line
    for fragment in fragments:
        assert fragment in line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert err == ""
    return json.loads(out)


def cli(*argv: str, cwd: Path | None = None, code: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter, as a user's shell would."""
    env = {k: v for k, v in os.environ.items() if k != "JIEBEI_SIM_DEBUG"}
    env["PYTHONUTF8"] = "1"
    args = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tui.cli", *argv]
    return subprocess.run(args, cwd=cwd or PROJECT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def sample_data(name: str) -> dict[str, Any]:
    return json.loads(sample_text(name))


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def one_error_line(err: str) -> str:
    """stderr holds exactly one line, in the CLI's own voice, and no traceback."""
    assert "Traceback" not in err
    lines = err.strip("\n").splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
    assert lines[0].startswith("jiebei-sim:"), lines[0]
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- samples


def test_samples_lists_every_built_in_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "samples")
    assert code == 0
    assert err == ""
    listed = out.split()
    for name in model.SAMPLE_NAMES:
        assert name in listed, f"{name} missing from `jiebei-sim samples`"


@pytest.mark.parametrize("name", model.SAMPLE_NAMES)
def test_sample_prints_json_the_model_reads_back(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, err = run(capsys, "sample", name)
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["format"] == "jiebei-sim/scenario@1"
    scenario = model.parse_scenario(data, model.default_policy())
    assert scenario == model.load_sample(name)


def test_printed_sample_can_be_saved_and_assessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, text, _ = run(capsys, "sample", "long-unpaid")
    path = tmp_path / "long-unpaid.json"
    path.write_text(text, "utf-8")
    assert run_json(capsys, "assess", str(path), "--json")["jiebei"]["state"] == "frozen"


def test_unknown_sample_name_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "sample", "no-such-sample")
    assert code == 2
    assert out == ""
    line = one_error_line(err)
    assert "no-such-sample" in line
    assert "fenqile-settled" in line  # tells the user what does exist


# --------------------------------------------------------------------------- assess --json


@pytest.mark.parametrize("name", model.SAMPLE_NAMES)
def test_assess_json_has_the_keys_design_requires(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data = run_json(capsys, "assess", name, "--json")
    scenario = model.load_sample(name)

    assert data["as_of"] == scenario.as_of.isoformat()

    score = data["score"]
    assert score["tier"] in TIERS
    assert 350 <= score["low"] <= score["likely"] <= score["high"] <= 950

    jiebei = data["jiebei"]
    assert jiebei["state"] in STATES
    assert jiebei["base_limit"] == scenario.account("jiebei").limit
    assert 0 <= jiebei["limit"] <= jiebei["base_limit"]
    if jiebei["state"] in ("suspended", "closed", "frozen"):
        assert jiebei["limit"] == 0  # model/README.md §6: no usable limit in these states
    assert "reopens_on" in jiebei
    if jiebei["reopens_on"] is not None:
        assert date.fromisoformat(jiebei["reopens_on"]) > scenario.as_of
    assert jiebei["reasons"], "every state carries at least one reason"
    for reason in jiebei["reasons"]:
        assert reason["rule"] and isinstance(reason["rule"], str)
        assert reason["basis"] in BASES
        assert isinstance(reason["events"], list)
        assert set(reason["events"]) <= {e.id for e in scenario.overdues}
        assert reason["en"].strip() and reason["zh"].strip()

    assert [a["id"] for a in data["accounts"]] == [a.id for a in scenario.accounts]
    for account in data["accounts"]:
        assert isinstance(account["status"], str) and account["status"]
        assert isinstance(account["days_overdue"], int) and account["days_overdue"] >= 0
        assert account["pboc_code"] in PBOC_CODES

    event_ids = {e.id for e in scenario.overdues}
    for record in data["report"]:
        assert record["event"] in event_ids
        assert record["account"] == scenario.event(record["event"]).account
        assert all(MONTH_KEY.match(month) for month in record["codes"])
        assert set(record["codes"].values()) <= PBOC_CODES
        assert "purge_on" in record

    cost = data["cost"]
    assert cost["penalty_interest"] >= 0
    assert cost["fees"] >= 0


@pytest.mark.parametrize(("name", "state"), sorted(EXPECTED_STATE.items()))
def test_each_sample_gives_its_jiebei_state(
    capsys: pytest.CaptureFixture[str], name: str, state: str
) -> None:
    assert set(EXPECTED_STATE) == set(model.SAMPLE_NAMES)
    assert run_json(capsys, "assess", name, "--json")["jiebei"]["state"] == state


def test_settled_fenqile_overdue_matches_the_design_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(capsys, "assess", "fenqile-settled", "--json")
    jiebei = data["jiebei"]
    assert jiebei["base_limit"] == 30000
    assert 0 < jiebei["limit"] < 30000  # reduced: can borrow, limit cut
    assert jiebei["reopens_on"] == "2027-04-02"  # settled 2026-10-02 + 6 clean months
    assert any("e1" in r["events"] for r in jiebei["reasons"])
    assert data["score"]["likely"] < 700  # below the base score
    (record,) = data["report"]
    assert record["account"] == "fenqile"
    assert record["event"] == "e1"
    assert record["codes"] == {"2026-09": "1", "2026-10": "N"}
    # model/README.md §4: the overdue month keeps its 1; the account is still open, so N after
    assert data["report_grid"]["accounts"]["fenqile"].endswith("N1NN")
    assert record["purge_on"] == "2031-10-02"  # 5 years from the settlement day
    assert data["cost"]["penalty_interest"] == pytest.approx(13.2)
    assert data["cost"]["fees"] == 0


def test_unsettled_overdue_is_never_purged_and_counts_days(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(capsys, "assess", "fenqile-unsettled", "--json")
    fenqile = next(a for a in data["accounts"] if a["id"] == "fenqile")
    assert fenqile["status"] == "overdue"
    assert fenqile["days_overdue"] == (date(2026, 11, 29) - date(2026, 10, 15)).days
    assert fenqile["pboc_code"] == "2"  # 45 days: 31–60
    (record,) = data["report"]
    assert record["purge_on"] is None
    assert data["jiebei"]["limit"] == 0


def test_extension_fee_is_a_cost(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", "extension", "--json")
    assert data["cost"]["fees"] == 45
    assert data["cost"]["penalty_interest"] == 0


# --------------------------------------------------------------------------- --as-of


def test_as_of_changes_the_date_and_ages_an_unsettled_event(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = run_json(capsys, "assess", "fenqile-unsettled", "--json")
    later = run_json(capsys, "assess", "fenqile-unsettled", "--json", "--as-of", "2027-01-15")
    assert before["as_of"] == "2026-11-29"
    assert later["as_of"] == "2027-01-15"

    def fenqile(data: dict[str, Any]) -> dict[str, Any]:
        return next(a for a in data["accounts"] if a["id"] == "fenqile")

    assert fenqile(later)["days_overdue"] == (date(2027, 1, 15) - date(2026, 10, 15)).days
    assert fenqile(later)["days_overdue"] > fenqile(before)["days_overdue"]
    # 92 days unpaid: past the 90-day non-performing line, the account freezes.
    assert later["jiebei"]["state"] == "frozen"
    assert STATES.index(later["jiebei"]["state"]) > STATES.index(before["jiebei"]["state"])


def test_as_of_moves_the_start_of_a_projection(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "project", "clean", "--json", "--months", "2",
                    "--as-of", "2027-03-31")
    assert [m["date"] for m in data["months"]] == ["2027-03-31", "2027-04-30", "2027-05-31"]


# --------------------------------------------------------------------------- project


@pytest.mark.parametrize("name", ["fenqile-settled", "long-unpaid", "many-small"])
def test_project_json_gives_one_point_per_month(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data = run_json(capsys, "project", name, "--json", "--months", "6")
    months = data["months"]
    assert len(months) == 7  # month 0 (the as-of date) and six more
    days = [date.fromisoformat(m["date"]) for m in months]
    assert days[0] == model.load_sample(name).as_of
    assert days == sorted(set(days))
    assert all(27 <= (b - a).days <= 31 for a, b in pairwise(days))
    for m in months:
        score = m["score"]
        assert score["tier"] in TIERS
        assert 350 <= score["low"] <= score["likely"] <= score["high"] <= 950
        assert m["jiebei"]["state"] in STATES
        assert m["jiebei"]["limit"] >= 0
        if m["jiebei"]["state"] in ("suspended", "closed", "frozen"):
            assert m["jiebei"]["limit"] == 0


def test_project_month_zero_agrees_with_assess(capsys: pytest.CaptureFixture[str]) -> None:
    assessed = run_json(capsys, "assess", "fenqile-settled", "--json")
    first = run_json(capsys, "project", "fenqile-settled", "--json", "--months", "6")["months"][0]
    assert first["jiebei"]["state"] == assessed["jiebei"]["state"]
    assert first["jiebei"]["limit"] == assessed["jiebei"]["limit"]
    assert first["score"]["likely"] == assessed["score"]["likely"]


def test_projection_of_a_settled_overdue_recovers(capsys: pytest.CaptureFixture[str]) -> None:
    months = run_json(capsys, "project", "fenqile-settled", "--json", "--months", "12")["months"]
    likely = [m["score"]["likely"] for m in months]
    assert likely == sorted(likely)  # nothing new happens: the score never falls
    assert months[0]["jiebei"]["state"] == "reduced"
    assert months[-1]["jiebei"]["state"] == "available"


# --------------------------------------------------------------------------- text output


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "name", ["fenqile-settled", "fenqile-unsettled", "long-unpaid", "clean"]
)
def test_assess_text_shows_state_and_disclaimer(
    capsys: pytest.CaptureFixture[str], name: str, lang: str
) -> None:
    code, out, err = run(capsys, "assess", name, "--lang", lang)
    assert code == 0
    assert err == ""
    from tui.i18n import STATE_CHIP

    def called(state: str) -> str:  # the state as the report names it: in Chinese, its chip
        return state if lang == "en" else STATE_CHIP["zh"][state]

    state = EXPECTED_STATE[name]
    jiebei_line = next(line for line in out.splitlines()
                       if line.startswith("Jiebei" if lang == "en" else "借呗"))
    others = [s for s in STATES if s != state]
    assert re.search(rf"\b{called(state)}\b", jiebei_line, re.IGNORECASE), jiebei_line
    assert not any(re.search(rf"\b{called(s)}\b", jiebei_line, re.IGNORECASE) for s in others)
    phrases = DISCLAIMER_EN if lang == "en" else DISCLAIMER_ZH
    for phrase in phrases:
        assert phrase in out.lower()
    assert "{" not in out  # text, not JSON


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_project_text_shows_states_and_disclaimer(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code, out, err = run(capsys, "project", "fenqile-settled", "--lang", lang, "--months", "12")
    assert code == 0
    assert err == ""
    if lang == "en":
        assert re.search(r"\breduced\b", out) and re.search(r"\bavailable\b", out)
    else:  # in Chinese words: the chip's
        assert "降额 · " in out and "可借 · " in out and "reduced" not in out
    for phrase in DISCLAIMER_EN if lang == "en" else DISCLAIMER_ZH:
        assert phrase in out.lower()
    assert "2026-11-29" in out and "2027-11-29" in out


def test_text_language_follows_the_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    _, out, _ = run(capsys, "assess", "clean")
    assert all(p in out for p in DISCLAIMER_ZH)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    _, out, _ = run(capsys, "assess", "clean")
    assert all(p in out.lower() for p in DISCLAIMER_EN)


# --------------------------------------------------------------------------- files


def test_scenario_file_path_works(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = sample_data("fenqile-unsettled")
    data["name"] = "Paid at last"
    data["overdues"][0]["settled"] = "2026-11-20"
    path = write_json(tmp_path / "my scenario.json", data)

    result = run_json(capsys, "assess", str(path), "--json")
    assert result["jiebei"]["state"] == "reduced"  # settled: borrowing again, limit cut
    assert result["report"][0]["purge_on"] == "2031-11-20"

    code, out, _ = run(capsys, "assess", str(path), "--lang", "en")
    assert code == 0
    assert "Paid at last" in out


def test_relative_scenario_path_in_a_real_process(tmp_path: Path) -> None:
    write_json(tmp_path / "mine.json", sample_data("several-unsettled"))
    proc = cli("assess", "mine.json", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert json.loads(proc.stdout)["jiebei"]["state"] == "closed"


def test_policy_file_is_used(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # With a 30-day grace, a payment 22 days late is not an overdue at all.
    policy = policy_copy(tmp_path, r"^grace_days = \{ value = 3,", "grace_days = { value = 30,")
    data = run_json(capsys, "assess", "fenqile-settled", "--json", "--policy", str(policy))
    assert data["jiebei"]["state"] == "available"
    assert data["report"] == []
    assert data["score"]["likely"] == 700


# --------------------------------------------------------------------------- bad input


def _mutate(name: str, change: Any) -> Any:
    def build(tmp_path: Path) -> Path:
        data = sample_data(name)
        change(data)
        return write_json(tmp_path / "scenario.json", data)
    return build


def _text(text: str) -> Any:
    def build(tmp_path: Path) -> Path:
        path = tmp_path / "scenario.json"
        path.write_text(text, "utf-8")
        return path
    return build


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "does-not-exist.json"


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return change


def _fifo(tmp: Path) -> Path:
    """A named pipe that nobody writes to: reading it would wait for ever."""
    path = tmp / "pipe.json"
    os.mkfifo(path)
    return path


def _oversized(tmp: Path) -> Path:
    path = tmp / "huge.json"
    with path.open("wb") as handle:  # sparse: no disk, and no memory to build it
        handle.truncate(MAX_FILE_BYTES + 1)
    return path


BAD_SCENARIOS = {
    # printed as they are, these would clear the screen and retitle the window
    "escape-codes-in-the-name": (
        _mutate("fenqile-settled", _set(("name",), "x\x1b[2J\x1b]0;owned\x07")),
        ["name: must not hold control characters"]),
    "escape-codes-in-an-account-name": (
        _mutate("fenqile-settled", _set(("accounts", 0, "name"), "\x1b[31mred")),
        ["accounts[0].name: must not hold control characters"]),
    "account-name-too-long": (
        _mutate("fenqile-settled", _set(("accounts", 0, "name"), "x" * 61)),
        ["accounts[0].name", "at most 60 characters"]),
    "escape-codes-in-a-branch-name": (
        _mutate("fenqile-settled", _set(("branches",), {"\x1b[31mX": {
            "as_of": "2026-11-29", "profile": {"base_score": 700}}})),
        ['branches."\\u001b[31mX": a branch\'s name must not hold control characters']),
    # nobody writes to it: read as empty at once, not waited on
    "a-named-pipe": (_fifo, ["not valid JSON at line 1"]),
    "a-device": (lambda tmp: Path("/dev/zero"), ["/dev/zero", "far too large"]),
    "far-too-large": (_oversized, ["far too large", "over 16 MB"]),
    # id: (how to build the file, fragments the message must hold besides the path)
    "missing-file": (_missing, []),
    "malformed-json": (_text('{"format": "jiebei-sim/scenario@1", "as_of": '), ["JSON"]),
    "json-list": (_text("[]"), []),
    "unknown-top-level-field": (
        _mutate("fenqile-settled", _set(("colour",), "red")), ["colour"]),
    "unknown-event-field": (
        _mutate("fenqile-settled", _set(("overdues", 0, "colour"), "red")),
        ["overdues[0].colour"]),
    "unknown-field-with-a-bracket": (
        _mutate("fenqile-settled", _set(("a[b",), 1)), ['"a[b": unknown field']),
    "impossible-date": (
        _mutate("fenqile-settled", _set(("overdues", 0, "due"), "2026-02-30")),
        ["overdues[0].due"]),
    # A date is YYYY-MM-DD: not a Unix time nor a datetime (once read as 2026-09-10), nor
    # 20260910 (once refused in pydantic's words).
    "unix-time-due": (
        _mutate("fenqile-settled", _set(("overdues", 0, "due"), 1788998400)),
        ["overdues[0].due: not a real date; use YYYY-MM-DD"]),
    "datetime-as-of": (
        _mutate("fenqile-settled", _set(("as_of",), "2026-11-29T00:00:00+08:00")),
        ["as_of: not a real date; use YYYY-MM-DD"]),
    "compact-due": (
        _mutate("fenqile-settled", _set(("overdues", 0, "due"), "20260910")),
        ["overdues[0].due: not a real date; use YYYY-MM-DD"]),
    "settled-before-due": (
        _mutate("fenqile-settled", _set(("overdues", 0, "settled"), "2026-09-01")),
        ["overdues[0]", "settled"]),
    "unknown-account": (
        _mutate("fenqile-settled", _set(("overdues", 0, "account"), "ghost")),
        ["overdues[0]", "ghost"]),
    "unknown-product": (
        _mutate("fenqile-settled", _set(("accounts", 0, "product"), "alipay")),
        ["accounts[0].product", "alipay"]),
    "negative-amount": (
        _mutate("fenqile-settled", _set(("overdues", 0, "amount"), -5)),
        ["overdues[0].amount"]),
    "negative-balance": (
        _mutate("fenqile-settled", _set(("accounts", 0, "balance"), -1)),
        ["accounts[0].balance"]),
    "wrong-format": (
        _mutate("fenqile-settled", _set(("format",), "jiebei-sim/scenario@9")),
        ["format", "jiebei-sim/scenario@9"]),
    "jiebei-limit-out-of-range": (
        _mutate("fenqile-settled", _set(("accounts", 1, "limit"), 500)),
        ["accounts[1].limit"]),
    "duplicate-event-id": (
        _mutate("many-small", _set(("overdues", 1, "id"), "e1")), ["overdues", "e1"]),
    "missing-required-field": (
        _mutate("clean", lambda d: d.pop("profile")), ["profile"]),
    # issue 10: each of these once gave "internal error" or was silently guessed at
    "huge-integer": (
        _text(sample_text("fenqile-settled").replace('"amount": 1200', '"amount": '
                                                     + "9" * 5000)), ["number"]),
    "huge-integer-score": (
        _text(sample_text("fenqile-settled").replace('"base_score": 700', '"base_score": '
                                                     + "9" * 400)),
        ["profile.base_score", "at most 950"]),
    "nan-amount": (
        _text(sample_text("fenqile-settled").replace('"amount": 1200', '"amount": NaN')),
        ["overdues[0].amount", "must be a number"]),
    "infinite-limit": (
        _text(sample_text("fenqile-settled").replace('"limit": 20000', '"limit": Infinity')),
        ["accounts[0].limit", "must be a number"]),
    "amount-true": (
        _mutate("fenqile-settled", _set(("overdues", 0, "amount"), True)),
        ["overdues[0].amount", "must be a number"]),
    "income-proof-yes": (
        _mutate("fenqile-settled", _set(("profile", "income_proof"), "yes")),
        ["profile.income_proof:", "true, false or a date"]),
    "compact-income-proof": (
        _mutate("fenqile-settled", _set(("profile", "income_proof"), "20260101")),
        ["profile.income_proof: must be true, false or a date (YYYY-MM-DD)"]),
    "income-proof-year-1": (
        _mutate("fenqile-settled", _set(("profile", "income_proof"), "0001-01-01")),
        ["profile.income_proof: 0001-01-01 is outside the years 1990–2199"]),
    "too-many-events": (
        _mutate("fenqile-settled", lambda d: d.__setitem__("overdues", [
            {**d["overdues"][0], "id": f"e{i}"} for i in range(1001)])),
        ["at most 1,000 overdue events"]),
    "amount-over-the-cap": (
        _mutate("fenqile-settled", _set(("overdues", 0, "amount"), 2e8)),
        ["overdues[0].amount", "at most 100,000,000"]),
}


@pytest.mark.parametrize("case", ["income-proof-yes", "amount-over-the-cap"])
def test_messages_name_fields_as_users_see_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    """Not pydantic's union tags (``income_proof.bool``) nor its floats (``100000000.0``)."""
    build, _ = BAD_SCENARIOS[case]
    _, _, err = run(capsys, "assess", str(build(tmp_path)))
    assert ".bool" not in err and "function-after" not in err and "100000000.0" not in err


@pytest.mark.parametrize("command", ["assess", "project"])
@pytest.mark.parametrize("case", BAD_SCENARIOS)
def test_bad_scenario_is_one_line_naming_file_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, command: str
) -> None:
    build, fragments = BAD_SCENARIOS[case]
    path = build(tmp_path)
    assert_refused(run(capsys, command, str(path), "--json"), path, fragments)


@pytest.mark.parametrize("case", ["missing-file", "malformed-json", "impossible-date"])
def test_bad_scenario_in_a_real_process(tmp_path: Path, case: str) -> None:
    build, fragments = BAD_SCENARIOS[case]
    path = build(tmp_path)
    proc = cli("assess", str(path), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    line = one_error_line(proc.stderr)
    assert str(path) in line
    for fragment in fragments:
        assert fragment in line


def test_a_scenario_piped_in_is_read(tmp_path: Path) -> None:
    """``cat my.json | jiebei-sim assess /dev/stdin``: a pipe with a writer is read to its
    end, as a shell's ``<(...)`` is."""
    proc = subprocess.run([sys.executable, "-m", "tui.cli", "assess", "/dev/stdin", "--json"],
                          input=sample_text("fenqile-settled"), cwd=PROJECT,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["as_of"] == "2026-11-29"


def test_name_that_is_neither_file_nor_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", "fenqile-setled")
    assert code == 2
    assert out == ""
    assert "fenqile-setled" in one_error_line(err)


def test_impossible_as_of_date_is_refused() -> None:
    proc = cli("assess", "clean", "--as-of", "2026-13-01")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert "2026-13-01" in proc.stderr


@pytest.mark.parametrize(("lang", "typed", "message"), [
    ("en", "2026-02-30", "2026-02-30 is not a real date"),
    ("zh", "2026-02-30", "2026-02-30 不是真实存在的日期"),
    ("en", "soon", "'soon': not a date: use YYYY-MM-DD"),
    ("zh", "soon", "'soon':不是日期:格式为 YYYY-MM-DD"),
])
def test_a_bad_as_of_date_is_said_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], lang: str, typed: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["assess", "clean", "--lang", lang, "--as-of", typed])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_a_bad_file_is_explained_in_chinese_field_by_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = json.loads(sample_text("fenqile-settled"))
    bad["overdues"][0]["settled"] = "2026-09-01"
    bad["profile"]["base_score"] = 1000
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, out, err = run(capsys, "assess", str(path), "--lang", "zh")
    assert code == 2 and out == ""
    assert one_error_line(err) == (
        f"jiebei-sim: {path}:profile.base_score:不能超过 950;"
        "overdues[0].settled:结清日(2026-09-01)早于到期日(2026-09-10),不构成逾期")
    code, out, err = run(capsys, "assess", str(path), "--lang", "en")
    assert "overdues[0].settled: settled (2026-09-01) is before due (2026-09-10)" in err


@pytest.mark.parametrize(("case", "said"), [
    pytest.param("unix-time-due", "overdues[0].due:不是日期:格式为 YYYY-MM-DD,例如 2026-11-29",
                 id="unix-time-due"),
    pytest.param("income-proof-year-1",
                 "profile.income_proof:0001-01-01 超出本模拟器覆盖的年份(1990–2199)",
                 id="income-proof-year-1"),
    pytest.param("unknown-field-with-a-bracket", '"a[b":未知字段(不属于此格式)',
                 id="unknown-field-with-a-bracket"),
])
def test_file_problems_are_said_in_chinese_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, said: str
) -> None:
    build, _ = BAD_SCENARIOS[case]
    path = build(tmp_path)
    code, out, err = run(capsys, "assess", str(path), "--lang", "zh")
    assert (code, out) == (2, "")
    assert one_error_line(err) == f"jiebei-sim: {path}:{said}"


@pytest.mark.parametrize("value", ["-1", "abc", "241"])
def test_bad_months_is_refused(value: str) -> None:
    proc = cli("project", "clean", "--months", value)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert "--months" in proc.stderr


def policy_copy(tmp_path: Path, pattern: str, replacement: str) -> Path:
    text, count = re.subn(pattern, replacement, DEFAULT_POLICY.read_text("utf-8"),
                          count=1, flags=re.MULTILINE)
    assert count == 1, f"the default policy no longer has a line matching {pattern!r}"
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    return path


BAD_POLICIES = {
    "missing": (lambda tmp: tmp / "no-such-policy.toml", []),
    "a-named-pipe": (_fifo, ["required field is missing"]),
    "a-folder": (lambda tmp: tmp, ["is a folder, not a policy file"]),
    "escape-codes-in-a-label": (
        lambda tmp: policy_copy(tmp, r'en = "very good"', 'en = "very good\\\\u001b[31mRED"'),
        ["score.tiers.value[3].en", "must not hold control characters"]),
    "bad-value": (
        lambda tmp: policy_copy(tmp, r"^grace_days = \{ value = 3,", "grace_days = { value = -1,"),
        ["timing.grace_days"]),
    "unknown-key": (
        lambda tmp: policy_copy(tmp, r"^\[timing\]$", '[timing]\ngrace_period = 3'),
        ["timing.grace_period"]),
    "not-toml": (
        lambda tmp: policy_copy(tmp, r"^\[timing\]$", "[timing"), ["TOML"]),
    "bucket-missing-a-bound": (
        lambda tmp: policy_copy(tmp, r'\{ id = "M2", up_to_days = 60,', '{ id = "M2",'),
        ["bucket M2 needs up_to_days"]),
    "nan": (
        lambda tmp: policy_copy(tmp, r"repeat_weight = \{ value = 0\.6",
                                "repeat_weight = { value = nan"),
        ["score.repeat_weight", "must be a number"]),
    "inf": (
        lambda tmp: policy_copy(tmp, r"base_limit_max = \{ value = 300000",
                                "base_limit_max = { value = inf"),
        ["jiebei.base_limit_max", "must be a number"]),
    "huge-integer": (
        lambda tmp: policy_copy(tmp, r"^grace_days = \{ value = 3,",
                                "grace_days = { value = " + "9" * 5000 + ","), ["number"]),
    "boolean-for-a-number": (
        lambda tmp: policy_copy(tmp, r"^grace_days = \{ value = 3,",
                                "grace_days = { value = true,"),
        ["timing.grace_days", "whole number"]),
    "quoted-boolean": (
        lambda tmp: policy_copy(tmp, r'^ant = false', 'ant = "no"'),
        ["products[0].ant", "true or false"]),
    # more than 0, yet every limit divided by it overflowed ("internal error")
    "rounding-finer-than-a-fen": (
        lambda tmp: policy_copy(tmp, r"^limit_round_to = \{ value = 100,",
                                "limit_round_to = { value = 5e-324,"),
        ["jiebei.limit_round_to", "must be at least 0.01"]),
}


@pytest.mark.parametrize("case", BAD_POLICIES)
def test_bad_policy_file_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    build, fragments = BAD_POLICIES[case]
    path = build(tmp_path)
    result = run(capsys, "assess", "fenqile-settled", "--json", "--policy", str(path))
    assert_refused(result, path, fragments)


BAD_POLICIES_IN_CHINESE = {
    "missing": "没有这个规则文件",
    "not-toml": "不是有效的 TOML(第 ",
    "huge-integer": "不是有效的 TOML:数字长得不合常理",
    "bucket-missing-a-bound": "score.buckets:M2 档需要 up_to_days:只有最后一档没有上限",
    "limit-range-reversed": "jiebei:最低额度(400,000)不能高于最高额度(300,000)",
    "bucket-costs-less": "score.buckets:M2 档的扣分不能少于较轻的 M1 档",
    "bucket-reversed": "score.buckets.value[1].penalty:下限(95)高于上限(90)",
    "score-min-above-max": "score:score.min(960)须小于 score.max(950)",
}
CROSS_CHECKS = {
    "limit-range-reversed": (r"base_limit_min = \{ value = 1000,",
                             "base_limit_min = { value = 400000,"),
    "bucket-costs-less": (r"penalty = \[50, 90\]", "penalty = [10, 90]"),
    "bucket-reversed": (r"penalty = \[50, 90\]", "penalty = [95, 90]"),
    "score-min-above-max": (r"^min = \{ value = 350,", "min = { value = 960,"),
}


@pytest.mark.parametrize("case", BAD_POLICIES_IN_CHINESE)
def test_a_bad_policy_file_is_said_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    from tests.tui.helpers import english_words

    if case in CROSS_CHECKS:
        path = policy_copy(tmp_path, *CROSS_CHECKS[case])
    else:
        path = BAD_POLICIES[case][0](tmp_path)
    code, out, err = run(capsys, "assess", "fenqile-settled", "--policy", str(path),
                         "--lang", "zh")
    line = one_error_line(err)
    assert code == 2 and out == ""
    assert line.startswith(f"jiebei-sim: {path}:{BAD_POLICIES_IN_CHINESE[case]}"), line
    assert english_words(line.removeprefix(f"jiebei-sim: {path}"), "jiebei", "score") == [], line


@pytest.mark.parametrize(("change", "said"), [
    ({"format": "jiebei-sim/scenario@9"},
     "format:此版本无法读取格式 'jiebei-sim/scenario@9'(应为 jiebei-sim/scenario@1)"),
    ({"branches": {"main": {}}}, "branches.main:有两个分支同名"),
])
def test_a_file_of_the_wrong_shape_is_said_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: dict[str, Any], said: str
) -> None:
    path = write_json(tmp_path / "shape.json", {**sample_data("clean"), **change})
    code, out, err = run(capsys, "assess", str(path), "--lang", "zh")
    assert code == 2 and out == ""
    assert one_error_line(err) == f"jiebei-sim: {path}:{said}"


def test_each_problem_in_a_branch_names_the_branch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In English as the Chinese words already did: the second problem too."""
    path = write_json(tmp_path / "branch.json",
                      {**sample_data("clean"), "branches": {"b": {"as_of": "x"}}})
    code, out, err = run(capsys, "assess", str(path), "--lang", "en")
    assert code == 2 and out == ""
    assert one_error_line(err) == (f"jiebei-sim: {path}: branches.b.as_of: not a real date; "
                                   "use YYYY-MM-DD; branches.b.profile: required field is "
                                   "missing")


def test_a_sample_the_policy_cannot_read_is_said_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = policy_copy(tmp_path, r"base_limit_max = \{ value = 300000,",
                       "base_limit_max = { value = 1000,")
    code, out, err = run(capsys, "assess", "clean", "--policy", str(path), "--lang", "zh")
    assert code == 2 and out == ""
    assert "借呗额度 30,000 超出规则允许的范围(1,000–1,000 元)" in one_error_line(err)


def test_bad_policy_in_a_real_process(tmp_path: Path) -> None:
    path = policy_copy(tmp_path, r"^grace_days = \{ value = 3,", "grace_days = { value = -1,")
    proc = cli("project", "clean", "--policy", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    line = one_error_line(proc.stderr)
    assert str(path) in line
    assert "timing.grace_days" in line


# Bugs found while writing these tests: bad input that still ends in "internal error".


def test_deeply_nested_json_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _text("[" * 100_000 + "]" * 100_000)(tmp_path)
    code, _, err = run(capsys, "assess", str(path), "--json")
    assert code == 2
    assert str(path) in one_error_line(err)


def test_far_future_dates_do_not_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = sample_data("fenqile-settled")
    data["overdues"][0].update(due="9999-12-20", settled="9999-12-31")
    path = write_json(tmp_path / "far.json", data)
    code, _, err = run(capsys, "assess", str(path), "--json")
    assert code == 2
    assert "overdues[0].due" in one_error_line(err)


# --------------------------------------------------------------------------- start-up


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", "clean", "--json"],
        ["assess", "fenqile-settled", "--lang", "zh"],
        ["project", "long-unpaid", "--months", "3", "--lang", "en"],
        ["samples"],
        ["help"],
        ["help", "assess"],
        ["completion", "bash"],
    ],
    ids=["assess-json", "assess-text", "project-text", "samples", "help", "help-assess",
         "completion"],
)
def test_quick_commands_do_not_import_textual_or_rich(argv: list[str]) -> None:
    code = (
        "import sys, tui.cli\n"
        f"status = tui.cli.main({argv!r})\n"
        "assert status == 0, status\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not loaded, loaded\n"
    )
    proc = cli(code=code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()  # the command did print its answer


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["config"]],
                         ids=["version", "help", "config"])
def test_what_needs_no_scenario_does_not_import_the_model(argv: list[str]) -> None:
    """--version, --help and config answer at once: no pydantic, no model classes."""
    code = (
        "import sys, tui.cli\n"
        "try:\n"
        f"    status = tui.cli.main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    status = exit.code\n"
        "assert status == 0, status\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('model', 'pydantic'))\n"
        "assert not loaded, loaded\n"
    )
    proc = cli(code=code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


@pytest.mark.parametrize(("argv", "searches"), [([], False), (["demo"], False),
                                                (["assess", "fenqile-settled"], True)],
                         ids=["open", "demo", "assess"])
def test_opening_the_app_does_not_search_installed_packages_for_pydantic_plugins(
        argv: list[str], searches: bool) -> None:
    """A start reads the model's files, not every installed package's metadata: the app
    wants no pydantic plugin. A quick command is left as pydantic makes it (and shows that
    the search would happen)."""
    code = (
        "import importlib.metadata, textual.app, tui.cli\n"
        "groups = []\n"
        "real = importlib.metadata.entry_points\n"
        "def entry_points(**select):\n"
        "    groups.append(select.get('group'))\n"
        "    return real(**select)\n"
        "importlib.metadata.entry_points = entry_points\n"
        "textual.app.App.run = lambda self, **options: None  # no terminal here\n"
        f"assert tui.cli.main({argv!r}) == 0\n"
        "print('pydantic' in groups)\n"
    )
    proc = cli(code=code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-1] == str(searches)


def test_opening_the_app_with_a_missing_policy_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.toml"
    code, out, err = run(capsys, "fenqile-settled", "--policy", str(missing))
    assert code == 2 and out == ""
    assert str(missing) in one_error_line(err)


@pytest.mark.parametrize(("ending", "status"), [("quit", 0), ("crash", 1)])
def test_the_apps_exit_status_says_whether_it_ended_by_an_error(
        ending: str, status: int) -> None:
    """A script (or a room's server) reads the status: an app ended by a bug of ours is
    not a success. The app runs headless here; an error is raised inside it, as a bug in
    an action would be."""
    code = (
        "import sys\n"
        "from textual.app import App\n"
        "from tui.app import JiebeiApp\n"
        "from tui.cli import main\n"
        "def boom():\n"
        "    raise RuntimeError('a bug of ours')\n"
        "async def pilot(pilot):\n"
        "    await pilot.pause()\n"
        f"    pilot.app.call_next(pilot.app.exit if {ending!r} == 'quit' else boom)\n"
        "real = App.run\n"
        "JiebeiApp.run = lambda self, **options: real(self, headless=True, size=(120, 36),\n"
        "                                             auto_pilot=pilot)\n"
        "sys.exit(main(['fenqile-settled']))\n"
    )
    proc = cli(code=code)
    assert proc.returncode == status, proc.stderr
    assert "Traceback" not in proc.stderr
    if ending == "crash":  # one line, whole, even into a pipe 80 columns wide
        assert proc.stderr == ("jiebei-sim: internal error: RuntimeError: a bug of ours (set "
                               "JIEBEI_SIM_DEBUG=1 to see the traceback, and please report "
                               "it)\n")
    else:
        assert proc.stderr == ""


def test_the_command_list_is_the_parsers_and_each_command_runs_something() -> None:
    """COMMANDS (which decides whether the first word is a command) names exactly the
    parser's commands, each with its handler, and the app's --help lists them all."""
    import re as _re

    import tui.cli as cli_module

    listed = _re.findall(r"^    ([a-z]+)\b", cli_module.build_parser().format_help(), _re.M)
    assert set(listed) == set(cli_module.COMMANDS)
    for name in cli_module.COMMANDS:
        assert callable(getattr(cli_module, f"cmd_{name}"))
    assert all(name in cli_module._open_parser().format_help()
               for name in cli_module.COMMANDS)


# --------------------------------------------------------------------------- what users expect


def wide(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stdout.splitlines() if len(line) > 80]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_is_the_installed_packages(flag: str) -> None:
    from importlib.metadata import version

    proc = cli(flag)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"jiebei-sim {version('jiebei-sim')}"


def test_top_level_help_lists_each_command_and_examples_at_80_columns() -> None:
    import tui.cli as cli_module

    proc = cli_with_env({"COLUMNS": "80"}, "--help")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for name, command in cli_module.COMMANDS.items():
        assert re.search(rf"^  {name} +{re.escape(command.summary)}$", out, re.M), name
    assert "examples:" in out
    assert re.search(r"^  jiebei-sim assess \S+ +\S", out, re.M)
    assert "jiebei-\n" not in out and "-\nsim" not in out  # the name never breaks
    assert not wide(proc), wide(proc)


def cli_with_env(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "JIEBEI_SIM_DEBUG"}
    full.update(env, PYTHONUTF8="1")
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=PROJECT, env=full,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_help_with_no_command_is_the_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "help")
    assert code == 0 and err == ""
    assert out.startswith("usage: jiebei-sim")
    assert "examples:" in out and "completion" in out


def test_help_of_one_command_is_its_own_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "help", "project")
    assert code == 0
    assert out.startswith("usage: jiebei-sim project")
    assert "--months" in out
    assert "examples:" not in out


@pytest.mark.parametrize(("typed", "meant"),
                         [("asess", "assess"), ("projcet", "project"), ("smaples", "samples")])
def test_mistyped_command_suggests_the_right_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    typed: str, meant: str
) -> None:
    monkeypatch.chdir(tmp_path)  # no file of that name here
    code, out, err = run(capsys, typed, "x")
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert f"'{typed}' is not a command" in line
    assert f"Did you mean '{meant}'" in line  # the closest first
    assert "unrecognized arguments" not in err


def test_help_for_a_mistyped_command_suggests_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "help", "asess")
    assert code == 2 and out == ""
    assert "Did you mean 'assess'?" in one_error_line(err)


def test_a_file_named_like_a_typo_still_opens_the_app(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bare path opens the app, even one close to a command: `jiebei-sim asess` when
    ./asess exists is that file (here the missing policy stops it before the app starts)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "asess").write_text(sample_text("clean"), "utf-8")
    missing = tmp_path / "nope.toml"
    code, _, err = run(capsys, "asess", "--policy", str(missing))
    assert code == 2
    line = one_error_line(err)
    assert str(missing) in line and "not a command" not in line


def test_a_sample_name_is_not_taken_for_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    missing = "/no/such/policy.toml"
    code, _, err = run(capsys, "clean", "--policy", missing)
    assert code == 2
    assert missing in one_error_line(err) and "not a command" not in err


def test_bash_completion_is_valid_and_completes_the_commands(tmp_path: Path) -> None:
    import tui.cli as cli_module

    proc = cli("completion", "bash")
    assert proc.returncode == 0, proc.stderr
    script = tmp_path / "jiebei-sim.bash"
    script.write_text(proc.stdout, "utf-8")
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    # Sourced in a real bash, it registers itself and offers the commands at the first word.
    probe = (f"source {script}; complete -p jiebei-sim; "
             "COMP_WORDS=(jiebei-sim ''); COMP_CWORD=1; COMP_LINE='jiebei-sim '; "
             "COMP_POINT=11; _shtab_jiebei_sim jiebei-sim '' jiebei-sim; "
             'echo "${COMPREPLY[*]}"')
    shell = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert shell.returncode == 0, shell.stderr
    registered, offered = shell.stdout.strip().splitlines()
    assert registered.endswith(" jiebei-sim") and "-F" in registered
    assert set(offered.split()) == set(cli_module.COMMANDS)


@pytest.mark.parametrize(("shell", "marker"), [("zsh", "#compdef jiebei-sim"),
                                               ("fish", "complete -c jiebei-sim")])
def test_zsh_and_fish_completion_name_every_command(shell: str, marker: str) -> None:
    import shutil

    import tui.cli as cli_module

    proc = cli("completion", shell)
    assert proc.returncode == 0, proc.stderr
    assert marker in proc.stdout
    for name in cli_module.COMMANDS:
        assert re.search(rf"\b{name}\b", proc.stdout), name
    binary = shutil.which(shell)
    if binary:  # check the syntax where the shell is installed
        check = [binary, "-n"] if shell == "zsh" else [binary, "--no-execute"]
        assert subprocess.run([*check], input=proc.stdout, text=True).returncode == 0


def test_completion_for_an_unknown_shell_is_refused() -> None:
    proc = cli("completion", "powershell")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "bash" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("argv", "fmt"), [
    (("assess", "fenqile-unsettled", "--json"), "jiebei-sim/assessment@1"),
    (("project", "clean", "--json", "--months", "2"), "jiebei-sim/projection@1"),
])
def test_json_output_names_its_format(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], fmt: str
) -> None:
    assert run_json(capsys, *argv)["format"] == fmt


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_state_is_not_said_twice(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """Not `available · available`: the state's name, then what it means for the user;
    in Chinese, Chinese words only."""
    _, projected, _ = run(capsys, "project", "clean", "--months", "0", "--lang", lang)
    _, assessed, _ = run(capsys, "assess", "clean", "--lang", lang)
    for out in (projected, assessed):
        assert "available · available" not in out
        assert "available (available)" not in out
    if lang == "en":
        assert "available · you can borrow" in projected
        assert "available (you can borrow)" in assessed
    else:
        assert "可借 · 可以借款" in projected
        assert "可借(可以借款)" in assessed
        assert not re.search(r"\bavailable\b", projected + assessed)


def test_screenshots_names_each_file_as_it_is_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Not silent until the end: when a shot is being written, the one before it is named."""
    from tui import screenshots

    printed: list[str] = []  # what had reached stdout before each file was written
    real_write = screenshots.atomic_write_text

    def write(path: Path, text: str) -> None:
        printed.append(capsys.readouterr().out)
        real_write(path, text)

    monkeypatch.setattr(screenshots, "atomic_write_text", write)
    shots = screenshots.SHOTS[:2]
    assert screenshots.main(str(tmp_path), shots) == 0
    printed.append(capsys.readouterr().out)
    first, second = (tmp_path / f"{shot.name}.svg" for shot in shots)
    assert printed == ["", f"{first}\n", f"{second}\n2 screenshots written to {tmp_path}\n"]
    assert first.read_text("utf-8").startswith("<svg") and second.exists()


# --- config: where the user's files live ---------------------------------------------


@pytest.mark.parametrize(("lang", "title", "missing"),
                         [("en", "keeps its files here", "not yet"), ("zh", "保存在", "尚未创建")])
def test_config_names_each_file_where_it_lives(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                               lang: str, title: str, missing: str) -> None:
    for folder in ("CONFIG", "DATA", "STATE"):
        monkeypatch.setenv(f"XDG_{folder}_HOME", str(tmp_path / folder.lower()))
    (tmp_path / "config" / "jiebei-sim").mkdir(parents=True)
    (tmp_path / "config" / "jiebei-sim" / "config.toml").write_text('lang = "zh"\n')
    code, out, _ = run(capsys, "config", "--lang", lang)
    assert code == 0 and title in out.splitlines()[0]
    lines = out.splitlines()[1:]
    assert [next(w for w in line.split() if w.startswith("/")) for line in lines] == [
        str(tmp_path / "config/jiebei-sim/config.toml"),
        str(tmp_path / "config/jiebei-sim/keymap.toml"),
        str(tmp_path / "data/jiebei-sim/autosave.json"),
        str(tmp_path / "state/jiebei-sim/recent.json")]  # recent files: the state folder
    assert missing not in lines[0] and all(missing in line for line in lines[1:])


def test_theme_on_the_command_line_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.start

    seen: dict[str, object] = {}
    monkeypatch.setattr(tui.start, "run_app", lambda ref, **kw: seen.update(kw) or 0)
    assert main(["--theme", "light", "clean"]) == 0
    assert seen["theme"] == "light"
    assert main(["demo", "--theme", "terminal"]) == 0
    assert seen["theme"] == "terminal" and seen["tour"] is True


def test_the_text_follows_the_language_chosen_in_the_app(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "jiebei-sim").mkdir()
    (tmp_path / "jiebei-sim" / "config.toml").write_text('lang = "zh"\n', "utf-8")
    _, out, _ = run(capsys, "assess", "clean")
    assert out.splitlines()[0].endswith("截至 2026-11-29")
    _, out, _ = run(capsys, "assess", "clean", "--lang", "en")  # the command line wins
    assert "as of 2026-11-29" in out.splitlines()[0]


def test_the_projection_columns_line_up_whatever_the_states(
        capsys: pytest.CaptureFixture[str]) -> None:
    from tui.textwidth import cell_width

    for lang in ("en", "zh"):
        _, out, _ = run(capsys, "project", "fenqile-unsettled", "--months", "4", "--lang", lang)
        rows = [line for line in out.splitlines() if line[:4] == "2026" or line[:4] == "2027"]
        # the usable column ends in the same cell on every row
        ends = {cell_width(line.rsplit("  ", 1)[0].rstrip()) for line in rows}
        assert len(ends) == 1, (lang, rows)
