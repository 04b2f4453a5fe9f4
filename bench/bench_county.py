"""Time the wired-up flow: a township's package for a month, verification, county import of 30.

    .venv/bin/python bench/bench_county.py [--complaints 2000]

A demo-sized township (the demo generator's default 2000 complaints) finalizes a month and
builds its package through ``services.submission.township`` (sign PDF + bag + CMS + self-verify);
the package is verified; then a county imports 30 packages (verify + copy + record) through
``services.submission.county``. Targets: build < 2 s, verify < 1 s per package.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argon2 import PasswordHasher  # noqa: E402

from services import demo
from services.security import setup, users
from services.security.crypto_params import CryptoParams  # noqa: E402
from services.submission import county, county_ca, keys, pki, township
from services.reporting import monthly_report  # noqa: E402
from services.security.identity_crypto import KdfParams  # noqa: E402
from services.submission.package import build_package, verify_package  # noqa: E402
from services.storage.workspace import open_workspace  # noqa: E402

PERIOD, TODAY = "2026-10", dt.date(2026, 11, 20)
# Password hashing is not what is measured here.
CHEAP = CryptoParams(password_hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
                     identity_kdf=KdfParams(time_cost=1, memory_cost=8, parallelism=1))
PASSWORD, COUNTY_PASS, TOWN_PASS = "bench-pass-1", "county-bench-1", "town-bench-1"


def _ws(path: Path, name: str, code: str, mode: str):
    ws = open_workspace(path, today=lambda: TODAY, crypto=CHEAP)
    setup.initialize(ws, org_name=name, org_code=code, county_name="基准县纪委", mode=mode, username="wang",
                     display_name="王", password=PASSWORD)
    users.login(ws, "wang", PASSWORD)
    return ws


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    # Password hashing is not what is measured here.
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cty = _ws(tmp / "county", "基准县纪委", "JZ000", "county")
        county_ca.init_root(cty, COUNTY_PASS)
        town = _ws(tmp / "town", "基准镇纪委", "JZ001", "township")
        t = time.perf_counter()
        demo.generate_demo(town, complaints=args.complaints, seed=7, end=dt.date(2026, 10, 31))
        t_demo = time.perf_counter() - t
        t = time.perf_counter()
        monthly_report.finalize(town, PERIOD)
        t_final = time.perf_counter() - t
        csr = keys.create_signing_key(town, TOWN_PASS)
        keys.install_certificate(town, county_ca.issue(cty, csr, COUNTY_PASS), county_ca.root_cert_pem(cty), TOWN_PASS)

        builds, results = [], []
        for i in range(args.repeats):
            out = tmp / f"stick{i}"
            out.mkdir()
            t = time.perf_counter()
            results.append(township.build_submission(town, PERIOD, out, TOWN_PASS))
            builds.append(time.perf_counter() - t)
        root = county_ca.root_cert_pem(cty)
        verifies = []
        for res in results:
            t = time.perf_counter()
            assert verify_package(Path(res.folder), root_pem=root, crl_pem=county_ca.current_crl_pem(cty)).accepted
            verifies.append(time.perf_counter() - t)

        # 30 townships' packages: the same frozen report, each signed by its own registered certificate.
        frozen = monthly_report.get_revision(town, PERIOD)
        stick = tmp / "county-stick"
        stick.mkdir()
        for i in range(30):
            code, name = f"TW{i:02d}", f"第{i}镇纪委"
            key_pem, csr_pem = pki.create_signing_key(name, code, TOWN_PASS.encode())
            cert = county_ca.issue(cty, csr_pem, COUNTY_PASS)
            doc = dict(frozen.document, org={**frozen.document["org"], "name": name, "code": code})
            build_package(stick, org_code=code, org_name=name, period=PERIOD, revision=1, report_json=doc,
                          pdf_bytes=frozen.pdf, xlsx_bytes=frozen.xlsx, audit_head="ab" * 32, key_pem=key_pem,
                          passphrase=TOWN_PASS.encode(), cert_pem=cert, chain_pems=[root], stamp_font_path=None,
                          signature_box=None)
        t = time.perf_counter()
        outcomes = county.import_packages(cty, [stick])
        t_import = time.perf_counter() - t
        assert len(outcomes) == 30 and all(o.imported for o in outcomes), [o.reasons for o in outcomes]
        t = time.perf_counter()
        doc = county.consolidated_document(cty, PERIOD)
        t_doc = time.perf_counter() - t
        assert doc["figures"]["complaints_received"]["ytd"] == 30 * frozen.document["figures"]["complaints_received"]["ytd"]
        town.close()
        cty.close()

    print(f"township: {args.complaints} demo complaints in {t_demo:.2f} s; finalize {PERIOD} in {t_final:.2f} s")
    print(f"build package (sign PDF with stamp + bag + CMS + self-verify + record), median of {args.repeats}: "
          f"{statistics.median(builds):.3f} s  (target < 2 s)")
    print(f"verify package, median of {args.repeats}: {statistics.median(verifies):.3f} s  (target < 1 s)")
    print(f"county import of 30 packages: {t_import:.2f} s total, {t_import / 30:.3f} s per package")
    print(f"consolidated document over 30 townships: {t_doc:.3f} s")
    missed = statistics.median(builds) >= 2 or statistics.median(verifies) >= 1
    if missed:
        print("目标未达到：生成报送包应 < 2 秒，校验应 < 1 秒", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
