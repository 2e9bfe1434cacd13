"""The policy: every number the engine uses, each labelled with its basis.

The policy lives in a TOML file (``model/policies/default.toml``); this module only
describes its shape and validates it. The aim is that code holds no domain number of its
own (model/README.md §10). Known exceptions: the Zhima range is also
``model.scenario.BASE_SCORE_RANGE`` (a scenario is validated without a policy; the
profile form and its hints read it there), so a policy with another ``score.min`` or
``score.max`` does not move it; and ``model.explain``'s texts say "3 months" where
``score.applications_months`` is meant.
"""

from __future__ import annotations

import re
import tomllib
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

from model.errors import refuse
from model.scenario import CONTROL_CHARACTERS, has_control_characters

POLICY_FORMAT: Final = "jiebei-sim/policy@1"

T = TypeVar("T")


class Basis(StrEnum):
    """How far a parameter or a conclusion can be trusted (model/README.md §2)."""

    DOCUMENTED = "documented"
    REPORTED = "reported"
    FOLK = "folk"
    ASSUMPTION = "assumption"


class _Frozen(BaseModel):
    # defer_build: the policy's ~40 classes (with every Param[...]) get their validators
    # built once, inside Policy's, when a policy is first read, not one by one at import.
    # No inf or nan: TOML can write them, and no rule means anything with them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True,
                              allow_inf_nan=False)


class Param(_Frozen, Generic[T]):
    """One parameter: its value, where it comes from, and a short note."""

    value: T
    basis: Basis
    note: str = ""


# Strict: TOML has real booleans and numbers, so ``true`` is never read as 1 and a
# quoted "3" is a mistake worth naming. Whole numbers still count as floats.
NonNegInt = Annotated[int, Field(ge=0, le=100_000, strict=True)]
PosInt = Annotated[int, Field(ge=1, le=100_000, strict=True)]
Share = Annotated[float, Field(ge=0, le=1, strict=True)]
Points = Annotated[float, Field(ge=0, le=600, strict=True)]
DailyRate = Annotated[float, Field(ge=0, le=0.1, strict=True)]


class PointRange(_Frozen):
    low: Points
    high: Points

    @model_validator(mode="after")
    def _ordered(self) -> PointRange:
        if self.low > self.high:
            raise refuse("range_reversed", "low ({low}) is above high ({high})",
                         low=self.low, high=self.high)
        return self


def _as_range(value: object) -> object:
    if isinstance(value, list | tuple) and len(value) == 2:
        return {"low": value[0], "high": value[1]}
    return value


class Timing(_Frozen):
    grace_days: Param[NonNegInt]
    report_lag_days: Param[NonNegInt]
    notice_before_reporting: Param[StrictBool]


class ReportRules(_Frozen):
    code_step_days: Param[PosInt]
    max_code: Param[Annotated[int, Field(ge=1, le=9, strict=True)]]
    retention_years: Param[Annotated[int, Field(ge=1, le=50, strict=True)]]
    history_months: Param[Annotated[int, Field(ge=1, le=120, strict=True)]]
    dispute_days: Param[PosInt]
    lsll_window_months: Param[Annotated[int, Field(ge=1, le=120, strict=True)]]
    lsll_consecutive: Param[PosInt]
    lsll_cumulative: Param[PosInt]
    lsll_min_code: Param[Annotated[int, Field(ge=1, le=9, strict=True)]]


class RiskClass(_Frozen):
    id: str
    zh: str
    en: str
    from_days: NonNegInt


class RiskRules(_Frozen):
    classes: Param[tuple[RiskClass, ...]]
    default_after_days: Param[PosInt]
    court_notice_after_days: Param[PosInt]

    @field_validator("classes")
    @classmethod
    def _ascending(cls, param: Param[tuple[RiskClass, ...]]) -> Param[tuple[RiskClass, ...]]:
        days = [c.from_days for c in param.value]
        if not days or days[0] != 0 or days != sorted(set(days)):
            raise refuse("risk_classes_order",
                         "risk classes must start at from_days = 0 and rise strictly")
        return param


class Tier(_Frozen):
    id: Literal["poor", "fair", "good", "very_good", "excellent"]
    zh: str
    en: str
    from_score: Annotated[int, Field(ge=0, le=2000)]


