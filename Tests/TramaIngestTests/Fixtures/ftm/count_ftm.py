#!/usr/bin/env python3
"""Expected counts for the FollowTheMoney fixture, with Python's json module and nothing of
Trama's code; writes expected.json: entities per schema, Payment edges (payer × beneficiary),
and references from things to other entities in the file (addressEntity and any other property
holding an entity id)."""
import collections, json, pathlib

here = pathlib.Path(__file__).parent
expected = {}
for path in sorted(here.glob("*.ijson")):
    entities = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    ids = {e["id"] for e in entities}
    by_schema = collections.Counter(e["schema"] for e in entities)
    payments = sum(len(e["properties"].get("payer", [])) * len(e["properties"].get("beneficiary", [])) for e in entities if e["schema"] == "Payment")
    things = [e for e in entities if e["schema"] != "Payment"]
    addresses = sum(1 for e in things for v in e["properties"].get("addressEntity", []) if v in ids)
    other = sum(1 for e in things for k, vs in e["properties"].items() if k != "addressEntity" for v in vs if v in ids and v != e["id"])
    expected[path.name] = {"by_schema": dict(sorted(by_schema.items())), "payments": payments, "address_links": addresses, "other_links": other}
(here / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
print(json.dumps(expected, indent=2, sort_keys=True))
