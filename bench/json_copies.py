"""Large JSON inputs for bench/ingest-json, built from the real samples of ../shared/data: the
samples' own items copied under new ids (every reference between them renamed alike), so
the importer meets real shapes at a size where throughput can be measured.

    python3 bench/json_copies.py FORMAT OUT COPIES     FORMAT: ocds | bods | ftm
"""
import glob
import gzip
import json
import sys

data = "../shared/data"


def ocds(out, copies):
    # A release package; each process's releases spread over the whole file (interleaved), so
    # the importer holds every release until the end of the file, as a real package makes it.
    releases = []
    for f in sorted(glob.glob(f"{data}/ocds-real-examples/**/*.json", recursive=True)):
        try:
            d = json.load(open(f, encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(d, dict) and "releases" in d and "records" not in d:
            releases += [r for r in d["releases"] if isinstance(r, dict) and "ocid" in r]
    with open(out, "w", encoding="utf-8") as h:
        h.write('{"uri":"bench","publishedDate":"2026-01-01T00:00:00Z","releases":[\n')
        first = True
        for i, r in enumerate(releases):
            for c in range(copies):
                r2 = dict(r, ocid=f'{r["ocid"]}-copy{c}', id=f'{r.get("id", i)}-copy{c}')
                h.write(("" if first else ",\n") + json.dumps(r2, ensure_ascii=False))
                first = False
        h.write("\n]}\n")
    return f"{len(releases)} releases x {copies} copies"


def bods(out, copies):
    # BODS 0.2 statements as JSON Lines: statement ids, the references to them and the
    # entities' identifiers renamed per copy, so every copy is entities and owners of its own.
    # The Danish samples name entity statements that are not among them (imported with
    # --keep-unresolved); the Slovak check file holds entities, persons and their ties.
    statements = []
    for f in sorted(glob.glob(f"{data}/bods-02-register-samples/json/*.json")):
        statements += [json.loads(line) for line in open(f, encoding="utf-8") if line.strip()]
    with gzip.open(f"{data}/bods-02-register-samples/checks-2/bods-data-check-2.json.gz", "rt", encoding="utf-8") as h:
        text = h.read()
    statements += json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]

    def rename(v, c):
        if isinstance(v, dict):
            return {k: (f"{x}-copy{c}" if k in ("statementID", "describedByEntityStatement", "describedByPersonStatement") and isinstance(x, str)
                        else [f"{s}-copy{c}" for s in x] if k == "replacesStatements" and isinstance(x, list)
                        else [dict(i, id=f'{i.get("id", "")}{c:06d}') if isinstance(i, dict) else i for i in x] if k == "identifiers" and isinstance(x, list)
                        else rename(x, c)) for k, x in v.items()}
        if isinstance(v, list):
            return [rename(x, c) for x in v]
        return v

    with open(out, "w", encoding="utf-8") as h:
        for c in range(copies):
            for s in statements:
                h.write(json.dumps(rename(s, c), ensure_ascii=False) + "\n")
    return f"{len(statements)} statements x {copies} copies"


def ftm(out, copies):
    # FollowTheMoney entities as JSON Lines (the Bundestag donations): ids, and the property
    # values that name them, renamed per copy.
    entities = [json.loads(line) for line in open(f"{data}/political-donations-de-bundestag/donations.ijson", encoding="utf-8") if line.strip()]
    ids = {e["id"] for e in entities}
    with open(out, "w", encoding="utf-8") as h:
        for c in range(copies):
            for e in entities:
                props = {k: [f"{v}-copy{c}" if v in ids else v for v in vs] for k, vs in e.get("properties", {}).items()}
                h.write(json.dumps(dict(e, id=f'{e["id"]}-copy{c}', properties=props), ensure_ascii=False) + "\n")
    return f"{len(entities)} entities x {copies} copies"


if __name__ == "__main__":
    fmt, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print(f"{fmt}: " + {"ocds": ocds, "bods": bods, "ftm": ftm}[fmt](out, copies), file=sys.stderr)
