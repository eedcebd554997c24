"""Relation candidates between mentions of one source.

Heads and tails are indexes into the mention list; two pseudo-mentions stand for the
source's context and are resolved later: `JURISDICTION` (the region the source is about)
and `MAIN_DOC` (the policy document the source is, when it is one).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ingest.extract.units import PLACE_HEADLINE
from ingest.types import Mention, RelationMention
from schema.labels import Label, RelType

JURISDICTION = -1
MAIN_DOC = -2

_ISSUE_VERB = re.compile(r"制定|印发|出台|颁布|下发|发布|修订|联合")
#: what a text does with another's document or program (`贯彻省委“X”`): its unit is no issuer
#: of what the sentence issues
_FOLLOWS = re.compile(r"贯彻|落实|按照|根据|依据|学习|执行|对照|响应")
#: applying to another's program (`推荐申报自治区“X”计划`)
_APPLIES = re.compile(r"申报|推荐|入选|参评")
_COOP_VERB = re.compile(r"合作|推出|共建|联合|签约|对接|携手|战略")
#: words that join a unit to its partners in cooperation (see `_joins`)
_JOIN = re.compile(r"与|携手|联合|和|同")
_CLAUSE_END = re.compile(r"[,，;；。]")
_BUILD_AT = re.compile(r"在([\u4e00-\u9fff、,，]{2,24}?)(?:等(?:[\d一二三四五六七八九十]+个)?"
                       r"(?:地|[县市区旗](?:[(（][市区县旗、]{2,6}[)）])?|乡镇))?(?:设立|建立|建设|组建|布局|共建|合建|新建|建成|创建)")
_ENUM_TOTAL = re.compile(r"等([一二三四五六七八九十两\d]+)(?:大|项|个)")
_COUNT_THEN_PARTS = re.compile(r"[一二三四五六七八九十两\d]+(?:大|项|个)(?:工程|计划|行动|专项)?\s*"
                               r"[,，:：]?\s*(?:即|包括|分别是|具体为)\s*[:：]?")
_COUNTED = re.compile(r"^[一二三四五六七八九十两\d]+(?:大|项|个)")
#: a colon closing a line (after a quotation's end)
_COLON_END = re.compile(r"[”\"]?\s*[:：]\s*(?:\n|$)")
#: the mark opening an item of a list, one a line (`一是`, `(一)`, `1.`, `一、`)
_ENUM_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]是|[(（][一二三四五六七八九十\d]{1,2}[)）]|"
                        r"\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}、)\s*")
#: the words after which a program's parts are listed, later in its sentence: `包括`, and
#: `统筹推进` / `统筹实施` (one program carried out as several)
_INCLUDES = re.compile(r"(?:包括|涵盖|包含|统筹推进|统筹实施)\s*[:：]?")
#: what may stand before a program in such a list
_LIST_GAP = re.compile(r"[\s“”、和及与]*")
#: a program and the word that its parts follow: `实施X工程,下设A、B、C三项计划`
_SUBDIVIDED = re.compile(r"\s*[,，]?\s*(?:下设|下辖|分设|包含|涵盖)\s*")
#: ...or its parts listed between 由 and 组成 in a later clause of its sentence: `X计划是…,
#: 由A工程、B工程和C工程三项子工程组成`
_MADE_OF = re.compile(r"由(?P<parts>[^,，;；。由]{4,120}?)(?:组成|构成)")
#: the rest of a cell line after a box item's name: `X工程 |`
_CELL_END = re.compile(r"\s*\|\s*")
_BOX = re.compile(r"^专栏(?:\s*[\d一二三四五六七八九十]+|\s)")
#: what may stand before an item of a box at the start of its line: `1.`, `(1)`, `①`
_ITEM_MARK = re.compile(r"\s*(?:[\d一二三四五六七八九十]{1,2}[.、．]|[(（][\d一二三四五六七八九十]{1,2}[)）]|"
                        r"[①-⑳])?\s*")
#: ...and the words of the item's name before its quoted core (`3.青年人才“回桐”行动:`)
_ITEM_MARK_PREFIX = re.compile(_ITEM_MARK.pattern + r"[\u4e00-\u9fff]{0,8}")


_CN_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}


def _count_value(word: str) -> int | None:
    """The number a count word writes (`五`, `两`, `十二`, `12`), or None."""
    if word.isdigit():
        return int(word)
    if len(word) == 1:
        return _CN_DIGITS.get(word)
    if len(word) == 2 and word[0] == "十":
        return 10 + _CN_DIGITS.get(word[1], -10)
    if len(word) == 2 and word[1] == "十":
        return 10 * _CN_DIGITS.get(word[0], 0) or None
    return None


def _in(a: Mention, b: Mention) -> bool:
    return b.start <= a.start and a.end <= b.end


#: a verb turning a program to people, between the program and a talent group after it
_TARGET_VERB = re.compile(r"面向|引导|培育|培养|培训|吸引|集聚|服务|提供给|帮助|针对|引进|招引|"
                          r"支持|扶持|选拔|遴选|资助|奖励|激励|招募|联系|回引|选派|新增")
#: kinds of program that are a way of working, not a measure aimed at people
_MEANS = frozenset({"模式", "工作模式"})
#: an item's heading at the start of a line (`(一)实施“X”工程。`), and its verb of doing
_HEADING = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|"
                      r"\d{1,2}[.、．]|第[一二三四五六七八九十百]{1,3}[条项][\s\u3000]*)")
#: the mark of a sub-item line below such a heading (`1.`, `(1)`, `①`), and what may stand
#: before the group that opens it (`1. 新引进全日制博士研究生:…`, `2. 对来某求职的高校毕业生…`)
_SUB_ITEM = re.compile(r"[ \t\u3000]*(?:\d{1,2}[.、．]|[(（][\d一二三四五六七八九十]{1,2}[)）]|[①-⑳])[ \t\u3000]*")
_HEADING_TAIL = re.compile(r"[。:：]?\s*|[(（][^()（）\n]{1,20}[)）][。:：]?\s*")
_LISTED_GROUP = re.compile(r"、|和|及|以及|与")
_SUB_ITEM_LEAD = re.compile(r"[^,，;；。:：\n]{0,10}")
_HEADING_MAX = 32
_HEADING_VERB = re.compile(r"实施|开展|推进|推行|启动|深化")
#: verbs that turn to a group only in its own comma clause (`评选出首批高层次人才42名`,
#: `壮大产业工人队伍`), not from a clause before it
_OWN_CLAUSE_VERB = re.compile(r"评选|壮大")
#: how far after a program such a talent group may stand, and what ends its clause
_TARGET_REACH = 30
#: farther (to `_TARGET_FAR`), only with the verb in the group's own comma clause
#: (`实施X工程,依托…开设培训班12期,培训乡土人才860人次`)
_TARGET_FAR = 60
_SUBCLAUSE_BREAK = re.compile(r"[,，;；。:：]")
#: `对A、B和C给予…补贴`: the people a program's measure grants something; 对 opens the
#: comma clause of the group (not 对于/对接/对标… ) and a verb of granting follows it
_COMMA_BREAK = re.compile(r"[,，;；。:：]")
_BENEFICIARY = re.compile(r"\s*对(?!于|此|其|标|接|外|口|照|比|象|策|话|称|应)")
_GRANT = re.compile(r"给予|发放|补贴|奖励|资助")
_CLAUSE_BREAK = re.compile(r"[;；。:：]")
#: `为X提供…`: the people a program serves, written between 为 and the service
_FOR_GROUP = re.compile(r"为")
_SERVICE_AFTER = re.compile(r"提供|服务|创造|搭建|营造|解决")
#: the people a clause before the program turns to: `面向A、B和C,实施“X计划”`
_TARGET_BEFORE = re.compile(r"面向|针对|聚焦")
_TARGET_BEFORE_REACH = 40
#: verbs of a unit running a program / building a platform, and how far before it the
#: unit may stand; `联合`/`会同`/`和`/`与` join two units doing it together
_RUN_VERB = re.compile(r"实施|开展|组织|启动|推出|举办|推进|推行|开设|打造|创新|负责|承担")
_BUILD_VERB = re.compile(r"建设|建立|设立|组建|创建|建成|新建|共建|合建|打造|认定|挂牌|成立")
#: verbs of an item that adds platforms (`新增某站3家`, `筹集人才公寓1000套`)
_ITEM_BUILD = re.compile(_BUILD_VERB.pattern + r"|新增|筹集|筹建")
_RUNNER_REACH = 24
#: `由A(、B)牵头`: A leads the program the sentence is about; `C、D共同实施` after it: they
#: run it with A (`配合` only assists)
_LEADS = re.compile(r"\s*(?:(?:联合|共同)?主办|承办|牵头|负责)")
_CO_RUN = re.compile(r"\s*(?:共同|联合|具体|负责)(?:实施|推进|组织实施|开展)")
_LIST_SEP = re.compile(r"[、和及与,，]")
#: `X由A(、B)投资建设`, `X由A负责组织实施`: the passive voice, the doer after 由
_BY = re.compile(r"\s*(?:是|将|已|均)?由")
_DONE_RUN = re.compile(r"\s*(?:共同|联合|具体|统一)?(?:负责|牵头)?(?:组织)?(?:实施|开展|推进|举办|承办)")
_DONE_BUILD = re.compile(r"\s*(?:共同|联合|统一)?(?:投资|出资|负责|牵头)?(?:建设|建立|设立|组建|创建|"
                         r"建成|打造|运营|管理|挂牌)")
#: a note naming who leads an item: `(牵头单位:市委组织部、市科技局)`, or the same on a line
#: of its own under the item (a 工作要点's layout)
_LEAD_NOTE = re.compile(r"(?:[(（]|^[ \t]*)\s*(?:牵头单位|责任单位|牵头部门)\s*[:：]\s*", re.M)
_WITH = re.compile(r"联合|会同|和|与|及|、")
#: what may open a sentence before its subject: a time phrase (`2023年,`, `近年来,`)
_SENTENCE_LEAD = re.compile(r"\s*(?:(?:\d{4}年(?:以来|起|来)?|近年来|今年以来|目前)[,，]?\s*)?")
#: words between a subject and its verb (`市教育局继续实施`)
_AUX_VERB = re.compile(r"(?:继续|将|要|已|还|先后|积极|大力|深入|持续|着力|全面)"
                       r"(?:实施|开展|组织|启动|推出|举办|推进|推行|建设|建立|设立|组建|创建|建成|新建|打造)")
#: how a subject opens a sentence whose later clauses say what it does (`某局认真贯彻落实
#: 《X》,以《Y》为统领,深入实施“Z”`)
_GUIDED_BY = re.compile(r"(?:认真|深入|全面|坚决)?(?:贯彻落实|贯彻|落实|坚持|围绕|聚焦|立足)")
#: what may open a clause before its subject places (`其中,`, `2024年,`, `一是`)...
_SUBJECT_LEAD = re.compile(
    r"\s*(?:【[^】\n]{1,12}】\s*)?"
    r"(?:(?:其中|同时|此外|另外|目前|近年来|今年以来|\d{4}年(?:以来)?|[一二三四五六七八九十]是|"
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])\s*[,，:：]?\s*)?"
    r"(?:(?:支持|鼓励|推动|引导|指导|督促|要求)\s*)?")  # (`推动A县与某大学共建X`: A县 builds it)
_SUBJECT_JOIN = re.compile(r"、|和|及")
#: the name of a body that has members listed by role
_BODY = re.compile(r"(?:领导小组|委员会|工作专班|联席会议|指挥部|协调小组|工作小组)$")
_URGES = re.compile(r"(?:将|要|还|也)?(?:支持|鼓励|推动|引导|指导|督促|要求)")
#: ...and what follows them: a verb of building, or the partner or base it works with
_SUBJECT_VERB = re.compile(
    r"(?:等[\u4e00-\u9fff]{0,6}?)?(?:分别|各自|各|还|已|先后|积极|率先|也|均|将|要|今年|累计|则)*"
    r"(?:依托|与|联合|携手|投资|建设|建成|共建|设立|打造|组建|创建|挂牌|成立|新建|建立)")
#: ...or a verb of carrying a program out, right before it (`某市还将举办“X”`)
#: a section's heading that names its place: `【某县】` opening a line
_SECTION_HEAD = re.compile(r"(?m)^[ \t]*【([^】\n]{1,16})】")
#: ...or a line that is a place, a colon and a short headline (`PLACE_HEADLINE`)
_SUBJECT_RUNS = re.compile(
    r"(?:分别|各自|还|已|先后|积极|率先|也|均|将|要|今年|同步|深入|持续|则)*"
    r"[\u4e00-\u9fff]{0,12}?"  # an adverbial (`A县重点围绕茶产业实施“X”`), naming no one
    r"(?:实施|举办|开展|启动|推出|推行|组织|打造|培育|创建)(?=[“\"]?$)")
#: between two programs of one list (`“X”“Y”`, `“X”、“Y”`)
_LISTED = re.compile(r"[、,，和及与 ]?")
#: regions listed as the ones that build a clause's platforms: `支持A、B企业建设X`,
#: `A、B等县(市、区)应建设X` (not `在A、B建设X`: there they say where, see `_BUILD_AT`).
#: What may open the clause before them...
_BUILDERS_LEAD = re.compile(r"\s*(?:\d{1,2}[.、．]\s*|[(（][一二三四五六七八九十\d]{1,3}[)）]\s*"
                            r"|[一二三四五六七八九十]{1,3}、)?"  # an item's number
                            r"(?:(?:支持|鼓励|推动|引导|指导|督促|要求|推进)\s*)?")
_BUILDERS_JOIN = re.compile(r"、|和|及|与")
#: ...and what may follow them, up to the verb of building
_BUILDERS_TAIL = re.compile(
    r"(?:等(?:[\d一二三四五六七八九十两]+个)?(?:地区|地|[县市区旗]{1,3}(?:\s*[(（][市区县旗、]{1,6}[)）])?)?)?"
    r"(?:企业|各地|园区)?(?:分别|各自|各|应|要|均|已|将|共|累计|率先|新)*"
    r"(?:建设|建立|设立|建成|打造|新建|筹建|布局|组建|筹集|创建|挂牌|成立|共建|合建|联建|"
    r"联合建设|合作建设|共同建设)")
#: verbs of building together: the builders' one platform
_JOINTLY = re.compile(r"共建|合建|联建|联合建设|合作建设|共同建设")
#: how far after that verb the platform may stand (`建设不少于500套人才公寓`)
_BUILDERS_REACH = 30
#: a post and the list mark between two units of one person's title chain (`副书记、`)
_POST_AND = re.compile(r"[\u4e00-\u9fff]{1,6}、")
#: what follows a place that is the subject of its sentence, the topic of what its paragraph
#: goes on to tell (`某县实施“X”,…;建成Y`, `某县深入实施…`, `某县创新推行…`)
_TOPIC_VERB = re.compile(
    r"(?:还|先后|积极|大力|深入|持续|着力|全面|扎实|创新|率先|探索|不断|已)?"
    r"(?:实施|推行|推进|深化|打造|建立|建设|开展|启动|设立|出台|创建|推出|组建|新建|建成|举办|聚焦|围绕|探索|"
    r"以(?=[^,，。;；]{2,24}?为(?:抓手|牵引|载体|依托|引领|重点|核心))|"  # (`某县以“X”工程为抓手,…`)
    r"与(?=[^,，。;；]{2,24}?(?:签订|签署|合作|共建|联合)))")  # (`某市还与某学院签订协议,共同开展X`)
#: what may open such a sentence before its subject: an item mark (`一是`, `(二)`, `3.`)
_TOPIC_LEAD = re.compile(r"\s*(?:【[^】\n]{1,12}】)?\s*"  # (a yearbook's `【县域人才工作】`)
                         r"(?:[一二三四五六七八九十]是|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])?\s*")
_SENTENCE_STOP = re.compile(r"[。;；!?！？]")


class RelationFinder:
    """The rules over one source's mentions (sorted by start). Each rule finds its
    partners through per-label position indexes (`of`, `_starting`, `_ending`), not by
    scanning every mention for every mention: a page that lists hundreds of names must not
    cost the square of that (a review found lists where it did)."""

    def __init__(self, text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
                 is_document: bool):
        self.text = text
        self.m = mentions
        self.sentences = sentences
        self.is_document = is_document
        self.out: list[RelationMention] = []
        self._of: dict[tuple[Label, ...], list[int]] = {}
        self._starts: dict[tuple[Label, ...], list[int]] = {}
        self._ends: dict[int, list[int]] | None = None
        self._topics: dict[int, list[tuple[int, int]]] = {}  # line start -> its topics
        self._headings: list[tuple[int, int | None]] | None = None  # (start, place) of each
        self._sentence_starts: list[int] | None = None
        self._builds: dict[tuple[int, int], list[re.Match[str]]] = {}
        self._firsts: dict[tuple[str, tuple[int, int]], re.Match[str] | None] = {}
        self._issues: dict[tuple[int, int], list[int]] = {}
        self._units_by_end: list[tuple[int, int]] | None = None

    def add(self, rel: RelType, head: int, tail: int, span: tuple[int, int]) -> None:
        self.out.append(RelationMention(rel, head, tail, span[0], span[1]))

    def of(self, *labels: Label) -> list[int]:
        """Indexes of the mentions with one of `labels`, ascending (so by start). Shared:
        callers must not change the list."""
        got = self._of.get(labels)
        if got is None:
            got = self._of[labels] = [i for i, m in enumerate(self.m) if m.label in labels]
        return got

    def _starting(self, label: Label, lo: int, hi: int) -> list[int]:
        """Mentions of `label` that start in [lo, hi), ascending."""
        idx = self.of(label)
        starts = self._starts.get((label,))
        if starts is None:
            starts = self._starts[(label,)] = [self.m[i].start for i in idx]
        return idx[bisect_left(starts, lo):bisect_left(starts, hi)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (the sentences are sorted and do not overlap), else
        the whole text."""
        if self._sentence_starts is None:
            self._sentence_starts = [s for s, _ in self.sentences]
        k = bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and pos < self.sentences[k][1]:
            return self.sentences[k]
        return (0, len(self.text))

    def _build_at(self, sentence: tuple[int, int]) -> list[re.Match[str]]:
        """`在…设立` phrases of `sentence`, found once for all its platforms."""
        got = self._builds.get(sentence)
        if got is None:
            got = self._builds[sentence] = list(_BUILD_AT.finditer(self.text, *sentence))
        return got

    def _issue_verbs(self, sentence: tuple[int, int]) -> list[int]:
        """Where the verbs of issuing of `sentence` end (all are two characters long),
        found once per sentence."""
        got = self._issues.get(sentence)
        if got is None:
            got = self._issues[sentence] = [m.end() for m in
                                            _ISSUE_VERB.finditer(self.text, *sentence)]
        return got

    def _first(self, pattern: re.Pattern[str], sentence: tuple[int, int]) -> re.Match[str] | None:
        """`pattern`'s first match in `sentence`, searched once per sentence and pattern."""
        key = (pattern.pattern, sentence)
        if key not in self._firsts:
            self._firsts[key] = pattern.search(self.text, *sentence)
        return self._firsts[key]

    def run(self) -> list[RelationMention]:
        progs = self.of(Label.PROGRAM)
        self._runs_and_builds(progs)
        self._led_by(progs)
        self._done_by(progs)
        self._lead_notes(progs)
        self._targets(progs)
        self._heading_targets(progs)
        self._program_parts(progs)
        self._counted_lines(progs)
        self._documents(progs)
        self._cooperation()
        self._row_partners()
        self._members()
        self._located()
        return self.out

    # -- who runs / builds ------------------------------------------------------------
    def _qualifier_region(self, i: int) -> int:
        """A region mention right before mention i (`全市“百千万”人才工程`), else the place
        its paragraph is about (`_topic_region`), else the jurisdiction."""
        start = self.m[i].start
        ends = self._region_ends()
        found = [j for end in (start - 1, start) for j in ends.get(end, ())[:1]]
        if found:
            return min(found)
        topic = self._topic_region(start)
        if topic is None:
            topic = self._heading_region(start)
        return topic if topic is not None else JURISDICTION

    def _area_of(self, pos: int) -> int:
        """The place of a clause that names none: the subject of its paragraph's last
        sentence opening with a place (`_topic_region`), else its section's place, else the
        jurisdiction."""
        for j in (self._topic_region(pos), self._heading_region(pos)):
            if j is not None:
                return j
        return JURISDICTION

    def _heading_region(self, pos: int) -> int | None:
        """The place whose section `pos` is in: a heading line naming it in brackets
        (`【某县】…` in a city's digest of its counties' news), up to the next such heading.
        A county or a city, never a town; a heading of another kind (`【人才工程】`) ends it."""
        if self._headings is None:
            self._headings = []
            for h in _SECTION_HEAD.finditer(self.text):
                place = next((j for j in self._starting(Label.REGION, h.start(1), h.start(1) + 1)
                              if "candidates" in self.m[j].attrs and self.m[j].end == h.end(1)),
                             None)
                self._headings.append((h.start(), place))
            for h in PLACE_HEADLINE.finditer(self.text):
                place = next((j for j in self._starting(Label.REGION, h.start(1), h.start(1) + 1)
                              if "candidates" in self.m[j].attrs and self.m[j].end == h.end(1)),
                             None)
                if place is None:
                    continue
                para = self.text.find("\n", h.end() + 1)
                self._headings += [(h.start(), place),
                                   (len(self.text) if para < 0 else para, None)]
            self._headings.sort(key=lambda h: h[0])
        k = bisect_right(self._headings, (pos, len(self.m))) - 1
        return self._headings[k][1] if k >= 0 else None

    def _topic_region(self, pos: int) -> int | None:
        """The place that is the subject of the last sentence, in the paragraph of `pos` and
        before it, that opens with a place and a verb of doing (`某县实施“X”,…;建成Y`: the
        county runs X and builds Y, not the city whose report tells it). A county or a
        city, never a town."""
        line = self.text.rfind("\n", 0, pos) + 1
        topics = self._topics.get(line)
        if topics is None:
            topics = self._topics[line] = self._line_topics(line)
        k = bisect_right(topics, (pos, len(self.m))) - 1
        return topics[k][1] if k >= 0 else None

    def _line_topics(self, line: int) -> list[tuple[int, int]]:
        """(end, mention) of each place opening a sentence of the line at `line` as its
        subject, in order."""
        text = self.text
        end = text.find("\n", line)
        end = len(text) if end < 0 else end
        out: list[tuple[int, int]] = []
        st = line
        while st < end:
            at = _TOPIC_LEAD.match(text, st, end).end()
            for j in self._starting(Label.REGION, at, at + 1):
                if "candidates" in self.m[j].attrs and _TOPIC_VERB.match(text, self.m[j].end):
                    out.append((self.m[j].end, j))
            stop = _SENTENCE_STOP.search(text, st, end)
            if stop is None:
                break
            st = stop.end()
        return out

    def _region_ends(self) -> dict[int, list[int]]:
        """Region mentions by end position, ascending within each."""
        if self._ends is None:
            self._ends = {}
            for j in self.of(Label.REGION):
                self._ends.setdefault(self.m[j].end, []).append(j)
        return self._ends

    def _unit_runners(self, i: int, verbs: re.Pattern[str]) -> list[int]:
        """The government units that are the subject of the clause doing mention i:
        `市人社局联合团市委开展“X”活动` (both), `区委组织部实施X计划`; within the clause
        and `_RUNNER_REACH` characters, a verb of doing between."""
        start = self.m[i].start
        by_end = self._unit_ends()
        near = by_end[bisect_left(by_end, (start - _RUNNER_REACH, -1)):bisect_right(
            by_end, (start, len(self.m)))]
        for end, u in reversed(near):
            if self.m[u].attrs.get("implied"):
                continue
            between = self.text[end:start]
            if between.count("《") > between.count("》"):
                return []  # (a program named inside a document's title is the document's)
            if _CLAUSE_END.search(between) or "\n" in between or not verbs.search(between):
                break  # (a unit that ends the paragraph before is not the next one's subject)
            return self._with_joined(u)
        subject = self._sentence_subject(i, verbs)
        return [] if subject is None else self._with_joined(subject)

    def _sentence_subject(self, i: int, verbs: re.Pattern[str]) -> int | None:
        """The unit opening the sentence of mention i (after a time phrase: `2023年,`),
        when a verb of doing follows it: the subject of every clause of the sentence
        (`市卫健委实施X,依托…培训…,并在…建设Y`), unless another unit comes between."""
        start = self.m[i].start
        s, _ = self.sentence(start)
        lead = _SENTENCE_LEAD.match(self.text, s)
        by_end = self._unit_ends()
        inside = by_end[bisect_left(by_end, (s, -1)):bisect_right(by_end, (start, len(self.m)))]
        if not inside:
            return None
        end, u = inside[0]
        if self.m[u].start != lead.end() or self.m[u].attrs.get("implied") or len(inside) > 1 \
                or not any(v.match(self.text, end)
                           for v in (_RUN_VERB, _BUILD_VERB, _AUX_VERB, _GUIDED_BY)):
            return None
        clause = max(self.text.rfind(c, s, start) for c in ",，;；") + 1
        return u if verbs.search(self.text, max(clause, end), start) else None

    def _with_joined(self, u: int) -> list[int]:
        """`u` and the units joined with it before it (`A联合B`: both)."""
        by_end = self._unit_ends()
        runners = [u]
        while True:  # `A联合B`, `A会同B`, `A和B`: B runs it with A
            first = self.m[runners[-1]].start
            k = bisect_left(by_end, (first, -1)) - 1
            if k < 0 or not _WITH.fullmatch(self.text, by_end[k][0], first):
                return runners
            runners.append(by_end[k][1])

    def _unit_ends(self) -> list[tuple[int, int]]:
        if self._units_by_end is None:
            self._units_by_end = sorted((self.m[u].end, u) for u in self.of(Label.GOV_UNIT))
        return self._units_by_end

    def _listed_subjects(self, progs: list[int]) -> dict[int, list[int]]:
        """The places that open the clause of each program, for a list of programs
        (`“X”“Y”`) the first one's: `…,晋江市还将举办“X”系列活动` (that city), `A县、B市分别
        打造“X”“Y”劳务品牌` (A runs X and B runs Y: as many places as programs, 分别)."""
        out: dict[int, list[int]] = {}
        order = sorted(progs, key=lambda i: self.m[i].start)
        k = 0
        while k < len(order):
            group = [order[k]]
            while k + 1 < len(order) and _LISTED.fullmatch(
                    self.text, self.m[group[-1]].end, self.m[order[k + 1]].start):
                k += 1
                group.append(order[k])
            k += 1
            first = self.m[group[0]]
            subjects = self._clause_subjects(first.start, _SUBJECT_RUNS)
            if not subjects:
                continue
            each = len(subjects) == len(group) > 1 and "分别" in self.text[
                self.m[subjects[-1]].end:first.start]
            for n, i in enumerate(group):
                out[i] = [subjects[n]] if each else subjects
        return out

    def _runner_cells(self, progs: list[int]) -> None:
        """A table's row: the units of its unit cell (`实施单位`, `牵头单位`) run its program
        or build its platform."""
        by_end = self._unit_ends()
        for i in (*progs, *self.of(Label.PLATFORM)):
            cell = self.m[i].attrs.get("runner_cell")
            if cell is None:
                continue
            rel = RelType.RUNS if self.m[i].label is Label.PROGRAM else RelType.BUILDS
            s, e = cell
            for _, u in by_end[bisect_left(by_end, (s, -1)):bisect_right(by_end, (e, len(self.m)))]:
                if s <= self.m[u].start:
                    self.add(rel, u, i, (self.m[i].start, e))

    def _runs_and_builds(self, progs: list[int]) -> None:
        self._runner_cells(progs)
        listed = self._listed_subjects(progs)
        for i in progs:
            # `…,晋江市还将举办“X”系列活动`: the place that opens its clause runs it
            subjects = listed.get(i, [])
            for j in subjects or [self._qualifier_region(i)]:
                self.add(RelType.RUNS, j, i, (self.m[i].start, self.m[i].end))
            for u in self._unit_runners(i, _RUN_VERB):
                self.add(RelType.RUNS, u, i, (self.m[u].start, self.m[i].end))
        for i in self.of(Label.PLATFORM):
            p = self.m[i]
            subjects = self._clause_subjects(p.start)
            for j in subjects:  # `…;某县依托Y建设X`: that county's, not the city's
                self.add(RelType.BUILDS, j, i, (self.m[j].start, p.end))
            s, e = self.sentence(p.start)
            builders, joint = self._builder_regions(s, p.start)
            if not subjects and not builders:
                # a platform named for its place (`阜南县人才服务中心`): that place's
                named_for = [j for j in self._starting(Label.REGION, p.start, p.start + 1)
                             if "candidates" in self.m[j].attrs and len(self.m[j].text) > 2
                             and self.m[j].text[-1] in "省市区县州盟旗"]
                section = self._heading_region(p.start)
                builder = named_for[0] if named_for else section if section is not None \
                    else JURISDICTION
                self.add(RelType.BUILDS, builder, i, (p.start, p.end))
                topic = self._topic_region(p.start)
                if topic is not None:
                    self.add(RelType.BUILDS, topic, i, (self.m[topic].start, p.end))
            for u in self._unit_runners(i, _BUILD_VERB):
                self.add(RelType.BUILDS, u, i, (self.m[u].start, p.end))
            for j in builders:
                self.add(RelType.BUILDS, j, i, (self.m[j].start, p.end))
            if joint and len(builders) > 1:
                p.attrs["joint"] = True  # `A、B共建X`: one X, theirs together
            for where in self._build_at((s, e)):
                if where.end() > p.start:
                    break
                if _CLAUSE_END.search(self.text, where.end(), p.start):
                    continue  # `在A设立X,新增Y`: Y is not at A
                for j in self._starting(Label.REGION, where.start(1), where.end(1)):
                    # a place of the list, not the start of a longer name (`在某某工业园区`,
                    # `在某地某公司看到,…共建的`: the park's or the firm's place)
                    end = self.m[j].end
                    if end == where.end(1) or self.text[end] in "、,，和与及等各两一二三四五六七八九十" \
                            or self.text[end].isdigit():
                        self.add(RelType.LOCATED_IN, i, j, (s, e))

    def _clause_subjects(self, pos: int, verbs: re.Pattern[str] | None = None) -> list[int]:
        """The places that open the comma clause of `pos`, or else the part of its sentence
        up to a semicolon, as the subject of a verb of building or of working with a partner
        (`其中,A县依托Y建设X;B县建设Z`, `A县与某大学签订协议,共建X`, `A县、B县率先建成X`):
        they build the platform at `pos` (not one it is built on: `依托X`)."""
        text = self.text
        if text.endswith(("依托", "依托于"), 0, pos):
            return []
        s, _ = self.sentence(pos)
        part = max(s, *(text.rfind(c, s, pos) + 1 for c in ";；")) if pos > s else s
        clause = max(part, *(text.rfind(c, part, pos) + 1 for c in ",，")) if pos > part else part
        for start in dict.fromkeys((clause, part)):
            at = _SUBJECT_LEAD.match(text, start, pos).end()
            for j in self._starting(Label.REGION, at, at + 1)[-1:]:  # `某市支持A县实施“X”`: A县
                urged = _URGES.match(text, self.m[j].end, pos)
                if urged and self._starting(Label.REGION, urged.end(), urged.end() + 1):
                    at = urged.end()
            got: list[int] = []
            while True:
                here = [j for j in self._starting(Label.REGION, at, at + 1)
                        if "candidates" in self.m[j].attrs]
                if not here:
                    break
                got.append(here[-1])
                join = _SUBJECT_JOIN.match(text, self.m[here[-1]].end)
                if join is None or not self._starting(Label.REGION, join.end(), join.end() + 1):
                    break
                at = join.end()
            if got and (verbs or _SUBJECT_VERB).match(text, self.m[got[-1]].end, pos) \
                    and not (verbs is _SUBJECT_RUNS and any(
                        self._starting(label, self.m[got[-1]].end, pos) for label in (
                            Label.REGION, Label.GOV_UNIT, Label.ORGANIZATION))):
                return [j for j in got if text[self.m[j].end:self.m[j].end + 1] not in ("镇", "乡")]
        return []

    def _builder_regions(self, s: int, pos: int) -> tuple[list[int], bool]:
        """The regions listed as the subject of the comma clause (in sentence `s`…) that
        builds the platform at `pos`: `支持A、B企业建设X`, `A、B等县(市、区)应建设X`.
        Each builds it (a town's name stem, `全州镇`, is none); and whether they build it
        together (`共建`, `合作建设`), one platform, not one each."""
        text = self.text
        clause = max(s, *(text.rfind(c, s, pos) + 1 for c in ",，;；:：")) if pos > s else s
        at = _BUILDERS_LEAD.match(text, clause).end()
        got: list[int] = []
        while True:
            here = self._starting(Label.REGION, at, at + 1)
            if not here:
                break
            j = here[-1]
            got.append(j)
            join = _BUILDERS_JOIN.match(text, self.m[j].end)
            if join is None:
                break
            at = join.end()
        if not got:
            return [], False
        tail = _BUILDERS_TAIL.match(text, self.m[got[-1]].end)
        if tail is None or not 0 <= pos - tail.end() <= _BUILDERS_REACH \
                or _CLAUSE_END.search(text, tail.end(), pos):
            return [], False
        return ([j for j in got if text[self.m[j].end:self.m[j].end + 1] not in ("镇", "乡")],
                bool(_JOINTLY.search(tail.group())))

    def _led_by(self, progs: list[int]) -> None:
        """`X…,由A牵头,B、C共同实施`: A, B and C run X, the program the sentence is about
        (the last before 由), or, for a sentence that opens with 由, the one program of the
        sentence before (an item heading: `(一)实施“X”计划。由A牵头,…`)."""
        text = self.text
        units = self.of(Label.GOV_UNIT)
        starts = [self.m[u].start for u in units]
        for by in re.finditer("由", text):
            led = self._unit_list(units, starts, by.end())
            if not led or not _LEADS.match(text, self.m[led[-1]].end):
                continue
            s, e = self.sentence(by.start())
            before = [i for i in progs if s <= self.m[i].start and self.m[i].end <= by.start()]
            if not before and not text[s:by.start()].strip():
                ps, _ = self.sentence(s - 1) if s > 0 else (s, s)
                before = [i for i in progs if ps <= self.m[i].start < s]
                if len(before) != 1:  # the item's heading: `(一)实施“X”工程。…。由A负责。`
                    before = self._item_heading_programs(progs, s)
                if len(before) != 1:
                    continue
            elif not before:  # `大赛由A、B联合主办`: the program its head word names
                before = self._named_by_head(progs, s, by.start())
            if not before:
                continue
            prog = before[-1]
            # co-runners: the next comma clause, `B、C共同实施`
            after = _LEADS.match(text, self.m[led[-1]].end).end()
            if text[after:after + 1] in (",", "，"):
                co = self._unit_list(units, starts, after + 1)
                if co and _CO_RUN.match(text, self.m[co[-1]].end):
                    led += co
            for u in led:
                if self.m[u].end <= e:
                    self.add(RelType.RUNS, u, prog, (self.m[prog].start, self.m[u].end))

    def _item_heading_programs(self, progs: list[int], pos: int) -> list[int]:
        """The programs of the first sentence of the numbered item (`(一)…`) whose line
        holds `pos`."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start >= pos or not _HEADING.match(self.text, line_start):
            return []
        hs, he = self.sentence(line_start)
        return [i for i in progs if hs <= self.m[i].start < he]

    def _named_by_head(self, progs: list[int], s: int, end: int) -> list[int]:
        """The one program of the paragraph before `s` whose name ends with the words that
        open the sentence up to `end` (`大赛由…主办`: the 大赛 named before)."""
        head = self.text[s:end].strip()
        if not 2 <= len(head) <= 4:
            return []
        line_start = self.text.rfind("\n", 0, s) + 1
        named = {self.m[i].name: i for i in progs
                 if line_start <= self.m[i].start < s and self.m[i].name.endswith(head)}
        return list(named.values()) if len(named) == 1 else []

    def _done_by(self, progs: list[int]) -> None:
        """The passive voice: `某人才公寓由县人社局投资建设`, `X计划由A、B负责组织实施`: the
        units after 由 build the platform, run the program, that comes right before it."""
        units = self.of(Label.GOV_UNIT)
        starts = [self.m[u].start for u in units]
        for done, verb, rel in ((progs, _DONE_RUN, RelType.RUNS),
                                (self.of(Label.PLATFORM), _DONE_BUILD, RelType.BUILDS)):
            for i in done:
                by = _BY.match(self.text, self.m[i].end)
                if by is None:
                    continue
                doers = self._unit_list(units, starts, by.end())
                if doers and verb.match(self.text, self.m[doers[-1]].end):
                    for u in doers:
                        self.add(rel, u, i, (self.m[i].start, self.m[u].end))

    def _lead_notes(self, progs: list[int]) -> None:
        """`(牵头单位:A、B)` in an item's paragraph: A and B run the program its heading
        names (or the paragraph's one program)."""
        text = self.text
        units = self.of(Label.GOV_UNIT)
        starts = [self.m[u].start for u in units]
        for note in _LEAD_NOTE.finditer(text):
            led = self._unit_list(units, starts, note.end())
            if not led:
                continue
            line_start = text.rfind("\n", 0, note.start()) + 1
            item_end = note.start()
            if text[note.start():note.end()].lstrip()[:1] not in "(（":
                # a line of its own: the item is the line above (above the other notes)
                while line_start > 0:
                    item_end = line_start - 1
                    line_start = text.rfind("\n", 0, item_end) + 1
                    if not _LEAD_NOTE.match(text, line_start):
                        break
                else:
                    continue
            s, e = self.sentence(line_start)
            heading = [i for i in self._starting(Label.PROGRAM, s, e)] \
                if _HEADING.match(text, line_start) else []
            if len(heading) != 1:  # else the item's programs, a few (a note leads its item)
                heading = self._starting(Label.PROGRAM, line_start, item_end)
            if 1 <= len(heading) <= 3:
                for u in led:
                    for i in heading:
                        self.add(RelType.RUNS, u, i, (self.m[i].start, self.m[u].end))
                continue
            # no program: the platforms the item builds (`二、建设人才驿站。…`, `新增某站3家`)
            built = [i for i in self._starting(Label.PLATFORM, line_start, item_end)
                     if _ITEM_BUILD.search(text, line_start, self.m[i].start)]
            if not heading and len(built) <= 3:
                for u in led:
                    for i in built:
                        self.add(RelType.BUILDS, u, i, (self.m[i].start, self.m[u].end))

    def _unit_list(self, units: list[int], starts: list[int], pos: int) -> list[int]:
        """The government units listed from `pos` on (`A、B和C`), each right after the last."""
        got: list[int] = []
        while True:
            k = bisect_left(starts, pos)
            if k >= len(units) or starts[k] != pos or self.m[units[k]].attrs.get("implied"):
                return got
            got.append(units[k])
            end = self.m[units[k]].end
            if not _LIST_SEP.match(self.text, end):
                return got
            pos = end + 1

    # -- programs -----------------------------------------------------------------------
    def _targets(self, progs: list[int]) -> None:
        talents = self.of(Label.TALENT_GROUP)
        for n, i in enumerate(progs):
            p = self.m[i]
            lo = p.start - len(p.attrs.get("qualifier", ""))
            for t in self._starting(Label.TALENT_GROUP, lo, p.end):
                if self.m[t].end <= p.end:
                    self.add(RelType.TARGETS, i, t, (lo, p.end))
            if p.attrs.get("quoted"):  # `青年人才“倍增计划”`: the group the quotation follows
                for t in self._starting(Label.TALENT_GROUP, max(0, lo - 12), lo):
                    if self.m[t].end == lo:
                        self.add(RelType.TARGETS, i, t, (self.m[t].start, p.end))
            # `实施X计划,引导青年人才返乡`: the people the clause after it turns to (not
            # after a way of working: `通过“X”的服务模式,选派专家…` sends the experts)
            s, e = self.sentence(p.start)
            nxt = self.m[progs[n + 1]].start if n + 1 < len(progs) else e
            hi = min(e, nxt, p.end + _TARGET_FAR) if p.attrs.get("kind") not in _MEANS else p.end
            for t in self._starting(Label.TALENT_GROUP, p.end, hi):
                between = self.text[p.end:self.m[t].start]
                if _CLAUSE_BREAK.search(between):
                    continue
                own = re.split(_SUBCLAUSE_BREAK, between)[-1]
                if self.m[t].attrs.get("native"):  # `实施X行动,建立在外某籍人才信息库`
                    self.add(RelType.TARGETS, i, t, (p.start, self.m[t].end))
                    continue
                if self.m[t].start > p.end + _TARGET_REACH:
                    if _TARGET_VERB.search(own) or _OWN_CLAUSE_VERB.search(own) \
                            or self._granted(between, t):
                        self.add(RelType.TARGETS, i, t, (p.start, self.m[t].end))
                    continue
                if _TARGET_VERB.search(between) or _OWN_CLAUSE_VERB.search(own) or (
                        _FOR_GROUP.search(between)
                        and _SERVICE_AFTER.match(self.text, self.m[t].end)) \
                        or self._granted(between, t):
                    self.add(RelType.TARGETS, i, t, (p.start, self.m[t].end))
            # `面向A、B和C,实施“X计划”`: the people the clause before it turns to
            prev = self.m[progs[n - 1]].end if n else s
            lo = max(s, prev, p.start - _TARGET_BEFORE_REACH)
            before = self.text[lo:p.start]
            verb = None
            for verb in _TARGET_BEFORE.finditer(before):
                pass
            if verb is not None and not _CLAUSE_BREAK.search(before, verb.end()):
                for t in self._starting(Label.TALENT_GROUP, lo + verb.end(), p.start):
                    if self.m[t].end <= p.start:
                        self.add(RelType.TARGETS, i, t, (lo + verb.start(), p.end))

    def _heading_targets(self, progs: list[int]) -> None:
        """`(一)实施“X”工程。由A牵头,…每年培育高素质农民600人`: an item's heading names one
        program; its paragraph turns to the groups that a verb of its comma clause names, and
        to the people of a native place it names (`建立某籍在外人才信息库`), whatever the verb."""
        text = self.text
        for i in progs:
            p = self.m[i]
            s, e = self.sentence(p.start)
            line_start = text.rfind("\n", 0, s) + 1
            heading = _HEADING.match(text, s)
            if s != line_start or not heading or e - s > _HEADING_MAX \
                    or len(self._starting(Label.PROGRAM, s, e)) != 1 \
                    or not (_HEADING_VERB.search(text, s, p.start) or (
                        # a heading that is the program's name alone: `1.“X”计划。`
                        not text[heading.end():p.start].strip()
                        and text[p.end:e].strip() in ("。", ":", "：", ""))):
                continue
            para_end = text.find("\n", e)
            para_end = len(text) if para_end < 0 else para_end
            own_progs = self._starting(Label.PROGRAM, e, para_end)
            if own_progs:  # the paragraph goes on to programs of its own: up to the first
                para_end = min(self.m[k].start for k in own_progs)
            for t in self._starting(Label.TALENT_GROUP, e, para_end):
                own = re.split(_SUBCLAUSE_BREAK, text[e:self.m[t].start])[-1]
                if self.m[t].attrs.get("native") or _TARGET_VERB.search(own) or _OWN_CLAUSE_VERB.search(own) \
                        or self._granted(text[e:self.m[t].start], t):
                    self.add(RelType.TARGETS, i, t, (p.start, self.m[t].end))
            line_end = text.find("\n", p.end)
            if line_end >= 0 and _HEADING_TAIL.fullmatch(text, p.end, line_end):
                self._sub_item_targets(i, heading.group(), line_end)

    def _sub_item_targets(self, i: int, mark: str, line_end: int) -> None:
        """`第二条 实施“X”行动` / `1. 新引进全日制博士研究生:生活补贴…` / `2. 全日制硕士研究生:…`:
        a heading line that is a program alone, then numbered lines each opening with the group
        it grants something to, up to a line of another kind. The items' marks must be of
        another kind than the heading's (`(一)` over `1.`), or they are headings of their own."""
        text = self.text
        kind = _mark_kind(mark)
        while line_end < len(text):
            start = line_end + 1
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            item = _SUB_ITEM.match(text, start, line_end)
            if item is None or _mark_kind(item.group()) == kind \
                    or self._starting(Label.PROGRAM, start, line_end):
                return
            lead = _SUB_ITEM_LEAD.match(text, item.end(), line_end)
            groups = self._starting(Label.TALENT_GROUP, item.end(), lead.end())
            while groups:  # and the groups listed with it (`返乡创业的大学生、农民工`)
                t = groups.pop(0)
                self.add(RelType.TARGETS, i, t, (self.m[i].start, self.m[t].end))
                groups += [k for k in self._starting(Label.TALENT_GROUP, self.m[t].end, line_end)[:1]
                           if _LISTED_GROUP.fullmatch(text, self.m[t].end, self.m[k].start)]

    def _granted(self, before: str, t: int) -> bool:
        """Whether the group `t` is one a measure grants something (`对A、B给予…`): the comma
        clause it stands in (`before` ends right before it) opens with 对, and a verb of
        granting follows it in its sentence."""
        clause = _COMMA_BREAK.split(before)[-1]
        if not _BENEFICIARY.match(clause):
            return False
        end = self.sentence(self.m[t].start)[1]
        return bool(_GRANT.search(self.text, self.m[t].end, end))

    def _item_programs(self, line_start: int, line_end: int, progs: list[int]) -> list[int]:
        """Programs that open an item of a box: `名称:说明`, or `名称。说明` where the name
        opens its line or a cell of it (a box flattened into one line: `A。… B。…`)."""
        items = []
        for i in progs:
            p = self.m[i]
            if not line_start <= p.start < line_end:
                continue
            after = self.text[p.end:p.end + 1]
            opens = p.start == line_start or self.text[p.start - 1] in " \t|\u3000"
            if after in (":", "：") or after == "。" and opens or opens and _CELL_END.fullmatch(
                    self.text, p.end, line_end):  # (a cell of its own: `X工程 |`)
                items.append(i)
        return items

    def _program_parts(self, progs: list[int]) -> None:
        text = self.text
        # boxes: 专栏N <title program> / items `X工程:…` / programs inside an item's text
        pos = 0
        lines = text.split("\n")
        offsets = []
        for line in lines:
            offsets.append((pos, pos + len(line)))
            pos += len(line) + 1
        for n, (s, e) in enumerate(offsets):
            if not _BOX.match(text[s:e]):
                continue
            title_progs = [i for i in progs if s <= self.m[i].start < e]
            # the items: on the first of the next two lines that has any (a line of cells
            # may stand between: `专栏3 X` / `… |` / items)
            k = n + 1
            while k < len(offsets) and k < n + 2 and not self._item_programs(*offsets[k], progs):
                k += 1
            if k >= len(offsets):
                continue
            bs, be = offsets[k]
            items = self._item_programs(bs, be, progs)
            ends = [be] * len(items)  # where each item's text ends
            k += 1
            # a box of cells one a line (`X工程 |` / `its text |` / `Y行动 |` / …): an item
            # is a cell holding only a program's name, the cells after it are its text
            cells = len(items) == 1 and bool(_CELL_END.fullmatch(text, self.m[items[0]].end, be))
            while cells and k < len(offsets) and text[offsets[k][0]:offsets[k][1]].rstrip() \
                    .endswith("|"):  # (the box ends with its last cell)
                ls, le = offsets[k]
                cell = [i for i in self._item_programs(ls, le, progs)
                        if _CELL_END.fullmatch(text, self.m[i].end, le)]
                if cell:
                    items.append(cell[0])
                    ends.append(le)
                else:
                    ends[-1] = le
                be = le
                k += 1
            # ...and one item a line on the lines after (`1.X工程:…`), while they go on
            while items and not cells and k < len(offsets):
                ls, le = offsets[k]
                more = [i for i in self._item_programs(ls, le, progs)
                        if _ITEM_MARK.fullmatch(text, ls, self.m[i].start) or (
                            self.m[i].attrs.get("quoted")
                            and _ITEM_MARK_PREFIX.fullmatch(text, ls, self.m[i].start))]
                if not more:
                    break
                items.append(more[0])
                ends.append(le)
                be = le
                k += 1
            for it in items:
                for t in title_progs:
                    self.add(RelType.PART_OF, it, t, (bs, be))
            for idx, it in enumerate(items):
                end = min(self.m[items[idx + 1]].start, ends[idx]) if idx + 1 < len(items) \
                    else ends[idx]
                for j in self._starting(Label.PROGRAM, self.m[it].end + 1, end):
                    if j != it:
                        self.add(RelType.PART_OF, j, it, (self.m[it].start, end))
                for t in self._starting(Label.TALENT_GROUP, self.m[it].end + 1, end):
                    self.add(RelType.TARGETS, it, t, (self.m[it].start, end))
        # enumerations closed by a total: A、B、C等三大工程
        for i in progs:
            p = self.m[i]
            before = text[max(0, p.start - 6):p.start]
            tot = _ENUM_TOTAL.search(before)
            if not tot or tot.end() != len(before) and not before.endswith(tot.group()):
                continue
            s, _ = self.sentence(p.start)
            for j in self._starting(Label.PROGRAM, s, p.start - len(tot.group())):
                if j != i and self.m[j].end <= p.start - len(tot.group()):
                    self.add(RelType.PART_OF, j, i, (s, p.end))
        # ...and by a program named with its count: `A、B、C等三大人才工程` — the parts are
        # the programs of the enumeration's own clause, two or more, not more than counted
        for i in progs:
            p = self.m[i]
            count = _COUNTED.match(p.name)
            if not count or text[p.start - 1:p.start] != "等":
                continue
            clause_start = max(text.rfind(c, 0, p.start) for c in ",，;；。:：\n") + 1
            parts = [j for j in self._starting(Label.PROGRAM, clause_start, p.start - 1)
                     if j != i and self.m[j].end <= p.start - 1]
            total = _count_value(count.group()[:-1])
            if len(parts) >= 2 and (total is None or len(parts) <= total):
                for j in parts:
                    self.add(RelType.PART_OF, j, i, (self.m[parts[0]].start, p.end))
        # a program and its parts after 下设: `实施X工程,下设A、B、C三项计划`
        for i in progs:
            p = self.m[i]
            parts = _SUBDIVIDED.match(text, p.end)
            if not parts or not parts.group().strip(" ,，"):
                continue
            _, e = self.sentence(p.start)
            for j in self._starting(Label.PROGRAM, parts.end(), e):
                self.add(RelType.PART_OF, j, i, (p.start, self.m[j].end))
        # the sentence's first program is made of the programs between 由 and 组成 in a later
        # clause (`X计划…,由A、B、C三项子工程组成`) or listed right after 包括/统筹推进
        # (`X计划,是…,包括“A”“B”和“C”三个子项目`, `实施X计划,统筹推进A、B和C`)
        for i in progs:
            p = self.m[i]
            s, e = self.sentence(p.start)
            if self._starting(Label.PROGRAM, s, p.start):
                continue
            for made in _MADE_OF.finditer(text, p.end, e):
                parts = [j for j in self._starting(Label.PROGRAM, made.start("parts"),
                                                   made.end("parts"))
                         if self.m[j].end <= made.end("parts")]
                if len(parts) >= 2:
                    for j in parts:
                        self.add(RelType.PART_OF, j, i, (p.start, made.end()))
            for inc in _INCLUDES.finditer(text, p.end, e):
                parts = self._listed_programs(inc.end(), e)
                if len(parts) >= 2:
                    for j in parts:
                        self.add(RelType.PART_OF, j, i, (p.start, self.m[parts[-1]].end))
                    break
        # a program, a count of its parts and the parts: `X计划五大工程,即A、B和C`
        for i in progs:
            p = self.m[i]
            parts = _COUNT_THEN_PARTS.match(text, p.end)
            if not parts:
                continue
            _, e = self.sentence(p.start)
            for j in self._starting(Label.PROGRAM, parts.end(), e):
                self.add(RelType.PART_OF, j, i, (p.start, self.m[j].end))
        # `X计划·Y专项`: Y is a part of X, the program right before the dot
        ends = {self.m[i].end: i for i in progs}
        for j in progs:
            if self.m[j].attrs.get("dotted_part"):
                i = ends.get(self.m[j].start - 1)
                if i is not None:
                    self.add(RelType.PART_OF, j, i, (self.m[i].start, self.m[j].end))
        # a counted program (“五项计划”) followed by programs of the same head in its paragraph
        for i in progs:
            p = self.m[i]
            if not _COUNTED.match(p.name):
                continue
            head = p.attrs.get("kind", "")
            para_end = text.find("\n", p.end)
            para_end = len(text) if para_end < 0 else para_end
            for j in self._starting(Label.PROGRAM, p.end + 1, para_end):
                q = self.m[j]
                if j != i and q.attrs.get("kind") == head and not _COUNTED.match(q.name):
                    self.add(RelType.PART_OF, j, i, (p.start, para_end))

    def _counted_lines(self, progs: list[int]) -> None:
        """A counted program closing its line with a colon, and its parts one a line after
        it, each opening its item (`实施“五大行动”:` / `一是A行动,…;` / `二是“B”行动,…`): up
        to the count, while the lines go on with an item's mark."""
        text = self.text
        for i in progs:
            p = self.m[i]
            count = _COUNTED.match(p.name)
            if not count or not _COLON_END.match(text, p.end):
                continue
            total = _count_value(count.group()[:-1]) or 0
            parts: list[int] = []
            line = text.find("\n", p.end) + 1
            while line > 0 and len(parts) < total:
                mark = _ENUM_ITEM.match(text, line)
                end = text.find("\n", line)
                end = len(text) if end < 0 else end
                if mark is None:
                    break
                first = self._starting(Label.PROGRAM, mark.end(), mark.end() + 2)
                if first and self.m[first[0]].attrs.get("kind") == p.attrs.get("kind"):
                    parts.append(first[0])
                line = end + 1 if end < len(text) else 0
            for j in parts:
                self.add(RelType.PART_OF, j, i, (p.start, self.m[j].end))

    def _listed_programs(self, pos: int, end: int) -> list[int]:
        """The programs listed from `pos` (before `end`): each right after the last, apart
        only by a list mark or quotation marks (`“A”“B”和“C”`, `A、B及C`)."""
        out: list[int] = []
        at = pos
        while True:
            gap = _LIST_GAP.match(self.text, at, end)
            here = [j for j in self._starting(Label.PROGRAM, at, gap.end() + 1)
                    if self.m[j].end <= end and j not in out]
            if not here or out and not gap.group().strip():
                break  # (two names need a mark, or a quotation, between them)
            j = here[0]
            out.append(j)
            at = self.m[j].end
        return out

    # -- documents ----------------------------------------------------------------------
    def _documents(self, progs: list[int]) -> None:
        docs = self.of(Label.POLICY_DOCUMENT)
        if self.is_document:
            for i in progs:
                p = self.m[i]
                if any(self.m[d].start <= p.start and p.end <= self.m[d].end for d in docs):
                    continue  # named inside a title it cites: that document's, not this one's
                if self._followed(p.start):
                    continue  # `按照省委“X计划”部署`, `推荐申报“Y”`: another's program
                self.add(RelType.ESTABLISHES, MAIN_DOC, i, (p.start, p.end))
            for d in docs:
                self.add(RelType.CITES, MAIN_DOC, d, (self.m[d].start, self.m[d].end))
        # a document establishes the programs inside its mention and those its title names
        # (core names of 3+ characters); one title written many times is matched once
        cores: dict[str, list[int]] = {}
        for i in progs:
            core = self.m[i].attrs.get("quoted") or self.m[i].name
            if len(core) >= 3:
                cores.setdefault(core, []).append(i)
        named: dict[str, set[int]] = {}
        for d in docs:
            dm = self.m[d]
            if dm.name not in named:
                named[dm.name] = {i for core, ids in cores.items() if core in dm.name for i in ids}
            inside = {i for i in self._starting(Label.PROGRAM, dm.start, dm.end + 1)
                      if _in(self.m[i], dm)}
            for i in sorted(named[dm.name] | inside):
                self.add(RelType.ESTABLISHES, d, i, (dm.start, dm.end))
        for d in docs:
            # issuers named at the head of a title (`《中共某省委办公厅 某省人民政府办公厅关于…》`)
            dm = self.m[d]
            about = self.text.find("关于", dm.start, dm.end)
            if about > dm.start:
                for u in self._starting(Label.GOV_UNIT, dm.start, about):
                    if self.m[u].end <= about:
                        self.add(RelType.ISSUED, u, d, (dm.start, dm.end))
            s, e = self.sentence(self.m[d].start)
            # the last verb of issuing before the document: every unit before it issued it
            # (`组织部联合人社局、科技局制定了《…》`: all three)
            verbs = self._issue_verbs((s, e))
            k = bisect_right(verbs, self.m[d].start) - 1
            if k < 0:
                continue
            for u in self._starting(Label.GOV_UNIT, s, verbs[k] - 2):
                clause = max(self.text.rfind(c, s, self.m[u].start) for c in ",，;；") + 1
                if _FOLLOWS.search(self.text, max(s, clause), self.m[u].start):
                    continue  # `贯彻省委“X”,修订出台《Y》`: 省委's X is followed, not Y issued
                self.add(RelType.ISSUED, u, d, (s, e))
        self._issuers_before_titles(docs)

    def _followed(self, pos: int) -> bool:
        """Whether the comma clause before `pos` says the name at `pos` is another's that this
        text follows or applies to (`按照`, `贯彻落实`, `推荐申报`)."""
        lo = max(0, pos - 12)
        clause = max(self.text.rfind(c, lo, pos) for c in ",，;；。:：\n") + 1
        return bool(_FOLLOWS.search(self.text, max(lo, clause), pos)
                    or _APPLIES.search(self.text, max(lo, clause), pos))

    def _issuers_before_titles(self, docs: list[int]) -> None:
        """`某省委、省政府《X》`, `某自治区党委《关于…》`: the units written right before a
        title (a list of them) issued it."""
        units = self.of(Label.GOV_UNIT)
        ends = sorted((self.m[u].end, u) for u in units)
        for d in docs:
            dm = self.m[d]
            if self.text[dm.start:dm.start + 1] != "《":
                continue
            at, issuers = dm.start, []
            while True:
                k = bisect_left(ends, (at, -1))
                if k >= len(ends) or ends[k][0] != at or self.m[ends[k][1]].attrs.get("implied"):
                    break
                issuers.append(ends[k][1])
                at = self.m[ends[k][1]].start
                if at == 0 or self.text[at - 1] != "、":
                    break
                at -= 1
            for u in issuers:
                self.add(RelType.ISSUED, u, d, (self.m[u].start, dm.end))

    def _cooperation(self) -> None:
        """`A与B合作` (or 携手/联合, or 和 after a unit): the units before a 与 (in its
        sentence; else the jurisdiction)
        cooperate with the organisations after it up to the end of its clause, when a
        verb of cooperation follows within that clause (or 4 characters past it). Each
        pair once per sentence: for an organisation, the qualifying 与 before it in its
        clause give the units before the last of them (which include every earlier one's),
        and the jurisdiction when the first of them has none before it."""
        text = self.text
        for s, e in self.sentences:
            latest: list[tuple[int, int]] = []  # qualifying 与: (position, clause end)
            first_of_clause: list[int] = []  # index in `latest` of its clause's first
            # the next clause end and the next verb, searched again only once passed (a
            # clause of many 与 would otherwise be scanned once per 与)
            clause = verb = None
            searched = False
            joins = self._joins(s, e)
            reverse: dict[tuple[int, int], None] = {}  # (unit or place after 与, org before it)
            breaks: list[int] | None = None  # clause ends of the sentence, found when needed
            for pos, after in joins:
                if not searched or (clause is not None and clause.start() < after):
                    clause = _CLAUSE_END.search(text, after, e)
                if not searched or (verb is not None and verb.start() < after):
                    verb = _COOP_VERB.search(text, after, e + 4)
                searched = True
                clause_end = clause.start() if clause else e
                if verb is not None and verb.end() <= clause_end + 4:
                    same = bool(latest) and latest[-1][1] == clause_end
                    first_of_clause.append(first_of_clause[-1] if same else len(latest))
                    latest.append((pos, clause_end))
                    partner = self._party_at(after)
                    if partner is not None:  # `A大学、B大学分别与某区签署…`: the orgs first
                        if breaks is None:
                            breaks = [m.end() for m in _CLAUSE_END.finditer(text, s, e)]
                        k = bisect_right(breaks, pos) - 1
                        for o in self._starting(Label.ORGANIZATION, breaks[k] if k >= 0 else s,
                                                pos):
                            if self.m[o].end <= pos:
                                reverse[(partner, o)] = None
            for u, o in sorted(reverse):
                self.add(RelType.COOPERATES_WITH, u, o, (s, e))
            if not latest:
                continue
            pairs: dict[tuple[int, int], None] = {}
            for o in self._starting(Label.ORGANIZATION, latest[0][0] + 1, e):
                start = self.m[o].start
                k = bisect_right(latest, (start - 1, e + 5)) - 1  # last 与 with pos + 1 <= start
                if k < 0 or start >= latest[k][1]:
                    continue
                for u in self._starting(Label.GOV_UNIT, s, latest[k][0]):
                    pairs[(u, o)] = None
                first = latest[first_of_clause[k]][0]
                if not self._starting(Label.GOV_UNIT, s, first):
                    # `某县与某大学签订…`: the county opening the clause, else the jurisdiction
                    for j in self._clause_subjects(first + 1) or [self._area_of(first)]:
                        pairs[(j, o)] = None
            for u, o in sorted(pairs, key=lambda pair: (pair[1], pair[0] < 0, pair[0])):
                self.add(RelType.COOPERATES_WITH, u, o, (s, e))

    def _row_partners(self) -> None:
        """A platform in a list's row COOPERATES_WITH the organisations of its partner
        column (`合作单位`)."""
        for i in self.of(Label.PLATFORM):
            if "partner_cell" in self.m[i].attrs:
                s, e = self.m[i].attrs["partner_cell"]
                for o in self._starting(Label.ORGANIZATION, s, e):
                    if self.m[o].end <= e:
                        self.add(RelType.COOPERATES_WITH, i, o, (self.m[i].start, e))

    def _party_at(self, pos: int) -> int | None:
        """A unit or a place starting at `pos` (right after a 与), if any."""
        for label in (Label.GOV_UNIT, Label.REGION):
            found = [j for j in self._starting(label, pos, pos + 1)
                     if label is Label.GOV_UNIT or "candidates" in self.m[j].attrs]
            if found:
                return found[0]
        return None

    def _joins(self, s: int, e: int) -> list[tuple[int, int]]:
        """(start, end) of the words joining a unit to its partners in [s, e): 与, 携手,
        联合 anywhere; 和/同 only right after a unit or a place (`某区人民政府和某大学签署…`:
        elsewhere 和 joins anything)."""
        out = []
        for m in _JOIN.finditer(self.text, s, e):
            if m.group() in ("和", "同") and not self._unit_or_place_ends_at(m.start()):
                continue
            out.append((m.start(), m.end()))
        return out

    def _unit_or_place_ends_at(self, pos: int) -> bool:
        by_end = self._unit_ends()
        k = bisect_left(by_end, (pos, -1))
        return (k < len(by_end) and by_end[k][0] == pos) or bool(self._region_ends().get(pos))

    def _listed_body(self) -> int:
        """The body whose members a role-labelled list names: the last 领导小组, 委员会 or
        the like that the text names before the list's first name (`关于调整某县人才工作
        领导小组组成人员的通知`); -1 when there is none."""
        first = min(self.m[p].start for p in self.of(Label.PERSON) if self.m[p].attrs.get("body_member"))
        bodies = [u for u in self.of(Label.GOV_UNIT)
                  if self.m[u].end <= first and _BODY.search(self.m[u].text)]
        return max(bodies, key=lambda u: self.m[u].end) if bodies else -1

    def _members(self) -> None:
        units = self.of(Label.GOV_UNIT)
        by_end = sorted((self.m[u].end, u) for u in units)
        body: int | None = None  # the body a role-labelled list names the members of
        for p in self.of(Label.PERSON):
            pm = self.m[p]
            if "unit_cell" in pm.attrs:  # a roster's row: the unit of its unit column
                s, e = pm.attrs["unit_cell"]
                for _, u in by_end[bisect_left(by_end, (s, -1)):bisect_right(by_end, (e, len(self.m)))]:
                    if s <= self.m[u].start:
                        self.add(RelType.MEMBER_OF, p, u, (pm.start, e))
                if pm.attrs.get("body_member"):
                    if body is None:
                        body = self._listed_body()
                    if body is not None and body >= 0:
                        self.add(RelType.MEMBER_OF, p, body, (pm.start, pm.end))
                continue
            if pm.attrs.get("title") == "委员":  # a reply's `尊敬的某某委员:`: of the 政协
                body = next((u for u in units if self.m[u].attrs.get("kind") == "cppcc"
                             and not self.m[u].attrs.get("dept")), None)
                if body is not None:
                    self.add(RelType.MEMBER_OF, p, body, (pm.start, pm.end))
            near = by_end[bisect_left(by_end, (pm.start - 6, -1)):bisect_right(by_end, (pm.start, len(self.m)))]
            best = max((u for _, u in near), default=None)  # the last unit ending 0-6 before
            while best is not None:
                self.add(RelType.MEMBER_OF, p, best, (self.m[best].start, pm.end))
                # a chain of posts: `县委副书记、县长刘某` is in both, the 县委 and the 县政府
                start = self.m[best].start
                near = by_end[bisect_left(by_end, (start - 7, -1)):bisect_right(
                    by_end, (start, len(self.m)))]
                best = next((u for _, u in reversed(near)
                             if _POST_AND.fullmatch(self.text, self.m[u].end, start)), None)

    def _located(self) -> None:
        """An organisation or platform whose name starts with a place below a province is
        there (`某市人才发展集团`); a province's or municipality's name before one says its
        scope or its brand (`内蒙古羊绒技术研究院`, `北京银行济南分行`), not where it is.
        A platform in a list's row is where its place column says (the county, where the
        name may only say the city)."""
        for i in self.of(Label.ORGANIZATION, Label.PLATFORM):
            start = self.m[i].start
            if "place_cell" in self.m[i].attrs:  # a list's row: the place of its place column
                s, e = self.m[i].attrs["place_cell"]
                for j in self._starting(Label.REGION, s, e):
                    if "candidates" in self.m[j].attrs or "town" in self.m[j].attrs:
                        self.add(RelType.LOCATED_IN, i, j, (start, e))
                continue
            for j in self._starting(Label.REGION, start, start + 1):
                paths = self.m[j].attrs.get("candidates") or self.m[j].attrs.get("town")
                if paths and any("/" in path for path in paths):
                    self.add(RelType.LOCATED_IN, i, j, (self.m[i].start, self.m[i].end))


def _mark_kind(mark: str) -> str:
    """The kind of an item's mark: `第一条`, `(一)`, `(1)`, `一、`, `1.`, `①`."""
    mark = mark.strip(" \t\u3000")
    if mark.startswith("第"):
        return "article"
    if mark[:1] in "(（":
        return "paren-digit" if mark[1:2].isdigit() else "paren"
    if mark[:1].isdigit():
        return "digit"
    return "circled" if "①" <= mark[:1] <= "⑳" else "chinese"


def find_relations(text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
                   is_document: bool) -> list[RelationMention]:
    return RelationFinder(text, mentions, sentences, is_document).run()
