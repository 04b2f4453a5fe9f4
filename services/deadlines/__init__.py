"""Deadlines (办理时限): working days, the time limits and their due dates, the due list.

Offers: ``rules`` (the declared limits of DOMAIN §1–3, due dates and statuses, ``add_months``; pure),
``due_list`` (the deadlines of the open items from the database, the limits and holiday settings),
``holiday_schedule`` (the years whose official holiday schedule the user confirmed as entered in full).
Internal: ``workdays`` (statutory holidays, 调休 make-up days, user overrides) and ``sanction_dues`` (a
sanction's 宣布 and 回访教育 deadlines, for the due list).

May use: security, storage.
"""

__all__ = ["due_list", "holiday_schedule", "rules"]
