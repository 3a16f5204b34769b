"""What a copy of the database file cannot reset: anchors outside it, and heads signed by the inspector.

The audit chain (``audit.py``) shows what changed inside a database file. It cannot show that the whole
file was replaced by an older copy of itself: that copy's chain is intact, only shorter, and its head file
can be copied with it. So after each of the app's transactions the database's (id, entry count, head hash)
is also written to a state file of the user's (``anchors.json`` in the user's config folder, or in
``AUDITOR_STATE_DIR``). A database whose chain no longer passes through the anchored head, or is shorter,
was replaced by an older copy or truncated; the first time a write sees it, the fact is kept in that file
as an event and reported for ever. A restore through the program is a replacement on purpose: it moves
the anchor and records itself.

The state file is only as safe as the user's account. Signed heads reach further: when the inspector's key
is at hand (every signed document) the (id, count, head) is signed and stored in the database, and anyone
holding the inspector's certificate can check that the chain still passes through it — so rewriting rows,
chain, head file and anchor together is caught too, unless the signer's key was used.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.serialization.pkcs12 import PKCS12PrivateKeyTypes
    from cryptography.x509 import Certificate

    from .audit import Checkpoint
    from .pki import Identity
    from .storage.db import Database, Store


class Queryable(Protocol):
    """The storage's Database or a bare connection (a restore reads the incoming file through one)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> sqlite3.Cursor: ...

STATE_ENV = "AUDITOR_STATE_DIR"
FILE_NAME = "anchors.json"
FORMAT = "auditor-anchors"
REPLACED = "数据库被旧副本替换或日志被截断"
MAX_EVENTS = 50
SIGNED_HEAD = "auditor-signed-head-1"

_HEX64 = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r"[0-9a-f-]{36}")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


# ------------------------------------------------------------------ the database's identity

@dataclass(frozen=True)
class DatabaseIdentity:
    database_id: str
    salt: str
    head_file: bool
    documents_before: int


def identity(db: Queryable) -> DatabaseIdentity | None:
    """None for a database older than the identity (opened before its upgrade ran)."""
    try:
        row = db.execute("SELECT database_id, salt, head_file, documents_before FROM database_identity "
                         "WHERE id = 1").fetchone()
    except Exception as exc:  # noqa: BLE001 — sqlite3 or sqlcipher3: no such table
        if "no such table" in str(exc):
            return None
        raise
    return DatabaseIdentity(str(row[0]), str(row[1]), bool(row[2]), int(row[3] or 0)) if row else None


def database_id(db: Database) -> str | None:
    found = identity(db)
    return found.database_id if found else None


def mark_head_file(db: Database) -> None:
    """From the app's first transaction on, the head file beside the database must exist (in that
    transaction: the change is sealed with it). A database upgraded or built elsewhere had none."""
    if identity(db) is not None:
        db.execute("UPDATE database_identity SET head_file = 1 WHERE id = 1 AND head_file = 0")


def last_entry(db: Queryable) -> tuple[int, str]:
    """(id, hash) of the newest log entry: ids run 1, 2, 3…, so the id is the entry count."""
    from .audit import GENESIS

    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def reaches(db: Database, count: int, head: str) -> bool:
    """Whether the chain still has ``head`` as its entry number ``count``."""
    if count == 0:
        return True
    row = db.execute("SELECT hash FROM audit_log WHERE id = ?", [count]).fetchone()
    return row is not None and row[0] == head


def _born_with_identity(db: Database) -> bool:
    """A database created by a program that gave it its identity at once (its first entry is that)."""
    row = db.execute("SELECT tbl FROM audit_log ORDER BY id LIMIT 1").fetchone()
    return row is None or row[0] == "database_identity"


# ------------------------------------------------------------------ the state file

def state_dir() -> Path:
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("auditor", appauthor=False))


def state_file() -> Path:
    return state_dir() / FILE_NAME


class _Damaged(Exception):
    """The state file is not one this program wrote."""


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": 1, "databases": {}, "paths": {}, "events": {}, "notes": [], "checkpoints": {}}


def _valid_anchor(value: object) -> bool:
    return (isinstance(value, dict) and type(value.get("count")) is int and 0 <= value["count"] < 2 ** 62
            and isinstance(value.get("head"), str) and bool(_HEX64.fullmatch(value["head"]))
            and isinstance(value.get("at"), str) and isinstance(value.get("path"), str))


