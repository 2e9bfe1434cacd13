"""Checks of a scenario against a policy: products from the catalog, limits in range."""

from __future__ import annotations

from model.errors import InputError, Problem, plain_number
from model.policy import Policy
from model.scenario import Scenario


def check_against_policy(scenario: Scenario, policy: Policy) -> None:
    """Raise ``InputError`` naming the field when the scenario does not fit the policy."""
    catalog = policy.catalog
    j = policy.jiebei
    for index, account in enumerate(scenario.accounts):
        product = catalog.get(account.product)
        if product is None:
            where = f"accounts[{index}].product"
            problem = Problem(where, "unknown_product",
                              f"unknown product {account.product!r}; the catalog has: "
                              f"{', '.join(catalog)}",
                              {"product": account.product, "known": ", ".join(catalog)})
            raise InputError(f"{where}: {problem.message}", (problem,))
        if account.product == "jiebei" and account.limit > 0:
            low, high = j.base_limit_min.value, j.base_limit_max.value
            if not low <= account.limit <= high:
                where = f"accounts[{index}].limit"
                problem = Problem(
                    where, "jiebei_limit_range",
                    f"a Jiebei limit of {account.limit:g} is outside {low:g}–{high:g} RMB "
                    "(jiebei.base_limit_min/max in the policy)",
                    {"limit": plain_number(account.limit), "low": plain_number(low),
                     "high": plain_number(high)})
                raise InputError(f"{where}: {problem.message}", (problem,))
