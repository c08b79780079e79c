"""One valid transaction set per map, hand-written, for the differential test to mutate."""

from __future__ import annotations

import random
from collections.abc import Iterator

from x12build import interchange

BODIES: dict[str, tuple[str, list[str]]] = {
    "850": (
        "PO",
        [
            "BEG*00*SA*PO123**20261120",
            "CUR*BY*USD",
            "REF*DP*038",
            "PER*BD*JANE*TE*5551234",
            "FOB*PP",
            "ITD*01*3*2**30**60",
            "DTM*002*20261201",
            "TD5*B*2*UPSN*M",
            "N9*L1*NOTES",
            "MSG*HANDLE WITH CARE",
            "N1*ST*STORE 42*92*0042",
            "N3*1 MAIN ST",
            "N4*DAYTON*OH*45402*US",
            "PO1*1*10*EA*9.25*PE*VN*AB3542*UP*012345678905",
            "PID*F****WIDGET",
            "PO4*4*1*EA",
            "SDQ*EA*92*0042*10",
            "DTM*010*20261201",
            "PO1*2*5*CA*20**VN*CD1",
            "PID*F****GADGET",
            "SCH*5*CA***002*20261205",
            "CTT*2",
            "AMT*TT*192.5",
        ],
    ),
    "855": (
        "PR",
        [
            "BAK*00*AC*PO123*20261120",
            "REF*VN*SO1",
            "N1*ST*STORE*92*0042",
            "PO1*1*10*EA*9.25**VN*AB3542",
            "ACK*IA*10*EA*068*20261201",
            "PO1*2*5*CA*20**VN*CD1",
            "ACK*IR*5*CA",
            "CTT*2",
        ],
    ),
    "856": (
        "SH",
        [
            "BSN*00*SH1*20261120*1200*0001",
            "DTM*011*20261120",
            "HL*1**S",
            "TD1*CTN25*2",
            "TD5*B*2*UPSN*M",
            "REF*BM*BOL1",
            "N1*ST*STORE*92*0042",
            "HL*2*1*O",
            "PRF*PO123",
            "HL*3*2*P",
            "MAN*GM*00012345600000000018",
            "HL*4*3*I",
            "LIN**UP*012345678905",
            "SN1**10*EA",
            "CTT*4",
        ],
    ),
    "810": (
        "IN",
        [
            "BIG*20261120*INV1**PO123",
            "REF*IA*123",
            "N1*RE*SELLER*92*SELLER9",
            "N3*1 ROAD",
            "N4*DAYTON*OH*45402",
            "ITD*01*3",
            "DTM*011*20261120",
            "IT1*1*10*EA*9.25**VN*AB3542",
            "PID*F****WIDGET",
            "IT1*2*5*CA*20**VN*CD1",
            "TDS*19250",
            "CAD*M***UPSN",
            "SAC*C*D240***500",
            "ISS*15*EA",
            "CTT*2",
        ],
    ),
    "860": (
        "PC",
        [
            "BCH*04*SA*PO123**1*20261120",
            "REF*DP*038",
            "N1*ST*STORE*92*0042",
            "POC*1*QI*12*2*EA*9.25*PE*VN*AB3542",
            "POC*2*DI*0*5*CA*20**VN*CD1",
            "CTT*2",
        ],
    ),
    "997": (
        "FA",
        [
            "AK1*PO*1",
            "AK2*850*0001",
            "AK3*PO1*4**8",
            "AK4*2*330*6*X",
            "AK5*R*5",
            "AK9*R*1*1*0",
        ],
    ),
}

VERSIONS = {"004010": "00401", "005010": "00501"}


def body_for(set_id: str, version: str) -> list[str]:
    body = list(BODIES[set_id][1])
    if version == "005010" and set_id == "997":
        body = [s + "*005010" if s.startswith("AK1") else s for s in body]
    return body


def document(set_id: str, version: str, body: list[str], *, se_delta: int = 0) -> bytes:
    data = interchange([body], set_id=set_id, functional_id=BODIES[set_id][0], version=version, se_count_delta=se_delta)
    if version == "005010":  # ISA12 00501, and ISA11 becomes the repetition separator
        data = data.replace(b"*U*00401*", b"*^*00501*", 1)
    return data


# values that break an element in the ways the issue lists: too long, too short, bad number, bad date,
# bad time, bad code, a control character, trailing space
BAD_VALUES = ("X" * 90, "", "1.2.3", "20261399", "2561", "ZZ", "A\x07B", "AB ", "-", "12:3")


def mutations(body: list[str], rng: random.Random, count: int) -> Iterator[tuple[str, list[str], int]]:
    """(description, mutated body, SE count delta): dropped, duplicated, reordered segments, bad elements,
    wrong counts."""
    n = len(body)
    for _ in range(count):
        kind = rng.choice(("drop", "duplicate", "swap", "element", "element", "element", "count"))
        i = rng.randrange(n)
        new = list(body)
        if kind == "drop":
            del new[i]
            yield f"drop {body[i][:3].rstrip('*')} at {i + 2}", new, 0
        elif kind == "duplicate":
            new.insert(i, body[i])
            yield f"duplicate {body[i][:3].rstrip('*')} at {i + 2}", new, 0
        elif kind == "swap" and i + 1 < n:
            new[i], new[i + 1] = new[i + 1], new[i]
            yield f"swap segments {i + 2} and {i + 3}", new, 0
        elif kind == "count":
            yield "SE01 off by one", new, rng.choice((-1, 1))
        else:
            elements = body[i].split("*")
            j = rng.randrange(1, len(elements) + 1)
            value = rng.choice(BAD_VALUES)
            while len(elements) <= j:
                elements.append("")
            elements[j] = value
            new[i] = "*".join(elements).rstrip("*") if value else "*".join(elements)
            yield f"{elements[0]}{j:02d} = {value!r}", new, 0
