"""Who the user is (the profile: base score, Jiebei limit, income proof) and the rules'
numbers (the policy), each edited live: every pane follows."""

from __future__ import annotations

from typing import Any

from model import Batch, InputError, UpdateAccount, UpdateProfile
from model.edits import Edit
from model.policy import Policy
from model.policy_edit import policy_with
from tui.bindings import binding
from tui.features.base import Feature
from tui.i18n import tr

BINDINGS = [
    binding("P", "edit_policy", "policy.edit", show=False, key_display="P"),
    binding("p", "edit_profile", "profile.edit", show=False),
]


class Settings(Feature):
    def action_edit_policy(self) -> None:
        from tui.screens.policy import PolicyScreen

        started_with = self.jiebei.start_policy  # what Reset goes back to

        def apply(changes: dict[str, Any]) -> InputError | None:
            try:
                self.session.set_policy(policy_with(self.session.policy, changes))
            except InputError as exc:
                return exc  # the screen words each problem under its parameter
            return None

        def reset() -> Policy:
            self.session.set_policy(started_with)
            return started_with

        self.app.push_screen(PolicyScreen(self.lang, self.session.policy, apply, reset))

    def action_edit_profile(self) -> None:
        from tui.screens.forms import ProfileForm

        scenario = self.session.scenario
        jiebei = next((a for a in scenario.accounts if a.product == "jiebei"), None)

        def make(data: dict[str, Any]) -> Edit:
            edits: list[Edit] = [UpdateProfile({
                key: data[key] for key in ("base_score", "income_proof", "recent_applications")})]
            if jiebei is not None and "jiebei_limit" in data:
                edits.append(UpdateAccount(jiebei.id, {"limit": data["jiebei_limit"]}))
            return Batch(tuple(edits), "change profile")

        profile = scenario.profile
        self.edit_in_form(make, lambda check: ProfileForm(
            tr(self.lang, "profile_title"), self.lang, check, base_score=profile.base_score,
            jiebei_limit=jiebei.limit if jiebei is not None else None,
            income_proof=profile.income_proof, applications=profile.recent_applications))
