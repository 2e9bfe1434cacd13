"""Benchmarks of jiebei-sim: measurements, not tests.

Run from the project folder:

    python tests/benchmarks/bench.py            # about 1 s of timing per item
    python tests/benchmarks/bench.py --quick    # a few repetitions, for a smoke run

Prints the median and the 90th percentile of each item in milliseconds, next to its
target, then a table of medians for 10 to 1,000 events at 24 and 240 months
(``--no-scaling`` skips it). A figure over its target is flagged, never fatal: the
script exits 0 unless it crashes, so a slow machine cannot fail CI with it.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # works from a checkout even when not pip-installed
    sys.path.insert(0, str(ROOT))

import model  # noqa: E402
from model import Scenario, assess, default_policy, parse_scenario, project  # noqa: E402
from model.dates import add_months  # noqa: E402
from model.scenario import MAX_EVENTS  # noqa: E402
from model.whatif import compare, standard_choices  # noqa: E402

AS_OF = date(2026, 11, 29)


# --------------------------------------------------------------------------- scenarios


def typical_scenario() -> Scenario:
    """Three accounts and five overdue events of mixed kinds, as a user might enter."""
    return parse_scenario(
        {
            "format": "jiebei-sim/scenario@1",
            "name": "Typical: a Fenqile overdue among a few others",
            "as_of": AS_OF.isoformat(),
            "profile": {"base_score": 700, "income_proof": False},
            "accounts": [
                {"id": "fenqile", "product": "fenqile", "limit": 20000, "balance": 6000},
                {"id": "jiebei", "product": "jiebei", "limit": 30000, "balance": 2000},
                {"id": "huabei", "product": "huabei", "limit": 8000, "balance": 1500},
            ],
            "overdues": [
                # settled, 25 days late
                {"id": "e1", "account": "fenqile", "amount": 1200, "due": "2026-06-10",
                 "settled": "2026-07-05"},
                # still unpaid
                {"id": "e2", "account": "fenqile", "amount": 1200, "due": "2026-10-15",
                 "settled": None},
                # an extension agreed after the due date: the days already overdue stay
                {"id": "e3", "account": "huabei", "amount": 800, "due": "2026-08-10",
                 "settled": None,
                 "extension": {"agreed": "2026-08-25", "new_due": "2026-12-25", "fee": 40}},
                # settled within grace: changes nothing
                {"id": "e4", "account": "huabei", "amount": 500, "due": "2026-09-10",
                 "settled": "2026-09-12"},
                # an older Jiebei overdue of its own, settled
                {"id": "e5", "account": "jiebei", "amount": 3000, "due": "2026-03-10",
                 "settled": "2026-04-20"},
            ],
        },
        default_policy(),
        source="typical scenario",
    )


def stress_scenario(accounts: int = 50, events: int = MAX_EVENTS, seed: int = 20261129
                    ) -> Scenario:
    """Many accounts of every catalog product and thousands of events over ~4 years."""
    rng = random.Random(seed)
    policy = default_policy()
    products = [p.id for p in policy.products]
    low = policy.jiebei.base_limit_min.value
    high = policy.jiebei.base_limit_max.value

    account_rows: list[dict[str, Any]] = []
    others = [p for p in products if p != "jiebei"]  # a scenario holds one Jiebei account
    for i in range(accounts):
        product = "jiebei" if i == 0 else others[i % len(others)]
        if product == "jiebei":
            limit = float(rng.randrange(int(low), int(high) + 1, 100))
        else:
            limit = float(rng.randrange(1000, 100_001, 500))
        account_rows.append({"id": f"a{i:03d}", "product": product, "limit": limit,
                             "balance": round(limit * rng.random() * 0.5, 2)})

    first_due = AS_OF - timedelta(days=4 * 365)
    last_due = AS_OF - timedelta(days=10)
    span = (last_due - first_due).days
    event_rows: list[dict[str, Any]] = []
    for i in range(events):
        due = first_due + timedelta(days=rng.randrange(span + 1))
        row: dict[str, Any] = {
            "id": f"e{i:04d}",
            "account": account_rows[rng.randrange(accounts)]["id"],
            "amount": float(rng.randrange(100, 20_001, 50)),
            "due": due.isoformat(),
        }
        roll = rng.random()
        if roll < 0.05:  # some left unpaid
            row["settled"] = None
        else:  # most settled: within grace, a few days late, or months late
            late = rng.choice((1, 2, 5, 12, 20, 28, 35, 45, 70, 100, 150, 200))
            settled = min(due + timedelta(days=late), AS_OF)
            row["settled"] = settled.isoformat()
            if roll > 0.97:  # an extension agreed after the due date, before settling
                agreed = due + timedelta(days=rng.randint(0, (settled - due).days))
                row["extension"] = {"agreed": agreed.isoformat(),
                                    "new_due": (agreed + timedelta(days=30)).isoformat(),
                                    "fee": 30.0}
        event_rows.append(row)

    return parse_scenario(
        {
            "format": "jiebei-sim/scenario@1",
            "name": f"Stress: {accounts} accounts, {events} events",
            "as_of": AS_OF.isoformat(),
            "profile": {"base_score": 720, "income_proof": True},
            "accounts": account_rows,
            "overdues": event_rows,
        },
        policy,
        source="stress scenario",
    )


# The accounts of the scaling table's scenarios: one Jiebei line among the usual others.
MIXED_ACCOUNTS = (
    ("jiebei", "jiebei"), ("huabei", "huabei"), ("fenqile", "fenqile"),
    ("fenqile2", "fenqile"), ("baitiao", "baitiao"), ("fenfu", "fenfu"),
    ("card1", "bank_card"), ("card2", "bank_card"),
)


def mixed_scenario(events: int, seed: int = 20261129, years: int = 5,
                   settled_only: bool = False) -> Scenario:
    """``events`` overdue events on eight accounts, due over the last ``years`` years.

    Mixed as a heavy user's record might be: most settled (some within grace, some
    months late), some unpaid, some extended before or after the due date, some with a
    settlement planned after the as-of date, a few not yet due. ``settled_only``: every
    event settled by the as-of date, so Jiebei's reopen search has work to do.
    """
    rng = random.Random(seed * 1_000_003 + events)
    accounts = [{"id": a, "product": p, "limit": 30000.0 if p == "jiebei" else 10000.0,
                 "balance": float(rng.randrange(0, 5001, 100))} for a, p in MIXED_ACCOUNTS]
    span = years * 365
    rows: list[dict[str, Any]] = []
    for i in range(events):
        # A few not yet due; when all must be settled, due long enough ago to be paid.
        due = AS_OF - timedelta(days=rng.randrange(250 if settled_only else -45, span))
        row: dict[str, Any] = {"id": f"e{i:04d}", "account": rng.choice(MIXED_ACCOUNTS)[0],
                               "amount": float(rng.randrange(100, 20_001, 50)),
                               "due": due.isoformat(), "settled": None}
        kind = rng.random()
        late = rng.choice((0, 1, 2, 3, 5, 12, 25, 40, 75, 120, 200))
        if kind < 0.12:  # an extension agreed after the due date; paid, late or unpaid
            agreed = due + timedelta(days=rng.randint(1, 40))
            new_due = agreed + timedelta(days=30)
            row["extension"] = {"agreed": agreed.isoformat(), "new_due": new_due.isoformat(),
                                "fee": 30.0}
            pay = rng.choice((new_due - timedelta(days=rng.randint(0, 5)),
                              new_due + timedelta(days=late), None))
            row["settled"] = pay.isoformat() if pay else None
        elif kind < 0.22:  # an extension agreed before the due date
            agreed = due - timedelta(days=rng.randint(1, 10))
            new_due = due + timedelta(days=30)
            row["extension"] = {"agreed": agreed.isoformat(), "new_due": new_due.isoformat(),
                                "fee": 45.0}
            pay = rng.choice((due + timedelta(days=rng.randint(0, 30)),
                              new_due + timedelta(days=late), None))
            row["settled"] = pay.isoformat() if pay else None
        elif kind < 0.32:  # unpaid
            pass
        else:  # settled, or a settlement planned after the as-of date
            row["settled"] = (due + timedelta(days=late)).isoformat()
        if settled_only and row["settled"] is None:  # paid after all, counted from the due in force
            due_now = date.fromisoformat(row["extension"]["new_due"]) if "extension" in row else due
            row["settled"] = (due_now + timedelta(days=late)).isoformat()
        if settled_only and row["settled"] > AS_OF.isoformat():
            row["settled"] = AS_OF.isoformat()  # history: paid by the as-of date
        rows.append(row)
    return parse_scenario(
        {
            "format": "jiebei-sim/scenario@1",
            "name": f"Mixed: {len(accounts)} accounts, {events} events",
            "as_of": AS_OF.isoformat(),
            "profile": {"base_score": 720, "income_proof": False},
            "accounts": accounts,
            "overdues": rows,
        },
        default_policy(),
        source="mixed scenario",
    )


# --------------------------------------------------------------------------- timing


@dataclass
class Result:
    label: str
    samples_ms: list[float]
    target_ms: float | None

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p90(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=10, method="inclusive")[8]


def time_calls(fn: Callable[[], object], budget_s: float, min_runs: int, max_runs: int
               ) -> list[float]:
    """Per-call wall times in ms, enough calls to fill about ``budget_s`` seconds."""
    for _ in range(2):  # warm caches (policy rules, imports) before measuring
        fn()
    start = time.perf_counter()
    fn()
    estimate = max(time.perf_counter() - start, 1e-7)
    runs = max(min_runs, min(max_runs, int(budget_s / estimate)))
    gc.collect()
    samples: list[float] = []
    clock = time.perf_counter
    for _ in range(runs):
        t0 = clock()
        fn()
        samples.append((clock() - t0) * 1000.0)
    return samples


def time_process(argv: list[str], runs: int) -> list[float]:
    """Start-to-exit wall times in ms of a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if k != "JIEBEI_SIM_DEBUG"}
    samples: list[float] = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        proc = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
        elapsed = (time.perf_counter() - t0) * 1000.0
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: "
                               f"{message[-1] if message else ''}")
        if i:  # the first run only warms the OS file cache
            samples.append(elapsed)
    return samples


