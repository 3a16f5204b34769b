"""The operator's submissions as imported rows, column maps, approvals, spot checks, confidentiality."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import json.encoder
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple, TypedDict

from ..calendar import Period
from ..imports import ImportResult
from ..payroll import Dataset
from ..staffing import SpotCheck, SpotEntry
from .db import Store, inserted_id, now


class ImportInfo(TypedDict):
    """One submission as imported (its rows apart)."""

    kind: str
    source: str
    received_on: str
    row_count: int
    sha256: str


# A stored row is the record as JSON, a value JSON cannot hold written as tagged text: "d:" a Decimal, "date:" a
# date, "time:" a time (to the minute). A text the operator wrote that starts like a tag ("d:abc", "s:d:x") is
# stored behind the escape tag "s:", so it cannot come back as a number, a date or a crash; every other text
# is stored as it is, byte for byte what was stored before there was an escape (the audit chain hashes them).
_TYPE_TAGS = ("d:", "date:", "time:")
_ESCAPE = "s:"
_HEADS = (*_TYPE_TAGS, _ESCAPE)


def _escaped(text: str) -> str:
    """The text as stored: behind the escape tag when ``_decode`` would otherwise read it as something else."""
    if text.startswith(_TYPE_TAGS) or (text.startswith(_ESCAPE) and text[2:].startswith(_HEADS)):
        return _ESCAPE + text
    return text


def _encode(value: Any) -> Any:
    if isinstance(value, str):
        return _escaped(value)
    if isinstance(value, Decimal):
        return f"d:{value}"
    if isinstance(value, dt.date):
        return f"date:{value.isoformat()}"
    if isinstance(value, dt.time):
        return f"time:{value.strftime('%H:%M')}"
    return value


def _decode(value: Any) -> Any:
    """A stored value back. "s:" comes off only in front of what the escape protects, so a row stored before
    there was an escape keeps its "s:x" (only an old "s:d:…", "s:date:…", "s:time:…" or "s:s:…" loses its
    first two characters); an old row's tagged text no tag can read ("d:abc") is that text, not a crash."""
    if isinstance(value, str):
        if value.startswith(_ESCAPE) and value[2:].startswith(_HEADS):
            return value[2:]
        try:
            if value.startswith("d:"):
                return Decimal(value[2:])
            if value.startswith("date:"):
                return dt.date.fromisoformat(value[5:])
            if value.startswith("time:"):
                return dt.time.fromisoformat(value[5:])
        except (ArithmeticError, ValueError):   # decimal.InvalidOperation is an ArithmeticError
            return value
    return value


_MEMOISED = (dt.date, dt.time)   # equal values, equal text (not so Decimal: 1.0 and 1.00 are equal)
# where a stored row has a text value starting like a tag: `"field": "d:…`. Inside a JSON string every quote is
# escaped, so `": "` is only ever a key followed by a text value.
_TAG_STARTS = tuple(f'": "{head}' for head in _HEADS)


