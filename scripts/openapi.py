#!/usr/bin/env python3
"""Writes openapi.json, the contract of Trama's HTTP API (OpenAPI 3.1).

The Swift answer types (Sources/TramaService, Sources/TramaServer) are the source of every
shape; this file restates them for clients and for schemathesis, and the Swift test
OpenAPIDocumentTests checks that each schema lists exactly the fields its type encodes.
Run it after changing an answer type:  python3 scripts/openapi.py > openapi.json
"""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def vocabulary(enum):
    """The raw values of one of TramaModel's vocabulary enums, read from its source."""
    text = (ROOT / "Sources/TramaModel/Vocabulary.swift").read_text()
    body = text[text.index(f"enum {enum}"):]
    body = body[:body.index("\n}\n")]
    values = []
    for line in body.split("\n"):
        m = re.match(r"\s*case (.*)", line)
        if not m:
            continue
        for part in m.group(1).split(","):
            mm = re.match(r"`?(\w+)`?(?:\s*=\s*\"([^\"]+)\")?", part.strip())
            if mm:
                values.append(mm.group(2) or mm.group(1))
    return values


ENTITY_KINDS = vocabulary("EntityKind")
ANALYSES = ["collusion", "judicial", "judicial_patterns", "suppliers"]  # AnalysisRun.analyses
RELATION_KINDS = vocabulary("RelationKind")
KIND_ALT = "|".join(ENTITY_KINDS)
RELATION_ALT = "|".join(RELATION_KINDS)
REFERENCE = {"type": "string", "pattern": f"^({KIND_ALT}):[^\\x00]+$", "maxLength": 1000}
POSITIVE = r"([1-9][0-9]*(\.[0-9]+)?|0\.[0-9]*[1-9][0-9]*)"

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def nullable(t): return {"type": [t, "null"]}
def arr(items): return {"type": "array", "items": items}
def obj(props, required=None, additional=False):
    return {"type": "object", "properties": props, "required": list(props) if required is None else required,
            "additionalProperties": additional}

S = {"type": "string"}
I = {"type": "integer"}
N = {"type": "number"}
B = {"type": "boolean"}
NN = {"type": ["number", "null"]}  # a figure; null when it cannot be computed (NaN, ±∞)
ANY = {}

