"""Consolidation for the office: a contract's audit as one signed bundle file, imported on another machine.

The bundle (a zip) holds ``bundle.json`` — every row of the contract's tables keyed by natural keys (no
local row ids), the evidence files and the issued notices' PDFs with their SHA-256 — and
``signature.json``: the exporting inspector's certificate and an ECDSA signature over ``bundle.json``.

Import checks the signature and every file, then compares each row with what this machine holds:
new rows are added; identical ones skipped; a row that differs is a *conflict*. With any conflict nothing
is imported and every conflict is listed — never silently merged. ID numbers are masked in the bundle
unless the exporter chooses to include them (个人信息保护法).
"""
from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import idcard
from .errors import InputError
from .storage import Store
from .storage.db import now

FORMAT = "auditor-bundle"
IGNORED = {"id", "updated_at", "created_at", "imported_at", "added_at", "rows_sha256"}  # local or derived
# table → natural key columns (all tables hold contract_id)
TABLES: dict[str, tuple[str, ...]] = {
    "months": ("contract_id", "period"),
    "month_history": ("contract_id", "period", "at", "action"),
    "measurements": ("contract_id", "period", "code"),
    "measurement_events": ("contract_id", "period", "code", "seq"),
    "headcounts": ("contract_id", "period", "role"),
    "staffing_changes": ("contract_id", "role", "first_month", "last_month", "reference"),
    "submissions": ("contract_id", "period", "kind", "received_on", "sha256"),
    "evidence": ("contract_id", "period", "code", "sha256", "filename"),
    "findings": ("contract_id", "period", "source", "key"),
    "confidentiality_checks": ("contract_id", "period", "duty"),
    "commitments": ("contract_id", "id_number"),
    "departure_approvals": ("contract_id", "id_number", "approved_on"),
    "imports": ("contract_id", "period", "kind"),
    "spot_checks": ("contract_id", "started_at", "place"),
}
ID_COLUMNS = {"commitments": "id_number", "departure_approvals": "id_number"}


class BundleConflict(InputError):
    """The bundle disagrees with this machine's data: nothing was imported."""


@dataclass
class ImportReport:
    signer: str
    fingerprint: str
    known_signer: bool
    added: dict[str, int] = field(default_factory=dict)
    same: int = 0


