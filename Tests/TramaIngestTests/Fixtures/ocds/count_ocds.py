#!/usr/bin/env python3
"""Expected counts for the OCDS fixtures, computed with Python's json module and nothing of
Trama's code. Writes expected.json beside this script.

Per file: processes (distinct ocids: a record's compiledRelease, a release, a compiled
release per JSON line), bids_details (entries of bids.details with at least one tenderer),
tenderers (entries of tender.tenderers in processes without bids.details), awards (awards not
cancelled/unsuccessful with at least one supplier), contracts (contracts with an id), and
parties (distinct party identifiers: scheme + id when the party has an identifier, else its id),
and for the files that are not JSON, the error.
"""
import json, gzip, pathlib

here = pathlib.Path(__file__).parent


def processes(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        text = f.read()
    if not text.strip():
        raise ValueError("empty")
    values = [json.loads(line) for line in text.splitlines() if line.strip()] if path.suffix == ".jsonl" else [json.loads(text)]
    out = []
    for v in values:
        if "compiledRelease" in v:
            out.append(v["compiledRelease"])
        elif "records" in v:
            out += [r["compiledRelease"] for r in v["records"] if "compiledRelease" in r]
        elif "releases" in v and "ocid" not in v:
            out += v["releases"]
        else:
            out.append(v)
    return out


expected = {}
for path in sorted(here.iterdir()):
    if path.suffix not in (".json", ".jsonl", ".gz"):
        continue
    try:
        ps = processes(path)
    except ValueError as e:
        expected[path.name] = {"error": str(e) or "not JSON"}
        continue
    e = {"processes": len({p["ocid"] for p in ps}), "bids_details": 0, "tenderers": 0, "awards": 0, "contracts": 0}
    parties = set()
    for p in ps:
        details = [b for b in p.get("bids", {}).get("details", []) if b.get("tenderers")]
        e["bids_details"] += len(details)
        if not p.get("bids", {}).get("details"):
            e["tenderers"] += len(p.get("tender", {}).get("tenderers", []))
        e["awards"] += sum(1 for a in p.get("awards", []) if a.get("status") not in ("cancelled", "unsuccessful") and a.get("suppliers"))
        e["contracts"] += sum(1 for c in p.get("contracts", []) if "id" in c)
        for party in p.get("parties", []):
            ident = party.get("identifier") or {}
            parties.add((ident.get("scheme"), str(ident["id"])) if ident.get("id") else (None, str(party.get("id"))))
    e["parties"] = len(parties)
    expected[path.name] = e
(here / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
print(json.dumps(expected, indent=2, sort_keys=True))
