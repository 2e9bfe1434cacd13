"""Scenario and policy files: round trips, clear errors, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from model import (
    SAMPLE_NAMES,
    InputError,
    default_policy,
    load_policy,
    load_sample,
    load_scenario,
    save_scenario,
)
from model.io import atomic_write_text
from model.samples import sample_text


def test_every_sample_round_trips_through_a_file(tmp_path: Path):
    for name in SAMPLE_NAMES:
        path = tmp_path / f"{name}.json"
        save_scenario(load_sample(name), path)
        assert load_scenario(path) == load_sample(name)
        data = json.loads(path.read_text("utf-8"))
        assert data["format"] == "jiebei-sim/scenario@1"


def test_a_file_that_leaves_out_amounts_with_a_default_saves(tmp_path: Path):
    """An account without a limit or balance, an extension without a fee: the defaults
    (0) are written as whole numbers, as the file's own amounts are."""
    data = json.loads(sample_text("extension"))
    for account in data["accounts"]:
        account.pop("balance", None)
        account.pop("limit", None)
    for event in data["overdues"]:
        if event.get("extension"):
            event["extension"].pop("fee", None)
    source = tmp_path / "sparse.json"
    source.write_text(json.dumps(data), "utf-8")
    saved = tmp_path / "saved.json"
    save_scenario(load_scenario(source), saved)
    written = json.loads(saved.read_text("utf-8"))
    assert {a["balance"] for a in written["accounts"]} == {0}
    assert load_scenario(saved) == load_scenario(source)


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda d: d.update(colour="red"), "colour: unknown field"),
    (lambda d: d["overdues"][0].update(colour="red"), "overdues[0].colour: unknown field"),
    (lambda d: d["overdues"][0].update(due="2026-02-30"),
     "overdues[0].due: not a real date; use YYYY-MM-DD"),
    (lambda d: d["overdues"][0].update(amount=-1), "overdues[0].amount: must be more than 0"),
    (lambda d: d["overdues"][0].update(amount="lots"), "overdues[0].amount: must be a number"),
    (lambda d: d["overdues"][0].update(settled="2026-01-01"), "is before due"),
    (lambda d: d["overdues"][0].update(account="ghost"), "names account 'ghost'"),
    (lambda d: d["profile"].update(base_score=200), "profile.base_score: must be at least 350"),
    (lambda d: d.pop("profile"), "profile: required field is missing"),
    (lambda d: d.update(format="jiebei-sim/scenario@9"), "format"),
    (lambda d: d["accounts"].append(dict(d["accounts"][0])), "share the id 'fenqile'"),
])
def test_bad_scenarios_name_file_and_field(tmp_path: Path, mutate, expected):
    data = json.loads(json.dumps(load_sample("fenqile-settled").model_dump(mode="json")))
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


# Every date field of a scenario, each given a day that 2026-09-10 could replace.
DATE_FIELDS = [("as_of",), ("accounts", 0, "opened"), ("accounts", 0, "closed"),
               ("overdues", 0, "due"), ("overdues", 0, "settled"),
               ("overdues", 0, "extension", "agreed"), ("overdues", 0, "extension", "new_due")]
# What pydantic's lax dates once read as 2026-09-10 (a Unix time, a datetime) or refused
# in its own words (20260910): a file's dates are YYYY-MM-DD, and nothing else.
NOT_DAYS = [1788998400, "1788998400", 1788998400.0, "2026-09-10T00:00:00Z",
            "2026-09-10T00:00:00+08:00", 20260910, "20260910"]


def _every_date_given() -> dict:
    data = json.loads(json.dumps(load_sample("fenqile-settled").model_dump(mode="json")))
    data["accounts"][0].update(opened="2025-01-01", closed="2026-11-01")
    data["overdues"][0].update(due="2026-09-01", settled="2026-10-02",
                               extension={"agreed": "2026-08-30", "new_due": "2026-09-20"})
    return data


