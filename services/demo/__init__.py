"""Demo data (演示数据): a seeded generator that fills a township with two realistic years of work.

Offers the demo office and its data, re-exported here from ``generator``: ``ensure_demo`` (set up a
data dir once), ``initialize_demo`` / ``login_demo`` (the demo office and its users), ``generate_demo``
(append a seeded amount of work), ``validate_scale``, ``identity_sealer`` and the demo constants.
Internal: ``generator`` (the generator itself) and ``texts`` (its word pools).

May use: casework, deadlines, security, storage.
"""
from services.demo.generator import (DEMO_ORG, DEMO_PASSWORD, DEMO_USERS, MAX_COMPLAINTS, DemoSummary, ensure_demo,
                                     generate_demo, identity_sealer, initialize_demo, login_demo, validate_scale)

__all__ = ["DEMO_ORG", "DEMO_PASSWORD", "DEMO_USERS", "MAX_COMPLAINTS", "DemoSummary", "ensure_demo", "generate_demo",
           "identity_sealer", "initialize_demo", "login_demo", "validate_scale"]