DATE_NULLABLE = {"type": ["string", "null"], "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}

schemas = {  # noqa: E501
    "Problem": obj({
        "type": S, "title": S, "status": I, "detail": S, "parameter": nullable("string"),
        "category": {"type": "string", "enum": ["bad_request", "unauthorized", "forbidden", "not_found", "ambiguous",
                                                 "conflict", "limit_exceeded", "unavailable", "internal"]},
    }),
    "Page": obj({"total": I, "limit": I, "offset": I, "next": nullable("string"), "previous": nullable("string")}),
    "EntityInfo": obj({"key": S, "kind": S, "name": nullable("string")}),
    "EdgeInfo": obj({"kind": S, "from": S, "to": S, "valid_from": nullable("string"), "valid_to": nullable("string"),
                     "dataset": S, "source": S, "properties": {"type": "object"}}),
    "PathDetail": obj({"nodes": arr(ref("EntityInfo")), "edges": arr(ref("EdgeInfo")), "cost": nullable("number")}),
    "PathAnswer": obj({
        "from": ref("EntityInfo"), "to": ref("EntityInfo"),
        "status": {"type": "string", "enum": ["found", "no_path", "not_within_limits", "budget_exhausted"]},
        "complete": B, "cost": nullable("number"), "paths": arr(ref("PathDetail")),
        "question": obj({"kinds": {"type": ["array", "null"], "items": S}, "at": nullable("string"),
                         "weights": {"type": ["array", "null"], "items": obj({"kind": S, "cost": N})},
                         "paths": {"type": "string", "enum": ["shortest", "k_shortest", "all_shortest"]},
                         "count": nullable("integer"), "directed": B}),
        "limits": obj({"max_hops": I, "max_degree": nullable("integer"), "budget": nullable("integer"),
                       "reached": arr({"type": "string", "enum": ["max_hops", "max_degree", "budget"]}),
                       "inspected": nullable("integer")}),
    }),
    "PathFailure": obj({"from": S, "to": S, "status": {"type": "string", "enum": ["error"]}, "error": S, "line": I}),
    "PathBatchRequest": obj({
        "pairs": {"type": "array", "maxItems": 1000, "items": obj({"from": {"type": "string", "minLength": 1}, "to": {"type": "string", "minLength": 1}})},
        "kinds": {"type": ["array", "null"], "items": {"type": "string", "enum": RELATION_KINDS}},
        "at": {"type": ["string", "null"], "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "max_hops": {"type": ["integer", "null"], "minimum": 1, "maximum": 12},
        "max_degree": {"type": ["integer", "null"], "minimum": 1, "maximum": 2147483647},
        "budget": {"type": ["integer", "null"], "minimum": 1, "maximum": 50000000},
        "k": {"type": ["integer", "null"], "minimum": 1, "maximum": 100}, "all": nullable("boolean"),
        "limit": {"type": ["integer", "null"], "minimum": 1, "maximum": 10000},
        "weights": {"type": ["object", "null"], "propertyNames": {"enum": RELATION_KINDS},
                    "additionalProperties": {"type": "number", "exclusiveMinimum": 0}},
        "directed": nullable("boolean"),
    }, required=["pairs"]),
    "PathBatchAnswer": obj({"answers": arr({"oneOf": [ref("PathAnswer"), ref("PathFailure")]})}),
    "PathScreenRequest": obj({
        "entities": {"type": "array", "maxItems": 10000, "items": {"type": "string", "minLength": 1}},
        "kinds": {"type": ["array", "null"], "items": {"type": "string", "enum": RELATION_KINDS}},
        "at": {"type": ["string", "null"], "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "max_hops": {"type": ["integer", "null"], "minimum": 1, "maximum": 6},
        "max_degree": {"type": ["integer", "null"], "minimum": 1, "maximum": 2147483647},
        "budget": {"type": ["integer", "null"], "minimum": 1, "maximum": 50000000},
        "directed": nullable("boolean"),
        "limit": {"type": ["integer", "null"], "minimum": 1, "maximum": 100000},
    }, required=["entities"]),
    "PathScreenAnswer": obj({
        "entities": I, "max_hops": I, "total": I, "by_hops": arr(obj({"hops": I, "pairs": I})),
        "pairs": arr(obj({"from": S, "to": S, "hops": I})), "names": {"type": "object", "additionalProperties": S}, "cut": arr(S),
        "unresolved": arr(obj({"entity": S, "line": I, "error": S})),
    }),
    "SearchAnswer": obj({"query": S, "page": ref("Page"), "results": arr(obj({
        "key": S, "kind": S, "name": nullable("string"), "dataset": S,
        "match": {"type": "string", "enum": ["identifier", "name"]}, "score": N, "flags": I}))}),
    "Flag": obj({"analysis": S, "run": I, "subject": S, "indicator": S, "value": nullable("number"), "evidence": ANY}),
    "FlagList": obj({"page": ref("Page"), "flags": arr(ref("Flag"))}),
    "RankedFlag": obj({"indicator": S, "value": NN, "standing": NN, "analysis": S, "run": I, "evidence": ANY}),
    "FlagRanking": obj({"filter": nullable("string"), "period": {"anyOf": [ref("ReportPeriod"), {"type": "null"}]}, "sorted_by": S,
                        "page": ref("Page"), "entities": arr(obj({"subject": S, "score": N, "patterns": I, "flags": arr(ref("RankedFlag"))}))}),
    # At most 1,000 references of at most 200 characters each side: the largest valid body stays
    # well under the server's 1 MiB limit, so no valid request is too large.
    "ValidationRequest": obj({
        "cases": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {**REFERENCE, "maxLength": 200}},
        "clean": {"type": ["array", "null"], "maxItems": 1000, "items": {**REFERENCE, "maxLength": 200}}}, required=["cases"]),
    "FlagValidation": obj({
        "cases": I, "clean": I, "matched": B, "unknown": arr(S),
        "indicators": arr(obj({"indicator": S, "name": nullable("string"), "cases_flagged": I, "clean_flagged": I, "case_rate": N,
                               "clean_rate": N, "odds_ratio": N, "p_value": N, "auc": N}))}),
    "FlagCoverage": obj({
        "summary": obj({"computed": I, "computable": I, "not_computable": I}),
        "indicators": arr(obj({"id": S, "name": S, "pattern": S,
                               "direction": {"type": "string", "enum": ["higher_is_riskier", "lower_is_riskier", "binary"]},
                               "status": {"type": "string", "enum": ["computed", "computable", "not_computable"]},
                               "analysis": nullable("string"), "flag": nullable("string"), "flagged": nullable("integer"), "needs": arr(S)}))}),
    "SupplierProfile": obj({
        "entity": ref("EntityInfo"), "score": N, "patterns": I,
        "flags": arr(obj({"indicator": S, "name": nullable("string"), "pattern": S, "value": NN, "standing": NN, "analysis": S, "run": I,
                          "evidence": ANY})),
        "documents": arr(obj({"analysis": S, "run": I, "section": S, "document": ANY})),
        "highlighted": arr(S), "neighbourhood": ref("NeighborsAnswer")}),
    "EntityAnswer": obj({"entity": ref("EntityInfo"), "properties": {"type": "object"}, "dataset": S, "source": S,
                         "datasets": arr(obj({"dataset": S, "record": B, "relationships": I})),
                         "relationships": arr(obj({"kind": S, "direction": {"type": "string", "enum": ["out", "in"]}, "count": I})),
                         "flags": arr(ref("Flag"))}),
    "RelationshipsAnswer": obj({"entity": ref("EntityInfo"), "page": ref("Page"), "relationships": arr(obj({
        "direction": {"type": "string", "enum": ["out", "in"]}, "other": ref("EntityInfo"), "relationship": ref("EdgeInfo")}))}),
    "NeighborsAnswer": obj({"center": ref("EntityInfo"), "nodes": arr(obj({"key": S, "kind": S, "name": nullable("string"), "hops": I})),
                            "edges": arr(ref("EdgeInfo")), "truncated": I, "hops": I}),
    "HealthAnswer": obj({"status": S, "graph_version": I, "nodes": I, "edges": I, "loaded_at": S, "load_seconds": N}),
    "AccessToken": obj({"id": I, "name": S, "role": {"type": "string", "enum": ["viewer", "analyst", "admin"]},
                        "created_at": S, "revoked_at": nullable("string"), "last_used_at": nullable("string")}),
    "TokenRequest": obj({"role": {"type": "string", "enum": ["viewer", "analyst", "admin"]}, "name": {"type": ["string", "null"], "maxLength": 200}}, required=["role"]),
    "CreatedToken": obj({"token": ref("AccessToken"), "secret": S}),
    "OpenedSession": obj({"id": I, "role": {"type": "string", "enum": ["viewer", "analyst", "admin"]}, "created_at": S, "expires_at": S,
                          "idle_seconds": I, "secret": S}),
    "TokenList": obj({"tokens": arr(ref("AccessToken"))}),
    "AuditEntry": obj({"id": I, "at": S, "token_id": nullable("integer"), "endpoint": S, "entities": arr(S), "status": I,
                       "prev_hash": nullable("string"), "hash": S}),
    "AuditPage": obj({"page": ref("Page"), "entries": arr(ref("AuditEntry"))}),
    "AuditVerification": obj({"ok": B, "rows_checked": I, "first_broken_id": nullable("integer"), "reason": nullable("string")}),
    # Stored analysis documents (Sources/TramaService/CollusionAnswers.swift, JudicialAnswers.swift).
    "ReportPeriod": obj({"from": nullable("string"), "to": nullable("string")}),
    "LinkedBidderPair": obj({"tender": S, "firms": arr(S), "winner": nullable("string"), "links": arr(obj({
        "kind": S, "indicator": S, "via": S, "hops": I, "weight": NN}))}),
    "TopLoserFigures": obj({"firm": S, "name": nullable("string"), "bids": I, "wins": I, "winning_rate": NN,
                            "winning_value_rate": NN, "competitors": I, "lost_to": arr(obj({"firm": S, "times": I})),
                            "top_loser": B, "score": NN, "wins_against_top_losers": I, "win_rate_against_top_losers": NN,
                            "top_losers_beaten": I, "relative_low_winning": NN, "cover_bidding": NN, "cover_standing": NN,
                            "collusion_risk": NN}),
    "BidVariance": obj({"tender": S, "bids": I, "cv": NN, "rd": NN, "low_variance": B, "high_distance": B, "low_dispersion": NN,
                        "distance_standing": NN, "imhof_distance": NN, "collusion_risk": NN}),
    "BidderRing": obj({"id": S, "firms": arr(S), "names": arr(nullable("string")), "winners": arr(S), "losers": arr(S),
                       "links": arr(obj({"kind": S, "indicator": S, "firms": arr(S), "via": nullable("string"),
                                         "via_name": nullable("string"), "hops": I, "co_bids": I, "times": nullable("integer"),
                                         "sources": arr(S)})),
                       "tenders": I, "tender_keys": arr(S), "agencies": arr(S), "period": ref("ReportPeriod"), "value": NN}),
    "JudgeConflictDocument": obj({"judge": S, "judge_name": nullable("string"), "case": S, "filed": nullable("string"), "party": S,
                                  "party_name": nullable("string"), "role": nullable("string"), "lawyer": nullable("string"),
                                  "reaches": S, "hops": I, "relations": arr(S), "path": ref("PathAnswer")}),
    "JudgeMapDocument": obj({"judge": ref("EntityInfo"), "title": S, "subtitle": nullable("string"), "layout": S, "cases": I,
                             "conflicts": I, "grouped_cases": I,
                             "nodes": arr(obj({"id": S, "kind": S, "label": S, "detail": nullable("string"), "emphasis": S})),
                             "edges": arr(obj({"from": S, "to": S, "kind": S, "label": nullable("string"), "highlighted": B}))}),
    "CommunitiesAnswer": obj({"on": {"type": "string", "enum": ["graph", "co-bidding", "shared-owners", "shared-employees"]},
                              "modularity": NN, "communities": I, "nodes": I, "links": I,
                              "listed": arr(obj({"size": I, "internal_weight": NN, "members": arr(ref("EntityInfo")),
                                                 "links": arr(obj({"from": S, "to": S, "weight": NN}))}))}),
    "RankAnswer": obj({"measure": {"type": "string", "enum": ["pagerank", "degree", "betweenness"]},
                       "ranked": arr(obj({"key": S, "kind": S, "name": nullable("string"), "score": NN, "degree": I}))}),
    "JobProgress": obj({"message": S, "file": nullable("string"), "records": nullable("integer"), "bytes_done": nullable("integer"),
                        "bytes_total": nullable("integer"), "seconds": N, "bytes_per_second": nullable("number"),
                        "eta_seconds": nullable("number")}),
    "JobProblem": obj({"detail": S, "category": {"type": "string", "enum": ["bad_request", "unauthorized", "forbidden", "not_found", "ambiguous",
                                                                           "conflict", "limit_exceeded", "unavailable", "internal"]},
                       "file": nullable("string"), "line": nullable("integer"), "field": nullable("string"), "value": nullable("string")}),
    "Job": obj({"id": I, "kind": {"type": "string", "enum": ["import", "scan"]},
                "state": {"type": "string", "enum": ["queued", "running", "succeeded", "failed"]},
                "parameters": {"type": "object"}, "created_at": S, "started_at": nullable("string"), "finished_at": nullable("string"),
                "progress": {"oneOf": [ref("JobProgress"), {"type": "null"}]},
                "result": {"type": ["object", "null"]}, "problems": arr(ref("JobProblem")), "token_id": nullable("integer")}),
    "JobList": obj({"page": ref("Page"), "jobs": arr(ref("Job"))}),
    "InvestigationChange": {"oneOf": []},  # filled in below: one variant per action
    "OwnershipHop": obj({"kind": S, "from": S, "to": S, "valid_from": nullable("string"), "valid_to": nullable("string"),
                         "dataset": S, "source": S, "properties": {"type": "object"}, "share": NN}),
    "OwnershipChain": obj({"entities": arr(ref("EntityInfo")), "hops": arr(ref("OwnershipHop")), "share": NN}),
    "JudgeFirms": obj({"judge": nullable("string"), "page": ref("Page"), "firms": arr(obj({
        "firm": S, "firm_name": nullable("string"), "judge": S, "judge_name": nullable("string"), "courts": arr(S), "cases": I,
        "appearances": I, "lawyers": I, "roles": arr(obj({"role": S, "cases": I})), "first_filed": nullable("string"),
        "last_filed": nullable("string")}))}),
    "JudgeList": obj({"page": ref("Page"), "judges": arr(obj({"key": S, "name": nullable("string"), "court": nullable("string"),
                                                              "court_name": nullable("string"), "cases": I, "flags": I}))}),
    "InvestigationSummary": obj({"id": I, "name": S, "owner_name": S, "access": {"type": "string", "enum": ["read", "edit", "owner"]},
                                 "entities": I, "updated_at": S}),
    "InvestigationList": obj({"investigations": arr(ref("InvestigationSummary"))}),
    "Investigation": obj({
        "id": I, "name": S, "owner_id": I, "owner_name": S, "created_at": S, "updated_at": S,
        "access": {"type": "string", "enum": ["read", "edit", "owner"]}, "at": nullable("string"),
        "entities": arr(obj({"kind": S, "key": S, "name": nullable("string"), "pinned": B, "note": S, "in_data": B})),
        "relationships": arr(ref("EdgeInfo")),
        "shares": arr(obj({"token_id": I, "name": S, "access": {"type": "string", "enum": ["read", "edit", "owner"]}}))}),
    "NewInvestigation": obj({"name": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"},
                             "entities": {"type": ["array", "null"], "items": REFERENCE, "maxItems": 500}}, required=["name"]),
    "InvestigationChanged": obj({"outcome": obj({"changed": I, "more": I}), "investigation": ref("Investigation")}),
    "ScanRequest": {"oneOf": [
        obj({"analysis": {"const": "collusion"}, "from": DATE_NULLABLE, "to": DATE_NULLABLE}, required=["analysis"]),
        obj({"analysis": {"const": "judicial"}, "hops": {"type": ["integer", "null"], "minimum": 1, "maximum": 6}}, required=["analysis"]),
        obj({"analysis": {"const": "judicial_patterns"}}, required=["analysis"]),
        obj({"analysis": {"const": "resolution"}}, required=["analysis"]),
        obj({"analysis": {"const": "suppliers"}, "from": DATE_NULLABLE, "to": DATE_NULLABLE,
             "term_years": {"type": ["integer", "null"], "minimum": 0, "maximum": 20},
             "minimum_advertisement_days": {"type": ["integer", "null"], "minimum": 0, "maximum": 3650},
             "cost_overrun": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
             "delivery_delay": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
             "home_country": {"type": ["string", "null"], "minLength": 1, "maxLength": 64},
             "splitting_threshold": {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 1e15},
             "splitting_window": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650},
             "secrecy_list": {"oneOf": [{"type": "null"}, obj({
                 "source": {"type": "string", "minLength": 1, "maxLength": 200}, "date": {"type": "string", "maxLength": 32},
                 "jurisdictions": {"type": "array", "minItems": 1, "maxItems": 250, "items": obj({
                     "code": {"type": "string", "pattern": "^[A-Za-z]{2}$"}, "name": {"type": "string", "minLength": 1, "maxLength": 100}},
                     required=["code", "name"])}}, required=["source", "date", "jurisdictions"])]}}, required=["analysis"]),
    ]},
    "MergeCandidates": obj({"page": {"oneOf": [ref("Page"), {"type": "null"}]}, "candidates": arr(obj({
        "first": ref("MergeRecord"), "second": ref("MergeRecord"), "score": NN, "reason": S}))}),
    "MergeRecord": obj({"key": S, "name": nullable("string"), "dataset": S, "source": S}),
    "MergeRequest": obj({"kept": REFERENCE, "merged": REFERENCE}),
    "RejectionRequest": obj({"first": REFERENCE, "second": REFERENCE}),
    "RunSummary": obj({"analysis": {"type": "string", "enum": ANALYSES}, "run": I, "started_at": S, "seconds": NN,
                       "period": ref("ReportPeriod"), "parameters": {"type": "object"}, "summary": {"type": "object"}}),
    "RunList": obj({"page": ref("Page"), "runs": arr(ref("RunSummary"))}),
    "LawyerAppearance": obj({"lawyer": S, "lawyer_name": nullable("string"), "judge": S, "judge_name": nullable("string"), "court": S,
                             "court_name": nullable("string"), "cases_before_judge": I, "cases_in_peer_group": I, "judge_share": NN,
                             "expected": NN, "ratio": NN, "p_value": NN, "adjusted_p_value": NN, "tests": I,
                             "significant_after_adjustment": B, "cases": arr(S)}),
    "WinRecord": obj({"won": I, "decided": I, "rate": NN}),
    "LawyerWinRate": obj({"lawyer": S, "lawyer_name": nullable("string"), "judge": S, "judge_name": nullable("string"), "court": S,
                          "court_name": nullable("string"), "direction": S, "before_judge": ref("WinRecord"),
                          "before_peers": ref("WinRecord"), "p_value": NN, "adjusted_p_value": NN, "tests": I,
                          "significant_after_adjustment": B, "cases": arr(S)}),
    "JudicialPatternsAnswer": obj({"run": I, "cases": I, "judges": I, "tests": obj({"appearance": I, "win_rate": I, "pairs": nullable("integer"), "too_few": nullable("integer")}),
                                   "appearance": arr(ref("LawyerAppearance")), "win_rate": arr(ref("LawyerWinRate"))}),
    "JudgeProfileDocument": obj({
        "judge": S, "judge_name": nullable("string"), "court": nullable("string"), "court_name": nullable("string"),
        "specialisation": nullable("string"),
        "caseload": obj({"cases": I, "decided": I, "pending": I, "median_days_to_decision": NN}),
        "peers": {"oneOf": [obj({"judges": arr(S), "cases_per_judge": NN, "cases": I, "decided": I, "pending": I,
                                 "median_days_to_decision": NN}), {"type": "null"}]},
        "outcomes": arr(obj({"outcome": S, "cases": I, "share": NN, "peer_cases": nullable("integer"), "peer_share": NN})),
        "versus_peers": {"oneOf": [obj({"caseload_ratio": NN, "median_days_difference": NN}), {"type": "null"}]},
        "verdict": nullable("string")}),
    "JudgeProfileReport": obj({"run": I, "started_at": S, "period": ref("ReportPeriod"), "parameters": {"type": "object"},
                               "profile": ref("JudgeProfileDocument")}),
}

def run_report(item_schema, list_key):
    """A stored run's report over HTTP: the run header, the page, the items (RunReport<Item>)."""
    return obj({"run": I, "started_at": S, "period": ref("ReportPeriod"), "parameters": {"type": "object"},
                "page": ref("Page"), list_key: arr(ref(item_schema))})

for name, item, key in [("PairsReport", "LinkedBidderPair", "pairs"), ("TopLosersReport", "TopLoserFigures", "firms"),
                        ("TendersReport", "BidVariance", "tenders"), ("RingsReport", "BidderRing", "rings"),
                        ("ConflictsReport", "JudgeConflictDocument", "conflicts")]:
    schemas[name] = run_report(item, key)

RUN = {"name": "run", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
       "description": "A stored run's id (GET /api/v1/runs); the latest run when absent."}

def problem(description):
    return {"description": description, "content": {"application/problem+json": {"schema": ref("Problem")}}}

def json_ok(schema, description="The answer."):
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}},
            "headers": {"Trama-Graph-Version": {"description": "The data generation the answer was computed on.",
                                                "schema": I}}}

