"""Build X12 interchanges for tests: correct counts by default, each thing breakable on purpose."""

from __future__ import annotations

from collections.abc import Sequence


def isa(
    control: int,
    sender: str = "DEMORETAIL",
    receiver: str = "ORDERHUB",
    *,
    test: str = "P",
    element: str = "*",
    component: str = ">",
    version: str = "00401",
    repetition: str = "U",
    sender_qualifier: str = "ZZ",
    receiver_qualifier: str = "ZZ",
) -> str:
    e = element
    text = (
        f"ISA{e}00{e}{' ' * 10}{e}00{e}{' ' * 10}{e}{sender_qualifier}{e}{sender:<15}{e}{receiver_qualifier}{e}"
        f"{receiver:<15}{e}261120{e}0930{e}{repetition}{e}{version}{e}{control:09d}{e}0{e}{test}{e}{component}"
    )
    assert len(text) == 105
    return text


def po_body(
    po_number: str = "PO-1",
    lines: Sequence[tuple[str, str, str, str]] = (("1", "10", "EA", "9.25"),),
    purpose: str = "00",
    ship_to: str = "0042",
    part: str = "AB3542",
    extra: Sequence[str] = (),
) -> list[str]:
    body = [f"BEG*{purpose}*SA*{po_number}**20261120", "CUR*BY*USD", *extra]
    if ship_to:
        body += [f"N1*ST*STORE {ship_to}*92*{ship_to}"]
    for number, qty, uom, price in lines:
        body += [f"PO1*{number}*{qty}*{uom}*{price}**VN*{part}"]
    body += [f"CTT*{len(lines)}"]
    return body


def interchange(
    sets: Sequence[Sequence[str]],
    *,
    control: int = 1,
    group: int = 1,
    set_id: str = "850",
    functional_id: str = "PO",
    version: str = "004010",
    se_count_delta: int = 0,
    ge_count_delta: int = 0,
    iea_control: int | None = None,
    segment: str = "~",
    newline: str = "\n",
    element: str = "*",
    drop_iea: bool = False,
    **isa_kwargs: object,
) -> bytes:
    """Each item of ``sets`` is a transaction set body (segments between ST and SE, '*'-separated)."""
    segs = [isa(control, element=element, **isa_kwargs)]  # type: ignore[arg-type]
    sender = str(isa_kwargs.get("sender", "DEMORETAIL"))
    receiver = str(isa_kwargs.get("receiver", "ORDERHUB"))
    segs.append(f"GS*{functional_id}*{sender}*{receiver}*20261120*0930*{group}*X*{version}")
    for index, body in enumerate(sets, start=1):
        st02 = f"{index:04d}"
        segs.append(f"ST*{set_id}*{st02}")
        segs.extend(body)
        segs.append(f"SE*{len(body) + 2 + se_count_delta}*{st02}")
    segs.append(f"GE*{len(sets) + ge_count_delta}*{group}")
    if not drop_iea:
        segs.append(f"IEA*1*{(iea_control if iea_control is not None else control):09d}")
    out = []
    for s in segs:
        if element != "*" and not s.startswith("ISA"):
            s = s.replace("*", element)
        out.append(s + segment + newline)
    return "".join(out).encode("latin-1")
