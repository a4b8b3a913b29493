"""Write files so that a crash or an error never leaves a half-written file behind."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from deckgen.errors import RenderError

STALE_AFTER_S = 120  # a temp file this old belongs to no running write: its writer was killed


def _temp_pattern(name: str) -> re.Pattern[str]:
    # exactly what mkstemp makes below: ".<name>." + 8 random characters + ".tmp"
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def clean_stale_temps(path: Path, *, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove temp files a killed deckgen left beside `path` (only its own pattern, only old ones)."""
    path = Path(path)
    pattern, removed = _temp_pattern(path.name), []
    try:
        candidates = [c for c in path.parent.iterdir() if pattern.fullmatch(c.name)]
    except OSError:
        return []
    now = time.time()
    for candidate in candidates:
        try:
            if candidate.is_file() and not candidate.is_symlink() and now - candidate.stat().st_mtime > older_than:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            pass  # another run removed it, or it is not ours to remove: leave it
    return removed


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync it, then rename it over `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temps(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", file=path) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise RenderError(f"cannot write: {exc.strerror or exc}", file=path) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
