"""Before any window: a data dir that cannot be used is said in Chinese through the prompt seam, and the program
exits with 1 (nothing is left locked or half open)."""
from __future__ import annotations

from gui.app import run_gui


def test_a_data_dir_that_is_a_file_is_said_and_the_start_ends(qapp, prompts, tmp_path):
    not_a_dir = tmp_path / "数据"
    not_a_dir.write_text("a file where the data folder should be")
    assert run_gui(["--data-dir", str(not_a_dir)]) == 1
    assert [(p.kind, p.title) for p in prompts.shown] == [("error", "纪检桌面")]
    assert prompts.texts("error") == [f"无法在数据目录 {not_a_dir} 中建立锁文件：File exists"]
