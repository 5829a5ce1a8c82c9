/// A value of the settings tree that the `config` crate builds from the INI sections.
private indirect enum ConfigNode {
    case value(String, line: Int)
    case table(ConfigTable)

    var line: Int {
        switch self {
        case .value(_, let line): line
        case .table(let t): t.line
        }
    }
}

private struct ConfigTable {
    var entries: [(key: String, node: ConfigNode)] = []
    var line: Int

    func index(_ key: String) -> Int? { entries.firstIndex { sameBytes($0.key, key) } }

    /// `config`'s `Expression::set`: a table merges into a table, anything else replaces.
    mutating func set(path: ArraySlice<String>, _ node: ConfigNode) {
        let key = path.first!
        let rest = path.dropFirst()
        let i: Int
        if let found = index(key) {
            i = found
        } else {
            entries.append((key, .table(ConfigTable(line: node.line))))
            i = entries.count - 1
            if rest.isEmpty { entries[i].node = placeholder(for: node) }
        }
        if rest.isEmpty {
            switch node {
            case .table(let incoming):
                var target: ConfigTable
                if case .table(let existing) = entries[i].node { target = existing } else { target = ConfigTable(line: incoming.line) }
                for (k, v) in incoming.entries { target.set(path: [k], v) }
                entries[i].node = .table(target)
            case .value:
                entries[i].node = node
            }
        } else {
            var child: ConfigTable
            if case .table(let existing) = entries[i].node { child = existing } else { child = ConfigTable(line: node.line) }
            child.set(path: rest, node)
            entries[i].node = .table(child)
        }
    }

    private func placeholder(for node: ConfigNode) -> ConfigNode {
        if case .table(let t) = node { .table(ConfigTable(line: t.line)) } else { node }
    }
}

extension CardinalSettings {
    /// Reads a settings file as `ocdscardinal --settings FILE` does.
    ///
    /// Unknown sections and properties are errors, as in cardinal (its settings deny unknown
    /// fields); so is a value that cardinal cannot convert. Each error names the line and the key.
    /// Numbers and booleans are converted as the `config` crate converts them: `true`, `on`, `yes`
    /// (any case) are 1 and `false`, `off`, `no` are 0 for numbers; a boolean is also `1` or `0`.
    ///
    /// - Parameters:
    ///   - ini: The file's text.
    ///   - file: The file's name, for error messages.
    public init(ini: String, file: String? = nil) throws(CardinalError) {
        let sections: [INISection]
        do {
            var parser = INIParser(ini)
            sections = try parser.parse()
        } catch let CardinalError.settingsSyntax(_, line, reason) {
            throw CardinalError.settingsSyntax(file: file, line: line, reason: reason)
        }
        let root = Self.tree(sections)
        self.init()
        var reader = SettingsReader(file: file)
        try reader.read(root, into: &self)
    }

    /// The `config` crate's view of the sections: one table per section name (the last occurrence
    /// wins), top-level properties and section names split on `.` into nested tables
    /// (`[R003.procurement_method_details]` is `procurement_method_details` inside `R003`).
    private static func tree(_ sections: [INISection]) -> ConfigTable {
        var flat: [(key: String, node: ConfigNode)] = []
        func put(_ key: String, _ node: ConfigNode) {
            if let i = flat.firstIndex(where: { sameBytes($0.key, key) }) { flat[i].node = node } else { flat.append((key, node)) }
        }
        for section in sections {
            if let name = section.name {
                var table = ConfigTable(line: section.line)
                for p in section.properties {
                    if let i = table.index(p.key) {
                        table.entries[i].node = .value(p.value, line: p.line)
                    } else {
                        table.entries.append((p.key, .value(p.value, line: p.line)))
                    }
                }
                put(name, .table(table))
            } else {
                for p in section.properties { put(p.key, .value(p.value, line: p.line)) }
            }
        }
        var root = ConfigTable(line: 1)
        for (key, node) in flat {
            root.set(path: ArraySlice(Self.path(key)), node)
        }
        return root
    }