def _read() -> dict[str, Any]:
    """The state file, checked (it lies in the user's folder: anything may have been written there)."""
    path = state_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    if len(raw) > 64 << 20:
        raise _Damaged
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Damaged from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != 1:
        raise _Damaged
    for key, kind in (("databases", dict), ("paths", dict), ("events", dict), ("notes", list), ("checkpoints", dict)):
        data.setdefault(key, kind())
        if not isinstance(data[key], kind):
            raise _Damaged
    if not all(isinstance(k, str) and _valid_anchor(v) for k, v in data["databases"].items()):
        raise _Damaged
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in data["paths"].items()):
        raise _Damaged
    if not all(isinstance(v, list) and all(isinstance(e, dict) for e in v) for v in data["events"].values()):
        raise _Damaged
    if not all(isinstance(n, dict) for n in data["notes"]):
        raise _Damaged
    if not all(isinstance(k, str) and _valid_anchor(v) and type(v.get("external")) is int and v["external"] >= 0
               for k, v in data["checkpoints"].items()):
        raise _Damaged
    return data


def _write(data: dict[str, Any]) -> None:
    """Atomically: a kill leaves the old file or the new one, never half of one."""
    folder = state_dir()
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=FILE_NAME + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, ensure_ascii=False))  # in one piece: the C encoder (not with indent)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, folder / FILE_NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One writer of the state file at a time (the app and a command may run together)."""
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / (FILE_NAME + ".lock"), "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _load_for_update() -> dict[str, Any]:
    """The state file to change; a damaged one is kept aside under a new name and noted, never overwritten."""
    try:
        return _read()
    except _Damaged:
        kept = state_file().with_name(f"{FILE_NAME}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S-%f}")
        os.replace(state_file(), kept)
        data = _empty()
        data["notes"].append({"kind": "damaged", "at": _now(), "kept": kept.name})
        return data


def _place(path: Path) -> str:
    return str(path.resolve())


_recorded: dict[tuple[str, str], tuple[str, int, str]] = {}  # (state file, place) → what this process wrote last there


def record(db: Database, path: Path | None) -> None:
    """After a commit: anchor the database's chain, first noting if it no longer reaches the last anchor.

    Never raises for the state file (the user's change is already committed): an anchor that could not be
    written only leaves the previous one, which the chain still passes through."""
    if path is None:
        return
    found = identity(db)
    if found is None:
        return
    place = _place(path)
    written = (str(state_file()), place)
    with contextlib.suppress(OSError):
        if _recorded.get(written) == (found.database_id, *last_entry(db)):
            return  # an unchanged chain is not written again
        with _locked():
            count, head = last_entry(db)  # read under the lock: a later writer's anchor is never undone
            data = _load_for_update()
            _note(db, data, found.database_id, place, count)
            data["databases"][found.database_id] = {"count": count, "head": head, "at": _now(), "path": place}
            data["paths"][place] = found.database_id
            _write(data)
            _recorded[written] = (found.database_id, count, head)


def _note(db: Database, data: dict[str, Any], database_id: str, place: str, count: int) -> None:
    """Keep, as events, a chain that no longer reaches its anchor and a database swapped for an old one."""
    events = []
    anchor = data["databases"].get(database_id)
    if anchor is not None and not reaches(db, anchor["count"], anchor["head"]):
        events.append({"kind": "replaced", "at": _now(), "path": place, "count": anchor["count"],
                       "head": anchor["head"], "found": count, "anchored_at": anchor["at"]})
    before = data["paths"].get(place)
    if _swapped(db, data, before, database_id):
        events.append({"kind": "swapped", "at": _now(), "path": place, "previous": before})
    if events:
        data["events"][database_id] = (data["events"].get(database_id, []) + events)[-MAX_EVENTS:]


def _swapped(db: Database, data: dict[str, Any], before: str | None, database_id: str) -> bool:
    """Another database, which had entries here, was replaced by one whose history began before it had an
    identity: an older copy from before the upgrade. A database created new at that path is not this."""
    if before is None or before == database_id:
        return False
    previous = data["databases"].get(before)
    return previous is not None and previous["count"] > 0 and not _born_with_identity(db)


