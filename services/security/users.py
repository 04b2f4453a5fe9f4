"""Users, roles, passwords (argon2id), sign-in with lockout."""
from __future__ import annotations

import datetime as dt
import logging
import re

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models import User, UserRole
from models.enums import Role

from services.errors import AuthenticationError, DomainError, NotFoundError, StateError, ValidationError
from services.security import audit, case_file_keys, identity, key_pairs, session_guard
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import CurrentUser, Workspace

_log = logging.getLogger(__name__)

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{2,40}$")


def hash_password(ws: Workspace, password: str) -> str:
    """argon2id with the workspace's hasher (the library's recommended parameters in production)."""
    return ws.crypto.password_hasher.hash(password)


def check_password_policy(session: Session, password: str) -> None:
    minimum = settings.get(session, settings.PASSWORD_MIN_LENGTH)
    if len(password or "") < minimum:
        raise ValidationError(f"密码至少需要 {minimum} 个字符", field="password")
    if password.strip() != password:
        raise ValidationError("密码首尾不能是空格", field="password")


def password_min_length(ws: Workspace | None = None) -> int:
    """The configured minimum password length (the default before setup)."""
    if ws is None:
        return settings.PASSWORD_MIN_LENGTH.default
    with ws.reading() as s:
        return settings.get(s, settings.PASSWORD_MIN_LENGTH)


def password_rule(ws: Workspace | None = None) -> str:
    """The password rule as the user reads it before the first attempt (the default before setup)."""
    return f"至少 {password_min_length(ws)} 个字符，首尾不能是空格"


def _roles_of(codes) -> list[str]:
    out = []
    for c in codes:
        r = Role.from_text(c)
        if r is None:
            raise ValidationError(f"未知的角色：{c}（可选：{'、'.join(x.label for x in Role)}）", field="roles")
        if r.value not in out:
            out.append(r.value)
    if not out:
        raise ValidationError("至少需要选择一个角色", field="roles")
    return out


def to_current(user: User) -> CurrentUser:
    return CurrentUser(user.id, user.username, user.display_name, frozenset(user.role_codes))


def create_user_in(ws: Workspace, session: Session, actor, username: str, display_name: str, password: str,
                   roles) -> User:
    """Create a user inside an open transaction (used by setup and by ``create_user``)."""
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise ValidationError("用户名应为2到40位字母、数字或 _ . -", field="username")
    display_name = (display_name or "").strip() or username
    if len(display_name) > 40:
        raise ValidationError("姓名不能超过40个字", field="display_name")
    codes = _roles_of(roles)
    check_password_policy(session, password)
    exists = session.execute(select(func.count()).select_from(User).where(User.username == username)).scalar_one()
    if exists:
        raise ValidationError(f"用户名“{username}”已存在", field="username")
    user = User(username=username, display_name=display_name, password_hash=hash_password(ws, password),
                roles=[UserRole(role=c) for c in codes])
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id,
                 {"username": username, "display_name": display_name, "roles": codes})
    return user


def _after_create(ws: Workspace, user: User, password: str) -> None:
    identity.on_new_user(ws, user, password)
    case_file_keys.on_new_user(ws, user, password)


def create_user(ws: Workspace, username: str, display_name: str, password: str, roles) -> CurrentUser:
    require(ws.current_user, "users.manage")
    with ws.transaction() as s:
        user = create_user_in(ws, s, ws.current_user, username, display_name, password, roles)
        _after_create(ws, user, password)
        return to_current(user)


def list_users(ws: Workspace) -> list[dict]:
    require(ws.current_user, "users.manage")
    with ws.reading() as s:
        users = s.execute(select(User).order_by(User.id)).scalars().all()
        return [{"id": u.id, "username": u.username, "display_name": u.display_name,
                 "roles": sorted(u.role_codes), "active": u.is_active,
                 "locked_until": u.locked_until.isoformat() if u.locked_until else None} for u in users]


def _get_by_name(s: Session, username: str) -> User:
    user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"用户“{username}”不存在")
    return user


def set_roles(ws: Workspace, username: str, roles) -> None:
    require(ws.current_user, "users.manage")
    with ws.transaction() as s:
        user = _get_by_name(s, username)
        codes = _roles_of(roles)
        _keep_an_admin(s, user, codes, user.is_active)
        # Change the rows in place: replacing the list would insert the kept roles before the
        # old rows are deleted and break the (user, role) uniqueness.
        for row in [r for r in user.roles if r.role not in codes]:
            user.roles.remove(row)
        s.flush()
        have = {r.role for r in user.roles}
        user.roles.extend(UserRole(role=c) for c in codes if c not in have)
        identity.on_roles_changed(user)
        audit.record(s, ws.current_user, "user.roles", "user", user.id, {"roles": codes})


