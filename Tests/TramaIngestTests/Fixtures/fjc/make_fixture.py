#!/usr/bin/env python3
"""Builds the FJC + Courts-DB test fixture from ../shared/data and counts what an importer
must find in it, with Python's csv and json modules only (independently of Trama).

Judges kept: everyone who served on the Southern District of New York, the District of
Columbia district court, the Court of Claims or the Court of Customs Appeals (a court
Courts-DB lacks). Every row of theirs in every file is kept, unchanged; courts.json keeps the
federal courts. Run from the repository root:
    python3 Tests/TramaIngestTests/Fixtures/fjc/make_fixture.py [--data /work/shared/data]
"""
import argparse, csv, json, os, re, collections

p = argparse.ArgumentParser()
p.add_argument("--data", default="/work/shared/data")
args = p.parse_args()
src = os.path.join(args.data, "fjc-judges")
out = os.path.dirname(os.path.abspath(__file__))
COURTS = {
    "U.S. District Court for the Southern District of New York",
    "U.S. District Court for the District of Columbia",
    "Court of Claims",
    "U.S. Court of Customs Appeals (later U.S. Court of Customs and Patent Appeals)",
}

def rows(name):
    with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        header = next(r)
        return header, list(r)

h, service = rows("federal-judicial-service.csv")
nids = {row[0] for row in service if row[h.index("CourtName")] in COURTS}
files = ["demos.csv", "federal-judicial-service.csv", "education.csv", "professional-career.csv",
         "other-federal-judicial-service.csv", "other-nominations-recess.csv"]
kept = {}
for name in files:
    header, body = rows(name)
    keep = [row for row in body if row[0] in nids]
    kept[name] = (header, keep)
    quoting = csv.QUOTE_ALL if name in ("professional-career.csv", "other-federal-judicial-service.csv", "other-nominations-recess.csv") else csv.QUOTE_MINIMAL
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=quoting, lineterminator="\n")
        w.writerow(header)
        w.writerows(keep)

with open(os.path.join(args.data, "courts-us-courts-db", "courts.json"), encoding="utf-8") as f:
    courts = [c for c in json.load(f) if c.get("system") == "federal"]
with open(os.path.join(out, "courts.json"), "w", encoding="utf-8") as f:
    json.dump(courts, f, indent=1, ensure_ascii=False)

# Counts.
sh, srows = kept["federal-judicial-service.csv"]
col = {n: i for i, n in enumerate(sh)}
presidents = {r[col["AppointingPresident"]].strip() for r in srows if r[col["AppointingPresident"]].strip()} | \
             {r[col["ReappointingPresident"]].strip() for r in srows if r[col["ReappointingPresident"]].strip()}
appointments = sum(1 for r in srows if r[col["AppointingPresident"]].strip()) + sum(1 for r in srows if r[col["ReappointingPresident"]].strip())
seats = collections.defaultdict(list)
for r in srows:
    s = r[col["SeatID"]].strip()
    if re.fullmatch(r".+\d\d", s):
        seats[s[:-2]].append((int(s[-2:]), r[0]))
successions = 0
for holders in seats.values():
    holders.sort()
    for a, b in zip(holders, holders[1:]):
        if b[0] == a[0] + 1 and a[1] != b[1]:
            successions += 1
dh, drows = kept["demos.csv"]
expected = {
    "judges": len(drows),
    "services": len(srows),
    "appointments": appointments,
    "presidents": len(presidents),
    "successions": successions,
    "degrees": len(kept["education.csv"][1]),
    "career_lines": len(kept["professional-career.csv"][1]),
    "clerk_lines": sum(1 for r in kept["professional-career.csv"][1] if r[3].startswith("Law clerk, Hon. ")),
    "schools": len({re.sub(r"[\W_]+", " ", r[3].upper()).strip() for r in kept["education.csv"][1]}),
    "courts_db_federal": len(courts),
    "customs_appeals_services": sum(1 for r in srows if r[col["CourtName"]].startswith("U.S. Court of Customs Appeals")),
}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print(expected)
