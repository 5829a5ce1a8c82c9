#!/usr/bin/env python3
"""Score a ranking of firms or tenders against a market's collusion labels.

    python3 bench/markets/evaluate.py LABELS.json SCORES.csv --level firm|tender [--label-set NAME]
    python3 bench/markets/evaluate.py --self-test

LABELS.json is written by convert.py (OUT/<market>/labels.json). It gives the universe of
entities (firm_ids / tender_ids) and the positives (collusive_firms / collusive_tenders; or,
with --label-set NAME, alternatives.<level>.NAME).

SCORES.csv has a header with columns `key,score` (other columns are ignored). Higher score =
more suspicious. A key is Trama's reference `kind:sourceID` (`firm:H.MEYER`, `tender:80_046078`)
or a bare source ID (`H.MEYER`). Rows of another kind (e.g. `tender:` when --level firm),
keys outside the labels' universe, and unparseable scores are ignored and counted; a key given
twice keeps its highest score (counted). Entities of the universe missing from the file get the
lowest score of all (below every given score, tied with each other), and are counted.

Prints one line of JSON:
  auc                  ROC AUC by Mann-Whitney: P(score of a random positive > score of a random
                       negative), ties counting 1/2. Same as the trapezoidal ROC area.
  precision_at_10      share of positives among the 10 highest scores
  precision_at_5pct    share of positives among the top ceil(5% of the universe) scores
  k_5pct               that ceil(5%)
  positives, negatives, base_rate (positives / universe; the expected precision of a random ranking)
  missing_scored_lowest, ignored_other_kind, ignored_unknown, ignored_bad_score, duplicate_keys

Ties at a top-k cut-off are not broken by file order (that would make the figure depend on
it): the entities tied at the boundary score count in proportion, i.e. the expected precision
over a random order of the tie.

Standard library only.
"""
import argparse
import csv
import json
import math
import sys

KINDS = ("agency", "firm", "person", "judge", "lawyer", "tender", "contract", "candidate", "party",
         "sanctioning_body", "court", "case", "address", "phone", "email", "website", "economic_group")


def auc_mann_whitney(scores, labels):
    """ROC AUC with ties counted half, via average ranks. None if a class is empty."""
    n = len(scores)
    pos = sum(labels)
    neg = n - pos
    if pos == 0 or neg == 0:
        return None
    order = sorted(range(n), key=lambda i: scores[i])
    ranks = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        avg = (i + j) / 2 + 1  # ranks are 1-based
        for k in range(i, j + 1):
            ranks[order[k]] = avg
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, labels) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def precision_at_k(scores, labels, k):
    """Expected share of positives among the k highest scores, ties at the cut-off counted
    in proportion. None when k < 1."""
    n = len(scores)
    k = min(k, n)
    if k < 1:
        return None
    ranked = sorted(zip(scores, labels), key=lambda x: -x[0])
    cutoff = ranked[k - 1][0]
    above = [y for s, y in ranked if s > cutoff]
    tied = [y for s, y in ranked if s == cutoff]
    take = k - len(above)
    hits = sum(above) + take * (sum(tied) / len(tied))
    return hits / k


def parse_key(key, level):
    """(id, status): status 'ok', or 'other' for another kind's reference."""
    key = key.strip()
    if ":" in key:
        kind, rest = key.split(":", 1)
        if kind == level:
            return rest, "ok"
        if kind in KINDS:
            return None, "other"
    return key, "ok"


def evaluate(labels, rows, level, label_set=None):
    """labels: the labels.json dict; rows: iterable of (key, score text)."""
    universe = labels["firm_ids" if level == "firm" else "tender_ids"]
    if label_set:
        try:
            positives = set(labels["alternatives"][level][label_set])
        except KeyError:
            raise SystemExit(f"no label set {label_set!r} for level {level}; have: "
                             f"{sorted(labels.get('alternatives', {}).get(level, {}))}")
    else:
        positives = set(labels["collusive_firms" if level == "firm" else "collusive_tenders"])
    in_universe = set(universe)
    stray = positives - in_universe
    if stray:
        raise SystemExit(f"labels name {len(stray)} positives outside the universe, e.g. {sorted(stray)[:3]}")
    given = {}
    counts = {"ignored_other_kind": 0, "ignored_unknown": 0, "ignored_bad_score": 0, "duplicate_keys": 0}
    for key, text in rows:
        ident, status = parse_key(key, level)
        if status == "other":
            counts["ignored_other_kind"] += 1
            continue
        try:
            s = float(text)
        except (TypeError, ValueError):
            s = float("nan")
        if math.isnan(s):
            counts["ignored_bad_score"] += 1
            continue
        if ident not in in_universe:
            counts["ignored_unknown"] += 1
            continue
        if ident in given:
            counts["duplicate_keys"] += 1
            s = max(s, given[ident])
        given[ident] = s
    missing = [e for e in universe if e not in given]
    floor = -math.inf  # below every given score; all missing entities tie with each other
    scores = [given.get(e, floor) for e in universe]
    ys = [1 if e in positives else 0 for e in universe]
    n = len(universe)
    k5 = math.ceil(0.05 * n) if n else 0
    out = {
        "level": level,
        "label_set": label_set or ("collusive_firms" if level == "firm" else "collusive_tenders"),
        "market": labels.get("market"),
        "universe": n,
        "positives": sum(ys),
        "negatives": n - sum(ys),
        "base_rate": round(sum(ys) / n, 6) if n else None,
        "scored": len(given),
        "missing_scored_lowest": len(missing),
        "auc": auc_mann_whitney(scores, ys),
        "precision_at_10": precision_at_k(scores, ys, 10),
        "k_5pct": k5,
        "precision_at_5pct": precision_at_k(scores, ys, k5),
        **counts,
    }
    for k in ("auc", "precision_at_10", "precision_at_5pct"):
        if out[k] is not None:
            out[k] = round(out[k], 6)
    return out