# --------------------------------------------------------------------------- report


def print_table(results: list[Result]) -> None:
    headers = ("item", "median ms", "p90 ms", "runs", "target ms", "")
    rows = []
    for r in results:
        target = f"≤ {r.target_ms:g}" if r.target_ms is not None else "—"
        if r.target_ms is None:
            flag = "(reference)"
        elif r.median <= r.target_ms:
            flag = "ok"
        else:
            flag = f"OVER ×{r.median / r.target_ms:.1f}"
        rows.append((r.label, f"{r.median:.3f}", f"{r.p90:.3f}", str(len(r.samples_ms)),
                     target, flag))
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    right = {1, 2, 3, 4}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


# The scaling table (issue 10): events × months, for assess and project. "assess +k m" is
# an assessment dated k months after the scenario's as-of date (unpaid events have aged
# k months more); "project k m" is the month-by-month projection over k months.
SCALE_EVENTS = (10, 100, 200, 1000)
SCALE_MONTHS = (24, 240)
SCALE_TARGETS_MS = {("assess", 1000, 0): 50.0, ("assess", 1000, 24): 50.0,
                    ("project", 200, 240): 1000.0}


def scale_columns() -> list[tuple[str, int]]:
    return [("assess", 0)] + [(kind, k) for kind in ("assess", "project") for k in SCALE_MONTHS]


