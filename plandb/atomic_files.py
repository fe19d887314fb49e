"""Files written so that after a crash at any moment they are either the old or the new one: a temporary file
beside the target, flushed to disk, renamed over it, and the folder's entry flushed too."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json(path: Path, obj: object) -> None:
    """A small JSON file (journals, manifests, markers); the temporary name is per process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, path.with_name(f".{path.name}.{os.getpid()}.tmp"), json.dumps(obj).encode("utf-8"))


def write_bytes(path: Path, content: bytes) -> None:
    """The temporary file is `.<name>.partial`, which the importer's recovery knows to remove."""
    _write(path, path.with_name(f".{path.name}.partial"), content)


def _write(path: Path, tmp: Path, content: bytes) -> None:
    with tmp.open("wb") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def copy(src: Path, dst: Path) -> None:
    tmp = dst.with_name(f".{dst.name}.partial")
    shutil.copyfile(src, tmp)
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dst)
    fsync_dir(dst.parent)