class Bucket(_Frozen):
    """A severity bucket of an overdue by its worst days (M1, M2, …)."""

    id: str
    up_to_days: PosInt | None = None
    penalty: PointRange
    half_life_months: Annotated[float, Field(gt=0, le=600, strict=True)]
    limit_cut: Share

    @field_validator("penalty", mode="before")
    @classmethod
    def _penalty_pair(cls, value: object) -> object:
        return _as_range(value)


class Dimension(_Frozen):
    id: str
    zh: str
    en: str
    weight: Share


class ScoreRules(_Frozen):
    min: Param[Annotated[int, Field(ge=0, le=2000, strict=True)]]
    max: Param[Annotated[int, Field(ge=0, le=2000, strict=True)]]
    tiers: Param[tuple[Tier, ...]]
    reference_base: Param[Annotated[int, Field(ge=1, le=2000, strict=True)]]
    buckets: Param[tuple[Bucket, ...]]
    repeat_weight: Param[Share]
    multi_debt_penalty: Param[PointRange]
    income_proof_bonus: Param[PointRange]
    applications_free: Param[NonNegInt]
    application_penalty: Param[PointRange]
    applications_months: Param[Annotated[int, Field(ge=1, le=24, strict=True)]]
    dimension_weights: Param[tuple[Dimension, ...]]

    @field_validator("multi_debt_penalty", "income_proof_bonus", "application_penalty",
                     mode="before")
    @classmethod
    def _ranges(cls, value: object) -> object:
        if isinstance(value, dict) and "value" in value:
            return {**value, "value": _as_range(value["value"])}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ScoreRules:
        if self.min.value >= self.max.value:
            raise refuse("score_min_not_below_max",
                         "score.min ({min}) must be below score.max ({max})",
                         min=self.min.value, max=self.max.value)
        starts = [t.from_score for t in self.tiers.value]
        if not starts or starts[0] != self.min.value or starts != sorted(set(starts)):
            raise refuse("score_tiers_order",
                         "score tiers must start at score.min ({min}) and rise strictly",
                         min=self.min.value)
        return self

    @field_validator("buckets")
    @classmethod
    def _buckets_ordered(cls, param: Param[tuple[Bucket, ...]]) -> Param[tuple[Bucket, ...]]:
        buckets = param.value
        if not buckets or buckets[-1].up_to_days is not None:
            raise refuse("bucket_last_open",
                         "the last score bucket must have no up_to_days (it is open-ended)")
        bounds = [b.up_to_days for b in buckets[:-1]]
        for bucket, bound in zip(buckets, bounds, strict=False):
            if bound is None:
                raise refuse("bucket_needs_up_to", "bucket {id} needs up_to_days: only the "
                             "last bucket is open-ended", id=bucket.id)
        if bounds != sorted(set(bounds)):  # type: ignore[type-var]
            raise refuse("bucket_bounds_order", "score buckets' up_to_days must rise strictly")
        for worse, better in zip(buckets[1:], buckets, strict=False):
            ids = {"worse": worse.id, "better": better.id}
            if worse.penalty.low < better.penalty.low or worse.penalty.high < better.penalty.high:
                raise refuse("bucket_costs_less", "bucket {worse} must not cost fewer points "
                             "than the milder {better}", **ids)
            if worse.half_life_months < better.half_life_months:
                raise refuse("bucket_recovers_faster", "bucket {worse} must not recover "
                             "faster than the milder {better}", **ids)
            if worse.limit_cut < better.limit_cut:
                raise refuse("bucket_cuts_less", "bucket {worse} must not cut the limit less "
                             "than the milder {better}", **ids)
        return param