def _keep_an_admin(s: Session, user: User, new_roles: list[str], active: bool) -> None:
    if Role.admin.value in user.role_codes and (Role.admin.value not in new_roles or not active):
        admins = s.execute(select(func.count()).select_from(UserRole).join(User)
                           .where(UserRole.role == Role.admin.value, User.is_active.is_(True))).scalar_one()
        if admins <= 1:
            raise ValidationError("系统至少需要保留一名启用的系统管理员")


def set_active(ws: Workspace, username: str, active: bool) -> None:
    require(ws.current_user, "users.manage")
    with ws.transaction() as s:
        user = _get_by_name(s, username)
        if not active and ws.current_user and user.id == ws.current_user.id:
            raise ValidationError("不能停用当前登录的账号")
        _keep_an_admin(s, user, sorted(user.role_codes), active)
        user.is_active = active
        if active:
            user.failed_logins, user.locked_until = 0, None
        audit.record(s, ws.current_user, "user.enable" if active else "user.disable", "user", user.id,
                     {"username": username})


def unlock(ws: Workspace, username: str) -> None:
    """An admin lifts a sign-in lockout before it runs out (audited); the count of failures starts again."""
    require(ws.current_user, "users.manage")
    now = ws.now()
    with ws.transaction() as s:
        user = _get_by_name(s, username)
        if not (user.locked_until and user.locked_until > now):
            raise StateError(f"用户“{username}”没有被锁定，无需解锁")
        until = user.locked_until
        user.failed_logins, user.locked_until = 0, None
        audit.record(s, ws.current_user, "user.unlock", "user", user.id,
                     {"username": username, "locked_until": until.isoformat()})


def change_password(ws: Workspace, old_password: str, new_password: str) -> None:
    """The signed-in user changes their own password (re-wrapping their identity key)."""
    if ws.current_user is None:
        raise AuthenticationError("请先登录")
    with ws.transaction() as s:
        user = s.get(User, ws.current_user.id)
        _verify(ws, user, old_password)
        check_password_policy(s, new_password)
        user.password_hash = hash_password(ws, new_password)
        identity.on_password_change(ws, user, old_password, new_password)
        key_pairs.rewrap(ws, user, old_password, new_password)
        audit.record(s, ws.current_user, "user.password", "user", user.id, {})


def reset_password(ws: Workspace, username: str, new_password: str) -> None:
    """An admin sets a new password (the user loses access to identities until the secretary grants it again, in
    设置 → 身份信息授权)."""
    require(ws.current_user, "users.manage")
    with ws.transaction() as s:
        user = _get_by_name(s, username)
        check_password_policy(s, new_password)
        user.password_hash = hash_password(ws, new_password)
        user.wrapped_data_key = None
        case_file_keys.on_password_reset(ws, user, new_password)
        user.failed_logins, user.locked_until = 0, None
        audit.record(s, ws.current_user, "user.password_reset", "user", user.id, {"username": username})


# Every failed sign-in says the same, whatever failed: trying names and passwords tells nobody
# which accounts exist, or whether a guess during a lockout was right.
SIGN_IN_FAILED = "用户名或密码错误（连续输错 {max_fail} 次账号将锁定 {minutes} 分钟，已锁定的请稍后再试）"
# The lock screen names its user, so its failure names the password alone (the same for every cause).
PASSWORD_FAILED = "密码错误（连续输错 {max_fail} 次账号将锁定 {minutes} 分钟，已锁定的请稍后再试）"
DISABLED = "该账号已停用，请联系系统管理员"
DISABLED_ADMIN = "该账号已停用，需由另一名系统管理员在“设置 → 用户管理”中启用"