def read_scores(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        if "key" not in header or "score" not in header:
            raise SystemExit(f"{path}: header must have columns key,score (got {header})")
        ki, si = header.index("key"), header.index("score")
        for rec in reader:
            if not rec or all(not c.strip() for c in rec):
                continue
            yield (rec[ki] if ki < len(rec) else ""), (rec[si] if si < len(rec) else "")


def self_test():
    failures = []

    def check(name, got, want):
        ok = (got is None and want is None) or (got is not None and want is not None and abs(got - want) < 1e-12)
        print(f"  {'ok  ' if ok else 'FAIL'} {name}: got {got}, want {want}")
        if not ok:
            failures.append(name)

    # Hand-checked AUC. Positives score 0.9, 0.8, 0.4; negatives 0.7, 0.4, 0.2, 0.1.
    # Pairs (positive beats negative): 0.9 beats all 4 -> 4; 0.8 beats all 4 -> 4;
    # 0.4 vs 0.7 loses (0), vs 0.4 ties (1/2), beats 0.2 and 0.1 (2) -> 2.5.
    # AUC = (4 + 4 + 2.5) / (3 * 4) = 10.5 / 12 = 0.875.
    s = [0.9, 0.8, 0.4, 0.7, 0.4, 0.2, 0.1]
    y = [1, 1, 1, 0, 0, 0, 0]
    check("AUC hand example (10.5/12)", auc_mann_whitney(s, y), 0.875)
    check("AUC perfect ranking", auc_mann_whitney([3, 2, 1], [1, 0, 0]), 1.0)
    check("AUC inverted ranking", auc_mann_whitney([1, 2, 3], [1, 0, 0]), 0.0)
    check("AUC all tied", auc_mann_whitney([5, 5, 5, 5], [1, 0, 1, 0]), 0.5)
    check("AUC one class only", auc_mann_whitney([1, 2], [1, 1]), None)
    # Precision at k. Sorted: 0.9(1) 0.8(1) 0.7(0) 0.4(1) 0.4(0) ...
    check("P@2", precision_at_k(s, y, 2), 1.0)
    check("P@3", precision_at_k(s, y, 3), 2 / 3)
    # k=4 cuts inside the 0.4 tie (one positive, one negative): 2 + 1 * 1/2 = 2.5 of 4.
    check("P@4 with a tie at the cut-off", precision_at_k(s, y, 4), 2.5 / 4)
    # Through the file interface: prefixed and bare keys, another kind, an unknown key, a bad
    # score, a duplicate, and one entity (e) missing -> scored lowest.
    labels = {"market": "t", "firm_ids": ["a", "b", "c", "d", "e"], "tender_ids": ["t1"],
              "collusive_firms": ["a", "e"], "collusive_tenders": []}
    rows = [("firm:a", "0.9"), ("b", "0.5"), ("firm:c", "0.7"), ("d", "0.1"), ("tender:t1", "1"),
            ("firm:zz", "3"), ("firm:b", "x"), ("c", "0.2")]
    r = evaluate(labels, rows, "firm")
    # Scores: a .9 (pos), c .7 (dup keeps max), b .5, d .1, e missing -> lowest (pos).
    # Pairs: a beats b, c, d (3); e beats none (0) -> 3 / (2 * 3) = 0.5.
    check("file interface AUC", r["auc"], 0.5)
    for key, want in (("missing_scored_lowest", 1), ("ignored_other_kind", 1), ("ignored_unknown", 1),
                      ("ignored_bad_score", 1), ("duplicate_keys", 1), ("positives", 2), ("negatives", 3), ("k_5pct", 1)):
        check(key, r[key], want)
    check("precision_at_5pct (top 1 = a)", r["precision_at_5pct"], 1.0)
    check("precision_at_10 (k capped at 5: 2 of 5)", r["precision_at_10"], 0.4)
    print("self-test " + ("passed" if not failures else f"FAILED: {failures}"))
    return 0 if not failures else 1


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("labels", nargs="?", help="labels.json written by convert.py")
    p.add_argument("scores", nargs="?", help="CSV with columns key,score")
    p.add_argument("--level", choices=["firm", "tender"])
    p.add_argument("--label-set", help="use alternatives.<level>.NAME from labels.json instead of the main label")
    p.add_argument("--self-test", action="store_true", help="run the built-in checks and exit")
    a = p.parse_args(argv)
    if a.self_test:
        return self_test()
    if not (a.labels and a.scores and a.level):
        p.error("LABELS, SCORES and --level are required (or --self-test)")
    with open(a.labels, encoding="utf-8") as f:
        labels = json.load(f)
    out = evaluate(labels, read_scores(a.scores), a.level, a.label_set)
    out["scores_file"] = a.scores
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