def scale_label(kind: str, months: int) -> str:
    if kind == "assess":
        return "assess now" if months == 0 else f"assess +{months} m"
    return f"project {months} m"


def scale_call(kind: str, scenario: Scenario, months: int, policy: model.Policy
               ) -> Callable[[], object]:
    if kind == "assess":
        day = add_months(scenario.as_of, months)
        return lambda: assess(scenario, policy, day)
    return lambda: project(scenario, policy, months=months)


def print_scaling(cells: dict[tuple[str, int, int], Result]) -> None:
    columns = scale_columns()
    headers = ("events", *(scale_label(kind, k) for kind, k in columns))
    rows = []
    for n in SCALE_EVENTS:
        row = [str(n)]
        for kind, k in columns:
            r = cells[(kind, n, k)]
            text = f"{r.median:.2f}"
            target = SCALE_TARGETS_MS.get((kind, n, k))
            if target is not None:
                verdict = "ok" if r.median <= target else f"OVER ×{r.median / target:.1f}"
                text += f" (≤ {target:g} {verdict})"
            row.append(text)
        rows.append(row)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="few repetitions: a smoke run, figures less stable")
    parser.add_argument("--budget", type=float, default=None, metavar="SECONDS",
                        help="timing budget per in-process item (default 1.0; 0.05 quick)")
    parser.add_argument("--cli-runs", type=int, default=None, metavar="N",
                        help="runs of each start-to-exit item (default 15; 3 quick)")
    parser.add_argument("--sample", default=model.DEFAULT_SAMPLE, choices=model.SAMPLE_NAMES,
                        help="the built-in sample the CLI item assesses")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the events × months scaling table")
    args = parser.parse_args(argv)

    budget = args.budget if args.budget is not None else (0.05 if args.quick else 1.0)
    cli_runs = args.cli_runs if args.cli_runs is not None else (3 if args.quick else 15)
    min_runs, max_runs = (3, 200) if args.quick else (15, 20_000)

    print(f"jiebei-sim benchmarks · Python {platform.python_version()} · "
          f"{platform.machine()} · {os.cpu_count()} CPU · "
          f"{'quick' if args.quick else f'~{budget:g} s per item'}")

    policy = default_policy()
    t0 = time.perf_counter()
    typical = typical_scenario()
    t_typ = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    stress = stress_scenario()
    t_str = (time.perf_counter() - t0) * 1000
    print(f"scenarios: typical {len(typical.accounts)} accounts / {len(typical.overdues)} "
          f"events (built in {t_typ:.1f} ms); stress {len(stress.accounts)} accounts / "
          f"{len(stress.overdues)} events, "
          f"{sum(e.settled is None for e in stress.overdues)} unsettled "
          f"(built and validated in {t_str:.0f} ms)")
    print()

    results: list[Result] = []

    def item(label: str, fn: Callable[[], object], target: float | None) -> None:
        results.append(Result(label, time_calls(fn, budget, min_runs, max_runs), target))

    item("typical: assess", lambda: assess(typical, policy), 0.5)
    item("typical: project 24 months", lambda: project(typical, policy, months=24), 10.0)
    item("stress: assess", lambda: assess(stress, policy), 100.0)
    item("stress: project 24 months", lambda: project(stress, policy, months=24), None)

    # What-if: after one edit, four branches re-assessed and projected over 24 months.
    unsettled = next(e.id for e in typical.overdues if e.settled is None)
    branches = dict(list(standard_choices(typical, unsettled, typical.as_of).items())[:4])
    item("typical: 4 branches × 24 months (compare)",
         lambda: compare(branches, policy, months=24), 16.0)

    # Jiebei's reopen search does real work only when nothing is unpaid.
    settled = mixed_scenario(1000, settled_only=True)
    item("1,000 settled events: assess (reopen search)", lambda: assess(settled, policy), 50.0)

    cli = [sys.executable, "-m", "tui.cli", "assess", args.sample, "--json"]
    results.append(Result(f"CLI: jiebei-sim assess {args.sample} --json",
                          time_process(cli, cli_runs), 400.0))
    results.append(Result("python -c pass (interpreter start)",
                          time_process([sys.executable, "-c", "pass"], cli_runs), None))

    print_table(results)
    print()

    if not args.no_scaling:
        cells: dict[tuple[str, int, int], Result] = {}
        for n in SCALE_EVENTS:
            scenario = mixed_scenario(n)
            for kind, k in scale_columns():
                fn = scale_call(kind, scenario, k, policy)
                cells[(kind, n, k)] = Result(f"{kind} {n} {k}",
                                             time_calls(fn, budget, min_runs, max_runs), None)
        print("Scaling, median ms: mixed scenarios of 8 accounts (settled, unpaid, extended, "
              "planned)")
        print_scaling(cells)
        print()
    print("Medians and 90th percentiles of wall time (time.perf_counter). Targets are "
          "design goals, not pass/fail: this script always exits 0.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
