"""What a submission package holds: its name, its files, the report period's form.

Layout of ``<org code>_<YYYY-MM>_月报_r<revision>/``::

    bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt  signature.p7s
    data/report.pdf (PAdES-signed)  data/report.xlsx  data/report.json
    data/audit-chain.json (optional: the audit chain extract, services/security/audit_checkpoints.py)

Read by the builder (``bag``), the checks (``verify``, ``check_context``) and the county's import, so
none of them needs another's code to know a package's shape.
"""
from __future__ import annotations

import re

from services.errors import ValidationError

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
NAME_RE = re.compile(r"^(?P<org>[A-Za-z0-9][A-Za-z0-9-]*)_(?P<period>\d{4}-\d{2})_月报_r(?P<rev>\d+)$")
PAYLOAD = ("data/report.pdf", "data/report.xlsx", "data/report.json")
TAG_FILES = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt")
SIGNATURE_FILE = "signature.p7s"
EXPECTED_FILES = frozenset(TAG_FILES + (SIGNATURE_FILE,) + PAYLOAD)
# Payload a package may carry besides the required files (packages of older versions lack it).
AUDIT_CHAIN_FILE = "data/audit-chain.json"
ALLOWED_FILES = EXPECTED_FILES | {AUDIT_CHAIN_FILE}


def package_name(org_code: str, period: str, revision: int) -> str:
    return f"{org_code}_{period}_月报_r{revision}"


def validate_period(period: str) -> str:
    if not isinstance(period, str) or not PERIOD_RE.match(period):
        raise ValidationError("报告期格式应为 YYYY-MM，例如 2025-03", field="period")
    return period
