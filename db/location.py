"""Where the database lives: --db, then $POLICYTRACK_DB (both handled by the CLI), then the user data dir."""

from __future__ import annotations

from pathlib import Path


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("policytrack")) / "policytrack.db"
