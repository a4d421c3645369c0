"""Files that hold ballots, codes or keys: created readable by their owner only."""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600


def private_file(path: str | Path) -> None:
    """Create `path` (empty) with mode 0600 if it is missing, or narrow an existing
    file of ours to 0600, before anything is written to it.

    Creating it with the mode (not writing first and narrowing after) leaves no
    moment in which another account on the host can open it. Raises OSError when the
    folder is missing or the file belongs to someone else.
    """
    handle = os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
    try:
        os.fchmod(handle, OWNER_ONLY)
    finally:
        os.close(handle)


def private_folder(path: str | Path) -> None:
    """Create `path` and its parents; a folder created here is mode 0700."""
    Path(path).mkdir(mode=0o700, parents=True, exist_ok=True)
