"""The signed submission package: build (sign + bag + write atomically) and verify."""
from services.submission.package.bag import PackageResult, build_package
from services.submission.package.layout import package_name
from services.submission.package.safezip import Limits
from services.submission.package.verify import (CHECKS, FAILED, PASSED, WARNING, Check, VerifyReport, status_mark,
                                                status_of, verify_package)

__all__ = [
    "CHECKS",
    "Check",
    "FAILED",
    "Limits",
    "PASSED",
    "PackageResult",
    "VerifyReport",
    "build_package",
    "WARNING",
    "package_name",
    "status_mark",
    "status_of",
    "verify_package",
]
