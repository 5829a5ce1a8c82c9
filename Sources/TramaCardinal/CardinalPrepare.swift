/// cardinal-rs's `prepare` command: corrects quality issues in OCDS compiled releases that would
/// distort the indicators, and reports the issues it can fix.
///
/// Each corrected release is written as one line of JSON, as cardinal writes it (members in their
/// order, numbers as written, serde_json's escaping); each issue as a CSV row with the columns
/// line, ocid, path, array indexes, incorrect value, error description.
public enum CardinalPrepare {
    /// A quality issue: a field that is not set, a code that is not in its codelist, a bid amount
    /// of zero.
    public struct Issue: Sendable, Equatable {
        public var line: Int
        /// The `/ocid` as CSV fields: one field normally, empty if there is no ocid, one per
        /// element if it is an array (as cardinal's CSV writer flattens it).
        public var ocid: [String]
        public var path: String
        /// The array indexes, separated by periods for nested arrays (`0.1`).
        public var indexes: String
        public var value: String
        /// "not set", "invalid" or "is zero".
        public var problem: String

        /// The CSV row, with its newline, as cardinal writes it (fields quoted only when they hold a
        /// comma, a quote or a line break).
        public var csv: String {
            ([String(line)] + ocid + [path, indexes, value, problem]).map(Self.field).joined(separator: ",") + "\n"
        }

        static func field(_ s: String) -> String {
            guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return s }
            var quoted = "\""
            for c in s.unicodeScalars {
                if c == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(c) }
            }
            return quoted + "\""
        }
    }

    /// Everything a run produced, for inputs small enough to hold.
    public struct Result: Sendable {
        /// The corrected releases, one per line, each line ending in a newline.
        public var output: String
        /// The issues as CSV (no header), as `--errors` receives them.
        public var errors: String
        public var issues: [Issue]
        public var warnings: [CardinalWarning]
    }

    /// Prepares `input` and collects the output and the issues.
    public static func run(_ input: CardinalInput, settings: CardinalSettings = CardinalSettings()) throws -> Result {
        var output = ""
        var errors = ""
        var issues: [Issue] = []
        let warnings = try run(input, settings: settings) {
            output += $0 + "\n"
        } issue: {
            errors += $0.csv
            issues.append($0)
        }
        return Result(output: output, errors: errors, issues: issues, warnings: warnings)
    }

    /// Prepares `input` line by line, handing each corrected release (JSON text, without newline)
    /// to `output` and each issue to `issue` as soon as its line is done, so a file of any size can
    /// be streamed. Lines that are not JSON or not an object are skipped (not written), with a
    /// warning, as cardinal does.
    ///
    /// - Returns: The warnings cardinal would log.
    /// - Throws: ``CardinalError/cannotPrepare(line:reason:)`` where cardinal itself stops;
    ///   ``CardinalError/unreadable(file:reason:)``; and whatever the closures throw.
    public static func run(
        _ input: CardinalInput, settings: CardinalSettings, output: (String) throws -> Void, issue: (Issue) throws -> Void
    ) throws -> [CardinalWarning] {
        let preparer = Preparer(settings)
        var warnings: [CardinalWarning] = []
        try JSONLines.forEach(input) { line, content in
            guard case .json(let value) = content else {
                if let warning = JSONLines.warning(line: line, content) { warnings.append(warning) }
                return
            }
            guard case .object(var release) = value else {
                warnings.append(CardinalWarning(line: line, message: "Line \(line) is not a JSON object, skipping."))
                return
            }
            var issues: [Issue] = []
            try preparer.prepare(&release, line: line, issues: &issues, warnings: &warnings)
            for i in issues { try issue(i) }
            try output(JSONWriter.string(.object(release)))
        }
        return warnings
    }
}

/// cardinal's `Prepare::run`, one release at a time, with the settings resolved once.
private struct Preparer {
    static let bidStatuses: Set<String> = ["invited", "pending", "valid", "disqualified", "withdrawn"]
    static let awardStatuses: Set<String> = ["pending", "active", "cancelled", "unsuccessful"]

    let currencyDefault: String?
    let schemeDefault: String?
    let bidStatusDefault: String?
    let awardStatusDefault: String?
    let partyRoles: Bool
    let redactAmounts: [Double]
    let redactIDs: Set<ByteKey>
    let awardStatusByContractStatus: Bool
    let moveAuctions: Bool
    let prefixBuyer: String
    let prefixTenderer: String
    let split: String?
    let bidStatusCodes: [ByteKey: String]
    let awardStatusCodes: [ByteKey: String]

