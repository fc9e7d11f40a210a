"""The bilingual vocabulary, in one place: metric, level, kind and record labels in English, the province-level
regions and tracked cities in their standard English forms, and the official English names of the issuing
bodies. Data and pure functions, no I/O.

Region names follow the forms the State Council and the National Bureau of Statistics use in English: Pinyin
without tones, "Inner Mongolia", "Guangxi", "Tibet", "Xinjiang", "Ningxia", "Hong Kong", "Macao". Issuer names
are the bodies' own English names (NDRC's "National Development and Reform Commission"); a body this table does
not know stays as it is written, so a translated issuer never invents a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

METRIC_EN = {
    "growth_rate": "growth rate", "industry_scale": "industry scale", "share": "share",
    "enterprises": "enterprises", "bases": "bases", "datasets": "datasets", "cases": "application cases",
    "talent": "trained workers", "standards": "standards", "funding": "funding", "other": "other",
}
LEVEL_EN = {"national": "national", "provincial": "provincial", "municipal": "municipal"}
# Event kinds (changes), timeline kinds and scheme kinds share one field name, `kind`; their names never clash.
KIND_EN = {
    "new": "new", "revised": "revised", "repost": "reposted", "removed": "removed", "restored": "restored",
    "reparsed": "re-parsed",
    "written": "issued", "published": "published", "in_force": "in force", "expires": "expires",
    "target": "target deadline", "fact": "reported figure",
    "skill_certification": "skill certification", "standard": "standard", "base_designation": "base designation",
    "talent_program": "talent programme",
}
RELATION_EN = {"above": "above", "equal": "equal to", "below": "below"}
NATIONAL = "全国"
NATIONAL_EN = "China"


@dataclass(frozen=True, slots=True)
class Province:
    code: int  # GB/T 2260 division code (first two digits)
    name: str  # full: 四川省, 内蒙古自治区
    short: str  # 四川, 内蒙古
    en: str  # Sichuan, Inner Mongolia
    formal_en: str  # the body's place name: Guangxi Zhuang Autonomous Region
    kind: str  # province, municipality, autonomous_region, sar


def _p(code: int, name: str, short: str, en: str, formal: str | None = None) -> Province:
    kind = ("municipality" if name.endswith("市") else "autonomous_region" if name.endswith("自治区")
            else "sar" if name.endswith("特别行政区") else "province")
    return Province(code, name, short, en, formal or en, kind)


# In administrative-code order, as statistical yearbooks list them.
PROVINCES: tuple[Province, ...] = (
    _p(11, "北京市", "北京", "Beijing"), _p(12, "天津市", "天津", "Tianjin"), _p(13, "河北省", "河北", "Hebei"),
    _p(14, "山西省", "山西", "Shanxi"),
    _p(15, "内蒙古自治区", "内蒙古", "Inner Mongolia", "Inner Mongolia Autonomous Region"),
    _p(21, "辽宁省", "辽宁", "Liaoning"), _p(22, "吉林省", "吉林", "Jilin"),
    _p(23, "黑龙江省", "黑龙江", "Heilongjiang"), _p(31, "上海市", "上海", "Shanghai"),
    _p(32, "江苏省", "江苏", "Jiangsu"), _p(33, "浙江省", "浙江", "Zhejiang"), _p(34, "安徽省", "安徽", "Anhui"),
    _p(35, "福建省", "福建", "Fujian"), _p(36, "江西省", "江西", "Jiangxi"), _p(37, "山东省", "山东", "Shandong"),
    _p(41, "河南省", "河南", "Henan"), _p(42, "湖北省", "湖北", "Hubei"), _p(43, "湖南省", "湖南", "Hunan"),
    _p(44, "广东省", "广东", "Guangdong"),
    _p(45, "广西壮族自治区", "广西", "Guangxi", "Guangxi Zhuang Autonomous Region"),
    _p(46, "海南省", "海南", "Hainan"), _p(50, "重庆市", "重庆", "Chongqing"), _p(51, "四川省", "四川", "Sichuan"),
    _p(52, "贵州省", "贵州", "Guizhou"), _p(53, "云南省", "云南", "Yunnan"),
    _p(54, "西藏自治区", "西藏", "Tibet", "Tibet Autonomous Region"),
    _p(61, "陕西省", "陕西", "Shaanxi"), _p(62, "甘肃省", "甘肃", "Gansu"), _p(63, "青海省", "青海", "Qinghai"),
    _p(64, "宁夏回族自治区", "宁夏", "Ningxia", "Ningxia Hui Autonomous Region"),
    _p(65, "新疆维吾尔自治区", "新疆", "Xinjiang", "Xinjiang Uygur Autonomous Region"),
    _p(71, "台湾省", "台湾", "Taiwan"),
    _p(81, "香港特别行政区", "香港", "Hong Kong", "Hong Kong Special Administrative Region"),
    _p(82, "澳门特别行政区", "澳门", "Macao", "Macao Special Administrative Region"),
)
PROVINCE_BY_NAME = {p.name: p for p in PROVINCES}

# The seven national data-annotation base cities first, then the provincial capitals and other large cities.
CITIES: dict[str, tuple[str, str]] = {  # 成都市: (Chengdu, 四川省)
    "成都市": ("Chengdu", "四川省"), "沈阳市": ("Shenyang", "辽宁省"), "合肥市": ("Hefei", "安徽省"),
    "长沙市": ("Changsha", "湖南省"), "海口市": ("Haikou", "海南省"), "保定市": ("Baoding", "河北省"),
    "大同市": ("Datong", "山西省"),
    "石家庄市": ("Shijiazhuang", "河北省"), "太原市": ("Taiyuan", "山西省"), "呼和浩特市": ("Hohhot", "内蒙古自治区"),
    "长春市": ("Changchun", "吉林省"), "哈尔滨市": ("Harbin", "黑龙江省"), "南京市": ("Nanjing", "江苏省"),
    "杭州市": ("Hangzhou", "浙江省"), "福州市": ("Fuzhou", "福建省"), "南昌市": ("Nanchang", "江西省"),
    "济南市": ("Jinan", "山东省"), "郑州市": ("Zhengzhou", "河南省"), "武汉市": ("Wuhan", "湖北省"),
    "广州市": ("Guangzhou", "广东省"), "南宁市": ("Nanning", "广西壮族自治区"), "贵阳市": ("Guiyang", "贵州省"),
    "昆明市": ("Kunming", "云南省"), "拉萨市": ("Lhasa", "西藏自治区"), "西安市": ("Xi'an", "陕西省"),
    "兰州市": ("Lanzhou", "甘肃省"), "西宁市": ("Xining", "青海省"), "银川市": ("Yinchuan", "宁夏回族自治区"),
    "乌鲁木齐市": ("Urumqi", "新疆维吾尔自治区"), "深圳市": ("Shenzhen", "广东省"), "厦门市": ("Xiamen", "福建省"),
    "青岛市": ("Qingdao", "山东省"), "大连市": ("Dalian", "辽宁省"), "宁波市": ("Ningbo", "浙江省"),
    "苏州市": ("Suzhou", "江苏省"), "贵安新区": ("Gui'an New Area", "贵州省"),
}

# National bodies: (official English name, abbreviation or None). Aliases are the forms documents sign with.
_BODIES: dict[str, tuple[str, str | None]] = {
    "中共中央": ("Central Committee of the Communist Party of China", "CPC Central Committee"),
    "国务院": ("State Council", None),
    "全国人民代表大会常务委员会": ("Standing Committee of the National People's Congress", "NPCSC"),
    "国家发展和改革委员会": ("National Development and Reform Commission", "NDRC"),
    "国家数据局": ("National Data Administration", "NDA"),
    "工业和信息化部": ("Ministry of Industry and Information Technology", "MIIT"),
    "人力资源和社会保障部": ("Ministry of Human Resources and Social Security", "MOHRSS"),
    "财政部": ("Ministry of Finance", "MOF"),
    "教育部": ("Ministry of Education", "MOE"),
    "科学技术部": ("Ministry of Science and Technology", "MOST"),
    "商务部": ("Ministry of Commerce", "MOFCOM"),
    "农业农村部": ("Ministry of Agriculture and Rural Affairs", "MARA"),
    "民政部": ("Ministry of Civil Affairs", "MCA"),
    "公安部": ("Ministry of Public Security", "MPS"),
    "司法部": ("Ministry of Justice", "MOJ"),
    "自然资源部": ("Ministry of Natural Resources", "MNR"),
    "生态环境部": ("Ministry of Ecology and Environment", "MEE"),
    "住房和城乡建设部": ("Ministry of Housing and Urban-Rural Development", "MOHURD"),
    "交通运输部": ("Ministry of Transport", "MOT"),
    "文化和旅游部": ("Ministry of Culture and Tourism", "MCT"),
    "国家卫生健康委员会": ("National Health Commission", "NHC"),
    "中国人民银行": ("People's Bank of China", "PBOC"),
    "国务院国有资产监督管理委员会": ("State-owned Assets Supervision and Administration Commission of the State "
                                     "Council", "SASAC"),
    "国家市场监督管理总局": ("State Administration for Market Regulation", "SAMR"),
    "国家标准化管理委员会": ("Standardization Administration of China", "SAC"),
    "国家金融监督管理总局": ("National Financial Regulatory Administration", "NFRA"),
    "中国证券监督管理委员会": ("China Securities Regulatory Commission", "CSRC"),
    "国家互联网信息办公室": ("Cyberspace Administration of China", "CAC"),
    "中央网络安全和信息化委员会办公室": ("Office of the Central Cyberspace Affairs Commission", None),
    "国家统计局": ("National Bureau of Statistics", "NBS"),
    "国家知识产权局": ("China National Intellectual Property Administration", "CNIPA"),
    "国家税务总局": ("State Taxation Administration", "STA"),
    "海关总署": ("General Administration of Customs", "GACC"),
    "国家能源局": ("National Energy Administration", "NEA"),
    "国家乡村振兴局": ("National Rural Revitalization Administration", None),
    "中国科学院": ("Chinese Academy of Sciences", "CAS"),
    "中华全国总工会": ("All-China Federation of Trade Unions", "ACFTU"),
    "中国残疾人联合会": ("China Disabled Persons' Federation", "CDPF"),
    "共青团中央": ("Central Committee of the Communist Youth League of China", None),
}
_ALIASES = {
    "国家发展改革委": "国家发展和改革委员会", "国家发改委": "国家发展和改革委员会",
    "工信部": "工业和信息化部", "人力资源社会保障部": "人力资源和社会保障部", "人社部": "人力资源和社会保障部",
    "科技部": "科学技术部", "住房城乡建设部": "住房和城乡建设部", "国家卫生健康委": "国家卫生健康委员会",
    "国务院国资委": "国务院国有资产监督管理委员会", "国资委": "国务院国有资产监督管理委员会",
    "市场监管总局": "国家市场监督管理总局", "国家标准委": "国家标准化管理委员会",
    "金融监管总局": "国家金融监督管理总局", "中国证监会": "中国证券监督管理委员会", "证监会": "中国证券监督管理委员会",
    "国家网信办": "国家互联网信息办公室", "中央网信办": "中央网络安全和信息化委员会办公室",
    "人民银行": "中国人民银行", "全国总工会": "中华全国总工会", "中国残联": "中国残疾人联合会",
    "全国人大常委会": "全国人民代表大会常务委员会",
}

# A local body after its place name (四川省财政厅): its English name without the place.
_LOCAL_BODIES = {
    "人民政府": "People's Government", "政府": "Government",
    "发展和改革委员会": "Development and Reform Commission", "发展改革委": "Development and Reform Commission",
    "发改委": "Development and Reform Commission",
    "数据局": "Data Bureau", "大数据局": "Big Data Bureau", "数据资源管理局": "Data Resources Administration",
    "数据资源局": "Data Resources Bureau", "大数据发展管理局": "Big Data Development Administration",
    "大数据中心": "Big Data Center", "政务服务和数据管理局": "Government Services and Data Administration",
    "数据和政务服务局": "Data and Government Services Bureau",
    "经济和信息化厅": "Department of Economy and Information Technology",
    "经济和信息化委员会": "Commission of Economy and Information Technology",
    "经济和信息化局": "Bureau of Economy and Information Technology",
    "工业和信息化厅": "Department of Industry and Information Technology",
    "工业和信息化局": "Bureau of Industry and Information Technology",
    "人力资源和社会保障厅": "Department of Human Resources and Social Security",
    "人力资源社会保障厅": "Department of Human Resources and Social Security",
    "人力资源和社会保障局": "Bureau of Human Resources and Social Security",
    "人力资源社会保障局": "Bureau of Human Resources and Social Security",
    "财政厅": "Department of Finance", "财政局": "Bureau of Finance",
    "教育厅": "Department of Education", "教育局": "Bureau of Education",
    "科学技术厅": "Department of Science and Technology", "科技厅": "Department of Science and Technology",
    "科学技术局": "Bureau of Science and Technology", "科技局": "Bureau of Science and Technology",
    "商务厅": "Department of Commerce", "商务局": "Bureau of Commerce",
    "网信办": "Cyberspace Administration",
}
_OFFICE = ("办公厅", "办公室")  # X办公厅 → General Office of the X
_SPLIT = re.compile(r"[\s、，,；;/]+")


def region_en(name: str | None) -> str | None:
    """四川省 → Sichuan, 成都市 → Chengdu, 全国 → China; a name the vocabulary lacks → None."""
    if not name:
        return None
    if name == NATIONAL:
        return NATIONAL_EN
    if name in PROVINCE_BY_NAME:
        return PROVINCE_BY_NAME[name].en
    if name in CITIES:
        return CITIES[name][0]
    return None


def _fold(text: str) -> str:
    return re.sub(r"[\s'’_-]+", "", text).casefold()


_PLACES: dict[str, str] = {}  # folded English or Chinese form → the Chinese name a region filter takes
for _prov in PROVINCES:
    for _form in (_prov.en, _prov.formal_en, _prov.en + " Province", _prov.en + " Municipality"):
        _PLACES[_fold(_form)] = _prov.name
for _city, (_en, _) in CITIES.items():
    for _form in (_en, _en + " City"):
        _PLACES.setdefault(_fold(_form), _city)
for _form in ("China", "National", "全国"):
    _PLACES[_fold(_form)] = NATIONAL


def resolve_region(text: str | None) -> str | None:
    """What a region filter takes: an English name (Sichuan, sichuan, Inner Mongolia, Xi'an, Chengdu City)
    becomes its Chinese name (四川省 …); anything else (四川, a prefix) is returned as it is."""
    if text is None:
        return None
    text = text.strip()
    return _PLACES.get(_fold(text), text) if text.isascii() else text


def region_names() -> tuple[list[str], list[str]]:
    """The places a region filter knows: (Chinese names, short forms and 全国; English names)."""
    chinese = [p.name for p in PROVINCES] + [p.short for p in PROVINCES] + list(CITIES) + [NATIONAL]
    english = [p.en for p in PROVINCES] + [en for en, _ in CITIES.values()] + ["China"]
    return chinese, english


def known_region(text: str, names: Iterable[str]) -> bool:
    """Whether a Chinese region filter can match one of `names`: a prefix of one (四川 of 四川省), or one of
    them beginning it (成都市锦江区 of 成都市)."""
    return any(n.startswith(text) or text.startswith(n) for n in names if n)


def unknown_region(value: str, names: Iterable[str]) -> str:
    """'no region is called …', with the closest known names (difflib)."""
    import difflib

    names = sorted(set(names))
    folded = {n.casefold(): n for n in names}
    closest = [folded[n] for n in difflib.get_close_matches(value.casefold(), list(folded), n=3, cutoff=0.5)]
    return (f"no region is called {value!r}" + (f"; the closest: {', '.join(closest)}" if closest else "")
            + " (an English name such as Sichuan or Chengdu, or a Chinese prefix such as 四川; "
            "`policytrack sources` lists the places)")


def _place(piece: str) -> tuple[str, str, str] | None:
    """The place a local body's name begins with: (Chinese name, English, adjective) for 四川省…, 成都市…,
    北京市…, 广西壮族自治区…; None when it begins with no known place."""
    for p in sorted(PROVINCES, key=lambda p: -len(p.name)):
        if piece.startswith(p.name):
            adjective = {"province": "Provincial", "municipality": "Municipal"}.get(p.kind, "")
            return p.name, p.formal_en if not adjective else p.en, adjective
    for city, (en, _) in CITIES.items():
        if piece.startswith(city):
            return city, en, "Municipal"
    return None


def body_en(piece: str) -> str | None:
    """One body's official English name (国家数据局 → National Data Administration), or None."""
    piece = piece.strip()
    name = _ALIASES.get(piece, piece)
    if name in _BODIES:
        return _BODIES[name][0]
    for office in _OFFICE:  # 国务院办公厅, 人力资源社会保障部办公厅, 四川省人民政府办公厅
        if name.endswith(office) and len(name) > len(office):
            parent = body_en(name[: -len(office)])
            if parent:
                return f"General Office of the {parent}"
    party = re.fullmatch(r"中共(.+?)(省|市|自治区)委", name)  # 中共四川省委
    if party:
        place = _place(party.group(1) + party.group(2))
        if place:
            return " ".join(part for part in ("CPC", place[1], place[2], "Committee") if part)
    place = _place(name)
    if place:
        rest = name[len(place[0]):]
        if rest in _LOCAL_BODIES:
            if place[1].endswith("Special Administrative Region") and rest in ("政府", "人民政府"):
                return f"Government of the {place[1]}"
            return " ".join(part for part in (place[1], place[2], _LOCAL_BODIES[rest]) if part)
    return None


def issuer_parts(issuer: str | None) -> list[str]:
    """The bodies of an issuer string, as written: 国家发展改革委 国家数据局 → [国家发展改革委, 国家数据局]."""
    return [p for p in _SPLIT.split(issuer or "") if p]


def issuer_en(issuer: str | None) -> str | None:
    """An issuer of one body or several, translated piece by piece ("; " between bodies); a body the
    vocabulary does not know is left as written. None for no issuer."""
    parts = issuer_parts(issuer)
    if not parts:
        return None
    return "; ".join(body_en(p) or p for p in parts)


def abbreviation(piece: str) -> str | None:
    """A body's abbreviation (国家发展改革委 → NDRC), as citation keys use it; None if it has none."""
    name = _ALIASES.get(piece.strip(), piece.strip())
    return _BODIES[name][1] if name in _BODIES else None


def province_of(region: str | None) -> Province | None:
    """The province-level region a region is or belongs to (成都市 → 四川省)."""
    if not region:
        return None
    if region in PROVINCE_BY_NAME:
        return PROVINCE_BY_NAME[region]
    if region in CITIES:
        return PROVINCE_BY_NAME[CITIES[region][1]]
    return None
