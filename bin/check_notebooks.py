#!/usr/bin/python3
"""Executes each notebook in notebooks/ against each given Newslens output folder and checks what it produced.

    bin/check_notebooks.py WORK [--thin-ok OUTPUT]... [--full OUTPUT]... [--pages OUTPUT]... [--only NAME]

A notebook declares what it draws in its metadata: {"newslens": {"charts": [...], "optional_charts": [...],
"tables": [...]}} (optional charts depend on what the corpus holds, e.g. boilerplate, and may be thin anywhere); its cells
show charts with newslens_nb.chart(fig, name), tables with show(df, name=...), and say why a chart is not drawn
with thin(name, why). An executed notebook passes when:
  - the committed notebook carries no outputs;
  - no cell produced an error, a traceback or a warning on stderr;
  - it shows at least one HTML table and one PNG chart (on a --thin-ok output, none when it says why);
  - every expected table was shown, and every expected chart was drawn -- or, on a --thin-ok output only, replaced
    by a thin() note saying why (the notes are listed);
  - every PNG is a valid PNG that is not blank (some share of non-background pixels).
A notebook about web pages declares "pages": true in that metadata: it must draw every chart on a --pages output
(one read from HTML or WARC), and may say why it draws none on the others; the other notebooks are not run on a
--pages output.
Executed notebooks go to WORK/executed/<output>/ and their charts to WORK/executed/<output>/png/<notebook>-<chart>.png
so a person can look at them. The last line is 'notebooks: N passed, N failed'.
"""
import argparse
import base64
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_INK = 0.005  # share of pixels that differ from the background: below it a chart is taken as blank


def ink(raw: bytes) -> float:
    """Share of pixels that differ from the top-left (background) pixel."""
    import matplotlib.image as mpimg
    import numpy as np
    img = mpimg.imread(io.BytesIO(raw), format="png")
    rgb = img[..., :3] if img.ndim == 3 else img
    bg = rgb[0, 0]
    diff = np.abs(rgb - bg).reshape(rgb.shape[0] * rgb.shape[1], -1).max(axis=1)
    return float((diff > 0.05).mean())


def committed_outputs(nb_path: Path) -> list[str]:
    nb = nbformat.read(nb_path, as_version=4)
    return [f"cell {i}" for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]


