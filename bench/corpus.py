"""A seeded generator of synthetic talent-policy documents, at any size.

`generate(n, seed)` returns `n` documents, the same bytes for the same `(n, seed)`:

- **plans** (`plan`): a formal document with a doc number (`X政发〔2023〕12号`), a cover
  letter, issuer and date, chapters, a cited document, programs in `专栏` boxes and an
  indicator table flattened one cell per line ending in `|`;
- **bulletins** (`bulletin`): `第 N 期`, publisher and date, a table of contents and
  several articles, each signed `(人才科 供稿)`;
- **news pages** (`news`): breadcrumb, `【字体:` widget, metadata, one article, share bar,
  phone / ICP / address footer;
- **Traditional news** (`traditional`): a news page in Traditional characters with
  pinyin glued after some of them (`區(qū)`).

Names come from generic vocabularies only: administrative divisions from the gazetteer
(jionlp's data), department names, platform kinds and talent categories from
`ingest/data/`, and program names invented from generic parts (`“启航英才”计划`). No
sentence or name of the seed corpus is used: the extraction is scored on unseen text.
"""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field

from ingest.gazetteer import Division, get_gazetteer
from ingest.vocab import load_aliases, load_list, load_set

KINDS = ("plan", "bulletin", "news", "traditional")
_WEIGHTS = (3, 3, 3, 1)

#: invented parts of program names (two-character words combined in quotes)
_NAME_PARTS = ("启航", "英才", "星火", "领航", "沃土", "聚智", "引凤", "筑梦", "金桥", "青苗",
               "匠心", "育英", "揽才", "兴业", "蓝海", "春晖", "远航", "薪火", "攀登", "磐石",
               "北辰", "云帆", "朝阳", "晨曦", "卓越", "创客", "智汇")
_TOPICS = ("人才发展", "人才队伍建设", "高层次人才引进", "技能人才培养", "乡村人才振兴",
           "青年人才集聚", "科技人才评价")
_ISSUE_SUFFIXES = ("政发", "政办发", "府发", "办发")
_SECTIONS = ("人才科", "干部科", "组织科", "综合科", "宣教科")
_GIVEN = ("明", "华", "伟", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛",
          "超", "霞", "平", "刚", "建国", "志远", "海燕", "晓东", "春梅", "文博")
_DIGITS = "一二三四五六七八九"
#: a few characters of the generated text with their pinyin, glued after the Traditional
#: character in `traditional` pages (as badly converted web pages do)
_PINYIN = {"區": "qū", "來": "lái", "實": "shí", "進": "jìn", "設": "shè", "發": "fā",
           "務": "wù", "強": "qiáng", "產": "chǎn", "隊": "duì", "業": "yè", "會": "huì"}


@dataclass(frozen=True, slots=True)
class SyntheticDoc:
    """One generated document: file name, bytes (UTF-8), kind, and the labels the text was
    built to contain (what an ingest of it should find)."""

    name: str
    data: bytes
    kind: str
    labels: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class _Vocab:
    places: tuple[tuple[Division, tuple[Division, ...]], ...]  # city, its counties
    gov_departments: tuple[str, ...]
    party_departments: tuple[str, ...]
    platforms: tuple[str, ...]
    standalone_platforms: tuple[str, ...]
    talent_groups: tuple[str, ...]
    program_heads: tuple[str, ...]
    surnames: tuple[str, ...]


@functools.cache
def _vocab() -> _Vocab:
    gaz = get_gazetteer()
    counties: dict[str, list[Division]] = {}
    for d in gaz.by_path.values():
        if d.level == "county" and d.parent_path:
            counties.setdefault(d.parent_path, []).append(d)
    places = tuple(
        (d, tuple(sorted(counties[d.path], key=lambda c: c.path)))
        for d in sorted(gaz.by_path.values(), key=lambda d: d.path)
        if d.level == "city" and d.name.endswith("市") and len(counties.get(d.path, ())) >= 2
        and not gaz.is_ambiguous(d.name))
    surnames = tuple(w for line in load_list("surnames") for w in line.split() if len(w) == 1)
    standalone = load_set("standalone_kinds")
    return _Vocab(
        places=places,
        gov_departments=tuple(sorted(load_aliases("gov_departments"))),
        party_departments=("组织部", "宣传部", "统战部"),
        platforms=tuple(sorted(load_set("platform_kinds") - standalone)),
        standalone_platforms=tuple(sorted(standalone)),
        talent_groups=tuple(sorted(load_aliases("talent_groups"))),
        program_heads=("计划", "工程", "行动"),
        surnames=surnames[:120])