class JiebeiRules(_Frozen):
    frozen_unsettled_days: Param[PosInt]
    frozen_own_unsettled_days: Param[PosInt]
    closed_min_products: Param[PosInt]
    apply_min_score: Param[Annotated[int, Field(ge=0, le=2000, strict=True)]]
    reopen_after_clean_months: Param[Annotated[int, Field(ge=0, le=120, strict=True)]]
    reduce_below_base_points: Param[Annotated[int, Field(ge=0, le=2000, strict=True)]]
    base_limit_min: Param[Annotated[float, Field(ge=0, le=100_000_000, strict=True)]]
    base_limit_max: Param[Annotated[float, Field(ge=0, le=100_000_000, strict=True)]]
    # Limits are divided by it: one fen at the least (anything finer rounds nothing, and
    # dividing by a denormal such as 5e-324 overflows).
    limit_round_to: Param[Annotated[float, Field(ge=0.01, le=100_000, strict=True)]]
    income_proof_lift: Param[Share]
    reassessment_days: Param[PosInt]
    reduce_above_applications: Param[NonNegInt]
    score_factor: Param[tuple[tuple[Annotated[float, Field(strict=True)],
                                    Annotated[float, Field(ge=0, le=10, strict=True)]], ...]]

    @model_validator(mode="after")
    def _consistent(self) -> JiebeiRules:
        points = self.score_factor.value
        scores = [p[0] for p in points]
        factors = [p[1] for p in points]
        if len(points) < 2 or scores != sorted(set(scores)) or factors != sorted(factors):
            raise refuse("score_factor_points", "jiebei.score_factor needs two or more "
                         "[score, factor] points, scores rising strictly and factors never "
                         "falling")
        low, high = self.base_limit_min.value, self.base_limit_max.value
        if low > high:
            raise refuse("limit_min_above_max", "jiebei.base_limit_min ({low}) must not "
                         "exceed base_limit_max ({high})", low=low, high=high)
        return self


class ExtensionRules(_Frozen):
    """The standard extension (延期还款 / 展期) the comparison and the ``x`` form offer."""

    days: Param[Annotated[int, Field(ge=1, le=3650, strict=True)]]
    fee_rate: Param[Annotated[float, Field(ge=0, le=1, strict=True)]]