def drawn(schema):
    r = json_ok(schema, "The answer as JSON, or drawn as SVG, PNG, PDF or DOT (by `format` or `Accept`).")
    r["content"].update({
        "image/svg+xml": {"schema": S}, "image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}},
        "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}},
        "text/vnd.graphviz": {"schema": S}})
    return r

AUTH = {"401": problem("No API token, or an unknown or revoked one."),
        "403": problem("The token's role does not allow this endpoint."),
        "429": problem("Too many unknown tokens from this address in a minute; see Retry-After.")}
COMMON = {"400": problem("A parameter cannot be used as given; `parameter` names it."),
          "422": problem("A parameter is above the service's limit; `parameter` names it."),
          "503": problem("The server cannot answer now (the map queue is full, the database is unreachable); see Retry-After.")}

def q(name, schema, description, required=False):
    # The server refuses a parameter given empty (`kind=`), and one holding a NUL (PostgreSQL
    # text cannot): say so in every string's schema.
    if schema.get("type") == "string" and "enum" not in schema:
        schema = {**schema, "minLength": 1}
        if "pattern" not in schema:
            schema["pattern"] = "^[^\\x00]*$"
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}

REF = {"name": "ref", "in": "path", "required": True, "schema": {"type": "string", "pattern": f"^({KIND_ALT}):[^\\x00]+$"},
       "description": "The entity as kind:key, URL-encoded (firm%3AF0000123)."}
PAGE = [q("limit", {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}, "Items per page (at most 500)."),
        q("offset", {"type": "integer", "minimum": 0, "maximum": 1000000000, "default": 0}, "Items to skip (at most 1,000,000,000).")]
KINDS = {"type": "string", "pattern": f"^({RELATION_ALT})(,({RELATION_ALT}))*$"}
DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
FORMAT = q("format", {"type": "string", "enum": ["json", "svg", "png", "pdf", "dot"]}, "json (default) or a drawn map.")
PATH_OPTIONS = [
    q("kinds", KINDS, "Relationship kinds to follow, comma-separated (owns,employed_by). Default: all."),
    q("at", DATE, "Only relationships valid on this date (YYYY-MM-DD)."),
    q("max_hops", {"type": "integer", "minimum": 1, "maximum": 12, "default": 6}, "Longest connection, in hops (at most 12)."),
    q("max_degree", {"type": "integer", "minimum": 1, "maximum": 2147483647}, "Do not pass through entities with more relationships than this."),
    q("budget", {"type": "integer", "minimum": 1, "maximum": 50000000}, "Relationships to inspect before giving up."),
    q("k", {"type": "integer", "minimum": 1, "maximum": 100}, "The k shortest (or cheapest) distinct paths."),
    q("all", {"type": "boolean"}, "Every path of the shortest length (at most `limit`)."),
    q("limit", {"type": "integer", "minimum": 1, "maximum": 10000}, "Most paths `all` lists."),
    q("weights", {"type": "string", "pattern": f"^({RELATION_ALT})={POSITIVE}(,({RELATION_ALT})={POSITIVE})*$"}, "Cost per relationship kind, e.g. relative_of=0.5,owns=1: the cheapest path instead of the shortest."),
    q("directed", {"type": "boolean"}, "Follow relationships only in their stated direction (from owns … owns to): a chain of control, not any connection."),
]

ACCEPTED = {"description": "The job, queued; `Location` is where to follow it.",
            "content": {"application/json": {"schema": ref("Job")}},
            "headers": {"Location": {"description": "/api/v1/jobs/{id}", "schema": S, "required": True}}}

