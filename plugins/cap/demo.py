"""The demo's typhoon: a warning from the Shanghai Meteorological Service, in Chinese and English, over Hongkou,
arriving a minute and a half after the demo district is seeded (a durable timer: it arrives once)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from citybrain.core.api import TimerInfo, Transaction
from citybrain.plugins.cap import store
from citybrain.plugins.cap.parse import parse

TIMER = "cap.demo"
DELAY = timedelta(seconds=90)
AREA = "31.24,121.44 31.33,121.44 31.33,121.53 31.24,121.53 31.24,121.44"  # Hongkou and around it


def warning(now: datetime) -> bytes:
    sent, expires = now.replace(microsecond=0), (now + timedelta(hours=24)).replace(microsecond=0)
    info = """<info><language>{lang}</language><category>Met</category><event>{event}</event>
<urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
<senderName>{who}</senderName><headline>{headline}</headline><description>{text}</description>
<instruction>{todo}</instruction><expires>{expires}</expires>
<area><areaDesc>{where}</areaDesc><polygon>{area}</polygon><geocode><valueName>GB2260</valueName>
<value>310000</value></geocode></area></info>"""
    zh = info.format(
        lang="zh-CN",
        event="台风",
        who="上海中心气象台",
        headline="上海中心气象台发布台风橙色预警信号",
        text="受今年第14号台风影响，预计未来24小时内本市将出现10级以上大风和暴雨。",
        todo="做好防台防汛应急准备，停止室外集体活动，加固临时搭建物。",
        expires=expires.isoformat(),
        where="上海市",
        area=AREA,
    )
    en = info.format(
        lang="en-US",
        event="Typhoon",
        who="Shanghai Central Meteorological Observatory",
        headline="Orange typhoon warning for Shanghai",
        text="Typhoon No. 14 brings gale force 10 winds and rainstorms within 24 hours.",
        todo="Prepare for typhoon and flooding; stop outdoor gatherings.",
        expires=expires.isoformat(),
        where="Shanghai",
        area=AREA,
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>SH-TY14-{sent:%Y%m%d%H%M}</identifier><sender>sh-meteo@example.cn</sender>"
        f"<sent>{sent.isoformat()}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>"
        f"{zh}{en}</alert>"
    ).encode()


def seed(tx: Transaction) -> None:
    tx.set_timer(TIMER, "typhoon", datetime.now(UTC) + DELAY)


def arrive(tx: Transaction, timer: TimerInfo) -> None:
    store.ingest(tx, parse(warning(datetime.now(UTC))).alerts, "demo")