def _password_ok(ws: Workspace, password_hash: str, password: str) -> bool:
    try:
        return ws.crypto.password_hasher.verify(password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _verify(ws: Workspace, user: User, password: str) -> None:
    if not _password_ok(ws, user.password_hash, password):
        raise AuthenticationError("密码错误")  # the user is known: only the password is in question


def login(ws: Workspace, username: str, password: str, *, failure: str = SIGN_IN_FAILED) -> CurrentUser:
    """Check the password; lock the account after repeated failures. Failures are audited.

    An unknown name, a wrong password and a locked account all take the same work (one argon2
    verify, against a dummy hash for an unknown name) and get the same message; the audit log keeps
    the real reason. Only the right password of a disabled account is told that it is disabled.
    """
    now = ws.now()
    with ws.transaction(check_user=False) as s:
        max_fail = settings.get(s, settings.LOCKOUT_MAX_FAILURES)
        minutes = settings.get(s, settings.LOCKOUT_MINUTES)
        user = s.execute(select(User).where(User.username == (username or "").strip())).scalar_one_or_none()
        right = _password_ok(ws, user.password_hash if user is not None else ws.crypto.dummy_password_hash,
                             password)
        failed = AuthenticationError(failure.format(max_fail=max_fail, minutes=minutes))
        error: AuthenticationError | None = None
        if user is None:
            audit.record(s, None, "login.failed", "user", "", {"username": (username or "")[:40], "reason": "unknown"})
            error = failed
        elif user.locked_until and user.locked_until > now:
            audit.record(s, user, "login.failed", "user", user.id, {"reason": "locked"})
            error = failed
        elif not right:
            user.failed_logins += 1
            audit.record(s, user, "login.failed", "user", user.id,
                         {"reason": "password", "failures": user.failed_logins})
            if user.failed_logins >= max_fail:
                user.locked_until = now + dt.timedelta(minutes=minutes)
                user.failed_logins = 0
                audit.record(s, user, "login.locked", "user", user.id, {"minutes": minutes})
            error = failed
        elif not user.is_active:
            audit.record(s, user, "login.failed", "user", user.id, {"reason": "disabled"})
            error = AuthenticationError(DISABLED_ADMIN if Role.admin.value in user.role_codes else DISABLED)
        if error is None:
            user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
            if ws.crypto.password_hasher.check_needs_rehash(user.password_hash):
                user.password_hash = hash_password(ws, password)
            audit.record(s, user, "login", "user", user.id, {})
            current = to_current(user)
            current.standing = session_guard.standing_of(ws)
            private = key_pairs.private_key(ws, user, password)
            identity.on_login(ws, user, password, private)
            case_file_keys.on_login(ws, s, user, private)
    if error is not None:
        raise error
    ws.current_user = current
    _after_sign_in(ws)
    return current


def _after_sign_in(ws: Workspace) -> None:
    """Empty the folder of opened attachments (left by a crash); seal, with the keys this user holds, the
    attachments stored before sealing existed. Neither may stop a sign-in: a file that cannot be sealed now is tried again
    at the next one, and named in the log."""
    from services.storage import attachment_sealing
    attachment_sealing.purge_opened(ws)
    try:
        sealed, problems = attachment_sealing.seal_existing(ws)
    except (DomainError, SQLAlchemyError) as exc:  # e.g. the shared 附件文件夹 is not reachable at this moment
        _log.warning("sealing earlier attachments stopped: %s", exc)
        return
    if sealed or problems:
        _log.info("sealed %d earlier attachment(s); not sealed: %s", sealed, problems)


def resume(ws: Workspace, username: str, password: str) -> CurrentUser:
    """The lock screen's sign-in of its own user: ``login`` (audited, lockout), failing with 密码错误."""
    return login(ws, username, password, failure=PASSWORD_FAILED)


def logout(ws: Workspace) -> None:
    from services.storage import attachment_sealing
    identity.on_logout(ws)
    case_file_keys.on_logout(ws)
    attachment_sealing.purge_opened(ws)
    ws.current_user = None


def grant_identity(ws: Workspace, username: str) -> None:
    """The secretary grants a user (a clerk made by a plain admin, one whose password was reset) the identity key."""
    with ws.transaction() as s:
        identity.grant(ws, s, _get_by_name(s, username))


def identity_grants(ws: Workspace) -> list[dict]:
    """Every active user whose roles may see identities, and where their grant stands (``identity.grant_state``)."""
    require(ws.current_user, "identity.grant")
    with ws.reading() as s:
        rows = s.execute(select(User).where(User.is_active.is_(True)).order_by(User.id)).scalars().all()
        stated = [(u, identity.grant_state(u)) for u in rows]
        return [{"username": u.username, "display_name": u.display_name, "roles": sorted(u.role_codes),
                 "state": state} for u, state in stated if state != "not_permitted"]


def verify_password(ws: Workspace, password: str) -> None:
    """Re-check the signed-in user's password (idle unlock) without a new sign-in event."""
    if ws.current_user is None:
        raise AuthenticationError("请先登录")
    login(ws, ws.current_user.username, password)