class _Writer:
    """The text of one document, built from a seeded `random.Random`."""

    def __init__(self, rng: random.Random, v: _Vocab):
        self.rng, self.v = rng, v
        self.city, counties = rng.choice(v.places)
        self.county = rng.choice(counties)
        self.year = rng.randint(2016, 2024)

    def pick(self, seq):
        return self.rng.choice(seq)

    def date(self) -> str:
        return f"{self.year}年{self.rng.randint(1, 12)}月{self.rng.randint(1, 28)}日"

    def program(self) -> str:
        a, b = self.rng.sample(_NAME_PARTS, 2)
        return f"“{a}{b}”{self.pick(self.v.program_heads)}"

    def person(self) -> str:
        return self.pick(self.v.surnames) + self.pick(_GIVEN)

    def platform(self, place: str) -> str:
        if self.rng.random() < 0.5:
            return self.pick(self.v.standalone_platforms)
        return place.removesuffix("市") + self.pick(("智能制造", "新材料", "现代农业", "生物医药",
                                                     "数字经济")) + self.pick(self.v.platforms)

    def groups(self, k: int) -> list[str]:
        return self.rng.sample(self.v.talent_groups, k)

    def paragraph(self, place: str, unit: str) -> str:
        """A few sentences about programs, platforms and talent groups of `place`."""
        g1, g2 = self.groups(2)
        sentences = [
            f"{place}深入实施{self.program()},围绕{g1}和{g2}的引进培养,"
            f"出台专项扶持政策{self.rng.randint(3, 30)}条。",
            f"{unit}牵头建设{self.platform(place)},新建{self.rng.randint(2, 90)}个"
            f"{self.pick(self.v.standalone_platforms)},为{g1}提供服务保障。",
            f"今年以来,{place}共引进各类人才{self.rng.randint(100, 9000)}名,"
            f"其中{g2}{self.rng.randint(10, 900)}名。",
            f"{unit}组织开展{self.program()},累计培训{self.pick(self.v.talent_groups)}"
            f"{self.rng.randint(100, 5000)}人次。",
        ]
        self.rng.shuffle(sentences)
        return "".join(sentences[:self.rng.randint(2, 4)])

    def gov_unit(self, place: str) -> str:
        if self.rng.random() < 0.5:
            return f"中共{place}委{self.pick(self.v.party_departments)}"
        return place + self.pick(self.v.gov_departments)

    # --- the four kinds -------------------------------------------------------------
    def plan(self, serial: int) -> tuple[str, set[str]]:
        city = self.city.name
        abbr = city[0]
        number = f"{abbr}{self.pick(_ISSUE_SUFFIXES)}〔{self.year}〕{serial % 200 + 1}号"
        cited = f"{abbr}{self.pick(_ISSUE_SUFFIXES)}〔{self.year - 1}〕{self.rng.randint(1, 99)}号"
        topic = self.pick(_TOPICS)
        title = f"{city}关于加快{topic}的实施意见"
        lines = [number, "各县区人民政府,市人民政府各部门:",
                 f"《{title}》已经市人民政府常务会议研究同意,现印发给你们,请结合实际,认真组织实施。",
                 f"{city}人民政府", self.date(), title,
                 f"为深入贯彻人才强市战略,根据《{city}人才发展规划》({cited})精神,结合我市实际,"
                 f"制定本意见。"]
        years = (self.year - 1, self.year + 4)
        for i, chapter in enumerate(("总体要求", "重点任务", "保障措施")):
            lines.append(f"{_DIGITS[i]}、{chapter}")
            for _ in range(self.rng.randint(2, 4)):
                lines.append(self.paragraph(self.pick((city, self.county.name)),
                                            self.gov_unit(city)))
            box = self.program()
            lines += [f"专栏{i + 1} {box}",
                      f"实施{box},重点支持{self.pick(self.v.talent_groups)},"
                      f"每年遴选{self.rng.randint(10, 200)}名优秀人才给予资助。"]
        lines += [f"专栏4 {topic}主要指标", "序号 |", "指标 |", "单位 |",
                  f"{years[0]}年 基数 |", f"{years[1]}年 目标 |"]
        for i, group in enumerate(["人才资源总量"] + self.groups(self.rng.randint(2, 5))):
            base = round(self.rng.uniform(0.5, 60), 1)
            lines += [f"{i + 1} |", f"{group} |", "万人 |", f"{base} |",
                      f"{round(base * self.rng.uniform(1.1, 1.8), 1)} |"]
        return "\n".join(lines) + "\n", {"PolicyDocument", "GovUnit", "Region", "Program",
                                         "TalentGroup", "Indicator", "Platform"}

    def bulletin(self, serial: int) -> tuple[str, set[str]]:
        city = self.city.name
        publisher = f"中共{city}委组织部"
        titles = [f"{self.pick((city, self.county.name))}实施{self.program()}" for _ in
                  range(self.rng.randint(2, 4))]
        lines = [f"第 {serial % 60 + 1} 期", f"{publisher} {self.date()}", "【内容摘要】"]
        lines += [f"●{t}" for t in titles]
        for t in titles:
            place = self.pick((city, self.county.name))
            lines.append(t)
            for _ in range(self.rng.randint(2, 4)):
                lines.append(self.paragraph(place, self.gov_unit(place)))
            lines.append(f"({self.pick(_SECTIONS)} 供稿)")
        return "\n".join(lines) + "\n", {"GovUnit", "Region", "Program", "TalentGroup",
                                         "Platform"}

    def news(self) -> tuple[str, set[str]]:
        place = self.county.name
        unit = f"{place}{self.pick(('委组织部', '人力资源和社会保障局', '科学技术局'))}"
        lines = ["首页 > 工作动态 > 基层动态", f"{place}{self.pick(_TOPICS)}取得新成效",
                 f"发布时间:{self.year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
                 f" 来源:{unit}", "【字体:大 中 小】"]
        for _ in range(self.rng.randint(3, 6)):
            lines.append(self.paragraph(place, unit))
        person = self.person()
        lines += [f"({unit.removeprefix(place)} {person})", "分享到:", "【打印本页】 【关闭窗口】",
                  f"联系电话:0{self.rng.randint(100, 999)}-{self.rng.randint(1000000, 9999999)}",
                  f"{self.city.name[0]}ICP备{self.rng.randint(10000000, 99999999)}号",
                  f"地址:{self.city.name}{self.pick(('人民路', '建设路', '新华街'))}"
                  f"{self.rng.randint(1, 300)}号"]
        return "\n".join(lines) + "\n", {"GovUnit", "Region", "Program", "TalentGroup",
                                         "Platform"}

    def traditional(self) -> tuple[str, set[str]]:
        text, labels = self.news()
        converted = _to_traditional(text)
        out = []
        for ch in converted:
            out.append(ch)
            if ch in _PINYIN and self.rng.random() < 0.6:
                out.append(f"({_PINYIN[ch]})")
        return "".join(out), labels


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("s2t")


def _to_traditional(text: str) -> str:
    return _converter().convert(text)


def generate(n: int, seed: int = 0) -> list[SyntheticDoc]:
    """`n` documents; the same `(n, seed)` gives the same bytes, and the first `k` of
    `generate(n, seed)` are `generate(k, seed)` (each document has its own seeded RNG)."""
    v = _vocab()
    docs = []
    for i in range(n):
        rng = random.Random(f"policykg-bench:{seed}:{i}")
        kind = rng.choices(KINDS, weights=_WEIGHTS)[0]
        w = _Writer(rng, v)
        if kind == "plan":
            text, labels = w.plan(i)
        elif kind == "bulletin":
            text, labels = w.bulletin(i)
        elif kind == "news":
            text, labels = w.news()
        else:
            text, labels = w.traditional()
        docs.append(SyntheticDoc(f"{i:06d}_{kind}.txt", text.encode("utf-8"), kind,
                                 frozenset(labels)))
    return docs


def write_corpus(directory, n: int, seed: int = 0) -> list[SyntheticDoc]:
    """Write `generate(n, seed)` into `directory` (created); returns the documents."""
    from pathlib import Path

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    docs = generate(n, seed)
    for d in docs:
        (directory / d.name).write_bytes(d.data)
    return docs
