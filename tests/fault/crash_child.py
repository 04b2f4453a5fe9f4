"""Child process for the crash test: registers complaints in a loop, printing each saved number.

    python crash_child.py DATA_DIR USERNAME PASSWORD
A line is printed only after the transaction has committed, so every printed number must survive
a SIGKILL at any moment.
"""
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.casework import intake
from services.security import users  # noqa: E402
from services.storage.workspace import open_workspace  # noqa: E402


GIVEN = "建国明华志强秀英伟芳娜敏静丽强磊军洋勇艳杰娟涛超"


def subject_name(i: int) -> str:
    """A distinct valid Chinese name per complaint (names may not contain digits)."""
    return "测" + GIVEN[i % len(GIVEN)] + GIVEN[(i // len(GIVEN)) % len(GIVEN)]


def main() -> None:
    data_dir, username, password = sys.argv[1:4]
    ws = open_workspace(data_dir, today=lambda: dt.date(2026, 11, 20))
    users.login(ws, username, password)
    i = 0
    while True:
        i += 1
        view = intake.register_complaint(ws, intake.ComplaintInput(
            received_date=dt.date(2026, 11, 1 + i % 19), channel="letter", kind="accusation",
            signature="real_name", complainant_name="周建华", complainant_phone="13912345678",
            complainant_id_number="", complainant_address="青山镇西街3号",
            subjects=[intake.SubjectInput(name=subject_name(i), unit="青山镇财政所", post="所长", rank="general_cadre",
                                          is_party_member=True, is_supervised_object=True)],
            main_problem=f"反映其违规发放补贴问题（第{i}件）", discipline="integrity", eight_rules_type=None,
            receiver_name="李四", belongs_upper=False, referred_down=False, is_repeat=False, original_id=None))
        print(view.number, flush=True)


if __name__ == "__main__":
    main()
