"""Changing a policy's parameters live (the policy what-if screen), validated as a file is.

Parameters are named by their path in the policy file, e.g. ``timing.grace_days`` or
``score.buckets.0.penalty.low``; a change builds a new, validated ``Policy``.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from model.errors import InputError, describe_validation_error, problems_of
from model.policy import Policy

# The parameters the what-if screen offers, in the order it shows them.
TUNABLE = (
    "timing.grace_days",
    "timing.report_lag_days",
    "jiebei.reopen_after_clean_months",
    "jiebei.apply_min_score",
    "jiebei.reduce_below_base_points",
    "jiebei.frozen_unsettled_days",
    "report.lsll_consecutive",
    "report.lsll_cumulative",
    "report.lsll_window_months",
    "score.buckets.0.penalty.low",
    "score.buckets.0.penalty.high",
    "score.buckets.1.penalty.low",
    "score.buckets.1.penalty.high",
    "score.repeat_weight",
    "extension.days",
    "extension.fee_rate",
)


def _locate(data: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container holding a parameter's value, and its key there."""
    section, name, *rest = path.split(".")
    node: Any = data[section][name]["value"]
    if not rest:
        return data[section][name], "value"
    for part in rest[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = rest[-1]
    return node, int(last) if last.isdigit() else last


def param_value(policy: Policy, path: str) -> Any:
    container, key = _locate(policy.model_dump(mode="json"), path)
    return container[key]


def policy_with(policy: Policy, changes: dict[str, Any]) -> Policy:
    """A new policy with the given parameters changed; InputError names a bad one."""
    data = policy.model_dump(mode="json")
    for path, value in changes.items():
        try:
            container, key = _locate(data, path)
        except (KeyError, IndexError, ValueError):
            raise InputError(f"{path}: no such parameter") from None
        container[key] = value
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc), problems_of(exc)) from None
