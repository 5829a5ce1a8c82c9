#!/usr/bin/env python3
"""Convert real, labelled bid-level procurement markets into Trama's GRAS tables.

    python3 bench/markets/convert.py [--data /work/shared/data] [--out .bench/markets]
                                     [--market NAME ...] [--single-agency]

Reads (never writes) the shared data folder and, for each market, writes a folder
``OUT/<market>/`` that ``trama ingest`` can load as it is:

    agencies.csv  firms.csv  tenders.csv  bids.csv  contracts.csv      GRAS tables
    labels.json     the ground truth (collusive firms and tenders) + the entity universe
    screens.csv     the source's own per-tender screens (CV, SPD, ...), for baselines
    rejected.csv    input rows that could not be converted (file, line, reason, record)
    issues.csv      input values that were converted with a repair or a caveat
                    (e.g. an impossible date written as empty), one line each

Markets: ohio-milk, japan, italy, brazil, switzerland-ticino, switzerland-gr. The field
mapping, date decisions and label derivation are documented in bench/markets/README.md.

Contract (../shared/reference/gras-tables.md): UTF-8, header row, RFC 4180 quoting,
ISO dates YYYY-MM-DD, plain decimal numbers (no exponent, no thousands separator),
an empty cell means "unknown". Label columns of the source are never written into
the GRAS tables (they would leak the answer); they go to labels.json only.

Standard library only. Output is deterministic: every table is sorted by its keys
(natural order, so "T2-B10" follows "T2-B9"), JSON keys are sorted, and nothing
depends on the clock or on hash order. Exit status is 0 even when rows are rejected:
the rejections are data about the input, reported in the summary and rejected.csv.
"""
import argparse
import collections
import csv
import datetime
import json
import os
import re
import sys
from decimal import Decimal, InvalidOperation

MARKETS = ["ohio-milk", "japan", "italy", "brazil", "switzerland-ticino", "switzerland-gr"]

OHIO_DIR = "procurement-bids-ohio-school-milk"
GARCIA_DIR = "procurement-bids-collusion-6-markets"
SCREENS = ["CV", "SPD", "DIFFP", "RD", "KURT", "SKEW", "KSTEST"]

# Plausible calendar range for a decoded Unix timestamp. Anything outside is reported and the
# date is written as empty (unknown). Brazil's -9223372037 (pandas' NaT sentinel, decodes to
# 1677-09-21) is the known case.
DATE_MIN = datetime.date(1950, 1, 1)
DATE_MAX = datetime.date(2030, 12, 31)
EPOCH = datetime.datetime(1970, 1, 1)


# --------------------------------------------------------------------------------------------
# Small helpers


