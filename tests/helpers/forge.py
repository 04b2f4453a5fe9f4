"""What a township's key holder can do to a package it wrote: change report.json and/or put another
signed PDF in, then sign everything again with the township's real key (installed in its data dir)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import bagit

from services.reporting import monthly_report
from services.storage.workspace import Workspace
from services.submission import keys
from services.submission.package import sign_pdf
from tests.services.submission.conftest import TOWN_PASS


def forge(town: Workspace, src: Path, dest_dir: Path, *, edit: Callable[[dict], None] | None = None,
          signed_pdf: bytes | None = None) -> Path:
    """Copy the package folder ``src`` into ``dest_dir``; apply ``edit`` to its report.json; put
    ``signed_pdf`` in as it is, or else sign the finalized PDF again over the (changed) report; then
    rebuild the bag's manifests and sign the new tag manifest. Returns the forged folder."""
    folder = dest_dir / src.name
    shutil.copytree(src, folder)
    material = keys.signing_material(town)
    signer = sign_pdf.load_signer(material.key_pem, TOWN_PASS.encode(), material.cert_pem, [material.root_pem])
    path = folder / "data" / "report.json"
    report = json.loads(path.read_text("utf-8"))
    if edit is not None:
        edit(report)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True), "utf-8")
    if signed_pdf is None:
        frozen = monthly_report.get_revision(town, report["period"], report["revision"]).pdf
        signed_pdf = sign_pdf.sign_report_pdf(frozen, signer, org_name=report["org_name"], signing_time=town.now(),
                                              stamp_font_path=None, signature_box=None, report=report)
    (folder / "data" / "report.pdf").write_bytes(signed_pdf)
    (folder / "signature.p7s").unlink()  # else bagit would list it in the new tag manifest
    bagit.Bag(str(folder)).save(manifests=True)
    tagmanifest = (folder / "tagmanifest-sha256.txt").read_bytes()
    (folder / "signature.p7s").write_bytes(sign_pdf.sign_detached(tagmanifest, signer, town.now()))
    return folder