@pytest.mark.parametrize("value", NOT_DAYS, ids=repr)
@pytest.mark.parametrize("field", DATE_FIELDS, ids=lambda f: ".".join(map(str, f)))
def test_a_date_in_a_file_is_yyyy_mm_dd_and_nothing_else(tmp_path: Path, field, value):
    data = _every_date_given()
    path = tmp_path / "k.json"
    path.write_text(json.dumps(data), "utf-8")
    load_scenario(path)  # as given, every date is fine
    place = data
    for key in field[:-1]:
        place = place[key]
    place[field[-1]] = value
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError) as refused:
        load_scenario(path)
    where = field[0] if len(field) == 1 else f"{field[0]}[0].{'.'.join(field[2:])}"
    assert str(refused.value) == f"{path}: {where}: not a real date; use YYYY-MM-DD"
    [problem] = refused.value.problems  # worded by the front ends as a bad date
    assert (problem.where, problem.code) in {(where, "date_parsing"), (where, "date_type")}


@pytest.mark.parametrize(("value", "said"), [
    # Python reads 20260101 as a day; the other date fields never did.
    ("20260101", "must be true, false or a date (YYYY-MM-DD)"),
    # Once "must be true or false or 0001-01-01 is outside ...": a union's two members.
    ("0001-01-01", "0001-01-01 is outside the years 1990–2199 this simulator covers"),
    ("2026-02-30", "not a real date; use YYYY-MM-DD"),
])
def test_income_proof_is_true_false_or_a_day_and_a_bad_one_is_said_once(
        tmp_path: Path, value, said):
    data = json.loads(json.dumps(load_sample("fenqile-settled").model_dump(mode="json")))
    data["profile"]["income_proof"] = value
    path = tmp_path / "k.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError) as refused:
        load_scenario(path)
    assert str(refused.value) == f"{path}: profile.income_proof: {said}"
    assert [p.message for p in refused.value.problems] == [said]


def test_code_builds_days_from_dates_but_not_from_datetimes():
    from datetime import date, datetime

    from pydantic import ValidationError

    from model.scenario import OverdueEvent

    event = OverdueEvent(id="e1", account="f", amount=100, due=date(2026, 9, 10))
    assert event.due == date(2026, 9, 10)
    assert OverdueEvent.model_validate(event.model_dump()) == event
    # A datetime is a date too: its time (and zone) would be dropped without a word.
    with pytest.raises(ValidationError) as refused:
        OverdueEvent(id="e1", account="f", amount=100, due=datetime(2026, 9, 10))
    [error] = refused.value.errors()
    assert (error["loc"], error["msg"]) == (("due",), "not a real date; use YYYY-MM-DD")


def test_a_typed_day_is_ascii_digits():
    from model.scenario import read_day

    with pytest.raises(InputError) as refused:
        read_day("２０２６-11-29")  # full-width digits: not YYYY-MM-DD, not a wrong day
    assert [p.code for p in refused.value.problems] == ["not_a_date"]


@pytest.mark.parametrize(("key", "named"), [
    ("a[b", '"a[b"'),  # once left out: the path skipped any part with a [
    ("date", "date"),  # once left out: the name of a union's member in pydantic's words
    ("a\nb", '"a\\nb"'),  # once a line break in the message
])
@pytest.mark.parametrize("inside", [(), ("overdues", 0)], ids=["top", "event"])
def test_an_unknown_field_is_named_however_it_is_spelt(tmp_path: Path, key, named, inside):
    data = json.loads(json.dumps(load_sample("fenqile-settled").model_dump(mode="json")))
    place = data
    for part in inside:
        place = place[part]
    place[key] = 1
    path = tmp_path / "k.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError) as refused:
        load_scenario(path)
    where = f"overdues[0].{named}" if inside else named
    assert str(refused.value) == f"{path}: {where}: unknown field (not part of the format)"
    assert [p.where for p in refused.value.problems] == [where]


def test_unknown_product_is_named_against_the_policy(tmp_path: Path):
    data = load_sample("clean").model_dump(mode="json")
    data["accounts"][0]["product"] = "alipay-magic"
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError, match=r"accounts\[0\]\.product: unknown product"):
        load_scenario(path, default_policy())


