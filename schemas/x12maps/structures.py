"""The structure of each transaction set our maps describe: segment order, loops, usage and repeats.

One line per segment, ``ID usage max_use``; a loop is ``ID/ usage repeat`` with its members indented below it
(the loop's first member opens it). Usage is R (mandatory) or S (optional); ``>1`` means unbounded. The order
and repeats are those of the X12 004010 standard for the segments retail partners send; segments no retail guide
we know of uses (LDT, LM, SPI, ADV, ...) are left out, so a partner sending one gets "segment not in defined
transaction set" until a map adds it. 005010 uses the same structures.
"""

from __future__ import annotations

from dataclasses import dataclass

# (set id, GS01 functional identifier, name, structure)
_N1_LOOP = """
N1/ S 200
  N1 R 1
  N2 S 2
  N3 S 2
  N4 S >1
  REF S 12
  PER S >1
  FOB S 1
  TD1 S 2
  TD5 S 12
  TD3 S 12
  TD4 S 5
  PKG S 200
"""

_N9_LOOP = """
N9/ S 1000
  N9 R 1
  DTM S >1
  MSG S 1000
"""

_ORDER_HEADER = (
    """
CUR S 1
REF S >1
PER S 3
TAX S >1
FOB S >1
CTP S >1
CSH S 5
TC2 S >1
SAC/ S 25
  SAC R 1
  CUR S 1
ITD S >1
DTM S 10
PID S 200
MEA S 40
PKG S 200
TD1 S 2
TD5 S 12
TD3 S 12
TD4 S 5
MAN S 10
TXI S >1
AMT/ S >1
  AMT R 1
"""
    + _N9_LOOP
    + _N1_LOOP
)

_LINE_BODY = """
  LIN S >1
  CUR S 1
  CTP/ S >1
    CTP R 1
    CUR S 1
  MEA S 40
  PID/ S 1000
    PID R 1
    MEA S 10
  PKG S 200
  PO4 S >1
  REF S >1
  PER S 3
  SAC/ S 25
    SAC R 1
    CUR S 1
    CTP S 1
  IT8 S 1
  CSH S >1
  ITD S 2
  TAX S >1
  FOB S >1
  SDQ S 500
  DTM S 10
  TC2 S >1
  TD1 S 1
  TD5 S 12
  TD3 S 12
  TD4 S 5
  MAN S 10
  MSG S 12
  TXI S >1
"""

_SCH_LOOP = """
  SCH/ S 200
    SCH R 1
    TD1 S 2
    TD5 S 12
    TD3 S 12
    TD4 S 5
    REF S >1
"""

_LINE_TAIL = """
  N9/ S 1000
    N9 R 1
    DTM S >1
    MEA S 40
    MSG S 1000
  N1/ S 200
    N1 R 1
    N2 S 2
    N3 S 2
    N4 S 1
    REF S 12
    PER S 3
    DTM S 1
    FOB S 1
    SCH S 200
    TD1 S 2
    TD5 S 12
    TD3 S 12
    TD4 S 5
    PKG S 200
  SLN/ S 1000
    SLN R 1
    MSG S 100
    PID S 1000
    PO4 S 1
    TC2 S >1
    DTM S 10
    CTP S 25
    SAC S 25
  AMT/ S >1
    AMT R 1
"""

_TOTALS = """
CTT/ S 1
  CTT R 1
  AMT S 1
"""