def op(summary, description, role, params, responses, tag, body=None, op_id=None):
    o = {"summary": summary, "description": description + f"\n\nRole: `{role}` or above." if role else description,
         "tags": [tag], "operationId": op_id, "parameters": params, "responses": responses}
    if role is None:
        o["security"] = []
    if body:
        o["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    return o

paths = {
    "/health": {"get": op("Is the server up, and which graph does it serve?", "Open to anyone.", None, [],
                          {"200": json_ok("HealthAnswer")}, "service", op_id="health")},
    "/openapi.json": {"get": op("This document.", "Open to anyone.", None, [],
                                {"200": {"description": "The OpenAPI document.", "content": {"application/json": {"schema": {"type": "object"}}}}},
                                "service", op_id="openapi")},
    "/api/v1/search": {"get": op(
        "Find entities by identifier or name.",
        "An exact match on the identifier first, then names by trigram similarity or containment.", "viewer",
        [q("q", {"type": "string", "pattern": r"^[^\x00]*[^\s\u0085\x00][^\x00]*$"}, "An identifier or part of a name.", True),
         q("kind", {"type": "string", "enum": ENTITY_KINDS}, "Only entities of this kind."), q("dataset", S, "Only entities of this dataset."),
         q("flagged", {"type": "boolean"}, "Only entities the latest analyses flagged (true) or did not (false).")] + PAGE,
        {"200": json_ok("SearchAnswer"), **AUTH, **COMMON}, "entities", op_id="search")},
    "/api/v1/flags": {"get": op(
        "Red flags of the latest run of every analysis.", "Filtered by entity and by indicator (a GRAS number matches its sub-indicators: 2.7 finds 2.7.1).",
        "viewer", [q("entity", S, "kind:key of one entity."), q("indicator", {"type": "string", "pattern": r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", "maxLength": 64},
                                                                   "GRAS number (2.7 finds 2.7.1 and 2.7.4) or screen name."),
                   q("min_value", {"type": "number"}, "Only flags with a value at least this."),
                   q("max_value", {"type": "number"}, "Only flags with a value at most this."),
                   q("sort", {"type": "string", "enum": ["indicator", "-value", "value", "subject"]},
                     "Order: by indicator then highest value (default), highest or lowest value first, or by entity.")] + PAGE,
        {"200": json_ok("FlagList"), **AUTH, **COMMON}, "analyses", op_id="flags")},
    "/api/v1/flags/ranking": {"get": op(
        "Entities whose red flags satisfy a filter, ranked by a composite score.",
        "`filter` combines indicators and values with and, or, not and parentheses (`2.7.1 >= 1 and 4.1.2 > 11000 and 1.2.1 >= 0.5`; a "
        "bare indicator means flagged). The score sums, over the risk patterns an entity is flagged in, its best standing (the "
        "cumulative share of its value among all entities flagged for the same indicator). `from`/`to` read the runs made for "
        "exactly that period; `sort_by` ranks by one indicator's value.",
        "viewer", [q("filter", {"type": "string", "maxLength": 2000}, "An expression over flags; a malformed one is a 400 naming `filter`."),
                   q("from", DATE, "The runs made for the period starting on this date."), q("to", DATE, "… and ending on this date."),
                   q("sort_by", {"type": "string", "pattern": r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", "maxLength": 64},
                     "Rank by this indicator's value (highest first) instead of the composite score.")] + PAGE,
        {"200": json_ok("FlagRanking"), **AUTH, **COMMON}, "analyses", op_id="flagRanking")},
    "/api/v1/flags/validation": {"post": op(
        "How each red flag separates known cases from clean entities.",
        "Per flag of the latest runs: the share of the known cases and of the clean entities flagged, the odds ratio, Fisher's "
        "exact p-value and the AUC of its value. Without `clean`, each case is matched with the unlabelled entity of its kind with "
        "the nearest number of bids and contracts. Entities the graph does not hold are listed in `unknown`. Audited.", "analyst", [],
        {"200": json_ok("FlagValidation"), "413": problem("The body is too large."), **AUTH, **COMMON}, "analyses",
        body="ValidationRequest", op_id="flagValidation")},
    "/api/v1/flags/coverage": {"get": op(
        "The 60 GRAS indicators: computed, computable, or not computable and what each needs.",
        "The GRAS feasibility view: an indicator whose data is not loaded says what it needs instead of reporting 0.", "viewer", [],
        {"200": json_ok("FlagCoverage"), **AUTH, **COMMON}, "analyses", op_id="flagCoverage")},
    "/api/v1/entities/{ref}/profile": {"get": op(
        "One supplier's red flags, their standing and evidence, and its map with the flagged links highlighted.",
        "Every flag of the latest runs with its value and standing among the entities flagged alike, the GRAS indicator, the "
        "documents the runs stored about the entity, and its neighbourhood with the entities the evidence names highlighted. Audited.",
        "analyst", [REF, q("hops", {"type": "integer", "minimum": 1, "maximum": 3, "default": 1}, "How far the map reaches."),
                    q("per_hop", {"type": "integer", "minimum": 1, "maximum": 500, "default": 60}, "At most this many entities per hop."), FORMAT],
        {"200": drawn("SupplierProfile"), "304": {"description": "Not modified."},
         "308": {"description": "The entity was merged into the one `Location` names."},
         "404": problem("No entity has this reference."), **AUTH, **COMMON}, "entities", op_id="supplierProfile")},
    "/api/v1/entities/{ref}": {"get": op(
        "One entity: identity, properties, provenance, ties by kind and flags.",
        "A merged entity answers 308 with the entity it was merged into. Audited.", "analyst", [REF],
        {"200": json_ok("EntityAnswer"), "304": {"description": "Not modified (If-None-Match matched the ETag)."},
         "308": {"description": "The entity was merged into the one `Location` names."},
         "404": problem("No entity has this reference."), **AUTH, **COMMON}, "entities", op_id="entity")},
    "/api/v1/entities/{ref}/relationships": {"get": op(
        "One entity's relationships, a page at a time.", "Optionally of one kind, one direction, valid on one day. Audited.", "analyst",
        [REF, q("kind", {"type": "string", "enum": RELATION_KINDS}, "Only relationships of this kind."),
         q("direction", {"type": "string", "enum": ["out", "in", "both"]}, "out: the entity is the source; in: the target."),
         q("at", DATE, "Only relationships valid on this date.")] + PAGE,
        {"200": json_ok("RelationshipsAnswer"), "304": {"description": "Not modified."},
         "308": {"description": "The entity was merged into the one `Location` names."},
         "404": problem("No entity has this reference."), **AUTH, **COMMON}, "entities", op_id="relationships")},
    "/api/v1/entities/{ref}/neighborhood": {"get": op(
        "Who is around an entity: its ego network, or its map.",
        "A viewer's answer masks natural persons' identifiers and contact details. Audited for analysts.", "viewer",
        [REF, q("hops", {"type": "integer", "minimum": 1, "maximum": 4, "default": 2}, "How far out."),
         q("kinds", KINDS, "Relationship kinds to follow, comma-separated."), q("at", DATE, "Valid on this date."),
         q("max_degree", {"type": "integer", "minimum": 1, "maximum": 2147483647}, "Show but do not expand entities with more relationships than this."),
         q("per_hop", {"type": "integer", "minimum": 1, "maximum": 500, "default": 60}, "At most this many new entities per hop."), FORMAT],
        {"200": drawn("NeighborsAnswer"), "304": {"description": "Not modified."},
         "308": {"description": "The entity was merged into the one `Location` names."},
         "404": problem("No entity has this reference."), **AUTH, **COMMON}, "entities", op_id="neighborhood")},
    "/api/v1/paths": {"get": op(
        "How two entities are connected, each hop with its dates and source record.",
        "Every option of `trama path`. An answer cut by max_hops or max_degree says so (`not_within_limits`). Audited.", "analyst",
        [q("from", {"type": "string", "minLength": 1}, "kind:key, an unambiguous identifier or a name.", True),
         q("to", {"type": "string", "minLength": 1}, "kind:key, an unambiguous identifier or a name.", True)] + PATH_OPTIONS + [FORMAT],
        {"200": drawn("PathAnswer"), "304": {"description": "Not modified."},
         "404": problem("An entity matches neither end."), "409": problem("A name matches several entities: name one as kind:key."),
         **AUTH, **COMMON}, "paths", op_id="paths")},
    "/api/v1/paths/batch": {"post": op(
        "Many path questions at once, answered in order.", "Each pair gets a path answer or, when it cannot be asked, the reason. Audited.",
        "analyst", [], {"200": json_ok("PathBatchAnswer"), "413": problem("The body is too large."), **AUTH, **COMMON}, "paths",
        body="PathBatchRequest", op_id="pathBatch")},
    "/api/v1/paths/among": {"post": op(
        "Every pair of a set of entities within a few hops of each other, closest first.",
        "The batch screen of `trama path --among`: one bounded search per entity (at most `budget` edge inspections each, "
        "default 1,000,000), the same filters as a path; `max_hops` defaults to 4. Lists the first `limit` pairs (default 1,000) "
        "and counts them all; entities that cannot be resolved are listed with the reason. The pairs listed are audited.",
        "analyst", [], {"200": json_ok("PathScreenAnswer"), "413": problem("The body is too large."), **AUTH, **COMMON}, "paths",
        body="PathScreenRequest", op_id="pathScreen")},
    "/api/v1/runs": {"get": op(
        "Stored analysis runs, newest first.", "What each run counted and found; a report's `run` parameter reads an earlier one.", "viewer",
        [q("analysis", {"type": "string", "enum": ANALYSES}, "Only runs of this analysis.")] + PAGE,
        {"200": json_ok("RunList"), **AUTH, **COMMON}, "analyses", op_id="runs")},
    "/api/v1/collusion/pairs": {"get": op(
        "Linked pairs of bidders per tender (GRAS 2.6–2.8), from the latest collusion scan.", "", "viewer", [RUN] + PAGE,
        {"200": json_ok("PairsReport"), "404": problem("No collusion scan is stored yet."), **AUTH, **COMMON}, "analyses", op_id="collusionPairs")},
    "/api/v1/collusion/top-losers": {"get": op(
        "Top losers (GRAS 2.1) and the firms that beat them, from the latest collusion scan.", "", "viewer",
        [q("all", {"type": "boolean"}, "Every bidder, not only top losers and the firms that beat them."), RUN] + PAGE,
        {"200": json_ok("TopLosersReport"), "404": problem("No collusion scan is stored yet."), **AUTH, **COMMON}, "analyses",
        op_id="collusionTopLosers")},
    "/api/v1/collusion/tenders": {"get": op(
        "Bid variance and relative distance per tender (GRAS 2.3), from the latest collusion scan.", "", "viewer", [RUN] + PAGE,
        {"200": json_ok("TendersReport"), "404": problem("No collusion scan is stored yet."), **AUTH, **COMMON}, "analyses",
        op_id="collusionTenders")},
    "/api/v1/collusion/rings": {"get": op(
        "Bidder rings to review, as JSON or drawn.", "Patterns, not findings. A drawn map shows the `top` rings.", "viewer",
        [RUN] + PAGE + [q("top", {"type": "integer", "minimum": 1, "maximum": 50, "default": 5}, "Rings a drawn map shows."), FORMAT],
        {"200": drawn("RingsReport"), "304": {"description": "Not modified."}, "404": problem("No collusion scan is stored yet."),
         **AUTH, **COMMON}, "analyses", op_id="collusionRings")},
    "/api/v1/judges": {"get": op(
        "The judges in the data, the most flagged first.",
        "Each with the court they serve at (the latest appointment), the cases they preside over and the red flags the "
        "latest runs raised on them.", "viewer",
        [q("court", {"type": "string", "maxLength": 1000}, "Only judges serving at this court (court:key, or its key)."),
         q("flagged", {"type": "boolean"}, "true: only judges with red flags; false: only those without.")] + PAGE,
        {"200": json_ok("JudgeList"), **AUTH, **COMMON}, "analyses", op_id="judges")},
    "/api/v1/judges/conflicts": {"get": op(
        "Parties and lawyers tied to their case's judge outside the case, from the latest `judges conflicts` run.",
        "Each conflict with its path and the sources of every hop.", "viewer", [RUN] + PAGE,
        {"200": json_ok("ConflictsReport"), "404": problem("No judicial run is stored yet."), **AUTH, **COMMON}, "analyses",
        op_id="judgeConflicts")},
    "/api/v1/judges/lawyers": {"get": op(
        "Lawyers who appear before one judge, or win before one judge, far more (or less) than chance explains.",
        "From the latest `judicial_patterns` run (`trama judges lawyers`, or POST /api/v1/scans). Patterns are questions to ask, "
        "not findings.", "viewer", [RUN],
        {"200": json_ok("JudicialPatternsAnswer"), "404": problem("No judicial_patterns run is stored yet."), **AUTH, **COMMON},
        "analyses", op_id="judgeLawyers")},
    "/api/v1/judges/firms": {"get": op(
        "Law firms before judges: cases, lawyers' appearances and the roles of the parties they acted for.",
        "A firm appears before a judge when one of its lawyers is counsel in a case the judge presides, was referred or sits on "
        "the panel of (court dockets). Most cases first. Counts, not a test.", "viewer",
        [q("judge", {"type": "string", "minLength": 1, "maxLength": 1000}, "Only this judge (judge:key, a key or a name).")] + PAGE,
        {"200": json_ok("JudgeFirms"), "400": problem("`judge` names an entity that is not a judge."),
         "404": problem("No entity has the reference `judge` gives."), "409": problem("Several entities have the name `judge` gives."),
         **AUTH, **COMMON}, "analyses", op_id="judgeFirms")},
    "/api/v1/judges/{ref}/profile": {"get": op(
        "A judge's caseload, time to decision and outcomes beside the peers' (same court and specialisation).",
        "From the latest `judicial_patterns` run.", "viewer", [REF, RUN],
        {"200": json_ok("JudgeProfileReport"), "308": {"description": "Known under another reference (`Location`)."},
         "404": problem("No such judge, no profile of it, or no run stored."), **AUTH, **COMMON}, "analyses", op_id="judgeProfile")},
    "/api/v1/judges/{ref}/map": {"get": op(
        "A judge's network map: appointment, relatives, interests, cases with their parties and lawyers, conflicts.",
        "As JSON (the map's nodes and ties) or drawn.", "viewer",
        [REF, q("generated", DATE, "The date printed as 'generated' (default today)."), FORMAT],
        {"200": drawn("JudgeMapDocument"), "304": {"description": "Not modified."},
         "308": {"description": "Known under another reference (`Location`)."}, "404": problem("No entity has this reference."),
         **AUTH, **COMMON}, "analyses", op_id="judgeMap")},
    "/api/v1/communities": {"get": op(
        "Communities (Louvain) of the graph or of a projection: co-bidding, shared owners, shared employees.",
        "As JSON, or drawn: each community a box around its best connected members, linked with their weight.", "viewer",
        [q("on", {"type": "string", "enum": ["graph", "co-bidding", "shared-owners", "shared-employees"]}, "What links the members."),
         q("at", DATE, "Only relationships valid on this date."),
         q("top", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}, "Communities listed."),
         q("min_size", {"type": "integer", "minimum": 2, "maximum": 1000, "default": 3}, "Smallest community listed."), FORMAT],
        {"200": drawn("CommunitiesAnswer"), "304": {"description": "Not modified."}, **AUTH, **COMMON}, "analyses", op_id="communities")},
    "/api/v1/rank": {"get": op(
        "Entities ranked by centrality: the brokers of the network.", "", "viewer",
        [q("measure", {"type": "string", "enum": ["pagerank", "degree", "betweenness"]}, "The centrality measure."),
         q("kinds", {"type": "string", "pattern": f"^({KIND_ALT})(,({KIND_ALT}))*$"}, "Only entities of these kinds, comma-separated."),
         q("top", {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}, "Entities listed.")],
        {"200": json_ok("RankAnswer"), "304": {"description": "Not modified."}, **AUTH, **COMMON}, "analyses", op_id="rank")},
    "/api/v1/resolution/candidates": {"get": op(
        "Entities that may be the same (no identifier joined them), best first, each record with where it came from.",
        "From the latest resolution scan (POST /api/v1/scans {\"analysis\": \"resolution\"}). Audited.", "analyst", PAGE,
        {"200": json_ok("MergeCandidates"), **AUTH, **COMMON}, "resolution", op_id="mergeCandidates")},
    "/api/v1/resolution/merges": {"post": op(
        "Merge one entity into another: its relationships move, each keeping its source record.",
        "As `trama resolve accept`. The store's generation moves on and every server swaps in the merged graph; the merged "
        "entity then answers 308. Audited.", "admin", [],
        {"200": json_ok("MergeRequest", "The merge done."), "404": problem("No entity has one of the references."),
         "409": problem("The two are of different kinds, or the same entity."), **AUTH, **COMMON}, "resolution", body="MergeRequest",
        op_id="merge")},
    "/api/v1/resolution/rejections": {"post": op(
        "Record that two entities are not the same, so no later scan proposes them.", "As `trama resolve reject`. Audited.", "admin", [],
        {"200": json_ok("RejectionRequest", "The decision recorded."), "404": problem("No entity has one of the references."),
         **AUTH, **COMMON}, "resolution", body="RejectionRequest", op_id="reject")},
    "/api/v1/audit": {"get": op(
        "The audit log: who looked up which entities, and when.", "Hash-chained; `trama audit verify` checks it.", "admin",
        [q("token", {"type": "integer", "minimum": 1, "maximum": 2147483647}, "Only requests made with this token."), q("entity", S, "Only requests that revealed this kind:key.")] + PAGE,
        {"200": json_ok("AuditPage"), **AUTH, **COMMON}, "access", op_id="audit")},
    "/api/v1/audit/verify": {"get": op(
        "Check the audit log's hash chain now.", "As `trama audit verify`: every row's hash and link; a broken chain answers `ok: false` "
        "with the first broken row. The server also checks it when it starts.", "admin", [],
        {"200": json_ok("AuditVerification"), **AUTH, **COMMON}, "access", op_id="verifyAudit")},
    "/api/v1/audit/export": {"get": op(
        "The whole audit log, to keep elsewhere: JSON Lines, oldest first.",
        "As `trama audit export`: one `AuditEntry` per line, each with the hash it links to (`prev_hash`, null on the log's "
        "first row), streamed. A kept export is how a deletion of the log's last rows is noticed; `trama audit verify --file` "
        "checks one without the database. `after` continues an earlier export.", "admin",
        [q("after", {"type": "integer", "minimum": 0, "maximum": 9223372036854775807}, "Only rows after this id.")],
        {"200": {"description": "The rows, one JSON object (`AuditEntry`) per line.",
                 "content": {"application/x-ndjson": {"schema": {"type": "string", "contentMediaType": "application/x-ndjson"}}}},
         **AUTH, **COMMON}, "access", op_id="exportAudit")},
    "/api/v1/tokens": {
        "get": op("API tokens (never their secrets).", "", "admin", [], {"200": json_ok("TokenList"), **AUTH, **COMMON}, "access", op_id="tokens"),
        "post": op("Create an API token.", "The secret is in this answer only.", "admin", [],
                   {"201": {"description": "The token and its secret.", "content": {"application/json": {"schema": ref("CreatedToken")}}},
                    **AUTH, **COMMON}, "access", body="TokenRequest", op_id="createToken")},
    "/api/v1/tokens/{id}": {"delete": op(
        "Revoke an API token.", "", "admin",
        [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
          "description": "The token's id."}],
        {"204": {"description": "Revoked."}, "404": problem("No token has this id."), **AUTH, **COMMON}, "access", op_id="revokeToken")},
    "/api/v1/sessions": {"post": op(
        "Open a session with the bearer API token.",
        "A short-lived secret with the token's role, for a browser or a script that should not hold the long-lived token. It ends "
        "at `expires_at` (`trama serve --session-hours`, default 8), after `idle_seconds` unused (`--session-idle-minutes`, "
        "default 30), at logout, or when its token is revoked. A session cannot open another. The secret is shown once.", "viewer", [],
        {"201": {"description": "The session and its secret.", "content": {"application/json": {"schema": ref("OpenedSession")}}},
         "409": problem("The bearer is itself a session."), **AUTH, **COMMON}, "access", op_id="openSession")},
    "/api/v1/sessions/current": {"delete": op(
        "Log out: end the bearer session now.",
        "Refused at once by every server. An API token is not ended this way: an admin revokes it.",
        "viewer", [],
        {"204": {"description": "The session ended."}, "409": problem("The bearer is an API token, not a session."), **AUTH, **COMMON},
        "access", op_id="endSession")},
    "/api/v1/imports": {"post": {**op(
        "Import a dataset, as a job.",
        "A zip of a GRAS folder (`application/zip` or `application/octet-stream`), or one OCDS, BODS, FollowTheMoney or court-docket file (`format`; JSON, "
        "JSON Lines or gzip) in the body. The body is checked (a zip entry outside the folder, a link, a zip that is not one "
        "are refused) and the import queued; the answer is the job, to follow at `Location`. Imports run one at a time per "
        "server, all or nothing: a record with a problem fails the job, with the problem's file, line and field, and loads "
        "nothing, unless `skip_invalid`. The graph every server serves moves on by itself once the job succeeds.", "admin",
        [q("dataset", {"type": "string", "maxLength": 200, "pattern": r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"}, "The dataset's name; an import of a dataset that exists replaces it.", True),
         q("format", {"type": "string", "enum": ["gras", "ocds", "bods", "ftm", "dockets"]}, "The body's format (default: gras for a zip)."),
         q("skip_invalid", {"type": "boolean"}, "Load the valid records and leave out the others instead of failing."),
         q("keep_unresolved", {"type": "boolean"}, "BODS: keep a reference to a statement absent from the file as an `unresolved` node instead of rejecting the statement that makes it."),
         q("reason", {"type": "string", "maxLength": 2000}, "Why: kept, with the token's name, in the import history (GET /api/v1/imports).")],
        {"202": ACCEPTED, "413": problem("The body is larger than the server's import limit (512 MiB unless configured)."),
         **AUTH, **COMMON}, "jobs", op_id="createImport"),
        # application/zip is taken too (and names the format gras); it is left out here because
        # schemathesis cannot send it: a zip is known by its signature whatever the type.
        "requestBody": {"required": True, "description": "A zip of a GRAS folder, or the one file of `format` (JSON, JSON Lines, gzip).",
                        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                                    "application/json": {"schema": ANY}}}}},
    "/api/v1/scans": {"post": op(
        "Run an analysis (the collusion screens or the judicial conflicts), as a job.",
        "Stores a run like `trama collusion scan` / `trama judges conflicts` on the server's current graph; its flags then "
        "appear at /api/v1/flags. The answer is the job, to follow at `Location` (by the token that asked, and admins).", "analyst", [],
        {"202": ACCEPTED, **AUTH, **COMMON}, "jobs", body="ScanRequest", op_id="createScan")},
    "/api/v1/jobs": {"get": op(
        "Imports and scans asked for, newest first.", "From every server sharing the store.", "admin", PAGE,
        {"200": json_ok("JobList"), **AUTH, **COMMON}, "jobs", op_id="jobs")},
    "/api/v1/jobs/{id}": {"get": op(
        "One job: its state, progress, result or problems.",
        "Shown to the admin role and to the token that asked for the job. A job whose server stopped is failed, with a problem "
        "saying so, once no server has heard from it for two minutes.", "viewer",
        [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991},
          "description": "The job's id."}],
        {"200": {"description": "The job.", "content": {"application/json": {"schema": ref("Job")}}},
         "404": problem("No job has this id."), **AUTH, **COMMON}, "jobs", op_id="job")},
}

