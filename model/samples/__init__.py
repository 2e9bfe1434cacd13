"""The built-in scenarios: the source article's cases and a few more to compare with."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from model.errors import InputError
from model.io import parse_scenario
from model.scenario import Scenario

DEFAULT_SAMPLE = "fenqile-settled"

# Listed in the order a presenter would show them.
SAMPLE_NAMES = (
    "fenqile-settled",
    "fenqile-unsettled",
    "several-unsettled",
    "many-small",
    "long-unpaid",
    "extension",
    "clean",
)


def sample_text(name: str) -> str:
    if name not in SAMPLE_NAMES:
        raise InputError(
            f"no built-in sample named {name!r}; the samples are: {', '.join(SAMPLE_NAMES)}"
        )
    return resources.files("model.samples").joinpath(f"{name}.json").read_text("utf-8")


@cache
def load_sample(name: str) -> Scenario:
    return parse_scenario(json.loads(sample_text(name)), source=f"sample {name}")


def samples() -> dict[str, Scenario]:
    return {name: load_sample(name) for name in SAMPLE_NAMES}
