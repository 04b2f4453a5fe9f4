"""设置 → 证书: the township's signing key and certificate, or the county's root and issued certificates.

The two are separate classes (gui.settings.certificates_township / certificates_county); this module
chooses the one for the installation's mode and keeps the names other modules import from here.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.enums import OrgMode

from ..context import AppContext, org_summary
from ..settings.certificates_common import (NOTICE_STYLE, OK_STYLE, WARN_DAYS, WARN_STYLE, CertificatesTabBase,
                                            readable_subject, short_fp)
from ..settings.certificates_county import CountyCertificatesTab
from ..settings.certificates_township import TownshipCertificatesTab
from ..local_times import local_date
from ..usb_files import (ask_passphrase, choose_open_file, last_dir, read_file, remember_dir,
                         save_file)

__all__ = ["CertificatesTab", "CertificatesTabBase", "CountyCertificatesTab", "TownshipCertificatesTab",
           "NOTICE_STYLE", "OK_STYLE", "WARN_DAYS", "WARN_STYLE", "ask_passphrase",
           "choose_open_file", "last_dir", "local_date", "read_file", "readable_subject", "remember_dir",
           "save_file", "short_fp"]


def tab_class_for(mode: str | None) -> type[CertificatesTabBase]:
    return CountyCertificatesTab if mode == OrgMode.county.value else TownshipCertificatesTab


def CertificatesTab(ctx: AppContext, parent: QWidget | None = None) -> CertificatesTabBase:  # noqa: N802 - the old class name
    """The 证书 tab for this installation's mode (township before setup)."""
    # blocking: which class the tab is depends on the mode, read before the tab can be built
    org = ctx.call_db(parent, lambda: org_summary(ctx.ws))
    return tab_class_for(org.mode if org else None)(ctx, parent)