# A change names its action and the fields that action needs; the other fields may be sent
# (null or not) and are ignored.
NAME = {"type": "string", "minLength": 1, "maxLength": 200,
        "pattern": r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"}
CHANGE_FIELDS = {
    "entities": ({"type": ["array", "null"], "items": REFERENCE, "maxItems": 500}, {"type": "array", "items": REFERENCE, "maxItems": 500}),
    "entity": ({"oneOf": [REFERENCE, {"type": "null"}]}, REFERENCE),
    "kinds": ({"type": ["array", "null"], "items": {"type": "string", "enum": RELATION_KINDS}}, None),
    "at": ({"type": ["string", "null"], "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, None),
    "pinned": (nullable("boolean"), None),
    "note": ({"type": ["string", "null"], "maxLength": 4000, "pattern": "^[^\\x00]*$"}, None),
    "other": ({"type": ["integer", "null"], "minimum": 1, "maximum": 9007199254740991}, {"type": "integer", "minimum": 1, "maximum": 9007199254740991}),
    "with": ({"type": ["string", "null"], "maxLength": 200, "pattern": "^[^\\x00]*$"}, {"type": "string", "maxLength": 200, "pattern": "^[^\\x00]*$"}),
    "access": ({"type": ["string", "null"], "enum": ["read", "edit", "none", None]}, {"type": "string", "enum": ["read", "edit", "none"]}),
    "name": ({"type": ["string", "null"], "maxLength": 200, "pattern": "^[^\\x00]*$"}, NAME),
}
def change(action, needs):
    props = {"action": {"const": action}}
    for field, (optional, needed) in CHANGE_FIELDS.items():
        props[field] = needed if field in needs else optional
    return obj(props, required=["action"] + needs)
schemas["InvestigationChange"]["oneOf"] = [
    change("add", ["entities"]), change("expand", ["entity"]), change("remove", ["entity"]), change("clear", []),
    change("annotate", ["entity"]), change("merge", ["other"]), change("share", ["with", "access"]), change("rename", ["name"])]

def party(key):
    return obj({key: S, "name": nullable("string"), "kind": S, "natural_person": B, "ultimate": B, "effective_share": NN,
                "share_complete": B, "chains": arr(ref("OwnershipChain"))})
schemas["OwnersAnswer"] = obj({"entity": ref("EntityInfo"), "at": nullable("string"), "owners": arr(party("owner")), "truncated": B})
schemas["HoldingsAnswer"] = obj({"entity": ref("EntityInfo"), "at": nullable("string"), "holdings": arr(party("holding")), "truncated": B})
OWNERSHIP_PARAMS = [REF, q("at", DATE, "Only relationships valid on this date."),
                    q("min_share", {"type": "number", "minimum": 0, "maximum": 100}, "Leave out those whose effective share is known and below this percentage."),
                    q("depth", {"type": "integer", "minimum": 1, "maximum": 30, "default": 20}, "The longest chain followed, in relationships."), FORMAT]
for direction, schema, summary in [("owners", "OwnersAnswer", "Who owns an entity, up every chain of ownership and control, with effective shares."),
                                   ("holdings", "HoldingsAnswer", "What an entity holds, down every chain of ownership and control, with effective shares.")]:
    paths[f"/api/v1/entities/{{ref}}/{direction}"] = {"get": op(
        summary,
        "Follows owns (with its share), controls and director_of. An effective share multiplies the shares along a chain and "
        "adds over the distinct chains (percent); a cycle of cross-holdings is walked once; a chain through a stake with no "
        "stated share has its share unknown (null) and makes `share_complete` false. Every entity named is audited.", "analyst",
        OWNERSHIP_PARAMS,
        {"200": drawn(schema), "304": {"description": "Not modified."},
         "308": {"description": "The entity was merged into the one `Location` names."},
         "404": problem("No entity has this reference."), "409": problem("The reference names several entities."), **AUTH, **COMMON},
        "entities", op_id=direction)}

schemas["SharedOwnersAnswer"] = obj({
    "pairs": arr(obj({"firms": {"type": "array", "items": S, "minItems": 2, "maxItems": 2},
                      "owners": arr(obj({"owner": S, "name": nullable("string"), "depth": arr(I), "effective_shares": arr(NN)}))})),
    "total": I, "depth": I, "at": nullable("string"), "max_shared_degree": I,
    "skipped_owners": arr(obj({"owner": S, "firms": I}))})
paths["/api/v1/shared-owners"] = {"get": op(
    "Pairs of firms that share an owner — a person or a company — directly or up chains (GRAS 2.7 for any two firms).",
    "Each pair lists every owner the firms share, how many links up each firm it sits, and its effective share in each "
    "(null where a chain states no share). Pairs sharing the most owners, then the closest, first; `total` counts them all. "
    "Owners of more than `max_shared_degree` firms are left out and listed in `skipped_owners`. The page's firms and owners "
    "are audited.", "analyst",
    [q("depth", {"type": "integer", "minimum": 1, "maximum": 30, "default": 3}, "The longest chain from a firm up to an owner."),
     q("at", DATE, "Only relationships valid on this date."),
     q("max_shared_degree", {"type": "integer", "minimum": 2, "maximum": 10000, "default": 50}, "Leave out owners of more firms than this.")] + PAGE,
    {"200": json_ok("SharedOwnersAnswer"), "304": {"description": "Not modified."}, **AUTH, **COMMON}, "entities", op_id="sharedOwners")}

INVESTIGATION_ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                          "description": "The investigation's id."}
# Prosecutors' reports and exports (Sources/TramaService/Evidence.swift, Dossier.swift, Exports.swift, ImportHistory.swift).
FILE = obj({"name": S, "sha256": S, "bytes": nullable("integer")})
schemas["GraphVersion"] = obj({"id": I, "action": {"type": "string", "enum": ["import", "replace", "merge", "recorded", "resolve"]},
                               "dataset": nullable("string"), "format": nullable("string"), "digest": nullable("string"), "files": arr(FILE),
                               "imported_by": S, "reason": nullable("string"), "started_at": S, "finished_at": S,
                               "nodes": nullable("integer"), "edges": nullable("integer"), "retired_nodes": I, "retired_edges": I})
schemas["ImportHistory"] = obj({"imports": arr(ref("GraphVersion"))})
schemas["DatasetSource"] = obj({"name": S, "format": nullable("string"), "version": I, "imported_at": S, "imported_by": S,
                                "reason": nullable("string"), "digest": nullable("string"), "files": arr(FILE)})
schemas["GraphState"] = obj({"as_of": nullable("integer"), "as_of_time": nullable("string"), "nodes": I, "edges": I})
schemas["EvidenceHop"] = obj({"kind": S, "from": S, "to": S, "valid_from": nullable("string"), "valid_to": nullable("string"),
                              "dataset": S, "source": S, "properties": {"type": "object"},
                              "direction": {"type": "string", "enum": ["forward", "backward"]}, "valid_at": nullable("boolean"),
                              "file": nullable("string"), "file_sha256": nullable("string"), "source_id": nullable("string"),
                              "source_url": nullable("string")})
schemas["EvidenceReport"] = obj({
    "generated": S, "command": S, "from": ref("EntityInfo"), "to": ref("EntityInfo"),
    "status": {"type": "string", "enum": ["found", "no_path", "not_within_limits", "budget_exhausted"]},
    "question": obj({"k": I, "max_hops": I, "at": nullable("string"), "directed": B, "kinds": {"type": ["array", "null"], "items": S},
                     "as_of": nullable("integer")}),
    "graph": ref("GraphState"),
    "paths": arr(obj({"rank": I, "length": I, "valid_at": nullable("boolean"), "nodes": arr(ref("EntityInfo")), "edges": arr(ref("EvidenceHop"))})),
    "datasets": arr(ref("DatasetSource")),
    "searched": arr(obj({"name": S, "version": I, "imported_at": S})),
    "limits": obj({"max_hops": I, "max_degree": nullable("integer"), "hubs_excluded": arr(ref("EntityInfo")), "reached": arr(S), "complete": B}),
    "notice": S})
TIE = obj({"direction": {"type": "string", "enum": ["out", "in"]}, "other": ref("EntityInfo"), "relationship": ref("EdgeInfo")})
schemas["Dossier"] = obj({
    "generated": S, "command": S, "at": nullable("string"), "graph": ref("GraphState"), "profile": ref("EntityAnswer"),
    "merged_records": arr(obj({"entity": ref("EntityInfo"), "properties": {"type": "object"}, "dataset": nullable("string"),
                               "source": nullable("string"), "merged_at": S})),
    "owners": ref("OwnersAnswer"), "holdings": ref("HoldingsAnswer"),
    "tenders": arr(obj({"tender": ref("EntityInfo"), "relationship": S, "value": NN, "outcome": {"type": ["string", "null"], "enum": ["won", "lost", None]},
                        "date": nullable("string"), "dataset": S, "source": S})),
    "sections": arr(obj({"section": {"type": "string", "enum": ["ownership", "procurement", "political", "judicial", "people", "contact", "other"]},
                         "ties": arr(TIE)})),
    "relationships_total": I, "sources": arr(ref("DatasetSource")), "notice": S})

def report(schema):
    r = json_ok(schema, "The report as JSON; `format` asks for its document (html, pdf), its map (svg, png) or the whole bundle (zip).")
    r["content"].update({
        "text/html": {"schema": S}, "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}},
        "image/svg+xml": {"schema": S}, "image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}},
        "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}})
    return r

REPORT_OPTIONS = [
    q("as_of", {"type": "string", "maxLength": 100, "pattern": r"^([0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?)$"},
      "The data as it stood after this import: its number (GET /api/v1/imports) or a time (2026-01-31T12:00:00Z): the last import finished by then."),
    q("reproducible", {"type": "boolean"}, "Fix the one time the report states (the import's), for byte-identical files."),
    q("format", {"type": "string", "enum": ["json", "html", "pdf", "svg", "png", "zip"]}, "json (default), the document, its map, or the bundle with its manifest.")]
paths["/api/v1/evidence"] = {"get": op(
    "How two entities are connected, as a reproducible evidence report: the k shortest connections, each hop with its provenance.",
    "As `trama evidence`. With `at`, connections whose every relationship was valid then come first; others are listed after them, "
    "marked `valid_at: false`. Each hop names its dataset, source record, the imported file's SHA-256 and the source's own id or "
    "URL. The report names the import its data is as of; `as_of` an earlier import rebuilds the graph as it stood. Every entity "
    "shown is audited.", "analyst",
    [q("from", {"type": "string", "minLength": 1}, "kind:key, an unambiguous identifier or a name.", True),
     q("to", {"type": "string", "minLength": 1}, "kind:key, an unambiguous identifier or a name.", True),
     q("at", DATE, "The date that matters (YYYY-MM-DD)."),
     q("k", {"type": "integer", "minimum": 1, "maximum": 20, "default": 3}, "How many shortest connections to list."),
     q("max_hops", {"type": "integer", "minimum": 1, "maximum": 12, "default": 6}, "Longest connection, in hops."),
     q("kinds", KINDS, "Relationship kinds to follow, comma-separated. Default: all."),
     q("max_degree", {"type": "integer", "minimum": 1, "maximum": 2147483647}, "Do not pass through entities with more relationships than this (they are listed)."),
     q("directed", {"type": "boolean"}, "Follow relationships only in their stated direction.")] + REPORT_OPTIONS,
    {"200": report("EvidenceReport"), "404": problem("An entity matches neither end, or `as_of` names no import."),
     "409": problem("A name matches several entities: name one as kind:key."), **AUTH, **COMMON}, "paths", op_id="evidence")}
paths["/api/v1/entities/{ref}/dossier"] = {"get": op(
    "A dossier on one entity: identity from every source, owners and holdings, flags, tenders, ties, neighbourhood, sources.",
    "As `trama dossier`. Every entity shown is audited.", "analyst",
    [REF, q("at", DATE, "Only ties valid on this date.")] + REPORT_OPTIONS,
    {"200": report("Dossier"), "308": {"description": "The entity was merged into the one `Location` names."},
     "404": problem("No entity has this reference, or `as_of` names no import."), "409": problem("The reference names several entities."),
     **AUTH, **COMMON}, "entities", op_id="dossier")}
EXPORT_FORMAT = q("format", {"type": "string", "enum": ["graphml", "gexf", "ftm", "neo4j", "dot"]}, "The interchange format.", True)
EXPORTED = {"description": "The export, as an attachment.", "content": {
    "application/graphml+xml": {"schema": S}, "application/gexf+xml": {"schema": S}, "application/x-ndjson": {"schema": S},
    "text/vnd.graphviz": {"schema": S}, "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}}}
EXPORT_TEXT = ("As `trama export`: GraphML, GEXF 1.3, FollowTheMoney JSON Lines, Neo4j import CSV (zipped) or DOT. Kinds, properties, "
               "dates and source records travel as attributes; parallel relationships are kept. ")
for path, summary, params, missing, audit, op_id in [
    ("/api/v1/datasets/{name}/export", "A whole dataset for other tools, with the entities its relationships reach.",
     [{"name": "name", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\x00]+$"},
       "description": "The dataset's name."}], "No dataset has this name.", "Audited as the request naming the dataset.", "exportDataset"),
    ("/api/v1/entities/{ref}/export", "The entities around one, and every relationship among them, for other tools.",
     [REF, q("hops", {"type": "integer", "minimum": 1, "maximum": 4, "default": 2}, "How far."), q("at", DATE, "Only relationships valid on this date.")],
     "No entity has this reference.", "Every entity in it is audited.", "exportAround"),
    ("/api/v1/collusion/rings/{id}/export", "A ring of the latest collusion scan — its firms, what links them, their tenders — for other tools.",
     [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[^\\x00/]+$"},
       "description": "The ring's id (ring-3)."}, q("at", DATE, "Only relationships valid on this date.")],
     "The latest collusion scan has no such ring, or no scan is stored.", "Every entity in it is audited.", "exportRing"),
    ("/api/v1/investigations/{id}/export", "An investigation's entities and the relationships among them, for other tools.",
     [INVESTIGATION_ID_PARAM, q("at", DATE, "Only relationships valid on this date.")],
     "No investigation with this id is yours or shared with you.", "Every entity in it is audited.", "exportInvestigation"),
]:
    paths[path] = {"get": op(summary, EXPORT_TEXT + audit, "analyst", params + [EXPORT_FORMAT],
                             {"200": EXPORTED, "304": {"description": "Not modified."}, "308": {"description": "The entity was merged into the one `Location` names."},
                              "404": problem(missing), "409": problem("The reference names several entities."), **AUTH, **COMMON}, "entities", op_id=op_id)}
paths["/api/v1/imports"] = {**paths.get("/api/v1/imports", {}), "get": op(
    "The versions of the graph: every import (who, when, which files with their SHA-256, why) and accepted merge, newest first.",
    "A report's `as_of` names one of these.", "analyst", [], {"200": json_ok("ImportHistory"), **AUTH, **COMMON}, "jobs", op_id="imports")}

INVESTIGATION_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991},
                    "description": "The investigation's id."}
NOT_SHARED = problem("No investigation with this id is yours or shared with you.")
UNPROCESSABLE = problem("A field is above a limit, or names an entity, a user or another investigation that does not exist (or is "
                        "not in this investigation, or not shared with you); `parameter` names the field.")
paths.update({
    "/api/v1/investigations": {
        "get": op("Your investigations and those shared with you, most recently changed first.",
                  "A user is an API token (a session acts for the token it was opened with).", "analyst", [],
                  {"200": json_ok("InvestigationList"), **AUTH, **COMMON}, "investigations", op_id="investigations"),
        "post": op("Start an investigation, optionally with entities.",
                   "The answer is the investigation, at `Location`. An entity the data does not hold refuses the whole request.",
                   "analyst", [],
                   {"201": {"description": "The new investigation.", "content": {"application/json": {"schema": ref("Investigation")}},
                            "headers": {"Location": {"description": "/api/v1/investigations/{id}", "schema": S, "required": True}}},
                    "409": problem("A reference matches several entities."),
                    **AUTH, **COMMON, "422": UNPROCESSABLE}, "investigations", body="NewInvestigation", op_id="createInvestigation")},
    "/api/v1/investigations/{id}": {
        "get": op("An investigation: its entities with their pins and notes, and the relationships among them.",
                  "Relationships are read from the served graph, valid at `at` when given; `format` draws them as a map. "
                  "Every entity shown is recorded in the audit log.", "analyst",
                  [INVESTIGATION_ID, q("at", DATE, "Only relationships valid on this date (YYYY-MM-DD)."), FORMAT],
                  {"200": drawn("Investigation"), "404": NOT_SHARED, **AUTH, **COMMON}, "investigations", op_id="investigation"),
        "delete": op("Delete an investigation (its owner only).", "Also for everyone it was shared with.", "analyst", [INVESTIGATION_ID],
                     {"204": {"description": "Deleted."}, "404": NOT_SHARED, **AUTH, **COMMON}, "investigations", op_id="deleteInvestigation")},
    "/api/v1/investigations/{id}/changes": {"post": op(
        "Change an investigation: add, expand, remove, clear, annotate, merge, share or rename.",
        "The same changes the explorer's forms make. `expand` adds up to 25 neighbours of `entity` not in it yet; `clear` "
        "removes every unpinned entity; `merge` adds the entities of investigation `other` (which you may read) with their "
        "pins and notes; `share` gives the token named (or numbered, `#12`) `with` read or edit access, or takes it away "
        "(`none`), and only the owner shares or renames. An investigation holds at most 500 entities.", "analyst",
        [INVESTIGATION_ID],
        {"200": json_ok("InvestigationChanged"), "404": NOT_SHARED, "409": problem("A reference or a user's name matches several, or the change cannot apply (merging an investigation into itself)."),
         **AUTH, **COMMON, "422": UNPROCESSABLE}, "investigations", body="InvestigationChange", op_id="changeInvestigation")},
})


# Early warning: watchlists, rules and alerts (`trama watch`, `trama rules`, `trama alerts`).
SAVED_NAME = {"type": "string", "minLength": 1, "maxLength": 200,
              "pattern": r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"}
WATCH_EVENTS = ["bids", "wins", "sanctioned", "donates", "appears_in_case"]
RULE_KINDS = ["flag_filter", "connection", "control", "activity"]
schemas.update({
    "Watchlist": obj({"id": I, "name": S, "owner": S, "access": {"type": "string", "enum": ["owner", "edit", "read"]}, "entities": arr(S)}),
    "WatchlistList": obj({"watchlists": arr(ref("Watchlist"))}),
    "WatchChange": obj({"watchlist": S, "entity": S, "changed": B, "created": B}),
    "WatchEntityRequest": obj({"entity": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "^[^\\x00]*$"}}),
    "WatchRule": obj({"id": I, "name": S, "owner": S, "kind": {"type": "string", "enum": RULE_KINDS},
                      "definition": obj({"filter": nullable("string"), "watchlist": nullable("integer"), "to_watchlist": nullable("integer"),
                                         "hops": nullable("integer"), "relations": {"type": ["array", "null"], "items": S},
                                         "events": {"type": ["array", "null"], "items": {"type": "string", "enum": WATCH_EVENTS}}}),
                      "implicit_for": nullable("integer"), "evaluated_generation": nullable("integer"), "evaluated_import": nullable("integer"),
                      "evaluated_at": nullable("string")}),
    "WatchRuleList": obj({"rules": arr(ref("WatchRule"))}),
    "NewWatchRule": obj({
        "name": SAVED_NAME, "kind": {"type": "string", "enum": RULE_KINDS},
        "filter": {"type": ["string", "null"], "minLength": 1, "maxLength": 1000},
        "watchlist": {"oneOf": [{"type": "null"}, SAVED_NAME]}, "to_watchlist": {"oneOf": [{"type": "null"}, SAVED_NAME]},
        "hops": {"type": ["integer", "null"], "minimum": 1, "maximum": 6},
        "relations": {"type": ["array", "null"], "maxItems": 60, "items": {"type": "string", "enum": RELATION_KINDS}},
        "events": {"type": ["array", "null"], "maxItems": 10, "items": {"type": "string", "enum": WATCH_EVENTS}}}, required=["name", "kind"]),
    "WatchRuleCreated": obj({"id": I}),
    "Alert": obj({"id": I, "rule": I, "rule_name": S, "import": nullable("integer"), "change": {"type": "string", "enum": ["new", "gone"]},
                  "key": S, "entities": arr(S), "summary": S, "evidence": {"type": "object"}, "created_at": S}),
    "AlertList": obj({"page": ref("Page"), "alerts": arr(ref("Alert"))}),
})
WATCHLIST_NAME = {"name": "name", "in": "path", "required": True, "schema": SAVED_NAME, "description": "The watchlist's name (`default` when none was given)."}
NO_WATCHLIST = problem("No watchlist of this name is yours or shared with you, or the entity or a named watchlist does not exist.")
paths.update({
    "/api/v1/watchlists": {"get": op(
        "Your watchlists and those shared with you, with their entities.",
        "Every entity listed is recorded in the audit log.", "analyst", [],
        {"200": json_ok("WatchlistList"), **AUTH, **COMMON}, "watch", op_id="watchlists")},
    "/api/v1/watchlists/{name}/entities": {"post": op(
        "Watch an entity in a list.",
        "The list is created when it does not exist, with its own rules: new owners, directors, representatives and shared "
        "owners of its entities, and their bids, wins, sanctions, donations and cases. `entity` is kind:key, an ID or a name.",
        "analyst", [WATCHLIST_NAME],
        {"200": json_ok("WatchChange", "Already watched: nothing changed."),
         "201": {"description": "Watched.", "content": {"application/json": {"schema": ref("WatchChange")}}},
         "404": NO_WATCHLIST, "409": problem("The reference matches several entities."), **AUTH, **COMMON},
        "watch", body="WatchEntityRequest", op_id="watchEntity")},
    "/api/v1/watchlists/{name}/entities/{ref}": {"delete": op(
        "Stop watching an entity in a list.", "`changed` is false when the list did not hold it.", "analyst", [WATCHLIST_NAME, REF],
        {"200": json_ok("WatchChange"), "404": NO_WATCHLIST, "409": problem("The reference matches several entities."), **AUTH, **COMMON},
        "watch", op_id="unwatchEntity")},
    "/api/v1/rules": {
        "get": op("Your rules and those of the watchlists shared with you, with the graph each was last evaluated on.", "", "analyst", [],
                  {"200": json_ok("WatchRuleList"), **AUTH, **COMMON}, "watch", op_id="rules"),
        "post": op(
            "Add a rule, evaluated on every new graph.",
            "`flag_filter`: entities whose flags satisfy `filter` (the `/flags/ranking` syntax), in `watchlist` or all. `connection`: "
            "any path of at most `hops` relationships (of `relations`) between `watchlist` and `to_watchlist`. `control` and "
            "`activity`: on `watchlist`'s entities (`events` to choose). Its first evaluation records what holds without alerting.",
            "analyst", [],
            {"201": {"description": "The rule's id; `Location` is the rule.", "content": {"application/json": {"schema": ref("WatchRuleCreated")}},
                     "headers": {"Location": {"description": "/api/v1/rules/{id}", "schema": S, "required": True}}},
             "404": NO_WATCHLIST, **AUTH, **COMMON}, "watch", body="NewWatchRule", op_id="createRule")},
    "/api/v1/rules/{id}": {"delete": op(
        "Remove a rule, and its alerts.", "A watchlist's own rules go with the list.", "analyst",
        [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}, "description": "The rule's id."}],
        {"204": {"description": "Removed."}, "404": problem("No rule with this id is yours."), **AUTH, **COMMON}, "watch", op_id="deleteRule")},
    "/api/v1/alerts": {"get": op(
        "What your rules found new or gone on each new graph, newest first.",
        "Each alert names the import that caused it, the entities, and the evidence: the relationships with their source records, "
        "or the flags. An alert is a pattern to review. Every entity shown is recorded in the audit log.", "analyst",
        [q("since", {"type": "integer", "minimum": 0, "maximum": 2147483647}, "Only alerts of imports after this one."),
         q("rule", {"type": "integer", "minimum": 1, "maximum": 9007199254740991}, "Only this rule's alerts."), *PAGE],
        {"200": json_ok("AlertList"), **AUTH, **COMMON}, "watch", op_id="alerts")},
})

