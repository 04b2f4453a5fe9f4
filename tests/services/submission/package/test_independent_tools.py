"""A package must check out with tools that share no code with ours."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def run(*cmd, cwd=None):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_openssl_verifies_the_detached_cms_over_the_tag_manifest(package, township, tmp_path):
    root = tmp_path / "root.pem"
    root.write_bytes(township.root.cert_pem)
    f = package.folder
    ok = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", f / "signature.p7s",
             "-content", f / "tagmanifest-sha256.txt", "-CAfile", root, "-purpose", "any",
             "-out", tmp_path / "content.out")
    assert ok.returncode == 0, ok.stderr
    assert "Verification successful" in ok.stderr
    assert (tmp_path / "content.out").read_bytes() == (f / "tagmanifest-sha256.txt").read_bytes()
    # and openssl notices a changed manifest
    changed = tmp_path / "tm.txt"
    changed.write_bytes((f / "tagmanifest-sha256.txt").read_bytes().replace(b"bagit.txt", b"bagit.txT"))
    bad = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", f / "signature.p7s",
              "-content", changed, "-CAfile", root, "-purpose", "any", "-out", "/dev/null")
    assert bad.returncode != 0


def test_bagit_command_line_validates_the_bag(package):
    res = run(sys.executable, VENV_BIN / "bagit.py", "--validate", package.folder)
    assert res.returncode == 0, res.stderr
    assert "is valid" in res.stderr
    (package.folder / "data/report.json").write_bytes(b"{}")
    res = run(sys.executable, VENV_BIN / "bagit.py", "--validate", package.folder)
    assert res.returncode != 0


def test_poppler_pdfsig_reports_a_valid_signature_over_the_whole_file(package):
    res = run("pdfsig", package.folder / "data/report.pdf")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Signature is Valid" in out
    assert "Total document signed" in out
    assert "青石镇纪委" in out
    # pdfsig does not know our county root, so it must not claim trust
    assert "Certificate Validation: Certificate issuer isn't Trusted" in out


def test_pdfsig_sees_an_altered_pdf(package, tmp_path):
    pdf = (package.folder / "data/report.pdf").read_bytes()
    at = pdf.index(b"ReportLab Generated PDF document") + 2
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(pdf[:at] + b"X" + pdf[at + 1:])
    out = run("pdfsig", bad).stdout
    assert "Signature is Valid" not in out
    # the exact line poppler (pdfsig 22.12) prints when the signed byte ranges no longer match the digest
    assert "  - Signature Validation: Digest Mismatch." in out.splitlines()
