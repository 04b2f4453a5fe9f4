"""Word pools for the demo data: names, units and posts of a township, problem texts, phrases.

Only data and tiny pure helpers; ``services.demo`` draws from these with its own seeded ``Random``.
The wording follows the county report in the shared seed (两个责任, 一案双查, 四风问题).
"""
from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------- names
# Common surnames, most frequent first (weights fall off with rank), with a few Yunnan ones.
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
    "薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武"
    "乔贺赖龚文字普者施鲁和阮"
)
SURNAME_WEIGHTS = tuple(1.0 / (i + 3) ** 0.8 for i in range(len(SURNAMES)))

MALE_FIRST = "国建志文明华永德军海春金平世学兴光天林荣正家宏云清昌祥福开绍有继"
MALE_SECOND = "强伟勇军杰涛斌刚峰辉鹏波磊明亮平东江成安祥福贵发才龙虎松忠良武"
FEMALE_FIRST = "秀丽美春桂玉凤红彩淑慧晓燕金翠艳雪"
FEMALE_SECOND = "英兰芳梅珍霞娟琴丽艳萍燕敏静玲莉琼花仙"

# 民族 of persons investigated: a Yunnan county, mostly 汉族.
ETHNICITIES = ("汉族", "彝族", "白族", "哈尼族", "傣族", "苗族", "回族", "壮族", "傈僳族")
ETHNICITY_WEIGHTS = (80, 7, 4, 2, 2, 2, 1, 1, 1)

# ---------------------------------------------------------------- units and posts
VILLAGES = (
    "石桥村", "河口村", "柳树村", "大坪村", "小河村", "龙潭村", "新庄村", "杨柳村", "松林村", "白沙村",
    "黄泥村", "岩脚村", "水井村", "上寨村", "下寨村", "中和村", "团结村", "光明村", "红旗村", "桃园村",
    "竹林村", "马鞍村", "凤凰村", "安乐村",
)
COMMUNITIES = ("青山社区", "新街社区", "集镇社区")
OFFICES = (
    "党政办", "农业农村办", "财政所", "自然资源所", "民政办", "社会事务办", "退役军人服务站", "林业站",
    "水务站", "社保中心", "综合行政执法队", "便民服务中心", "文化站", "乡村振兴办", "规划建设办", "应急管理办",
)


@dataclass(frozen=True)
class Post:
    """A post in a unit: rank code, chance of being a party member / a supervised object, how often
    complaints name it (weight), and how many holders a unit has (``scaled`` posts grow with the demo)."""

    title: str
    rank: str
    party: float
    supervised: float
    weight: float
    count: int = 1
    scaled: bool = False
    male: float = 0.8


VILLAGE_POSTS = (
    Post("村党支部书记", "village_cadre", 1.0, 1.0, 10),
    Post("村委会主任", "village_cadre", 0.8, 1.0, 9),
    Post("村党支部副书记", "village_cadre", 1.0, 1.0, 3),
    Post("村会计", "village_cadre", 0.7, 1.0, 6, male=0.5),
    Post("村务监督委员会主任", "village_cadre", 0.9, 1.0, 2),
    Post("村委会委员", "village_cadre", 0.6, 1.0, 2, 2, True, 0.6),
    Post("村民小组长", "village_cadre", 0.4, 0.8, 1.5, 6, True),
    Post("村网格员", "other", 0.3, 0.2, 0.5, 2, True, 0.5),
)
COMMUNITY_POSTS = (
    Post("社区党总支书记", "village_cadre", 1.0, 1.0, 8),
    Post("社区居委会主任", "village_cadre", 0.8, 1.0, 7, male=0.6),
    Post("社区会计", "village_cadre", 0.7, 1.0, 4, male=0.4),
    Post("社区工作人员", "village_cadre", 0.5, 1.0, 1.5, 4, True, 0.4),
)
PARTY_COMMITTEE_POSTS = (
    Post("书记", "township_level", 1.0, 1.0, 3),
    Post("副书记", "township_level", 1.0, 1.0, 2),
    Post("组织委员", "township_level", 1.0, 1.0, 1),
    Post("宣传委员", "township_level", 1.0, 1.0, 1, male=0.5),
)
GOVERNMENT_POSTS = (
    Post("镇长", "township_level", 1.0, 1.0, 3),
    Post("副镇长", "township_level", 0.9, 1.0, 3, 4),
)
OFFICE_POSTS = (
    Post("站所负责人", "general_cadre", 0.9, 1.0, 5),
    Post("副主任", "general_cadre", 0.8, 1.0, 2),
    Post("工作人员", "general_cadre", 0.6, 1.0, 1.5, 4, True, 0.55),
    Post("聘用人员", "other", 0.2, 0.6, 0.5, 2, True, 0.5),
)
SCHOOL_POSTS = (
    Post("校长", "institution_staff", 0.9, 1.0, 4),
    Post("副校长", "institution_staff", 0.8, 1.0, 2),
    Post("总务主任", "institution_staff", 0.7, 1.0, 3),
    Post("教师", "institution_staff", 0.5, 0.0, 1, 20, True, 0.4),
)
HOSPITAL_POSTS = (
    Post("院长", "institution_staff", 0.9, 1.0, 4),
    Post("副院长", "institution_staff", 0.8, 1.0, 2),
    Post("药房负责人", "institution_staff", 0.6, 1.0, 3, male=0.5),
    Post("医生", "institution_staff", 0.4, 0.0, 1, 10, True, 0.5),
)
ENTERPRISE_POSTS = (
    Post("负责人", "institution_staff", 0.6, 1.0, 4),
    Post("会计", "institution_staff", 0.4, 0.6, 2, male=0.4),
)
COOPERATIVE_POSTS = (Post("理事长", "other", 0.5, 0.3, 3), Post("理事", "other", 0.3, 0.1, 1, 2, True))
COUNTY_POSTS = (
    Post("副县长", "county_level", 1.0, 1.0, 1),
    Post("局长", "township_level", 1.0, 1.0, 2),
    Post("副局长", "township_level", 0.9, 1.0, 2, 2),
)


