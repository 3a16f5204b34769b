"""Contract operations: import a contract file, create a contract from a template.

An imported contract is stored in the database (it can be assessed at once) and kept as a user template in
the data directory (``contract new`` and the app's 「从模板新建」 offer it). Both happen in one transaction:
the template file is written last, inside it, and removed again if the transaction does not commit.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..contracts import parse_contract, read_contract_file, save_user_template, template_ids, user_templates_dir
from ..errors import InputError
from ..model import Contract
from . import Area, Changes, Outcome

if TYPE_CHECKING:
    from ..storage import Store


def import_contract(store: Store, path: Path, new_id: str | None = None) -> Outcome[Contract]:
    """A contract file (validated whole before anything is written), stored under its id or ``new_id``."""
    data = read_contract_file(Path(path))
    if new_id is not None:
        data["id"] = new_id
        parse_contract(data, source=f"合同文件 {Path(path).name}（合同编号改为 {new_id}）")
    if data["id"] in template_ids():
        raise InputError(f"合同编号“{data['id']}”是内置模板的编号；请用 --id 另取一个编号导入")
    user_dir = user_templates_dir(store.path)
    written: Path | None = None
    try:
        with store.db.atomic():
            contract = store.contracts.add(data, f"由文件 {Path(path).name} 导入")
            if user_dir is not None:
                written = save_user_template(data, user_dir)
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return Outcome(contract, Changes.of(Area.CONTRACTS, contract=contract.id))


def create_from_template(store: Store, template_id: str, new_id: str,
                         changes: Mapping[str, Any] | None = None) -> Outcome[Contract]:
    """A new contract copied from a built-in or user template, with ``changes`` (field path → value)."""
    contract = store.contracts.create_from_template(template_id, new_id, changes)
    return Outcome(contract, Changes.of(Area.CONTRACTS, contract=contract.id))