CASE_STATUS = {"type": "string", "enum": ["open", "in_review", "founded", "unfounded", "duplicate"]}
ID_LIST = {"type": ["array", "null"], "maxItems": 100, "items": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}
schemas.update({
    "NewCase": obj({"alerts": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}},
                    "title": {"oneOf": [{"type": "null"}, SAVED_NAME]}}, required=["alerts"]),
    "CaseChange": obj({"status": {"oneOf": [{"type": "null"}, CASE_STATUS]}, "assignee": {"type": ["string", "null"], "maxLength": 200, "pattern": "^[^\\x00]*$"},
                       "note": {"type": ["string", "null"], "minLength": 1, "maxLength": 4000, "pattern": "^[^\\x00]*\\S[^\\x00]*$"},
                       "alerts": ID_LIST, "investigations": ID_LIST,
                       "reports": {"type": ["array", "null"], "maxItems": 100,
                                   "items": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "^[^\\x00]*\\S[^\\x00]*$"}}}, required=[]),
    "Case": obj({"id": I, "title": S, "owner": S, "assignee": nullable("string"), "status": CASE_STATUS, "created_at": S, "updated_at": S,
                 "alerts": arr(ref("Alert")), "investigations": arr(I), "reports": arr(S),
                 "history": arr(obj({"at": S, "by": nullable("string"), "change": S, "detail": S}))}),
    "CaseList": obj({"cases": arr(obj({"id": I, "title": S, "owner": S, "assignee": nullable("string"), "status": CASE_STATUS, "updated_at": S}))}),
})
CASE_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}, "description": "The case's id."}
NO_CASE = problem("No case with this id is yours or assigned to you, or an alert, investigation or user the body names does not exist.")
paths.update({
    "/api/v1/cases": {
        "get": op("The cases you own or are assigned, most recently changed first.", "", "analyst",
                  [q("status", CASE_STATUS, "Only cases of this status.")], {"200": json_ok("CaseList"), **AUTH, **COMMON}, "watch", op_id="cases"),
        "post": op("Open a case on alerts of your rules.", "Its title is the first alert's summary unless given. The change is in the "
                   "case's history and the audit log.", "analyst", [],
                   {"201": {"description": "The case.", "content": {"application/json": {"schema": ref("Case")}},
                            "headers": {"Location": {"description": "/api/v1/cases/{id}", "schema": S, "required": True}}},
                    "404": NO_CASE, **AUTH, **COMMON}, "watch", body="NewCase", op_id="openCase")},
    "/api/v1/cases/{id}": {"get": op("A case: its alerts with their evidence, its investigations and its history.",
                                     "Every entity shown is recorded in the audit log.", "analyst", [CASE_ID],
                                     {"200": json_ok("Case"), "404": NO_CASE, **AUTH, **COMMON}, "watch", op_id="case")},
    "/api/v1/cases/{id}/changes": {"post": op(
        "Change a case: status, assignee (a token's name or number; empty unassigns), a note, alerts, investigations.",
        "Closing as `unfounded` keeps its alerts quiet on later imports unless their evidence changes. Each change is in the "
        "case's history and the audit log.", "analyst", [CASE_ID],
        {"200": json_ok("Case"), "404": NO_CASE, "409": problem("The assignee's name is shared by several tokens."), **AUTH, **COMMON},
        "watch", body="CaseChange", op_id="changeCase")},
})

