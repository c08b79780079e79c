"""pyx12 4.0.0 as an oracle for differential tests of our own X12 validator.

``pyx12_verdicts(data, map_path)`` runs pyx12's real machinery (``x12n_document`` with its walker, map
validators and ``err_handler`` tree) on ``data`` and returns, for every transaction set in file order,
what pyx12's 997 visitor (``pyx12.error_997``) would put in AK2/AK3/AK4/AK5 for it.

How: ``x12n_document`` keeps its ``err_handler`` in a local variable, so for the duration of the call we
swap ``pyx12.error_handler.err_handler`` for a factory that also hands the instance to us, then read that
tree directly instead of parsing a generated 997.  Reading the tree (not the 997 text) matters because
pyx12 writes no 997 at all for a FA group (a 997 validated against the 997 map), writes a 999 instead for
005010 groups, and loses the whole 997 on some visitor crashes (see pyx12-semantics.md beside this file).

Error tuples (``SetVerdict.errors``): ``(segment position, segment ID, element position or None, code)``
with ``code`` prefixed by its level:

* ``"S1"`` .. ``"S8"``: an AK304 code of the AK3 for that segment (element position is None).
  Exactly what ``error_997_visitor.visit_seg`` writes: the distinct codes in 1-8 (the reader's "SEG1",
  trailing element separators, becomes ``"S8"``) plus ``"S8"`` whenever the segment has element errors.
* ``"E1"`` .. ``"E10"``: an AK403 code of an AK4 under that segment's AK3; element position is AK401-1
  (for a component of a composite, the composite's position; the component position is only in
  ``SetVerdict.detailed``).  Duplicates collapse in the frozenset (pyx12 may write the same AK4 twice).

``segment position`` is AK302 (ST = 1, SE is never counted, see the notes), ``segment ID`` is AK301.
Set-level codes (AK502..) are in ``SetVerdict.set_codes``, not in ``errors``.  Segment errors pyx12 records
but never writes into a 997 (HL counting "HL1"/"HL2", 837 "LX") are in ``SetVerdict.unreported``; they
still turn the set into "R" with set code "5".
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pyx12.error_handler
import pyx12.params
import pyx12.x12n_document

__all__ = [
    "EnvelopeError",
    "GroupVerdict",
    "Pyx12Crash",
    "Pyx12Report",
    "SetVerdict",
    "pyx12_report",
    "pyx12_verdicts",
]

_AK304_CODES = frozenset({"1", "2", "3", "4", "5", "6", "7", "8"})
_AK403_CODES = frozenset({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"})

ErrorTuple = tuple[int, str, int | None, str]
DetailTuple = tuple[int, str, int | None, int | None, str]


@dataclass(frozen=True)
class SetVerdict:
    """One transaction set (one AK2 loop of the 997 pyx12 would write)."""

    set_id: str  # AK201 (ST01)
    control_number: str  # AK202 (ST02, stripped)
    code: str  # AK501: pyx12 only ever produces "A" or "R" (never "E")
    errors: frozenset[ErrorTuple]  # see module docstring
    set_codes: tuple[str, ...] = ()  # AK502.. (all of them, sorted as strings; a 997 keeps the first five)
    # Like ``errors`` but with the component position (AK401-2) as a 4th field for "E" codes.
    detailed: frozenset[DetailTuple] = frozenset()
    # (segment position, segment ID, raw code) recorded on a segment but not writable to AK304.
    unreported: frozenset[tuple[int, str, str]] = frozenset()
    closed: bool = True  # False when the file ended before this set's SE


@dataclass(frozen=True)
class EnvelopeError:
    """An ISA/IEA or GS/GE level error: ``level`` is "ISA" or "GS"."""

    level: str
    control_number: str
    code: str  # TA1 style ("001", "021", "023", "024", "025") for ISA; AK905 style ("3".."6") for GS
    element: int | None = None  # set for element errors in ISA/IEA/GS/GE (then ``code`` is the AK403 code)
    segment: str | None = None  # "ISA"/"IEA"/"GS"/"GE" for element errors, guessed from the message
    message: str = ""


@dataclass(frozen=True)
class GroupVerdict:
    """One functional group (one 997 transaction set, i.e. its AK9)."""

    functional_id: str  # GS01 (AK101)
    control_number: str  # GS06 (AK102)
    code: str  # AK901: "A" or "R" only
    count_declared: int  # AK902 (GE01; 0 when there was no GE)
    count_received: int  # AK903
    count_accepted: int  # AK904
    group_codes: tuple[str, ...]  # AK905.. as pyx12 computes them
    sets: tuple[SetVerdict, ...]


@dataclass(frozen=True)
class Pyx12Report:
    readable: bool  # False: pyx12's reader refused the data (no ISA, ISA not 106 chars, ISA12 unknown)
    valid: bool  # the return value of x12n_document
    groups: tuple[GroupVerdict, ...] = ()
    envelope_errors: tuple[EnvelopeError, ...] = ()
    sets: tuple[SetVerdict, ...] = ()  # all sets of all groups, in file order


class Pyx12Crash(Exception):
    """pyx12 raised while validating (the original exception is ``__cause__``).

    Data-triggered examples: a composite with more components than its map defines (IndexError in
    segment_if.is_valid_errors), a GS whose (ISA12, GS08, GS01) has no map in maps.xml (EngineError
    "Map not found"), an element whose data_ele is missing from dataele.xml (EngineError), a later ISA
    without 16 elements (X12Error).  Missing map files / map_path raise OSError unwrapped instead.
    """


_LOCK = threading.Lock()


@contextmanager
def _capture_err_handler() -> Iterator[list[Any]]:
    """Make ``x12n_document``'s ``pyx12.error_handler.err_handler()`` call hand us the instance it makes."""
    original = pyx12.error_handler.err_handler
    captured: list[Any] = []

    def factory() -> Any:
        errh = original()
        captured.append(errh)
        return errh

    setattr(pyx12.error_handler, "err_handler", factory)  # noqa: B010 (keeps mypy quiet about the swap)
    try:
        yield captured
    finally:
        setattr(pyx12.error_handler, "err_handler", original)  # noqa: B010


