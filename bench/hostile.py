"""How fast and how lean every class of hostile input is refused or read.

Each input of reportlint.testing.hostile runs in a fresh subprocess, so that its peak
memory (ru_maxrss) is its own; the `full` output is rendered too. Targets (issue
"never hang, never blow up"): a refused input is refused by its named limit in under 1 s;
any other finishes in under 5 s and 300 MiB.

    python bench/hostile.py            # one line per input, then PASS/FAIL
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFUSE_SECONDS, READ_SECONDS, PEAK_MIB = 1.0, 5.0, 300.0
CHILD = r"""
import json, resource, sys, time
from reportlint.api import analyze_bytes
from reportlint.formatters import FormatOptions
from reportlint.formatters.text import FullFormatter
from reportlint.model import FileResult
from reportlint.plugins import get_registry
from reportlint.testing.hostile import hostile_input
get_registry()  # plugin loading is not part of the input's cost
hostile = hostile_input(sys.argv[1])
data, name = hostile.data, hostile.name
del hostile
start = time.perf_counter()
analysis = analyze_bytes(data, name)
output = FullFormatter(FormatOptions()).file(FileResult(name, analysis.diagnostics, analysis.lines))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mib": peak / 1024, "output_bytes": len(output.encode()),
                  "codes": sorted({d.code for d in analysis.diagnostics})}))
"""


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.testing.hostile import BOUNDED, REFUSED

    failures = 0
    print(f"{'input':<28} {'kind':<8} {'seconds':>8} {'peak MiB':>9} {'output':>9}  codes")
    for name in [*REFUSED, *BOUNDED]:
        refused = name in REFUSED
        run = subprocess.run([sys.executable, "-c", CHILD, name], capture_output=True, text=True, cwd=ROOT,
                             timeout=120)
        if run.returncode != 0:
            print(f"{name:<28} crashed: {run.stderr.strip().splitlines()[-1:]}")
            failures += 1
            continue
        result = json.loads(run.stdout.strip().splitlines()[-1])
        # Peak memory includes building the input itself (the PDF bomb is 200 MB before zlib).
        ok = (result["seconds"] < REFUSE_SECONDS and result["codes"] == ["E002"]) if refused else (
            result["seconds"] < READ_SECONDS and result["peak_mib"] < PEAK_MIB
            and not {"E004", "E008"} & set(result["codes"]))
        failures += not ok
        print(f"{name:<28} {'refused' if refused else 'read':<8} {result['seconds']:>8.3f} "
              f"{result['peak_mib']:>9.1f} {result['output_bytes']:>9}  {','.join(result['codes'])}"
              f"{'' if ok else '   <-- FAIL'}")
    print(f"\n{'PASS' if not failures else f'FAIL ({failures})'}: refused in < {REFUSE_SECONDS:g} s by a named limit; "
          f"read in < {READ_SECONDS:g} s and < {PEAK_MIB:g} MiB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
