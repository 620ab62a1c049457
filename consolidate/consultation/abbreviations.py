"""The official abbreviations (规范简称) of Chinese party, government, court, procuratorate and
people's-organisation bodies, and the provincial-level names, as data.

Units sign with their full name (广西壮族自治区发展和改革委员会), the 规范简称 of their province
(自治区发展改革委), or the colloquial short form (发改委), while the roster holds whichever the
clerk typed. Rather than ask every consultation to list aliases, names on both sides are
reduced with these tables to one written form and compared on that.

Sources, as found and cross-checked by hand:

- 国务院办公厅关于国务院机构简称的通知 and the State Council's own usage since the 2018
  reform (国家发展改革委, 人力资源社会保障部, 住房城乡建设部, 市场监管总局, 国家医保局 …);
- the provincial 机构改革方案 of 2018–2019 (e.g. 中共中央办公厅、国务院办公厅印发《甘肃省机构
  改革方案》, 湖北省 and 广西壮族自治区 的方案), which name each body in full and in short;
- city notices on 规范简称 such as 厦门市人民政府办公厅's (市人力资源和社会保障局简称“人社局”),
  and the 简称 used in provincial 征求意见 letters and 名单 (省委编办, 省委网信办, 团省委, 省纪委监委,
  省高院, 省检察院, 区直单位 lists in 广西, 市直单位 lists in 浙江 and 重庆).

The tables hold *written forms*, not one province's roster: every pair says "the left is
written for the right". ``name_forms`` in ``roster.py`` decides how they are applied.
"""

from __future__ import annotations

# Contractions that hold in every name, applied first (so the tables below can be written
# in either form): 委员会 is written 委 in every short name, 人民政府 政府, and so on.
GENERIC: tuple[tuple[str, str], ...] = (
    ("中国共产党", "中共"), ("中国共产主义青年团", "共青团"), ("中国人民政治协商会议", "政协"),
    ("人民代表大会", "人大"), ("人民政府", "政府"), ("人民法院", "法院"), ("人民检察院", "检察院"),
    ("委员会", "委"), ("委会", "委"),  # 常委会、管委会: the 会 is dropped on both sides
)  # fmt: skip