def _set_verdict(err_st: Any) -> SetVerdict:
    errors: set[ErrorTuple] = set()
    detailed: set[DetailTuple] = set()
    unreported: set[tuple[int, str, str]] = set()
    for seg in err_st.children:  # err_seg nodes, in the order the 997 visitor writes them
        pos = int(seg.seg_count)
        seg_id = str(seg.seg_id)
        raw = [str(e[0]) for e in seg.errors]
        codes = {"8" if c == "SEG1" else c for c in raw}
        for c in codes:
            if c in _AK304_CODES:
                errors.add((pos, seg_id, None, "S" + c))
                detailed.add((pos, seg_id, None, None, "S" + c))
            else:
                unreported.add((pos, seg_id, c))
        if seg.child_err_count() > 0:
            errors.add((pos, seg_id, None, "S8"))
            detailed.add((pos, seg_id, None, None, "S8"))
        for ele in seg.elements:
            for err_cde, _msg, _bad in ele.errors:
                if err_cde in _AK403_CODES:
                    errors.add((pos, seg_id, int(ele.ele_pos), "E" + err_cde))
                    detailed.add((pos, seg_id, int(ele.ele_pos), ele.subele_pos, "E" + err_cde))
    return SetVerdict(
        set_id=str(err_st.trn_set_id or ""),
        control_number=str(err_st.trn_set_control_num or "").strip(),
        code=str(err_st.ack_code),
        errors=frozenset(errors),
        set_codes=_st_codes(err_st),
        detailed=frozenset(detailed),
        unreported=frozenset(unreported),
        closed=bool(err_st.is_closed()),
    )


def _st_codes(err_st: Any) -> tuple[str, ...]:
    """error_997_visitor.__get_st_errors, without its KeyError on ST03/SE03 element errors."""
    st_ele_err_map = {1: "6", 2: "7"}
    codes = [str(e[0]) for e in err_st.errors]
    if err_st.child_err_count() > 0:
        codes.append("5")
    for elem in err_st.elements:  # element errors of ST and of SE both land here
        for _cde, err_str, _bad in elem.errors:
            if ("ST" in err_str or "SE" in err_str) and elem.ele_pos in st_ele_err_map:
                codes.append(st_ele_err_map[elem.ele_pos])
    return tuple(sorted(set(codes)))


