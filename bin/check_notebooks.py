#!/usr/bin/python3
"""Executes each notebook in notebooks/ against each given output folder and checks what it produced.

A notebook passes when it executes without an error output, shows at least one table (text/html) and at least one
chart (a valid image/png), and every chart is non-trivial (not a blank image). PNGs are written next to the executed
notebook so a person can look at them. The last line is 'N passed, N failed'.
"""
import base64
import os
import subprocess
import sys
from pathlib import Path

import nbformat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check(nb_path: Path, executed: Path, png_dir: Path) -> list[str]:
    nb = nbformat.read(executed, as_version=4)
    problems, tables, charts = [], 0, 0
    png_dir.mkdir(parents=True, exist_ok=True)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                problems.append(f"cell {i}: traceback on stderr")
            data = out.get("data", {})
            if "text/html" in data and "<table" in "".join(data["text/html"]):
                tables += 1
            if "image/png" in data:
                raw = base64.b64decode(data["image/png"])
                if not raw.startswith(PNG_SIGNATURE):
                    problems.append(f"cell {i}: image/png output is not a PNG")
                    continue
                if len(raw) < 4000:
                    problems.append(f"cell {i}: chart looks empty ({len(raw)} bytes)")
                charts += 1
                (png_dir / f"{nb_path.stem}-cell{i:02d}-{charts}.png").write_bytes(raw)
    if tables == 0:
        problems.append("no table shown")
    if charts == 0:
        problems.append("no chart drawn")
    return problems


def main(work: str, outputs: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    passed = failed = 0
    for out in outputs:
        label = Path(out).name
        for nb in notebooks:
            dest = Path(work) / "executed" / label
            dest.mkdir(parents=True, exist_ok=True)
            env = dict(os.environ, NEWSLENS_OUTPUT=out, MPLBACKEND="module://matplotlib_inline.backend_inline")
            r = subprocess.run(["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
                                "--ExecutePreprocessor.timeout=600", str(nb), "--output-dir", str(dest)],
                               env=env, cwd=str(nb.parent), capture_output=True, text=True)
            executed = dest / nb.name
            if r.returncode != 0 or not executed.exists():
                tail = "\n".join((r.stderr or "").strip().splitlines()[-6:])
                print(f"FAIL {nb.name} on {label}: nbconvert exited {r.returncode}\n{tail}")
                failed += 1
                continue
            problems = check(nb, executed, dest / "png")
            if problems:
                print(f"FAIL {nb.name} on {label}: " + "; ".join(problems))
                failed += 1
            else:
                print(f"ok   {nb.name} on {label}")
                passed += 1
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
