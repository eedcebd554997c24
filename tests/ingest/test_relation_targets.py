"""TARGETS (ingest/extract/relations.py `_targets`): the talent groups a program names, and
those the clause after it turns to (`实施X工程,引导青年人才返乡`) or the clause before it
(`面向A和B,实施X计划`)."""
from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from ingest.types import RawFile
from schema.labels import RelType


def targets(line: str) -> set[tuple[str, str]]:
    patch, report = Pipeline().run(RawFile.from_bytes("t.txt", f"工作动态\n{line}\n".encode()))
    assert report.error is None
    names = {n.id: n.name for n in patch.nodes.values()}
    return {(names[e.source], names[e.target]) for e in patch.edges.values()
            if e.type is RelType.TARGETS}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("深入实施“春苗”工程,引导青年人才返乡创业。", {("春苗工程", "青年人才")}),
        ("实施“银杏”计划,面向高校毕业生开展技能培训。", {("银杏计划", "高校毕业生")}),
        # the talent group the program's own name holds
        ("实施青年人才托举工程。", {("青年人才托举工程", "青年人才")}),
        # a clause break, no turning verb, or another program between: not its target
        ("实施“春苗”工程;高层次人才享受补贴。", set()),
        ("实施“春苗”工程,高层次人才享受补贴。", set()),
        ("实施“春苗”工程和“秋实”计划,引进高层次人才。", {("秋实计划", "高层次人才")}),
        # the people a clause before the program turns to
        ("面向高层次人才和青年人才,实施“春苗”工程。",
         {("春苗工程", "高层次人才"), ("春苗工程", "青年人才")}),
        ("面向高层次人才;实施“春苗”工程。", set()),  # not across a clause break
        # `为X提供…`, and training as a turning verb
        ("推出“春苗”制度,为高层次人才提供一对一服务。", {("春苗制度", "高层次人才")}),
        ("推出“春苗”制度,为企业减负,高层次人才受益。", set()),  # 为 alone is not enough
        ("实施“春苗”工程,培训高校毕业生500人次。", {("春苗工程", "高校毕业生")}),
        # an item's heading names one program; its paragraph turns to groups
        ("(一)实施“春苗”培育工程。由市农业农村局牵头,围绕特色产业,每年培育高素质农民600人以上。",
         {("春苗培育工程", "高素质农民")}),
        # a paragraph with programs of its own: the heading's groups are those before them
        ("(一)实施“春苗”培育工程。围绕特色产业,实施“秋实”计划,每年培育高素质农民600人。",
         {("秋实计划", "高素质农民")}),
        ("(一)实施“春苗”培育工程。围绕特色产业,每年培育高素质农民600人。举办“秋实”论坛。",
         {("春苗培育工程", "高素质农民")}),
        # `对A、B给予…`: the people a measure grants something, in a heading's paragraph
        ("四、实施“春苗”行动。对来我县就业的全日制博士研究生、硕士研究生,分别给予每月2000元"
         "生活补贴。", {("春苗行动", "博士研究生"), ("春苗行动", "硕士研究生")}),
        # ...and after a program in its sentence; 对于/对接 mark no one granted anything
        ("实施“春苗”工程,对返乡创业的高校毕业生、退役军人给予最高5万元补贴。",
         {("春苗工程", "高校毕业生"), ("春苗工程", "退役军人")}),
        ("实施“春苗”工程,对接高校毕业生就业需求,给予企业补贴。", set()),
        ("实施“春苗”工程,对高校毕业生开展调查。", set()),  # no grant
        # a system of leaders liaising with experts turns to the experts it links them to
        ("落实县领导联系服务专家制度,29名县领导共联系专家人才87名。",
         {("县领导联系服务专家制度", "专家人才")}),
        # 评选/壮大 turn to the group of their own comma clause only
        ("召开“春苗”计划评审会,评选出首批高层次人才42名。", {("春苗计划", "高层次人才")}),
        ("开展“春苗”评选活动,评选6名先进个人,激发广大高层次人才热情。", set()),
        # farther than 30 characters: only with the verb in the group's own comma clause
        ("实施“春苗”工程,依托青云县职业技术学院开设种植、养殖、农机操作等培训班共12期,"
         "培训高校毕业生860人次。", {("春苗工程", "高校毕业生")}),
        ("实施“春苗”工程,引导企业依托青云县职业技术学院开设种植、养殖等培训班共12期,"
         "打造高校毕业生实训基地。", set()),
        # a list inside the group's own comma clause does not hide the clause's verb
        ("出台“春苗”计划实施办法,每年遴选50名在医疗、教育、农业技术等领域作出突出贡献的"
         "本土人才。", {("春苗计划", "本土人才")}),
        # the people of a native place, named after a program in its sentence or its
        # heading's paragraph, are whom it turns to, whatever the verb (a register of them)
        ("深入开展“燕回巢”行动,建立临泉籍在外人才信息库,收录人才900人。",
         {("燕回巢行动", "临泉籍人才")}),
        ("(二)实施“燕回巢”计划。建立在外临泉籍人才数据库,每年举办恳谈会。",
         {("燕回巢计划", "临泉籍人才")}),
        ("实施“燕回巢”计划;建立临泉籍在外人才信息库。", set()),  # not across a clause break
    ],
)
def test_targets(line: str, expected: set[tuple[str, str]]) -> None:
    assert targets(line) == expected