def _row_encoder(default: Callable[[Any], str]) -> Callable[[Mapping[str, Any]], str]:
    """``json.dumps(record, ensure_ascii=False, default=default)``, the same text, with the C encoder made once
    for a file's rows rather than once per row as ``JSONEncoder.encode`` makes it (a quarter of the time)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython has it
        return json.JSONEncoder(ensure_ascii=False, default=default).encode
    encode = make(None, default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda record: "".join(encode(record, 0))


class _Encoded(NamedTuple):
    rows: list[tuple[int, str]]   # (row number, JSON text) in row order, as stored
    text: str                     # what the rows' seal (imports.rows_sha256) hashes
    exact: bool                   # the texts decode to the very records


def _encoded(records: Iterable[Mapping[str, Any]]) -> _Encoded:
    """Each record as stored, (row number, text) in row order, and whether the texts decode to the records
    exactly (a time with seconds does not: it is stored to the minute).

    Text is written by the C encoder as it is; whether any starts like a tag is counted in the JSON (each
    tagged value the encoder asked for accounts for one `": "d:`-like start, any further one is a text), and
    only then are the rows written again with their texts escaped."""
    typed = 0
    exact = True
    memo: dict[Any, str] = {}

    def tag(value: Any) -> str:
        nonlocal typed, exact
        typed += 1
        if value.__class__ is Decimal:
            return f"d:{value}"
        if value.__class__ in _MEMOISED and value in memo:
            return memo[value]
        text = _encode(value)
        if not isinstance(text, str):
            raise TypeError(f"{type(value).__name__} cannot be stored")
        if value.__class__ in _MEMOISED:
            memo[value] = text
        back = _decode(text)
        if back != value or back.__class__ is not value.__class__:
            exact = False
        return text

    from ..audit import rows_text

    rows = sorted(records, key=itemgetter("_row"))
    encode = _row_encoder(tag)
    stored = [(r["_row"], encode(r)) for r in rows]
    text = rows_text(stored)
    if sum(text.count(start) for start in _TAG_STARTS) != typed:
        stored = [(r["_row"], encode({k: _escaped(v) if isinstance(v, str) else v for k, v in r.items()}))
                  for r in rows]
        text = rows_text(stored)
    return _Encoded(stored, text, exact)


_TAGGED = ("d:", "da", "ti", _ESCAPE)   # the first two characters of what _decode may turn into another value


def _decoded(texts: list[str]) -> tuple[dict[str, Any], ...]:
    """Rows as stored, parsed in one call (its keys shared by every row, not copied per row: 20,000 persons'
    four files fit in half the memory) and each tagged value decoded once per distinct text."""
    records = json.loads(f"[{','.join(texts)}]") if texts else []
    if len(records) != len(texts) or not all(type(r) is dict for r in records):   # a row edited outside the app
        records = [json.loads(text) for text in texts]
    seen: dict[str, Any] = {}
    for record in records:
        for key, value in record.items():
            if value.__class__ is str and value[:2] in _TAGGED:
                if value not in seen:
                    seen[value] = _decode(value)
                record[key] = seen[value]
    return tuple(records)


# The files of the month last stored through each store, as the records that were stored: the month's
# reconciliation right after its import need not read and parse them back. A record is used only while the
# month's seal in the database is the seal of what was stored (equal seals, equal stored text, equal records:
# an import rolled back, replaced or edited outside is read from the database), and only when its text
# decodes to the very record.
_Key = tuple[str, str, str]   # contract, period, kind
_stored: weakref.WeakKeyDictionary[Store, dict[_Key, tuple[str, tuple[Mapping[str, Any], ...]]]] = \
    weakref.WeakKeyDictionary()


_keeping = threading.Lock()   # two imports may finish on two workers at once


def _keep(store: Store, key: _Key, sealed: str, records: tuple[Mapping[str, Any], ...] | None) -> None:
    with _keeping:
        kept = _stored.setdefault(store, {})
        for other in [k for k in kept if k[:2] != key[:2] or (k == key and records is None)]:
            del kept[other]
        if records is not None:
            kept[key] = (sealed, records)


def _kept(store: Store, key: _Key, sealed: str | None) -> tuple[Mapping[str, Any], ...] | None:
    found = _stored.get(store, {}).get(key)
    return found[1] if found is not None and sealed is not None and found[0] == sealed else None


class PersonnelRepo:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # ------------------------------------------------------------- imports
    def save_import(self, contract_id: str, period: Period, result: ImportResult, received_on: dt.date) -> int:
        """Replace the month's submission of this kind, rows and all, in one transaction.

        The rows are sealed (``imports.rows_sha256``) from the text being stored, not read back; and they are
        kept for the month's next load (reconciliation just after the import), the records themselves: they
        are not to be changed once stored."""
        encoded = _encoded(result.records)
        sealed = hashlib.sha256(encoded.text.encode()).hexdigest()
        with self.db.atomic():
            self.db.execute("DELETE FROM imports WHERE contract_id = ? AND period = ? AND kind = ?",
                            [contract_id, str(period), result.kind])
            cursor = self.db.execute(
                "INSERT INTO imports (contract_id, period, kind, source, sha256, received_on, imported_at, columns, "
                "row_count, rows_sha256) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [contract_id, str(period), result.kind, result.source, result.sha256, received_on.isoformat(), now(),
                 json.dumps(dict(result.columns), ensure_ascii=False), len(result.records), sealed])
            import_id = inserted_id(cursor)
            self.db.conn.executemany("INSERT INTO import_rows (import_id, row_no, data) VALUES (?, ?, ?)",
                                     [(import_id, row_no, data) for row_no, data in encoded.rows])
            self.db.execute("INSERT INTO submissions (contract_id, period, kind, received_on, source, sha256) "
                            "VALUES (?,?,?,?,?,?)", [contract_id, str(period), result.kind, received_on.isoformat(),
                                                     result.source, result.sha256])
        _keep(self.store, (contract_id, str(period), result.kind), sealed,
              tuple(result.records) if encoded.exact else None)
        return import_id

    def dataset(self, contract_id: str, period: Period, kind: str) -> Dataset | None:
        row = self.db.execute("SELECT id, source, received_on, rows_sha256 FROM imports WHERE contract_id = ? "
                              "AND period = ? AND kind = ?", [contract_id, str(period), kind]).fetchone()
        if row is None:
            return None
        records = _kept(self.store, (contract_id, str(period), kind), row[3])
        if records is None:
            records = _decoded([data for (data,) in self.db.execute(
                "SELECT data FROM import_rows WHERE import_id = ? ORDER BY row_no", [row[0]])])
        return Dataset(kind, row[1], dt.date.fromisoformat(row[2]), records)

    def datasets(self, contract_id: str, period: Period) -> dict[str, Dataset]:
        kinds = [r[0] for r in self.db.execute("SELECT kind FROM imports WHERE contract_id = ? AND period = ?",
                                               [contract_id, str(period)])]
        return {kind: data for kind in kinds if (data := self.dataset(contract_id, period, kind)) is not None}

    def imports(self, contract_id: str, period: Period) -> list[ImportInfo]:
        return [ImportInfo(kind=kind, source=source, received_on=received_on, row_count=rows, sha256=sha256)
                for kind, source, received_on, rows, sha256 in self.db.execute(
                    "SELECT kind, source, received_on, row_count, sha256 FROM imports WHERE contract_id = ? "
                    "AND period = ? ORDER BY kind", [contract_id, str(period)])]

    # ------------------------------------------------------------- column maps (per operator)
    def column_map(self, operator: str, kind: str) -> dict[str, str]:
        return {h: f for h, f in self.db.execute(
            "SELECT header, field FROM column_maps WHERE operator = ? AND kind = ?", [operator, kind])}

    def remember_columns(self, operator: str, kind: str, mapping: Mapping[str, str]) -> None:
        with self.db.atomic():
            for header, field in mapping.items():
                self.db.execute("INSERT OR REPLACE INTO column_maps (operator, kind, header, field) VALUES (?,?,?,?)",
                                [operator, kind, header, field])

    def column_maps(self, operator: str) -> list[tuple[str, str, str]]:
        """Every header remembered for ``operator``: (kind, header as written, field)."""
        return [(k, h, f) for k, h, f in self.db.execute(
            "SELECT kind, header, field FROM column_maps WHERE operator = ? ORDER BY kind, header", [operator])]

    def forget_column(self, operator: str, kind: str, header: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM column_maps WHERE operator = ? AND kind = ? AND header = ?",
                            [operator, kind, header])

    # ------------------------------------------------------------- approvals
    def approve_departure(self, contract_id: str, id_number: str, approved_on: dt.date, reference: str) -> None:
        with self.db.atomic():
            self.db.execute("INSERT INTO departure_approvals (contract_id, id_number, approved_on, reference) "
                            "VALUES (?,?,?,?)", [contract_id, id_number, approved_on.isoformat(), reference])

    def approved_departures(self, contract_id: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id_number FROM departure_approvals WHERE contract_id = ?",
                                              [contract_id])}

    # ------------------------------------------------------------- spot checks
    def start_spot_check(self, contract_id: str, started_at: dt.datetime, place: str, inspectors: str,
                         entries: Iterable[SpotEntry]) -> int:
        with self.db.atomic():
            cursor = self.db.execute("INSERT INTO spot_checks (contract_id, started_at, place, inspectors) "
                                     "VALUES (?,?,?,?)", [contract_id, started_at.isoformat(timespec="minutes"),
                                                          place, inspectors])
            check_id = inserted_id(cursor)
            for e in entries:
                self._put_mark(check_id, e)
        return check_id

    def _put_mark(self, check_id: int, e: SpotEntry) -> None:
        self.db.execute("INSERT INTO spot_marks "
                        "(spot_check_id, person_key, name, employee_no, role, on_roster, status, at) "
                        "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (spot_check_id, person_key) DO UPDATE SET "
                        "status = excluded.status, at = excluded.at",
                        [check_id, e.key, e.name, e.employee_no, e.role, int(e.on_roster), e.status, now()])

    def mark(self, check_id: int, entry: SpotEntry) -> None:
        with self.db.atomic():
            self._put_mark(check_id, entry)

    def spot_entries(self, check_id: int) -> list[SpotEntry]:
        return [SpotEntry(k, n, no, role, bool(on), status) for k, n, no, role, on, status in self.db.execute(
            "SELECT person_key, name, employee_no, role, on_roster, status FROM spot_marks WHERE spot_check_id = ? "
            "ORDER BY id", [check_id])]

    def finish_spot_check(self, check_id: int, failed: bool, summary: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE spot_checks SET finished_at = ?, failed = ?, summary = ? WHERE id = ?",
                            [now(), int(failed), summary, check_id])

    def spot_check(self, check_id: int) -> SpotCheck:
        row = self.db.execute("SELECT id, contract_id, started_at, place, inspectors, finished_at, failed, summary "
                              "FROM spot_checks WHERE id = ?", [check_id]).fetchone()
        if row is None:
            from ..errors import NotFoundError

            raise NotFoundError(f"没有编号为 {check_id} 的现场抽查")
        rid, contract_id, started_at, place, inspectors, finished_at, failed, summary = row
        return SpotCheck(id=rid, contract_id=contract_id, started_at=started_at, place=place, inspectors=inspectors,
                         finished_at=finished_at, failed=failed, summary=summary)

    def spot_checks(self, contract_id: str) -> list[SpotCheck]:
        """The contract's spot checks, the latest first."""
        rows = self.db.execute("SELECT id, contract_id, started_at, place, inspectors, finished_at, failed, summary "
                               "FROM spot_checks WHERE contract_id = ? ORDER BY started_at DESC, id DESC",
                               [contract_id]).fetchall()
        return [SpotCheck(id=r[0], contract_id=r[1], started_at=r[2], place=r[3], inspectors=r[4], finished_at=r[5],
                          failed=r[6], summary=r[7]) for r in rows]

    def failed_spot_checks(self, contract_id: str) -> int:
        count: int = self.db.execute("SELECT COUNT(*) FROM spot_checks WHERE contract_id = ? AND failed = 1",
                                     [contract_id]).fetchone()[0]
        return count

    # ------------------------------------------------------------- confidentiality
    def set_duty(self, contract_id: str, period: Period, duty: str, status: str, note: str = "") -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO confidentiality_checks (contract_id, period, duty, status, note, "
                            "updated_at) VALUES (?,?,?,?,?,?)", [contract_id, str(period), duty, status, note, now()])

    def duties(self, contract_id: str, period: Period) -> dict[str, tuple[str, str]]:
        return {d: (s, n) for d, s, n in self.db.execute(
            "SELECT duty, status, note FROM confidentiality_checks WHERE contract_id = ? AND period = ?",
            [contract_id, str(period)])}

    def add_commitment(self, contract_id: str, id_number: str, name: str, signed_on: dt.date) -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO commitments (contract_id, id_number, name, signed_on) "
                            "VALUES (?,?,?,?)", [contract_id, id_number, name, signed_on.isoformat()])

    def commitments(self, contract_id: str) -> dict[str, dt.date]:
        return {i: dt.date.fromisoformat(d) for i, d in self.db.execute(
            "SELECT id_number, signed_on FROM commitments WHERE contract_id = ?", [contract_id])}


def reveal_id(store: Store, id_number: str, reason: str, context: str = "", who: str | None = None) -> str:
    """Return the full ID number and log who asked, when and why. A reason is required."""
    import getpass

    from .. import idcard
    from ..errors import InputError

    if not reason.strip():
        raise InputError("查看完整身份证号须说明理由（将记入日志）")
    with store.db.atomic():
        store.db.execute("INSERT INTO id_reveals (at, who, masked, reason, context) VALUES (?,?,?,?,?)",
                         [now(), who or getpass.getuser(), idcard.mask(id_number), reason.strip(), context])
    return id_number