def natural_key(s):
    """Sort key that orders digit runs numerically: 'T2-B9' < 'T2-B10', '99' < '100'."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", str(s)) if p != "")


def parse_decimal(s):
    """A finite Decimal from a source cell, or None (empty, non-numeric, NaN, infinity)."""
    s = (s or "").strip()
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def fmt_decimal(d, places=None):
    """Plain decimal text the GRAS reader accepts: no exponent, no trailing zeros."""
    if d is None:
        return ""
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places))
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def parse_flag(s):
    """1/0 from '1', '0', '1.0', '0.0'; None for anything else."""
    d = parse_decimal(s)
    if d is None or d not in (0, 1):
        return None
    return int(d)


def unix_to_date(s):
    """(ISO date or None, decoded text for messages) for a Unix timestamp in seconds."""
    d = parse_decimal(s)
    if d is None or d != d.to_integral_value():
        return None, "not an integer timestamp"
    try:
        dt = EPOCH + datetime.timedelta(seconds=int(d))
    except OverflowError:
        return None, "out of any calendar range"
    day = dt.date()
    if not (DATE_MIN <= day <= DATE_MAX):
        return None, f"decodes to {day.isoformat()}, outside {DATE_MIN.year}-{DATE_MAX.year}"
    return day.isoformat(), day.isoformat()


def code_text(s):
    """A numeric code as plain text ('1.0' -> '1'); anything else unchanged."""
    d = parse_decimal(s)
    return fmt_decimal(d) if d is not None else s


def most_common(values):
    """Most frequent value; ties broken by natural order so the choice is deterministic."""
    c = collections.Counter(values)
    top = max(c.values())
    return sorted((v for v in c if c[v] == top), key=natural_key)[0]


class Market:
    """Everything one market produces, plus its bookkeeping."""

    def __init__(self, name, sources):
        self.name = name
        self.sources = sources  # paths of the input files
        self.rows_read = 0
        self.agencies = {}  # AgencyID -> row dict
        self.firms = {}  # FirmID -> row dict
        self.tenders = {}  # ProcessID -> row dict
        self.bids = []  # row dicts
        self.contracts = []
        self.screens = {}  # ProcessID -> {screen: value}
        self.rejected = []  # (file, line, column, value, reason, record)
        self.issues = []  # (file, line, column, value, reason, action)
        self.labels = {}

    def reject(self, file, line, column, value, reason, record):
        self.rejected.append((os.path.basename(file), line, column, value, reason, record))

    def issue(self, file, line, column, value, reason, action):
        self.issues.append((os.path.basename(file), line, column, value, reason, action))


def record_text(fields):
    """The raw record as one CSV line, for rejected.csv."""
    return ",".join('"' + f.replace('"', '""') + '"' if any(c in f for c in ',"\r\n') else f for f in fields)


# --------------------------------------------------------------------------------------------
# Ohio school milk (Porter & Zona)


def read_district_prn(path, m):
    """DISTRICT.PRN: fixed-width county (0-16), name (16-58), 6-digit id (58-64), enrolment,
    two further numeric columns whose meaning the source does not document (not used)."""
    districts = {}
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("latin-1")  # the file is plain ASCII; latin-1 cannot fail
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if line.strip(" \x1a") == "":
            continue  # blank line or the DOS end-of-file marker (0x1A) on the last line
        county, name, did = line[0:16].strip(), line[16:58].strip(), line[58:64].strip()
        rest = line[64:].split()
        if not re.fullmatch(r"\d{6}", did) or not name:
            m.reject(path, n, "district id", did, "not a fixed-width DISTRICT.PRN record", line.strip())
            continue
        if did in districts:
            m.issue(path, n, "district id", did, f"duplicate district id (first at line {districts[did]['line']})", "first kept")
            continue
        enrol = rest[0] if rest and re.fullmatch(r"\d+", rest[0]) else ""
        districts[did] = {"line": n, "county": county, "name": name, "enrolment": enrol}
    return districts


def firm_names_from_cleaned(path):
    """milk_cleaned.csv spells firms with spaces ('H. MEYER'); ohio_milk_data.csv without
    ('H.MEYER'). Map code -> spaced name where removing the spaces gives exactly one name."""
    names = collections.defaultdict(set)
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for c in ("winner", "firm2", "firm3", "firm4", "firm5", "firm6"):
                v = (r.get(c) or "").strip()
                if v:
                    names[v.replace(" ", "")].add(v)
    return names


def convert_ohio(data_dir, single_agency):
    d = os.path.join(data_dir, OHIO_DIR)
    bids_path = os.path.join(d, "ohio_milk_data.csv")
    prn_path = os.path.join(d, "DISTRICT.PRN")
    cleaned_path = os.path.join(d, "milk_cleaned.csv")
    m = Market("ohio-milk", [bids_path, prn_path, cleaned_path])
    districts = read_district_prn(prn_path, m)
    spaced = firm_names_from_cleaned(cleaned_path)

    rows = []  # (line, contract_id, district, year, firm, bid Decimal|None, winner, cartel, extras)
    with open(bids_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {h: i for i, h in enumerate(header)}
        need = ["contract_id", "year", "firm", "bid", "winning_bid", "is_cartel_firm"]
        missing = [c for c in need if c not in col]
        if missing:
            sys.exit(f"{bids_path}: missing columns {missing}")
        for rec in reader:
            line = reader.line_num
            m.rows_read += 1
            if len(rec) != len(header):
                m.reject(bids_path, line, "", "", f"{len(rec)} fields, header has {len(header)}", record_text(rec))
                continue
            g = lambda c: rec[col[c]].strip()
            cid, year, firm = g("contract_id"), g("year"), g("firm")
            mm = re.fullmatch(r"(\d{2})_(\d{6})", cid)
            if not mm:
                m.reject(bids_path, line, "contract_id", cid, "not YY_DDDDDD (year_district)", record_text(rec))
                continue
            if not firm:
                m.reject(bids_path, line, "firm", firm, "firm is empty", record_text(rec))
                continue
            winner = parse_flag(g("winning_bid"))
            if winner is None:
                m.reject(bids_path, line, "winning_bid", g("winning_bid"), "winner flag is not 1/0", record_text(rec))
                continue
            if not re.fullmatch(r"\d{4}", year):
                m.issue(bids_path, line, "year", year, "year is not a 4-digit year", "year taken from contract_id")
                year = "19" + mm.group(1)
            elif year[2:] != mm.group(1):
                m.issue(bids_path, line, "year", year, f"year disagrees with contract_id {cid}", "year column kept")
            bid = parse_decimal(g("bid"))
            if bid is None:
                m.issue(bids_path, line, "bid", g("bid"), "bid is not a number", "BidValue written empty")
            cartel = parse_flag(g("is_cartel_firm"))
            if cartel is None:
                m.issue(bids_path, line, "is_cartel_firm", g("is_cartel_firm"), "label is not 1/0", "treated as 0")
                cartel = 0
            extras = {
                "InflationAdjustedBid": fmt_decimal(parse_decimal(g("inflation_adjusted_bid")), 6) if "inflation_adjusted_bid" in col else "",
                "RawMilkAdjustedBid": fmt_decimal(parse_decimal(g("inflation_raw_milk_price_adjusted_bid")), 6)
                if "inflation_raw_milk_price_adjusted_bid" in col else "",
                "SourceLine": str(line),
            }
            only_cartels = parse_flag(g("only_cartels_bidding_on_contract")) if "only_cartels_bidding_on_contract" in col else None
            extras["_n"] = g("number_of_bidders_on_contract") if "number_of_bidders_on_contract" in col else ""
            rows.append((line, cid, mm.group(2), year, firm, bid, winner, cartel, only_cartels, extras))

    by_tender = collections.defaultdict(list)
    for r in rows:
        by_tender[r[1]].append(r)

    ohio_agency = "ohio-all"
    for cid, rs in by_tender.items():
        line0, _, district, year = rs[0][0], rs[0][1], rs[0][2], rs[0][3]
        if any(r[3] != year for r in rs):
            m.issue(bids_path, line0, "year", year, f"contract {cid} has bids with different years", "first year kept")
        agency = ohio_agency if single_agency else district
        if agency not in m.agencies:
            if single_agency:
                m.agencies[agency] = {"AgencyID": agency, "AgencyName": "Ohio school districts (pooled)", "AgencyLocation": "Ohio, US"}
            else:
                info = districts.get(district)
                if info is None:
                    m.issue(bids_path, line0, "contract_id", cid, f"district {district} is not in DISTRICT.PRN", "agency written without a name")
                m.agencies[agency] = {
                    "AgencyID": district,
                    "AgencyName": info["name"] if info else "",
                    "AgencyLocation": f"{info['county']} County, Ohio, US" if info and info["county"] else "Ohio, US",
                    "AgencyGovLevel": "school district",
                    "Enrollment": info["enrolment"] if info else "",
                }
        date = f"{year}-01-01"
        m.tenders[cid] = {
            "ProcessID": cid, "AgencyID": agency, "PublicationDate": date, "EstimatedPrice": "",
            "ProductCode": "", "ImplementationLocation": "", "Year": year, "DatePrecision": "year", "District": district,
        }
        stated = {r[9].pop("_n") for r in rs} - {""}
        if stated and stated != {str(len(rs))}:
            m.issue(bids_path, line0, "number_of_bidders_on_contract", " | ".join(sorted(stated)),
                    f"contract {cid} has {len(rs)} bid rows", "rows kept; the stated count ignored")
        firms_seen = collections.Counter(r[4] for r in rs)
        for f_, n in firms_seen.items():
            if n > 1:
                m.issue(bids_path, line0, "firm", f_, f"firm bids {n} times on contract {cid}", "all bids kept")
        winners = 0
        for k, r in enumerate(rs, start=1):
            line, _, _, _, firm, bid, winner, cartel, _, extras = r
            m.bids.append({
                "ProcessID": cid, "FirmID": firm, "BidNumber": str(k), "BidValue": fmt_decimal(bid, 6),
                "BidDate": date, "AwardBid": str(winner), **extras,
            })
            if winner:
                winners += 1
                m.contracts.append({
                    "ContractID": f"{cid}-C{winners}", "ProcessID": cid, "FirmID": firm,
                    "ContractValue": fmt_decimal(bid, 6), "ContractDate": date, "ValueUnit": "USD per half-pint",
                })
        if winners == 0:
            m.issue(bids_path, line0, "winning_bid", "", f"contract {cid} has no winning bid", "no contract written")

    for r in rows:
        firm = r[4]
        if firm not in m.firms:
            names = spaced.get(firm, set())
            if len(names) == 1:
                name = next(iter(names))
            else:
                name = firm
                if len(names) > 1:
                    m.issue(cleaned_path, 0, "firm", firm, f"spelled {len(names)} ways in milk_cleaned.csv: {' / '.join(sorted(names))}", "FirmName = code")
            m.firms[firm] = {"FirmID": firm, "FirmName": name, "FirmCountry": "US"}

    # Labels: is_cartel_firm is a firm-level flag repeated on every bid of the firm.
    cartel_firms = sorted({r[4] for r in rows if r[7] == 1}, key=natural_key)
    inconsistent = sorted({r[4] for r in rows if r[7] == 1} & {r[4] for r in rows if r[7] == 0})
    for f_ in inconsistent:
        m.issue(bids_path, 0, "is_cartel_firm", f_, "firm flagged 1 on some rows and 0 on others", "firm counted collusive")
    cartel_set = set(cartel_firms)
    coll_tenders = sorted((t for t, rs in by_tender.items() if any(r[4] in cartel_set for r in rs)), key=natural_key)
    cartel_won = sorted((t for t, rs in by_tender.items() if any(r[4] in cartel_set and r[6] == 1 for r in rs)), key=natural_key)
    only_cartels = sorted((t for t, rs in by_tender.items() if rs[0][8] == 1), key=natural_key)
    m.labels = {
        "collusive_firms": cartel_firms,
        "collusive_tenders": coll_tenders,
        "alternatives": {
            "tender": {"cartel_won": cartel_won, "only_cartels_bidding": only_cartels},
        },
        "label_columns": {"firm": "is_cartel_firm", "tender": "any bid by a firm with is_cartel_firm == 1"},
        "notes": (
            "Firm label: is_cartel_firm (1 on every bid row of COORSBROTHERS, H.MEYER, LOUISTRAUTH, the dairies "
            "in the Cincinnati-area bid-rigging case). The source has no per-contract label; a contract is "
            "collusive here if any of its bids is by a cartel firm. Alternatives: "
            "'cartel_won' (a cartel firm won) and 'only_cartels_bidding' (the source column "
            "only_cartels_bidding_on_contract == 1). Contract values are unit prices (USD per half-pint), "
            "not totals. Dates are year-only (YEAR-01-01, DatePrecision=year)."
        ),
    }
    return m


# --------------------------------------------------------------------------------------------
# García Rodríguez et al. (2022) markets


GARCIA = {
    "japan": {
        "file": "DB_Collusion_Japan_processed.csv", "country": "JP", "currency": "JPY",
        "firm": "Competitors", "firm_name": "Name competitors", "date": "unix", "pte": True,
        "site_agency": True, "firm_label": "Collusive_competitor_original",
        "market_name": "Okinawa (Japan) public works, 2003-2007",
    },
    "italy": {
        "file": "DB_Collusion_Italy_processed.csv", "country": "IT", "currency": "EUR",
        "firm": "Competitors", "date": None, "pte": True, "site_agency": False,
        "firm_label": "Collusive_competitor_original", "bid_scale": Decimal(100),
        "firm_attrs": {"Legal_entity_type": "EntityType", "Capital": "ShareCapital", "Site": "SourceSite"},
        "market_name": "Italian road works",
    },
    "brazil": {
        "file": "DB_Collusion_Brazil_processed.csv", "country": "BR", "currency": "BRL",
        "firm": "Competitors", "date": "unix", "pte": True, "site_agency": True,
        "state_col": "Brazilian State", "firm_label": "Collusive_competitor_original",
        "bid_extra": {"Bid": "SourceBid"},
        "market_name": "Brazilian (Petrobras / Operation Car Wash) works",
    },
    "switzerland-ticino": {
        "file": "DB_Collusion_Switzerland_Ticino_processed.csv", "country": "CH", "currency": "CHF",
        "firm": None, "date": "unix", "pte": False, "site_agency": False,
        "firm_label": "Collusive_competitor", "bid_extra": {"Consortium": "Consortium"},
        "market_name": "Canton Ticino (Switzerland) road works",
    },
    "switzerland-gr": {
        "file": "DB_Collusion_Switzerland_GR_and_See-Gaster_processed.csv", "country": "CH", "currency": "CHF",
        "firm": None, "date": "dayindex", "pte": False, "site_agency": False,
        "firm_label": "Collusive_competitor_original", "tender_extra": {"Contract_type": "ContractType"},
        "market_name": "Graubuenden and See-Gaster (Switzerland) construction",
    },
}


def convert_garcia(name, data_dir, single_agency):
    cfg = GARCIA[name]
    path = os.path.join(data_dir, GARCIA_DIR, cfg["file"])
    m = Market(name, [path])
    recs = []  # dicts with parsed fields, in source order
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader)]
        col = {h: i for i, h in enumerate(header)}
        need = ["Tender", "Bid_value", "Winner", "Collusive_competitor", "Number_bids"]
        need += [cfg["firm"]] if cfg["firm"] else []
        need += ["Pre-Tender Estimate (PTE)"] if cfg["pte"] else []
        need += ["Date"] if cfg["date"] else []
        missing = [c for c in need if c not in col]
        if missing:
            sys.exit(f"{path}: missing columns {missing}")
        for rec in reader:
            line = reader.line_num
            m.rows_read += 1
            if len(rec) != len(header):
                m.reject(path, line, "", "", f"{len(rec)} fields, header has {len(header)}", record_text(rec))
                continue
            g = lambda c: rec[col[c]].strip() if c in col else ""
            tender = g("Tender")
            if not tender:
                m.reject(path, line, "Tender", tender, "tender id is empty", record_text(rec))
                continue
            firm = None
            if cfg["firm"]:
                firm = g(cfg["firm"])
                if not firm:
                    m.reject(path, line, cfg["firm"], firm, "bidder id is empty", record_text(rec))
                    continue
            winner = parse_flag(g("Winner"))
            if winner is None:
                m.reject(path, line, "Winner", g("Winner"), "winner flag is not 1/0", record_text(rec))
                continue
            thr = parse_flag(g("Collusive_competitor"))
            if thr is None:
                m.issue(path, line, "Collusive_competitor", g("Collusive_competitor"), "label is not 1/0", "treated as 0")
                thr = 0
            orig = None
            if "Collusive_competitor_original" in col:
                orig = parse_flag(g("Collusive_competitor_original"))
                if orig is None:
                    m.issue(path, line, "Collusive_competitor_original", g("Collusive_competitor_original"), "label is not 1/0", "treated as 0")
                    orig = 0
            bid = parse_decimal(g("Bid_value"))
            source_bid = g("Bid_value")
            if bid is None:
                m.issue(path, line, "Bid_value", source_bid, "bid value is not a number", "BidValue written empty")
            pte = parse_decimal(g("Pre-Tender Estimate (PTE)")) if cfg["pte"] else None
            if cfg["pte"] and pte is None:
                m.issue(path, line, "Pre-Tender Estimate (PTE)", g("Pre-Tender Estimate (PTE)"), "not a number", "EstimatedPrice written empty")
            if cfg.get("bid_scale") and bid is not None:
                # Italy: Bid_value == 100 * PTE * (1 - discount% / 100) to ~1e-9 on every row, i.e. the
                # bid in euro cents while PTE is in euros. Write euros; keep the source value.
                bid = bid / cfg["bid_scale"]
                diff = parse_decimal(g("Difference Bid/PTE"))
                if pte is not None and diff is not None:
                    expect = pte * (1 - diff / 100)
                    if expect == 0 or abs(bid - expect) / abs(expect) > Decimal("1e-6"):
                        m.issue(path, line, "Bid_value", source_bid,
                                f"Bid_value/100 = {fmt_decimal(bid)} differs from PTE*(1-discount) = {fmt_decimal(expect, 2)}",
                                "BidValue = Bid_value/100 anyway")
            date, period, day_index = None, "", ""
            if cfg["date"] == "unix":
                date, why = unix_to_date(g("Date"))
                if date is None:
                    m.issue(path, line, "Date", g("Date"), f"impossible date ({why})", "date written empty")
            elif cfg["date"] == "dayindex":
                di = parse_decimal(g("Date"))
                if di is None or di != di.to_integral_value():
                    m.issue(path, line, "Date", g("Date"), "day index is not an integer", "period written empty")
                else:
                    day_index = str(int(di))
                    if int(di) % 366 == 0:
                        period = str(int(di) // 366)
                    else:
                        m.issue(path, line, "Date", g("Date"), "day index is not a multiple of 366", "PeriodIndex written empty")
            recs.append({
                "line": line, "tender": tender, "firm": firm, "winner": winner, "thr": thr, "orig": orig,
                "bid": bid, "source_bid": source_bid, "pte": pte, "date": date, "period": period, "day_index": day_index,
                "site": g("Site") if "Site" in col else "", "state": g(cfg["state_col"]) if cfg.get("state_col") else "",
                "name": g(cfg["firm_name"]) if cfg.get("firm_name") else "",
                "number_bids": g("Number_bids"),
                "screens": {s: fmt_decimal(parse_decimal(g(s))) for s in SCREENS if s in col},
                "bid_extra": {out: code_text(g(src)) for src, out in cfg.get("bid_extra", {}).items()},
                "tender_extra": {out: code_text(g(src)) for src, out in cfg.get("tender_extra", {}).items()},
                "firm_attrs": {out: g(src) for src, out in cfg.get("firm_attrs", {}).items()},
            })

    by_tender = collections.OrderedDict()
    for r in recs:
        by_tender.setdefault(r["tender"], []).append(r)

    # Pseudo firms for the Swiss files: one per bid row, T<tender>-B<n> (n = row order in the tender).
    for t, rs in by_tender.items():
        for k, r in enumerate(rs, start=1):
            r["bidno"] = k
            if r["firm"] is None:
                r["firm"] = f"T{t}-B{k}"

    market_agency = f"{name}-all"
    for t, rs in by_tender.items():
        first = rs[0]
        # Tender-level fields must agree across the tender's rows; report and keep the first if not.
        for key, column in (("date", "Date"), ("pte", "Pre-Tender Estimate (PTE)"), ("site", "Site"), ("state", cfg.get("state_col") or ""),
                            ("period", "Date"), ("number_bids", "Number_bids")):
            if name == "italy" and key == "site":
                continue  # Italy's Site varies within a tender: it is a bidder attribute, not the works' location
            vals = {str(r[key]) for r in rs}
            if len(vals) > 1:
                m.issue(path, first["line"], column, " | ".join(sorted(vals, key=natural_key)), f"tender {t} has {len(vals)} different values", "first row's value kept")
        if first["number_bids"] and first["number_bids"] != str(len(rs)):
            m.issue(path, first["line"], "Number_bids", first["number_bids"], f"tender {t} has {len(rs)} bid rows", "rows kept; Number_bids ignored")
        for key in first["tender_extra"]:
            vals = {r["tender_extra"][key] for r in rs}
            if len(vals) > 1:
                m.issue(path, first["line"], key, " | ".join(sorted(vals)), f"tender {t} has {len(vals)} different values", "first row's value kept")
        if cfg["site_agency"] and not single_agency and first["site"]:
            agency = f"site-{first['site']}"
            if agency not in m.agencies:
                loc = f"{cfg['country']} location code {first['site']}"
                if first["state"]:
                    loc += f", state code {first['state']}"
                m.agencies[agency] = {"AgencyID": agency, "AgencyName": f"{cfg['market_name']}: site {first['site']} (buyer not named in source)",
                                      "AgencyLocation": loc}
        else:
            agency = market_agency
            if agency not in m.agencies:
                m.agencies[agency] = {"AgencyID": agency, "AgencyName": f"{cfg['market_name']} (buyers not identified in source)",
                                      "AgencyLocation": cfg["country"]}
        loc = ""
        if cfg["site_agency"] and first["site"]:
            loc = f"site {first['site']}" + (f", state {first['state']}" if first["state"] else "")
        tender_row = {
            "ProcessID": t, "AgencyID": agency, "PublicationDate": first["date"] or "",
            "EstimatedPrice": fmt_decimal(first["pte"]), "ImplementationLocation": loc,
            "Currency": cfg["currency"],
        }
        if cfg["date"] == "dayindex":
            tender_row.update({"SourceDayIndex": first["day_index"], "PeriodIndex": first["period"]})
        tender_row.update(first["tender_extra"])
        m.tenders[t] = tender_row
        if first["screens"]:
            m.screens[t] = {"ProcessID": t, **first["screens"]}

        ids = collections.Counter(r["firm"] for r in rs)
        for f_, n in sorted(ids.items(), key=lambda x: natural_key(x[0])):
            if n > 1:
                lines = [r["line"] for r in rs if r["firm"] == f_]
                m.issue(path, lines[0], cfg["firm"] or "", f_, f"bidder bids {n} times in tender {t} (lines {', '.join(map(str, lines))})", "all bids kept")
        winners = 0
        for r in rs:
            bid_row = {
                "ProcessID": t, "FirmID": r["firm"], "BidNumber": str(r["bidno"]), "BidValue": fmt_decimal(r["bid"]),
                "BidDate": r["date"] or "", "AwardBid": str(r["winner"]), "SourceLine": str(r["line"]),
            }
            if cfg.get("bid_scale"):
                bid_row["SourceBidValue"] = r["source_bid"]
            bid_row.update(r["bid_extra"])
            m.bids.append(bid_row)
            if r["winner"]:
                winners += 1
                m.contracts.append({
                    "ContractID": f"{t}-C{winners}", "ProcessID": t, "FirmID": r["firm"],
                    "ContractValue": fmt_decimal(r["bid"]), "ContractDate": r["date"] or "",
                })
        if winners == 0:
            m.issue(path, first["line"], "Winner", "", f"tender {t} has no winning bid", "no contract written")
        elif winners > 1:
            m.issue(path, first["line"], "Winner", str(winners), f"tender {t} has {winners} winning bids", f"{winners} contracts written")

    # Firms
    per_firm = collections.defaultdict(list)
    for r in recs:
        per_firm[r["firm"]].append(r)
    for f_, rs in per_firm.items():
        row = {"FirmID": f_, "FirmName": "", "FirmCountry": cfg["country"]}
        if cfg.get("firm_name"):
            names = [r["name"] for r in rs if r["name"]]
            if names:
                row["FirmName"] = most_common(names)
                if len(set(names)) > 1:
                    m.issue(path, rs[0]["line"], cfg["firm_name"], " | ".join(sorted(set(names))), f"bidder {f_} has several names", "most frequent kept")
        if cfg["firm"] is None:
            row["FirmName"] = f"bidder {rs[0]['bidno']} of tender {rs[0]['tender']} (pseudo-firm: the source has no bidder identity)"
            row["PseudoFirm"] = "1"
        for out in cfg.get("firm_attrs", {}).values():
            vals = [r["firm_attrs"][out] for r in rs if r["firm_attrs"][out] != ""]
            if vals:
                row[out] = most_common(vals)
                if len(set(vals)) > 1:
                    m.issue(path, rs[0]["line"], out, " | ".join(sorted(set(vals), key=natural_key)),
                            f"bidder {f_} has {len(set(vals))} different values", f"most frequent kept ({row[out]})")
        if "ShareCapital" in row:
            row["ShareCapital"] = fmt_decimal(parse_decimal(row["ShareCapital"]))
        m.firms[f_] = row

    # Labels. Collusive_competitor is constant within every tender of every file (checked below):
    # it is the authors' thresholded per-tender label. Collusive_competitor_original varies within
    # tenders: it is the per-bid (per-bidder) label. Firms use the per-bid label where present.
    thr_by_tender = {t: {r["thr"] for r in rs} for t, rs in by_tender.items()}
    mixed = sorted((t for t, v in thr_by_tender.items() if len(v) > 1), key=natural_key)
    for t in mixed:
        m.issue(path, by_tender[t][0]["line"], "Collusive_competitor", "0 | 1", f"tender {t} mixes 0 and 1", "tender counted collusive")
    coll_tenders = sorted((t for t, rs in by_tender.items() if any(r["thr"] for r in rs)), key=natural_key)
    firm_label = cfg["firm_label"]
    key = "orig" if firm_label == "Collusive_competitor_original" else "thr"
    coll_firms = sorted({r["firm"] for r in recs if r[key]}, key=natural_key)
    alternatives = {"firm": {}, "tender": {}}
    if key == "orig":
        alternatives["firm"]["any_thresholded_bid"] = sorted({r["firm"] for r in recs if r["thr"]}, key=natural_key)
        alternatives["tender"]["any_original_bid"] = sorted((t for t, rs in by_tender.items() if any(r["orig"] for r in rs)), key=natural_key)
    pseudo = cfg["firm"] is None
    notes = (
        "Tender label: Collusive_competitor, the authors' thresholded label; it is constant within every tender "
        f"({len(mixed)} tenders mix values), so it is a per-tender label and a tender is collusive when its bids carry 1 "
        "(equivalently: any bid flagged). "
    )
    if key == "orig":
        notes += (
            "Firm label: a bidder is collusive if any of its bid rows has Collusive_competitor_original == 1 (the per-bid "
            "label before the authors' threshold; UPSTREAM_README). Applying 'any bid flagged' to the thresholded column "
            "instead would mark every bidder of a collusive tender, honest ones included; that set is kept as "
            "alternatives.firm.any_thresholded_bid. "
        )
    else:
        notes += (
            "Firm label: this file has no Collusive_competitor_original, so pseudo-firms carry their tender's thresholded "
            "label (every bid of a collusive tender is flagged). "
        )
    if pseudo:
        notes += (
            "Firms are per-bid pseudo-firms (T<tender>-B<n>): the source has no bidder identity, so firm-level "
            "indicators (co-bidding, top losers, rings) are meaningless here; only tender-level price screens are. "
        )
    if name == "italy":
        notes += "BidValue is Bid_value/100 (source is 100x euros, see README); SourceBidValue keeps the source. "
    if name == "japan":
        notes += "EstimatedPrice is the source PTE, which includes 5% consumption tax; bids exclude it (README). "
    m.labels = {
        "collusive_firms": coll_firms,
        "collusive_tenders": coll_tenders,
        "alternatives": alternatives,
        "label_columns": {"firm": firm_label, "tender": "Collusive_competitor"},
        "pseudo_firms": pseudo,
        "notes": notes.strip(),
    }
    return m


# --------------------------------------------------------------------------------------------
# Writing


COLUMNS = {
    "agencies.csv": ["AgencyID", "AgencyName", "AgencyLocation", "AgencyGovLevel"],
    "firms.csv": ["FirmID", "FirmName", "EntityType", "FirmCountry"],
    "tenders.csv": ["ProcessID", "AgencyID", "ProcurementMethod", "PublicationDate", "BidDeadline", "EstimatedPrice", "ProductCode", "ImplementationLocation"],
    "bids.csv": ["ProcessID", "FirmID", "BidNumber", "BidValue", "BidDate", "AwardBid"],
    "contracts.csv": ["ContractID", "ProcessID", "FirmID", "ContractValue", "ContractDate"],
}


def write_table(path, base_columns, rows):
    """Columns: the GRAS ones first (dropped when empty in every row, except required ones,
    so each file stays readable), then extra columns (kept by Trama as properties) in
    first-seen order."""
    required = {"AgencyID", "FirmID", "ProcessID", "AwardBid", "ContractID"}
    cols = [c for c in base_columns if c in required or any(r.get(c, "") != "" for r in rows)]
    extras = []
    for r in rows:
        for c in r:
            if c not in base_columns and c not in extras:
                extras.append(c)
    extras = [c for c in extras if any(r.get(c, "") != "" for r in rows)]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)  # RFC 4180: CRLF line ends, quotes only where needed
        w.writerow(cols + extras)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols + extras])
    return len(rows)


def write_market(m, out_root):
    d = os.path.join(out_root, m.name)
    os.makedirs(d, exist_ok=True)
    nk = natural_key
    write_table(os.path.join(d, "agencies.csv"), COLUMNS["agencies.csv"], [m.agencies[k] for k in sorted(m.agencies, key=nk)])
    write_table(os.path.join(d, "firms.csv"), COLUMNS["firms.csv"], [m.firms[k] for k in sorted(m.firms, key=nk)])
    write_table(os.path.join(d, "tenders.csv"), COLUMNS["tenders.csv"], [m.tenders[k] for k in sorted(m.tenders, key=nk)])
    m.bids.sort(key=lambda r: (nk(r["ProcessID"]), int(r["BidNumber"])))
    write_table(os.path.join(d, "bids.csv"), COLUMNS["bids.csv"], m.bids)
    m.contracts.sort(key=lambda r: (nk(r["ProcessID"]), nk(r["ContractID"])))
    write_table(os.path.join(d, "contracts.csv"), COLUMNS["contracts.csv"], m.contracts)
    screens_path = os.path.join(d, "screens.csv")
    if m.screens:
        with open(screens_path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["ProcessID"] + SCREENS)
            for k in sorted(m.screens, key=nk):
                w.writerow([m.screens[k].get(c, "") for c in ["ProcessID"] + SCREENS])
    elif os.path.exists(screens_path):
        os.remove(screens_path)
    with open(os.path.join(d, "rejected.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "line", "column", "value", "reason", "record"])
        for r in sorted(m.rejected, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(d, "issues.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "line", "column", "value", "reason", "action"])
        for r in sorted(m.issues, key=lambda r: (r[0], r[1], r[2], nk(r[3]), r[4])):
            w.writerow(r)
    labels = {
        "market": m.name,
        "source": m.sources[0],
        "source_files": m.sources,
        "firms": len(m.firms),
        "tenders": len(m.tenders),
        "bids": len(m.bids),
        "firm_ids": sorted(m.firms, key=nk),
        "tender_ids": sorted(m.tenders, key=nk),
        **m.labels,
    }
    with open(os.path.join(d, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    return {
        "market": m.name, "rows_read": m.rows_read, "agencies": len(m.agencies), "firms": len(m.firms),
        "tenders": len(m.tenders), "bids": len(m.bids), "contracts": len(m.contracts),
        "rejected": len(m.rejected), "issues": len(m.issues),
        "collusive_firms": len(m.labels["collusive_firms"]), "collusive_tenders": len(m.labels["collusive_tenders"]),
        "empty_bid_dates": sum(1 for b in m.bids if not b.get("BidDate")),
    }


# --------------------------------------------------------------------------------------------
# Self-check of the written folder against the GRAS contract (the same checks Trama's reader
# makes: required values, formats, unique IDs, references that resolve). A failure here is a
# bug in this converter, not in the data, so it makes the script exit non-zero.

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SPEC = {
    # file: (id column, {column: type}, required columns, {reference column: target file})
    "agencies.csv": ("AgencyID", {}, ["AgencyID"], {}),
    "firms.csv": ("FirmID", {"FirmConstitutionDate": "date", "Turnover": "number", "Profit": "number"}, ["FirmID"], {}),
    "tenders.csv": ("ProcessID", {"PublicationDate": "date", "BidDeadline": "date", "EstimatedPrice": "number"}, ["ProcessID"],
                    {"AgencyID": "agencies.csv"}),
    "contracts.csv": ("ContractID", {"ContractValue": "number", "ContractDate": "date"}, ["ContractID", "ProcessID", "FirmID"],
                      {"ProcessID": "tenders.csv", "FirmID": "firms.csv"}),
    "bids.csv": (None, {"BidValue": "number", "BidDate": "date", "AwardBid": "flag"}, ["ProcessID", "FirmID", "AwardBid"],
                 {"ProcessID": "tenders.csv", "FirmID": "firms.csv"}),
}


def validate_folder(d):
    problems = []
    ids = {}
    for name in ["agencies.csv", "firms.csv", "tenders.csv", "contracts.csv", "bids.csv"]:
        id_col, types, required, refs = SPEC[name]
        path = os.path.join(d, name)
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            if len(set(header)) != len(header):
                problems.append(f"{name}: duplicate column names")
            for c in required:
                if c not in header:
                    problems.append(f"{name}: required column {c} missing")
            seen = set()
            for rec in reader:
                line = reader.line_num
                r = dict(zip(header, rec))
                if len(rec) != len(header):
                    problems.append(f"{name}:{line}: {len(rec)} fields")
                for c in required:
                    if not r.get(c, ""):
                        problems.append(f"{name}:{line}: {c} empty")
                for c, t in types.items():
                    v = r.get(c, "")
                    if not v:
                        continue
                    ok = (t == "number" and NUMBER.fullmatch(v)) or (t == "flag" and v in ("0", "1"))
                    if t == "date" and DATE.fullmatch(v):
                        try:
                            datetime.date.fromisoformat(v)
                            ok = True
                        except ValueError:
                            ok = False
                    if not ok:
                        problems.append(f"{name}:{line}: {c} {v!r} is not a {t}")
                for c, target in refs.items():
                    v = r.get(c, "")
                    if v and v not in ids.get(target, set()):
                        problems.append(f"{name}:{line}: {c} {v!r} not defined in {target}")
                if id_col:
                    v = r.get(id_col, "")
                    if v in seen:
                        problems.append(f"{name}:{line}: duplicate {id_col} {v!r}")
                    seen.add(v)
        if id_col:
            ids[name] = seen
        if len(problems) > 20:
            break
    return problems


def issue_kinds(folder):
    """Counts of issues.csv reasons with numbers blanked, e.g. 'tender # has no winning bid'."""
    c = collections.Counter()
    with open(os.path.join(folder, "issues.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            kind = re.sub(r"\d+(\.\d+)?", "#", f"{r['column']}: {r['reason']}")
            kind = re.sub(r"(lines #(, #)*)", "lines #", kind)
            c[kind] += 1
    return c


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="/work/shared/data", help="folder holding the procurement-bids-* inputs (read only)")
    p.add_argument("--out", default=os.path.join(repo, ".bench", "markets"), help="output root (default: <repo>/.bench/markets)")
    p.add_argument("--market", action="append", choices=MARKETS, help="convert only this market (repeatable)")
    p.add_argument("--single-agency", action="store_true",
                   help="one agency per market instead of one per district (Ohio) / site (Japan, Brazil)")
    a = p.parse_args(argv)
    markets = a.market or MARKETS
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    summary = []
    for name in markets:
        m = convert_ohio(a.data, a.single_agency) if name == "ohio-milk" else convert_garcia(name, a.data, a.single_agency)
        summary.append(write_market(m, out))

    cols = ["market", "rows_read", "bids", "tenders", "firms", "agencies", "contracts", "rejected", "issues",
            "empty_bid_dates", "collusive_firms", "collusive_tenders"]
    heads = ["market", "rows read", "bids", "tenders", "firms", "agencies", "contracts", "rejected", "issues",
             "no-date bids", "coll. firms", "coll. tenders"]
    table = [heads] + [[f"{s[c]:,}" if isinstance(s[c], int) else s[c] for c in cols] for s in summary]
    widths = [max(len(r[i]) for r in table) for i in range(len(heads))]
    print(f"GRAS tables written to {out}")
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print("rejected rows: <market>/rejected.csv; repaired/caveated values: <market>/issues.csv; labels: <market>/labels.json")
    failed = False
    for s in summary:
        folder = os.path.join(out, s["market"])
        kinds = issue_kinds(folder)
        if kinds:
            print(f"{s['market']} issues: " + "; ".join(f"{n} x {k}" for k, n in sorted(kinds.items(), key=lambda x: (-x[1], x[0]))))
        problems = validate_folder(folder)
        s["contract_check"] = "ok" if not problems else problems
        if problems:
            failed = True
            print(f"{s['market']}: GRAS contract check FAILED:\n  " + "\n  ".join(problems[:20]))
    if not failed:
        print("GRAS contract check (formats, required values, unique IDs, references): ok for every market")
    with open(os.path.join(out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"data": os.path.abspath(a.data), "markets": summary}, f, indent=1, sort_keys=True)
        f.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
