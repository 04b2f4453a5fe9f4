"""The page registry: the navigation bar's entries, in order.

A page is a QWidget class (or factory) taking ``(ctx, parent=None)``; if it also accepts a ``spec``
keyword it receives its PageSpec. To provide a real page, add the module named
by its ``factory_path`` (e.g. ``gui/pages/complaints.py`` defining ``ComplaintsPage``): while that
module does not exist, the placeholder stands in; if it exists but fails to import or to build,
the page shows the error instead of crashing the app. Optional page methods: ``page_shown()``
(called each time the page is brought to front).

``permissions``: the page is shown when the user holds any of them; empty means everyone.
"""
from __future__ import annotations

import importlib
import inspect
import traceback
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from services.security.permissions import allowed

PLACEHOLDER = "gui.pages.placeholder:PlaceholderPage"


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str                     # Chinese source text, translated in context "pages"
    factory_path: str              # "package.module:Callable"
    permissions: tuple[str, ...] = ()
    summary: str = ""              # what the page will hold (shown by the placeholder)
    fallback_path: str = PLACEHOLDER

    def display_title(self) -> str:
        return QCoreApplication.translate("pages", self.title)

    def display_summary(self) -> str:
        return QCoreApplication.translate("pages", self.summary)

    def visible_to(self, roles) -> bool:
        return not self.permissions or any(allowed(roles, p) for p in self.permissions)


PAGE_SPECS: list[PageSpec] = [
    PageSpec("workbench", QT_TRANSLATE_NOOP("pages", "工作台"), "gui.pages.dashboard_page:DashboardPage",
             ("complaint.view", "lead.view", "case.view"),
             QT_TRANSLATE_NOOP("pages", "工作台：汇总本人待办事项，列出即将到期和已经超期的办理时限（受理告知、"
                                        "转办上报、谈话函询、初核、立案审批、审查调查），显示本月收件、线索处置、"
                                        "立案结案的简要数字。")),
    PageSpec("complaints", QT_TRANSLATE_NOOP("pages", "信访登记"), "gui.pages.complaints_page:ComplaintsPage",
             ("complaint.view",),
             QT_TRANSLATE_NOOP("pages", "信访登记：登记来信、来访、来电、网络举报和上级转办交办、巡视巡察移交、"
                                        "审计移送的信访件；录入反映人（加密保存）和被反映人、问题类别，上传来信扫描件；"
                                        "识别重复件，办理受理、转办、上报和办结。")),
    PageSpec("leads", QT_TRANSLATE_NOOP("pages", "问题线索"), "gui.pages.leads_page:LeadsPage", ("lead.view",),
             QT_TRANSLATE_NOOP("pages", "问题线索：登记来自信访举报和其他来源的问题线索，按谈话函询、初步核实、"
                                        "暂存待查、予以了结四类方式处置，报纪委书记审批，跟踪处置时限和办理结果。")),
    PageSpec("cases", QT_TRANSLATE_NOOP("pages", "案件"), "gui.pages.cases_page:CasesPage", ("case.view",),
             QT_TRANSLATE_NOOP("pages", "案件：立案审查调查的全过程（立案、审查调查、移送审理、审结、处分决定、"
                                        "结案、执行），被调查人信息，党纪处分、政务处分和组织处理，收缴和退赔金额。")),
    PageSpec("ledger", QT_TRANSLATE_NOOP("pages", "一案双查"), "gui.pages.ledger_page:LedgerPage", ("ledger.manage",),
             QT_TRANSLATE_NOOP("pages", "一案双查：对每起案件同步核查相关单位主要领导、分管领导和纪检组织负责人"
                                        "履行主体责任、监督责任的情况，维护台账，记录了结、函询或廉政谈话、"
                                        "追究问责的结果和依据，并可导入已有的 Excel 台账。")),
    PageSpec("reports", QT_TRANSLATE_NOOP("pages", "月报"), "gui.pages.report_page:ReportPage", ("report.view",),
             QT_TRANSLATE_NOOP("pages", "月报：按月统计信访举报、问题线索处置、立案结案、处分人数、四种形态、"
                                        "违反中央八项规定精神问题和一案双查数据，与去年同期比较；填写情况说明，"
                                        "预览和打印 PDF，由纪委书记定稿，定稿后的更正作为新版本保存。")),
    PageSpec("submission", QT_TRANSLATE_NOOP("pages", "报送"), "gui.pages.submission:SubmissionPage",
             ("package.create", "county.import", "keys.manage"),
             QT_TRANSLATE_NOOP("pages", "报送：生成带电子签名的月报报送包并导出到U盘；管理本单位密钥、证书申请和"
                                        "县纪委签发的证书；县级模式下接收、逐项核验并汇总各乡镇的报送包。")),
    PageSpec("settings", QT_TRANSLATE_NOOP("pages", "设置"), "gui.pages.settings_page:SettingsPage", (),
             QT_TRANSLATE_NOOP("pages", "设置：用户管理、修改密码和系统设置。"), fallback_path=PLACEHOLDER),
]


def _import(path: str) -> Callable[..., QWidget]:
    module_name, _, attr = path.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def _module_missing(path: str, exc: ModuleNotFoundError) -> bool:
    """True when the page's own module does not exist (not when something it imports is missing)."""
    module_name = path.partition(":")[0]
    return exc.name is not None and (module_name == exc.name or module_name.startswith(exc.name + "."))


def _call(factory: Callable[..., QWidget], ctx, spec: PageSpec) -> QWidget:
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        params = {}
    if "spec" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return factory(ctx, spec=spec)
    return factory(ctx)


def build_page(spec: PageSpec, ctx) -> QWidget:
    """The page for ``spec``; the placeholder when its module is absent; an error page if it breaks."""
    try:
        try:
            factory = _import(spec.factory_path)
        except ModuleNotFoundError as exc:
            if not _module_missing(spec.factory_path, exc):
                raise
            factory = _import(spec.fallback_path)
        return _call(factory, ctx, spec)
    except Exception:  # noqa: BLE001 - a broken page must not take the app down
        from .placeholder import ErrorPage
        return ErrorPage(spec, traceback.format_exc())
