"""How fast and how lean hostile input is refused.

Each input runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own.
Prints one line per input: time to the diagnostic, peak RSS, and the code reported.

    python bench/hostile.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from tests.test_hostile_input import hostile_inputs
from reportlint.api import analyze_bytes
from reportlint.plugins import get_registry
get_registry()  # plugin loading is not part of the refusal
data, name = hostile_inputs()[sys.argv[2]]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
analysis = analyze_bytes(data, name)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mib": peak / 1024, "growth_mib": (peak - before) / 1024,
                  "codes": [d.code for d in analysis.diagnostics]}))
"""


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.test_hostile_input import hostile_inputs

    print(f"{'input':<26} {'seconds':>8} {'peak MiB':>9} {'growth MiB':>11}  codes")
    for name in sorted(hostile_inputs()):
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), name], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{name:<26} {result['seconds']:>8.4f} {result['peak_mib']:>9.1f} {result['growth_mib']:>11.1f}  "
              f"{','.join(result['codes'])}")


if __name__ == "__main__":
    main()
