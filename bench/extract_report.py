#!/usr/bin/env python3
"""Scores ExtractBench's predictions with the shared scorer and writes bench/results/extract.json.

extract_report.py WORK_DIR SCRAPINGHUB_DIR ORANGESUM_HTML_DIR SCORER RESULT.json [--bootstrap N]

For each pred-BENCH-METHOD.jsonl in WORK_DIR: runs SCORER (extract_score.py, the benchmark's metric) with
--per-page, keeps its RESULT line, and re-aggregates the per-page counts the way the scorer does (mean of per-page
precision over pages with a prediction, mean of per-page recall over pages with a gold, F1 of the two means) on
subsets of the pages:
  * tune / held_out: pages whose id ends in an even / odd (hex) digit. Rules were written looking at tune pages only;
  * scrapinghub: by the gold's language guess (en / other);
  * orangesum: by publication year, and the second fetch round (published after 2020-07-02, fetched in September).
From meta-BENCH.jsonl (the article method): OrangeSum title exact (white space collapsed) against the gold title and
against the gold title without the site suffix the corpus README documents on the 112 auto pages
(" : actualité automobile, infos, scoop"), publication date correct to the day, canonical URL equal to the gold
URL; for both benchmarks, how often each field was found, and the dropped spans by reason.
"""
import json
import os
import re
import statistics
import subprocess
import sys

AUTO_SUFFIX = " : actualité automobile, infos, scoop"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def aggregate(rows):
    ps = [r["precision"] for r in rows if r["tp"] + r["fp"] > 0]
    rs = [r["recall"] for r in rows if r["tp"] + r["fn"] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"pages": len(rows), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "precision": round(p, 4), "recall": round(r, 4)}


