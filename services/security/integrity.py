"""``audit verify`` and ``check --deep``: the chain, its checkpoints and (deep) every audited row."""
from __future__ import annotations

from dataclasses import dataclass

from services.security import audit, audit_checkpoints, row_digest
from services.storage.workspace import Workspace


@dataclass
class IntegrityReport:
    chain: audit.ChainReport
    checkpoints: audit_checkpoints.CheckpointReport
    rows: row_digest.RowCheck | None = None

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.checkpoints.ok and (self.rows is None or self.rows.ok)

    def message(self) -> str:
        parts = [self.chain.message(), self.checkpoints.message()]
        if self.rows is not None:
            parts.append(self.rows.message())
        return "\n".join(parts)

    def as_dict(self) -> dict:
        out = {"ok": self.ok, "count": self.chain.count, "head": self.chain.head,
               "first_broken_id": self.chain.first_broken_id, "reason": self.chain.reason,
               "checkpoints": {"ok": self.checkpoints.ok, "count": self.checkpoints.count,
                               "signed": self.checkpoints.signed,
                               "unsigned_uncovered": self.checkpoints.unsigned_uncovered,
                               "problems": self.checkpoints.problems}}
        if self.rows is not None:
            out["rows"] = {"ok": self.rows.ok, "checked": self.rows.checked, "unverified": self.rows.unverified,
                           "findings": [{"table": f.table, "id": f.row_id, "label": f.label, "kind": f.kind,
                                         "message": f.message} for f in self.rows.findings]}
        return out


def verify(ws: Workspace, *, deep: bool = False) -> IntegrityReport:
    with ws.reading() as s:
        chain = audit.verify_chain(s)
        checkpoints = audit_checkpoints.verify(s, ws.data_dir)
        rows = row_digest.check_rows(s) if deep else None
    return IntegrityReport(chain, checkpoints, rows)
