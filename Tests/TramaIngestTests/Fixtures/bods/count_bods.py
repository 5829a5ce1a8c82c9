#!/usr/bin/env python3
"""Expected counts for the BODS fixtures, with Python's json and gzip modules and nothing of
Trama's code; writes expected.json. Per file: entity, person and ownership-or-control
statements (0.2 statementType; 0.4 recordType entity / person / relationship), and interests
of the ownership statements whose interested party is a statement (not unspecified)."""
import gzip, json, pathlib

here = pathlib.Path(__file__).parent
expected = {}
for path in sorted(here.iterdir()):
    if not (path.name.endswith(".json") or path.name.endswith(".jsonl") or path.name.endswith(".gz")):
        continue
    text = (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")).read()
    stripped = text.lstrip()
    statements = json.loads(text) if stripped.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
    e = {"entities": 0, "persons": 0, "relationships": 0, "interests": 0}
    for s in statements:
        kind = s.get("recordType") or s.get("statementType", "")
        details = s.get("recordDetails", s)
        if kind.startswith("entity"):
            e["entities"] += 1
        elif kind.startswith("person"):
            e["persons"] += 1
        elif kind.startswith("ownership") or kind == "relationship":
            e["relationships"] += 1
            party = details.get("interestedParty")
            named = isinstance(party, str) or (isinstance(party, dict) and ("describedByPersonStatement" in party or "describedByEntityStatement" in party))
            if named:
                e["interests"] += len(details.get("interests", []))
    expected[path.name] = e
(here / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
print(json.dumps(expected, indent=2, sort_keys=True))