def _gs_codes(err_gs: Any) -> tuple[str, ...]:
    """error_997_visitor.__get_gs_errors."""
    gs_ele_err_map = {6: "6", 8: "2"}
    ge_ele_err_map = {2: "6"}
    codes = [str(e[0]) for e in err_gs.errors]
    for elem in err_gs.elements:
        for _cde, err_str, _bad in elem.errors:
            if "GS" in err_str:
                codes.append(gs_ele_err_map.get(elem.ele_pos, "1"))
            elif "GE" in err_str:
                codes.append(ge_ele_err_map.get(elem.ele_pos, "1"))
    return tuple(sorted(set(codes)))


def _element_envelope_errors(level: str, control: str, node: Any, seg_ids: tuple[str, str]) -> list[EnvelopeError]:
    out: list[EnvelopeError] = []
    for elem in node.elements:
        for err_cde, err_str, _bad in elem.errors:
            segment = next((s for s in seg_ids if s in err_str), None)
            out.append(EnvelopeError(level, control, str(err_cde), int(elem.ele_pos), segment, str(err_str)))
    return out


def _report_from_tree(errh: Any, valid: bool) -> Pyx12Report:
    groups: list[GroupVerdict] = []
    env: list[EnvelopeError] = []
    for err_isa in errh.children:
        isa_ctl = str(err_isa.isa_trn_set_id or "")
        env += [EnvelopeError("ISA", isa_ctl, str(c), message=str(m)) for c, m in err_isa.errors]
        env += _element_envelope_errors("ISA", isa_ctl, err_isa, ("ISA", "IEA"))
        for err_gs in err_isa.children:
            gs_ctl = str(err_gs.gs_control_num or "")
            env += [EnvelopeError("GS", gs_ctl, str(c), message=str(m)) for c, m in err_gs.errors]
            env += _element_envelope_errors("GS", gs_ctl, err_gs, ("GS", "GE"))
            sets = tuple(_set_verdict(st) for st in err_gs.children)
            recv = int(err_gs.st_count_recv or 0)
            groups.append(
                GroupVerdict(
                    functional_id=str(err_gs.fic or ""),
                    control_number=gs_ctl,
                    code=str(err_gs.ack_code or "R"),
                    count_declared=int(err_gs.st_count_orig or 0),
                    count_received=recv,
                    count_accepted=max(recv - err_gs.count_failed_st(), 0),
                    group_codes=_gs_codes(err_gs),
                    sets=sets,
                )
            )
    return Pyx12Report(
        readable=True,
        valid=valid,
        groups=tuple(groups),
        envelope_errors=tuple(env),
        sets=tuple(s for g in groups for s in g.sets),
    )


def pyx12_report(data: bytes, map_path: str, *, charset: str = "E") -> Pyx12Report:
    """Run ``pyx12.x12n_document`` on ``data`` with the maps in ``map_path`` and read its error tree.

    ``map_path`` must hold maps.xml, dataele.xml, codes.xml, x12.control.00401.xml (and/or .00501.xml)
    and every map maps.xml names for the groups in ``data``.  ``data`` is decoded as latin-1 (pyx12 itself
    opens files as ASCII and would raise UnicodeDecodeError on other bytes).  Raises ``Pyx12Crash`` when
    pyx12 itself raises (see there) and ``OSError`` when map_path or a map file is missing.  Calls are
    serialised with a lock because a module attribute of pyx12 is swapped for the duration of the call.
    """
    param = pyx12.params.ParamsBase()  # defaults only: no ~/.pyx12.conf.xml
    param.set("charset", charset)
    src = io.StringIO(data.decode("latin-1"))
    with _LOCK, _capture_err_handler() as captured:
        try:
            valid = pyx12.x12n_document.x12n_document(param, src, None, None, map_path=map_path)
        except OSError:
            raise
        except Exception as exc:
            raise Pyx12Crash(f"{type(exc).__name__}: {exc}") from exc
    if not captured or not captured[0].children:  # X12Reader refused the data: no ISA node was added
        return Pyx12Report(readable=False, valid=valid)
    return _report_from_tree(captured[0], valid)


def pyx12_verdicts(data: bytes, map_path: str) -> list[SetVerdict]:
    """pyx12's verdict for every transaction set in ``data``, in file order (see the module docstring)."""
    return list(pyx12_report(data, map_path).sets)
