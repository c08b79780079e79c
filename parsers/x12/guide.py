"""Implementation-guide maps (pyx12's XML format) compiled once into plain Python structures.

The maps in ``schemas/x12maps/xml`` are the single source of truth: pyx12 validates with them in the
differential test, and :mod:`parsers.x12.validator` validates with what this module compiles from them.
Compiling resolves what pyx12 looks up per segment (data element types and lengths, code lists, each
segment's qualifier, the children of each loop by position) so that checking a segment is a few dict and
list lookups.

A partner tightens a map from its profile (:class:`Tightening`) without copying it: extra code lists,
elements or segments made mandatory. The tightened guide is a new compiled object; the base stays shared.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from schemas.x12maps import MAP_DIR

UNBOUNDED = 1 << 40


@dataclass(eq=False, slots=True)
class ElementSpec:
    """One simple element (or one component of a composite)."""

    xid: str  # e.g. PO102, or REF04-01 for a component
    ref: str  # data element number
    name: str
    usage: str  # R, S or N
    seq: int
    kind: str  # AN, ID, DT, TM, R, N0..N9, B
    min_len: int
    max_len: int
    codes: frozenset[str] | None = None
    component_of_optional: bool = False  # first component of an S composite: never "mandatory missing"
    text_like: bool = False  # AN or ID, used: the validator's fast path checks length, characters, codes inline

    def __post_init__(self) -> None:
        self.text_like = self.kind in ("AN", "ID") and self.usage != "N"


@dataclass(eq=False, slots=True)
class CompositeSpec:
    xid: str
    ref: str
    name: str
    usage: str
    seq: int
    components: list[ElementSpec]


@dataclass(eq=False, slots=True)
class SegmentSpec:
    xid: str
    name: str
    usage: str
    pos: int
    max_use: int
    elements: list[ElementSpec | CompositeSpec]
    syntax: list[tuple[str, tuple[int, ...], int]]  # (kind, positions, smallest position)
    index: int = 0  # counter slot
    parent: LoopSpec | None = None
    key: tuple[int, frozenset[str]] | None = None  # qualifier: element position and the codes that match
    _mandatory_after: list[tuple[int, ...]] = field(default_factory=list)
    fast: Callable[[list[str], str, bool], bool] | None = None  # see parsers.x12.fastcheck, built on first use
    # the walk's shortcuts from here, filled as met (see ``shortcut``)
    next_plain: dict[str, tuple[SegmentSpec, LoopSpec | None] | None] = field(default_factory=dict)

    def mandatory_after(self, count: int) -> tuple[int, ...]:
        """Positions after ``count`` holding a mandatory element or composite (checked when the data stops)."""
        table = self._mandatory_after
        if not table:
            table.extend(
                tuple(e.seq for e in self.elements[n:] if e.usage == "R") for n in range(len(self.elements) + 1)
            )
        return table[count]

    def matches(self, elements: list[str]) -> bool:
        """pyx12's ``is_match``: the ID, and the qualifier's value when the segment has one."""
        if elements[0] != self.xid:
            return False
        key = self.key
        if key is None:
            return True
        position, codes = key
        return position < len(elements) and elements[position] in codes


@dataclass(eq=False, slots=True)
class Scan:
    """A loop's children from one position on, in pyx12's scan order, indexed for the walk."""

    children: list[SegmentSpec | LoopSpec]
    by_id: dict[str, list[int]]  # segment ID → the children it can match (a segment, or a loop's first segment)
    required: list[int]  # the mandatory children: reported missing when a later one matches


@dataclass(eq=False, slots=True)
class LoopSpec:
    xid: str
    usage: str
    pos: int
    repeat: int
    children: list[SegmentSpec | LoopSpec] = field(default_factory=list)
    index: int = 0
    parent: LoopSpec | None = None
    first: SegmentSpec | None = None  # the segment that opens the loop
    by_pos: list[tuple[int, list[SegmentSpec | LoopSpec]]] = field(default_factory=list)
    descendants: list[int] = field(default_factory=list)  # counter slots reset on each new iteration
    scans: dict[int, Scan] = field(default_factory=dict)  # start position → what a walk from there scans


@dataclass(eq=False)
class Guide:
    """A compiled transaction-set map: the ST loop and what the checks need."""

    set_id: str
    version: str
    st_loop: LoopSpec
    st: SegmentSpec
    se: SegmentSpec
    slots: int
    extended_charset_5010: bool
    source: str
    by_id: dict[str, list[SegmentSpec]] = field(default_factory=dict)


def _max(text: str) -> int:
    text = text.strip()
    return UNBOUNDED if text.startswith(">") else int(text)


class _Compiler:
    def __init__(self, dataele: dict[str, tuple[str, int, int]]) -> None:
        self.dataele = dataele
        self.slots = 0
        self.by_id: dict[str, list[SegmentSpec]] = {}

    def slot(self) -> int:
        self.slots += 1
        return self.slots - 1

    def element(self, node: ET.Element, parent_optional_composite: bool = False) -> ElementSpec:
        ref = node.findtext("data_ele", "").strip()
        kind, low, high = self.dataele[ref]
        codes = frozenset(c.text or "" for c in node.iter("code")) or None
        seq = int(node.findtext("seq", "0"))
        return ElementSpec(
            xid=node.get("xid", ""),
            ref=ref,
            name=node.findtext("name", "").strip(),
            usage=node.findtext("usage", "S").strip(),
            seq=seq,
            kind=kind,
            min_len=low,
            max_len=high,
            codes=codes,
            component_of_optional=parent_optional_composite and seq == 1,
        )

    def segment(self, node: ET.Element) -> SegmentSpec:
        elements: list[ElementSpec | CompositeSpec] = []
        for child in node:
            if child.tag == "element":
                elements.append(self.element(child))
            elif child.tag == "composite":
                usage = child.findtext("usage", "S").strip()
                seq = int(child.findtext("seq", "0"))
                parts = [self.element(c, usage != "R") for c in child.findall("element")]
                elements.append(
                    CompositeSpec(
                        xid=f"{node.get('xid', '')}{seq:02d}",
                        ref=child.findtext("data_ele", "").strip(),
                        name=child.findtext("name", "").strip(),
                        usage=usage,
                        seq=seq,
                        components=parts,
                    )
                )
        syntax = []
        for rule in node.findall("syntax"):
            text = (rule.text or "").strip()
            if text and text[0] in "PRCEL":
                positions = tuple(int(text[i : i + 2]) for i in range(1, len(text) - 1, 2))
                syntax.append((text[0], positions, min(positions, default=0)))
        spec = SegmentSpec(
            xid=node.get("xid", ""),
            name=node.findtext("name", "").strip(),
            usage=node.findtext("usage", "S").strip(),
            pos=int(node.findtext("pos", "0")),
            max_use=_max(node.findtext("max_use", "1")),
            elements=elements,
            syntax=syntax,
            index=self.slot(),
        )
        spec.key = _qualifier(spec)
        self.by_id.setdefault(spec.xid, []).append(spec)
        return spec

    def loop(self, node: ET.Element) -> LoopSpec:
        loop = LoopSpec(
            xid=node.get("xid", ""),
            usage=node.findtext("usage", "S").strip(),
            pos=int(node.findtext("pos", "0")),
            repeat=_max(node.findtext("repeat", "1")),
            index=self.slot(),
        )
        for child in node:
            if child.tag == "segment":
                seg = self.segment(child)
                seg.parent = loop
                loop.children.append(seg)
            elif child.tag == "loop":
                sub = self.loop(child)
                sub.parent = loop
                loop.children.append(sub)
        first = loop.children[0] if loop.children else None
        loop.first = first if isinstance(first, SegmentSpec) else None
        positions: dict[int, list[SegmentSpec | LoopSpec]] = {}
        for member in loop.children:
            positions.setdefault(member.pos, []).append(member)
        loop.by_pos = sorted(positions.items())
        for start, _ in loop.by_pos:
            loop.scans[start] = _scan([c for pos, group in loop.by_pos if pos >= start for c in group])
        for member in loop.children:
            loop.descendants.append(member.index)
            if isinstance(member, LoopSpec):
                loop.descendants.extend(member.descendants)
        return loop


def shortcut(node: SegmentSpec, segment_id: str) -> tuple[SegmentSpec, LoopSpec | None] | None:
    """Where a walk from ``node`` goes for ``segment_id`` when that cannot depend on the data or the counts:
    (segment reached, loop entered or None). None when it can: a qualifier decides, a mandatory child is
    skipped on the way (it may be missing), or the segment is not found. Memoised per node and ID."""
    if segment_id in node.next_plain:
        return node.next_plain[segment_id]
    found: tuple[SegmentSpec, LoopSpec | None] | None = None
    loop, pos = node.parent, node.pos
    while loop is not None:
        scan = loop.scans[pos]
        indices = scan.by_id.get(segment_id)
        limit = indices[0] if indices else len(scan.children)
        if scan.required and scan.required[0] < limit:
            break
        if indices:
            candidate = scan.children[indices[0]]
            opener = candidate if isinstance(candidate, SegmentSpec) else candidate.first
            if opener is None or opener.key is not None:
                break
            if isinstance(candidate, LoopSpec):
                found = (opener, candidate)
            elif loop.parent is not None and loop.first is not None and loop.first.xid == segment_id:
                found = (loop.first, loop) if loop.first.key is None else None  # a new iteration of this loop
            else:
                found = (candidate, None)
            break
        if loop.parent is None:
            break
        loop, pos = loop.parent, loop.pos
    node.next_plain[segment_id] = found
    return found


def _scan(children: list[SegmentSpec | LoopSpec]) -> Scan:
    by_id: dict[str, list[int]] = {}
    required: list[int] = []
    for i, child in enumerate(children):
        first = child if isinstance(child, SegmentSpec) else child.first
        if first is None:
            continue
        by_id.setdefault(first.xid, []).append(i)
        if child.usage == "R":
            required.append(i)
    return Scan(children, by_id, required)


def _qualifier(spec: SegmentSpec) -> tuple[int, frozenset[str]] | None:
    """The element whose value must be one of its codes for a segment to be this node (pyx12's rules)."""
    first = spec.elements[0] if spec.elements else None
    if isinstance(first, ElementSpec) and first.kind == "ID" and first.usage == "R" and first.codes:
        return 1, first.codes
    if spec.xid == "HL" and len(spec.elements) > 2:
        third = spec.elements[2]
        if isinstance(third, ElementSpec) and third.codes:
            return 3, third.codes
    return None


@cache
def data_elements(map_dir: Path = MAP_DIR) -> dict[str, tuple[str, int, int]]:
    root = ET.parse(map_dir / "dataele.xml").getroot()
    return {
        e.get("ele_num", ""): (e.get("data_type", ""), int(e.get("min_len", "0")), int(e.get("max_len", "0")))
        for e in root.iter("data_ele")
    }


@cache
def map_index(map_dir: Path = MAP_DIR) -> dict[tuple[str, str, str], str]:
    """(ISA12, GS08, GS01) → map file, from maps.xml."""
    index: dict[tuple[str, str, str], str] = {}
    for version in ET.parse(map_dir / "maps.xml").getroot().iter("version"):
        for entry in version.iter("map"):
            index[(version.get("icvn", ""), entry.get("vriic", ""), entry.get("fic", ""))] = (entry.text or "").strip()
    return index


def compile_map(path: Path, tightening: Tightening | None = None) -> Guide:
    root = ET.parse(path).getroot()
    if tightening is not None:
        tightening.apply(root)
    compiler = _Compiler(data_elements(path.parent))
    st_node = root.find("loop[@xid='ISA_LOOP']/loop[@xid='GS_LOOP']/loop[@xid='ST_LOOP']")
    if st_node is None:
        raise ValueError(f"{path}: no ISA_LOOP/GS_LOOP/ST_LOOP")
    st_loop = compiler.loop(st_node)
    st = st_loop.children[0]
    se = st_loop.children[-1]
    assert isinstance(st, SegmentSpec) and isinstance(se, SegmentSpec)
    isa12 = root.find(".//element[@xid='ISA12']/valid_codes/code")
    return Guide(
        set_id=root.get("xid", ""),
        version=root.findtext("name", ""),
        st_loop=st_loop,
        st=st,
        se=se,
        slots=compiler.slots,
        extended_charset_5010=isa12 is not None and (isa12.text or "") == "00501",
        source=path.name,
        by_id=compiler.by_id,
    )


@cache
def guide_for(icvn: str, gs08: str, gs01: str, map_dir: Path = MAP_DIR) -> Guide | None:
    """The compiled guide pyx12 would pick for this group (exact ISA12, GS08, GS01), or None."""
    name = map_index(map_dir).get((icvn, gs08, gs01))
    return compile_map(map_dir / name) if name else None


def _segment_paths(root: ET.Element) -> list[tuple[str, ET.Element]]:
    """Each segment and loop below ST with its path (``REF``, ``PO1/DTM``); a loop is named by its ID and
    made mandatory as a loop (the first segment of a loop stays mandatory within it)."""
    st_loop = root.find("loop[@xid='ISA_LOOP']/loop[@xid='GS_LOOP']/loop[@xid='ST_LOOP']")
    found: list[tuple[str, ET.Element]] = []

    def visit(node: ET.Element, prefix: str) -> None:
        for child in node:
            if child.tag == "segment":
                name = prefix + child.get("xid", "")
                if all(path != name for path, _ in found):
                    found.append((name, child))
            elif child.tag == "loop":
                found.append((prefix + child.get("xid", ""), child))
                visit(child, prefix + child.get("xid", "") + "/")

    if st_loop is not None:
        visit(st_loop, "")
    return found


@cache
def guide_for_group(icvn: str, gs08: str, gs01: str, map_dir: Path = MAP_DIR) -> Guide | None:
    """The guide for a group as the hub picks it: pyx12's exact choice, else the map of the same set and base
    version (GS08 ``004010X357`` or ``004010VICS`` → 004010; ISA12 ``00400`` → the 004010 map). None for
    versions without a map (003xxx): the built-in rule table checks those."""
    exact = guide_for(icvn, gs08, gs01, map_dir)
    if exact is not None:
        return exact
    base = gs08[:6]
    for (_isa12, vriic, fic), name in map_index(map_dir).items():
        if vriic == base and fic == gs01:
            return compile_map(map_dir / name)
    return None


@dataclass(frozen=True)
class Tightening:
    """What a partner's guide adds to the base map, from the profile's ``guide:`` section.

    ``codes``: element xid → allowed codes (e.g. ``BEG02: [SA, NE]``; on a loop's first element they also
    decide which loop a segment opens, as in pyx12); ``mandatory_elements``: element xids made R;
    ``mandatory_segments``: segments made R, by their path below ST: ``REF`` (a header REF), ``PO1/DTM``
    (a DTM in every PO1 loop), ``N1`` (the header N1 loop itself, through its first segment).
    """

    codes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    mandatory_elements: tuple[str, ...] = ()
    mandatory_segments: tuple[str, ...] = ()
    source: str = ""

    def problems(self, guide_root: ET.Element) -> list[str]:
        """Names the tightening refers to that the map does not have."""
        xids = {e.get("xid") for e in guide_root.iter("element")}
        paths = {path for path, _ in _segment_paths(guide_root)}
        wanted = [x for x, _ in self.codes] + list(self.mandatory_elements)
        found = [f"element {x} is not in the map" for x in wanted if x not in xids]
        found += [f"segment {s} is not in the map" for s in self.mandatory_segments if s not in paths]
        return found

    def apply(self, root: ET.Element) -> None:
        codes = dict(self.codes)
        for element in root.iter("element"):
            xid = element.get("xid", "")
            if xid in codes:
                for old in element.findall("valid_codes"):
                    element.remove(old)
                valid = ET.SubElement(element, "valid_codes")
                for code in codes[xid]:
                    ET.SubElement(valid, "code").text = code
            if xid in self.mandatory_elements:
                usage = element.find("usage")
                if usage is not None:
                    usage.text = "R"
        for path, node in _segment_paths(root):
            if path in self.mandatory_segments:
                usage = node.find("usage")
                if usage is not None:
                    usage.text = "R"

    def write(self, base: Path, target_dir: Path) -> Path:
        """The tightened map as a pyx12 map file (for the differential test and for partners' own tools)."""
        tree = ET.parse(base)
        self.apply(tree.getroot())
        target = target_dir / base.name
        tree.write(target, encoding="utf-8", xml_declaration=True)
        return target
