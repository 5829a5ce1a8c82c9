/// What an indicator result is about: cardinal's top-level keys.
public enum CardinalGroup: String, Sendable, CaseIterable, Hashable {
    /// A contracting process, by `/ocid`.
    case ocid = "OCID"
    /// By `/buyer/id`.
    case buyer = "Buyer"
    /// By `/tender/procuringEntity/id`.
    case procuringEntity = "ProcuringEntity"
    /// By `/bids/details[]/tenderers[]/id` (or the supplier id that matches one).
    case tenderer = "Tenderer"
}

/// cardinal-rs's red-flag indicators, by code.
public enum CardinalIndicator: String, Sendable, CaseIterable, Hashable, Comparable {
    case r003 = "R003"
    case r018 = "R018"
    case r024 = "R024"
    case r025 = "R025"
    case r028 = "R028"
    case r030 = "R030"
    case r035 = "R035"
    case r036 = "R036"
    case r038 = "R038"
    case r048 = "R048"
    case r058 = "R058"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The result of ``CardinalIndicators/run(_:settings:options:)``: what cardinal's `indicators`
/// command prints, as values and as its JSON.
public struct CardinalResult: Sendable {
    /// The identifiers flagged in one group, in the order the output lists them.
    public struct Group: Sendable {
        public var group: CardinalGroup
        public var entries: [Entry]
    }

    /// One identifier's flags: each indicator's output, in code order.
    public struct Entry: Sendable {
        public var id: String
        public var values: [(indicator: CardinalIndicator, value: Double)]
    }

    /// The quartiles and fences an indicator used, named as cardinal names them (`q1`, `q3`,
    /// `lower_fence`, `upper_fence`, and for R038 `Buyer_q1`, `Tenderer_upper_fence`, …), in the
    /// order cardinal sets them. NaN where there was nothing to measure (printed `null`).
    public struct Meta: Sendable {
        public var indicator: CardinalIndicator
        public var values: [(name: String, value: Double)]
    }

    /// `--map`'s mappings from contracting processes to organizations; each map's entries are in
    /// the order the processes were read.
    public struct Maps: Sendable {
        public var ocidBuyerR038: [(ocid: String, id: String)] = []
        public var ocidProcuringEntityR038: [(ocid: String, id: String)] = []
        public var ocidTenderer: [(ocid: String, ids: [String])] = []
        public var ocidTendererR024: [(ocid: String, ids: [String])] = []
        public var ocidTendererR028: [(ocid: String, ids: [String])] = []
        public var ocidTendererR030: [(ocid: String, ids: [String])] = []
        public var ocidTendererR035: [(ocid: String, ids: [String])] = []
        public var ocidTendererR058: [(ocid: String, ids: [String])] = []
    }

    /// The groups with at least one flag, in cardinal's order (see ``json()``).
    public var groups: [Group]
    /// One entry per indicator that computes fences, in code order.
    public var meta: [Meta]
    /// Present when the run was asked for maps.
    public var maps: Maps?
    /// The options the run was given, which decide what ``json()`` prints.
    public var options: CardinalIndicators.Options
    /// Lines skipped and values left out, as cardinal would log them (the first 10,000).
    public var warnings: [CardinalWarning]
    /// How many warnings there were in all.
    public var warningCount: Int
    /// Lines read, including blank and broken ones.
    public var lines: Int

    /// The output of one indicator for one identifier, if it flagged it.
    public func value(_ indicator: CardinalIndicator, _ group: CardinalGroup, _ id: String) -> Double? {
        groups.first { $0.group == group }?.entries.first { sameBytes($0.id, id) }?.values.first { $0.indicator == indicator }?.value
    }

