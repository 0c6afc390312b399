"""``python -m benchmarks [--quick] [--json] [NAME ...]``."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

import benchmarks
from citybrain.core.runtime import tune_gc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller workloads, a few seconds each")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("only", nargs="*", help="run only these modules (bench_<name>)")
    args = parser.parse_args(argv)
    tune_gc()  # as the daemon and the desk do at start-up; baselines run in this process too
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    if args.only:
        names = [n for n in names if n.removeprefix("bench_") in args.only or n in args.only]
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        for result in module.run(quick=args.quick):
            if args.json:
                print(json.dumps(result.as_dict()), flush=True)
            else:
                d = result.as_dict()
                print(
                    f"{d['name']:18} {d['value']:>14,.1f} {d['unit']:10} baseline {d['baseline']:>14,.1f}"
                    f"  ratio {d['ratio']:.2f} (goal {d['goal']}: {'met' if d['met'] else 'NOT met'})",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