    /// `config`'s path expression: `ident(.ident)*` with identifiers of ASCII letters, digits,
    /// `_` and `-`; anything else is one literal key.
    private static func path(_ key: String) -> [String] {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let valid = parts.allSatisfy { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
                }
        }
        return valid ? parts : [key]
    }
}

/// Turns the settings tree into ``CardinalSettings``, converting values as the `config` crate does
/// and refusing unknown names as cardinal's `deny_unknown_fields` does.
private struct SettingsReader {
    let file: String?

    static let topLevel = [
        "output", "codelists", "defaults", "redactions", "corrections", "modifications", "currency",
        "no_price_comparison_procurement_methods", "price_comparison_procurement_methods", "exclusions",
        "R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058",
    ]

    mutating func read(_ root: ConfigTable, into s: inout CardinalSettings) throws(CardinalError) {
        for (key, node) in root.entries {
            switch key {
            case "currency": s.currency = try string(node, key)
            case "no_price_comparison_procurement_methods": s.noPriceComparisonProcurementMethods = try string(node, key)
            case "price_comparison_procurement_methods": s.priceComparisonProcurementMethods = try string(node, key)
            case "output":
                var o = CardinalSettings.Output()
                try fields(node, key, ["info_currency_mismatches"]) { _, n, path throws(CardinalError) in
                    o.infoCurrencyMismatches = try bool(n, path)
                }
                s.output = o
            case "exclusions":
                var e = CardinalSettings.Exclusions()
                try fields(node, key, ["procurement_method_details"]) { _, n, path throws(CardinalError) in
                    e.procurementMethodDetails = try string(n, path)
                }
                s.exclusions = e
            case "defaults":
                var d = CardinalSettings.Defaults()
                try fields(node, key, ["currency", "item_classification_scheme", "bid_status", "award_status", "party_roles"]) {
                    name, n, path throws(CardinalError) in
                    switch name {
                    case "currency": d.currency = try string(n, path)
                    case "item_classification_scheme": d.itemClassificationScheme = try string(n, path)
                    case "bid_status": d.bidStatus = try string(n, path)
                    case "award_status": d.awardStatus = try string(n, path)
                    default: d.partyRoles = try bool(n, path)
                    }
                }
                s.defaults = d
            case "redactions":
                var r = CardinalSettings.Redactions()
                try fields(node, key, ["amount", "organization_id"]) { name, n, path throws(CardinalError) in
                    if name == "amount" { r.amount = try string(n, path) } else { r.organizationID = try string(n, path) }
                }
                s.redactions = r
            case "corrections":
                var c = CardinalSettings.Corrections()
                try fields(node, key, ["award_status_by_contract_status"]) { _, n, path throws(CardinalError) in
                    c.awardStatusByContractStatus = try bool(n, path)
                }
                s.corrections = c
            case "modifications":
                var m = CardinalSettings.Modifications()
                try fields(
                    node, key,
                    ["move_auctions", "prefix_buyer_or_procuring_entity_id", "prefix_tenderer_or_supplier_id", "split_procurement_method_details"]
                ) { name, n, path throws(CardinalError) in
                    switch name {
                    case "move_auctions": m.moveAuctions = try bool(n, path)
                    case "prefix_buyer_or_procuring_entity_id": m.prefixBuyerOrProcuringEntityID = try string(n, path)
                    case "prefix_tenderer_or_supplier_id": m.prefixTendererOrSupplierID = try string(n, path)
                    default: m.splitProcurementMethodDetails = try string(n, path)
                    }
                }
                s.modifications = m
            case "codelists":
                var c = CardinalSettings.Codelists()
                try fields(node, key, ["bid_status", "award_status"]) { name, n, path throws(CardinalError) in
                    let pairs = try map(n, path) { v, p throws(CardinalError) in try string(v, p) }
                    if name == "bid_status" { c.bidStatus = pairs } else { c.awardStatus = pairs }
                }
                s.codelists = c
            case "R003":
                var r = CardinalSettings.R003()
                try fields(node, key, ["threshold", "procurement_methods", "procurement_method_details"]) { name, n, path throws(CardinalError) in
                    switch name {
                    case "threshold": r.threshold = try int64(n, path)
                    case "procurement_methods": r.procurementMethods = try string(n, path)
                    default: r.procurementMethodDetails = try map(n, path) { v, p throws(CardinalError) in try int64(v, p) }
                    }
                }
                s.r003 = r
            case "R018":
                var r = CardinalSettings.R018()
                try fields(node, key, ["procurement_methods"]) { _, n, path throws(CardinalError) in r.procurementMethods = try string(n, path) }
                s.r018 = r
            case "R024", "R058":
                var t = CardinalSettings.Threshold()
                try fields(node, key, ["threshold"]) { _, n, path throws(CardinalError) in t.threshold = try double(n, path) }
                if key == "R024" { s.r024 = t } else { s.r058 = t }
            case "R025":
                var r = CardinalSettings.R025()
                try fields(node, key, ["percentile", "threshold"]) { name, n, path throws(CardinalError) in
                    if name == "percentile" { r.percentile = try uint64(n, path) } else { r.threshold = try double(n, path) }
                }
                s.r025 = r
            case "R028", "R030", "R036":
                try fields(node, key, []) { _, _, _ throws(CardinalError) in }
                switch key {
                case "R028": s.r028 = .init()
                case "R030": s.r030 = .init()
                default: s.r036 = .init()
                }
            case "R035":
                var t = CardinalSettings.CountThreshold()
                try fields(node, key, ["threshold"]) { _, n, path throws(CardinalError) in t.threshold = try uint64(n, path) }
                s.r035 = t
            case "R038":
                var r = CardinalSettings.R038()
                try fields(node, key, ["threshold", "minimum_submitted_bids", "minimum_contracting_processes"]) {
                    name, n, path throws(CardinalError) in
                    switch name {
                    case "threshold": r.threshold = try double(n, path)
                    case "minimum_submitted_bids": r.minimumSubmittedBids = try uint64(n, path)
                    default: r.minimumContractingProcesses = try uint64(n, path)
                    }
                }
                s.r038 = r
            case "R048":
                var r = CardinalSettings.R048()
                try fields(node, key, ["digits", "threshold", "minimum_contracting_processes"]) { name, n, path throws(CardinalError) in
                    switch name {
                    case "digits": r.digits = try uint64(n, path)
                    case "threshold": r.threshold = try uint64(n, path)
                    default: r.minimumContractingProcesses = try uint64(n, path)
                    }
                }
                s.r048 = r
            default:
                throw CardinalError.unknownSetting(file: file, line: node.line, key: key, known: Self.topLevel)
            }
        }
    }