def problems(db: Database, path: Path | None) -> list[str]:
    """What the anchors outside the file say about this database (empty for an in-memory one)."""
    if path is None:
        return []
    found = identity(db)
    if found is None:
        return []
    try:
        data = _read()
    except (_Damaged, OSError):
        return [f"本机的审计锚点文件 {state_file()} 无法读取（已损坏或被改动）：无法确认数据库未被旧副本替换"]
    place = _place(path)
    out = []
    anchor = data["databases"].get(found.database_id)
    if anchor is not None and not reaches(db, anchor["count"], anchor["head"]):
        count, _ = last_entry(db)
        out.append(f"{REPLACED}：{path} 的审计日志在 {anchor['at']} 已有 {anchor['count']} 条"
                   f"（本机记录的链头 {anchor['head'][:16]}…），现在" +
                   (f"只有 {count} 条" if count < anchor["count"] else f"第 {anchor['count']} 条已不是那个链头"))
    for event in data["events"].get(found.database_id, []):
        event = {k: str(v)[:200] for k, v in event.items()}  # shown as written, never trusted to be short
        at, where = event.get("at", ""), event.get("path", str(path))
        if event.get("kind") == "replaced":
            out.append(f"{REPLACED}（{at} 发现，{where}）：本机在 {event.get('anchored_at', '')} 记录的审计日志已有 "
                       f"{event.get('count', '')} 条，当时的数据库只有 {event.get('found', '')} 条或不含那时的链头")
        elif event.get("kind") == "swapped":
            out.append(f"{at} 发现 {where} 处的数据库被另一个（升级前的旧）数据库文件替换"
                       f"（本机此前在此处使用的数据库编号 {event.get('previous', '')[:8]}…）")
    before = data["paths"].get(place)
    if _swapped(db, data, before, found.database_id):
        out.append(f"{path} 处的数据库被另一个（升级前的旧）数据库文件替换"
                   f"（本机此前在此处使用的数据库编号 {before[:8]}…，现在是 {found.database_id[:8]}…）")
    for note in data["notes"]:
        if note.get("kind") == "damaged":
            out.append(f"{str(note.get('at', ''))[:40]} 发现本机的审计锚点文件损坏或被改动，已另存为 "
                       f"{str(note.get('kept', ''))[:200]}：此前的锚点无法再核对")
    return out


# ------------------------------------------------------------------ the last full check

def checkpoint(db: Database, path: Path | None) -> Checkpoint | None:
    """Where the last full check of this database on this machine found the chain intact (None: never, or
    the state file cannot be read). Kept here, outside the database, for the reason the anchor is: whoever
    edits the file cannot move it; moving it by hand only makes start-up check less before the first paint,
    never the full check that runs before any write."""
    from .audit import Checkpoint

    if path is None:
        return None
    found = identity(db)
    if found is None:
        return None
    try:
        value = _read()["checkpoints"].get(found.database_id)
    except (_Damaged, OSError):
        return None
    if value is None or value["path"] != _place(path):
        return None
    return Checkpoint(value["count"], value["head"], value["external"])


def record_checkpoint(db: Database, path: Path | None, point: Checkpoint) -> None:
    """After a full check that found the chain intact up to ``point``. Never raises for the state file."""
    if path is None:
        return
    found = identity(db)
    if found is None:
        return
    with contextlib.suppress(OSError), _locked():
        data = _load_for_update()
        data["checkpoints"][found.database_id] = {"count": point.count, "head": point.head,
                                                  "external": point.external, "at": _now(), "path": _place(path)}
        _write(data)


# ------------------------------------------------------------------ restore

def state_of(conn: Queryable) -> dict[str, Any] | None:
    """(database id, count, head) of a database about to be restored, for the restore journal."""
    try:
        count, head = last_entry(conn)
    except Exception:  # noqa: BLE001 — a database from before the audit chain
        return None
    found = identity(conn)
    return {"database_id": found.database_id if found else None, "count": count, "head": head}


def restored(db_path: Path, state: object) -> None:
    """A restore put the backup's database in place: its head file and the anchor follow it, and the
    restore is kept as an event. Idempotent (run again when a killed restore is finished)."""
    from .audit import head_file, write_head_value

    if not isinstance(state, dict):
        return
    database_id, count, head = state.get("database_id"), state.get("count"), state.get("head")
    if type(count) is not int or count < 0 or not isinstance(head, str) or not _HEX64.fullmatch(head):
        return
    write_head_value(head_file(db_path), head)
    place = _place(db_path)
    with contextlib.suppress(OSError), _locked():
        data = _load_for_update()
        if not isinstance(database_id, str) or not _ID.fullmatch(database_id):
            data["paths"].pop(place, None)  # a backup from before identities: it gets a new one when opened
        else:
            events = data["events"].setdefault(database_id, [])
            event = {"kind": "restored", "path": place, "count": count, "head": head}
            if not events or {k: events[-1].get(k) for k in event} != event:
                events.append({**event, "at": _now()})
                del events[:-MAX_EVENTS]
            data["databases"][database_id] = {"count": count, "head": head, "at": _now(), "path": place}
            data["paths"][place] = database_id
            data["checkpoints"].pop(database_id, None)  # another history: checked in full before it is trusted
        _write(data)
        _recorded.pop((str(state_file()), place), None)


# ------------------------------------------------------------------ signed heads