CONNECTION = obj({"official": S, "role": {"type": "string", "enum": ["politician", "bureaucrat"]}, "post": S, "elected": nullable("boolean"),
                  "jurisdiction": nullable("string"), "tenure_from": nullable("string"), "tenure_to": nullable("string"),
                  "link": {"type": "string", "enum": ["direct", "indirect"]}, "relative": nullable("string"), "relation": nullable("string"),
                  "tie": S, "tie_from": nullable("string"), "tie_to": nullable("string"), "while_in_post": B, "source": nullable("string"),
                  "dataset": nullable("string")})
schemas.update({
    "ScreeningRequest": obj({"entity": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "^[^\\x00]*$"},
                             "buyer": {"type": ["string", "null"], "minLength": 1, "maxLength": 1000, "pattern": "^[^\\x00]*$"},
                             "at": DATE_NULLABLE}, required=["entity"]),
    "ConnectionDocument": obj({
        "firm": S, "name": nullable("string"), "role": {"type": "string", "enum": ["politician", "bureaucrat"]}, "direct": B,
        "connections": arr(CONNECTION),
        "contracts": arr(obj({"contract": S, "buyer": nullable("string"), "value": NN, "date": nullable("string"), "through": I})),
        "contracts_value": N, "all_contracts": I, "share": N}),
    "Screening": obj({
        "generated": S, "command": S, "at": nullable("string"), "graph": ref("GraphState"), "entity": ref("EntityInfo"),
        "buyer": {"oneOf": [{"type": "null"}, ref("EntityInfo")]},
        "flags": arr(obj({"indicator": S, "name": nullable("string"), "pattern": S, "value": NN, "standing": NN, "analysis": S, "run": I, "evidence": ANY})),
        "owners": ref("OwnersAnswer"),
        "sanctions": arr(obj({"link": {"type": "string", "enum": ["company", "owner", "representative", "linked_company"]},
                              "through": {"oneOf": [{"type": "null"}, ref("EntityInfo")]}, "relationship": ref("EdgeInfo")})),
        "connections": arr(ref("ConnectionDocument")), "buyer_officials": arr(CONNECTION), "cases": arr(ref("EdgeInfo")),
        "sources": arr(ref("DatasetSource"))}),
})
paths["/api/v1/screenings"] = {"post": op(
    "Screen a prospective supplier before an award.",
    "Every red flag with its evidence, owners up the chain with effective shares, sanctions valid at `at` on the firm, its owners, "
    "its representatives and the firms they hold (GRAS 3.6), its ties to the officials of `buyer` and to politicians (GRAS 4.2, 4.3, "
    "from the latest suppliers scan), and the court cases it or its owners are party to. `trama screen` writes it as HTML and PDF. "
    "Every entity named is recorded in the audit log.", "analyst", REPORT_OPTIONS,
    {"200": report("Screening"), "404": problem("The firm or the buyer is not in the data, or `as_of` names no import."), "409": problem("A reference matches several entities."),
     **AUTH, **COMMON}, "watch", body="ScreeningRequest", op_id="screening")}