    /// The members of a section, each of which must be one of `known`.
    private func fields(
        _ node: ConfigNode, _ key: String, _ known: [String], _ body: (String, ConfigNode, String) throws(CardinalError) -> Void
    ) throws(CardinalError) {
        guard case .table(let table) = node else {
            throw CardinalError.settingShape(file: file, line: node.line, key: key, expected: "a section ([\(key)])")
        }
        for (name, child) in table.entries {
            guard known.contains(where: { sameBytes($0, name) }) else {
                throw CardinalError.unknownSetting(file: file, line: child.line, key: "\(key).\(name)", known: known)
            }
            try body(name, child, "\(key).\(name)")
        }
    }

    private func map<V>(_ node: ConfigNode, _ key: String, _ convert: (ConfigNode, String) throws(CardinalError) -> V) throws(CardinalError)
        -> [CardinalSettings.Pair<V>]
    {
        guard case .table(let table) = node else {
            throw CardinalError.settingShape(file: file, line: node.line, key: key, expected: "a section ([\(key)])")
        }
        var pairs: [CardinalSettings.Pair<V>] = []
        for (name, child) in table.entries {
            pairs.append(CardinalSettings.Pair(name, try convert(child, "\(key).\(name)")))
        }
        return pairs
    }

    private func text(_ node: ConfigNode, _ key: String) throws(CardinalError) -> (String, Int) {
        guard case .value(let v, let line) = node else {
            throw CardinalError.settingShape(file: file, line: node.line, key: key, expected: "a value (key = value), not a section")
        }
        return (v, line)
    }

