"""The implementation-guide maps: generated, committed, loadable by pyx12, and valid against the corpus."""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET

import pytest
import pyx12.map_if
import pyx12.params
from conftest import FIXTURES

from schemas.x12maps import MAP_DIR
from schemas.x12maps.build import generated_files, map_file_name, pyx12_elements
from schemas.x12maps.elements import ELEMENTS
from schemas.x12maps.structures import STRUCTURES, VERSIONS


def test_committed_maps_are_what_build_writes() -> None:
    stale = [name for name, text in generated_files().items() if (MAP_DIR / name).read_text("utf-8") != text]
    assert not stale, f"run `python -m schemas.x12maps.build`: {stale} differ from their sources"


def test_our_element_dictionary_agrees_with_pyx12_where_both_define_an_element() -> None:
    theirs = pyx12_elements()
    clashes = {
        number: (ours[:3], theirs[number][:3])
        for number, ours in ELEMENTS.items()
        if number in theirs and ours[:3] != theirs[number][:3]
    }
    # pyx12's dictionary is 005010 HIPAA's; its few wider lengths win (a test would only be noise there)
    assert all(o[0] == t[0] for o, t in clashes.values()), clashes


def test_every_element_a_map_names_is_in_the_dictionary() -> None:
    defined = {e.get("ele_num") for e in ET.parse(MAP_DIR / "dataele.xml").getroot().iter("data_ele")}
    for version in VERSIONS:
        for set_id in STRUCTURES:
            root = ET.parse(MAP_DIR / map_file_name(set_id, version)).getroot()
            missing = {d.text for d in root.iter("data_ele") if d.text not in defined and not d.text.startswith("C")}
            assert not missing, f"{set_id} {version}: {missing}"


@pytest.mark.parametrize("version", sorted(VERSIONS))
@pytest.mark.parametrize("set_id", sorted(STRUCTURES))
def test_pyx12_loads_each_map(set_id: str, version: str) -> None:
    tree = pyx12.map_if.load_map_file(map_file_name(set_id, version), pyx12.params.params(), str(MAP_DIR))
    assert tree.getnodebypath("/ISA_LOOP/GS_LOOP/ST_LOOP/ST") is not None


def test_pyx12_validates_a_corpus_850_clean_with_our_map(caplog: pytest.LogCaptureFixture) -> None:
    import pyx12.x12n_document

    data = (FIXTURES / "x12" / "ediengine_850_OK.edi").read_bytes().replace(b"*00400*", b"*00401*")
    ack = io.StringIO()
    with caplog.at_level(logging.ERROR):
        ok = pyx12.x12n_document.x12n_document(
            pyx12.params.params(), io.StringIO(data.decode("ascii")), ack, None, map_path=str(MAP_DIR)
        )
    assert ok, caplog.text
    assert "AK5*A" in ack.getvalue()