STRUCTURES: dict[str, tuple[str, str, str]] = {
    "850": (
        "PO",
        "Purchase Order",
        "BEG R 1\n" + _ORDER_HEADER + "PO1/ R 100000\n  PO1 R 1" + _LINE_BODY + _SCH_LOOP + _LINE_TAIL + _TOTALS,
    ),
    "860": (
        "PC",
        "Purchase Order Change Request - Buyer Initiated",
        "BCH R 1\n" + _ORDER_HEADER + "POC/ S 100000\n  POC R 1" + _LINE_BODY + _SCH_LOOP + _LINE_TAIL + _TOTALS,
    ),
    "855": (
        "PR",
        "Purchase Order Acknowledgment",
        "BAK R 1\n"
        + _ORDER_HEADER
        + "PO1/ S 100000\n  PO1 R 1"
        + _LINE_BODY
        + "  ACK/ S 104\n    ACK R 1\n    DTM S 10\n"
        + _SCH_LOOP
        + _LINE_TAIL
        + _TOTALS,
    ),
    "856": (
        "SH",
        "Ship Notice/Manifest",
        """
BSN R 1
DTM S 10
HL/ R 200000
  HL R 1
  LIN S 1
  SN1 S 1
  SLN/ S 1000
    SLN R 1
    PID S 1000
  PRF S 1
  PO4 S 1
  PID S 200
  MEA S 40
  PKG S 25
  TD1 S 20
  TD5 S 12
  TD3 S 12
  TD4 S 5
  REF S >1
  PER S 3
  MAN S >1
  DTM S 10
  FOB S 1
  N1/ S 200
    N1 R 1
    N2 S 2
    N3 S 2
    N4 S 1
    REF S 12
    PER S 3
    FOB S 1
  SDQ S 50
  CUR S 1
  SAC/ S >1
    SAC R 1
    CUR S 1
CTT S 1
""",
    ),
    "810": (
        "IN",
        "Invoice",
        """
BIG R 1
NTE S 100
CUR S 1
REF S 12
PER S 3
N1/ S 200
  N1 R 1
  N2 S 2
  N3 S 2
  N4 S 1
  REF S 12
  PER S 3
ITD S >1
DTM S 10
FOB S 1
PID S 200
MEA S 40
PKG S 25
IT1/ S 200000
  IT1 R 1
  CUR S 1
  TXI S 10
  CTP S 25
  MEA S 40
  PID/ S 1000
    PID R 1
    MEA S 10
  PKG S 25
  PO4 S 1
  ITD S 2
  REF S >1
  PER S 5
  IT8 S 25
  DTM S 10
  CAD S 1
  SAC/ S 25
    SAC R 1
    TXI S 10
  SLN/ S 1000
    SLN R 1
    DTM S 1
    REF S >1
    PID S 1000
    SAC S 25
    TC2 S 2
    TXI S 10
  N1/ S 200
    N1 R 1
    N2 S 2
    N3 S 2
    N4 S 1
    REF S 12
    PER S 3
TDS R 1
TXI S 10
CAD S 1
AMT S >1
SAC/ S 25
  SAC R 1
  TXI S 10
ISS/ S >1
  ISS R 1
  PID S 1
CTT S 1
""",
    ),
    "997": (
        "FA",
        "Functional Acknowledgment",
        """
AK1 R 1
AK2/ S 999999
  AK2 R 1
  AK3/ S 999999
    AK3 R 1
    AK4 S 99
  AK5 R 1
AK9 R 1
""",
    ),
}

VERSIONS: dict[str, tuple[str, ...]] = {
    # map version → (ISA12 values it is registered for, GS08 values it is registered for)
    "004010": ("00400", "00401"),
    "005010": ("00501",),
}
GS08_VARIANTS: dict[str, tuple[str, ...]] = {
    "004010": ("004010", "004010VICS", "004010UCS"),
    "005010": ("005010", "005010VICS", "005010UCS"),
}


@dataclass
class Node:
    """A segment (``members`` empty) or a loop of the structure."""

    xid: str
    usage: str
    repeat: str
    is_loop: bool
    members: list[Node]


def parse_structure(text: str) -> list[Node]:
    """The indented structure text as a tree of :class:`Node`."""
    root: list[Node] = []
    stack: list[tuple[int, list[Node]]] = [(-1, root)]
    for raw in text.splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        xid, usage, repeat = raw.split()
        while stack[-1][0] >= indent:
            stack.pop()
        is_loop = xid.endswith("/")
        node = Node(xid.rstrip("/"), usage, repeat, is_loop, [])
        stack[-1][1].append(node)
        if is_loop:
            stack.append((indent, node.members))
    return root
