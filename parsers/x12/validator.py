"""Validate one transaction set against a compiled guide in one pass: the verdicts pyx12 gives, faster.

The walk follows pyx12's ``map_walker`` so that both give the same (segment position, segment ID,
element position, code) for the same map, which the differential test in ``tests/x12diff`` proves:
- a segment matches a map node by ID and, where the node has one, by its qualifier's value;
- from the current node, the rest of its loop is scanned, then each enclosing loop from the loop just left
  (a repeat of that loop first); a loop is entered only through its first segment, which starts a new
  iteration (loop over its repeat: AK304 4) and resets the counts below it;
- a segment found nowhere is "not in the set" (1) at its own position; one over its max use is 5;
- a mandatory segment or loop skipped on the way is "missing" (3) under its own ID at the position of the
  segment that revealed the gap (at SE: the last segment of the set).
pyx12's behaviour, read and checked by experiment, is written down in ``tests/x12diff/pyx12-semantics.md``.
Positions count from ST = 1; SE is not counted. Element checks are pyx12's, in its order (see
``check_element``); a violated syntax note, too many elements and a missing mandatory composite are
segment errors (8), which we also report as AK4 code 2 (10 for an exclusion, 3 for too many) with the
element they concern: pyx12 loses that detail, a partner reading our 997 should not have to guess.

Deliberate differences from pyx12, each excluded and printed by the differential test: the AK4 detail
above (``Finding.pyx12_detail`` is False on it), and errors are never moved to a neighbouring segment.
Shared with pyx12, and worth knowing: a mandatory segment missing in a loop iteration that another
iteration of the same loop follows is not reported (only the last iteration's gaps are), and a segment
out of order is "not in the set" (1), never "out of sequence" (7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.x12.fastcheck import build_fast_check
from parsers.x12.guide import CompositeSpec, ElementSpec, Guide, LoopSpec, SegmentSpec, shortcut
from parsers.x12.lexer import digits

# AK304
NOT_IN_SET = "1"
MANDATORY_MISSING_SEGMENT = "3"
LOOP_OVER_MAX = "4"
OVER_MAX_USE = "5"
ELEMENT_ERRORS = "8"
# AK403
MANDATORY_MISSING = "1"
CONDITIONAL_MISSING = "2"
TOO_MANY_ELEMENTS = "3"
TOO_SHORT = "4"
TOO_LONG = "5"
INVALID_CHARACTER = "6"
INVALID_CODE = "7"
INVALID_DATE = "8"
INVALID_TIME = "9"
EXCLUSION_OR_NOT_USED = "10"

_NUMBER = re.compile(r"-?[0-9]+\Z")
_DECIMAL = re.compile(r"-?[0-9]*(\.[0-9]+)?\Z")
_CONTROL = re.compile("[\x01-\x07\x09-\x0d\x11-\x17\x1c-\x1f]")
_BAD_E = re.compile(r"""[^A-Z0-9!"&'()*+,\-./:;?= a-z%~@\[\]_{}\\|<>#$]""")
_BAD_E5 = re.compile(r"""[^A-Z0-9!"&'()*+,\-./:;?= a-z%~@\[\]_{}\\|<>^`#$]""")
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(slots=True)
class Finding:
    """One error: segment level (``element`` None) or element level."""

    position: int
    segment_id: str
    code: str  # AK304 for segment level, AK403 for element level
    element: int | None = None
    component: int | None = None
    reference: str | None = None
    value: str | None = None
    message: str = ""
    pyx12_detail: bool = True  # False: detail pyx12 does not report (see the module docstring)


@dataclass
class SetVerdict:
    findings: list[Finding] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.findings


def valid_time(value: str) -> bool:
    if not digits(value) or value[0:2] > "23" or value[2:4] > "59":
        return False
    if len(value) > 4:
        return 6 <= len(value) <= 8 and value[4:6] <= "59"
    return True


def valid_date(value: str) -> bool:
    if not digits(value) or len(value) not in (6, 8, 12):
        return False
    if len(value) == 6:
        value = ("20" if int(value[:2]) < 50 else "19") + value
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    if year < 1800 or not 1 <= month <= 12:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    limit = 28 if month == 2 and not leap else _DAYS[month]
    if not 1 <= day <= limit:
        return False
    return len(value) != 12 or valid_time(value[8:12])