    init(_ s: CardinalSettings) {
        currencyDefault = s.defaults?.currency
        schemeDefault = s.defaults?.itemClassificationScheme
        bidStatusDefault = s.defaults?.bidStatus
        awardStatusDefault = s.defaults?.awardStatus
        partyRoles = s.defaults?.partyRoles ?? false
        // cardinal keeps the pieces that parse as f64 and compares amounts numerically.
        var amounts: [Double] = []
        if let text = s.redactions?.amount {
            var pieces = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if pieces.last == "" { pieces.removeLast() }
            amounts = pieces.compactMap { Self.rustF64($0) }
        }
        redactAmounts = amounts
        redactIDs = pipeSeparated(s.redactions?.organizationID)
        awardStatusByContractStatus = s.corrections?.awardStatusByContractStatus ?? false
        moveAuctions = s.modifications?.moveAuctions ?? false
        prefixBuyer = s.modifications?.prefixBuyerOrProcuringEntityID ?? ""
        prefixTenderer = s.modifications?.prefixTendererOrSupplierID ?? ""
        split = s.modifications?.splitProcurementMethodDetails
        var bid: [ByteKey: String] = [:]
        for p in s.codelists?.bidStatus ?? [] { bid[ByteKey(p.name)] = p.value }
        bidStatusCodes = bid
        var award: [ByteKey: String] = [:]
        for p in s.codelists?.awardStatus ?? [] { award[ByteKey(p.name)] = p.value }
        awardStatusCodes = award
    }

    static func rustF64(_ s: String) -> Double? { CardinalSettings.rustF64(s) }

