"""The domain, without Qt: the shared base and the rooms named after the work.

The shared base, usable from every room: ``errors`` (the Chinese ``DomainError`` family),
``validation`` (field validators and display masks), ``version``.

The rooms (each ``__init__`` says what it offers and which other rooms it may use):
``casework`` (complaints, leads, cases, persons, measures, the 一案双查 ledger, lists),
``deadlines`` (working days, time limits, the due list), ``reporting`` (figures, the monthly report,
its PDF/Excel forms, item print sheets, the dashboard), ``submission`` (keys, the county CA, signed
packages, county import and summary), ``security`` (users, permissions, identity encryption, the audit
chain), ``storage`` (the workspace, settings, files, backups, maintenance, attachments),
``interchange`` (Excel ledger import and its streaming/guarded readers) and ``demo``.

gui/ and cli/ import only the base and what a room lists in its ``__all__``
(tests/test_architecture.py checks it, and that no import circle exists).
"""