def element_ok(spec: ElementSpec, value: str, extended_5010: bool) -> bool:
    """The common case, decided quickly: a non-empty simple value that :func:`check_element` would pass."""
    kind = spec.kind
    size = len(value)
    if kind == "AN" or kind == "ID":
        if size < spec.min_len or size > spec.max_len or value[-1] == " ":
            return False
        if spec.codes is not None and value not in spec.codes:
            return False
        return spec.usage != "N" and not (_BAD_E5 if extended_5010 else _BAD_E).search(value)
    if kind == "R" or kind[:1] == "N":
        if "-" in value or "." in value:
            size = len(value.replace("-", "").replace(".", ""))
        if size < spec.min_len or size > spec.max_len or spec.usage == "N" or spec.codes is not None:
            return False
        return bool((_DECIMAL if kind == "R" else _NUMBER).match(value))
    return False  # dates, times and the rest take the full path


def check_element(spec: ElementSpec, value: str, extended_5010: bool) -> list[tuple[str, str]]:
    """(AK403 code, message) for one non-empty simple value, in pyx12's order."""
    found: list[tuple[str, str]] = []
    if spec.usage == "N":
        return [(EXCLUSION_OR_NOT_USED, "is not used in this guide")]
    kind = spec.kind
    numeric = kind == "R" or kind[:1] == "N"
    size = len(value.replace("-", "").replace(".", "")) if numeric else len(value)
    if size < spec.min_len:
        found.append((TOO_SHORT, f"is {size} long, shorter than the {spec.min_len} allowed"))
    if size > spec.max_len:
        found.append((TOO_LONG, f"is {size} long, longer than the {spec.max_len} allowed"))
    if _CONTROL.search(value):
        found.append((INVALID_CHARACTER, "contains a control character"))
        return found
    if kind in ("AN", "ID") and value[-1] == " " and len(value.rstrip()) >= spec.min_len:
        found.append((INVALID_CHARACTER, "has trailing spaces"))
    if spec.codes is not None and value not in spec.codes:
        found.append((INVALID_CODE, f"{value!r} is not a valid code here"))
    if kind[:1] == "N":
        if not _NUMBER.match(value):
            found.append((INVALID_CHARACTER, f"{value!r} is not a whole number"))
    elif kind == "R":
        if not _DECIMAL.match(value):
            found.append((INVALID_CHARACTER, f"{value!r} is not a number"))
    elif kind in ("AN", "ID"):
        if (_BAD_E5 if extended_5010 else _BAD_E).search(value):
            found.append((INVALID_CHARACTER, f"{value!r} contains a character X12 does not allow"))
    elif kind == "DT":
        if not valid_date(value):
            found.append((INVALID_DATE, f"{value!r} is not a valid date"))
    elif kind == "TM":
        if not valid_time(value):
            found.append((INVALID_TIME, f"{value!r} is not a valid time"))
    elif kind != "B" and kind:
        found.append((INVALID_CHARACTER, f"unknown type {kind}"))
    return found