    /// What `ocdscardinal indicators` prints (without its final newline), byte for byte where
    /// cardinal's own order is fixed:
    ///
    /// - Groups: `OCID` and `Tenderer` first, then `Buyer` and `ProcuringEntity` as R038 flags them;
    ///   an empty `OCID` or `Tenderer` is removed by moving the last group into its place (Rust's
    ///   `IndexMap::swap_remove`), so `{"ProcuringEntity":…,"Tenderer":…,"Buyer":…}` is possible.
    /// - Then `Meta` (unless `--no-meta`), then `Maps` (with `--map`).
    /// - Numbers as serde_json prints `f64` (``CardinalNumber/format(_:)``); `Meta` rounded to 4
    ///   decimals.
    ///
    /// Where cardinal iterates a Rust `HashMap` (identifiers flagged after reading, the codes of
    /// one identifier, the indicators in `Meta`, the ids of a map) its order changes from run to
    /// run; TramaCardinal prints identifiers in reading order, codes and indicators in code order.
    public func json() -> String {
        var out = "{"
        var first = true
        func key(_ k: String) {
            if !first { out += "," }
            first = false
            JSONWriter.writeString(k, to: &out)
            out += ":"
        }
        for g in groups {
            key(g.group.rawValue)
            out += "{"
            for (i, e) in g.entries.enumerated() {
                if i > 0 { out += "," }
                JSONWriter.writeString(e.id, to: &out)
                out += ":{"
                for (j, v) in e.values.enumerated() {
                    if j > 0 { out += "," }
                    out += "\"\(v.indicator.rawValue)\":" + CardinalNumber.format(v.value)
                }
                out += "}"
            }
            out += "}"
        }
        if !options.noMeta {
            key("Meta")
            out += "{"
            for (i, m) in meta.enumerated() {
                if i > 0 { out += "," }
                out += "\"\(m.indicator.rawValue)\":{"
                for (j, v) in m.values.enumerated() {
                    if j > 0 { out += "," }
                    JSONWriter.writeString(v.name, to: &out)
                    out += ":" + CardinalNumber.format(CardinalNumber.roundedForMeta(v.value))
                }
                out += "}"
            }
            out += "}"
        }
        if let maps {
            key("Maps")
            out += "{"
            func single(_ name: String, _ pairs: [(ocid: String, id: String)]) {
                JSONWriter.writeString(name, to: &out)
                out += ":{"
                for (i, p) in pairs.enumerated() {
                    if i > 0 { out += "," }
                    JSONWriter.writeString(p.ocid, to: &out)
                    out += ":"
                    JSONWriter.writeString(p.id, to: &out)
                }
                out += "}"
            }
            func multiple(_ name: String, _ pairs: [(ocid: String, ids: [String])]) {
                out += ","
                JSONWriter.writeString(name, to: &out)
                out += ":{"
                for (i, p) in pairs.enumerated() {
                    if i > 0 { out += "," }
                    JSONWriter.writeString(p.ocid, to: &out)
                    out += ":["
                    for (j, id) in p.ids.enumerated() {
                        if j > 0 { out += "," }
                        JSONWriter.writeString(id, to: &out)
                    }
                    out += "]"
                }
                out += "}"
            }
            single("ocid_buyer_r038", maps.ocidBuyerR038)
            out += ","
            single("ocid_procuringentity_r038", maps.ocidProcuringEntityR038)
            multiple("ocid_tenderer", maps.ocidTenderer)
            multiple("ocid_tenderer_r024", maps.ocidTendererR024)
            multiple("ocid_tenderer_r028", maps.ocidTendererR028)
            multiple("ocid_tenderer_r030", maps.ocidTendererR030)
            multiple("ocid_tenderer_r035", maps.ocidTendererR035)
            multiple("ocid_tenderer_r058", maps.ocidTendererR058)
            out += "}"
        }
        out += "}"
        return out
    }

    /// `--count`: the number of identifiers per group, as cardinal prints them to standard error
    /// (`OCID: 3`).
    public func countLines() -> [String] {
        groups.map { "\($0.group.rawValue): \($0.entries.count)" }
    }
}

/// Numbers the way cardinal prints them.
public enum CardinalNumber {
    /// serde_json's text for an `f64` (cardinal's JSON output): the shortest digits that read back
    /// as the same value, `.0` after a whole number, plain notation for exponents −5 to 15 and
    /// `1.5e+16`/`1.5e-7` outside, `null` for NaN and infinities.
    public static func format(_ value: Double) -> String { JSONWriter.number(value) }

    /// cardinal's rounding of `Meta` values: `(v * 10000).round() / 10000`, halves away from zero.
    public static func roundedForMeta(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
