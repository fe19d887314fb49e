"""Several app servers, one published plan: every server keeps its own read-only copy of the plan database.

Only with the shared state in PostgreSQL (STRATEGY_STATE_URL); the embedded single-machine mode has one copy
and nothing to publish, so every function here does nothing there.

The server that imports, undoes or rebuilds after a unit review publishes the database file it built into
the shared state, in parts of PART_BYTES, in the same transaction that bumps plan_version: version N always
comes with file N, and a process killed while publishing leaves the previous version in force. With it go
the list of imported documents the file was built from (their bytes are in imported_documents) and, per
import not undone, the files it superseded, so that an undo can also be made on any server.

Every other server notices the new version (a background thread asks every STRATEGY_PLAN_POLL seconds,
default 2; one indexed read) and fetches it: the parts are written to a temporary file beside the database,
checked against the sha256, then swapped in with os.replace, which the query runner (analytics.db) notices
and reopens. Fetched, not rebuilt: at 500 universities fetching took about a second against half a minute
for a build (docs/deploy.md has the figures), and every server then serves the very same file.

Before an import, undo or rebuild a server first catches up (under the plan lock, so on one server at a
time): its imported-documents folder, the undo snapshots and its database file are brought to the newest
published version, so that the new build starts from what every server shows.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from parse.errors import LoadError
from plandb.atomic_files import write_bytes, write_json
from plandb.build import crash_point, db_path, imported_files, imports_dir
from state import user_store

PART_BYTES = 8 << 20
KEEP_VERSIONS = 2  # the newest and the one before: a server still downloading the older one can finish
log = logging.getLogger(__name__)


def enabled() -> bool:
    return user_store.backend() == "postgresql"


def poll_seconds() -> float:
    return float(os.environ.get("STRATEGY_PLAN_POLL", "2"))


def snapshots_dir() -> Path:
    return imports_dir().parent / "snapshots"


@dataclass(frozen=True)
class Published:
    version: int
    sha256: str
    size_bytes: int
    parts: int
    imported_files: list[dict]
    snapshots: dict[str, dict]


def _marker(db: Path) -> Path:
    return db.with_name(f"{db.name}.published")


def _stat(db: Path) -> list[int]:
    st = db.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def local_version(db: Path | None = None) -> int:
    """The published version this server's database file is: 0 when none yet, or when the file was built here
    since (a recovery or a command-line build swaps in another file: the next check fetches the published one)."""
    db = Path(db or db_path())
    try:
        marker = json.loads(_marker(db).read_text(encoding="utf-8"))
        return int(marker["version"]) if marker.get("file") == _stat(db) else 0
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0


def mark_local(db: Path, version: int, sha256: str) -> None:
    """Record which published version the database file is (after it was swapped in)."""
    write_json(_marker(db), {"version": version, "sha256": sha256, "file": _stat(db)})


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def newest_version() -> int:
    """The newest published version (0 when nothing was published yet)."""
    df = user_store.read("SELECT max(version) AS v FROM published_plan")
    return 0 if df.empty or df.v.isna().iloc[0] else int(df.v.iloc[0])


def newest() -> Published | None:
    df = user_store.read("SELECT version, sha256, size_bytes, parts, imported_files, snapshots FROM published_plan "
                         "ORDER BY version DESC LIMIT 1")
    if df.empty:
        return None
    r = df.iloc[0]
    return Published(int(r.version), str(r.sha256), int(r.size_bytes), int(r.parts), json.loads(r.imported_files),
                     json.loads(r.snapshots))


def _store_missing(con, files: dict[str, Path], who: str) -> None:
    """Put into imported_documents the files whose content is not there yet (normally all are)."""
    if not files:
        return
    have = {r[0] for r in con.execute("SELECT sha256 FROM imported_documents WHERE sha256 = ANY(?)",
                                      [list(files)]).fetchall()}
    for sha, path in files.items():
        if sha not in have:
            user_store.store_document(path.read_bytes(), path.name, who, path.name.split("__", 1)[0], con=con)


def publish(con, version: int, db: Path, who: str, current: dict[str, dict] | None = None) -> str | None:
    """Inside the caller's shared-state transaction (the one that bumped plan_version to `version`): store the
    database file and what it was built from. `current`: the manifest ({"added", "moved"}) of an import being
    committed in this transaction (its snapshot manifest is written after the commit). Returns the file's
    sha256, or None in the embedded mode."""
    if not enabled():
        return None
    folder = imports_dir()
    files = {p.name: (_sha(p), p) for p in imported_files(folder)}
    snapshots: dict[str, dict] = {}
    content: dict[str, Path] = {sha: p for sha, p in files.values()}
    for (import_id,) in con.execute("SELECT import_id FROM import_log WHERE undone_at IS NULL").fetchall():
        manifest = snapshots_dir() / import_id / "manifest.json"
        if current and import_id in current:
            m = current[import_id]
        elif manifest.exists():
            m = json.loads(manifest.read_text(encoding="utf-8"))
        else:
            continue
        moved = []
        for name in m["moved"]:
            saved = snapshots_dir() / import_id / name
            if saved.exists():
                sha = _sha(saved)
                content[sha] = saved
                moved.append({"name": name, "sha256": sha})
        snapshots[import_id] = {"added": m["added"], "moved": moved}
    _store_missing(con, content, who)
    h = hashlib.sha256()
    size = db.stat().st_size
    parts = 0
    with db.open("rb") as fh:
        while chunk := fh.read(PART_BYTES):
            h.update(chunk)
            con.execute("INSERT INTO published_plan_parts VALUES (?, ?, ?)", [version, parts, chunk])
            parts += 1
            crash_point("publishing")  # the crash test: killed with the transaction open
    sha = h.hexdigest()
    listing = [{"name": n, "sha256": s} for n, (s, _p) in sorted(files.items())]
    con.execute("INSERT INTO published_plan VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [version, sha, size, parts, json.dumps(listing), json.dumps(snapshots), who,
                 dt.datetime.now().replace(microsecond=0)])
    con.execute("DELETE FROM published_plan WHERE version <= ?", [version - KEEP_VERSIONS])
    return sha


def _document(sha: str, name: str) -> bytes:
    content = user_store.document(sha)
    if content is None:
        raise LoadError(name, "shared state, imported documents", f"the stored document with sha256 {sha[:12]}…")
    return content


def _materialise(pub: Published) -> None:
    """Bring the imported-documents folder and the undo snapshots in line with the published version. A local
    file the published version does not list is kept aside in snapshots/unpublished, never deleted."""
    folder = imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {f["name"]: f["sha256"] for f in pub.imported_files}
    for path in imported_files(folder):
        if path.name not in wanted:
            aside = snapshots_dir() / "unpublished"
            aside.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), aside / path.name)
    for name, sha in wanted.items():
        path = folder / name
        if not path.exists() or _sha(path) != sha:
            write_bytes(path, _document(sha, name))
    for import_id, snap in pub.snapshots.items():
        folder_ = snapshots_dir() / import_id
        folder_.mkdir(parents=True, exist_ok=True)
        for moved in snap["moved"]:
            if not (folder_ / moved["name"]).exists():
                write_bytes(folder_ / moved["name"], _document(moved["sha256"], moved["name"]))
        manifest = folder_ / "manifest.json"
        if not manifest.exists():
            write_json(manifest, {"added": snap["added"], "moved": [m["name"] for m in snap["moved"]]})


def _download(pub: Published, db: Path) -> None:
    """The published file into a temporary file beside the database, checked, then swapped in."""
    pg = user_store.pg_state()
    assert pg is not None
    tmp = db.with_name(f".{db.name}.building-fetch-{os.getpid()}")
    h = hashlib.sha256()
    try:
        with pg.connection() as conn, tmp.open("wb") as fh:
            for part in range(pub.parts):
                row = conn.execute("SELECT data FROM published_plan_parts WHERE version = %s AND part = %s",
                                   [pub.version, part]).fetchone()
                if row is None:  # superseded and removed meanwhile: the next check fetches the newer one
                    raise LoadError("shared state", f"published plan {pub.version}, part {part + 1}",
                                    "every part of the published database file")
                h.update(row[0])
                fh.write(row[0])
            fh.flush()
            os.fsync(fh.fileno())
        if h.hexdigest() != pub.sha256:
            raise LoadError("shared state", f"published plan {pub.version}", f"a file with sha256 {pub.sha256[:12]}…",
                            h.hexdigest()[:12] + "…")
        os.replace(tmp, db)
    finally:
        tmp.unlink(missing_ok=True)
    mark_local(db, pub.version, pub.sha256)


def catch_up(db: Path | None = None) -> int | None:
    """Call with the import lock held. Bring this server's documents, snapshots and database file to the newest
    published version; returns that version when anything was fetched, None when already there (or embedded)."""
    if not enabled():
        return None
    db = Path(db or db_path())
    pub = newest()
    if pub is None or (pub.version <= local_version(db) and db.exists()):
        return None
    started = time.perf_counter()
    _materialise(pub)
    _download(pub, db)
    log.info("fetched published plan %s (%d bytes) in %.2f s", pub.version, pub.size_bytes,
             time.perf_counter() - started)
    return pub.version


def check(db: Path | None = None) -> int | None:
    """Fetch the newest published plan if this server's copy is older (the follower thread's step)."""
    db = Path(db or db_path())
    if newest_version() <= local_version(db):
        return None
    from plandb import importer  # importer publishes through this module

    with importer.local_lock():
        return catch_up(db)


_followers: set[tuple[str, int]] = set()
_followers_lock = threading.Lock()


def follow(db: Path | None = None) -> bool:
    """Start (once per process and database) the thread that keeps this server's copy current."""
    if not enabled():
        return False
    db = Path(db or db_path())
    key = (str(db), os.getpid())
    with _followers_lock:
        if key in _followers:
            return True
        _followers.add(key)
    url = user_store.state_url()
    threading.Thread(target=_follow, args=(db, url), name="plan-sync", daemon=True).start()
    return True


def _follow(db: Path, url: str | None) -> None:
    failures = 0
    while user_store.state_url() == url:  # a process that switched stores (tests) stops following the old one
        try:
            check(db)
            failures = 0
        except Exception as exc:  # a follower must outlive a database restart or a bad part
            failures += 1
            if failures in (1, 10) or failures % 100 == 0:
                log.warning("could not fetch the published plan (attempt %d): %s", failures, exc)
        time.sleep(poll_seconds() * (1 if failures < 3 else 5))
    with _followers_lock:
        _followers.discard((str(db), os.getpid()))
