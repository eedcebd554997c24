"""A notice that lists recognised platforms (invented names, real places): a table whose
kind column (`平台类型`) names no platform; platform kinds of such lists (人才小高地,
成果转化中心); a section with a long name (专业技术人员管理科); a university's campus."""
from __future__ import annotations

from ingest.extract.names import find_organizations
from ingest.extract.units import find_units
from schema.labels import Label
from tests.ingest.test_resolve import nodes_of, run_pipeline

NOTICE = """关于2024年度吴忠市人才平台认定结果的公示
发布时间:2024-06-01
联系人:吴忠市人力资源和社会保障局专业技术人员管理科 马丽,电话:0953-2011111。
序号
平台名称
依托单位
平台类型
1
利通区智能仪表专家服务基地
宁夏吴忠仪表有限责任公司
专家服务基地
2
盐池滩羊产业人才小高地
盐池县滩羊产业发展集团有限公司
人才小高地
3
青铜峡农业科技成果转化中心
青铜峡市农业技术推广中心
成果转化中心
"""


def test_resolve_a_kind_column_names_no_platform() -> None:
    platforms = {n.name for n in nodes_of(run_pipeline(NOTICE, "notice.txt"), Label.PLATFORM)}
    assert {"利通区智能仪表专家服务基地", "盐池滩羊产业人才小高地",
            "青铜峡农业科技成果转化中心"} <= platforms
    assert not platforms & {"专家服务基地", "人才小高地", "成果转化中心"}


def test_extract_a_section_with_a_long_name() -> None:
    sections = [m.attrs["section"] for m in find_units(
        "联系人:吴忠市人力资源和社会保障局专业技术人员管理科 马丽")]
    assert sections == ["专业技术人员管理科"]


def test_extract_a_universitys_campus_is_part_of_its_name() -> None:
    names = [m.name for m in find_organizations(
        "宁夏大学吴忠校区(筹)建设加快推进,依托中国石油大学(北京)克拉玛依校区建设基地。")]
    assert names == ["宁夏大学吴忠校区", "中国石油大学(北京)克拉玛依校区"]


def test_extract_platform_kinds_of_enclaves_and_harbours() -> None:
    from ingest.extract.names import find_platforms

    names = [m.name for m in find_platforms(
        "在杭州建设阜阳科创飞地和颍州海创园,阜阳人才港湾入驻机构超过百家。大力发展飞地经济。")]
    assert names == ["阜阳科创飞地", "颍州海创园", "阜阳人才港湾"]


def test_extract_departments_merged_or_named_as_committees() -> None:
    depts = [m.attrs["dept"] for m in find_units(
        "临泉县科技商务经信局、阜阳市绩效办、颍州区农业农村委员会")]
    assert depts == ["科技商务经信局", "绩效管理办公室", "农业农村委员会"]
