"""The one object every window and page receives: workspace, executors, QSettings, translator."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QSettings, QTranslator, Signal
from PySide6.QtWidgets import QWidget

from resources import compiled_catalogue
from services.storage.workspace import OrgInfo, Workspace, open_workspace

from .date_field import apply_interface_locale
from .executor import Executor, db_executor, export_pool, run_with_progress

if TYPE_CHECKING:
    from services.security.crypto_params import CryptoParams

STATE_FILE = "desktop-state.ini"


class ContextSignals(QObject):
    """What the whole GUI may want to hear about, whoever caused it."""

    sig_data_changed = Signal()
    """A ``DbOp`` wrote to the database (pages showing data refresh when next shown)."""


@dataclass
class AppContext:
    """Built once by ``create_app_context``; no module globals anywhere in ``gui/``."""

    workspace: Workspace
    db: Executor          # the single worker for all database work
    pool: Executor        # exports, rendering, verification
    settings: QSettings   # window geometry and small per-installation UI state
    translator: QTranslator | None = None
    lang: str = "zh"
    demo: bool = False
    synchronous: bool = False
    signals: ContextSignals = field(default_factory=ContextSignals)

    @property
    def sig_data_changed(self):
        return self.signals.sig_data_changed

    @property
    def ws(self) -> Workspace:
        return self.workspace

    def call_db(self, parent: QWidget | None, fn: Callable[[], Any], title: str = "") -> Any:
        """Run ``fn()`` on the database worker and WAIT for it (progress shown after 0.5 s).

        Only for the few truly modal steps, where nothing else may happen until the answer is in:
        sign-in (no window behind it may act before the user is known), restore and setup (the
        data dir is being replaced), and reads a dialog needs before it can be built. Everything
        else goes through ``gui.operations`` (DbOp/QueryOp), which never blocks the GUI thread.
        """
        title = title or QCoreApplication.translate("AppContext", "正在处理，请稍候……")
        return run_with_progress(parent, lambda _token: fn(), title, executor=self.db, cancellable=False)

    def close(self) -> None:
        self.settings.sync()
        self.db.shutdown(wait=True)
        self.pool.shutdown(wait=False)
        app = QCoreApplication.instance()
        if self.translator is not None and app is not None:
            app.removeTranslator(self.translator)
        self.workspace.close()


OrgSummary = OrgInfo


def org_summary(ws: Workspace) -> OrgInfo | None:
    """This office's name, code, county and mode as plain values (None before setup)."""
    return ws.organization()


QT_CATALOGUES = {"zh": "qtbase_zh_CN"}
"""Qt's own strings (file dialogs, text field menus, standard buttons) for a language; English is built in."""


def load_translator(lang: str) -> QTranslator | None:
    """Install the catalogue for ``lang`` on the running application: for Chinese, Qt's own ``qtbase_zh_CN``
    (the interface's source language needs no catalogue of ours); for another language, ours."""
    translator = QTranslator()
    if lang in QT_CATALOGUES:
        loaded = translator.load(QT_CATALOGUES[lang], QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    else:
        qm = compiled_catalogue(lang)
        loaded = qm is not None and translator.load(str(qm))
    if not loaded:
        return None
    app = QCoreApplication.instance()
    if app is not None:
        app.installTranslator(translator)
    return translator


def create_app_context(data_dir: Path | str, *, synchronous: bool = False, lang: str = "zh", demo: bool = False,
                       today: Callable[[], dt.date] | None = None,
                       translator: QTranslator | None = None, lock: bool = False,
                       crypto: "CryptoParams | None" = None, url: str | None = None) -> AppContext:
    """Open the workspace in ``data_dir`` (creating or upgrading it) and build the context.

    UI state (geometry) is kept in ``<data_dir>/desktop-state.ini``, so a portable data folder on a
    USB stick leaves nothing behind on the office PC. ``translator``: one already installed (else
    the catalogue for ``lang`` is loaded here). ``lock``: take the data dir's instance lock (the app
    does; it is held until ``close()``). ``crypto``: the argon2id costs (tests pass cheap ones). ``url``: a server
    database (gui.database_choice) instead of the data dir's SQLite file. Raises ``DomainError`` when the data
    dir or the server cannot be used.
    """
    data_dir = Path(data_dir)
    workspace = open_workspace(data_dir, url=url, today=today, lock=lock, crypto=crypto)
    apply_interface_locale(lang)  # calendars name months and days in the interface language
    qsettings = QSettings(str(workspace.data_dir / STATE_FILE), QSettings.Format.IniFormat)
    return AppContext(workspace=workspace, db=db_executor(synchronous=synchronous),
                      pool=export_pool(synchronous=synchronous), settings=qsettings,
                      translator=translator if translator is not None else load_translator(lang), lang=lang, demo=demo, synchronous=synchronous)