def test_missing_and_malformed_files(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        load_scenario(tmp_path / "nope.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "jiebei-sim/scenario@1",', "utf-8")
    with pytest.raises(InputError, match="not valid JSON at line 1"):
        load_scenario(broken)


def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path: Path):
    fresh = tmp_path / "fresh.json"
    save_scenario(load_sample("clean"), fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    private = tmp_path / "private.json"
    private.write_text("{}", "utf-8")
    private.chmod(0o600)
    save_scenario(load_sample("clean"), private)
    assert private.stat().st_mode & 0o777 == 0o600


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch):
    target = tmp_path / "keep.json"
    target.write_text("old content", "utf-8")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write_text(target, "new content")
    assert target.read_text("utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]  # no temp file left


def test_policy_file_errors_name_the_file_and_parameter(tmp_path: Path):
    text = (Path(__file__).parents[2] / "model/policies/default.toml").read_text("utf-8")
    good = tmp_path / "good.toml"
    good.write_text(text.replace("value = 3, basis", "value = 5, basis", 1), "utf-8")
    assert load_policy(good).timing.grace_days.value == 5
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("value = 3, basis", "value = -3, basis", 1), "utf-8")
    with pytest.raises(InputError, match=r"bad\.toml: timing\.grace_days\.value"):
        load_policy(bad)
    typo = tmp_path / "typo.toml"
    typo.write_text(text.replace("grace_days =", "grace_dayz =", 1), "utf-8")
    with pytest.raises(InputError, match="grace_dayz: unknown field"):
        load_policy(typo)
    with pytest.raises(InputError, match="no such policy file"):
        load_policy(tmp_path / "missing.toml")


def test_a_tuned_policy_changes_the_answer(tmp_path: Path):
    from model import assess

    text = (Path(__file__).parents[2] / "model/policies/default.toml").read_text("utf-8")
    path = tmp_path / "lenient.toml"
    path.write_text(text.replace(
        'reopen_after_clean_months = { value = 6,', 'reopen_after_clean_months = { value = 1,'),
        "utf-8")
    s = load_sample("fenqile-settled")
    assert assess(s).jiebei.state == "reduced"
    assert assess(s, load_policy(path)).jiebei.state == "available"


def test_default_policy_labels_every_parameter(tmp_path: Path):
    """Every number is shown with its basis (the policy screen, each reason): a policy file
    that leaves a basis out, or gives one that is no label, is refused by name; and every
    parameter of the default policy, the products' and the extension's too, has its label
    where the reasons and the policy screen look it up."""
    from pydantic import BaseModel

    from model.policy import Param

    text = (Path(__file__).parents[2] / "model/policies/default.toml").read_text("utf-8")
    labelled = 'value = 3, basis = "folk", '
    assert labelled in text
    for label, problem in (("", "required field is missing"),
                           ('basis = "rumour", ', "Input should be 'documented'")):
        path = tmp_path / "unlabelled.toml"
        path.write_text(text.replace(labelled, f"value = 3, {label}", 1), "utf-8")
        with pytest.raises(InputError, match=rf"timing\.grace_days\.basis: {problem}"):
            load_policy(path)

    def params(node: object, dotted: str):  # every Param, found by walking the policy
        if isinstance(node, Param):
            yield dotted
        elif isinstance(node, BaseModel):
            for name, value in node:
                yield from params(value, f"{dotted}.{name}" if dotted else name)
        elif isinstance(node, tuple):
            for index, item in enumerate(node):
                yield from params(item, f"{dotted}.{getattr(item, 'id', index)}")

    policy = default_policy()
    every = set(params(policy, ""))
    assert {"timing.grace_days", "extension.days", "products.fenqile.reports_to_pboc"} <= every
    assert every == set(policy.bases)
    for dotted in every:
        assert policy.basis(dotted) is policy.bases[dotted], dotted


def test_branches_round_trip_through_one_file(tmp_path: Path):
    from model import SettleEvent
    from model.io import load_branches, save_branches

    unpaid = load_sample("fenqile-unsettled")
    settled = SettleEvent("e1").apply_to(unpaid, unpaid.as_of)
    path = tmp_path / "whatif.json"
    save_branches({"main": unpaid, "pay now": settled}, path)
    assert load_branches(path) == {"main": unpaid, "pay now": settled}
    assert load_scenario(path) == unpaid  # readers of scenario@1 see the first branch
    data = json.loads(path.read_text("utf-8"))
    assert data["branch"] == "main" and list(data["branches"]) == ["pay now"]
    data["branches"]["pay now"]["overdues"][0]["due"] = "2026-02-30"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError, match=r"branches\.pay now\.overdues\[0\]\.due"):
        load_branches(path)