def score(scorer, gold, pred, per_page, bootstrap):
    cmd = [sys.executable, scorer, gold, pred, "--per-page", per_page, "--quiet"]
    if bootstrap:
        cmd += ["--bootstrap", str(bootstrap)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if l.startswith("RESULT ")][-1]
    result = {}
    for kv in line[len("RESULT "):].split():
        k, v = kv.split("=")
        result[k] = float(v) if "." in v else int(v)
    rows = {}
    with open(per_page, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for l in f:
            d = dict(zip(header, l.rstrip("\n").split("\t")))
            rows[d["id"]] = {"tp": float(d["tp"]), "fp": float(d["fp"]), "fn": float(d["fn"]),
                             "precision": float(d["precision"]), "recall": float(d["recall"]),
                             "f1": float(d["f1"])}
    return result, rows


def tune_page(page_id):
    return int(page_id[-1], 16) % 2 == 0


def splits(bench, gold, rows):
    out = {"tune": aggregate([rows[k] for k in rows if tune_page(k)]),
           "held_out": aggregate([rows[k] for k in rows if not tune_page(k)])}
    if bench == "scrapinghub":
        for lang in ("en", "other"):
            ids = [k for k in rows if (gold[k].get("lang_guess") == "en") == (lang == "en")]
            out["lang_" + lang] = aggregate([rows[k] for k in ids])
    else:
        years = sorted({gold[k]["date"][:4] for k in rows})
        out["by_year"] = {}
        for y in years:
            out["by_year"][y] = aggregate([rows[k] for k in rows if gold[k]["date"][:4] == y])
        out["second_round"] = aggregate([rows[k] for k in rows if gold[k]["date"] > "2020-07-02"])
        out["first_round"] = aggregate([rows[k] for k in rows if gold[k]["date"] <= "2020-07-02"])
    return out


def ws(s):
    return re.sub(r"\s+", " ", s or "").strip()


def metadata(bench, gold, meta):
    n = len(meta)
    out = {"pages": n}
    for field in ("title", "published", "canonical_url", "site_name", "lang", "description"):
        out["found_" + field] = round(sum(1 for m in meta if m.get(field)) / n, 4)
    out["found_authors"] = round(sum(1 for m in meta if m.get("authors")) / n, 4)
    if bench == "orangesum":
        def share(pred, ids=None):
            sel = [m for m in meta if ids is None or m["id"] in ids]
            return round(sum(1 for m in sel if pred(m, gold[m["id"]])) / len(sel), 4) if sel else None
        out["title_exact"] = share(lambda m, g: ws(m.get("title")) == ws(g["title"]))
        out["title_exact_without_documented_suffix"] = share(
            lambda m, g: ws(m.get("title")) == ws(g["title"]).removesuffix(AUTO_SUFFIX))
        out["date_correct_to_the_day"] = share(lambda m, g: (m.get("published") or "")[:10] == g["date"][:10])
        out["canonical_equals_gold_url"] = share(lambda m, g: m.get("canonical_url") == g["url"])
        tune = {m["id"] for m in meta if tune_page(m["id"])}
        out["held_out"] = {
            "title_exact_without_documented_suffix": share(
                lambda m, g: ws(m.get("title")) == ws(g["title"]).removesuffix(AUTO_SUFFIX),
                {m["id"] for m in meta} - tune),
            "date_correct_to_the_day": share(lambda m, g: (m.get("published") or "")[:10] == g["date"][:10],
                                             {m["id"] for m in meta} - tune)}
    else:
        out["canonical_equals_gold_url"] = round(
            sum(1 for m in meta if m.get("canonical_url") == gold[m["id"]]["url"]) / n, 4)
    reasons = {}
    for m in meta:
        for k, v in (m.get("dropped_spans") or {}).items():
            reasons[k] = reasons.get(k, 0) + v
    out["dropped_spans_by_reason"] = dict(sorted(reasons.items(), key=lambda kv: -kv[1]))
    out["methods"] = {}
    for m in meta:
        out["methods"][m["method"]] = out["methods"].get(m["method"], 0) + 1
    return out


def main():
    args = sys.argv[1:]
    bootstrap = 0
    if "--bootstrap" in args:
        i = args.index("--bootstrap")
        bootstrap = int(args[i + 1])
        del args[i:i + 2]
    work, sh_dir, os_dir, scorer, result_path = args
    golds = {"scrapinghub": os.path.join(sh_dir, "gold.jsonl"), "orangesum": os.path.join(os_dir, "gold.jsonl")}
    result = {"metric": "ScrapingHub article-extraction-benchmark: word 4-gram shingles, per-page precision and "
                        "recall, macro-averaged; F1 of the two means (extract_score.py)",
              "split": "tune = ids ending in an even digit (rules were written looking at these), held_out = odd"}
    try:
        result["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                          check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        result["commit"] = "unknown"
    with open("/proc/loadavg", encoding="ascii") as f:
        result["load_average_when_scored"] = float(f.read().split()[0])
    throughput = os.path.join(work, "throughput.json")
    if os.path.exists(throughput):
        with open(throughput, encoding="utf-8") as f:
            result.update(json.load(f))
    for bench, gold_path in golds.items():
        gold = {str(g["id"]): g for g in read_jsonl(gold_path)}
        b = {"pages": len(gold), "methods": {}}
        for name in sorted(os.listdir(work)):
            m = re.fullmatch("pred-%s-(.+)\\.jsonl" % bench, name)
            if not m:
                continue
            method = m.group(1)
            res, rows = score(scorer, gold_path, os.path.join(work, name),
                              os.path.join(work, "per-page-%s-%s.tsv" % (bench, method)), bootstrap)
            b["methods"][method] = {"scorer": res, **splits(bench, gold, rows)}
        meta_path = os.path.join(work, "meta-%s.jsonl" % bench)
        if os.path.exists(meta_path):
            b["metadata"] = metadata(bench, gold, read_jsonl(meta_path))
        result[bench] = b
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for bench in golds:
        for method, r in result[bench]["methods"].items():
            s = r["scorer"]
            print("%-12s %-11s F1 %.4f P %.4f R %.4f | tune %.4f held-out %.4f" % (
                bench, method, s["f1"], s["precision"], s["recall"], r["tune"]["f1"], r["held_out"]["f1"]))
        if "metadata" in result[bench]:
            md = result[bench]["metadata"]
            print("%-12s metadata %s" % (bench, {k: v for k, v in md.items() if not isinstance(v, dict)}))


if __name__ == "__main__":
    main()