def units_of(town: str, county: str) -> list[tuple[str, tuple[Post, ...], float, str]]:
    """Every unit of the township: (unit name, its posts, how often complaints concern it, kind)."""
    units: list[tuple[str, tuple[Post, ...], float, str]] = []
    units += [(f"{v}委会", VILLAGE_POSTS, 1.0, "village") for v in VILLAGES]
    units += [(f"{c}居委会", COMMUNITY_POSTS, 0.8, "village") for c in COMMUNITIES]
    units.append((f"{town}党委", PARTY_COMMITTEE_POSTS, 1.5, "leaders"))
    units.append((f"{town}人民政府", GOVERNMENT_POSTS, 1.5, "leaders"))
    units += [(f"{town}{o}", OFFICE_POSTS, 0.5, "office") for o in OFFICES]
    units.append((f"{town}中心学校", SCHOOL_POSTS, 2.0, "school"))
    units.append((f"{town}卫生院", HOSPITAL_POSTS, 1.5, "hospital"))
    units.append((f"{town}中心幼儿园", ENTERPRISE_POSTS, 0.3, "school"))
    units.append((f"{town}供销社", ENTERPRISE_POSTS, 0.4, "enterprise"))
    units.append((f"{town}自来水厂", ENTERPRISE_POSTS, 0.3, "enterprise"))
    units += [(f"{v}茶叶专业合作社", COOPERATIVE_POSTS, 0.15, "enterprise") for v in VILLAGES[:4]]
    units.append((f"{county}人民政府", COUNTY_POSTS[:1], 0.2, "county"))
    units += [(f"{county}{b}", COUNTY_POSTS[1:], 0.2, "county") for b in ("农业农村局", "自然资源局", "交通运输局")]
    return units


# Who answers for a unit in a 一案双查 entry (post of the principal leader, the leader in charge, and
# the discipline head), by unit kind.
LEDGER_POSTS = {
    "village": ("村党支部书记", "包村领导（副镇长）", "村务监督委员会主任"),
    "leaders": ("镇党委书记", "镇长", "镇纪委书记"),
    "office": ("站所负责人", "分管副镇长", "镇纪委委员"),
    "school": ("校长", "分管副镇长", "学校纪检委员"),
    "hospital": ("院长", "分管副镇长", "卫生院纪检委员"),
    "enterprise": ("负责人", "分管副镇长", "镇纪委委员"),
    "county": ("主要负责人", "分管负责人", "派驻纪检监察组组长"),
}

# ---------------------------------------------------------------- problem texts
PROJECTS = ("村组道路硬化工程", "农村人饮工程", "高标准农田建设项目", "农村危房改造", "村活动场所建设",
            "河道治理工程", "光伏扶贫项目", "易地扶贫搬迁安置点", "产业路建设", "烤烟设施配套项目")
FUNDS = ("低保金", "危房改造补助资金", "退耕还林补助", "耕地地力保护补贴", "生态护林员工资", "临时救助金",
         "征地补偿款", "村集体经济收入", "残疾人两项补贴", "产业扶持资金")
MATTERS = ("宅基地审批", "低保评定", "建房审批", "林权登记", "医保报销", "危房改造评定", "公益性岗位安排",
           "集体土地承包", "困难救助申请")
