"""First-run setup: the organization and its first user (admin + secretary)."""
from __future__ import annotations

import re

from models import Organization
from models.enums import OrgMode, Role

from services.errors import StateError, ValidationError
from services.security import audit, case_file_keys, identity
from services.security.users import create_user_in, to_current
from services.storage.workspace import CurrentUser, Workspace

ORG_CODE_RE = re.compile(r"^[A-Za-z0-9]{2,40}$")


def validate_org(org_name: str, org_code: str, county_name: str, mode: str) -> tuple[str, str, str, str]:
    problems = []
    org_name, org_code, county_name = (org_name or "").strip(), (org_code or "").strip(), (county_name or "").strip()
    if not 2 <= len(org_name) <= 100:
        problems.append(ValidationError("单位名称应为2到100个字", field="org_name"))
    if not ORG_CODE_RE.match(org_code):
        problems.append(ValidationError("单位代码应为2到40位字母或数字", field="org_code"))
    if not 2 <= len(county_name) <= 100:
        problems.append(ValidationError("所属县级纪委名称应为2到100个字", field="county_name"))
    m = OrgMode.from_text(mode)
    if m is None:
        problems.append(ValidationError("工作模式应为“乡镇”或“县级”", field="mode"))
    if problems:
        raise ValidationError("；".join(p.message for p in problems), problems=problems)
    return org_name, org_code.upper(), county_name, m.value


def initialize(ws: Workspace, *, org_name: str, org_code: str, county_name: str, mode: str,
               username: str, display_name: str, password: str) -> CurrentUser:
    """Create the organization and the first user in one transaction; refuse a second setup."""
    org_name, org_code, county_name, mode = validate_org(org_name, org_code, county_name, mode)
    with ws.transaction() as s:
        if s.query(Organization).count():
            raise StateError("本系统已经完成初始化，不能重复设置单位信息")
        s.add(Organization(name=org_name, code=org_code, county_name=county_name, mode=mode))
        s.flush()
        user = create_user_in(ws, s, None, username, display_name, password, [Role.admin.value, Role.secretary.value])
        audit.record(s, user, "org.init", "organization", org_code,
                     {"name": org_name, "county": county_name, "mode": mode})
        identity.on_setup(ws, user, password)
        case_file_keys.on_setup(ws, user, password)
        current = to_current(user)
    return current
