"""Curated six disclosures of the demo's items: each kind of item cites the law that governs it
(by name, with no invented article numbers), asks for the materials that belong to it, charges a
fee only where the law charges one, and on-the-spot items (即办) are promised for the same day.

Pure rules over an item's name; the seeded generator only picks among what fits.
"""

from __future__ import annotations

import random

from console.demo import data

#: the wording of a law's name that says nothing about its subject
_NOISE = ("中华人民共和国", "暂行", "条例", "办法", "规定", "管理", "实施", "细则", "法")

#: items done at the window on the spot (即办): promised 0 working days
ON_THE_SPOT = ("结婚登记", "离婚登记", "补领婚姻登记证", "出生登记", "户口注销登记", "收养登记", "劳动合同备案")

#: items the law gives free of charge, whatever else their name says
FREE_WORDS = ("法律援助", "五保", "低保", "最低生活", "救助", "婚", "收养", "殡葬", "优抚", "抚恤", "出生", "户口",
              "就业", "失业", "社会保险", "养老", "医疗保险", "生育", "残疾", "调解", "备案")
#: items for which a fee standard exists (工本费, 登记费, 检验费 …)
FEE_WORDS = ("机动车", "驾驶证", "身份证", "不动产", "房屋", "土地", "测绘", "检验", "检测", "鉴定", "出入境",
             "护照", "通行证", "特种设备", "车辆", "船舶", "商标", "矿", "取水", "排污", "规划许可", "施工许可")

#: materials by the kind of item (keywords of its name), most specific first
MATERIALS_BY_KIND: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("结婚",), ("双方居民身份证", "双方户口簿", "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明",
                "双方近期半身免冠合影照片")),
    (("离婚",), ("双方居民身份证", "双方户口簿", "结婚证", "离婚协议书")),
    (("婚姻登记证",), ("居民身份证", "户口簿", "近期半身免冠照片")),
    (("身份证",), ("户口簿", "近期免冠照片")),
    (("户口", "出生"), ("户口簿", "申请人身份证明", "出生医学证明", "村（居）民委员会证明")),
    (("低保", "最低生活", "五保", "救助", "法律援助"), ("申请人身份证明", "户口簿", "家庭收入状况证明",
                                                  "村（居）民委员会证明")),
    (("机动车", "驾驶证", "车辆"), ("申请人身份证明", "机动车所有人身份证明", "机动车安全技术检验合格证明",
                                  "身体条件证明", "近期免冠照片")),
    (("消防", "娱乐", "公众聚集"), ("营业执照副本复印件", "场所使用证明", "消防验收意见书", "消防安全制度")),
    (("建设", "工程", "规划", "施工", "项目", "节能", "投资", "土地", "用地"),
     ("项目立项批准文件", "土地使用证明", "设计图纸", "可行性研究报告", "环境影响评价批复", "建设工程规划许可证")),
    (("食品", "药品", "卫生", "医疗", "餐饮"), ("营业执照副本复印件", "场所使用证明", "现场平面示意图", "从业人员健康证明",
                                         "管理制度文本")),
    (("学校", "办学", "教师", "培训"), ("举办者身份证明", "场所使用证明", "教师资格证明", "章程", "资产证明")),
    (("执业", "资格", "律师", "医师"), ("申请人身份证明", "学历证明", "专业技术人员资格证明", "近期免冠照片")),
    (("企业", "公司", "经营", "生产", "许可", "资质", "核准"),
     ("营业执照副本复印件", "法定代表人身份证明", "场所使用证明", "相关资质证书", "专业技术人员资格证明", "管理制度文本")),
)
GENERAL_MATERIALS = ("申请人身份证明", "授权委托书", "相关证明材料")


def _subject(law: str) -> str:
    for word in _NOISE:
        law = law.replace(word, "")
    return law


def governing_law(name: str, laws: tuple[str, ...]) -> str:
    """The department's law whose subject shares most with the item's name (the first on a tie)."""
    def score(law: str) -> int:
        subject = _subject(law)
        pairs = {subject[i:i + 2] for i in range(len(subject) - 1)}
        return sum(2 for p in pairs if p in name) + sum(1 for ch in set(subject) if ch in name)

    return max(laws, key=lambda law: (score(law), -laws.index(law)))


def legal_basis(name: str, laws: tuple[str, ...]) -> str:
    """《the governing law》, and the Administrative Licensing Law for a licence."""
    law = governing_law(name, laws)
    licence = any(word in name for word in ("许可", "审批", "核准", "资质", "资格", "执业"))
    assistance = any(word in name for word in ("五保", "低保", "最低生活", "救助", "法律援助", "优抚", "抚恤"))
    if licence and not assistance and law != data.ADMIN_LICENSING_LAW:
        return f"《{law}》；《{data.ADMIN_LICENSING_LAW}》"
    return f"《{law}》"


def materials_for(name: str) -> tuple[str, ...]:
    """The materials that belong to an item of this name (beyond its application form)."""
    for words, materials in MATERIALS_BY_KIND:
        if any(word in name for word in words):
            return materials
    return GENERAL_MATERIALS


def charges_fee(name: str) -> bool:
    """True when the law charges a fee for an item of this name."""
    return not any(word in name for word in FREE_WORDS) and any(word in name for word in FEE_WORDS)


def on_the_spot(name: str) -> bool:
    return any(name.startswith(word) for word in ON_THE_SPOT)


def pick_materials(rng: random.Random, name: str, variant: str) -> list[dict]:
    """The application form, then what belongs to the item (a variant asks for its change papers)."""
    pool = list(materials_for(name))
    count = min(len(pool), rng.choice((2, 3, 3, 4, 4, 5)))
    chosen = pool[:count]
    if variant:
        chosen = [rng.choice(data.CHANGE_MATERIALS), *chosen[: max(1, count - 1)]]
    form = "申请表" if rng.random() < 0.5 else "申请书"
    materials = [{"position": 1, "name": form, "required": True, "copies": 1, "note": "", "main": True}]
    for position, material in enumerate(chosen, start=2):
        copy = "复印件" in material
        materials.append({"position": position, "name": material, "required": position <= 3 or rng.random() < 0.8,
                          "copies": 1 if not copy else rng.choice((1, 2)), "note": data.COPIES_NOTE if copy else "",
                          "main": position == 2})
    return materials