def head_payload(database_id: str, entry: int, head: str, signed_at: str, purpose: str,
                 document_id: int | None) -> bytes:
    """The bytes a signed head's signature covers."""
    return json.dumps([SIGNED_HEAD, database_id, entry, head, signed_at, purpose, document_id],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign_payload(key: PKCS12PrivateKeyTypes, payload: bytes) -> bytes:
    from .documents.payload import _sign

    return _sign(key, payload)


def sign_head(store: Store, signer: Identity, purpose: str = "document", document_id: int | None = None) -> None:
    """Inside the caller's transaction: seal what it changed so far, sign (id, count, head) with the
    inspector's key (``pki.Identity``) and store it. The row itself is sealed at the commit."""
    from . import audit
    from .pki import der

    db = store.db
    found = identity(db)
    if found is None:
        return
    audit.seal(db)
    entry, head = last_entry(db)
    signed_at = _now()
    signature = sign_payload(signer.key, head_payload(found.database_id, entry, head, signed_at, purpose,
                                                      document_id))
    db.execute("INSERT INTO signed_heads (database_id, entry, head, signed_at, purpose, document_id, certificate, "
               "chain, signature) VALUES (?,?,?,?,?,?,?,?,?)",
               [found.database_id, entry, head, signed_at, purpose, document_id, der(signer.certificate),
                b"".join(der(c) for c in signer.chain) or None, signature])


def _chain(blob: bytes | None) -> list[Certificate]:
    """The certificates above the signer's, stored back to back; none if they do not parse."""
    from .pki import split_certificates

    try:
        return list(split_certificates(bytes(blob))) if blob else []
    except Exception:  # noqa: BLE001 — a malformed chain only means the signer is not trusted through it
        return []


def signed_head_problems(db: Database, roots: Sequence[Certificate],
                         certificates: Sequence[Certificate] = ()) -> list[str]:
    """Every signed head is of this database, still in the chain, signed validly by a trusted certificate;
    every document signed since signed heads exist has its own. ``certificates``: what the person checking
    holds (the inspector's certificate or the agency root); when given, they alone are trusted. Documents
    received in a bundle were signed elsewhere (no signer recorded here) and have none."""
    from .documents.payload import _check
    from .errors import InputError
    from .pki import chain_status, describe, fingerprint, load_certificate

    found = identity(db)
    if found is None:
        return []
    out = []
    held = {fingerprint(c) for c in certificates}
    trust_cache: dict[str, tuple[bool, str]] = {}
    by_holder = 0
    numbers = dict(db.execute("SELECT id, number FROM documents").fetchall())
    for row in db.execute("SELECT id, database_id, entry, head, signed_at, purpose, document_id, certificate, chain, "
                          "signature FROM signed_heads ORDER BY id").fetchall():
        rid, owner, entry, head, signed_at, purpose, document_id, certificate, chain, signature = row
        document = f"，文书 {numbers[document_id]}" if document_id in numbers else ""
        where = f"签名链头（signed_heads 第 {rid} 行，{signed_at}{document}）"
        if owner != found.database_id:
            out.append(f"{where}属于另一个数据库（编号 {str(owner)[:8]}…）：记录是从别处复制来的")
            continue
        if type(entry) is not int or not isinstance(head, str) or not reaches(db, entry, head):
            out.append(f"{where}不在审计日志中：日志第 {entry} 条已不是签名时的样子，此前的记录被改写")
        try:
            cert = load_certificate(bytes(certificate or b""), f"{where}的证书")
        except InputError as exc:
            out.append(str(exc))
            continue
        payload = head_payload(owner, entry, head, signed_at, purpose, document_id)
        if not isinstance(signature, bytes) or not _check(cert.public_key(), signature, payload):
            out.append(f"{where}的签名无效：该记录被伪造或改动")
            continue
        digest = fingerprint(cert)
        if digest not in trust_cache:
            if certificates:
                trusted = digest in held or chain_status(cert, _chain(chain), list(certificates))[0]
                trust_cache[digest] = (trusted, "不是所给证书，也不是由它签发的证书")
            else:
                trust_cache[digest] = chain_status(cert, _chain(chain), roots)
        trusted, why = trust_cache[digest]
        if trusted:
            by_holder += 1
        else:
            out.append(f"{where}的签名证书不受信任（{describe(cert)}：{why}）")
    if certificates and not by_holder:
        out.append("数据库中没有由所给证书签名的链头：不能用它证明审计日志未被整体改写")
    for (number,) in db.execute("SELECT number FROM documents WHERE signer_fingerprint IS NOT NULL AND id > ? "
                                "AND id NOT IN (SELECT document_id FROM signed_heads WHERE document_id IS NOT NULL) "
                                "ORDER BY id", [found.documents_before]):
        out.append(f"已签发文书 {number} 签发时签名的链头不见了（signed_heads 中没有它）：签名记录被删除")
    return out
