"""Synthetic enterprises for the demo, the tests and the benchmark: a registry with valid credit codes and (see
:func:`indicators`) 24 months of indicators with known distress patterns injected into some of them."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pandas as pd

from citybrain.plugins.enterprise import SIZES, config, creditcode

WORDS = [
    "华",
    "信",
    "达",
    "鑫",
    "联",
    "博",
    "远",
    "恒",
    "瑞",
    "嘉",
    "海",
    "泰",
    "宏",
    "德",
    "卓",
    "晟",
    "盛",
    "锦",
    "安",
    "汇",
    "虹",
    "凯",
    "源",
    "通",
    "创",
    "新",
    "科",
    "智",
    "云",
    "星",
]
TRADES = {
    "C": "制造",
    "E": "建设工程",
    "F": "商贸",
    "G": "物流",
    "H": "餐饮管理",
    "I": "信息科技",
    "J": "投资管理",
    "K": "置业",
    "L": "企业管理咨询",
    "M": "科技发展",
    "O": "家政服务",
    "R": "文化传播",
}
SIZE_SHARE = (0.55, 0.3, 0.12, 0.03)  # micro, small, medium, large: the shape of a district's register
HEADCOUNT = {"micro": (3, 9), "small": (10, 99), "medium": (100, 299), "large": (300, 2000)}


def credit_code(rng: random.Random) -> str:
    """A code in the real format: 9 (industry and commerce) 1 (enterprise), Hongkou's division, an organisation
    code, and the GB 32100 check character."""
    body = "91310109" + "".join(rng.choice(creditcode.ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + creditcode.check_character(body)


def _unique_name(rng: random.Random, trade: str, taken: set[str]) -> str:
    """上海 + two words + the trade, a third word once two keep colliding: a register holds a name once (a district's
    5,000 drawn from 870 pairs per trade repeated names: four 上海云卓制造有限公司 in one list)."""
    for attempt in range(100):
        name = f"上海{''.join(rng.sample(WORDS, 2 if attempt < 8 else 3))}{trade}有限公司"
        if name not in taken:
            taken.add(name)
            return name
    raise ValueError(f"no free {trade} name left")


def profiles(rng: random.Random, count: int, subdistricts: list[tuple[str, float, float]]) -> list[dict]:
    """``count`` enterprises spread over ``subdistricts`` (code, lat, lon), with a base headcount for the series."""
    industries = config.industries()
    divisions = [d for d, (_, section) in industries.divisions.items() if section in TRADES]
    codes: set[str] = set()
    names: set[str] = set()
    out: list[dict[str, Any]] = []
    while len(out) < count:
        code = credit_code(rng)
        if code in codes:
            continue
        codes.add(code)
        division = rng.choice(divisions)
        size = rng.choices(SIZES, SIZE_SHARE)[0]
        place, lat, lon = rng.choice(subdistricts)
        name = _unique_name(rng, TRADES[industries.section(division)], names)
        out.append(
            {
                "credit_code": code,
                "name": name,
                "industry": division,
                "subdistrict": place,
                "size": size,
                "address": f"虹口区{rng.randint(1, 999)}号",
                "lat": lat + rng.uniform(-0.006, 0.006),
                "lon": lon + rng.uniform(-0.006, 0.006),
                "key_enterprise": size == "large" or rng.random() < 0.05,
                "headcount": rng.randint(*HEADCOUNT[size]),
            }
        )
    return out


PATTERNS = ("collapse", "gradual", "stopped", "layoffs")
# month-of-year factors (January first): offices cool in summer, kitchens and hotels close for the Spring Festival
OFFICE = np.array([1.10, 0.90, 0.95, 0.95, 1.0, 1.10, 1.30, 1.35, 1.15, 1.0, 0.95, 1.05])
KITCHEN = np.array([1.05, 0.70, 0.95, 1.0, 1.05, 1.15, 1.40, 1.45, 1.15, 1.10, 1.0, 1.10])
FACTORY = np.array([1.0, 0.80, 1.0, 1.0, 1.0, 1.05, 1.15, 1.15, 1.05, 1.0, 1.0, 1.0])
PER_PERSON = {"C": (900.0, 3.0), "H": (700.0, 9.0), "G": (500.0, 1.5)}  # kWh and m³ a month; others (280, 1.2)


def months_until(last: str, count: int) -> list[str]:
    from citybrain.plugins.enterprise.scoring import month_name, month_number

    end = month_number(last)
    return [month_name(n) for n in range(end - count + 1, end + 1)]


def indicators(
    seed: int, profiles: list[dict], months: list[str], share: float = 0.05
) -> tuple[pd.DataFrame, dict[int, str]]:
    """Monthly figures for ``profiles`` (enterprise_id = position in the list) over ``months``: growth or decline by
    industry and firm, seasons, noise and 1.5 % of figures missing; ``share`` of the firms get one of
    :data:`PATTERNS` in their last months.  Returns the long frame and {position: pattern} of the injected ones."""
    rng = np.random.default_rng(seed)
    n, t = len(profiles), len(months)
    moy = np.array([int(m[5:7]) - 1 for m in months])
    sections = np.array([config.industries().section(p["industry"]) for p in profiles])
    divisions = sorted({p["industry"] for p in profiles})
    division_growth = dict(zip(divisions, np.clip(rng.normal(0.02, 0.06, len(divisions)), -0.15, 0.15), strict=True))

    growth = np.array([division_growth[p["industry"]] for p in profiles]) + rng.normal(0, 0.04, n)
    years = np.arange(t) / 12.0
    base = np.array([p["headcount"] for p in profiles], dtype=float)
    headcount = np.maximum(1, np.round(base[:, None] * (1 + growth[:, None]) ** years * rng.normal(1, 0.015, (n, t))))
    season = np.where(
        (sections == "H")[:, None], KITCHEN[moy], np.where((sections == "C")[:, None], FACTORY[moy], OFFICE[moy])
    )
    kwh = np.array([PER_PERSON.get(s, (280.0, 1.2))[0] for s in sections])[:, None] * rng.lognormal(0, 0.3, (n, 1))
    m3 = np.array([PER_PERSON.get(s, (280.0, 1.2))[1] for s in sections])[:, None] * rng.lognormal(0, 0.3, (n, 1))
    electricity = headcount * kwh * season * rng.lognormal(0, 0.04, (n, t))
    water = headcount * m3 * season * rng.lognormal(0, 0.08, (n, t))
    cube = np.stack([headcount, electricity, water])  # the order of the shipped indicators
    injected = _inject(rng, cube, share)
    cube[rng.random(cube.shape) < 0.015] = np.nan
    for position, pattern in injected.items():
        if pattern == "stopped":
            cube[:, position, t - rng.integers(2, 4) :] = np.nan
    i, e, m = np.nonzero(~np.isnan(cube))
    frame = pd.DataFrame(
        {
            "enterprise_id": e,
            "indicator": np.array(["social_insurance", "electricity", "water"])[i],
            "month": np.array(months)[m],
            "value": np.round(cube[i, e, m], 1),
        }
    )
    return frame, injected


def _inject(rng: np.random.Generator, cube: np.ndarray, share: float) -> dict[int, str]:
    n, t = cube.shape[1], cube.shape[2]
    chosen = rng.choice(n, size=int(n * share), replace=False)
    injected = {int(p): PATTERNS[k % len(PATTERNS)] for k, p in enumerate(chosen)}
    for position, pattern in injected.items():
        if pattern == "collapse":  # the last 2-4 months at 30-60 % of before, everything at once
            cube[:, position, t - rng.integers(2, 5) :] *= rng.uniform(0.3, 0.6)
        elif pattern == "gradual":  # 5-7 months, each 6-10 % below the one before
            months = int(rng.integers(5, 8))
            steps = np.cumprod(1 - rng.uniform(0.06, 0.10, months))
            cube[:, position, t - months :] *= steps
        elif pattern == "layoffs":  # a third to a half of the people gone in the last 3 months, power down less
            cut = rng.uniform(0.35, 0.5)
            cube[0, position, t - 3 :] = np.round(cube[0, position, t - 3 :] * (1 - cut))
            cube[1:, position, t - 3 :] *= 1 - cut / 2
    return injected
