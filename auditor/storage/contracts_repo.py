"""Contracts: stored as their validated template document (JSON), parsed on read."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Mapping

from ..contracts import load_template, parse_contract, set_field, template_ids
from ..errors import InputError, NotFoundError
from ..model import Contract
from .db import Store, now


@lru_cache(maxsize=64)
def _parse_stored(contract_id: str, text: str) -> Contract:
    """Stored documents are validated again on read (the file may have been edited), once per text."""
    return parse_contract(json.loads(text), source=f"合同 {contract_id}")


class ContractsRepo:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def seed_builtins(self) -> None:
        with self.db.atomic():
            for template_id in template_ids():
                if not self.exists(template_id):
                    self._insert(load_template(template_id), template_id)

    def exists(self, contract_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM contracts WHERE id = ?", [contract_id]).fetchone() is not None

    def ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM contracts ORDER BY id")]

    def list(self) -> list[Contract]:
        return [self._parse(row[0], row[1]) for row in self.db.execute("SELECT id, data FROM contracts ORDER BY id")]

    def get(self, contract_id: str) -> Contract:
        row = self.db.execute("SELECT data FROM contracts WHERE id = ?", [contract_id]).fetchone()
        if row is None:
            known = "、".join(self.ids()) or "（无）"
            raise NotFoundError(f"没有编号为“{contract_id}”的合同；已有合同：{known}")
        return self._parse(contract_id, row[0])

    def data(self, contract_id: str) -> dict[str, Any]:
        return dict(self.get(contract_id).data)

    def _parse(self, contract_id: str, text: str) -> Contract:
        return _parse_stored(contract_id, text)

    def _insert(self, data: dict[str, Any], template_id: str) -> None:
        contract = parse_contract(data, source=f"合同 {data.get('id')}")
        stamp = now()
        self.db.execute(
            "INSERT INTO contracts (id, template_id, family, name, data, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            [contract.id, template_id, contract.family.value, contract.name,
             json.dumps(data, ensure_ascii=False, sort_keys=True), stamp, stamp])

    def create_from_template(self, template_id: str, new_id: str,
                             changes: Mapping[str, Any] | None = None) -> Contract:
        """A new contract copied from a built-in template, with ``changes`` (field path → value) applied."""
        data = load_template(template_id)
        data["id"] = new_id
        for path, value in (changes or {}).items():
            data = set_field(data, path, value)
        if self.exists(new_id):
            raise InputError(f"合同编号“{new_id}”已存在")
        with self.db.atomic():
            self._insert(data, template_id)
        return self.get(new_id)

    def update(self, contract_id: str, changes: Mapping[str, Any]) -> Contract:
        """Apply several field changes at once; all validate or none is stored."""
        data = self.data(contract_id)
        for path, value in changes.items():
            if path == "id":
                raise InputError("合同编号创建后不能修改")
            data = set_field(data, path, value)
        contract = parse_contract(data, source=f"合同 {contract_id}")
        with self.db.atomic():
            self.db.execute("UPDATE contracts SET data = ?, name = ?, updated_at = ? WHERE id = ?",
                            [json.dumps(data, ensure_ascii=False, sort_keys=True), contract.name, now(), contract_id])
        return contract
