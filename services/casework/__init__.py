"""Casework (办信办案): the items a committee handles and everything recorded on them.

Offers: ``intake`` (信访举报: registration, repeats, the actions by state, identity views), ``referrals``
(转办/交办 with 催办 and the reply), ``contacts`` (受理告知 and 结果反馈 to a 实名 complainant), ``persons``
(the persons of a lead or a case), ``leads`` (问题线索 and their one disposition), ``cases`` (立案审查调查,
stages in date order), ``measures`` (处分与处理), ``ledger_entries`` (the 一案双查 ledger), ``timeline``
(an item's history), ``execution`` (处分执行: 宣布, 送达, 归档, execution items), ``follow_ups`` (回访教育
during a sanction's effect period), ``inquiries`` (谈话函询 by letter: the letter, the written explanation, the
assessment), ``talks`` (谈话 records), ``listing`` (large lists: ids in SQL, rows on demand, Excel export) and
``sanction_rules`` (what measure a person may receive, effect periods, 四种形态). Internal:
``numbering`` (XF/XS/LA/TZ sequence numbers), ``complaint_fields`` (the registration form checked as a
whole, and its code tables; the ledger import checks its 信访件 rows with it too), the pieces behind
``intake``: ``intake_form`` (the form, its check, the view) and ``intake_actions`` (the actions by state),
``complaint_closure`` (办结, also when the complaint's lead or case is concluded),
and the pieces behind ``listing``: ``listing_query`` (the query, columns, checks), ``listing_filters`` (SQL conditions, text
search, counting), ``listing_ids`` (the lazy id list) and ``listing_rows`` (display rows).

May use: deadlines, interchange, security, storage (interchange only for the list export's safe cells).
"""

__all__ = ["cases", "execution", "follow_ups", "contacts", "inquiries", "intake", "leads", "ledger_entries", "listing", "measures",
           "persons", "referrals", "sanction_rules", "talks", "timeline"]
