"""jiebei-sim's model layer: the domain, the pure engine and the reactive session.

Never imports a UI library: the CLI, the tests and the TUI all drive the same objects.
"""

from model.assessment import Assessment, JiebeiState, Projection, Reason
from model.edits import (
    AddAccount,
    AddEvent,
    Batch,
    ExtendEvent,
    LeaveUnpaid,
    RemoveAccount,
    RemoveEvent,
    Rename,
    Replace,
    SettleEvent,
    UpdateAccount,
    UpdateEvent,
    UpdateProfile,
)
from model.engine import assess, project
from model.errors import EditError, InputError
from model.io import load_scenario, parse_scenario, save_scenario
from model.policy import Basis, Policy, default_policy, load_policy
from model.samples import DEFAULT_SAMPLE, SAMPLE_NAMES, load_sample
from model.scenario import Account, Extension, OverdueEvent, Profile, Scenario
from model.session import Session, SessionState

__all__ = [
    "DEFAULT_SAMPLE",
    "SAMPLE_NAMES",
    "Account",
    "AddAccount",
    "AddEvent",
    "Assessment",
    "Basis",
    "Batch",
    "EditError",
    "ExtendEvent",
    "Extension",
    "InputError",
    "JiebeiState",
    "LeaveUnpaid",
    "OverdueEvent",
    "Policy",
    "Profile",
    "Projection",
    "Reason",
    "RemoveAccount",
    "RemoveEvent",
    "Rename",
    "Replace",
    "Scenario",
    "Session",
    "SessionState",
    "SettleEvent",
    "UpdateAccount",
    "UpdateEvent",
    "UpdateProfile",
    "assess",
    "default_policy",
    "load_policy",
    "load_sample",
    "load_scenario",
    "parse_scenario",
    "project",
    "save_scenario",
]
