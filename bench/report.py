#!/usr/bin/python3
"""Renders bench/results/*.json as one Markdown document: scalars as key/value tables, lists of records as tables."""
import datetime
import json
import os
import platform
import sys
from pathlib import Path


def fmt(v):
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 100 else f"{v:,.1f}"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)[:120]
    return str(v)


def render(obj, title, level, out):
    out.append(f"{'#' * level} {title}\n")
    scalars = {k: v for k, v in obj.items() if not isinstance(v, (dict, list))} if isinstance(obj, dict) else {}
    if scalars:
        out.append("| key | value |\n|---|---|")
        out += [f"| {k} | {fmt(v)} |" for k, v in scalars.items()]
        out.append("")
    items = obj.items() if isinstance(obj, dict) else [("", obj)]
    for k, v in items:
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            keys = []
            for x in v:
                keys += [kk for kk in x if kk not in keys]
            out.append(f"{'#' * (level + 1)} {k}\n" if k else "")
            out.append("| " + " | ".join(keys) + " |")
            out.append("|" + "---|" * len(keys))
            out += ["| " + " | ".join(fmt(x.get(kk, "")) for kk in keys) + " |" for x in v]
            out.append("")
        elif isinstance(v, dict):
            render(v, k, min(level + 1, 6), out)


def main(results):
    out = [f"# Newslens benchmark results\n",
           f"Generated {datetime.date.today().isoformat()} on {platform.node()} ({os.cpu_count()} cores, "
           f"{platform.system()} {platform.release()}), by `bench/run`. Ratios inside one part were measured in the "
           "same run.\n"]
    for f in sorted(Path(results).glob("*.json")):
        render(json.loads(f.read_text(encoding="utf-8")), f.stem, 2, out)
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
