"""The X12 segments our implementation-guide maps use, written once and shared by every set and version.

Each segment is ``(name, elements, syntax notes)``. ``elements`` lists the data element numbers in order,
``!`` marking a mandatory one (X12 "M", pyx12 usage R) and a ``C…`` number naming a composite from
``COMPOSITES``. Syntax notes use X12's own notation: ``P0304`` paired, ``R0203`` at least one, ``C0302``
conditional, ``E0102`` exclusion, ``L010203`` list conditional. They are the X12 004010 standard's notes;
``ADDED_IN_005010`` lists the elements 005010 appended.
"""

from __future__ import annotations

Segment = tuple[str, str, str]


def _pairs(first: int, count: int, ids: str = "235 234") -> str:
    """``count`` repeats of an ID pair (qualifier, value) as element tokens."""
    return " ".join([ids] * count)


def _pair_notes(first: int, count: int) -> str:
    return " ".join(f"P{p:02d}{p + 1:02d}" for p in range(first, first + 2 * count, 2))


COMPOSITES: dict[str, tuple[str, str]] = {
    "C001": ("Composite Unit of Measure", "355! 1018 649 355 1018 649 355 1018 649 355 1018 649 355 1018 649"),
    "C030": ("Position in Segment", "722! 1528"),
    "C040": ("Reference Identifier", "128! 127! 128 127 128 127"),
}

