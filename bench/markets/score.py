#!/usr/bin/env python3
"""Turns one market's `trama collusion` outputs into rankings and scores them with evaluate.py.

    score.py LABELS.json RESULTS_DIR

Rankings (key,score CSVs written to RESULTS_DIR):
  firm-top-loser.csv   the top-loser score of `trama collusion top-losers --all` (GRAS 2.1)
  firm-low-winning-rate.csv  GRAS 2.1.1 alone: (1 − winning rate) × min(1, bids / 10)
  firm-fixed-difference.csv  fixed-difference partners (GRAS 2.2.1) + tenders in that pattern / 1000
  firm-ring.csv        1 + rank weight for firms in a ring (rings ordered by value), else 0
  firm-rotation.csv    1 − the smallest winner-rotation p-value of a co-bidding cohort the firm is in
  tender-low-cv.csv    −CV of the bids (low variance ranks first; GRAS 2.3.1)
  tender-rd.csv        relative distance of the two lowest bids (GRAS 2.3.2)
  tender-ring.csv      1 when at least two members of one ring bid in the tender, else 0
Market-relative forms and the composite (the scan's own columns, see MarketScreens):
  firm-relative-low-winning.csv  standing of (1 − winning rate) × standing of bids (2.1.1, market-relative)
  firm-cover-bidding.csv         cover-bidding score: losses to several members of the firm's cohort
  firm-collusion-risk.csv        the composite of the market-relative firm screens
  tender-low-dispersion.csv      standing of −CV within the tender's market (2.3.1, market-relative)
  tender-imhof-distance.csv      standing of Imhof's relative distance within the market (2.3.2, market-relative)
  tender-collusion-risk.csv      the composite of the market-relative tender screens
Prints one line per ranking: market, level, ranking, AUC, precision in the top 10, flagged counts.
"""
import csv, json, subprocess, sys
from pathlib import Path

labels_path, results = Path(sys.argv[1]), Path(sys.argv[2])
labels = json.load(open(labels_path))
here = Path(__file__).parent


def write(name, rows):
    with open(results / name, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["key", "score"])
        w.writerows(rows)
    return results / name


rankings = []
with open(results / "top-losers.csv") as f:
    rows = list(csv.DictReader(f))
rankings.append(("firm", "top-loser score (2.1)", write("firm-top-loser.csv", [(r["firm"], r["score"]) for r in rows]),
                 sum(r["top_loser"] == "1" for r in rows)))
rankings.append(("firm", "low winning rate (2.1.1)", write("firm-low-winning-rate.csv",
                 [(r["firm"], (1 - float(r["winning_rate"])) * min(1, int(r["bids"]) / 10)) for r in rows]), None))
rotation = {}
for f in json.load(open(results / "rotation-flags.json"))["flags"]:
    rotation[f["subject"]] = max(rotation.get(f["subject"], 0), 1 - f["value"])
rankings.append(("firm", "winner rotation cohort", write("firm-rotation.csv", sorted(rotation.items())), len(rotation)))
fixed = {}
for f in json.load(open(results / "fixed-flags.json"))["flags"]:
    if f["indicator"] == "2.2":
        fixed[f["subject"]] = fixed.get(f["subject"], 0) + 1 + f["value"] / 1000
rankings.append(("firm", "fixed difference (2.2)", write("firm-fixed-difference.csv", sorted(fixed.items())), len(fixed)))
rings = json.load(open(results / "rings.json"))["rings"]
ring_firms, ring_tenders = {}, set()
for i, r in enumerate(rings):
    for k in r["firms"]:
        ring_firms.setdefault(k, 1 + (len(rings) - i) / len(rings))
    ring_tenders.update(r.get("tender_keys", []))
rankings.append(("firm", "in a ring", write("firm-ring.csv", sorted(ring_firms.items())), len(ring_firms)))
with open(results / "tenders.csv") as f:
    tenders = list(csv.DictReader(f))
rankings.append(("tender", "low CV (2.3.1)", write("tender-low-cv.csv", [(t["tender"], -float(t["cv"])) for t in tenders]),
                 sum(t["low_variance"] == "1" for t in tenders)))
rankings.append(("tender", "relative distance (2.3.2)", write("tender-rd.csv", [(t["tender"], t["rd"]) for t in tenders]),
                 sum(t["high_distance"] == "1" for t in tenders)))
rankings.append(("tender", "ring tender", write("tender-ring.csv", [(k, 1) for k in sorted(ring_tenders)]), len(ring_tenders)))


def column(rows, key_column, name, file):
    """A ranking from one of the scan's columns; rows without a value are left to the evaluator."""
    return write(file, [(r[key_column], r[name]) for r in rows if r.get(name, "") != ""])


rankings.append(("firm", "relative low winning (2.1.1 rel)", column(rows, "firm", "relative_low_winning", "firm-relative-low-winning.csv"), None))
rankings.append(("firm", "cover bidding", column(rows, "firm", "cover_bidding", "firm-cover-bidding.csv"), None))
rankings.append(("firm", "composite collusion risk", column(rows, "firm", "collusion_risk", "firm-collusion-risk.csv"),
                 sum(float(r["collusion_risk"] or 0) >= 0.9 for r in rows)))
rankings.append(("tender", "low dispersion (2.3.1 rel)", column(tenders, "tender", "low_dispersion", "tender-low-dispersion.csv"), None))
rankings.append(("tender", "Imhof distance (2.3.2 rel)", column(tenders, "tender", "distance_standing", "tender-imhof-distance.csv"), None))
rankings.append(("tender", "composite collusion risk", column(tenders, "tender", "collusion_risk", "tender-collusion-risk.csv"),
                 sum(float(t["collusion_risk"] or 0) >= 0.9 for t in tenders)))

for level, name, path, flagged in rankings:
    out = subprocess.run([sys.executable, str(here / "evaluate.py"), str(labels_path), str(path), "--level", level],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(f"{labels['market']:<20} {level:<6} {name:<32} evaluate failed: {out.stderr.strip()}")
        continue
    e = json.loads(out.stdout)
    auc = e.get("auc")
    p10 = e.get("precision_at_10")
    print(f"{labels['market']:<20} {level:<6} {name:<32} AUC {auc if auc is None else f'{auc:.3f}'}  "
          f"P@10 {p10 if p10 is None else f'{p10:.2f}'}  positives {e.get('positives')}/{e.get('universe')} (base rate {e.get('base_rate')})  "
          + (f"flagged {flagged}" if flagged is not None else ""))
