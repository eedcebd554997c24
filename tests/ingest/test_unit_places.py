"""Who builds and runs what in a county round-up (invented names, real places): the passive
voice (`X由县人社局投资建设`), a unit named by its level alone after a county of that level in
its sentence (`阜南县人才服务中心由县委组织部设立`), a platform named for its county, and a
county's full name inside a platform's name (the 和 of 太和县 is no conjunction)."""
from __future__ import annotations

from ingest.extract.names import find_platforms
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

ROUND_UP = """阜阳市人才工作动态
发布时间:2024-03-01
太和县青年人才公寓由县人社局投资建设,共有房源120套。
阜南县人才服务中心由县委组织部设立,为各类人才提供一站式服务。
“颍上英才”计划由市人社局、市科技局负责组织实施,每年评选优秀人才20名。
浙江省安吉县经验值得借鉴,县委组织部将组织学习。
"""


def test_extract_a_county_name_inside_a_platform_name_is_not_cut_at_its_conjunction() -> None:
    assert [m.name for m in find_platforms("太和县青年人才公寓由县人社局投资建设")] == [
        "太和县青年人才公寓"]


def test_resolve_the_passive_voice_names_who_builds_and_runs() -> None:
    patch = run_pipeline(ROUND_UP, "round_up.txt")
    builds, runs = edge_names(patch, RelType.BUILDS), edge_names(patch, RelType.RUNS)
    assert ("太和县人力资源和社会保障局", "太和县青年人才公寓") in builds
    assert ("中共阜南县委组织部", "阜南县人才服务中心") in builds
    assert {("阜阳市人力资源和社会保障局", "颍上英才计划"),
            ("阜阳市科学技术局", "颍上英才计划")} <= runs


def test_resolve_a_level_alone_is_the_county_its_sentence_names_nearby_only() -> None:
    units = {n.name for n in nodes_of(run_pipeline(ROUND_UP, "round_up.txt"), Label.GOV_UNIT)}
    assert {"中共阜南县委组织部", "太和县人力资源和社会保障局"} <= units
    # 安吉县 is in another province: 县委组织部 there is not 安吉县's on 阜阳市's page
    assert "中共安吉县委组织部" not in units


def test_resolve_a_platform_named_for_its_county_is_that_countys() -> None:
    builds = edge_names(run_pipeline(ROUND_UP, "round_up.txt"), RelType.BUILDS)
    assert ("阜南县", "阜南县人才服务中心") in builds
    assert ("太和县", "太和县青年人才公寓") in builds
    assert not {("阜阳市", "阜南县人才服务中心"), ("阜阳市", "太和县青年人才公寓")} & builds


def test_resolve_an_autonomous_prefectures_short_name_and_a_reform_commission() -> None:
    text = ("贵州省人才项目申报指南\n各市(州)联系方式:\n黔东南州委人才办:吴光荣,0855-8222145\n"
            "请各地会同发展改革委等部门做好申报工作。阜阳市发展改革委负责审核。\n")
    patch = run_pipeline(text, "guide.txt")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "中共黔东南苗族侗族自治州委人才工作领导小组办公室" in units
    assert "阜阳市发展和改革委员会" in units
    assert ("吴光荣", "中共黔东南苗族侗族自治州委人才工作领导小组办公室") in edge_names(
        patch, RelType.MEMBER_OF)
