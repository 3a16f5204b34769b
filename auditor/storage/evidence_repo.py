"""Evidence files: copied into the app's store under their SHA-256, listed per month and item."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..calendar import Period
from ..errors import InputError
from ..hashing import copy_sha256, file_sha256
from .db import Store, inserted_id, now


@dataclass(frozen=True, slots=True)
class Evidence:
    id: int
    contract_id: str
    period: Period
    code: str
    filename: str
    sha256: str
    size: int
    added_at: dt.datetime


class EvidenceRepo:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def path_of(self, sha256: str) -> Path:
        return self.store.evidence_dir / sha256[:2] / sha256

    def add(self, contract_id: str, period: Period, code: str, source: Path) -> Evidence:
        """Copy ``source`` into the store (once per content) and record it for the item."""
        if not source.is_file():
            raise InputError(f"找不到证据文件 {source}")
        self.store.evidence_dir.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as reader, tempfile.NamedTemporaryFile(dir=self.store.evidence_dir, delete=False) as tmp:
            sha = copy_sha256(reader, tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        target = self.path_of(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(tmp.name)
        else:
            os.replace(tmp.name, target)  # atomic: a file under its hash is always complete
            self.store.placed(target)
        size = target.stat().st_size
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO evidence (contract_id, period, code, filename, sha256, size, added_at) "
                "VALUES (?,?,?,?,?,?,?)",
                [contract_id, str(period), code, source.name, sha, size, now()])
        return self.get(inserted_id(cursor))

    def hashes(self) -> list[str]:
        """Every distinct content held, by SHA-256 (as recorded: a value the file's owner may have altered)."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT sha256 FROM evidence ORDER BY sha256")]

    def get(self, evidence_id: int) -> Evidence:
        row = self.db.execute("SELECT id, contract_id, period, code, filename, sha256, size, added_at FROM evidence "
                              "WHERE id = ?", [evidence_id]).fetchone()
        if row is None:
            raise InputError(f"没有编号为 {evidence_id} 的证据")
        return Evidence(row[0], row[1], Period.parse(row[2]), row[3], row[4], row[5], row[6],
                        dt.datetime.fromisoformat(row[7]))

    def list(self, contract_id: str, period: Period, code: str | None = None) -> list[Evidence]:
        sql = "SELECT id FROM evidence WHERE contract_id = ? AND period = ?"
        args: list[str] = [contract_id, str(period)]
        if code is not None:
            sql += " AND code = ?"
            args.append(code)
        return [self.get(row[0]) for row in self.db.execute(sql + " ORDER BY id", args)]

    def verify(self, evidence: Evidence) -> bool:
        """Whether the stored copy still has the recorded hash."""
        path = self.path_of(evidence.sha256)
        if not path.is_file():
            return False
        return file_sha256(path) == evidence.sha256

    def export_copy(self, evidence: Evidence, folder: Path) -> Path:
        """A copy under its original name, for opening with the system's viewer."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{evidence.id}-{evidence.filename}"
        shutil.copyfile(self.path_of(evidence.sha256), target)
        return target
