"""Fresh virtual environments for tests that install packs the way users do.

The new environment sees the running environment's packages (reportlint, its
dependencies, setuptools) through a ``.pth`` file, so installing a pack into it needs no
network and no rebuild of reportlint, while what gets installed into it stays its own:
uninstalling a pack there leaves the running environment untouched.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path


class TempVenv:
    """A virtual environment under ``root`` layered over the current one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        venv.EnvBuilder(with_pip=False, clear=True).create(root)
        self.python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        purelib = subprocess.run(
            [str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        parents = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if os.path.isdir(p)]
        # Lines starting with "import" run at start-up: addsitedir also processes the
        # parent's .pth files, which is where editable installs put their finders.
        lines = [f"import site; site.addsitedir({p!r})" for p in parents]
        Path(purelib, "_reportlint_parent.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def pip(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the current pip against this environment."""
        return subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(self.python), "--disable-pip-version-check",
             "--no-input", *args],
            capture_output=True, text=True,
        )

    def install(self, path: Path) -> None:
        """pip install a local project (no dependencies, no network).

        The project is copied first: building in place would leave build/ and *.egg-info
        in the source tree, where entry-point discovery would find them later.
        """
        import shutil
        import tempfile

        staging = Path(tempfile.mkdtemp(prefix="reportlint-build-", dir=self.root.parent))
        copy = staging / path.name
        shutil.copytree(path, copy, ignore=shutil.ignore_patterns(
            "build", "*.egg-info", "__pycache__", ".venv", "venv", ".git", ".pytest_cache", ".hypothesis",
            ".mypy_cache", ".ruff_cache"))
        result = self.pip("install", "--no-deps", "--no-build-isolation", "--no-index", str(copy))
        if result.returncode != 0:
            raise RuntimeError(f"pip install {path} failed:\n{result.stdout}\n{result.stderr}")

    def uninstall(self, name: str) -> None:
        result = self.pip("uninstall", "-y", name)
        if result.returncode != 0:
            raise RuntimeError(f"pip uninstall {name} failed:\n{result.stdout}\n{result.stderr}")

    def reportlint(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``python -m reportlint ARGS`` inside this environment."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        env["NO_COLOR"] = "1"
        return subprocess.run(
            [str(self.python), "-m", "reportlint", *args],
            capture_output=True, text=True, cwd=cwd, env=env,
        )

    def run_pytest(self, path: Path) -> subprocess.CompletedProcess[str]:
        """Run pytest on ``path`` inside this environment."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        return subprocess.run([str(self.python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
                              capture_output=True, text=True, env=env, cwd=path)