# Parts of names and their 规范简称 (left written for right). Replaced wherever they occur in
# a name, longest first, so 发展和改革委员会 → 发展改革委 and 发展和改革局 → 发展改革局.
TERMS: tuple[tuple[str, str], ...] = (
    # 政府组成部门、直属机构 and their counterparts at city and county level
    ("发展和改革", "发展改革"), ("发改", "发展改革"),
    ("教育委", "教委"),  # 北京、上海、天津、重庆 and many cities: 市教育委员会 → 市教委
    ("教育工作委", "教育工委"), ("机关工作委", "机关工委"), ("工作委", "工委"),
    ("科学技术协会", "科协"), ("科技协会", "科协"),
    ("科学技术委", "科委"), ("科技委", "科委"), ("科学技术", "科技"),
    ("工业和信息化", "工业和信息化"), ("工业信息化", "工业和信息化"), ("工信", "工业和信息化"),
    ("经济和信息化", "经济和信息化"), ("经济信息化", "经济和信息化"), ("经信", "经济和信息化"),
    ("经济信息", "经济和信息化"),  # 重庆市经济和信息化委员会 → 市经济信息委
    ("民族宗教事务", "民族宗教"), ("民宗", "民族宗教"), ("民族事务委", "民委"),
    ("人力资源和社会保障", "人力资源社会保障"), ("人社", "人力资源社会保障"), ("人力社保", "人力资源社会保障"),
    ("自然资源和规划", "自然资源规划"), ("规划和自然资源", "规划自然资源"),
    ("住房和城乡建设", "住房城乡建设"), ("住建", "住房城乡建设"),
    ("住房城乡建委", "住房城乡建设委"),  # 重庆市住房和城乡建设委员会 → 市住房城乡建委
    ("城乡建设委", "建委"), ("住房保障和房产管理", "住保房管"),
    ("城乡建设和交通", "城乡建设交通"),
    ("交通运输", "交通运输"), ("交通", "交通运输"),
    ("文化和旅游", "文化和旅游"), ("文化旅游", "文化和旅游"), ("文旅", "文化和旅游"),
    ("文化和旅游发展委", "文化和旅游委"),  # 重庆市文化和旅游发展委员会 → 市文化旅游委
    ("文化广电和旅游", "文化广电旅游"), ("文广旅", "文化广电旅游"), ("文广旅游", "文化广电旅游"),
    ("文化广电体育和旅游", "文化广电体育旅游"), ("文广体旅", "文化广电体育旅游"),
    ("卫生和健康", "卫生健康"), ("卫健", "卫生健康"), ("卫生和计划生育", "卫生计生"),
    ("退役军人事务", "退役军人"),
    ("应急管理", "应急管理"), ("应急", "应急管理"),
    ("国有资产监督管理", "国资"),
    ("市场监督管理", "市场监管"),
    ("广播电视", "广电"),
    ("医疗保障", "医保"),
    ("药品监督管理", "药监"), ("药品监管", "药监"),
    ("林业和草原", "林草"), ("林业水利", "林水"), ("管理委", "管委"),
    ("粮食和物资储备", "粮食和物资储备"), ("粮储", "粮食和物资储备"),
    ("机关事务管理", "机关事务"), ("行政公署", "行署"),
    ("地方金融监督管理", "地方金融监管"),
    ("人民防空办公室", "人防办"), ("人防办公室", "人防办"),
    ("政务服务和大数据管理", "政务服务数据管理"),
    ("大数据发展管理", "大数据发展"), ("大数据应用发展管理", "大数据发展"),
    ("北部湾经济区规划建设管理办公室", "北部湾办"), ("北部湾经济区和东盟开放合作办公室", "北部湾办"),
    ("城市管理综合行政执法", "城管执法"), ("城市管理", "城管"),
    ("外事办公室", "外办"), ("外事工作委办公室", "外办"),
    ("侨务办公室", "侨办"), ("港澳事务办公室", "港澳办"),
    ("台湾事务办公室", "台办"), ("台湾工作办公室", "台办"),
    ("人大常务委", "人大常委"),
    # 人大常委会's 法制工作委员会 signs 法工委; 市人大法工委 is the 常委会's (人大 has no other)
    ("法制工作委", "法工委"), ("法制工委", "法工委"),
    ("人大法工委", "人大常委法工委"), ("人大法制工作委", "人大法工委"),
    ("常务委", "常委"),
    # 党委工作机关 and 议事协调机构 offices
    ("统一战线工作部", "统战部"),
    ("政策研究室", "政研室"),
    ("机构编制委办公室", "编办"), ("编委办公室", "编办"), ("编委办", "编办"),
    ("网络安全和信息化委办公室", "网信办"), ("网络安全和信息化办公室", "网信办"),
    ("互联网信息办公室", "网信办"),  # 省委网信办 加挂 省互联网信息办公室 牌子
    ("纪律检查委", "纪委"), ("监察委", "监委"), ("纪检监察委", "纪委监委"),
    ("全面深化改革委办公室", "改革办"), ("深化改革办公室", "改革办"), ("深改办", "改革办"),
    ("财经委办公室", "财经办"), ("保密委办公室", "保密办"),
    ("军民融合发展委办公室", "军民融合办"),
    ("老干部局", "老干部局"), ("社会工作部", "社会工作部"), ("社工部", "社会工作部"),
    # 人民团体 and associations
    ("妇女联合会", "妇联"), ("残疾人联合会", "残联"), ("工商业联合会", "工商联"),
    ("文学艺术界联合会", "文联"), ("社会科学界联合会", "社科联"), ("归国华侨联合会", "侨联"),
    ("台湾同胞联谊会", "台联"), ("青年联合会", "青联"), ("学生联合会", "学联"),
    ("供销合作社联合社", "供销社"), ("供销合作社", "供销社"),
    ("国际贸易促进委", "贸促会"), ("作家协会", "作协"),
    ("企业联合会", "企联"),  # 中国企业联合会 → 中国企联
    # courts
    ("高级法院", "高院"), ("高法院", "高院"), ("中级法院", "中院"),
    ("最高法院", "最高法院"), ("最高法", "最高法院"), ("最高检察院", "最高检察院"), ("最高检", "最高检察院"),
)  # fmt: skip