    private func string(_ node: ConfigNode, _ key: String) throws(CardinalError) -> String {
        try text(node, key).0
    }

    private func bool(_ node: ConfigNode, _ key: String) throws(CardinalError) -> Bool {
        let (v, line) = try text(node, key)
        switch v.lowercased() {
        case "1", "true", "on", "yes": return true
        case "0", "false", "off", "no": return false
        default: throw CardinalError.badSettingValue(file: file, line: line, key: key, value: v, expected: "a boolean (true or false)")
        }
    }

    /// `config`'s `into_int`: the boolean words, else Rust's `i64::from_str` (an optional sign and
    /// ASCII digits, nothing else).
    private func int64(_ node: ConfigNode, _ key: String) throws(CardinalError) -> Int64 {
        let (v, line) = try text(node, key)
        if let b = Self.booleanNumber(v) { return b }
        guard Self.isRustInteger(v, signed: true), let n = Int64(v) else {
            throw CardinalError.badSettingValue(file: file, line: line, key: key, value: v, expected: "a whole number")
        }
        return n
    }

    private func uint64(_ node: ConfigNode, _ key: String) throws(CardinalError) -> UInt64 {
        let (v, line) = try text(node, key)
        if let b = Self.booleanNumber(v) { return UInt64(b) }
        guard Self.isRustInteger(v, signed: false), let n = UInt64(v.hasPrefix("+") ? String(v.dropFirst()) : v) else {
            throw CardinalError.badSettingValue(file: file, line: line, key: key, value: v, expected: "a natural number (0 or more)")
        }
        return n
    }

    /// `config`'s `into_float`: the boolean words, else Rust's `f64::from_str`.
    private func double(_ node: ConfigNode, _ key: String) throws(CardinalError) -> Double {
        let (v, line) = try text(node, key)
        if let b = Self.booleanNumber(v) { return Double(b) }
        guard let d = SettingsNumbers.rustDouble(v) else {
            throw CardinalError.badSettingValue(file: file, line: line, key: key, value: v, expected: "a decimal number")
        }
        return d
    }

    private static func booleanNumber(_ v: String) -> Int64? {
        switch v.lowercased() {
        case "true", "on", "yes": 1
        case "false", "off", "no": 0
        default: nil
        }
    }

    private static func isRustInteger(_ v: String, signed: Bool) -> Bool {
        var digits = Substring(v)
        if let f = digits.first, f == "+" || (signed && f == "-") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}

/// Number syntax shared by the settings and `prepare`.
enum SettingsNumbers {
    /// Rust's `f64::from_str`: `[+-]` then `inf`, `infinity` or `nan` (any case), or decimal digits
    /// with an optional point and exponent (`5`, `5.`, `.5`, `5e-3`); no spaces, no hex.
    static func rustDouble(_ v: String) -> Double? {
        var s = Substring(v)
        var negative = false
        if let f = s.first, f == "+" || f == "-" {
            negative = f == "-"
            s = s.dropFirst()
        }
        switch s.lowercased() {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        let scalars = Array(s.unicodeScalars)
        var i = 0
        var mantissaDigits = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        while i < scalars.count, isDigit(scalars[i]) {
            i += 1
            mantissaDigits += 1
        }
        if i < scalars.count, scalars[i] == "." {
            i += 1
            while i < scalars.count, isDigit(scalars[i]) {
                i += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return nil }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
            var exponentDigits = 0
            while i < scalars.count, isDigit(scalars[i]) {
                i += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == scalars.count, let d = Double(String(s)) else { return nil }
        return negative ? -d : d
    }
}
