"""The signed submission package: build (sign + bag + write atomically) and verify."""
from services.package.bag import PackageResult, build_package
from services.package.layout import package_name
from services.package.safezip import Limits
from services.package.verify import CHECKS, Check, VerifyReport, verify_package

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