# Whole names of a body (after the place and the terms above) that stand for one another.
# These cannot be replaced inside longer names: 办 alone, 法院 alone mean nothing out of context.
WHOLE: tuple[tuple[str, str], ...] = (
    ("政府办公室", "政府办公厅"), ("政府办", "政府办公厅"),
    ("党委办公室", "党委办公厅"), ("党委办", "党委办公厅"),
    ("市监局", "市场监管局"), ("人大办公厅", "人大常委办公厅"), ("人大办", "人大常委办公厅"),
    ("地方金融管理局", "地方金融监管局"), ("金融监管局", "地方金融监管局"),
    ("金融工作办公室", "地方金融监管局"), ("金融办", "地方金融监管局"),
    ("纪委", "纪委监委"), ("监委", "纪委监委"),
    ("纪委省监委", "纪委监委"), ("纪委区监委", "纪委监委"), ("纪委市监委", "纪委监委"), ("纪委县监委", "纪委监委"),
    ("法院", "高院"),  # 省法院 is the province's 高级人民法院
    ("直属机关工委", "机关工委"), ("党委直属机关工委", "党委机关工委"),
    ("安全厅", "国家安全厅"), ("监狱局", "监狱管理局"),
    ("大数据局", "大数据发展局"), ("数据资源管理局", "数据资源局"),
    ("团委", "团委"),
)  # fmt: skip

# Bodies that share one office (合署办公) or one body under two names (加挂牌子): each signs
# with the other's name. When both are consulted, a bare name (教育厅, no place, no party
# marker) may come from either, so it is reported for the clerk to decide.
AFFILIATED: tuple[tuple[str, str], ...] = (
    ("教育厅", "党委教育工委"), ("教委", "党委教育工委"), ("教育局", "党委教育工委"),
    ("党委组织部", "公务员局"), ("党委宣传部", "新闻出版局"), ("党委宣传部", "电影局"),
)  # fmt: skip

# A body administered by another (部门管理机构), the manager first. The managed body may sign
# with its manager's name, so a bare 自然资源厅 may be the 林业局's; but the manager never signs
# with the managed body's name: a bare 林业局 is the 林业局 when it is consulted.
MANAGED: tuple[tuple[str, str], ...] = (
    ("市场监管局", "药监局"), ("司法厅", "监狱管理局"), ("自然资源厅", "林业局"), ("自然资源厅", "林草局"),
)  # fmt: skip

# The 34 provincial-level divisions, full name and the short form used in unit names.
PROVINCES: tuple[tuple[str, str], ...] = (
    ("北京市", "北京"), ("天津市", "天津"), ("上海市", "上海"), ("重庆市", "重庆"),
    ("河北省", "河北"), ("山西省", "山西"), ("辽宁省", "辽宁"), ("吉林省", "吉林"),
    ("黑龙江省", "黑龙江"), ("江苏省", "江苏"), ("浙江省", "浙江"), ("安徽省", "安徽"),
    ("福建省", "福建"), ("江西省", "江西"), ("山东省", "山东"), ("河南省", "河南"),
    ("湖北省", "湖北"), ("湖南省", "湖南"), ("广东省", "广东"), ("海南省", "海南"),
    ("四川省", "四川"), ("贵州省", "贵州"), ("云南省", "云南"), ("陕西省", "陕西"),
    ("甘肃省", "甘肃"), ("青海省", "青海"), ("台湾省", "台湾"),
    ("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"), ("西藏自治区", "西藏"),
    ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"),
    ("香港特别行政区", "香港"), ("澳门特别行政区", "澳门"),
)  # fmt: skip

MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
