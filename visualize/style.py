"""How the explorer draws each label and relationship: one table, used by the page's
legend, by the vis-network groups and by the browser code for nodes it fetches later."""
from __future__ import annotations

import math
from dataclasses import dataclass

from schema.labels import Label, RelType

#: Chinese-capable fonts that ship with Linux (Noto/Source Han, WenQuanYi), macOS (PingFang,
#: Hiragino) and Windows (Microsoft YaHei), then the generic fallback.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """Colour and vis-network shape of one label, and its name for the legend."""

    color: str
    shape: str  # a vis-network shape with the label drawn below it (size applies)
    zh: str


#: Colours from the Tableau 10 palette (distinct in print and for most colour-blind
#: readers); shapes repeat, but never with the same colour.
LABEL_STYLES: dict[Label, LabelStyle] = {
    Label.REGION: LabelStyle("#4E79A7", "hexagon", "地区"),
    Label.GOV_UNIT: LabelStyle("#F28E2B", "square", "政府部门"),
    Label.ORGANIZATION: LabelStyle("#76B7B2", "triangleDown", "机构"),
    Label.PERSON: LabelStyle("#E15759", "dot", "人物"),
    Label.POLICY_DOCUMENT: LabelStyle("#59A14F", "diamond", "政策文件"),
    Label.PROGRAM: LabelStyle("#EDC948", "dot", "人才项目"),
    Label.PLATFORM: LabelStyle("#B07AA1", "triangle", "平台"),
    Label.TALENT_GROUP: LabelStyle("#FF9DA7", "star", "人才群体"),
    Label.INDICATOR: LabelStyle("#9C755F", "square", "指标"),
    Label.SOURCE: LabelStyle("#BAB0AC", "dot", "来源"),
}

#: Relationship types in Chinese, for the filter list.
REL_ZH: dict[RelType, str] = {
    RelType.PART_OF: "隶属", RelType.LOCATED_IN: "位于", RelType.ISSUED: "发布",
    RelType.CITES: "引用", RelType.ESTABLISHES: "设立", RelType.RUNS: "实施",
    RelType.BUILDS: "建设", RelType.TARGETS: "面向", RelType.HAS_INDICATOR: "含指标",
    RelType.MEASURES: "衡量", RelType.COOPERATES_WITH: "合作", RelType.MEMBER_OF: "任职",
    RelType.AUTHORED: "撰写", RelType.MENTIONS: "提及",
}

EDGE_COLOR = "#8A8F98"
EDGE_HIGHLIGHT = "#333A45"

#: Node size = BASE + FACTOR * sqrt(degree), at most MAX (vis-network pixels).
SIZE_BASE, SIZE_FACTOR, SIZE_MAX = 10.0, 4.0, 40.0


def node_size(degree: int) -> float:
    """The drawn size of a node with `degree` relationships (grows like a square root)."""
    return round(min(SIZE_MAX, SIZE_BASE + SIZE_FACTOR * math.sqrt(max(degree, 0))), 1)


def vis_groups() -> dict[str, dict[str, object]]:
    """vis-network `groups` option: one group per label with its colour and shape."""
    return {label.value: {"shape": s.shape,
                          "color": {"background": s.color, "border": s.color,
                                    "highlight": {"background": s.color, "border": "#222"},
                                    "hover": {"background": s.color, "border": "#222"}}}
            for label, s in LABEL_STYLES.items()}
