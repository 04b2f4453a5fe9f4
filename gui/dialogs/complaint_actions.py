"""信访件登记表, the actions: the button row (受理, 不予受理, 转办, 登记催办/回复, 上报, 办结, 受理告知, 记录反馈,
打印登记表, 保存, 关闭), running an action through its prompt, printing the sheet, and the 时间线 tab's rows. A mixin of
``ComplaintForm`` (translations stay in its context)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTableWidgetItem

from models.enums import ComplaintKind
from services.casework import intake

from ..form_widgets import ActionDialog
from ..interaction import error_text
from ..operations import DbOp, QueryOp
from ..timeline_reprint import TimelineReprint
from ..widgets import primary, show_info
from .complaint_followup import followup_dialog

# action code -> (button text, prompt title, text label, text required, multiline, text field code)
ACTIONS = {
    "accept": (QT_TRANSLATE_NOOP("ComplaintForm", "受理"), QT_TRANSLATE_NOOP("ComplaintForm", "受理信访件"),
              "", False, False, ""),
    "not_accept": (QT_TRANSLATE_NOOP("ComplaintForm", "不予受理"), QT_TRANSLATE_NOOP("ComplaintForm", "不予受理"),
              QT_TRANSLATE_NOOP("ComplaintForm", "不予受理理由"), True, True, "reason"),
    "transfer": (QT_TRANSLATE_NOOP("ComplaintForm", "转办"), QT_TRANSLATE_NOOP("ComplaintForm", "转办"),
              QT_TRANSLATE_NOOP("ComplaintForm", "转办单位"), True, False, "to_body"),
    # 登记催办/回复, 受理告知 and 记录反馈 open complaint_followup dialogs
    "referral": (QT_TRANSLATE_NOOP("ComplaintForm", "登记催办/回复"), QT_TRANSLATE_NOOP("ComplaintForm", "转办催办与回复"),
              "", False, False, ""),
    "report_up": (QT_TRANSLATE_NOOP("ComplaintForm", "上报"), QT_TRANSLATE_NOOP("ComplaintForm", "上报上级纪委"),
              QT_TRANSLATE_NOOP("ComplaintForm", "上报说明"), False, True, "note"),
    "conclude": (QT_TRANSLATE_NOOP("ComplaintForm", "办结"), QT_TRANSLATE_NOOP("ComplaintForm", "办结"),
              QT_TRANSLATE_NOOP("ComplaintForm", "办结情况"), False, True, "note"),
    "acceptance_notice": (QT_TRANSLATE_NOOP("ComplaintForm", "受理告知"), QT_TRANSLATE_NOOP("ComplaintForm", "记录受理告知"),
              "", False, False, ""),
    "feedback": (QT_TRANSLATE_NOOP("ComplaintForm", "记录反馈"), QT_TRANSLATE_NOOP("ComplaintForm", "记录反馈"),
              QT_TRANSLATE_NOOP("ComplaintForm", "反馈情况"), True, True, "note"),
}


class ComplaintActions:
    """The actions of ``ComplaintForm``."""

    def _build_actions_row(self) -> QHBoxLayout:
        """The row of action buttons, 打印登记表, 保存 and 关闭 under the tabs."""
        self.action_buttons: dict[str, QPushButton] = {}
        actions_row = QHBoxLayout()
        for code, (text, *_rest) in ACTIONS.items():
            button = QPushButton(self.tr(text), self)
            button.clicked.connect(lambda _=False, c=code: self.run_action(c))
            button.hide()
            self.action_buttons[code] = button
            actions_row.addWidget(button)
        self.print_button = QPushButton(self.tr("打印登记表"), self)
        self.print_button.clicked.connect(self.print_sheet)
        actions_row.addWidget(self.print_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.errors.summary_label(self))   # 有 N 处需要修改
        self.save_button = primary(QPushButton(self.tr("保存 (Ctrl+S)"), self))
        self.cancel_button = QPushButton(self.tr("关闭"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.reject)
        actions_row.addWidget(self.save_button)
        actions_row.addWidget(self.cancel_button)
        return actions_row

    def run_action(self, code: str) -> None:
        if self.complaint_id is None:
            return
        if self._dirty:
            show_info(self, self.tr("登记信息有尚未保存的修改，请先保存（Ctrl+S）再办理。"))
            return
        text, title, text_label, required, multiline, field = ACTIONS[code]
        cid = self.complaint_id
        seen = self.view.version if self.view else None   # a newer save from another desk is refused, the input kept
        calls = {
            "accept": lambda d, t: intake.accept(self.ws, cid, d, expected_version=seen),
            "not_accept": lambda d, t: intake.not_accept(self.ws, cid, d, t, expected_version=seen),
            "report_up": lambda d, t: intake.report_up(self.ws, cid, d, t, expected_version=seen),
            "conclude": lambda d, t: intake.conclude(self.ws, cid, d, t, expected_version=seen),
        }
        hint = ""
        if code == "accept" and self.view and self.view.kind == ComplaintKind.accusation.value:
            hint = self.tr("检举控告受理后将自动登记为问题线索（来源：信访举报）。")
        dialog = followup_dialog(self, code)   # 转办, 催办/回复, 告知, 反馈: their own forms
        if dialog is None:
            dialog = ActionDialog(self.tr(title), self.ws.today(), self,
                                  text_label=self.tr(text_label) if text_label else "", text_required=required,
                                  multiline=multiline, hint=hint, text_field=field,
                                  run=calls[code])   # the dialog runs it as a DbOp
        self.action_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.action_dialog = None
        if not accepted:
            return
        view = dialog.result_value
        message = self.tr("已{action}").format(action=self.tr(text))
        if code == "accept" and view is not None and view.lead_id:
            message += self.tr("，已生成问题线索 {n}").format(n=view.lead_number)

        def shown() -> None:
            self.status.setText(message)
            self.sig_saved.emit(cid)

        self._reload(shown)

    def print_sheet(self) -> None:
        """信访举报登记表 in a preview. A write: printing the identity is an audited view (and item_print
        reads and renders in one call, so it stays on the database worker)."""
        if self.complaint_id is None:
            return
        from services.reporting import item_print
        complaint_id = self.complaint_id
        DbOp(self, lambda: item_print.complaint_sheet_pdf(self.ws, complaint_id)).success(self._preview).run()

    def _preview(self, pdf: bytes) -> None:
        from ..pdf_preview import PdfPreviewDialog
        dialog = PdfPreviewDialog(pdf, self.tr("信访举报登记表 {n}").format(n=self.view.number), self,
                                  settings=self.ctx.settings, default_name=f"{self.view.number}.pdf")
        self.preview = dialog
        self._load_timeline()  # printing the identity counts as a view
        dialog.exec()
        self.preview = None

    def _load_timeline(self) -> None:
        if self.complaint_id is None:
            return
        from services.casework import timeline
        complaint_id = self.complaint_id

        def failed(exc: BaseException) -> None:   # the tab stays empty and says why
            self._show_timeline([])
            self.timeline.setToolTip(error_text(exc))

        QueryOp(self, lambda: timeline.timeline(self.ws, "complaint", complaint_id)) \
            .success(self._show_timeline).failure(failed).run()

    def _show_timeline(self, events) -> None:
        self.timeline.setRowCount(len(events))
        for row, e in enumerate(events):
            at = e.at.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(e.at, "astimezone") else str(e.at)
            for col, text in enumerate((at, e.who, e.text_zh)):
                self.timeline.setItem(row, col, QTableWidgetItem(text))
        if getattr(self, "timeline_reprint", None) is None:   # 重新打印 a 告知书 or 转办函 from its entry
            self.timeline_reprint = TimelineReprint(self.timeline, self, self._load_timeline,
                                                    lambda: self.view.number if self.view else "")
        self.timeline_reprint.set_events(events)

    def timeline_texts(self) -> list[str]:
        return [self.timeline.item(r, 2).text() for r in range(self.timeline.rowCount())]