class Product(_Frozen):
    """A catalog entry. ``ant`` products are seen by Ant at once, others via the report."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$", max_length=32)]
    zh: str
    en: str
    provider_zh: str = ""
    provider_en: str = ""
    kind: str = ""
    ant: StrictBool = False
    reports_to_pboc: Param[StrictBool]
    # This product's own grace, where sources say something of it; else timing.grace_days.
    grace_days: Param[NonNegInt] | None = None
    # Penalty interest per day: a flat rate, or a multiple of the loan's own daily rate.
    penalty_rate_per_day: Param[DailyRate] | None = None
    loan_rate_per_day: Param[DailyRate] | None = None
    penalty_multiple: Param[Annotated[float, Field(ge=0, le=10, strict=True)]] | None = None

    @model_validator(mode="after")
    def _one_penalty(self) -> Product:
        flat = self.penalty_rate_per_day is not None
        multiple = self.loan_rate_per_day is not None and self.penalty_multiple is not None
        partial = (self.loan_rate_per_day is None) != (self.penalty_multiple is None)
        if flat == multiple or partial:
            raise refuse("product_penalty_one_of", "product {id}: give penalty_rate_per_day, "
                         "or loan_rate_per_day with penalty_multiple (one of the two)",
                         id=self.id)
        return self

    @property
    def penalty_per_day(self) -> float:
        """The share of the overdue amount charged as penalty interest each day."""
        if self.penalty_rate_per_day is not None:
            return self.penalty_rate_per_day.value
        assert self.loan_rate_per_day is not None and self.penalty_multiple is not None
        return self.loan_rate_per_day.value * self.penalty_multiple.value

    @property
    def penalty_params(self) -> tuple[str, ...]:
        names = (("penalty_rate_per_day",) if self.penalty_rate_per_day is not None
                 else ("loan_rate_per_day", "penalty_multiple"))
        return tuple(f"products.{self.id}.{n}" for n in names)


class Policy(_Frozen):
    """The whole rule book. Load with ``load_policy`` or ``default_policy()``."""

    format: Literal["jiebei-sim/policy@1"] = POLICY_FORMAT
    name: str = "custom"
    timing: Timing
    report: ReportRules
    risk: RiskRules
    score: ScoreRules
    jiebei: JiebeiRules
    extension: ExtensionRules
    products: tuple[Product, ...]

    @field_validator("products")
    @classmethod
    def _unique_products(cls, products: tuple[Product, ...]) -> tuple[Product, ...]:
        ids = [p.id for p in products]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise refuse("duplicate_product_id", "two products in the catalog share the id "
                         "{id}", id=twice[0])
        if "jiebei" not in ids:
            raise refuse("catalog_needs_jiebei", "the catalog must hold the product {id}",
                         id="jiebei")
        return products

    @cached_property
    def catalog(self) -> dict[str, Product]:
        return {p.id: p for p in self.products}

    @cached_property
    def bases(self) -> dict[str, Basis]:
        """The basis of every parameter, by its dotted name."""
        out: dict[str, Basis] = {}
        for section, value in self:
            if isinstance(value, _Frozen):
                out.update({f"{section}.{name}": Basis(p.basis) for name, p in value
                            if isinstance(p, Param)})
        for product in self.products:
            out.update({f"products.{product.id}.{name}": Basis(p.basis)
                        for name, p in product if isinstance(p, Param)})
        return out

    def basis(self, dotted: str) -> Basis:
        """The basis label of a parameter named like ``jiebei.apply_min_score`` (or
        ``products.huabei.grace_days``, or a part of a list such as ``score.buckets.0``)."""
        section, name, *rest = dotted.split(".")
        if section == "products":
            param = getattr(self.catalog[name], rest[0])
        else:
            param = getattr(getattr(self, section), name)
        return Basis(param.basis)

    def product(self, product_id: str) -> Product:
        try:
            return self.catalog[product_id]
        except KeyError:
            known = ", ".join(self.catalog)
            raise ValueError(
                f"unknown product {product_id!r}; the catalog has: {known}"
            ) from None


def _default_text() -> str:
    return resources.files("model.policies").joinpath("default.toml").read_text("utf-8")


@cache
def default_policy() -> Policy:
    """The built-in policy, ``model/policies/default.toml`` (model/README.md §10). Cached:
    policies are immutable."""
    return Policy.model_validate(tomllib.loads(_default_text()))


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy TOML file; errors name the file and the field."""
    from pydantic import ValidationError

    from model.errors import InputError, Problem, describe_validation_error, problems_of

    path = Path(path)

    def unreadable(code: str, english: str, **values: str) -> InputError:
        return InputError(f"{path}: {english}", (Problem("", code, english, values),),
                          str(path))

    from model.reading import MAX_FILE_MB, TOO_LARGE, TooLarge, read_user_text

    try:
        text = read_user_text(path)
    except FileNotFoundError:
        raise unreadable("no_such_policy", "no such policy file") from None
    except IsADirectoryError:
        raise unreadable("is_a_folder_policy", "is a folder, not a policy file") from None
    except TooLarge:
        raise unreadable("too_large", TOO_LARGE, most=str(MAX_FILE_MB)) from None
    except UnicodeDecodeError:
        raise unreadable("not_utf8", "not UTF-8 text") from None
    except OSError as exc:
        raise unreadable("cannot_read", f"cannot read the policy file ({exc.strerror})",
                         why=str(exc.strerror)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        if at is None:
            raise unreadable("not_toml", f"not valid TOML: {exc}") from None
        raise unreadable("not_toml_at", f"not valid TOML: {exc}", line=at[1],
                         column=at[2]) from None
    except ValueError:  # Python refuses integers of thousands of digits
        raise unreadable("number_too_long_toml",
                         "not valid TOML: a number far too long to be one") from None
    # Labels and notes are printed as they are (assess, the reasons pane): an escape code
    # in one would act on the terminal instead of reading as text. Checked on the file's
    # data, once, rather than by a validator on every field of every class.
    if (where := _control_characters_at(data)) is not None:
        raise InputError(f"{path}: {where}: {CONTROL_CHARACTERS}",
                         (Problem(where, "control_characters", CONTROL_CHARACTERS, {}),),
                         str(path))
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{path}: {describe_validation_error(exc)}", problems_of(exc),
                         str(path)) from None


def _control_characters_at(data: object, where: str = "") -> str | None:
    """Where the first text holding control characters is (``score.tiers[3].en``)."""
    if isinstance(data, str):
        return where if has_control_characters(data) else None
    if isinstance(data, dict):
        parts = ((f"{where}.{key}" if where else str(key), value) for key, value in data.items())
    elif isinstance(data, list):
        parts = ((f"{where}[{n}]", value) for n, value in enumerate(data))
    else:
        return None
    return next((found for part, value in parts
                 if (found := _control_characters_at(value, part)) is not None), None)
