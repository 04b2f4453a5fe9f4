"""Casework (办信办案): the items a committee handles and everything recorded on them.

Offers: ``intake`` (信访举报: registration, repeats, the actions by state, identity views), ``referrals``
(转办/交办 with 催办 and the reply), ``contacts`` (受理告知 and 结果反馈 to a 实名 complainant), ``persons``
(the persons of a lead or a case), ``leads`` (问题线索 and their one disposition), ``cases`` (立案审查调查,
stages in date order), ``measures`` (处分与处理), ``ledger_entries`` (the 一案双查 ledger), ``timeline``
(an item's history), ``execution`` (处分执行: 宣布, 送达, 归档, execution items), ``follow_ups`` (回访教育
during a sanction's effect period), ``inquiries`` (谈话函询 by letter: the letter, the written explanation, the
assessment), ``talks`` (谈话 records), ``listing`` (large lists: ids in SQL, rows on demand, Excel export) and
``sanction_rules`` (what measure a person may receive, effect periods, 四种形态), ``work_plan`` (初核: two
distinct verifiers, the 工作方案 and the secretary's approval of it), ``person_identity`` (a person's
身份证号, encrypted, and the 廉政档案 across leads and cases) and ``upper_level`` (what a 属上级纪委管辖
item may hold: no content, no identity, no attachment). Internal: ``stage_rules`` (a case's stages, none
skipped, 立案 approved first),
``numbering`` (XF/XS/LA/TZ sequence numbers), ``complaint_fields`` (the registration form checked as a
whole, and its code tables; the ledger import checks its 信访件 rows with it too), the pieces behind
``intake``: ``intake_form`` (the form, its check, the view) and ``intake_actions`` (the actions by state),
``complaint_closure`` (办结, also when the complaint's lead or case is concluded),
and the pieces behind ``listing``: ``listing_query`` (the query, columns, checks), ``listing_filters`` (SQL conditions, text
search, counting), ``followup_filters`` (the 办理事项 filters: 待反馈, 转办未回复, 函询回复已超期…), ``listing_ids`` (the
lazy id list) and ``listing_rows`` (display rows); behind ``timeline``: ``timeline_records`` (转办 and 告知/反馈
rows without an event of their own, and the letter an entry can be printed again as).

May use: deadlines, interchange, security, storage (interchange only for the list export's safe cells).
"""

__all__ = ["cases", "contacts", "execution", "follow_ups", "inquiries", "intake", "leads", "ledger_entries",
           "listing", "measures", "person_identity", "persons", "referrals", "sanction_rules", "talks", "timeline",
           "upper_level", "work_plan"]
