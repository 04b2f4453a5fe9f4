"""The domain vocabularies of DOMAIN.md §8: one enum each, a code stored, a Chinese label shown.

Members compare equal to their code string, so they can be stored in plain String columns and
written to JSON as-is. This is the only table of codes and labels: validation, the report layout
rows, the ledger columns and the list filters all read it. It imports nothing of the ORM, so the
GUI and the CLI load it cheaply (``import models.enums`` loads no SQLAlchemy).
"""
from __future__ import annotations

import enum


class CodedEnum(str, enum.Enum):
    """A vocabulary member: ``value`` is the stored code, ``label`` the Chinese text."""

    label: str

    def __new__(cls, code: str, label: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        return obj

    def __str__(self) -> str:
        return self.value

    @classmethod
    def codes(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def labels(cls) -> tuple[str, ...]:
        """The Chinese labels in declaration order (e.g. an Excel column's choices)."""
        return tuple(m.label for m in cls)

    @classmethod
    def from_text(cls, text: str):
        """Accept a code or a Chinese label (as typed in an Excel ledger); None when neither."""
        text = (text or "").strip()
        for m in cls:
            if text == m.value or text == m.label:
                return m
        return None


class Channel(CodedEnum):
    letter = ("letter", "来信")
    visit = ("visit", "来访")
    phone = ("phone", "来电")
    online = ("online", "网络")
    referred_from_above = ("referred_from_above", "上级转办交办")
    inspection_transfer = ("inspection_transfer", "巡视巡察移交")
    audit_transfer = ("audit_transfer", "审计移送")
    other = ("other", "其他")


class ComplaintKind(CodedEnum):
    accusation = ("accusation", "检举控告")
    suggestion = ("suggestion", "批评建议")
    appeal = ("appeal", "申诉")
    out_of_scope = ("out_of_scope", "业务范围外")
    no_substance = ("no_substance", "无实质内容")

    @classmethod
    def not_acceptable(cls) -> frozenset[str]:
        """The kinds that are not accepted (不予受理) but concluded at intake (DOMAIN §1), as codes."""
        return frozenset({cls.out_of_scope.value, cls.no_substance.value})


class Signature(CodedEnum):
    real_name = ("real_name", "实名")
    signed = ("signed", "署名")
    anonymous = ("anonymous", "匿名")


class Discipline(CodedEnum):
    political = ("political", "政治纪律")
    organizational = ("organizational", "组织纪律")
    integrity = ("integrity", "廉洁纪律")
    mass = ("mass", "群众纪律")
    work = ("work", "工作纪律")
    life = ("life", "生活纪律")
    duty_violation = ("duty_violation", "职务违法")
    duty_crime = ("duty_crime", "职务犯罪")


class Rank(CodedEnum):
    county_level = ("county_level", "县处级")
    township_level = ("township_level", "乡科级")
    general_cadre = ("general_cadre", "一般干部")
    village_cadre = ("village_cadre", "村（社区）干部")
    institution_staff = ("institution_staff", "事业单位/企业人员")
    other = ("other", "其他")


class LeadSource(CodedEnum):
    complaint = ("complaint", "信访举报")
    assigned_from_above = ("assigned_from_above", "上级交办")
    inspection_transfer = ("inspection_transfer", "巡视巡察移交")
    audit_transfer = ("audit_transfer", "审计移送")
    supervision_found = ("supervision_found", "监督检查发现")
    judicial_transfer = ("judicial_transfer", "公检法机关移送")
    self_report = ("self_report", "主动交代")
    other = ("other", "其他")


class Disposition(CodedEnum):
    talk_inquiry = ("talk_inquiry", "谈话函询")
    preliminary_verification = ("preliminary_verification", "初步核实")
    shelved = ("shelved", "暂存待查")
    closed = ("closed", "予以了结")


class LeadState(CodedEnum):
    """Where a lead stands, derived from its disposition, approval and result (not stored)."""

    pending = ("pending", "未处置")
    awaiting_approval = ("awaiting_approval", "待审批")
    disposed = ("disposed", "办理中")
    concluded = ("concluded", "已办结")


class ComplaintFollowUp(CodedEnum):
    """What is still to be done on a complaint (DOMAIN §9), the 办理事项 filter of the 信访登记 list (not stored)."""

    notice_due = ("notice_due", "待告知")
    notice_overdue = ("notice_overdue", "告知已超期")
    feedback_due = ("feedback_due", "待反馈")
    feedback_overdue = ("feedback_overdue", "反馈已超期")
    referral_open = ("referral_open", "转办未回复")
    referral_overdue = ("referral_overdue", "转办回复已超期")


class LeadFollowUp(CodedEnum):
    """Where a lead's 函询 stands (DOMAIN §9), the 函询 filter of the 问题线索 list (not stored)."""

    inquiry_awaiting_reply = ("inquiry_awaiting_reply", "待函询回复")
    inquiry_reply_overdue = ("inquiry_reply_overdue", "函询回复已超期")
    inquiry_awaiting_assessment = ("inquiry_awaiting_assessment", "待评估")


class LeadResult(CodedEnum):
    """The outcome of a disposed lead (DOMAIN §2)."""

    concluded = ("concluded", "了结")
    clarified = ("clarified", "澄清")
    to_verification = ("to_verification", "转初核")
    case_filed = ("case_filed", "立案")
    reminder_talk = ("reminder_talk", "谈话提醒")
    transferred = ("transferred", "移交")


class PartySanction(CodedEnum):
    party_warning = ("party_warning", "警告")
    party_serious_warning = ("party_serious_warning", "严重警告")
    party_post_removal = ("party_post_removal", "撤销党内职务")
    party_probation = ("party_probation", "留党察看")
    party_expulsion = ("party_expulsion", "开除党籍")


class GovernmentSanction(CodedEnum):
    gov_warning = ("gov_warning", "警告")
    gov_demerit = ("gov_demerit", "记过")
    gov_major_demerit = ("gov_major_demerit", "记大过")
    gov_demotion = ("gov_demotion", "降级")
    gov_dismissal_from_post = ("gov_dismissal_from_post", "撤职")
    gov_expulsion = ("gov_expulsion", "开除")


class Handling(CodedEnum):
    reminder_talk = ("reminder_talk", "谈话提醒")
    criticism = ("criticism", "批评教育")
    self_review = ("self_review", "责令检查")
    admonishment = ("admonishment", "诫勉")
    circulated_criticism = ("circulated_criticism", "通报批评")
    public_exposure = ("public_exposure", "通报曝光")
    suspension = ("suspension", "停职检查")
    post_adjustment = ("post_adjustment", "调整职务")
    ordered_resignation = ("ordered_resignation", "责令辞职")
    removal_from_post = ("removal_from_post", "免职")
    demotion = ("demotion", "降职")
    judicial_transfer = ("judicial_transfer", "移送司法机关")


#: The two headings of the handling kinds on screens and forms (DOMAIN §4): 组织处理 in the strict sense,
#: and the rest (移送司法机关 and 通报曝光 are not 组织处理).
ORGANIZATIONAL_HANDLING: tuple[Handling, ...] = (
    Handling.suspension, Handling.post_adjustment, Handling.ordered_resignation, Handling.removal_from_post,
    Handling.demotion,
)
HANDLING_GROUPS: tuple[tuple[str, tuple[Handling, ...]], ...] = (
    ("组织处理", ORGANIZATIONAL_HANDLING),
    ("教育提醒/其他处理", tuple(m for m in Handling if m not in ORGANIZATIONAL_HANDLING)),
)


class MeasureCategory(CodedEnum):
    party_sanction = ("party_sanction", "党纪处分")
    government_sanction = ("government_sanction", "政务处分")
    handling = ("handling", "组织处理")


MEASURE_KINDS: dict[MeasureCategory, type[CodedEnum]] = {
    MeasureCategory.party_sanction: PartySanction,
    MeasureCategory.government_sanction: GovernmentSanction,
    MeasureCategory.handling: Handling,
}


def all_measure_kind_codes() -> list[str]:
    return [code for enum_cls in MEASURE_KINDS.values() for code in enum_cls.codes()]


class Responsibility(CodedEnum):
    principal = ("principal", "主体责任")
    first = ("first", "第一责任")
    leadership = ("leadership", "领导责任")
    supervisory = ("supervisory", "监督责任")


class LedgerOutcome(CodedEnum):
    closed_no_fault = ("closed_no_fault", "了结")
    inquiry = ("inquiry", "函询")
    integrity_talk = ("integrity_talk", "廉政谈话")
    held_accountable = ("held_accountable", "追责")


class LeaderPosition(CodedEnum):
    """岗位类别 of a leader checked in a 一案双查 entry."""

    principal_leader = ("principal_leader", "主要领导")
    leader_in_charge = ("leader_in_charge", "分管领导")
    discipline_head = ("discipline_head", "纪检组织负责人")


class AccountabilityMethod(CodedEnum):
    circulation = ("circulation", "通报")
    admonishment = ("admonishment", "诫勉")
    organizational_adjustment = ("organizational_adjustment", "组织调整")
    disciplinary_sanction = ("disciplinary_sanction", "纪律处分")


class EightRulesType(CodedEnum):
    """违反中央八项规定精神 sub-types (DOMAIN §5); codes are ours, DOMAIN gives none."""

    formalism = ("formalism", "形式主义官僚主义")
    gifts = ("gifts", "违规收送名贵特产和礼品礼金")
    dining = ("dining", "违规吃喝")
    allowances = ("allowances", "违规发放津补贴或福利")
    weddings_funerals = ("weddings_funerals", "违规操办婚丧喜庆")
    official_cars = ("official_cars", "违规配备使用公务用车")
    travel = ("travel", "公款旅游")
    buildings = ("buildings", "楼堂馆所违规")
    other_hedonism = ("other_hedonism", "其他享乐主义奢靡之风问题")


class ComplaintState(CodedEnum):
    registered = ("registered", "已登记")
    accepted = ("accepted", "已受理")
    not_accepted = ("not_accepted", "不予受理")
    transferred = ("transferred", "已转办")
    reported_up = ("reported_up", "已上报")
    concluded = ("concluded", "已办结")


class CaseStage(CodedEnum):
    filed = ("filed", "立案")
    investigating = ("investigating", "审查调查")
    referred_for_trial = ("referred_for_trial", "移送审理")
    trial_concluded = ("trial_concluded", "审结")
    closed = ("closed", "结案")


class Role(CodedEnum):
    admin = ("admin", "系统管理员")
    secretary = ("secretary", "纪委书记")
    officer = ("officer", "办案人员")
    clerk = ("clerk", "信访登记员")


class OrgMode(CodedEnum):
    township = ("township", "乡镇")
    county = ("county", "县级")


class ReportStatus(CodedEnum):
    finalized = ("finalized", "已定稿")
    superseded = ("superseded", "已更正")


class PackageStatus(CodedEnum):
    accepted = ("accepted", "已接收")
    superseded = ("superseded", "已被新版本替代")


# --------------------------------------------------------------------------- DOMAIN §9: the work around decisions
class ContactKind(CodedEnum):
    acceptance_notice = ("acceptance_notice", "受理告知")
    feedback = ("feedback", "结果反馈")


class ContactMethod(CodedEnum):
    in_person = ("in_person", "当面")
    phone = ("phone", "电话")
    written = ("written", "书面")


class FeedbackResponse(CodedEnum):
    satisfied = ("satisfied", "满意")
    basically_satisfied = ("basically_satisfied", "基本满意")
    dissatisfied = ("dissatisfied", "不满意")
    unreachable = ("unreachable", "无法联系")


class InquiryAssessment(CodedEnum):
    truthful = ("truthful", "如实说明")
    untruthful = ("untruthful", "不如实说明")
    new_leads = ("new_leads", "发现新线索")


class InquiryOutcome(CodedEnum):
    accepted_closed = ("accepted_closed", "采信了结")
    to_verification = ("to_verification", "转初核")
    inquire_again = ("inquire_again", "再次函询")


class TalkKind(CodedEnum):
    reminder_talk = ("reminder_talk", "谈话提醒")
    integrity_talk = ("integrity_talk", "廉政谈话")
    admonishment = ("admonishment", "诫勉")
    inquiry_talk = ("inquiry_talk", "函询谈话")


class ExecutionItem(CodedEnum):
    post = ("post", "职务调整")
    pay = ("pay", "工资待遇调整")
    other = ("other", "其他")


class FollowUpForm(CodedEnum):
    home_visit = ("home_visit", "上门回访")
    talk = ("talk", "谈心谈话")
    phone = ("phone", "电话回访")
    other = ("other", "其他")
