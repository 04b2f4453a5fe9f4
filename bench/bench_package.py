"""Time building and verifying submission packages.

    .venv/bin/python bench/bench_package.py

Targets: build < 2 s and verify < 1 s per package.
"""
from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
from fontTools.ttLib import TTCollection  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from services.submission import pki  # noqa: E402
from services.submission.package import build_package, verify_package  # noqa: E402

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
COUNTY_PASS, TOWN_PASS = b"county-bench-1", b"town-bench-1"


def sample_files(font: Path) -> tuple[bytes, bytes]:
    pdfmetrics.registerFont(TTFont("BenchCJK", str(font)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for page in range(3):
        c.setFont("BenchCJK", 11)
        for row in range(40):
            c.drawString(60, 780 - row * 18, f"第 {page + 1} 页 第 {row + 1} 行  受理信访举报 {row * 3} 件  立案 {row} 件")
        c.showPage()
    c.save()
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in range(200):
        ws.append([f"项目{row}", row, row * 2, row * 3])
    xbuf = io.BytesIO()
    wb.save(xbuf)
    return buf.getvalue(), xbuf.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        font = tmp / "wqy.ttf"
        TTCollection(str(WQY)).fonts[0].save(str(font))
        pdf, xlsx = sample_files(font)
        root = pki.create_root("基准县纪委", COUNTY_PASS)
        towns = []
        for i in range(30):
            code = f"TW-{i:02d}"
            key, csr = pki.create_signing_key(f"第{i}镇纪委", code, TOWN_PASS)
            cert = pki.issue_certificate(root.key_pem, COUNTY_PASS, root.cert_pem, csr)
            towns.append((code, f"第{i}镇纪委", key, cert))

        def build(out: Path, town, revision: int, make_zip=False):
            code, name, key, cert = town
            return build_package(
                out, org_code=code, org_name=name, period="2025-03", revision=revision,
                report_json={"figures": {"complaints_received": {"month": 7}}},
                pdf_bytes=pdf, xlsx_bytes=xlsx, audit_head="ab" * 32, key_pem=key,
                passphrase=TOWN_PASS, cert_pem=cert, chain_pems=[root.cert_pem],
                stamp_font_path=font, signature_box=(-1, (360, 60, 540, 140)), make_zip=make_zip,
            )

        out = tmp / "out"
        out.mkdir()
        build_times, results = [], []
        for rev in range(1, 6):
            t = time.perf_counter()
            results.append(build(out, towns[0], rev, make_zip=True))
            build_times.append(time.perf_counter() - t)
        verify_times = []
        for res in results:
            t = time.perf_counter()
            assert verify_package(res.folder, root_pem=root.cert_pem).accepted
            verify_times.append(time.perf_counter() - t)
        zip_times = []
        for res in results:
            t = time.perf_counter()
            assert verify_package(res.zip_path, root_pem=root.cert_pem).accepted
            zip_times.append(time.perf_counter() - t)

        county = tmp / "county"
        county.mkdir()
        many = [build(county, town, 1) for town in towns]
        t = time.perf_counter()
        for res in many:
            assert verify_package(res.folder, root_pem=root.cert_pem).accepted
        total30 = time.perf_counter() - t

    size_kb = (len(pdf) + len(xlsx)) / 1024
    print(f"payload: PDF {len(pdf) / 1024:.0f} KB + xlsx {len(xlsx) / 1024:.0f} KB ({size_kb:.0f} KB)")
    print(f"build (sign PDF + bag + CMS + zip + self-verify), median of 5: {statistics.median(build_times):.3f} s"
          f"  (target < 2 s)")
    print(f"verify folder, median of 5: {statistics.median(verify_times):.3f} s  (target < 1 s)")
    print(f"verify zip,    median of 5: {statistics.median(zip_times):.3f} s")
    print(f"verify 30 packages: {total30:.2f} s total, {total30 / 30:.3f} s each")


if __name__ == "__main__":
    main()
