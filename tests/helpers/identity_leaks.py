"""What an attacker with the database file (or a backup) but no key would find: every text value of
every table, and which identity pieces of the sample complainant lie in clear among them."""
import sqlite3
from pathlib import Path

# Every piece that identifies the person, the line or the place: none may lie in clear anywhere.
PIECES = ("赵铁柱", "铁柱", "87654321", "808661", "转8", "红星村五组", "红星", "五组",
          "110105", "19491231", "002X")


def text_values(db: Path) -> list[tuple[str, str]]:
    """(table, value) for every text value in every table of ``db``, read the way sqlite3 would show it."""
    con = sqlite3.connect(db)
    try:
        out = []
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                out += [(table, v) for v in row if isinstance(v, str)]
        return out
    finally:
        con.close()


def leaks(values: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(table, piece, v) for table, v in values for piece in PIECES if piece in v]


def raw_leaks(path: Path) -> list[str]:
    raw = path.read_bytes()
    return [piece for piece in PIECES if piece.encode("utf-8") in raw]
