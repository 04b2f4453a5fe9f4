"""GUI fixtures: a real AppContext on tmp_path (synchronous executor), widgets closed after each test."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.app import configure_application
from gui.context import create_app_context
from services.security import setup, users
from tests.conftest import ADMIN_PASSWORD, published_up_to_2026
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.gui_usb import FakeDialogs
from tests.helpers.gui_users import sign_in


@pytest.fixture
def make_ctx(tmp_path, today, qapp):
    """Build AppContexts on one data dir (so a second one sees the first one's saved state)."""
    configure_application(qapp)
    made = []

    def make(**kw):
        kw.setdefault("crypto", CHEAP_CRYPTO)
        ctx = create_app_context(tmp_path / "data", synchronous=True, today=lambda: today, **kw)
        ctx.workspace.calendar_known_years = published_up_to_2026
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def blank_ctx(make_ctx):
    return make_ctx()


@pytest.fixture
def ctx(blank_ctx):
    """Initialized township 青山镇纪委 with user wang (admin + secretary), nobody signed in."""
    setup.initialize(blank_ctx.workspace, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委",
                     mode="township", username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    return blank_ctx


@pytest.fixture
def admin_ctx(ctx):
    users.login(ctx.workspace, "wang", ADMIN_PASSWORD)
    return ctx


@pytest.fixture
def wang_ctx(admin_ctx):
    """The township with wang signed in (the name the casework tests use)."""
    return admin_ctx


@pytest.fixture
def clerk_ctx(ctx):
    """The township with clerk1 (a 信访 clerk wang created) signed in."""
    sign_in(ctx, "clerk1", ["clerk"])
    return ctx


@pytest.fixture
def make_office(tmp_path, today, qapp):
    """Initialized offices on their own data dirs (tmp_path/<code>), signed in as wang (admin + secretary)."""
    configure_application(qapp)
    made = []

    def make(name: str, code: str, mode: str = "township"):
        ctx = create_app_context(tmp_path / code, synchronous=True, today=lambda: today, crypto=CHEAP_CRYPTO)
        setup.initialize(ctx.workspace, org_name=name, org_code=code, county_name="云岭县纪委", mode=mode,
                         username="wang", display_name="王书记", password=ADMIN_PASSWORD)
        users.login(ctx.workspace, "wang", ADMIN_PASSWORD)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def add_user(ctx, username: str, roles: list[str], password: str = "user-pass-1") -> None:
    """Create a user as wang, leaving wang signed in."""
    users.login(ctx.workspace, "wang", ADMIN_PASSWORD)
    users.create_user(ctx.workspace, username, username, password, roles)


_TEST_GENERATION = [0]  # bumped after each test: a modal poller of an earlier test stops


def current_test_generation() -> int:
    return _TEST_GENERATION[0]


def when_modal(action, timeout_ms: int = 5000) -> None:
    """Run ``action(dialog)`` on the next modal dialog that opens (the user's hand, in a test)."""
    waited, generation = [0], _TEST_GENERATION[0]

    def poll() -> None:
        if _TEST_GENERATION[0] != generation:
            return  # that test is over: never touch a later test's dialogs
        widget = QApplication.activeModalWidget()
        if widget is None:
            waited[0] += 20
            if waited[0] < timeout_ms:
                QTimer.singleShot(20, poll)
            return
        action(widget)

    QTimer.singleShot(0, poll)


@pytest.fixture(autouse=True)
def _close_widgets(qapp):
    """Close and delete every top-level widget a test left open (Spyder style)."""
    yield
    _TEST_GENERATION[0] += 1
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _forms_closable(_close_widgets):
    """After each test, open forms close without asking (a failed test may leave unsaved edits; the
    question would wait for a click that never comes)."""
    yield
    from gui.dialogs.complaint_form import ComplaintForm
    from gui.dialogs.measure_form import ItemDialog

    for widget in QApplication.allWidgets():
        if isinstance(widget, (ComplaintForm, ItemDialog)):
            widget._dirty = False


def type_text(qtbot, widget, text: str, clear: bool = True) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input-method commit (how an IME delivers it)."""
    from PySide6.QtGui import QInputMethodEvent

    if clear:
        widget.clear()
    widget.setFocus()
    run = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii():
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def prompts(monkeypatch):
    """Replace the prompt seam: message boxes and file dialogs are recorded and answered from a script."""
    from gui.interaction import PROMPT_METHODS, Interaction, ScriptedInteraction

    scripted = ScriptedInteraction()
    for name in PROMPT_METHODS:
        monkeypatch.setattr(Interaction, name, getattr(scripted, name))
    return scripted


@pytest.fixture
def dialogs(monkeypatch, tmp_path, prompts):
    """The USB stick (tmp_path/stick): passphrases typed and files picked there (tests.helpers.gui_usb);
    message boxes go to ``prompts``."""
    stick = tmp_path / "stick"
    stick.mkdir()
    return FakeDialogs(monkeypatch, stick)
