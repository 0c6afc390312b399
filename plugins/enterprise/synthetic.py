"""Synthetic enterprises for the demo, the tests and the benchmark: a registry with valid credit codes and (see
:func:`indicators`) 24 months of indicators with known distress patterns injected into some of them."""

from __future__ import annotations

import random

from citybrain.plugins.enterprise import SIZES, creditcode
from citybrain.plugins.enterprise.config import INDUSTRIES

WORDS = ["华", "信", "达", "鑫", "联", "博", "远", "恒", "瑞", "嘉", "海", "泰", "宏", "德", "卓", "晟", "盛", "锦", "安",
         "汇", "虹", "凯", "源", "通", "创", "新", "科", "智", "云", "星"]
TRADES = {"C": "制造", "E": "建设工程", "F": "商贸", "G": "物流", "H": "餐饮管理", "I": "信息科技", "J": "投资管理",
          "K": "置业", "L": "企业管理咨询", "M": "科技发展", "O": "家政服务", "R": "文化传播"}
DIVISIONS = [d for d, (_, section) in INDUSTRIES.divisions.items() if section in TRADES]
SIZE_SHARE = (0.55, 0.3, 0.12, 0.03)  # micro, small, medium, large: the shape of a district's register
HEADCOUNT = {"micro": (3, 9), "small": (10, 99), "medium": (100, 299), "large": (300, 2000)}


def credit_code(rng: random.Random) -> str:
    """A code in the real format: 9 (industry and commerce) 1 (enterprise), Hongkou's division, an organisation
    code, and the GB 32100 check character."""
    body = "91310109" + "".join(rng.choice(creditcode.ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + creditcode.check_character(body)


def profiles(rng: random.Random, count: int, subdistricts: list[tuple[str, float, float]]) -> list[dict]:
    """``count`` enterprises spread over ``subdistricts`` (code, lat, lon), with a base headcount for the series."""
    codes: set[str] = set()
    out = []
    while len(out) < count:
        code = credit_code(rng)
        if code in codes:
            continue
        codes.add(code)
        division = rng.choice(DIVISIONS)
        size = rng.choices(SIZES, SIZE_SHARE)[0]
        place, lat, lon = rng.choice(subdistricts)
        name = f"上海{''.join(rng.sample(WORDS, 2))}{TRADES[INDUSTRIES.section(division)]}有限公司"
        out.append({"credit_code": code, "name": name, "industry": division, "subdistrict": place, "size": size,
                    "address": f"虹口区{rng.randint(1, 999)}号", "lat": lat + rng.uniform(-0.006, 0.006),
                    "lon": lon + rng.uniform(-0.006, 0.006), "key_enterprise": size == "large" or rng.random() < 0.05,
                    "headcount": rng.randint(*HEADCOUNT[size])})
    return out
