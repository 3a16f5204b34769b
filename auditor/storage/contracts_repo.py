"""Contracts: stored as their validated template document (JSON), parsed on read.

Every accepted edit is kept as a numbered version (``contract_versions``, never changed afterwards):
a finalised month is assessed with the version it was finalised under, so an edit cannot move a figure
that was already signed; open months follow the current version.
"""
from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..calendar import Period
from ..contracts import load_template, parse_contract, set_field, template_ids, user_templates_dir
from ..errors import InputError, NotFoundError, StateError
from ..model import Contract
from .db import Store, now

SUMMARY_ITEMS = 4      # changed fields named in a version's summary; the rest are counted
SHOWN_VALUE = 24       # characters of an old or new value shown in the summary


@lru_cache(maxsize=64)
def _parse_stored(contract_id: str, text: str) -> Contract:
    """Stored documents are validated again on read (the file may have been edited), once per text in a
    process; the schema part once per text on this machine (``parse_contract``'s record, kept outside the
    database: a text changed in the file is a text never seen, checked in full)."""
    return parse_contract(json.loads(text), source=f"合同 {contract_id}", remember=True)


def _who() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name (a service account, a container): still recorded
        return "（未知用户）"


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


_ABSENT = object()


def _shown(value: Any) -> str:
    text = "（无）" if value is _ABSENT else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN_VALUE else text[:SHOWN_VALUE - 1] + "…"


def _differences(old: Any, new: Any, path: str = "") -> list[str]:
    """``path: old → new`` for every leaf that differs (a list that changed length is one difference)."""
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[str] = []
        for key in list(new) + [k for k in old if k not in new]:
            found += _differences(old.get(key, _ABSENT), new.get(key, _ABSENT), f"{path}.{key}" if path else key)
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [line for i, (a, b) in enumerate(zip(old, new)) for line in _differences(a, b, f"{path}[{i}]")]
    if old == new and type(old) is type(new):
        return []
    return [f"{path}: {_shown(old)} → {_shown(new)}"]


def describe_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """A short description of what an edit changed, kept with the version."""
    lines = _differences(dict(old), dict(new))
    text = "；".join(lines[:SUMMARY_ITEMS])
    return text + (f"；等共 {len(lines)} 处" if len(lines) > SUMMARY_ITEMS else "")


@dataclass(frozen=True, slots=True)
class ContractVersion:
    contract_id: str
    number: int
    at: str
    who: str
    summary: str


@dataclass(frozen=True, slots=True)
class EditImpact:
    """What editing a contract now would touch: finalised months keep their version, open ones follow."""

    contract_id: str
    current_version: int
    finalised: tuple[tuple[Period, int | None], ...]   # (month, the version it keeps)
    open: tuple[Period, ...]                            # months with entries, reassessed with the edit

    def describe(self) -> str:
        kept = "、".join(f"{p}（第 {v} 版）" if v else str(p) for p, v in self.finalised)
        text = f"已定稿的 {len(self.finalised)} 个月份保留定稿时的合同版本：{kept}"
        if self.open:
            text += f"；未定稿的 {len(self.open)} 个月份按修改后的合同重新考核：{'、'.join(map(str, self.open))}"
        return text


