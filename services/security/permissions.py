"""Which role may do what. Checked in services, whatever the GUI shows or hides."""
from __future__ import annotations

from models.enums import Role

from services.errors import PermissionDenied
from services.security import session_guard

A, S, O, C = Role.admin.value, Role.secretary.value, Role.officer.value, Role.clerk.value

# permission code -> (Chinese label, roles allowed)
PERMISSIONS: dict[str, tuple[str, frozenset[str]]] = {
    "users.manage": ("管理用户", frozenset({A})),
    "settings.manage": ("修改系统设置", frozenset({A, S})),
    "backup.run": ("备份与恢复", frozenset({A, S})),
    "audit.view": ("查看审计日志", frozenset({A, S})),
    "keys.manage": ("管理密钥与证书", frozenset({A, S})),
    "complaint.view": ("查看信访件", frozenset({S, O, C})),
    "complaint.register": ("登记信访件", frozenset({S, C})),
    "complaint.decide": ("受理、转办、上报、办结信访件", frozenset({S, C})),
    "identity.view": ("查看反映人身份信息", frozenset({S, C})),
    "identity.grant": ("授予查看反映人身份信息的权限", frozenset({S})),
    "lead.view": ("查看问题线索", frozenset({S, O})),
    "lead.manage": ("登记和处置问题线索", frozenset({S, O})),
    "lead.approve": ("审批线索处置", frozenset({S})),
    "case.view": ("查看案件", frozenset({S, O})),
    "case.manage": ("办理案件", frozenset({S, O})),
    "case.approve": ("审批立案", frozenset({S})),
    "case.stage_undo": ("撤销案件的上一阶段", frozenset({S})),
    "measure.manage": ("录入处分处理", frozenset({S, O})),
    "ledger.manage": ("维护一案双查台账", frozenset({S, O})),
    "report.view": ("查看月报", frozenset({S, O, C})),
    "report.edit": ("编辑月报说明", frozenset({S, O, C})),
    "report.finalize": ("月报定稿与更正", frozenset({S})),
    "package.create": ("生成报送包", frozenset({S})),
    "county.import": ("接收乡镇报送包", frozenset({S, O})),
    "ca.manage": ("县纪委证书签发", frozenset({A, S})),
    "import.ledger": ("导入既有台账", frozenset({S, O})),
}


def allowed(roles: frozenset[str] | set[str], permission: str) -> bool:
    _, who = PERMISSIONS[permission]
    return bool(who & set(roles))


def require(user, permission: str) -> None:
    """Raise PermissionDenied unless ``user`` (a CurrentUser) holds a role with ``permission``.

    Judged on the roles the user's row holds now, not on the sign-in snapshot: an account disabled
    meanwhile raises ``AccountRevoked``, a role taken away stops working (services.security.session_guard).
    """
    label, _ = PERMISSIONS[permission]
    if user is None:
        raise PermissionDenied(f"请先登录后再{label}")
    roles = session_guard.roles_now(user)
    if not allowed(roles, permission):
        if allowed(user.roles, permission):
            raise PermissionDenied(f"您的角色已被系统管理员更改，现在没有“{label}”的权限。请注销后重新登录")
        if A in roles:  # the admin is the one others are sent to: say whose work it is instead
            raise PermissionDenied(f"您没有“{label}”的权限：此项由{who_may(permission)}办理")
        if S in roles:  # nor is the secretary sent to the secretary
            raise PermissionDenied(f"您没有“{label}”的权限，请联系系统管理员")
        raise PermissionDenied(f"您没有“{label}”的权限，请联系纪委书记或系统管理员")


def who_may(permission: str) -> str:
    """The roles that hold ``permission``, by their Chinese names: "纪委书记、办案人员"."""
    _, who = PERMISSIONS[permission]
    return "、".join(r.label for r in Role if r.value in who)