schemas.update({
    "NewWebhook": obj({"url": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": "^[^\\x00]*$"},
                       "secret": {"type": "string", "minLength": 16, "maxLength": 200, "pattern": "^[^\\x00]*$"}}),
    "WebhookList": obj({"webhooks": arr(obj({"id": I, "url": S, "created_at": S, "delivered": I, "pending": I, "failed": I}))}),
})
paths.update({
    "/api/v1/webhooks": {
        "get": op("Your webhooks and how their deliveries stand.", "", "analyst", [], {"200": json_ok("WebhookList"), **AUTH, **COMMON}, "watch", op_id="webhooks"),
        "post": op(
            "Add a webhook: each new alert of your rules is POSTed to it.",
            "The body is `{\"delivery\", \"alert\"}` as JSON, signed: `Trama-Signature: sha256=<HMAC-SHA-256 of the body under the secret>`; "
            "a delivery the receiver does not answer with 2xx is retried with exponential backoff. A URL naming this machine or a private "
            "network is refused unless the server was started with `--webhooks-to-private-addresses`.", "analyst", [],
            {"201": {"description": "The webhook's id; `Location` is the webhook.", "content": {"application/json": {"schema": ref("WatchRuleCreated")}},
                     "headers": {"Location": {"description": "/api/v1/webhooks/{id}", "schema": S, "required": True}}}, **AUTH, **COMMON},
            "watch", body="NewWebhook", op_id="addWebhook")},
    "/api/v1/webhooks/{id}": {"delete": op(
        "Remove a webhook.", "Its pending deliveries go with it.", "analyst",
        [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}, "description": "The webhook's id."}],
        {"204": {"description": "Removed."}, "404": problem("No webhook with this id is yours."), **AUTH, **COMMON}, "watch", op_id="deleteWebhook")},
})

schemas["WatchlistShare"] = obj({"with": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\x00]*$"},
                                 "access": {"type": "string", "enum": ["read", "edit", "none"]}})
paths["/api/v1/watchlists/{name}/shares"] = {"post": op(
    "Share one of your watchlists with another user, to read or edit; `none` takes it back.",
    "`with` is an API token's name or number (`#12`). Read access shows the list and its rules' alerts; edit access also watches "
    "and unwatches. The answer is your watchlists.", "analyst", [WATCHLIST_NAME],
    {"200": json_ok("WatchlistList"), "404": problem("No watchlist of this name is yours, or no user has that name."),
     "409": problem("Several users have that name."), **AUTH, **COMMON}, "watch", body="WatchlistShare", op_id="shareWatchlist")}

doc = {
    "openapi": "3.1.0",
    "info": {"title": "Trama", "version": "1.0.0",
             "description": "Network analysis of public data for anti-corruption work: entities, relationships with their "
                            "sources, paths valid at a date, red flags (World Bank GRAS). Every answer names the graph version "
                            "it was computed on (`Trama-Graph-Version`). Errors are RFC 9457 problem details."},
    "servers": [{"url": "/"}],
    "security": [{"bearer": []}],
    "tags": [{"name": t} for t in ["service", "entities", "paths", "analyses", "resolution", "access", "jobs", "investigations", "watch"]],
    "paths": paths,
    "components": {"schemas": schemas,
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                  "description": "An API token from `trama token create --role R`."}}},
}
# `k` and `all` are different questions: a batch may not ask both.
schemas["PathBatchRequest"]["not"] = {"properties": {"k": {"type": "integer"}, "all": {"const": True}}, "required": ["k", "all"]}
print(json.dumps(doc, indent=2))
