"""The library entry points: never raise on bad input, results pickle, usable in a pool."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import reportlint
from reportlint.config import Config

from .conftest import SEED


def test_lint_path_and_lint_bytes() -> None:
    diagnostics = reportlint.lint_path(SEED)
    assert [d.code for d in diagnostics] == ["S005", "M002"]
    from_bytes = reportlint.lint_bytes(SEED.read_bytes(), "seed.txt")
    assert [(d.code, d.line, d.message) for d in from_bytes] == [(d.code, d.line, d.message) for d in diagnostics]
    assert {d.path for d in from_bytes} == {"seed.txt"}


def test_bad_input_never_raises(tmp_path) -> None:
    for path in (tmp_path / "missing.txt", tmp_path):
        (diagnostic,) = reportlint.lint_path(path)
        assert diagnostic.code == "E001"
    assert reportlint.lint_bytes(b"", "empty.txt")[0].code == "E007"
    assert reportlint.lint_bytes(b"\x00\x01\x02" * 100, "x.txt")[0].code == "E001"


def test_results_and_arguments_pickle_and_work_in_a_process_pool() -> None:
    config = Config(select=("M",), lang="en")
    diagnostics = reportlint.lint_path(SEED, config)
    assert pickle.loads(pickle.dumps(diagnostics)) == diagnostics
    assert pickle.loads(pickle.dumps(config)) == config
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(reportlint.lint_path, [SEED, SEED], [config, config]))
    assert results == [diagnostics, diagnostics]
    assert diagnostics[0].message.startswith("the body name “大岚镇镇人民政府” doubles “镇”")
