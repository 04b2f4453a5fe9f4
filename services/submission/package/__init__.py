"""The signed submission package: build (sign + bag + write atomically) and verify."""
from services.submission.package.bag import PackageResult, build_package
from services.submission.package.layout import package_name
from services.submission.package.safezip import Limits
from services.submission.package.verify import CHECKS, Check, VerifyReport, verify_package

__all__ = [
    "CHECKS",
    "Check",
    "Limits",
    "PackageResult",
    "VerifyReport",
    "build_package",
    "package_name",
    "verify_package",
]
