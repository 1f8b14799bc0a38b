#!/usr/bin/env python3
"""Builds the full-page-text proxy of the pagetext benchmark from the OrangeSum raw HTML sample (stdlib only).

  bench/pagetext_proxy.py ORANGESUM_HTML_DIR OUT_DIR [--recrawls 300] [--seed 19]

ORANGESUM_HTML_DIR holds pages.tar.gz and gold.jsonl (../shared/corpora/orangesum-html). Writes, in OUT_DIR:

  pages.jsonl   one record per page: id, url, date (publication), title, source (the URL's category), text = all
                visible text of the page, taken naively (../shared/tools/extract_baseline.py all: menus, tickers,
                teasers, footers and all, one line per block element);
  gold.jsonl    the same records with text = the gold article body (gold.jsonl's `text`: heading + article);
  recrawls.tsv  the planted second captures: id, kind, original id, chrome page id, days between the two.

Second captures ("re-crawls"): the 2,000 gold articles hold almost no duplicate pairs, so a dedup benchmark needs
pairs of captures of one article. For RECRAWLS articles X (drawn with SEED) a second page X-r is made: the page of
another article Y of the same category and fetch round (published on or before 2020-07-02, or after: the two rounds
the pages were fetched in) and of the nearest publication date, with Y's article region (its first to last gold
line in the naive text) replaced by X's gold lines and Y's title line by X's title. So X-r carries X's article inside
the chrome (menus, ticker, teasers, caption) of another page captured in the same round. 60 % are plain recaptures;
40 % are updates: one paragraph dropped (not the first) and one word replaced, as an article edited between two
captures. X-r keeps X's url, date, title and source (a capture of the same article); its gold text is X's
(edited) gold text. Articles whose article region is not found line for line in their own page are never used as
chrome. The same inputs and seed give the same bytes.
"""
import argparse
import bisect
import json
import os
import random
import re
import subprocess
import sys

ROUND_TWO = "2020-07-03"  # pages published from this date on were fetched in the second round (late September 2020)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def article_region(lines, gold_lines):
    """(first, last) indices of the page's lines holding the gold article, or None."""
    if not gold_lines:
        return None
    first = next((i for i, l in enumerate(lines) if l == gold_lines[0]), None)
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i] == gold_lines[-1]), None)
    if first is None or last is None or last < first:
        return None
    return first, last


def days(date):
    y, m, d = (int(x) for x in date[:10].split("-"))
    import datetime
    return datetime.date(y, m, d).toordinal()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("html_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--recrawls", type=int, default=300)
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    naive_path = os.path.join(a.out_dir, "naive.jsonl")
    if not os.path.exists(naive_path):
        tool = os.path.join(os.path.dirname(os.path.abspath(a.html_dir.rstrip("/"))), "..", "tools",
                            "extract_baseline.py")
        subprocess.run([sys.executable, os.path.normpath(tool), "all", os.path.join(a.html_dir, "pages.tar.gz"),
                        "-o", naive_path], check=True)
    naive = {}
    with open(naive_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            naive[r["id"]] = r["text"]
    gold = []
    with open(os.path.join(a.html_dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            gold.append(json.loads(line))
    gold.sort(key=lambda g: int(g["id"]))

    def record(g, text, id_=None):
        return {"id": id_ or g["id"], "url": g["url"], "date": g["date"], "title": g["title"],
                "source": g["category"], "text": text}

    pages, golds = [], []
    regions = {}
    for g in gold:
        pages.append(record(g, naive[g["id"]]))
        golds.append(record(g, g["text"]))
        lines = naive[g["id"]].split("\n")
        r = article_region(lines, [norm(x) for x in g["text"].split("\n") if norm(x)])
        if r is not None:
            regions[g["id"]] = r

    rnd = random.Random(a.seed)
    # chrome candidates per (category, round), sorted by date then id
    pools = {}
    for g in gold:
        if g["id"] in regions:
            key = (g["category"], g["date"][:10] >= ROUND_TWO)
            pools.setdefault(key, []).append((days(g["date"]), int(g["id"]), g))
    for v in pools.values():
        v.sort(key=lambda t: (t[0], t[1]))
    chosen = rnd.sample(gold, a.recrawls)
    chosen.sort(key=lambda g: int(g["id"]))
    planted = []
    for x in chosen:
        pool = pools.get((x["category"], x["date"][:10] >= ROUND_TWO), [])
        others = [t for t in pool if t[2]["id"] != x["id"]]
        if not others:
            continue
        d = days(x["date"])
        # the nearest dates (ties: smaller id), one of the three nearest at random
        near = sorted(others, key=lambda t: (abs(t[0] - d), t[1]))[:3]
        y = near[rnd.randrange(len(near))][2]
        x_lines = [norm(l) for l in x["text"].split("\n") if norm(l)]
        kind = "recapture"
        if rnd.random() < 0.4:
            kind = "update"
            if len(x_lines) >= 4:
                del x_lines[1 + rnd.randrange(len(x_lines) - 2)]
            k = rnd.randrange(len(x_lines))
            words = x_lines[k].split(" ")
            if len(words) > 3:
                j = 1 + rnd.randrange(len(words) - 2)
                words[j] = rnd.choice(["aussi", "notamment", "encore", "toutefois", "désormais", "également"])
                x_lines[k] = " ".join(words)
        y_lines = naive[y["id"]].split("\n")
        first, last = regions[y["id"]]
        chrome = [x["title"] if l == norm(y["title"]) else l for l in y_lines]
        text = "\n".join(chrome[:first] + x_lines + chrome[last + 1:])
        rid = x["id"] + "-r"
        pages.append(record(x, text, rid))
        golds.append(record(x, "\n\n".join(x_lines), rid))
        planted.append((rid, kind, x["id"], y["id"], abs(days(y["date"]) - d)))

    for name, rows in (("pages.jsonl", pages), ("gold.jsonl", golds)):
        with open(os.path.join(a.out_dir, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(a.out_dir, "recrawls.tsv"), "w", encoding="utf-8") as f:
        f.write("id\tkind\toriginal\tchrome_of\tdays_apart\n")
        for p in planted:
            f.write("\t".join(str(x) for x in p) + "\n")
    print("pagetext proxy: %d pages (%d second captures, %d with a found article region) -> %s"
          % (len(pages), len(planted), len(regions), a.out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
