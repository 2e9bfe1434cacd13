"""The reactive layer: one user's working state, kept current and announced on every change.

``Session`` owns the what-if branches (each its own list of scenario snapshots, so undo
and redo are per branch), which branch is current, the as-of date and the policy. Every
change emits ``changed`` with a ``SessionState``: everything a front end shows, so it need
not ask the session anything else. ``changed`` is the only signal. Inside ``batch()`` the
changes are announced once, at the end. An edit that leaves the scenario as it was, and
a move to the date, policy or branch already in force, announce nothing. The projection
is made only when first asked for after a change (``SessionState.months``). The TUI, the
CLI and the tests all drive this same object; it never imports a UI library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from psygnal import Signal

from model.assessment import Assessment, MonthPoint, Projection
from model.dates import add_months
from model.edits import Edit, Replace
from model.engine import assess, project
from model.errors import EditError, InputError, Problem, located
from model.io import BRANCHES_KEY, MAIN_BRANCH
from model.policy import Policy, default_policy
from model.scenario import (
    CONTROL_CHARACTERS,
    EARLIEST_DAY,
    LATEST_DAY,
    Scenario,
    has_control_characters,
)
from model.validation import check_against_policy

PROJECTION_MONTHS = 24


def _branch_error(code: str, english: str, **values: str) -> EditError:
    """A refused change of branches: the English line, and a code for front ends."""
    return EditError(english, (Problem("", code, english, values),))


def _no_branch(name: str) -> EditError:
    return _branch_error("no_branch", f"no branch named {name!r}", name=name)


@dataclass
class _Branch:
    """One line of what-if: its own snapshots, undo position and last saved snapshot."""

    history: list[Scenario]
    index: int = 0
    saved: Scenario | None = None

    @property
    def scenario(self) -> Scenario:
        return self.history[self.index]


@dataclass(frozen=True, slots=True)
class SessionState:
    """The session as it is after one change: what every view shows."""

    scenario: Scenario
    assessment: Assessment
    policy: Policy
    months: Callable[[], Projection]  # the months ahead, made when first asked for
    branch: str
    branch_names: tuple[str, ...]
    can_undo: bool
    can_redo: bool
    dirty: bool  # some branch differs from what was last opened or saved

    @property
    def as_of(self) -> date:
        return self.assessment.as_of

    @property
    def at_scenario_date(self) -> bool:
        return self.as_of == self.scenario.as_of


class Session:
    """One user's working state: branches with undo and redo, the as-of date, the policy.

    Connect to ``changed`` to hear of every change; it carries the new ``SessionState``
    (undo and redo, the branch names and unsaved work are fields of it, not signals of
    their own). The properties (``scenario``, ``assessment``, ``projection``, ``as_of``,
    ``branch``, ...) give the same on demand. A change the session refuses raises
    ``EditError`` and leaves it as it was."""

    changed = Signal(object)  # the new SessionState, once per change (or per batch)

    def __init__(self, scenario: Scenario, policy: Policy | None = None,
                 as_of: date | None = None) -> None:
        self._policy = policy or default_policy()
        try:
            check_against_policy(scenario, self._policy)
        except InputError as exc:
            raise EditError(str(exc), exc.problems) from None
        self._branches: dict[str, _Branch] = {
            MAIN_BRANCH: _Branch([scenario], 0, scenario)}
        self._current = MAIN_BRANCH
        self._as_of = as_of or scenario.as_of
        self._anchor, self._offset = self._as_of, 0
        self._assessment = assess(scenario, self._policy, self._as_of)
        self._projection: Projection | None = None
        # Month points by day, for the (scenario, policy) they were made for.
        self._points: tuple[tuple[object, object], dict[date, MonthPoint]] = (
            (None, None), {})
        self._batching = 0  # inside batch(): changes wait to be announced together
        self._pending = False

    # --- what the views read -------------------------------------------------------
    @property
    def _b(self) -> _Branch:
        return self._branches[self._current]

    @property
    def scenario(self) -> Scenario:
        return self._b.scenario

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def as_of(self) -> date:
        return self._as_of

    @property
    def assessment(self) -> Assessment:
        return self._assessment

    @property
    def projection(self) -> Projection:
        if self._projection is None:
            self._projection = project(self.scenario, self._policy, PROJECTION_MONTHS,
                                       self._as_of, self._months_known())
        return self._projection

    def _months_known(self) -> dict[date, MonthPoint]:
        """The month points made so far for the scenario and policy in force (a month
        step needs one new one); forgotten when either changes, or grows long."""
        made_for, points = self._points
        if made_for[0] is not self.scenario or made_for[1] is not self._policy \
                or len(points) > 4 * PROJECTION_MONTHS:
            points = {}
            self._points = ((self.scenario, self._policy), points)
        return points

    def projection_later(self) -> Callable[[], Projection]:
        """The projection of the session as it is now, made only when first asked for:
        from the session's own cache while it is still in this state, else for the state
        it was in (a view that asks late still gets its own months)."""
        scenario, policy, as_of, assessment = (self.scenario, self._policy, self._as_of,
                                               self._assessment)

        def get() -> Projection:
            if self._assessment is assessment:
                return self.projection
            return project(scenario, policy, PROJECTION_MONTHS, as_of)

        return get

    @property
    def can_undo(self) -> bool:
        return self._b.index > 0

    @property
    def can_redo(self) -> bool:
        return self._b.index < len(self._b.history) - 1

    @property
    def dirty(self) -> bool:
        """True when any branch differs from what was last loaded or saved."""
        return any(b.scenario is not b.saved for b in self._branches.values())

    # --- branches: what-if lines that all stay live ---------------------------------
    @property
    def branch(self) -> str:
        return self._current

    @property
    def branch_names(self) -> tuple[str, ...]:
        return tuple(self._branches)

    def branch_scenarios(self) -> dict[str, Scenario]:
        return {name: b.scenario for name, b in self._branches.items()}

    def fork(self, name: str) -> None:
        """Copy the current branch's scenario into a new branch, and switch to it."""
        name = self._new_branch_name(name)
        self._branches[name] = _Branch([self.scenario], 0, None)
        self._current = name
        self._recompute()

    def switch(self, name: str) -> None:
        if name not in self._branches:
            raise _no_branch(name)
        if name != self._current:
            self._current = name
            self._recompute()

    def rename_branch(self, old: str, new: str) -> None:
        if old not in self._branches:
            raise _no_branch(old)
        new = self._new_branch_name(new) if new != old else new
        self._branches = {(new if k == old else k): v for k, v in self._branches.items()}
        if self._current == old:
            self._current = new
        self._announce()

    def delete_branch(self, name: str) -> None:
        if name not in self._branches:
            raise _no_branch(name)
        if len(self._branches) == 1:
            raise _branch_error("last_branch", "the last branch cannot be deleted", name=name)
        del self._branches[name]
        if self._current == name:
            self._current = next(iter(self._branches))
            self._recompute()
        else:
            self._announce()

    def show_in_branch(self, name: str, scenario: Scenario) -> None:
        """Put a scenario that is not the user's work (a tour step) in branch ``name``,
        made if need be, and switch to it. It is a step there that undo can take back,
        yet nothing unsaved: the other branches, their undo and what is unsaved in them,
        stay as they were."""
        try:
            check_against_policy(scenario, self._policy)
        except InputError as exc:
            raise EditError(str(exc), exc.problems) from None
        with self.batch():
            if name not in self._branches:
                name = self._new_branch_name(name)
                self._branches[name] = _Branch([scenario], 0, scenario)
                self._current = name
                self._recompute()
                return
            self.switch(name)
            if scenario != self.scenario:
                self.apply(Replace(scenario, f"show in {name}"))
            self._b.saved = self.scenario
            self._announce()

    def _new_branch_name(self, name: str) -> str:
        name = " ".join(name.split())
        if not name or len(name) > 40:
            raise _branch_error("branch_name_length", "a branch name needs 1 to 40 characters",
                                most="40")
        if has_control_characters(name):
            raise _branch_error("control_characters", CONTROL_CHARACTERS)
        if name in self._branches:
            raise _branch_error("branch_exists", f"a branch named {name!r} already exists",
                                name=name)
        return name

    # --- changes -------------------------------------------------------------------
    def apply(self, edit: Edit) -> Assessment:
        """Apply an edit; on any validation error raise ``EditError`` and change nothing.

        An edit that leaves the scenario as it was (a form confirmed unchanged) is no
        step at all: nothing to undo, nothing unsaved."""
        new = self._attempt(edit)
        if new == self.scenario:
            return self._assessment
        assessment = assess(new, self._policy, self._as_of)  # may raise: nothing changed yet
        b = self._b
        del b.history[b.index + 1:]
        b.history.append(new)
        b.index += 1
        self._publish(assessment)
        return assessment

    def check(self, edit: Edit) -> str | None:
        """Dry run: the message ``apply`` would raise for this edit, or None if it is fine."""
        refusal = self.refusal(edit)
        return None if refusal is None else str(refusal)

    def refusal(self, edit: Edit) -> InputError | None:
        """Dry run: the error ``apply`` would raise (with its problems, field by field),
        or None if the edit is fine."""
        try:
            self._attempt(edit)
        except InputError as exc:
            return exc
        return None

    def _attempt(self, edit: Edit) -> Scenario:
        new = edit.apply_to(self.scenario, self._as_of)
        try:
            check_against_policy(new, self._policy)
        except InputError as exc:
            raise EditError(str(exc), exc.problems) from None
        return new

    def undo(self) -> bool:
        if not self.can_undo:
            return False
        self._b.index -= 1
        self._recompute()
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        self._b.index += 1
        self._recompute()
        return True

    def replace(self, scenario: Scenario | dict[str, Scenario],
                as_of: date | None = None, saved: bool = True,
                current: str | None = None) -> None:
        """Open another scenario (a sample) or a file's branches: fresh histories; the
        branch ``current`` (else the first) becomes the current one. ``saved=False``
        (restoring unsaved work) leaves them all marked as not yet saved."""
        branches = scenario if isinstance(scenario, dict) else {MAIN_BRANCH: scenario}
        for index, (name, one) in enumerate(branches.items()):
            try:
                check_against_policy(one, self._policy)
            except InputError as exc:
                # Named as a file names them: the first branch at the top, others by name.
                where = f"{BRANCHES_KEY}.{name}." if index else ""
                raise EditError(f"branch {name}: {exc}", located(exc.problems, where),
                                exc.source) from None
        self._branches = {name: _Branch([one], 0, one if saved else None)
                          for name, one in branches.items()}
        self._current = current if current in self._branches else next(iter(self._branches))
        scenario = self.scenario
        self._as_of = as_of or scenario.as_of
        self._anchor, self._offset = self._as_of, 0
        self._recompute()

    def mark_saved(self) -> None:
        for b in self._branches.values():
            b.saved = b.scenario
        self._announce()

    def set_as_of(self, day: date) -> None:
        self._move_to(day)
        self._anchor, self._offset = day, 0

    def step_months(self, months: int) -> None:
        """Move the as-of date by whole months; unsettled events age by themselves.

        Steps count from the last date set, so 29 Nov stepped past February comes back
        to the 29th rather than drifting to the 28th.
        """
        self._move_to(add_months(self._anchor, self._offset + months))
        self._offset += months

    def _move_to(self, day: date) -> None:
        if not EARLIEST_DAY <= day <= LATEST_DAY:
            values = {"day": str(day), "first": str(EARLIEST_DAY.year),
                      "last": str(LATEST_DAY.year)}
            raise EditError(
                f"{day} is outside {EARLIEST_DAY.year}–{LATEST_DAY.year}, the years covered",
                (Problem("as_of", "outside_calendar", "outside the years covered", values),))
        if day != self._as_of:
            self._as_of = day
            self._recompute()

    def reset_as_of(self) -> None:
        self.set_as_of(self.scenario.as_of)

    def set_policy(self, policy: Policy) -> None:
        try:
            check_against_policy(self.scenario, policy)
        except InputError as exc:
            raise EditError(str(exc), exc.problems) from None
        if policy == self._policy:
            return  # confirmed unchanged: the same policy, nothing to redo
        self._policy = policy
        self._recompute()

    @property
    def state(self) -> SessionState:
        return SessionState(
            scenario=self.scenario, assessment=self._assessment, policy=self._policy,
            months=self.projection_later(), branch=self._current,
            branch_names=self.branch_names, can_undo=self.can_undo,
            can_redo=self.can_redo, dirty=self.dirty)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes announced as one (a tour step, keeping choices as branches):
        views redraw once, for the end state. An error inside still announces what
        changed before it."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching and self._pending:
                self._pending = False
                self.changed.emit(self.state)

    # --- internals -----------------------------------------------------------------
    def _recompute(self) -> None:
        self._publish(assess(self.scenario, self._policy, self._as_of))

    def _publish(self, assessment: Assessment) -> None:
        self._assessment = assessment
        self._projection = None
        self._announce()

    def _announce(self) -> None:
        if self._batching:
            self._pending = True
        else:
            self.changed.emit(self.state)
