"""The CLI contract: `parse` needs no database and prints one JSON order per line; bad files give a
one-line reason on stderr and a non-zero exit; `schema order` prints the ERP's JSON Schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT
from x12build import interchange, po_body


def orderhub(*args: str, data_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "ORDERHUB_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "orderhub.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )


def test_parse_prints_one_json_order_per_line_without_a_database(tmp_path):
    a = tmp_path / "a.x12"
    a.write_bytes(interchange([po_body("PO-A"), po_body("PO-B")]))
    result = orderhub("parse", str(a), str(FIXTURES / "x12" / "nodex12_850.edi"), data_dir=tmp_path / "none")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["po_number"] for line in lines] == ["PO-A", "PO-B", "08292233294"]
    assert json.loads(lines[0])["lines"][0]["quantity"] == "10"
    assert not (tmp_path / "none").exists()  # nothing written: no database, no data dir


def test_parse_reports_each_bad_file_on_one_line_and_exits_non_zero(tmp_path):
    good = tmp_path / "good.x12"
    good.write_bytes(interchange([po_body("PO-G")]))
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"hello")
    counts = tmp_path / "counts.x12"
    counts.write_bytes(interchange([po_body("PO-C")], se_count_delta=2))
    result = orderhub(
        "parse", str(good), str(junk), str(counts), str(tmp_path / "missing.x12"), data_dir=tmp_path / "none"
    )
    assert result.returncode == 1
    assert [json.loads(line)["po_number"] for line in result.stdout.splitlines()] == ["PO-G"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"{junk}: not a format orderhub reads")
    assert errors[1].startswith(f"{counts}: set 850 '0001' rejected: SE01 says '9' segments")
    assert errors[2].startswith(f"{tmp_path / 'missing.x12'}: cannot read")


def test_parse_names_the_partner_when_a_profile_matches(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / "partners").mkdir(parents=True)
    (data_dir / "partners" / "demo-retail.yaml").write_bytes(
        (FIXTURES / "demo" / "partners" / "demo-retail.yaml").read_bytes()
    )
    (data_dir / "orderhub.yaml").write_text(
        "channels:\n  - {name: demo-in, kind: folder}\n  - {name: demo-out, kind: folder}\n"
    )
    a = tmp_path / "a.x12"
    a.write_bytes(interchange([po_body("PO-A")]))
    result = orderhub("parse", str(a), data_dir=data_dir)
    assert json.loads(result.stdout)["partner_id"] == "demo-retail"


def test_schema_order_is_the_json_schema_the_erp_reads(tmp_path):
    result = orderhub("schema", "order", data_dir=tmp_path)
    schema = json.loads(result.stdout)
    assert schema["title"] == "Order"
    for name in (
        "order_id",
        "partner_id",
        "customer_id",
        "source",
        "purpose",
        "order_type",
        "po_number",
        "po_date",
        "currency",
        "buyer",
        "seller",
        "ship_to",
        "bill_to",
        "mark_for",
        "references",
        "dates",
        "terms",
        "fob",
        "carrier",
        "notes",
        "lines",
        "allowances_charges",
        "stated_total",
        "status",
        "hold_reasons",
        "confidence",
    ):
        assert name in schema["properties"], name
    line = schema["$defs"]["OrderLine"]["properties"]
    for name in (
        "line_number",
        "identifiers",
        "buyer_part_number",
        "vendor_part_number",
        "gtin",
        "upc",
        "description",
        "quantity",
        "uom",
        "unit_price",
        "price_basis",
        "pack",
        "destinations",
        "requested_date",
    ):
        assert name in line, name
    quantity = json.dumps(line["quantity"])
    assert '"string"' in quantity and '"number"' not in quantity  # decimals travel as strings
    assert schema["$defs"]["Source"]["properties"]["kind"]["$ref"].endswith("SourceKind")


def test_ingest_orders_documents_reprocess_and_release(tmp_path):
    data_dir = tmp_path / "data"
    env = {"ORDERHUB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    assert orderhub("demo", "--once", data_dir=data_dir, env=env).returncode == 0
    held = tmp_path / "held.x12"
    held.write_bytes(interchange([po_body("PO-CLI", part="NOPE")], control=77))
    result = orderhub("ingest", str(held), data_dir=data_dir, env=env)
    assert result.returncode == 0 and "parsed" in result.stdout
    listing = orderhub("orders", "list", "--status", "held", data_dir=data_dir, env=env).stdout
    line = next(x for x in listing.splitlines() if "PO-CLI" in x)
    assert "no item of ours matches VN NOPE" in line
    order_id = line.split()[0]
    shown = json.loads(orderhub("orders", "show", order_id, data_dir=data_dir, env=env).stdout)
    assert shown["hold_reasons"][0]["code"] == "UNKNOWN_ITEM"
    released = orderhub("orders", "release", order_id, "--actor", "dana", data_dir=data_dir, env=env)
    assert released.returncode == 0, released.stderr
    outbox = orderhub("outbox", data_dir=data_dir, env=env).stdout
    assert outbox.count(" 855 ") == 2 and "queued" not in outbox
    docs = orderhub("documents", "--status", "failed", data_dir=data_dir, env=env).stdout
    assert "UNSUPPORTED_FORMAT" in docs
    again = orderhub("reprocess", "--status", "failed", data_dir=data_dir, env=env)
    assert again.returncode == 0 and "failed" in again.stdout


def test_a_broken_profile_stops_the_hub_naming_file_key_and_fix(tmp_path):
    data_dir = tmp_path / "data"
    env = {"ORDERHUB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    orderhub("demo", "--once", data_dir=data_dir, env=env)
    profile = data_dir / "partners" / "demo-retail.yaml"
    profile.write_text(profile.read_text().replace("price_tolerance_percent", "price_tolerence_percent"))
    result = orderhub("run", "--once", data_dir=data_dir, env=env)
    assert result.returncode == 2
    assert "demo-retail.yaml" in result.stderr and "price_tolerence_percent: unknown key" in result.stderr


def test_unknown_senders_are_listed_for_onboarding(tmp_path):
    data_dir = tmp_path / "data"
    env = {"ORDERHUB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    orderhub("demo", "--once", data_dir=data_dir, env=env)
    stranger = tmp_path / "stranger.x12"
    stranger.write_bytes(interchange([po_body("PO-S")], sender="NEWRETAILER"))
    result = orderhub("ingest", str(stranger), data_dir=data_dir, env=env)
    assert result.returncode == 1 and "unknown sender ZZ:NEWRETAILER" in result.stdout
    listing = orderhub("partners", "unknown", data_dir=data_dir, env=env).stdout
    assert listing.startswith("ZZ:NEWRETAILER  1 document(s): 4")


def test_parse_reports_a_rejected_interchange_and_release_refuses_a_wrong_move(tmp_path):
    bad = tmp_path / "iea.x12"
    bad.write_bytes(interchange([po_body("PO-I")], iea_control=9))
    result = orderhub("parse", str(bad), data_dir=tmp_path / "none")
    assert result.returncode == 1 and result.stdout == ""
    assert "interchange '000000001' rejected: IEA02 '000000009' does not match ISA13" in result.stderr
    data_dir = tmp_path / "data"
    env = {"ORDERHUB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    orderhub("demo", "--once", data_dir=data_dir, env=env)
    listing = orderhub("orders", "list", "--status", "released", data_dir=data_dir, env=env).stdout
    order_id = listing.split()[0]
    again = orderhub("orders", "release", order_id, data_dir=data_dir, env=env)
    assert again.returncode == 1 and "cannot go from 'released' to 'released'" in again.stderr
    assert "Traceback" not in again.stderr


def test_channels_check_and_resending_a_dead_document(tmp_path):
    import sqlite3

    data_dir = tmp_path / "data"
    db = tmp_path / "db.sqlite"
    env = {"ORDERHUB_DATABASE_URL": f"sqlite:///{db}"}
    orderhub("demo", "--once", data_dir=data_dir, env=env)
    check = orderhub("channels", "check", data_dir=data_dir, env=env)
    assert check.returncode == 0 and "demo-in: ok: folders ready: inbox" in check.stdout
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE outbound_document SET status='dead', last_error='refused' WHERE id=1")
    (data_dir / "mailboxes" / "demo-retail" / "out" / "demo-retail_997_000000001.x12").unlink()
    resent = orderhub("outbox", "resend", "1", "--actor", "dana", data_dir=data_dir, env=env)
    assert resent.returncode == 0, resent.stderr
    assert "queued again; 1 document(s) sent" in resent.stdout
    assert (data_dir / "mailboxes" / "demo-retail" / "out" / "demo-retail_997_000000001.x12").exists()
    listing = orderhub("outbox", data_dir=data_dir, env=env).stdout
    assert "dead" not in listing
    again = orderhub("outbox", "resend", "1", data_dir=data_dir, env=env)
    assert again.returncode == 1 and "cannot go from 'sent' to 'queued'" in again.stderr
    (data_dir / "mailboxes" / "demo-retail" / "out").rename(tmp_path / "gone")
    (data_dir / "mailboxes" / "demo-retail" / "out").write_text("a file where the outbox folder should be")
    broken = orderhub("channels", "check", data_dir=data_dir, env=env)
    assert broken.returncode == 1 and "demo-out: FAILED: PermanentError: outbox" in broken.stdout


def test_partner_test_proves_a_profile_on_its_samples_and_shows_differences(tmp_path):
    samples = tmp_path / "samples"
    samples.mkdir()
    for name in ("demo-po-1001.x12", "demo-po-1002.x12"):
        (samples / name).write_bytes((FIXTURES / "demo" / "inbox" / name).read_bytes())
    data_dir = tmp_path / "data"
    (data_dir / "masterdata").mkdir(parents=True)
    for csv in (FIXTURES / "demo" / "masterdata").iterdir():
        (data_dir / "masterdata" / csv.name).write_bytes(csv.read_bytes())
    profile = str(FIXTURES / "demo" / "partners" / "demo-retail.yaml")
    files = sorted(str(p) for p in samples.iterdir())
    wrote = orderhub("partner", "test", profile, *files, "--write-expected", data_dir=data_dir)
    assert wrote.returncode == 0, wrote.stderr
    assert "demo-po-1002.x12: document parsed; PO-1002 held; 997 to send" in wrote.stdout
    assert "PO-1002: UNKNOWN_ITEM: line 2" in wrote.stdout
    again = orderhub("partner", "test", profile, files[1], files[0], data_dir=data_dir)  # order does not matter
    assert again.returncode == 0 and again.stdout.count("as expected") == 2
    expected = samples / "demo-po-1001.x12.expected.json"
    expected.write_text(expected.read_text().replace('"released"', '"held"'))
    changed = orderhub("partner", "test", profile, *files, data_dir=data_dir)
    assert changed.returncode == 1 and "DIFFERS from the expected outcome" in changed.stdout
    assert '-      "status": "held",' in changed.stdout and '+      "status": "released",' in changed.stdout
    assert not (data_dir / "orderhub.db").exists()  # the workspace's database is never touched


def test_validate_checks_sets_against_the_guide_maps_and_counts_group_errors(tmp_path):
    good = tmp_path / "good.x12"
    good.write_bytes(interchange([po_body("PO-A"), po_body("PO-B")]))
    bad_group = tmp_path / "ge.x12"
    bad_group.write_bytes(interchange([po_body("PO-C")], ge_count_delta=1))
    bad_set = tmp_path / "set.x12"
    body = po_body("PO-D")
    body.insert(2, "DTM*002*20261399")
    bad_set.write_bytes(interchange([body, po_body("PO-E")]))
    result = orderhub("validate", "--errors", str(good), str(bad_group), str(bad_set), data_dir=tmp_path / "none")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f"{good}: 2 set(s), 2 accepted, 0 rejected, 0 without a map" in lines
    assert f"{bad_group}: 1 set(s), 0 accepted, 1 rejected, 0 without a map" in lines
    assert f"{bad_set}: 2 set(s), 1 accepted, 1 rejected, 0 without a map" in lines
    assert any("segment 4 DTM: DTM02 '20261399' is not a valid date" in line for line in lines)  # ST=1, BEG, CUR
    assert not (tmp_path / "none").exists()


def test_validate_loads_no_database_code(tmp_path):
    # Every command builds the whole parser; building it once loaded the store (SQLAlchemy, the row models)
    # for the role and master-data choices, and `orderhub validate` on 10,000 orders took 1.3 s instead of
    # 0.8 s (bench/bench_validate.py).
    good = tmp_path / "good.x12"
    good.write_bytes(interchange([po_body("PO-A")]))
    probe = (
        "import sys; from orderhub.cli import main; code = main(['validate', sys.argv[1]]); "
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'orderhub.store.models', 'orderhub.masterdata_rows',"
        " 'fastapi') if m in sys.modules)); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(good)],
        capture_output=True,
        text=True,
        env={**os.environ, "ORDERHUB_DATA_DIR": str(tmp_path / "none")},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_templates_lists_learned_ones_and_parse_reads_as_a_sender_with_them(tmp_path):
    x02 = FIXTURES / "eval" / "pdf" / "holdout-X" / "po-X02.pdf"
    before = orderhub("parse", "--sender", "buyer@acme.example", str(x02), data_dir=tmp_path)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["confidence"]["po_number"] < 0.9  # 'Number' alone names no PO
    learned = tmp_path / "templates"
    learned.mkdir()
    (learned / "learned-c-acme-1.yaml").write_text(
        "name: learned-c-acme-1\nsenders: ['@acme.example']\nkeywords: [Number]\npurpose: learned\n"
        "labels:\n  po_number: [Number]\n"
    )
    (learned / "learned-bad.yaml").write_text("name: learned-bad\ncolumns: {Qty: quantity}\n")
    listed = orderhub("templates", data_dir=tmp_path)
    assert listed.returncode == 1  # a broken learned file is named, and the exit says so
    assert "learned-c-acme-1 (learned; @acme.example)" in listed.stdout and "po_number: Number" in listed.stdout
    assert "hansa-werkzeug (production;" in listed.stdout
    assert "SKIPPED PDF template learned-bad.yaml" in listed.stdout and "unknown column role" in listed.stdout
    after = orderhub("parse", "--sender", "buyer@acme.example", str(x02), data_dir=tmp_path)
    order = json.loads(after.stdout)
    assert order["confidence"]["po_number"] >= 0.9 and "read with PDF template learned-c-acme-1" in order["warnings"]
    assert any("learned-bad.yaml" in w for w in order["warnings"])
    other = orderhub("parse", "--sender", "purchasing@boltline.example", str(x02), data_dir=tmp_path)
    assert json.loads(other.stdout)["confidence"]["po_number"] < 0.9