PLACES = ("县城某酒店", "镇上一家农家乐", "村委会食堂", "县城某KTV", "邻县一家山庄")

PROBLEMS: dict[str, tuple[str, ...]] = {
    "integrity": (
        "在{project}中收受施工方好处费{amount}元",
        "利用职务便利虚报冒领{fund}{amount}元",
        "优亲厚友，将{fund}发放给不符合条件的亲属",
        "在{project}中指定亲属承揽工程，从中谋利",
        "借{matter}之机索要群众“辛苦费”",
        "违规占用集体资金{amount}元长期不还",
    ),
    "mass": (
        "在{matter}中优亲厚友、暗箱操作",
        "截留挪用{fund}，群众意见大",
        "对群众办理{matter}吃拿卡要、态度恶劣",
        "村务、财务长期不公开，群众无从监督",
        "侵占群众{fund}{amount}元",
    ),
    "work": (
        "对群众反映的{matter}问题长期推诿、不予解决",
        "在{project}监管中失职，工程质量差",
        "工作不负责任，{matter}材料审核把关不严",
        "上班时间经常不在岗，群众办事找不到人",
        "在疫情防控和防汛工作中履职不力",
    ),
    "organizational": (
        "在村“两委”换届中拉票贿选",
        "违规发展党员，程序不规范",
        "不如实报告个人有关事项",
        "违规选拔任用村干部亲属",
        "组织生活会流于形式，长期不开展“三会一课”",
    ),
    "political": (
        "在网络上发表不当言论，造成不良影响",
        "对抗组织审查，与他人串供",
        "搞团团伙伙，在村里拉帮结派",
        "参与封建迷信活动并组织他人参加",
    ),
    "life": (
        "参与赌博，影响恶劣",
        "酒后驾驶机动车",
        "生活作风问题，群众议论较多",
        "长期拖欠他人借款，引发纠纷",
    ),
    "duty_violation": (
        "违规审批{matter}，造成集体资产流失",
        "挪用{fund}{amount}元用于个人开支",
        "在{project}验收中弄虚作假",
    ),
    "duty_crime": (
        "涉嫌贪污{fund}{amount}元",
        "涉嫌收受他人财物{amount}元，为他人承揽{project}提供帮助",
    ),
}
DISCIPLINE_WEIGHTS = {"integrity": 30, "mass": 22, "work": 20, "organizational": 8, "life": 7, "political": 3,
                      "duty_violation": 8, "duty_crime": 2}

EIGHT_RULES_PROBLEMS: dict[str, tuple[str, ...]] = {
    "formalism": ("不担当不作为，对上级部署的工作应付了事", "文山会海，层层加码，基层负担重",
                  "督查检查考核过多过频，填表报数重复", "搞形式主义，{project}材料弄虚作假"),
    "gifts": ("节日期间收受管理服务对象赠送的购物卡和土特产", "违规收受礼金{amount}元"),
    "dining": ("用公款在{place}大吃大喝", "接受施工方宴请，在{place}吃喝"),
    "allowances": ("违规发放加班补贴和节日福利{amount}元", "巧立名目发放津补贴"),
    "weddings_funerals": ("为其子操办婚宴大操大办、借机敛财", "违规操办升学宴，收受礼金"),
    "official_cars": ("公车私用，周末驾驶公车接送子女", "私车公养，违规报销燃油费{amount}元"),
    "travel": ("以考察学习为名公款旅游", "借培训之机变相公款旅游"),
    "buildings": ("违规装修办公室，超标准使用办公用房", "违规新建、扩建办公场所"),
    "other_hedonism": ("超标准接待上级检查人员", "出入私人会所，接受高消费娱乐"),
}
EIGHT_RULES_WEIGHTS = {"formalism": 22, "gifts": 15, "dining": 20, "allowances": 10, "weddings_funerals": 8,
                       "official_cars": 12, "travel": 5, "buildings": 3, "other_hedonism": 5}

SUGGESTIONS = ("建议加强村务公开的监督", "建议镇纪委定期到村开展廉政教育", "建议公开{fund}的发放名单",
               "建议加强对{project}资金使用的监督", "对{matter}工作提出改进意见")
APPEALS = ("对所受党纪处分不服，申请复查", "对政务处分决定有异议，提出申诉",
           "认为对其作出的诫勉处理不当，要求重新核实")