class FinalisedMonthsKeepTheirVersion(StateError):
    """The edit would apply to open months only: the caller must say so (nothing was stored)."""

    def __init__(self, impact: EditImpact) -> None:
        super().__init__(f"合同 {impact.contract_id} 已有定稿月份，修改只适用于未定稿的月份；{impact.describe()}。"
                         "已定稿月份只能逐月说明理由重新打开后再定稿，才会按新内容考核")
        self.impact = impact


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

    def _insert(self, data: dict[str, Any], template_id: str, summary: str | None = None) -> None:
        contract = parse_contract(data, source=f"合同 {data.get('id')}")
        stamp = now()
        self.db.execute(
            "INSERT INTO contracts (id, template_id, family, name, data, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?)",
            [contract.id, template_id, contract.family.value, contract.name, _dump(data), stamp, stamp])
        self._add_version(contract.id, 1, _dump(data), stamp, summary or f"由模板 {template_id} 创建")

    def add(self, data: dict[str, Any], summary: str) -> Contract:
        """A whole validated contract document (``auditor contract import``); its id must be new."""
        if self.exists(data["id"]):
            raise InputError(f"合同编号“{data['id']}”已存在；请用 --id 另取一个编号导入")
        self._insert(data, data["id"], summary)
        return self.get(data["id"])

    # ------------------------------------------------------------- versions
    def _add_version(self, contract_id: str, number: int, text: str, stamp: str, summary: str) -> None:
        self.db.execute("INSERT INTO contract_versions (contract_id, version, data, at, who, summary) "
                        "VALUES (?,?,?,?,?,?)", [contract_id, number, text, stamp, _who(), summary])

    def current_version(self, contract_id: str) -> int:
        """The number of the version in force (0 for a contract stored without any, e.g. from a bundle)."""
        row = self.db.execute("SELECT MAX(version) FROM contract_versions WHERE contract_id = ?",
                              [contract_id]).fetchone()
        return row[0] or 0

    def ensure_version(self, contract_id: str) -> int:
        """The current version's number, recording the current content as version 1 when none is stored
        (a contract that arrived in a bundle); call inside the writing transaction."""
        number = self.current_version(contract_id)
        if number:
            return number
        row = self.db.execute("SELECT data FROM contracts WHERE id = ?", [contract_id]).fetchone()
        if row is None:
            self.get(contract_id)  # names the missing contract
        self._add_version(contract_id, 1, row[0], now(), "首次记录版本时的现行内容")
        return 1

    def versions(self, contract_id: str) -> builtins.list[ContractVersion]:  # `list` is a method here
        return [ContractVersion(contract_id, *row) for row in self.db.execute(
            "SELECT version, at, who, summary FROM contract_versions WHERE contract_id = ? ORDER BY version",
            [contract_id])]

    def at_versions(self, contract_id: str, numbers: Iterable[int]) -> dict[int, Contract]:
        """The contract as it stood at each of ``numbers`` (a number not stored is left out)."""
        wanted = sorted(set(numbers))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        return {number: self._parse(contract_id, text) for number, text in self.db.execute(
            f"SELECT version, data FROM contract_versions WHERE contract_id = ? AND version IN ({marks})",
            [contract_id, *wanted])}

    def at_version(self, contract_id: str, number: int) -> Contract:
        found = self.at_versions(contract_id, [number]).get(number)
        if found is None:
            raise NotFoundError(f"合同 {contract_id} 没有第 {number} 版")
        return found

    def edit_impact(self, contract_id: str) -> EditImpact:
        from .months_repo import MonthsRepo

        months = MonthsRepo(self.store)
        finalised = months.finalised_versions(contract_id)
        opened = sorted(p for p, status in months.statuses(contract_id).items() if status != "final")
        return EditImpact(contract_id, self.current_version(contract_id),
                          tuple(sorted(finalised.items())), tuple(opened))

    def create_from_template(self, template_id: str, new_id: str,
                             changes: Mapping[str, Any] | None = None) -> Contract:
        """A new contract copied from a built-in template, with ``changes`` (field path → value) applied."""
        data = load_template(template_id, user_templates_dir(self.store.path))
        data["id"] = new_id
        for path, value in (changes or {}).items():
            data = set_field(data, path, value)
        if self.exists(new_id):
            raise InputError(f"合同编号“{new_id}”已存在")
        with self.db.atomic():
            self._insert(data, template_id)
        return self.get(new_id)

    def update(self, contract_id: str, changes: Mapping[str, Any], *, open_months_only: bool = False) -> Contract:
        """Apply several field changes at once as a new version; all validate or none is stored.

        When months are finalised the caller must confirm with ``open_months_only``: they keep the version
        they were assessed under (a finalised month changes only by reopening it with a reason), and
        without the confirmation nothing is stored (FinalisedMonthsKeepTheirVersion)."""
        with self.db.atomic():
            before = self.data(contract_id)
            data = before
            for path, value in changes.items():
                if path == "id":
                    raise InputError("合同编号创建后不能修改")
                data = set_field(data, path, value)
            contract = parse_contract(data, source=f"合同 {contract_id}")
            text = _dump(data)
            if text == _dump(before):
                return contract  # nothing changed: no new version
            impact = self.edit_impact(contract_id)
            if impact.finalised and not open_months_only:
                raise FinalisedMonthsKeepTheirVersion(impact)
            stamp = now()
            number = self.ensure_version(contract_id) + 1
            self._add_version(contract_id, number, text, stamp, describe_changes(before, data))
            self.db.execute("UPDATE contracts SET data = ?, name = ?, updated_at = ? WHERE id = ?",
                            [text, contract.name, stamp, contract_id])
        return contract