def _rows(store: Store, table: str, contract_id: str) -> list[dict[str, Any]]:
    cursor = store.db.execute(f"SELECT * FROM {table} WHERE contract_id = ? ORDER BY rowid", [contract_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _mask_row(table: str, row: dict) -> dict:
    column = ID_COLUMNS.get(table)
    if column and row.get(column):
        row = {**row, column: idcard.mask(row[column])}
    return row


def _mask_import_data(data: str) -> str:
    record = json.loads(data)
    if record.get("id_number"):
        record["id_number"] = idcard.mask(record["id_number"])
    return json.dumps(record, ensure_ascii=False)


def export_bundle(store: Store, contract_id: str, target: Path, p12: bytes, passphrase: bytes,
                  include_ids: bool = False) -> dict:
    """Write the contract's audit to ``target``, signed with the inspector's key; returns the summary."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12

    from .documents.signing import SigningError

    contract = store.contracts.get(contract_id)
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(p12, passphrase)
    except (ValueError, TypeError):
        raise SigningError("无法打开签名证书：口令错误或文件不是 PKCS#12 证书") from None
    tables: dict[str, list] = {}
    files: dict[str, str] = {}
    members: dict[str, bytes] = {}
    for table in TABLES:
        rows = []
        for row in _rows(store, table, contract_id):
            if not include_ids:
                row = _mask_row(table, row)
            if table == "imports":
                row["rows"] = [[n, d if include_ids else _mask_import_data(d)] for n, d in store.db.execute(
                    "SELECT row_no, data FROM import_rows WHERE import_id = ? ORDER BY row_no", [row["id"]])]
            if table == "spot_checks":
                row["marks"] = [dict(zip(("person_key", "name", "employee_no", "role", "on_roster", "status", "at"), m))
                                for m in store.db.execute("SELECT person_key, name, employee_no, role, on_roster, "
                                                          "status, at FROM spot_marks WHERE spot_check_id = ?",
                                                          [row["id"]])]
            if table == "evidence":
                path = store.evidence.path_of(row["sha256"])
                if path.is_file():
                    name = f"evidence/{row['sha256']}"
                    members[name] = path.read_bytes()
                    files[name] = row["sha256"]
            rows.append({k: v for k, v in row.items() if k not in IGNORED or k == "id"})
        tables[table] = rows
    notices = []
    for n in store.db.execute("SELECT id, number, status, period, issuer, year, seq, content, content_sha256, deadline, "
                              "received_by, received_at, rectified_at, closed_by, closed_at, escalated_at, escalation, "
                              "document_id FROM notices WHERE contract_id = ? AND status != 'draft'", [contract_id]):
        (nid, number, status, period, issuer, year, seq, content, sha, deadline, received_by, received_at,
         rectified_at, closed_by, closed_at, escalated_at, escalation, document_id) = n
        pdf = bytes(store.db.execute("SELECT pdf FROM documents WHERE id = ?", [document_id]).fetchone()[0])
        name = f"documents/{hashlib.sha256(pdf).hexdigest()}.pdf"
        members[name] = pdf
        files[name] = hashlib.sha256(pdf).hexdigest()
        linked = [list(r) for r in store.db.execute(
            "SELECT f.period, f.source, f.key FROM notice_findings nf JOIN findings f ON f.id = nf.finding_id "
            "WHERE nf.notice_id = ? ORDER BY nf.position", [nid])]
        notices.append({"contract_id": contract_id, "number": number, "status": status, "period": period, "issuer": issuer, "year": year,
                        "seq": seq, "content": content, "content_sha256": sha, "deadline": deadline,
                        "received_by": received_by, "received_at": received_at, "rectified_at": rectified_at,
                        "closed_by": closed_by, "closed_at": closed_at, "escalated_at": escalated_at,
                        "escalation": escalation, "document": name, "findings": linked})
    body = {"format": FORMAT, "version": 1, "exported_at": now(), "contract": dict(contract.data),
            "contract_id": contract_id, "include_ids": include_ids, "tables": tables, "notices": notices,
            "files": files}
    payload = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(payload, *_rsa_padding())  # an agency's RSA certificate
    else:
        signature = key.sign(payload, ec.ECDSA(hashes.SHA256()))
    signed = {"certificate": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
              "signature": base64.b64encode(signature).decode("ascii"), "algorithm": "sha256"}
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle.json", payload)
        archive.writestr("signature.json", json.dumps(signed))
        for name, data in members.items():
            archive.writestr(name, data)
    partial.replace(target)
    return {"rows": sum(len(v) for v in tables.values()), "notices": len(notices), "files": len(files)}


def _rsa_padding():
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    return padding.PKCS1v15(), hashes.SHA256()


def _read(source: Path) -> tuple[dict, bytes, dict, zipfile.ZipFile]:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        archive = zipfile.ZipFile(source)
        payload = archive.read("bundle.json")
        signed = json.loads(archive.read("signature.json"))
        body = json.loads(payload)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(f"{source.name} 不是本程序导出的审计包") from None
    if body.get("format") != FORMAT:
        raise InputError(f"{source.name} 不是本程序导出的审计包")
    try:
        cert = x509.load_pem_x509_certificate(signed["certificate"].encode("ascii"))
        signature = base64.b64decode(signed["signature"])
        public = cert.public_key()
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, payload, ec.ECDSA(hashes.SHA256()))
        else:
            public.verify(signature, payload, *_rsa_padding())
    except (InvalidSignature, ValueError, KeyError, TypeError):
        raise InputError(f"{source.name} 的签名无效：审计包在导出后被改动，或不是完整的文件") from None
    for name, sha in body["files"].items():
        try:
            data = archive.read(name)
        except KeyError:
            raise InputError(f"{source.name} 不完整：缺少 {name}") from None
        if hashlib.sha256(data).hexdigest() != sha:
            raise InputError(f"{source.name} 中 {name} 的校验值不符：文件被改动")
    return body, payload, {"certificate": cert}, archive


def _meaningful(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in IGNORED and k not in ("rows", "marks")}


def import_bundle(store: Store, source: Path) -> ImportReport:
    body, _payload, signed, archive = _read(source)
    cert = signed["certificate"]
    from cryptography.hazmat.primitives import hashes

    fingerprint = cert.fingerprint(hashes.SHA256()).hex()
    known = fingerprint in {r[0] for r in store.db.execute("SELECT fingerprint FROM inspectors")}
    from cryptography.x509.oid import NameOID

    def attribute(oid) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    signer = f"{attribute(NameOID.COMMON_NAME)}（{attribute(NameOID.ORGANIZATION_NAME)}）"
    report = ImportReport(signer, fingerprint, known)
    contract_id = body["contract_id"]
    conflicts: list[str] = []
    plan: list[tuple[str, dict]] = []
    if store.contracts.exists(contract_id):
        if dict(store.contracts.get(contract_id).data) != body["contract"]:
            conflicts.append(f"合同 {contract_id} 的内容与本机不同")
    else:
        plan.append(("contract", body["contract"]))
    for table, key_columns in TABLES.items():
        for row in body["tables"].get(table, []):
            where = " AND ".join(f"{c} IS ?" for c in key_columns)
            cursor = store.db.execute(f"SELECT * FROM {table} WHERE {where}", [row.get(c) for c in key_columns])
            local = cursor.fetchone()
            if local is None:
                plan.append((table, row))
                continue
            local_row = dict(zip([d[0] for d in cursor.description], local))
            theirs, ours = _meaningful(row), _meaningful(local_row)
            differing = sorted(k for k in theirs if k in ours and theirs[k] != ours[k])
            if differing:
                key = "、".join(str(row.get(c)) for c in key_columns[1:])
                conflicts.append(f"{table}（{key}）：{'、'.join(differing)} 与本机不同")
            else:
                report.same += 1
    for notice in body["notices"]:
        local = store.db.execute("SELECT content_sha256, status FROM notices WHERE number = ?",
                                 [notice["number"]]).fetchone()
        if local is None:
            plan.append(("notice", notice))
        elif local[0] != notice["content_sha256"]:
            conflicts.append(f"整改通知书 {notice['number']} 与本机的同号通知书内容不同")
        else:
            report.same += 1
    if conflicts:
        archive.close()
        raise BundleConflict(f"{source.name} 与本机数据有 {len(conflicts)} 处冲突，未导入任何内容：", conflicts)
    with store.db.atomic():
        for kind, row in plan:
            _insert(store, kind, row, archive)
            report.added[kind] = report.added.get(kind, 0) + 1
    archive.close()
    return report


def _insert(store: Store, kind: str, row: dict, archive: zipfile.ZipFile) -> None:
    db = store.db
    if kind == "contract":
        from .contracts import parse_contract

        parse_contract(row, source="审计包中的合同")
        db.execute("INSERT INTO contracts (id, template_id, family, name, data, created_at, updated_at) "
                   "VALUES (?,?,?,?,?,?,?)", [row["id"], row["id"], row["family"], row["name"],
                                              json.dumps(row, ensure_ascii=False, sort_keys=True), now(), now()])
        return
    if kind == "notice":
        pdf = archive.read(row["document"])
        document_id = db.execute("INSERT INTO documents (kind, number, contract_id, sha256, pdf, signed, created_at) "
                                 "VALUES ('notice', ?, ?, ?, ?, 1, ?)", [row["number"], row["contract_id"],
                                                                         hashlib.sha256(pdf).hexdigest(), pdf,
                                                                         now()]).lastrowid
        cursor = db.execute(
            "INSERT INTO notices (contract_id, period, status, number, issuer, year, seq, content, content_sha256, "
            "deadline, document_id, created_at, issued_at, received_by, received_at, rectified_at, closed_by, closed_at, "
            "escalated_at, escalation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [row["contract_id"], row["period"], row["status"], row["number"], row["issuer"], row["year"],
             row["seq"], row["content"], row["content_sha256"], row["deadline"], document_id, now(), now(),
             row["received_by"], row["received_at"], row["rectified_at"], row["closed_by"], row["closed_at"],
             row["escalated_at"], row["escalation"]])
        for position, (period, source, key) in enumerate(row["findings"]):
            found = db.execute("SELECT id FROM findings WHERE contract_id = ? AND period = ? AND source = ? AND key = ?",
                               [row["contract_id"], period, source, key]).fetchone()
            if found:
                db.execute("INSERT INTO notice_findings VALUES (?, ?, ?)", [cursor.lastrowid, found[0], position])
        db.execute("INSERT INTO number_counters (issuer, year, last) VALUES (?, ?, ?) ON CONFLICT (issuer, year) "
                   "DO UPDATE SET last = max(last, excluded.last)", [row["issuer"], row["year"], row["seq"]])
        return
    values = {k: v for k, v in row.items() if k not in ("id", "rows", "marks")}
    for column in ("updated_at", "created_at", "imported_at", "added_at"):
        if _has_column(db, kind, column):
            values[column] = now()
    columns = ", ".join(values)
    new_id = db.execute(f"INSERT INTO {kind} ({columns}) VALUES ({', '.join('?' * len(values))})",
                        list(values.values())).lastrowid
    if kind == "imports":
        db.conn.executemany("INSERT INTO import_rows (import_id, row_no, data) VALUES (?, ?, ?)",
                            [(new_id, n, d) for n, d in row["rows"]])
        from .audit import rows_digest

        # the rows as held here (ID numbers masked unless the exporter included them) are what is sealed
        db.execute("UPDATE imports SET rows_sha256 = ? WHERE id = ?", [rows_digest(db, new_id), new_id])
    elif kind == "spot_checks":
        db.conn.executemany("INSERT INTO spot_marks (spot_check_id, person_key, name, employee_no, role, on_roster, "
                            "status, at) VALUES (?,?,?,?,?,?,?,?)",
                            [(new_id, m["person_key"], m["name"], m["employee_no"], m["role"], m["on_roster"],
                              m["status"], m["at"]) for m in row["marks"]])
    elif kind == "evidence":
        name = f"evidence/{row['sha256']}"
        if name in archive.namelist():
            target = store.evidence.path_of(row["sha256"])
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.write_bytes(archive.read(name))


def _has_column(db, table: str, column: str) -> bool:
    return any(r[1] == column for r in db.execute(f"PRAGMA table_info({table})"))