OUT_OF_SCOPE = (
    ("反映与邻居的宅基地界址纠纷", "镇司法所"),
    ("要求解决务工工资被拖欠问题", "县人力资源和社会保障局"),
    ("反映婚姻家庭纠纷，要求调解", "镇司法所"),
    ("对法院判决不服，要求改判", "县人民法院"),
    ("反映土地承包经营权纠纷", "镇农业农村办"),
    ("反映噪音扰民问题", "镇综合行政执法队"),
)
NO_SUBSTANCE = ("来信内容空泛，未反映具体问题和线索", "仅表达对村干部的不满情绪，无具体事实",
                "反映内容不清，无法核实")

CHANNEL_PREFIX = {
    "referred_from_above": "{county}转来：", "inspection_transfer": "巡察组移交：", "audit_transfer": "审计移送：",
}
LEAD_SOURCE_PREFIX = {
    "assigned_from_above": "{county}交办：", "inspection_transfer": "县委巡察组移交：",
    "audit_transfer": "审计发现：", "supervision_found": "日常监督检查发现：",
    "judicial_transfer": "县公安局移送：", "self_report": "本人主动交代：", "other": "",
}
TRANSFER_TARGETS = {"school": "县教育体育局纪检组", "hospital": "县卫生健康局纪检组",
                    "enterprise": "县市场监督管理局", "village": "镇党委", "office": "镇党委", "leaders": "县委组织部",
                    "county": "县委组织部"}
LEAD_TRANSFER_TARGETS = ("县公安局", "县人民检察院", "县市场监督管理局", "县自然资源局")
SUGGESTION_TARGETS = ("镇党政办", "镇农业农村办", "镇财政所")

# ---------------------------------------------------------------- notes and phrases
FEEDBACK = (
    "已将调查处理结果当面反馈反映人，反映人表示满意",
    "电话反馈办理结果，反映人无异议",
    "书面反馈办理结果，反映人表示认可",
    "已反馈，反映人表示部分认可，将继续关注",
    "约见反映人反馈核查情况，反映人表示理解",
)
RESULT_NOTES = {
    "concluded": "经谈话函询，{name}如实说明了有关情况，反映问题基本不属实，予以了结",
    "clarified": "经核实，反映问题与事实不符，予以澄清正名",
    "to_verification": "函询说明不清，经集体研究转为初步核实",
    "case_filed": "经初步核实，{name}涉嫌违纪，报请立案审查",
    "pv_concluded": "经初步核实，反映问题查无实据，予以了结",
    "reminder_talk": "问题情节轻微，对{name}进行谈话提醒",
    "transferred": "涉及其他机关管辖，移交{target}处理",
}
COLLECTIVE = "经{date}纪委会集体研究，同意{disposition}"
WORK_PLAN = "初核工作方案：成立核查组（{verifiers}），调取有关账目和资料，约谈知情人，核实{name}被反映问题，两个月内完成"
SHELVED_NOTE = "线索较为模糊，暂不具备核查条件，暂存待查"
CLOSED_NOTE = "经研判，反映问题缺乏可查性，予以了结"
REPEAT_REASON = "重复件，已并入原件{number}一并办理"
SUGGESTION_DONE = "已转相关部门研究，意见已采纳"
APPEAL_DONE = ("经复查，原处理决定事实清楚、定性准确，予以维持", "经复查，部分采纳申诉意见，变更原处理决定")
NO_SUBSTANCE_REASON = "反映内容无实质性问题，不予受理，已向反映人说明"
OUT_OF_SCOPE_REASON = "不属于纪检监察机关受理范围，已告知反映人向{target}反映"
UPPER_REASON = "被反映人属上级管理，按规定报送{county}"
EVIDENCE = ("谈话笔录、财务凭证、银行流水", "会议记录、签批单据、相关证人证言", "工程合同、验收资料、资金拨付凭证",
            "工作台账、督查通报、本人说明材料")
BASIS = {
    "closed_no_fault": "经核查，已履行{resp}，无失职失责情形",
    "inquiry": "《中国共产党问责条例》第七条，失职情节轻微，予以函询",
    "integrity_talk": "《中国共产党问责条例》第七条，履行{resp}不到位，进行廉政谈话",
    "held_accountable": "《中国共产党问责条例》第七条、第八条，履行{resp}不力，予以追责",
}
PROBATION_NOTE = "留党察看{years}年"
MEASURE_DOC = {"party_sanction": "{short}纪发〔{year}〕{n}号", "government_sanction": "{short}监发〔{year}〕{n}号",
               "handling": "{short}纪处〔{year}〕{n}号"}
ADDRESS = "{county}{town}{village}{group}组{no}号"
ID_REGION_CODES = ("532923", "532924", "532925", "532926", "532927", "532928", "532901", "532930")
PHONE_PREFIXES = ("130", "133", "135", "136", "138", "139", "150", "151", "157", "158", "159", "177", "180",
                  "183", "187", "188", "189", "199")