    func prepare(_ release: inout JSONObject, line: Int, issues: inout [CardinalPrepare.Issue], warnings: inout [CardinalWarning]) throws {
        let ocidFields = try Self.csvFields(release["ocid"] ?? .null, line: line)
        func report(_ path: String, _ indexes: String, _ value: String, _ problem: String) {
            issues.append(CardinalPrepare.Issue(line: line, ocid: ocidFields, path: path, indexes: indexes, value: value, problem: problem))
        }
        var roles: [ByteKey: Set<String>] = [:]

        // /parties
        release.modify("parties") { prepareReferences(&$0, prefix: "", role: "", roles: nil) }
        if partyRoles, case .array(let parties)? = release["parties"] {
            for party in parties {
                guard case .string(let id)? = party["id"] else { continue }
                var set: Set<String> = []
                if case .array(let existing)? = party["roles"] {
                    for case .string(let role) in existing { set.insert(role) }
                }
                roles[ByteKey(id)] = set
            }
        }
        var lookup: [ByteKey: Set<String>]? = partyRoles ? roles : nil

        // /buyer
        release.modify("buyer") { prepareReference(&$0, prefix: prefixBuyer, role: "buyer", roles: &lookup) }

        // /tender
        release.modify("tender") { tender in
            tender.withObject { tender in
                tender.modify("procuringEntity") { prepareReference(&$0, prefix: prefixBuyer, role: "procuringEntity", roles: &lookup) }
                if let split, case .string(let details)? = tender["procurementMethodDetails"] {
                    tender.set("procurementMethodDetails", .string(Self.firstPiece(details, split)))
                }
            }
        }

        // /auctions
        if moveAuctions {
            if release.contains("auctions") && release.contains("bids") {
                warnings.append(CardinalWarning(line: line, message: "Can't move /auctions, because /bids is occupied."))
            } else if case .array? = release["auctions"] {
                var details: [JSON] = []
                release.modify("auctions") { auctions in
                    auctions.withArray { auctions in
                        for a in auctions.indices {
                            auctions[a].withObject { auction in
                                auction.modify("stages") { stages in
                                    stages.withArray { stages in
                                        for s in stages.indices {
                                            stages[s].withObject { stage in
                                                if case .array(let bids)? = stage.swapRemove("bids") { details += bids }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                var bids = JSONObject()
                bids.append("details", .array(details))
                release.set("bids", .object(bids))
            }
        }

        // /bids
        try release.modify("bids") { bids in
            try bids.withObject { bids in
                try bids.modify("details") { details in
                    try details.withArray { details in
                        for j in details.indices {
                            try prepareBid(&details[j], j, report: report, roles: &lookup, line: line)
                        }
                    }
                }
            }
        }

        // /contracts
        var contractsCancelled = OrderedMap<Bool>()
        if awardStatusByContractStatus {
            release.modify("contracts") { contracts in
                contracts.withArray { contracts in
                    for c in contracts.indices {
                        contracts[c].withObject { contract in
                            Self.stringify(&contract, "awardID")
                            guard case .string(let awardID)? = contract["awardID"] else { return }
                            let cancelled: Bool = if case .string("cancelled")? = contract["status"] { true } else { false }
                            contractsCancelled.update(awardID, default: true) { $0 = $0 && cancelled }
                        }
                    }
                }
            }
        }

        // /awards
        try release.modify("awards") { awards in
            try awards.withArray { awards in
                for j in awards.indices {
                    try prepareAward(&awards[j], j, report: report, roles: &lookup, cancelled: contractsCancelled, line: line)
                }
            }
        }

        // /parties[]/roles
        if partyRoles, let lookup {
            release.modify("parties") { parties in
                parties.withArray { parties in
                    for p in parties.indices {
                        parties[p].withObject { party in
                            guard case .string(let id)? = party["id"], let set = lookup[ByteKey(id)], !set.isEmpty else { return }
                            let sorted = set.sorted(by: bytesPrecede)
                            party.set("roles", .array(sorted.map(JSON.string)))
                        }
                    }
                }
            }
        }
    }

    private func prepareBid(
        _ bid: inout JSON, _ j: Int, report: (String, String, String, String) -> Void, roles: inout [ByteKey: Set<String>]?, line: Int
    ) throws {
        bid.withObject { bid in
            bid.modify("value") { value in
                value.withObject { value in
                    if let amount = value["amount"], case .number = amount, let number = amount.f64 {
                        if redactAmounts.contains(number) {
                            value.swapRemove("amount")
                        } else if number == 0 {
                            report("/bids/details[]/value/amount", String(j), "", "is zero")
                        }
                    }
                    if !value.contains("currency") {
                        if let currencyDefault {
                            value.append("currency", .string(currencyDefault))
                        } else {
                            report("/bids/details[]/value/currency", String(j), "", "not set")
                        }
                    }
                }
            }
            bid.modify("items") { items in
                items.withArray { items in
                    for k in items.indices {
                        items[k].withObject { item in
                            item.modify("classification") { classification in
                                classification.withObject { classification in
                                    guard !classification.contains("scheme") else { return }
                                    if let schemeDefault {
                                        classification.append("scheme", .string(schemeDefault))
                                    } else {
                                        report("/bids/details[]/items[]/classification/scheme", "\(j).\(k)", "", "not set")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if bid["status"] == nil {
            if let bidStatusDefault {
                try Self.assign(&bid, "status", .string(bidStatusDefault), line: line, what: "bid \(j)")
            } else {
                report("/bids/details[]/status", String(j), "", "not set")
            }
        }
        bid.withObject { bid in
            if case .string(var status)? = bid["status"] {
                if let code = bidStatusCodes[ByteKey(status)] {
                    status = code
                    bid.set("status", .string(status))
                }
                if !Self.bidStatuses.contains(where: { sameBytes($0, status) }) {
                    report("/bids/details[]/status", String(j), status, "invalid")
                }
            }
            bid.modify("tenderers") { prepareReferences(&$0, prefix: prefixTenderer, role: "tenderer", roles: &roles) }
        }
    }

    private func prepareAward(
        _ award: inout JSON, _ j: Int, report: (String, String, String, String) -> Void, roles: inout [ByteKey: Set<String>]?,
        cancelled: OrderedMap<Bool>, line: Int
    ) throws {
        award.withObject { award in
            Self.stringify(&award, "id")
            award.modify("items") { items in
                items.withArray { items in
                    for k in items.indices {
                        items[k].withObject { item in
                            item.modify("classification") { classification in
                                classification.withObject { Self.stringify(&$0, "id") }
                                classification.withObject { classification in
                                    guard !classification.contains("scheme") else { return }
                                    if let schemeDefault {
                                        classification.append("scheme", .string(schemeDefault))
                                    } else {
                                        report("/awards[]/items[]/classification/scheme", "\(j).\(k)", "", "not set")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if award["status"] == nil {
            if let awardStatusDefault {
                try Self.assign(&award, "status", .string(awardStatusDefault), line: line, what: "award \(j)")
            } else {
                report("/awards[]/status", String(j), "", "not set")
            }
        }
        award.withObject { award in
            if case .string(var status)? = award["status"] {
                if let code = awardStatusCodes[ByteKey(status)] {
                    status = code
                    award.set("status", .string(status))
                }
                if !Self.awardStatuses.contains(where: { sameBytes($0, status) }) {
                    report("/awards[]/status", String(j), status, "invalid")
                }
            }
            if awardStatusByContractStatus, case .string(let id)? = award["id"], cancelled[id] ?? false {
                award.set("status", .string("cancelled"))
            }
            award.modify("suppliers") { prepareReferences(&$0, prefix: prefixTenderer, role: "supplier", roles: &roles) }
        }
    }

    /// An organization reference (`/buyer`, `/tender/procuringEntity`): id made a string, redacted
    /// or prefixed, and its role noted for `party_roles`.
    private func prepareReference(_ value: inout JSON, prefix: String, role: String, roles: inout [ByteKey: Set<String>]?) {
        value.withObject { object in
            Self.stringify(&object, "id")
            guard case .string(let id)? = object["id"] else { return }
            if redactIDs.contains(ByteKey(id)) {
                object.swapRemove("id")
                return
            }
            var prefixed = id
            if !id.utf8.starts(with: prefix.utf8) {
                prefixed = prefix + id
                object.set("id", .string(prefixed))
            }
            if roles != nil, roles![ByteKey(prefixed)] != nil { roles![ByteKey(prefixed)]!.insert(role) }
        }
    }

    /// A list of organization references (`/parties`, `tenderers`, `suppliers`): an object where a
    /// list belongs becomes a list of that object, then each entry as ``prepareReference``.
    private func prepareReferences(_ value: inout JSON, prefix: String, role: String, roles: inout [ByteKey: Set<String>]?) {
        if value.isObject { value = .array([value]) }
        value.withArray { entries in
            for i in entries.indices { prepareReference(&entries[i], prefix: prefix, role: role, roles: &roles) }
        }
    }

    private func prepareReferences(_ value: inout JSON, prefix: String, role: String, roles: [ByteKey: Set<String>]?) {
        var unused = roles
        prepareReferences(&value, prefix: prefix, role: role, roles: &unused)
    }

    /// cardinal's `stringify!`: a numeric id becomes the string of its text.
    static func stringify(_ object: inout JSONObject, _ key: String) {
        if case .number(let text)? = object[key] { object.set(key, .string(text)) }
    }

    /// serde_json's `value[key] = …`: sets a member of an object, makes `null` an object; on any
    /// other value it panics, which ends cardinal's run.
    static func assign(_ value: inout JSON, _ key: String, _ new: JSON, line: Int, what: String) throws {
        switch value {
        case .null:
            var object = JSONObject()
            object.append(key, new)
            value = .object(object)
        case .object:
            value.withObject { $0.set(key, new) }
        default:
            throw CardinalError.cannotPrepare(
                line: line, reason: "\(what) is not an object, so its \(key) cannot be set from [defaults] (cardinal stops here too)")
        }
    }

    /// `value.split(pat).next().unwrap().trim_end()`: the text before the first occurrence of the
    /// separator (all of it if there is none; nothing if the separator is empty), without trailing
    /// whitespace.
    static func firstPiece(_ value: String, _ separator: String) -> String {
        let bytes = Array(value.utf8)
        let sep = Array(separator.utf8)
        var end = bytes.count
        if sep.isEmpty {
            end = 0
        } else if bytes.count >= sep.count {
            for i in 0...(bytes.count - sep.count) where bytes[i] == sep[0] && Array(bytes[i..<(i + sep.count)]) == sep {
                end = i
                break
            }
        }
        var scalars = String(decoding: bytes[..<end], as: UTF8.self).unicodeScalars[...]
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The ocid as cardinal's CSV writer writes a serde_json value: a string or a number's text as
    /// is, `true`/`false`, nothing for null or a missing ocid, an array's elements as fields of
    /// their own; an object stops cardinal's run.
    static func csvFields(_ value: JSON, line: Int) throws -> [String] {
        switch value {
        case .null: return [""]
        case .string(let s): return [s]
        case .number(let text): return [text]
        case .bool(let b): return [b ? "true" : "false"]
        case .array(let elements): return try elements.flatMap { try csvFields($0, line: line) }
        case .object:
            throw CardinalError.cannotPrepare(line: line, reason: "the ocid is an object, which cardinal cannot write to the CSV of quality issues")
        }
    }
}

extension JSON {
    /// Edits an object in place (without copying it); nil and no call for any other value.
    @discardableResult
    mutating func withObject<R>(_ body: (inout JSONObject) throws -> R) rethrows -> R? {
        guard case .object(var object) = self else { return nil }
        self = .null
        defer { self = .object(object) }
        return try body(&object)
    }

    /// Edits an array in place (without copying it); nil and no call for any other value.
    @discardableResult
    mutating func withArray<R>(_ body: (inout [JSON]) throws -> R) rethrows -> R? {
        guard case .array(var array) = self else { return nil }
        self = .null
        defer { self = .array(array) }
        return try body(&array)
    }
}

extension CardinalSettings {
    /// Rust's `f64::from_str` (which `[redactions] amount` pieces go through).
    static func rustF64(_ s: String) -> Double? { SettingsNumbers.rustDouble(s) }
}
