"""信访件登记表, the complainant's identity: which fields the 署名情况 asks for, showing it masked, 查看 (the
full identity, audited by the service) and what is sent back on save (nothing and ``keep_identity``
when unchanged, so the stored identity is kept). A mixin of ``ComplaintForm`` (translations stay in its context)."""
from __future__ import annotations

from models.enums import Signature
from services.casework import intake

from ..operations import DbOp

IDENTITY_FIELDS = ("name", "phone", "id_number", "address")


class ComplaintIdentity:
    """反映人 of ``ComplaintForm``."""

    def _signature_changed(self, *_args) -> None:
        if self.view is not None:
            return  # a saved complaint shows its stored (masked) identity; see load() / reveal_identity()
        code = self.signature.value()
        enabled = code in (Signature.real_name.value, Signature.signed.value) and self.can_register
        for w in (self.c_name, self.c_phone, self.c_id_number, self.c_address):
            w.setEnabled(enabled)   # text typed before switching to 匿名 is kept, not silently erased
        hints = {Signature.real_name.value: self.tr("实名：须填写姓名，以及联系电话或单位、地址（至少一项）。"),
                 Signature.signed.value: self.tr("署名：须填写姓名，联系方式可不填。"),
                 Signature.anonymous.value: self.tr("匿名：不填写反映人信息。")}
        self.identity_note.setText(hints.get(code, self.tr("请先选择署名情况。")))

    def _identity_editable(self) -> bool:
        if not self.can_register:
            return False
        return self.view is None or (self.revealed is not None and "edit" in self.view.actions)

    def _show_identity(self, values: dict, *, masked: bool) -> None:
        for key, edit in zip(IDENTITY_FIELDS, (self.c_name, self.c_phone, self.c_id_number, self.c_address)):
            edit.setText(values.get(key) or "")
            edit.setReadOnly(masked or not self._identity_editable())
            edit.setEnabled(True)

    def reveal_identity(self) -> None:
        if self.complaint_id is None:
            return
        complaint_id = self.complaint_id
        # a write: the service records the view in the audit log
        DbOp(self, lambda: intake.reveal_identity(self.ws, complaint_id)).success(self._revealed).run()

    def _revealed(self, values: dict) -> None:
        self._loading = True
        self.revealed = dict(values)
        self._show_identity(values, masked=False)
        self._loading = False
        self.reveal_button.setEnabled(False)
        self.identity_note.setText(self.tr("已显示完整身份信息（本次查看已记入审计日志）。请注意保密。"))
        self._load_timeline()

    def _current_identity(self) -> dict:
        return {k: e.text().strip() for k, e in zip(IDENTITY_FIELDS, (self.c_name, self.c_phone, self.c_id_number,
                                                                      self.c_address))}

    def _keeps_identity(self) -> bool:
        """A saved complaint whose identity was not revealed (the fields show it masked) or is unchanged."""
        if self.view is None:
            return False
        return self.revealed is None or self._current_identity() == {k: self.revealed.get(k) or ""
                                                                     for k in IDENTITY_FIELDS}

    def _identity_input(self) -> dict:
        if self._keeps_identity() or (self.signature.value() == Signature.anonymous.value and self.view is None):
            return dict.fromkeys(IDENTITY_FIELDS)   # kept: the service is told so (keep_identity), sent nothing
        return {k: (v or None) for k, v in self._current_identity().items()}
