#!/usr/bin/env python3
"""Builds the docket test fixture and counts what the docket importer must find in it, with
Python's json and csv modules only (independently of Trama).

Dockets, copied byte for byte: seven from ../shared/data/court-dockets-juriscraper (district:
almd, alsd, caed_2, cand_3 and cand_4 — one case captured twice —, canb_1 — `{}`, no docket —;
bankruptcy: cacb_2) and three appellate ones from juriscraper itself (BSD-2-Clause, the same
commit as the shared data: tests/examples/pacer/dockets/appellate/ca1.json and ca1_2.json, and
acms/ca2_23-7222.json), read from a checkout given by --juriscraper.
fjc/ keeps the FJC directory's rows (demos.csv, federal-judicial-service.csv) of every judge
who served on the courts of those dockets. expected.json holds the counts. Run from the
repository root:
    python3 Tests/TramaIngestTests/Fixtures/dockets/make_fixture.py --juriscraper DIR [--data /work/shared/data]
"""
import argparse, csv, json, os, re, shutil, subprocess, unicodedata

p = argparse.ArgumentParser()
p.add_argument("--data", default="/work/shared/data")
p.add_argument("--juriscraper", required=True, help="a juriscraper git directory (bare or not)")
args = p.parse_args()
out = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(args.data, "court-dockets-juriscraper")
for name in ["district/almd.json", "district/alsd.json", "district/caed_2.json", "district/cand_3.json", "district/cand_4.json",
             "district/canb_1.json", "bankruptcy/cacb_2.json"]:
    os.makedirs(os.path.join(out, os.path.dirname(name)), exist_ok=True)
    shutil.copyfile(os.path.join(shared, name), os.path.join(out, name))
COMMIT = "8446197f3885164fd337624490cf466d8817d775"
os.makedirs(os.path.join(out, "appellate"), exist_ok=True)
for src, name in [("appellate/ca1.json", "ca1.json"), ("appellate/ca1_2.json", "ca1_2.json"), ("acms/ca2_23-7222.json", "ca2_23-7222.json")]:
    text = subprocess.run(["git", "-C", args.juriscraper, "show", f"{COMMIT}:tests/examples/pacer/dockets/{src}"], check=True, capture_output=True).stdout
    open(os.path.join(out, "appellate", name), "wb").write(text)

COURTS = {
    "U.S. District Court for the Middle District of Alabama", "U.S. District Court for the Southern District of Alabama",
    "U.S. District Court for the Eastern District of California", "U.S. District Court for the Northern District of California",
    "U.S. District Court for the District of Massachusetts", "U.S. Court of Appeals for the First Circuit",
}
fjc = os.path.join(args.data, "fjc-judges")
def rows(name):
    with open(os.path.join(fjc, name), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        return next(r), list(r)
h, service = rows("federal-judicial-service.csv")
nids = {row[0] for row in service if row[h.index("CourtName")] in COURTS}
os.makedirs(os.path.join(out, "fjc"), exist_ok=True)
for name in ["demos.csv", "federal-judicial-service.csv"]:
    header, body = rows(name)
    with open(os.path.join(out, "fjc", name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(row for row in body if row[0] in nids)

# The counts, from the files as Python's json module reads them.
def norm(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().upper()
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", s).split())
files = sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs if f.endswith(".json") and f != "expected.json")
cases, parties, party_entities, appearances, lawyers, firms, empty = set(), set(), set(), set(), set(), set(), []
judges = []
for name in files:
    d = json.load(open(os.path.join(out, name)))
    if not d:
        empty.append(os.path.basename(name))
        continue
    case = (d["court_id"], d["docket_number"])
    cases.add(case)
    for key in ("assigned_to_str", "referred_to_str"):
        if d.get(key):
            judges.append((case, key, d[key]))
    for j in d.get("panel") or []:
        judges.append((case, "panel", j))
    below = d.get("originating_court_information") or {}
    if below.get("assigned_to"):
        judges.append((case, "below", below["assigned_to"]))
    for party in d.get("parties") or []:
        parties.add((case, norm(party["name"]), party.get("type")))
        party_entities.add((d["court_id"], norm(party["name"])))
        for a in party.get("attorneys") or []:
            contact = a.get("contact") or ""
            if not a["name"].strip() or contact.startswith("PRO SE"):
                continue
            appearances.add((case, norm(party["name"]), norm(a["name"])))
            email = re.search(r"Email\s*:\s*(\S+@\S+)", contact)
            lines = [l.strip() for l in contact.splitlines() if l.strip() and not re.match(r"(?i)(email|fax|direct|phone)\s*:", l.strip())]
            # The firm: the first line, when a street or city line comes after it.
            firm = lines[0] if len(lines) >= 2 and not re.match(r"(?i)(\d|p\.?\s?o\.? box)", lines[0]) \
                and not re.search(r"(?i)\b(bldg|building|courthouse|tower|plaza)\b", lines[0]) else None
            if firm:
                firms.add(firm)
            lawyers.add((norm(a["name"]), email.group(1).lower() if email else firm or d["court_id"]))
expected = {
    "files": len(files), "empty_files": sorted(empty), "dockets": len(cases), "party_appearances": len(parties),
    "party_entities": len(party_entities), "counsel_appearances": len(appearances), "lawyers": len(lawyers),
    "law_firm_lines": sorted(firms), "judge_appearances": len(judges),
}
json.dump(expected, open(os.path.join(out, "expected.json"), "w"), indent=1)
print(json.dumps(expected, indent=1))
