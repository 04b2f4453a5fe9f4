"""Issue 14 item 15: plain official wording: 校验码 (the hash in 详细信息/tooltips), no 上传 in an offline app,
one term (追责) for accountability, the root certificate named as the CLI writes it (县纪委根证书.pem)."""
from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QLabel

from gui.dialogs.complaint_form import ComplaintForm
from gui.settings.certificates_township import TownshipCertificatesTab
from services.submission import keys

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ("gui", "services", "cli", "models")


def _strings(dirs=APP_DIRS):
    """(file, text) of every string literal in the application's code (docstrings and comments aside)."""
    for d in dirs:
        for path in sorted((ROOT / d).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = {id(n.body[0].value) for n in ast.walk(tree)
                    if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                    yield path.relative_to(ROOT).as_posix(), node.value


def test_no_upload_in_an_offline_app():
    assert [(f, t) for f, t in _strings() if "上传" in t] == []


def test_one_term_for_accountability():
    assert [(f, t) for f, t in _strings() if "问责方式" in t] == []
    # 追究问责 stays only where the county's printed form and old ledgers say it: the report's row label
    # (DOMAIN §7) and the import's accepted spellings of the outcome 追责.
    assert sorted({f for f, t in _strings() if "追究问责" in t}) == ["services/interchange/ledger_spec.py",
                                                                 "services/reporting/layout.py"]


def test_no_sha256_in_the_interface_but_in_details_and_tooltips():
    shown = sorted({t for _, t in _strings(("gui",)) if "SHA-256" in t})
    assert shown == ["按 SHA-256 计算；县纪委可据此核对收到的文件包与写出的一致", "校验码（SHA-256）：{sha}"]


def test_a_file_added_before_the_first_save_is_added_on_save(admin_ctx, qtbot, tmp_path):
    scan = tmp_path / "来信扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scanned letter\n")
    form = ComplaintForm(admin_ctx)
    qtbot.addWidget(form)
    form.add_files([scan])
    table = form.attachments.table
    assert [table.item(0, c).text() for c in (0, 2)] == ["来信扫描件.pdf", "保存时添加"]


def test_the_township_is_told_the_root_certificate_by_the_name_the_cli_writes(admin_ctx, qtbot):
    assert keys.ROOT_HANDOUT_FILE == "县纪委根证书.pem"  # README: `ca init --root-out 县纪委根证书.pem`
    tab = TownshipCertificatesTab(admin_ctx)
    qtbot.addWidget(tab)
    hints = [w.text() for w in tab.findChildren(QLabel) if "交回两个文件" in w.text()]
    assert hints == ["县纪委签发后会交回两个文件：本单位的证书（如 QS001-证书.pem）和县纪委根证书"
                     "（县纪委根证书.pem）。依次选择这两个文件，再输入第一步设置的私钥口令。"]
