"""The built-in scenarios: the source article's cases and a few more to compare with."""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import InputError
from model.io import load_scenario, parse_scenario
from model.scenario import Scenario

if TYPE_CHECKING:
    from model.policy import Policy

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


def resolve_scenario(ref: str, policy: Policy | None = None) -> Scenario:
    """What a person names on the command line: a path if one exists (or looks like one),
    else a built-in sample by name."""
    path = Path(ref)
    if path.exists() or os.sep in ref or ref.endswith(".json"):
        return load_scenario(path, policy)
    if ref in SAMPLE_NAMES:
        return load_sample(ref)
    raise InputError(
        f"{ref}: no such file, and no built-in sample by that name "
        f"(samples: {', '.join(SAMPLE_NAMES)})"
    )

