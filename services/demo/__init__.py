"""Demo data (演示数据): a seeded generator that fills a township with two realistic years of work.

Offers the demo office and its data, re-exported here from ``office`` and ``generator``: ``ensure_demo``
(set up a data dir once), ``initialize_demo`` / ``login_demo`` (the demo office and its users),
``generate_demo`` (append a seeded amount of work), ``validate_scale``, ``identity_sealer`` and the demo
constants.
Internal: ``generator`` (one run: roster, days, ids and numbers), ``complaints``, ``complaint_followups`` (转办 records
and 告知/反馈 contacts), ``leads``, ``talks`` (函询 letters, talk records),
``sanction_followups`` (处分执行 and 回访教育 of each sanction),
``cases`` and ``ledger`` (the rows of each entity), ``writer`` (the batch writer thread), ``shares``
(vocabulary shares, the weighted picker) and ``texts`` (word pools).

May use: casework, deadlines, security, storage.
"""
from services.demo.generator import MAX_COMPLAINTS, DemoSummary, generate_demo, validate_scale
from services.demo.office import (DEMO_ORG, DEMO_PASSWORD, DEMO_USERS, ensure_demo, identity_sealer, initialize_demo,
                                  login_demo)

__all__ = ["DEMO_ORG", "DEMO_PASSWORD", "DEMO_USERS", "MAX_COMPLAINTS", "DemoSummary", "ensure_demo", "generate_demo",
           "identity_sealer", "initialize_demo", "login_demo", "validate_scale"]