def check(nb_path: Path, executed: Path, png_dir: Path, thin_ok: bool) -> tuple[list[str], list[str], int, int]:
    """(problems, thin notes, tables, charts) of one executed notebook."""
    expected = nbformat.read(nb_path, as_version=4).metadata.get("newslens", {})
    nb = nbformat.read(executed, as_version=4)
    problems, notes, tables, charts = [], [], 0, 0
    drawn, thinned, shown = set(), {}, set()
    png_dir.mkdir(parents=True, exist_ok=True)
    for old in png_dir.glob(f"{nb_path.stem}-*.png"):
        old.unlink()
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if kind == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
                if "Traceback" in text or "Warning" in text or "Error" in text:
                    problems.append(f"cell {i}: stderr: {text.strip().splitlines()[-1][:200]}")
            data = out.get("data", {})
            tag = out.get("metadata", {}).get("newslens", {})
            if "text/html" in data and "<table" in "".join(data["text/html"]):
                tables += 1
                if "table" in tag:
                    shown.add(tag["table"])
            if "thin" in tag:
                thinned[tag["thin"]] = tag.get("why", "")
            if "image/png" in data:
                raw = base64.b64decode(data["image/png"])
                if not raw.startswith(PNG_SIGNATURE):
                    problems.append(f"cell {i}: image/png output is not a PNG")
                    continue
                charts += 1
                name = tag.get("chart", f"cell{i:02d}-{charts}")
                drawn.add(name)
                share = ink(raw)
                if share < MIN_INK:
                    problems.append(f"chart {name}: looks blank ({share:.2%} of pixels drawn)")
                (png_dir / f"{nb_path.stem}-{name}.png").write_bytes(raw)
    if tables == 0:
        problems.append("no table shown")
    if charts == 0 and not (thin_ok and thinned):
        problems.append("no chart drawn")
    for name in expected.get("tables", []):
        if name not in shown:
            problems.append(f"table {name} not shown")
    optional = set(expected.get("optional_charts", []))
    for name in expected.get("charts", []) + sorted(optional):
        if name in drawn:
            continue
        if name in thinned:
            if thin_ok or name in optional:
                notes.append(f"{name}: {thinned[name]}")
            else:
                problems.append(f"chart {name} not drawn on a full output: {thinned[name]}")
        else:
            problems.append(f"chart {name} neither drawn nor explained")
    return problems, notes, tables, charts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work", help="folder for executed notebooks and PNGs")
    ap.add_argument("--thin-ok", action="append", default=[], metavar="OUTPUT",
                    help="an output on which a chart may be replaced by a note saying why it is thin (e.g. seeds)")
    ap.add_argument("--full", action="append", default=[], metavar="OUTPUT",
                    help="an output on which every expected chart must be drawn")
    ap.add_argument("--pages", action="append", default=[], metavar="OUTPUT",
                    help="an output read from web pages: the pages notebooks run on it and draw every chart")
    ap.add_argument("--only", help="run only the notebooks whose file name contains this")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    a = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    notebooks = [nb for nb in sorted((root / "notebooks").glob("*.ipynb")) if not a.only or a.only in nb.name]
    outputs = [(o, True, False) for o in a.thin_ok] + [(o, False, False) for o in a.full] \
        + [(o, False, True) for o in a.pages]
    if not notebooks or not outputs:
        print("check_notebooks: no notebooks or no outputs given", file=sys.stderr)
        return 2
    passed = failed = 0
    for nb in notebooks:
        stale = committed_outputs(nb)
        if stale:
            print(f"FAIL {nb.name}: committed with outputs ({', '.join(stale[:5])}); clear them before committing")
            failed += 1
    for out, thin_ok_output, pages_output in outputs:
        label = Path(out).name
        dest = Path(a.work).resolve() / "executed" / label
        dest.mkdir(parents=True, exist_ok=True)
        for nb in notebooks:
            pages_nb = bool(nbformat.read(nb, as_version=4).metadata.get("newslens", {}).get("pages"))
            if pages_output and not pages_nb:
                continue
            thin_ok = thin_ok_output or (pages_nb and not pages_output)
            env = dict(os.environ, NEWSLENS_OUTPUT=str(Path(out).resolve()), PYDEVD_DISABLE_FILE_VALIDATION="1", NEWSLENS_NB_STRICT="1",
                       MPLBACKEND="module://matplotlib_inline.backend_inline")
            executed = dest / nb.name
            executed.unlink(missing_ok=True)  # never check a previous run's notebook
            t0 = time.monotonic()
            r = subprocess.run(["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
                                f"--ExecutePreprocessor.timeout={a.timeout}", str(nb), "--output-dir", str(dest)],
                               env=env, cwd=str(nb.parent), capture_output=True, text=True)
            secs = time.monotonic() - t0
            if r.returncode != 0 or not executed.exists():
                lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in (r.stderr or "").strip().splitlines()]
                tail = "\n  ".join(line for line in lines[-3:] if line.strip())
                print(f"FAIL {nb.name} on {label}: nbconvert exited {r.returncode}\n  {tail}")
                failed += 1
                continue
            problems, notes, tables, charts = check(nb, executed, dest / "png", thin_ok)
            summary = f"{tables} tables, {charts} charts, {secs:.0f} s"
            if problems:
                print(f"FAIL {nb.name} on {label} ({summary}):\n  " + "\n  ".join(problems))
                failed += 1
            else:
                print(f"ok   {nb.name} on {label} ({summary})")
                passed += 1
            for n in notes:
                print(f"     thin on {label}: {n}")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
