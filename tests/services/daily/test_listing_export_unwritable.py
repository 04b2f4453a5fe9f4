"""A list export to a place that cannot take a file: a clear Chinese FileWriteError, nothing lost.

Tests run as root, so "cannot be written" is made with real paths: a folder where the file should
go, a file where a folder of the path should be.
"""
from __future__ import annotations

import datetime as dt

import pytest

from services.casework import listing
from services.casework.intake import SubjectInput
from services.casework.listing import ListQuery
from services.storage.files import FileWriteError


@pytest.fixture
def one(ws, register):
    return register(received_date=dt.date(2026, 3, 2), main_problem="反映张三违规吃喝问题",
                    subjects=[SubjectInput(name="张三", unit="青山村村委会", rank="village_cadre")])


def test_export_onto_an_existing_folder_says_so_and_keeps_the_folder(ws, one, tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    target = tmp_path / "清单.xlsx"
    target.mkdir()
    (target / "留存.txt").write_text("旧内容", encoding="utf-8")
    with pytest.raises(FileWriteError) as err:
        listing.export_xlsx(ws, ListQuery(), target)
    assert str(err.value) == f"已有同名文件夹，无法保存为文件：{target}"
    assert (target / "留存.txt").read_text(encoding="utf-8") == "旧内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.xlsx"]


def test_export_below_a_file_names_the_file(ws, one, tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    blocker = tmp_path / "导出"
    blocker.write_bytes(b"not a folder")
    target = blocker / "清单.xlsx"
    with pytest.raises(FileWriteError) as err:
        listing.export_xlsx(ws, ListQuery(), target)
    assert str(err.value) == f"目标路径不是文件夹：{blocker}"
    assert blocker.read_bytes() == b"not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["导出"]


def test_export_two_levels_below_a_file(ws, one, tmp_path):
    blocker = tmp_path / "导出"
    blocker.write_bytes(b"not a folder")
    target = blocker / "三月" / "清单.xlsx"
    with pytest.raises(FileWriteError) as err:
        listing.export_xlsx(ws, ListQuery(), target)
    assert str(err.value) == f"目标路径不是文件夹：{blocker}"
    assert blocker.read_bytes() == b"not a folder"


def test_failed_export_keeps_the_earlier_export(ws, one, tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    target = tmp_path / "清单.xlsx"
    assert listing.export_xlsx(ws, ListQuery(), target) == 1
    before = target.read_bytes()
    # The next export goes nowhere (its folder is a file); the earlier one is untouched.
    blocker = tmp_path / "b"
    blocker.write_bytes(b"x")
    with pytest.raises(FileWriteError):
        listing.export_xlsx(ws, ListQuery(), blocker / "清单.xlsx")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "清单.xlsx"]
