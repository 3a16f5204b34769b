"""The register of issued documents: every kind numbered in its own series per issuer and year; immutable."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError
from .db import Store, inserted_id, now


@dataclass(frozen=True, slots=True)
class RegisteredDocument:
    id: int
    kind: str
    number: str
    contract_id: str
    subject: str
    issuer: str | None
    year: int | None
    seq: int | None
    issued_on: dt.date | None
    content: dict[str, Any]
    content_sha256: str | None
    signer_fingerprint: str | None
    sha256: str
    signed: bool
    backdate_reason: str | None
    qr: str | None
    created_at: str


_COLUMNS = ("id, kind, number, contract_id, subject, issuer, year, seq, issued_on, content, content_sha256, "
            "signer_fingerprint, sha256, signed, backdate_reason, qr, created_at")


def _document(row: tuple[Any, ...]) -> RegisteredDocument:
    return RegisteredDocument(row[0], row[1], row[2], row[3], row[4] or "", row[5], row[6], row[7],
                              dt.date.fromisoformat(row[8]) if row[8] else None, json.loads(row[9] or "{}"), row[10],
                              row[11], row[12], bool(row[13]), row[14], row[15], row[16])


class RegisterRepo:
    def __init__(self, store: Store) -> None:
        self.db = store.db

    def take_number(self, kind: str, issuer: str, year: int) -> int:
        """The next number of the series (inside the caller's transaction: a rollback gives it back)."""
        row = self.db.execute("SELECT last FROM document_counters WHERE kind = ? AND issuer = ? AND year = ?",
                              [kind, issuer, year]).fetchone()
        seq = (row[0] if row else 0) + 1
        self.db.execute("INSERT INTO document_counters (kind, issuer, year, last) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (kind, issuer, year) DO UPDATE SET last = excluded.last",
                        [kind, issuer, year, seq])
        return seq

    def last_issued(self, kind: str, issuer: str) -> tuple[dt.date, str] | None:
        """The latest issue date in the series and the number that carries it."""
        row = self.db.execute("SELECT issued_on, number FROM documents WHERE kind = ? AND issuer = ? "
                              "AND issued_on IS NOT NULL ORDER BY issued_on DESC, seq DESC LIMIT 1",
                              [kind, issuer]).fetchone()
        return (dt.date.fromisoformat(row[0]), row[1]) if row else None

    def add(self, *, kind: str, number: str, contract_id: str, subject: str, issuer: str, year: int, seq: int,
            issued_on: dt.date, content: dict[str, Any], content_sha256: str, pdf: bytes,
            signer_fingerprint: str | None, backdate_reason: str | None, qr: str) -> int:
        import hashlib

        cursor = self.db.execute(
            "INSERT INTO documents (kind, number, contract_id, sha256, pdf, signed, created_at, issuer, year, seq, "
            "subject, content, content_sha256, signer_fingerprint, issued_on, backdate_reason, qr) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [kind, number, contract_id, hashlib.sha256(pdf).hexdigest(), pdf, int(signer_fingerprint is not None),
             now(), issuer, year, seq, subject, json.dumps(content, ensure_ascii=False, sort_keys=True),
             content_sha256, signer_fingerprint, issued_on.isoformat(), backdate_reason, qr])
        return inserted_id(cursor)

    def get(self, number: str) -> RegisteredDocument:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM documents WHERE number = ?", [number.strip()]).fetchone()
        if row is None:
            raise NotFoundError(f"登记簿中没有文号为“{number}”的文书")
        return _document(row)

    def find(self, number: str) -> RegisteredDocument | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM documents WHERE number = ?", [number]).fetchone()
        return _document(row) if row else None

    def list(self, kind: str | None = None, contract_id: str | None = None) -> list[RegisteredDocument]:
        where, args = [], []
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if contract_id:
            where.append("contract_id = ?")
            args.append(contract_id)
        sql = f"SELECT {_COLUMNS} FROM documents" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [_document(r) for r in self.db.execute(sql, args)]

    def pdf(self, document_id: int) -> bytes:
        row = self.db.execute("SELECT pdf FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError("没有该文书")
        return bytes(row[0])
