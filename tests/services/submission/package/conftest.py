"""Shared fixtures: one county root + township key/cert per session, real sample files,
and a factory that writes a real package into tmp_path."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import bagit
import openpyxl
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from fontTools.ttLib import TTCollection
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from services.reporting.layout import SCHEMA, zero_figures
from services.submission import pki
from services.submission.package import build_package, sign_pdf

COUNTY_PASS = b"county-secret-1"
TOWN_PASS = b"town-secret-1"
ORG_NAME = "青石镇纪委"
ORG_CODE = "QS-0101"
PERIOD = "2025-03"
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@dataclass(frozen=True)
class Township:
    root: pki.RootBundle
    key_pem: bytes
    cert_pem: bytes
    serial: int
    org_name: str = ORG_NAME
    org_code: str = ORG_CODE


def issue_raw(root: pki.RootBundle, key_pem: bytes, *, not_before, not_after, serial, non_repudiation=True):
    """A township certificate made directly with cryptography (for certs pki refuses to make)."""
    root_key = pki.load_private_key(root.key_pem, COUNTY_PASS)
    root_cert = pki.load_certificate(root.cert_pem)
    key = pki.load_private_key(key_pem, TOWN_PASS)
    subject = x509.Name([
        x509.NameAttribute(x509.NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, ORG_NAME),
        x509.NameAttribute(x509.NameOID.COMMON_NAME, ORG_NAME),
        x509.NameAttribute(x509.NameOID.SERIAL_NUMBER, ORG_CODE),
    ])
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(root_cert.subject)
        .public_key(key.public_key()).serial_number(serial)
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.KeyUsage(True, non_repudiation, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="session")
def township() -> Township:
    root = pki.create_root("青石县纪委", COUNTY_PASS)
    key_pem, csr = pki.create_signing_key(ORG_NAME, ORG_CODE, TOWN_PASS)
    cert = pki.issue_certificate(root.key_pem, COUNTY_PASS, root.cert_pem, csr, serial=0x1001)
    return Township(root, key_pem, cert, 0x1001)


@pytest.fixture(scope="session")
def other_root_township() -> Township:
    """Same org name and code, but certified by a different county root."""
    root = pki.create_root("青石县纪委", COUNTY_PASS)
    key_pem, csr = pki.create_signing_key(ORG_NAME, ORG_CODE, TOWN_PASS)
    cert = pki.issue_certificate(root.key_pem, COUNTY_PASS, root.cert_pem, csr, serial=0x2002)
    return Township(root, key_pem, cert, 0x2002)


@pytest.fixture(scope="session")
def stamp_font(tmp_path_factory) -> Path:
    """One TrueType face extracted from the WenQuanYi collection (pyHanko/ReportLab need .ttf)."""
    out = tmp_path_factory.mktemp("font") / "wqy-zenhei.ttf"
    TTCollection(str(WQY)).fonts[0].save(str(out))
    return out


@pytest.fixture(scope="session")
def sample_pdf(stamp_font) -> bytes:
    if "SampleCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("SampleCJK", str(stamp_font)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for page, text in enumerate(["信访举报及案件办理情况月报", "情况说明：本月无重大事项"], 1):
        c.setFont("SampleCJK", 16)
        c.drawString(72, 760, text)
        c.drawString(72, 730, f"第 {page} 页")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="session")
def sample_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "月报"
    ws.append(["项目", "本月", "元至本月", "去年同期"])
    ws.append(["受理信访举报", 7, 19, 16])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


AUDIT_HEAD = "9f" * 32


def report_json() -> dict:
    """A complete jijian.monthly-report/1 document as a township packages it (build_package adds
    org_code, org_name, period and revision)."""
    figures = zero_figures()
    figures["complaints_received"] = {"month": 7, "ytd": 19, "ytd_last_year": 16, "change_pct": 18.8}
    return {
        "schema": SCHEMA,
        "org": {"name": ORG_NAME, "code": ORG_CODE, "county": "青石县纪委", "mode": "township"},
        "finalized": True,
        "figures": figures,
        "narrative": "本月无重大事项。",
        "footer": {"leader": "张三", "preparer": "李四", "phone": "0871-1234567", "date": "2025-04-02"},
        "audit_head": AUDIT_HEAD,
        "snapshot_sha256": "ab" * 32,
        "finalized_at": "2025-04-02T09:00:00+08:00",
    }


@pytest.fixture
def build_args(township, stamp_font, sample_pdf, sample_xlsx):
    """Keyword arguments for build_package (minus out_dir) for the session township."""
    def make(**overrides):
        args = dict(
            org_code=ORG_CODE, org_name=ORG_NAME, period=PERIOD, revision=1,
            report_json=report_json(), pdf_bytes=sample_pdf, xlsx_bytes=sample_xlsx,
            audit_head=AUDIT_HEAD, key_pem=township.key_pem, passphrase=TOWN_PASS,
            cert_pem=township.cert_pem, chain_pems=[township.root.cert_pem],
            stamp_font_path=stamp_font, signature_box=(-1, (360, 60, 540, 140)),
        )
        args.update(overrides)
        return args
    return make


@pytest.fixture
def package(tmp_path, build_args):
    """A freshly built, untouched package folder (and its zip) in tmp_path/out."""
    out = tmp_path / "out"
    out.mkdir()
    return build_package(out, make_zip=True, **build_args())


def resign(folder: Path, town: Township, *, now: datetime | None = None) -> None:
    """Regenerate the manifests after a change and sign the new tag manifest with the
    township key, as someone holding the key (or a buggy tool) would."""
    (folder / "signature.p7s").unlink()  # else bagit would list it in the new tag manifest
    bag = bagit.Bag(str(folder))
    bag.save(manifests=True)
    signer = sign_pdf.load_signer(town.key_pem, TOWN_PASS, town.cert_pem, [town.root.cert_pem])
    tm = (folder / "tagmanifest-sha256.txt").read_bytes()
    when = now or datetime.now(timezone.utc)
    (folder / "signature.p7s").write_bytes(sign_pdf.sign_detached(tm, signer, when))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)

