"""The page registry: the navigation bar's entries, in order, each with its page class.

A page class derives from ``gui.pages.base.Page`` and is built as ``cls(ctx, spec)``; where the
township and the county need different pages (报送), ``county_page`` is the county's class and the
installation's mode chooses. A page that fails to build shows the error instead of taking the app
down (``ErrorPage``).

``permissions``: the page is shown when the user holds any of them; empty means everyone.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from models.enums import OrgMode
from services.security.permissions import allowed

from .cases_page import CasesPage
from .complaints_page import ComplaintsPage
from .dashboard_page import DashboardPage
from .leads_page import LeadsPage
from .ledger_page import LedgerPage
from .report_page import ReportPage
from .settings_page import SettingsPage
from .submission_county import CountySubmissionPage
from .submission_township import TownshipSubmissionPage

__all__ = ["PAGE_SPECS", "PageSpec", "build_page"]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str                     # Chinese source text, translated in context "pages"
    page: type[QWidget]            # built as page(ctx, spec)
    permissions: tuple[str, ...] = ()
    summary: str = ""              # what the page holds, in its own words
    county_page: type[QWidget] | None = None   # the county's own class, if it differs
    county_title: str = ""         # the county's own navigation title, if it differs

    def display_title(self, mode: str | None = None) -> str:
        county = mode == OrgMode.county.value and self.county_title
        return QCoreApplication.translate("pages", self.county_title if county else self.title)

    def display_summary(self) -> str:
        return QCoreApplication.translate("pages", self.summary)

    def visible_to(self, roles) -> bool:
        return not self.permissions or any(allowed(roles, p) for p in self.permissions)

    def page_class(self, mode: str | None) -> type[QWidget]:
        """The class for the installation's mode (township before setup)."""
        if mode == OrgMode.county.value and self.county_page is not None:
            return self.county_page
        return self.page


PAGE_SPECS: list[PageSpec] = [
    PageSpec("workbench", QT_TRANSLATE_NOOP("pages", "工作台"), DashboardPage,
             ("complaint.view", "lead.view", "case.view"),
             QT_TRANSLATE_NOOP("pages", "工作台：汇总本人待办事项，列出即将到期和已经超期的办理时限（受理告知、"
                                        "转办上报、谈话函询、初核、立案审批、审查调查），显示本月收件、线索处置、"
                                        "立案结案的简要数字。")),
    PageSpec("complaints", QT_TRANSLATE_NOOP("pages", "信访登记"), ComplaintsPage, ("complaint.view",),
             QT_TRANSLATE_NOOP("pages", "信访登记：登记来信、来访、来电、网络举报和上级转办交办、巡视巡察移交、"
                                        "审计移送的信访件；录入反映人（加密保存）和被反映人、问题类别，添加来信扫描件；"
                                        "识别重复件，办理受理、转办、上报和办结。")),
    PageSpec("leads", QT_TRANSLATE_NOOP("pages", "问题线索"), LeadsPage, ("lead.view",),
             QT_TRANSLATE_NOOP("pages", "问题线索：登记来自信访举报和其他来源的问题线索，按谈话函询、初步核实、"
                                        "暂存待查、予以了结四类方式处置，报纪委书记审批，跟踪处置时限和办理结果。")),
    PageSpec("cases", QT_TRANSLATE_NOOP("pages", "案件"), CasesPage, ("case.view",),
             QT_TRANSLATE_NOOP("pages", "案件：立案审查调查的全过程（立案、审查调查、移送审理、审结、处分决定、"
                                        "结案、执行），被调查人信息，党纪处分、政务处分和组织处理，收缴和退赔金额。")),
    PageSpec("ledger", QT_TRANSLATE_NOOP("pages", "一案双查"), LedgerPage, ("ledger.manage",),
             QT_TRANSLATE_NOOP("pages", "一案双查：对每起案件同步核查相关单位主要领导、分管领导和纪检组织负责人"
                                        "履行主体责任、监督责任的情况，维护台账，记录了结、函询或廉政谈话、"
                                        "追责的结果和依据，并可导入已有的 Excel 台账。")),
    PageSpec("reports", QT_TRANSLATE_NOOP("pages", "月报"), ReportPage, ("report.view",),
             QT_TRANSLATE_NOOP("pages", "月报：按月统计信访举报、问题线索处置、立案结案、处分人数、四种形态、"
                                        "违反中央八项规定精神问题和一案双查数据，与去年同期比较；填写情况说明，"
                                        "预览和打印 PDF，由纪委书记定稿，定稿后的更正作为新版本保存。")),
    PageSpec("submission", QT_TRANSLATE_NOOP("pages", "报送"), TownshipSubmissionPage,
             ("package.create", "county.import"),  # keys and certificates are in 设置 → 证书
             QT_TRANSLATE_NOOP("pages", "报送：生成带电子签名的月报报送包并导出到U盘；管理本单位密钥、证书申请和"
                                        "县纪委签发的证书；县级模式下接收、逐项核验并汇总各乡镇的报送包。"),
             county_page=CountySubmissionPage, county_title=QT_TRANSLATE_NOOP("pages", "报送接收与汇总")),
    PageSpec("settings", QT_TRANSLATE_NOOP("pages", "设置"), SettingsPage, (),
             QT_TRANSLATE_NOOP("pages", "设置：用户管理、修改密码和系统设置。")),
]


def build_page(spec: PageSpec, ctx, mode: str | None = None) -> QWidget:
    """The page for ``spec`` in this installation's ``mode``; an error page if building it fails."""
    try:
        return spec.page_class(mode)(ctx, spec)
    except Exception:  # noqa: BLE001 - a broken page must not take the app down
        from .error_page import ErrorPage
        return ErrorPage(spec, traceback.format_exc())
