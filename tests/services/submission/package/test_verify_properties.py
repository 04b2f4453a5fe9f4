"""Property tests: random and malformed packages get a report with reasons — never a crash, never a write."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from services.errors import DomainError
from services.submission.package import verify_package

NAMES = ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "signature.p7s",
         "data/report.pdf", "data/report.xlsx", "data/report.json"]
HOSTILE = ["../evil.txt", "/abs.txt", "data/../../x", "C:\\win.txt", "data\\report.json", "data/extra.bin", "x" * 300]
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")  # duplicates are part of the attack
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _assert_reported(report) -> None:
    assert not report.accepted
    failed = [c for c in report.checks if not c.passed]
    assert failed and all(c.reason_zh for c in failed)


@SETTINGS
@given(files=st.dictionaries(st.sampled_from(NAMES), st.binary(max_size=400), max_size=8))
def test_random_bag_folders_are_refused_with_reasons(tmp_path_factory, township, files):
    folder = tmp_path_factory.mktemp("bag") / "QS-0101_2025-03_月报_r1"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)
    before = _tree(folder.parent)
    _assert_reported(verify_package(folder, root_pem=township.root.cert_pem))
    assert _tree(folder.parent) == before  # verification reads only


@SETTINGS
@given(entries=st.lists(st.tuples(st.sampled_from(NAMES + HOSTILE), st.binary(max_size=300)), max_size=10))
def test_random_zips_are_refused_with_reasons(tmp_path_factory, township, entries):
    d = tmp_path_factory.mktemp("zip")
    z = d / "QS-0101_2025-03_月报_r1.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            zf.writestr("QS-0101_2025-03_月报_r1/" + name if not name.startswith(("/", "..", "C:")) else name, data)
    z.write_bytes(buf.getvalue())
    _assert_reported(verify_package(z, root_pem=township.root.cert_pem))
    assert sorted(p.name for p in d.iterdir()) == [z.name]  # nothing extracted beside it


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_zip_are_refused(tmp_path_factory, township, data):
    z = tmp_path_factory.mktemp("junk") / "package.zip"
    z.write_bytes(data)
    try:
        _assert_reported(verify_package(z, root_pem=township.root.cert_pem))
    except DomainError as exc:  # an unreadable file may also be refused outright, in Chinese
        assert exc.message


# signature.p7s is left out on purpose: CMS leaves some fields unsigned (e.g. the SignedData's
# digestAlgorithms set), so a flip there can leave a valid signature over the same tag manifest by the
# same signer — nothing the package vouches for changes. Every other byte of the package is covered.
SIGNED_FILES = [n for n in NAMES if n != "signature.p7s"]


@SETTINGS
@given(position=st.integers(min_value=0), value=st.integers(min_value=1, max_value=255),
       target=st.sampled_from(SIGNED_FILES))
def test_a_flipped_byte_anywhere_in_a_real_package_is_caught(tmp_path_factory, township, package, position, value,
                                                             target):
    assert verify_package(package.folder, root_pem=township.root.cert_pem).accepted  # the untouched one passes
    copy = tmp_path_factory.mktemp("flip") / package.folder.name
    shutil.copytree(package.folder, copy)
    f = copy / target
    raw = bytearray(f.read_bytes())
    raw[position % len(raw)] ^= value
    f.write_bytes(bytes(raw))
    _assert_reported(verify_package(copy, root_pem=township.root.cert_pem))