class Validator:
    """Checks the segments of one set (ST … SE) against a guide; one instance per set."""

    def __init__(self, guide: Guide, component_separator: str) -> None:
        self.guide = guide
        self.component = component_separator
        self.counts = [0] * guide.slots
        self.findings: list[Finding] = []
        self.current: SegmentSpec = guide.st
        self.position = 1
        self.counts[guide.st_loop.index] = 1
        self.counts[guide.st.index] = 1
        self.extended = guide.extended_charset_5010
        self.hl_count = 0
        self.hl_open: list[int] = []  # the HL01s that can still be a parent: the current chain

    # -- the walk -------------------------------------------------------------------------------------
    def segment(self, elements: list[str]) -> None:
        """One body segment (between ST and SE): walk to its node, then check its elements."""
        self.position += 1
        node = self._walk(elements)
        if node is not None:
            self.current = node
            self._check_content(node, elements)
        if elements[0] == "HL":
            self._check_hierarchy(elements)

    def _check_hierarchy(self, elements: list[str]) -> None:
        """HL01 counts 1, 2, 3…; HL02 names a level of the current chain (as pyx12's reader checks; it rejects
        the set without an AK3, we say where)."""
        self.hl_count += 1
        problems: list[tuple[int, str]] = []
        number = _int(elements[1] if len(elements) > 1 else "")
        if number != self.hl_count:
            problems.append((1, f"HL01 should be {self.hl_count}, the count of HL segments so far"))
        parent_text = elements[2] if len(elements) > 2 else ""
        if parent_text:
            parent = _int(parent_text)
            if parent not in self.hl_open:
                problems.append((2, f"HL02 {parent_text!r} is not an open parent level"))
            while self.hl_open and self.hl_open[-1] != parent:
                self.hl_open.pop()
        self.hl_open.append(self.hl_count)
        if problems:
            self.findings.append(
                Finding(self.position, "HL", ELEMENT_ERRORS, message="HL numbering", pyx12_detail=False)
            )
            for element, message in problems:
                self.findings.append(
                    Finding(
                        self.position,
                        "HL",
                        INVALID_CODE,
                        element,
                        reference="628" if element == 1 else "734",
                        value=elements[element] if len(elements) > element else None,
                        message=message,
                        pyx12_detail=False,
                    )
                )

    def close(self, se_elements: list[str] | None = None) -> list[Finding]:
        """At SE: mandatory segments and loops never seen are reported."""
        self._walk(se_elements if se_elements else ["SE"], closing=True)
        return self.findings

    def _walk(self, elements: list[str], closing: bool = False) -> SegmentSpec | None:
        counts = self.counts
        node = self.current
        segment_id = elements[0]
        known = node.next_plain[segment_id] if segment_id in node.next_plain else shortcut(node, segment_id)
        if known is not None:  # the answer the full walk below would give, whatever the counts
            target, entered = known
            if entered is not None:
                return self._enter(entered, target, [], elements)
            counts[target.index] += 1
            if counts[target.index] > target.max_use:
                self._add(segment_id, OVER_MAX_USE, f"{target.xid} is used more than {target.max_use} times")
            return target
        missing: list[SegmentSpec] = []
        node_pos = node.pos
        loop = node.parent
        assert loop is not None
        while True:
            scan = loop.scans[node_pos]
            children = scan.children
            matched: SegmentSpec | LoopSpec | None = None
            limit = len(children)
            for i in scan.by_id.get(segment_id, ()):
                candidate = children[i]
                first = candidate if isinstance(candidate, SegmentSpec) else candidate.first
                if first is not None and first.matches(elements):
                    matched, limit = candidate, i
                    break
            for j in scan.required:  # mandatory children skipped on the way (pyx12 collects them as it scans)
                if j >= limit:
                    break
                skipped = children[j]
                if counts[skipped.index] < 1:
                    first_of = skipped if isinstance(skipped, SegmentSpec) else skipped.first
                    assert first_of is not None
                    missing.append(first_of)
            if isinstance(matched, LoopSpec):
                assert matched.first is not None
                return self._enter(matched, matched.first, missing, elements)
            if matched is not None:
                first_of_loop = loop.first
                if loop.parent is not None and first_of_loop is not None and first_of_loop.matches(elements):
                    return self._enter(loop, first_of_loop, missing, elements)
                counts[matched.index] += 1
                if counts[matched.index] > matched.max_use:
                    self._add(segment_id, OVER_MAX_USE, f"{matched.xid} is used more than {matched.max_use} times")
                pos_now = matched.pos
                self._flush([m for m in missing if m is not matched and m.pos != pos_now], closing)
                return matched
            if loop.parent is None:
                if not closing:
                    self._add(segment_id, NOT_IN_SET, f"segment {segment_id} is not in this transaction set here")
                return None
            node_pos = loop.pos
            loop = loop.parent

    def _enter(
        self, loop: LoopSpec, first: SegmentSpec, missing: list[SegmentSpec], elements: list[str]
    ) -> SegmentSpec:
        counts = self.counts
        for slot in loop.descendants:
            counts[slot] = 0
        counts[loop.index] += 1
        if counts[loop.index] > loop.repeat:
            self._add(elements[0], LOOP_OVER_MAX, f"loop {loop.xid} repeats more than {loop.repeat} times")
        counts[first.index] += 1
        self._flush(missing, False)
        return first

    def _flush(self, missing: list[SegmentSpec], closing: bool) -> None:
        for spec in missing:
            self.findings.append(
                Finding(
                    position=self.position,
                    segment_id=spec.xid,
                    code=MANDATORY_MISSING_SEGMENT,
                    message=f"mandatory segment {spec.xid} ({spec.name}) is missing",
                )
            )

    def _add(self, segment_id: str, code: str, message: str) -> None:
        self.findings.append(Finding(self.position, segment_id, code, message=message))

    # -- the content of a segment ----------------------------------------------------------------------
    def _check_content(self, spec: SegmentSpec, elements: list[str]) -> None:
        bad_characters = (_BAD_E5 if self.extended else _BAD_E).search
        # one search over the whole segment instead of one per element: when no character of it is outside
        # the X12 character set, no AN/ID element of it is either (the usual case)
        clean = bad_characters("".join(elements)) is None
        fast = spec.fast
        if fast is None:
            fast = spec.fast = build_fast_check(spec, bad_characters, valid_date, valid_time)
        if fast(elements, self.component, clean):
            return  # certainly free of element errors; otherwise the full check below says what is wrong
        found: list[Finding] | None = None
        specs = spec.elements
        count = len(elements) - 1
        # pyx12's reader: a segment with no value at all, or ending in an element separator, is in error
        seg_error = count == 0 or not elements[-1] or not any(elements[1:])
        if count > len(specs):
            seg_error = True
            found = [
                self._element_finding(
                    spec,
                    len(specs) + 1,
                    None,
                    None,
                    TOO_MANY_ELEMENTS,
                    "is one element too many",
                    elements[len(specs) + 1],
                    False,
                )
            ]
        component = self.component
        extended = self.extended
        for i in range(1, min(count, len(specs)) + 1):
            value = elements[i]
            element_spec = specs[i - 1]
            if isinstance(element_spec, CompositeSpec):
                found = found if found is not None else []
                seg_error |= self._check_composite(spec, element_spec, value, found)
                if not found:
                    found = None
                continue
            if not value:
                if element_spec.usage == "R":
                    found = found if found is not None else []
                    found.append(
                        self._element_finding(
                            spec, i, None, element_spec.ref, MANDATORY_MISSING, "is mandatory and missing", None
                        )
                    )
                continue
            if component in value:
                found = found if found is not None else []
                found.append(
                    self._element_finding(
                        spec, i, None, element_spec.ref, INVALID_CHARACTER, "holds a component separator", value
                    )
                )
                continue
            if element_spec.text_like:  # the common case inline: right length, allowed characters, code
                if (
                    element_spec.min_len <= len(value) <= element_spec.max_len
                    and value[-1] != " "
                    and (element_spec.codes is None or value in element_spec.codes)
                    and (clean or not bad_characters(value))
                ):
                    continue
            elif element_ok(element_spec, value, extended):
                continue
            found = found if found is not None else []
            for code, message in check_element(element_spec, value, extended):
                found.append(self._element_finding(spec, i, None, element_spec.ref, code, message, value))
        if count < len(specs):  # the elements the data leaves out: only mandatory ones matter
            for i in spec.mandatory_after(count):
                element_spec = specs[i - 1]
                found = found if found is not None else []
                if isinstance(element_spec, CompositeSpec):
                    seg_error |= self._check_composite(spec, element_spec, "", found)
                else:
                    found.append(
                        self._element_finding(
                            spec, i, None, element_spec.ref, MANDATORY_MISSING, "is mandatory and missing", None
                        )
                    )
        for kind, positions, lowest in spec.syntax:
            if lowest > count and kind != "R":
                continue  # none of its elements is present: only an R note can fail that way
            # decide the common case (the note holds) by counting, without building anything
            present = 0
            for p in positions:
                if p <= count and elements[p]:
                    present += 1
            if kind == "P":
                if present == 0 or present == len(positions):
                    continue
            elif kind == "R":
                if present:
                    continue
            elif kind == "E":
                if present <= 1:
                    continue
            elif kind in ("C", "L"):
                first = positions[0]
                if not (first <= count and elements[first]):
                    continue
                if present == len(positions) or (kind == "L" and present >= 2):
                    continue
            problem = _syntax_problem(kind, positions, elements)
            if problem is not None:
                seg_error = True
                first = positions[0]
                code = EXCLUSION_OR_NOT_USED if kind == "E" else CONDITIONAL_MISSING
                found = found if found is not None else []
                found.append(
                    self._element_finding(
                        spec,
                        problem if problem else first,
                        None,
                        None,
                        code,
                        f"breaks syntax note {kind}{''.join(f'{p:02d}' for p in positions)}",
                        None,
                        False,
                    )
                )
        if found or seg_error:
            self.findings.append(
                Finding(self.position, elements[0], ELEMENT_ERRORS, message=f"{elements[0]} has element errors")
            )
            if found:
                self.findings.extend(found)

    def _check_composite(self, spec: SegmentSpec, comp: CompositeSpec, value: str, found: list[Finding]) -> bool:
        parts = value.split(self.component) if value else []
        present = any(parts)
        if not present:
            if comp.usage == "R":
                found.append(
                    self._element_finding(
                        spec,
                        comp.seq,
                        None,
                        comp.ref,
                        MANDATORY_MISSING,
                        "(a composite) is mandatory and missing",
                        None,
                        False,
                    )
                )
                return True
            return False
        if comp.usage == "N":
            found.append(
                self._element_finding(
                    spec, comp.seq, None, comp.ref, EXCLUSION_OR_NOT_USED, "is not used in this guide", value, False
                )
            )
            return True
        seg_error = False
        if len(parts) > len(comp.components):
            seg_error = True
            found.append(
                self._element_finding(
                    spec, comp.seq, None, comp.ref, TOO_MANY_ELEMENTS, "has too many components", value, False
                )
            )
        for j, part_spec in enumerate(comp.components, start=1):
            part = parts[j - 1] if j <= len(parts) else ""
            if not part:
                if part_spec.usage == "R" and not part_spec.component_of_optional:
                    found.append(
                        self._element_finding(
                            spec, comp.seq, j, part_spec.ref, MANDATORY_MISSING, "is mandatory and missing", None
                        )
                    )
                continue
            for code, message in check_element(part_spec, part, self.extended):
                found.append(self._element_finding(spec, comp.seq, j, part_spec.ref, code, message, part))
        return seg_error

    def _element_finding(
        self,
        spec: SegmentSpec,
        element: int,
        component: int | None,
        reference: str | None,
        code: str,
        message: str,
        value: str | None,
        pyx12_detail: bool = True,
    ) -> Finding:
        where = f"{spec.xid}{element:02d}" + (f"-{component:02d}" if component else "")
        return Finding(
            position=self.position,
            segment_id=spec.xid,
            code=code,
            element=element,
            component=component,
            reference=reference,
            value=value,
            message=f"{where} {message}",
            pyx12_detail=pyx12_detail,
        )


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _syntax_problem(kind: str, positions: tuple[int, ...], elements: list[str]) -> int | None:
    """None when the note holds, else the element position it is reported at (0: the note's first)."""
    count = len(elements)
    present = [p for p in positions if p < count and elements[p]]
    if len(positions) < 2:
        return positions[0] if positions else 0
    if kind == "P":
        if present and len(present) != len(positions):
            return next(p for p in positions if p not in present)
    elif kind == "R":
        if not present:
            return positions[0]
    elif kind == "E":
        if len(present) > 1:
            return present[1]
    elif kind == "C":
        if positions[0] in present and len(present) != len(positions):
            return next(p for p in positions if p not in present)
    elif kind == "L":
        if positions[0] in present and len(present) < 2:
            return positions[1]
    return None


def validate_set(guide: Guide, segments: list[list[str]], component_separator: str) -> list[Finding]:
    """Findings for one set given as element lists, ST first and SE last (SE may be absent)."""
    validator = Validator(guide, component_separator)
    body = segments[1:]
    se = None
    if body and body[-1][0] == "SE":
        se = body.pop()
    for elements in body:
        validator.segment(elements)
    return validator.close(se)
