"""What the rules about a dwelling's entrance door say when no door is marked as one.

ENTR-01 and OPEN-05 both judge the entrance door; when none has ROLE=ENTRANCE they
give one finding: not assessable if some doors have no ROLE at all (one of them may
be the entrance), else not applicable. Each rule keeps its own message ids
(``<rule>.no-entrance``, ``<rule>.no-entrance-one-without-role``,
``<rule>.no-entrance-some-without-role``), so its wording can differ.
"""

from __future__ import annotations

from ..messages import msg
from ..results import Finding, not_applicable, not_assessable


def no_entrance_door(rule_id: str, without_role: int) -> Finding:
    """The one finding when no entrance door is marked; ``without_role`` doors have no ROLE."""
    if without_role == 1:
        return not_assessable(rule_id, msg(f"{rule_id}.no-entrance-one-without-role", count=without_role))
    if without_role:
        return not_assessable(rule_id, msg(f"{rule_id}.no-entrance-some-without-role", count=without_role))
    return not_applicable(rule_id, msg(f"{rule_id}.no-entrance"))
