"""Rectification notices as stored: drafts (editable), then issued and frozen by triggers."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..calendar import Period
from ..errors import NotFoundError, StateError
from .db import Store, inserted_id, now

STATUS_LABELS = {"draft": "草稿", "issued": "已签发", "received": "已签收", "rectified": "已整改待核验",
                 "closed": "已核验关闭", "escalated": "已升级处理", "superseded": "已被替代"}


@dataclass(frozen=True)
class Notice:
    id: int
    contract_id: str
    period: Period
    status: str
    number: str | None
    content: dict[str, Any]
    content_sha256: str | None
    deadline: dt.date | None
    document_id: int | None
    received_by: str | None
    received_at: str | None
    closed_at: str | None

    @property
    def label(self) -> str:
        return self.number or f"草稿 #{self.id}"

    def overdue(self, today: dt.date) -> bool:
        return self.status in ("issued", "received") and self.deadline is not None and today > self.deadline


def _row_to_notice(row: tuple[Any, ...]) -> Notice:
    return Notice(row[0], row[1], Period.parse(row[2]), row[3], row[4], json.loads(row[5]), row[6],
                  dt.date.fromisoformat(row[7]) if row[7] else None, row[8], row[9], row[10], row[11])


_COLUMNS = ("id, contract_id, period, status, number, content, content_sha256, deadline, document_id, received_by, "
            "received_at, closed_at")
# the columns a status change may set
_TRANSITION_COLUMNS = {"received_by", "received_at", "rectified_at", "report_evidence_id", "closed_by", "closed_at",
                       "escalated_at", "escalation"}


class NoticesRepo:
    def __init__(self, store: Store) -> None:
        self.db = store.db

    def get(self, key: int | str) -> Notice:
        """By id (int) or number (str)."""
        column = "id" if isinstance(key, int) else "number"
        row = self.db.execute(f"SELECT {_COLUMNS} FROM notices WHERE {column} = ?", [key]).fetchone()
        if row is None:
            raise NotFoundError(f"没有{'编号' if column == 'id' else '文号'}为“{key}”的整改通知书")
        return _row_to_notice(row)

    def list(self, contract_id: str | None = None) -> list[Notice]:
        sql = f"SELECT {_COLUMNS} FROM notices" + (" WHERE contract_id = ?" if contract_id else "") + " ORDER BY id"
        return [_row_to_notice(r) for r in self.db.execute(sql, [contract_id] if contract_id else [])]

    def add_draft(self, contract_id: str, period: Period, issuer: str, content: dict[str, Any],
                  supersedes_id: int | None, finding_ids: Sequence[int]) -> int:
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO notices (contract_id, period, issuer, content, supersedes_id, created_at) "
                "VALUES (?,?,?,?,?,?)",
                [contract_id, str(period), issuer, json.dumps(content, ensure_ascii=False), supersedes_id, now()])
            notice_id = inserted_id(cursor)
            self.db.conn.executemany("INSERT INTO notice_findings (notice_id, finding_id, position) VALUES (?,?,?)",
                                     [(notice_id, f, n) for n, f in enumerate(finding_ids)])
        return notice_id

    def set_draft_content(self, notice_id: int, content: dict[str, Any]) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE notices SET content = ? WHERE id = ? AND status = 'draft'",
                            [json.dumps(content, ensure_ascii=False), notice_id])

    def mark_issued(self, notice_id: int, *, number: str, document_id: int, content: dict[str, Any], digest: str,
                    deadline: dt.date, supersedes: str | None) -> None:
        """Inside the issuing transaction: the notice takes its number and document, its findings are noticed,
        and the notice it corrects is superseded."""
        year, seq = self.db.execute("SELECT year, seq FROM documents WHERE id = ?", [document_id]).fetchone()
        self.db.execute(
            "UPDATE notices SET status = 'issued', number = ?, year = ?, seq = ?, content = ?, content_sha256 = ?, "
            "deadline = ?, document_id = ?, issued_at = ? WHERE id = ?",
            [number, year, seq, json.dumps(content, ensure_ascii=False), digest, deadline.isoformat(), document_id,
             now(), notice_id])
        self.set_findings_status(notice_id, "noticed")
        if supersedes:
            self.db.execute("UPDATE notices SET status = 'superseded' WHERE number = ?", [supersedes])

    def set_findings_status(self, notice_id: int, status: str) -> None:
        self.db.execute("UPDATE findings SET status = ? WHERE id IN "
                        "(SELECT finding_id FROM notice_findings WHERE notice_id = ?)", [status, notice_id])

    def transition(self, number: str, allowed: tuple[str, ...], target: str, sets: dict[str, Any]) -> Notice:
        """Move an issued notice along its life (the triggers refuse any change to what was issued)."""
        unknown = set(sets) - _TRANSITION_COLUMNS
        if unknown:
            raise ValueError(f"not a status column: {sorted(unknown)}")
        notice = self.get(number)
        if notice.status not in allowed:
            raise StateError(f"{number} 当前状态为“{STATUS_LABELS[notice.status]}”，不能改为“{STATUS_LABELS[target]}”")
        assignments = ", ".join(f"{k} = ?" for k in sets)
        try:
            with self.db.atomic():
                self.db.execute(f"UPDATE notices SET status = ?, {assignments} WHERE id = ?",
                                [target, *sets.values(), notice.id])
        except sqlite3.IntegrityError:
            raise StateError(f"{number} 已签发，内容不能修改") from None
        return self.get(number)