SEGMENTS: dict[str, Segment] = {
    # envelope of a set
    "ST": ("Transaction Set Header", "143! 329!", ""),
    "SE": ("Transaction Set Trailer", "96! 329!", ""),
    # headers of each set
    "BEG": ("Beginning Segment for Purchase Order", "353! 92! 324! 328 373! 367 587 1019 1166 1232 786 640", ""),
    "BCH": (
        "Beginning Segment for Purchase Order Change",
        "353! 92! 324! 328 327 373! 326 373 373 367 373 1166 1232 786",
        "",
    ),
    "BAK": ("Beginning Segment for Purchase Order Acknowledgment", "353! 587! 324! 373! 328 326 367 324 373 640", ""),
    "BSN": ("Beginning Segment for Ship Notice", "353! 396! 373! 337! 1005 640 641", "C0706"),
    "BIG": ("Beginning Segment for Invoice", "373! 76! 373 324 328 327 640 353 306 76", ""),
    # shared header and detail segments
    "CUR": (
        "Currency",
        "98! 100! 280 98 100 669 374 373 337 374 373 337 374 373 337 374 373 337 374 373 337",
        "C0807 C0907 L101112 C1110 C1210 L131415 C1413 C1513 L161718 C1716 C1816 L192021 C2019 C2119",
    ),
    "REF": ("Reference Identification", "128! 127 352 C040", "R0203"),
    "PER": ("Administrative Communications Contact", "366! 93 365 364 365 364 365 364 443", "P0304 P0506 P0708"),
    "TAX": (
        "Tax Reference",
        "325 309 310 309 310 309 310 309 310 309 310 441 1179",
        "R0203 P0203 P0405 P0607 P0809 P1011",
    ),
    "FOB": ("F.O.B. Related Instructions", "146! 309 352 334 335 309 352 54 352", "C0302 C0405 C0706 C0809"),
    "CTP": ("Pricing Information", "687 236 212 380 C001 648 649 782 639 499 289", "P0405 C0607 C0902 C1002 C1103"),
    "CSH": ("Sales Requirements", "563 306 610 508 373 560 566 954 1004", "C0809 C0908"),
    "IT8": ("Conditions of Sale", "563 306 610 508 373 560 566 954 1004", "C0809 C0908"),
    "SAC": (
        "Service, Promotion, Allowance, or Charge Information",
        "248! 1300 559 1301 610 378 332 118 355 380 380 331 127 770 352 819",
        "R0203 P0304 P0607 P0910 C1110 C1413 C1615",
    ),
    "ITD": ("Terms of Sale/Deferred Terms of Sale", "336 333 338 370 351 446 386 362 388 389 342 352 765 107 954", ""),
    "DTM": ("Date/Time Reference", "374! 373 337 623 1250 1251", "R020305 C0403 P0506"),
    "PKG": ("Marking, Packaging, Loading", "349 753 559 754 352 400", "R040506 C0403 C0501"),
    "TD1": (
        "Carrier Details (Quantity and Weight)",
        "103 80 23 22 79 187 81 355 183 355",
        "C0102 C0607 P0708 P0910",
    ),
    "TD5": (
        "Carrier Details (Routing Sequence/Transit Time)",
        "133 66 67 91 387 368 309 310 731 732 733 284 284 284",
        "R0204050612 C0203 C0708 C1011 C1312 C1413",
    ),
    "TD3": ("Carrier Details (Equipment)", "40 206 207 187 81 355 102 407 225 24", "E0110 C0203 C0405 P0506"),
    "TD4": ("Carrier Details (Special Handling, or Hazardous Materials, or Both)", "152 208 209 352", "R0102 C0203"),
    "MAN": ("Marks and Numbers", "88! 87! 87 88 87 87", "P0405 C0605"),
    "TXI": ("Tax Information", "963! 782 954 955 956 441 662 828 325 350", "R020306 C0403"),
    "N9": ("Reference Identification", "128! 127 369 373 337 623 C040", "R0203 C0605"),
    "MSG": ("Message Text", "933! 934 1470", "C0302"),
    "NTE": ("Note/Special Instruction", "363 352!", ""),
    "N1": ("Name", "98! 93 66 67 706 98", "R0203 P0304"),
    "N2": ("Additional Name Information", "93! 93", ""),
    "N3": ("Address Information", "166! 166", ""),
    "N4": ("Geographic Location", "19 156 116 26 309 310", "C0605"),
    "PO1": (
        "Baseline Item Data",
        "350 330 355 212 639 " + _pairs(6, 10),
        "C0302 C0504 " + _pair_notes(6, 10),
    ),
    "PID": ("Product/Item Description", "349! 750 559 751 352 752 822 819", "C0403 R0405 C0703 C0804 C0905"),
    "MEA": ("Measurements", "737 738 739 C001 740 741 935 936 752 1373", "R03050608 C0504 C0604 L07030506 E0803"),
    "PO4": (
        "Item Physical Details",
        "356 357 355 103 187 384 355 385 355 82 189 65 355 810 752 350 350",
        "C0506 P0607 P0809 P1617",
    ),
    "SDQ": (
        "Destination Quantity",
        "355! 66 67! 380! " + " ".join(["67 380"] * 9) + " 310",
        " ".join(f"P{p:02d}{p + 1:02d}" for p in range(5, 23, 2)),
    ),
    "TC2": ("Commodity", "23! 22!", ""),
    "SCH": ("Line Item Schedule", "380! 355! 98 93 374! 373! 337 374 373 337 326 350", "L08091011 C0304 C0807 C1008"),
    "SLN": (
        "Subline Item Detail",
        "350! 350 662! 380 C001 212 639 662 " + _pairs(9, 10),
        "P0405 C0706 C0805 " + _pair_notes(9, 10),
    ),
    "CTT": ("Transaction Totals", "354! 347 81 355 183 355 352", "P0304 P0506"),
    "AMT": ("Monetary Amount", "522! 782! 478", ""),
    # 855
    "ACK": (
        "Line Item Acknowledgment",
        "668! 380 355 374 373 326 " + _pairs(7, 10) + " 559 822 1271",
        "P0203 C0405 " + _pair_notes(7, 10) + " C2827",
    ),
    # 856
    "HL": ("Hierarchical Level", "628! 734 735! 736", ""),
    "PRF": ("Purchase Order Reference", "324! 328 327 373 350 367 92", ""),
    "LIN": ("Item Identification", "350 " + _pairs(2, 15), _pair_notes(2, 15)),
    "SN1": ("Item Detail (Shipment)", "350 382! 355! 646 330 355 728 668", "P0506"),
    # 810
    "IT1": ("Baseline Item Data (Invoice)", "350 358 355 212 639 " + _pairs(6, 10), "P020304 " + _pair_notes(6, 10)),
    "TDS": ("Total Monetary Value Summary", "610! 610 610 610", ""),
    "CAD": ("Carrier Detail", "91 206 207 140 387 368 128 127 284", "R0405 P0708"),
    "ISS": ("Invoice Shipment Summary", "382 355 81 355 183 355 380 81", "P0102 P0304 P0506"),
    # 860
    "POC": (
        "Line Item Change",
        "350! 670! 330 671 C001 212 639 " + _pairs(8, 10),
        _pair_notes(8, 10),
    ),
    # 997
    "AK1": ("Functional Group Response Header", "479! 28!", ""),
    "AK2": ("Transaction Set Response Header", "143! 329!", ""),
    "AK3": ("Data Segment Note", "721! 719! 447 720", ""),
    "AK4": ("Data Element Note", "C030! 725 723! 724", ""),
    "AK5": ("Transaction Set Response Trailer", "717! 718 718 718 718 718", ""),
    "AK9": ("Functional Group Response Trailer", "715! 97! 123! 2! 716 716 716 716 716", ""),
}

# elements 005010 appended to a segment (and to C030); mandatory ones carry "!"
ADDED_IN_005010: dict[str, str] = {
    "N4": "1715",
    "AK1": "480",
    "AK2": "1705",
    "C030": "1686",
    "TD5": "26",
    "PID": "1073 1271",
}
# 786 (security level) and 96 (number of included segments) come from pyx12's dictionary
