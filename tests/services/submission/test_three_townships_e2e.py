"""Three townships and their county, end to end on four temp data dirs.

Each township: init, data (the demo generator's services-level inserts), 定稿, keys create →
county ca issue → keys install, package onto one stick. The county imports the stick and its
汇总 equals the sum of the three townships for every figure; a fourth roster township shows
as 未报送; ``county report --json`` prints the same document.
"""
from __future__ import annotations

import json

from services.reporting import monthly_report
from services.reporting.layout import all_key_paths, get_figure, leaf_key_paths
from services.submission import county, county_ca, township
from tests.helpers.cli import run
from tests.conftest import ADMIN_PASSWORD
from tests.services.submission.conftest import (PERIOD, ROSTER_ONLY, TOWN_PASS, TOWNS, certify,
                                                fill_and_finalize, make_county, make_ws)


def test_three_townships_consolidate(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    cty = make_county(tmp_path / "county")
    county_ca.add_township(cty, *ROSTER_ONLY)
    figures = {}
    towns = []
    try:
        for code, name, seed in TOWNS:
            town = make_ws(tmp_path / code, name=name, code=code)
            towns.append(town)
            fill_and_finalize(town, seed, complaints=880 + 3 * seed)  # ≥ 1 a working day: no empty month
            certify(town, cty)
            result = township.build_submission(town, PERIOD, stick, TOWN_PASS)
            assert result.file_name == f"{code}_{PERIOD}_月报_r1"
            figures[code] = monthly_report.get_revision(town, PERIOD).document["figures"]

        outcomes = county.import_packages(cty, [stick])
        assert sorted((o.township_code, o.status) for o in outcomes) == [
            ("BY003", "imported"), ("HS002", "imported"), ("QS001", "imported")]

        doc = county.consolidated_document(cty, PERIOD)
        leaves = leaf_key_paths(figures["QS001"])
        assert sorted(leaves) == sorted(all_key_paths())
        assert sorted(leaf_key_paths(doc["figures"])) == sorted(leaves)
        for key in leaves:
            got = get_figure(doc["figures"], key)
            for field in ("month", "ytd", "ytd_last_year"):
                assert got[field] == sum(get_figure(f, key)[field] for f in figures.values()), (key, field)
        total = get_figure(doc["figures"], "complaints_received")
        assert total["month"] > 0 and total["ytd"] > total["month"]
        # The townships differ, so the sum is not three times one of them.
        assert len({get_figure(f, "complaints_received")["ytd"] for f in figures.values()}) > 1

        table = {t["code"]: t for t in doc["townships"]}
        assert sorted(table) == ["BY003", "HS002", "LS004", "QS001"]
        for code, name, _seed in TOWNS:
            assert table[code]["submitted"] and table[code]["name"] == name and table[code]["revision"] == 1
            assert table[code]["figures"] == figures[code]
        assert table["LS004"]["submitted"] is False
        assert doc["not_submitted"] == [{"code": "LS004", "name": "柳树乡纪委"}]
    finally:
        for ws in towns:
            ws.close()
        cty.close()

    r = run("--user", "wang", "county", "report", PERIOD, "--json", env={"JIJIAN_PASSWORD": ADMIN_PASSWORD},
            data_dir=tmp_path / "county")
    assert r.returncode == 0, r.stderr
    printed = json.loads(r.stdout)
    for key in ("figures", "townships", "not_submitted", "org", "period"):
        assert printed[key] == doc[key], key