def test_every_problem_in_a_branch_is_named_by_its_full_path():
    """Not only the first: a second problem in the same branch was said as if it were on
    the top-level scenario (``profile:`` for ``branches.b.profile``)."""
    from model.io import parse_branches

    data = json.loads(json.dumps(load_sample("clean").model_dump(mode="json")))
    data["branches"] = {"b": {"as_of": "x"}}
    with pytest.raises(InputError) as refused:
        parse_branches(data, source="mine.json")
    assert str(refused.value) == ("mine.json: branches.b.as_of: not a real date; use "
                                  "YYYY-MM-DD; branches.b.profile: required field is missing")
    assert [p.where for p in refused.value.problems] == ["branches.b.as_of",
                                                         "branches.b.profile"]


def test_a_single_scenario_file_has_no_branch_keys(tmp_path: Path):
    path = tmp_path / "one.json"
    save_scenario(load_sample("clean"), path)
    data = json.loads(path.read_text("utf-8"))
    assert "branch" not in data and "branches" not in data


def test_autosave_round_trip_and_an_unreadable_one_is_named_and_left_alone(tmp_path: Path):
    from model.autosave import clear_autosave, read_autosave, write_autosave

    path = tmp_path / "autosave.json"
    write_autosave(path, {"main": load_sample("clean")}, tmp_path / "mine.json")
    unsaved = read_autosave(path)
    assert unsaved is not None
    assert unsaved.branches == {"main": load_sample("clean")}
    assert unsaved.source == tmp_path / "mine.json"
    path.write_text("{ broken", "utf-8")
    with pytest.raises(InputError, match=r"autosave\.json: cannot be read"):
        read_autosave(path)
    assert path.read_text("utf-8") == "{ broken"  # not ours to overwrite or delete
    path.write_text('{"format": "jiebei-sim/autosave@9"}', "utf-8")
    with pytest.raises(InputError, match="not an autosave this version reads"):
        read_autosave(path)
    clear_autosave(path)
    clear_autosave(path)  # clearing twice is fine
    assert read_autosave(path) is None


def test_policy_parameters_can_be_changed_by_path_and_are_validated():
    from model.policy_edit import TUNABLE, param_value, policy_with

    policy = default_policy()
    for path in TUNABLE:
        assert policy_with(policy, {path: param_value(policy, path)}) == policy
    tuned = policy_with(policy, {"score.buckets.0.penalty.high": 60})
    assert tuned.score.buckets.value[0].penalty.high == 60
    with pytest.raises(InputError, match=r"buckets\.value\[0\]\.penalty: low \(99\) is above "
                       r"high \(50\)") as refused:
        policy_with(policy, {"score.buckets.0.penalty.low": 99})
    [problem] = refused.value.problems  # in no language: a code and the numbers
    assert (problem.code, dict(problem.values)) == ("range_reversed", {"low": "99", "high": "50"})
    with pytest.raises(InputError, match="no such parameter"):
        policy_with(policy, {"timing.nope": 1})
    with pytest.raises(InputError, match=r"timing\.grace_days\.value: must be at least 0"):
        policy_with(policy, {"timing.grace_days": -1})


def test_an_unreadable_autosave_is_set_aside_beside_itself_not_deleted(tmp_path: Path):
    from model.autosave import set_aside

    path = tmp_path / "autosave.json"
    path.write_text("{ broken", "utf-8")
    first = set_aside(path)
    path.write_text("{ broken again", "utf-8")
    second = set_aside(path)
    assert not path.exists()
    assert (first.name, second.name) == ("autosave-unreadable-1.json",
                                         "autosave-unreadable-2.json")
    assert first.read_text("utf-8") == "{ broken"
    assert second.read_text("utf-8") == "{ broken again"
