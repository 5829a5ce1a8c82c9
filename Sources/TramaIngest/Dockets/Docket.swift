import Foundation
import TramaGraph

/// One docket as juriscraper's PACER parsers publish it (and CourtListener's RECAP archive):
/// checked field by field, so that a value of the wrong type is an error naming its JSON path
/// rather than a silently missing party.
///
/// Three shapes are read: district and bankruptcy dockets (`assigned_to_str`,
/// `referred_to_str`, `parties`), appellate dockets (`panel`, `originating_court_information`
/// with the lower court's judge, `appeal_from`) and the newer appellate (ACMS) dockets, whose
/// originating court is an `identifier` and a `name`.
struct Docket {
    enum Shape: String, CaseIterable { case district, bankruptcy, appellate }

    struct Attorney {
        var name: String
        var roles: [String]
        var contact: ContactBlock
        var contactText: String
        /// From a "TERMINATED: MM/DD/YYYY" role.
        var terminated: Day?
    }

    struct Party {
        var name: String
        var type: String?
        var terminated: Day?
        var extraInfo: String?
        /// `criminal_data` kept whole (counts and complaints of a criminal case).
        var criminalData: String?
        var attorneys: [Attorney]
        /// Attorney rows with neither a name nor a contact nor a role.
        var blankAttorneys = 0
    }

    /// The case an appeal comes from (`originating_court_information`).
    struct Below {
        var court: String?
        var docketNumber: String?
        var judge: String?
        var filed: Day?
        var decided: Day?
        var json: String
    }

    var shape: Shape
    var court: String
    var number: String
    var caseName: String?
    var filed: Day?
    var terminated: Day?
    /// Text fields kept on the case as published.
    var fields: [(key: String, value: String)]
    var assigned: String?
    var referred: String?
    var panel: [String]
    var below: Below?
    var parties: [Party]
    /// The docket entries as published.
    var entries: [RawJSON]

    var key: String { Self.key(court: court, number: number) }
    static func key(court: String, number: String) -> String { court + ":" + number }

    /// The case key of an item, without checking the rest: for the first pass that finds
    /// dockets captured twice.
    static func key(of value: RawJSON) -> String? {
        guard let court = value["court_id"]?.string, let number = value["docket_number"]?.string, !court.isEmpty, !number.isEmpty else { return nil }
        return key(court: court, number: number)
    }

    static let textFields = [
        "cause", "nature_of_suit", "jury_demand", "jurisdiction", "demand", "mdl_status", "appeal_from", "case_type_information", "fee_status",
        "federal_dn_case_type", "federal_dn_office_code", "federal_dn_judge_initials_assigned", "federal_dn_judge_initials_referred", "pacer_case_id",
    ]

    init(_ v: RawJSON) throws {
        let appellate = v["panel"] != nil || v["originating_court_information"] != nil || v["appeal_from"] != nil
        guard appellate || v["assigned_to_str"] != nil || v["parties"] != nil else {
            throw ItemProblem(
                path: "$", value: v.members.map(\.key).sorted().prefix(6).joined(separator: ","),
                reason: "not a docket of a known shape: expected a district or bankruptcy docket (assigned_to_str, parties) "
                    + "or an appellate one (panel, originating_court_information)")
        }
        guard let court = try Self.text(v, "court_id") else { throw ItemProblem(path: "court_id", value: "", reason: "a docket without a court") }
        guard let number = try Self.text(v, "docket_number") else { throw ItemProblem(path: "docket_number", value: "", reason: "a docket without a docket number") }
        self.court = court
        self.number = number
        shape = appellate ? .appellate : court.hasSuffix("b") ? .bankruptcy : .district
        caseName = try Self.text(v, "case_name")
        filed = try Self.day(v, "date_filed")
        terminated = try Self.day(v, "date_terminated")
        fields = try Self.textFields.compactMap { k in try Self.text(v, k).map { (k, $0) } }
        assigned = try Self.text(v, "assigned_to_str")
        referred = try Self.text(v, "referred_to_str")
        panel = try Self.array(v, "panel").enumerated().compactMap { i, p throws(ItemProblem) in
            guard let s = p.string else { throw ItemProblem(path: "panel[\(i)]", value: p.json, reason: "expected a judge's name or initials") }
            return s.trimmingWhitespace().isEmpty ? nil : s.trimmingWhitespace()
        }
        if let below = v["originating_court_information"], !below.isNull {
            guard below.isObject else {
                throw ItemProblem(path: "originating_court_information", value: "", reason: "expected an object")
            }
            let path = "originating_court_information."
            self.below = below.members.isEmpty ? nil : Below(
                court: try Self.text(below, "court_id", path: path), docketNumber: try Self.text(below, "docket_number", path: path),
                judge: try Self.text(below, "assigned_to", path: path), filed: try Self.day(below, "date_filed", path: path),
                decided: try Self.day(below, "date_judgment", path: path) ?? Self.day(below, "date_disposed", path: path),
                json: below.json)
        }
        parties = try Self.array(v, "parties").enumerated().map { i, p throws in
            let path = "parties[\(i)]."
            guard p.isObject else { throw ItemProblem(path: "parties[\(i)]", value: "", reason: "expected a party object") }
            guard let name = try Self.text(p, "name", path: path) else { throw ItemProblem(path: path + "name", value: "", reason: "a party without a name") }
            var blank = 0
            let attorneys = try Self.array(p, "attorneys", path: path).enumerated().compactMap { j, a throws -> Attorney? in
                let path = path + "attorneys[\(j)]."
                guard a.isObject else { throw ItemProblem(path: String(path.dropLast()), value: "", reason: "expected an attorney object") }
                guard let name = try Self.text(a, "name", path: path) else {
                    // The parser's empty row after a pro se party: no name, no contact, no role.
                    if try Self.text(a, "contact", path: path) == nil, try Self.array(a, "roles", path: path).isEmpty {
                        blank += 1
                        return nil
                    }
                    throw ItemProblem(path: path + "name", value: "", reason: "an attorney without a name")
                }
                let roles = try Self.array(a, "roles", path: path).enumerated().map { k, r throws(ItemProblem) in
                    guard let s = r.string else { throw ItemProblem(path: path + "roles[\(k)]", value: r.json, reason: "expected a role") }
                    return s.trimmingWhitespace()
                }
                let contact = try Self.text(a, "contact", path: path) ?? ""
                return Attorney(
                    name: name, roles: roles.filter { !$0.isEmpty && Self.terminated($0) == nil }, contact: ContactBlock(contact), contactText: contact,
                    terminated: roles.lazy.compactMap(Self.terminated).first)
            }
            let criminal = p["criminal_data"].flatMap { $0.isNull ? nil : $0.json }
            return Party(
                name: name, type: try Self.text(p, "type", path: path), terminated: try Self.day(p, "date_terminated", path: path),
                extraInfo: try Self.text(p, "extra_info", path: path), criminalData: criminal, attorneys: attorneys, blankAttorneys: blank)
        }
        entries = try Self.array(v, "docket_entries").enumerated().map { i, e throws(ItemProblem) in
            guard e.isObject else { throw ItemProblem(path: "docket_entries[\(i)]", value: "", reason: "expected an entry object") }
            return e
        }
    }

    /// A string field (a number as its text); absent, null and empty are nil.
    static func text(_ o: RawJSON, _ key: String, path: String = "") throws(ItemProblem) -> String? {
        guard let v = o[key], !v.isNull else { return nil }
        if let s = v.string {
            let t = s.trimmingWhitespace()
            return t.isEmpty ? nil : t
        }
        if v.isNumber { return v.text }
        throw ItemProblem(path: path + key, value: v.bool.map { "\($0)" } ?? "", reason: "expected text")
    }

    /// A date field (YYYY-MM-DD, or a date-time); absent, null and empty are nil.
    static func day(_ o: RawJSON, _ key: String, path: String = "") throws(ItemProblem) -> Day? {
        guard let t = try text(o, key, path: path) else { return nil }
        guard let d = Day(iso: t.prefix(10)) else { throw ItemProblem(path: path + key, value: t, reason: "not a date (YYYY-MM-DD)") }
        return d
    }

    static func array(_ o: RawJSON, _ key: String, path: String = "") throws(ItemProblem) -> [RawJSON] {
        guard let v = o[key], !v.isNull else { return [] }
        guard v.isArray else { throw ItemProblem(path: path + key, value: "", reason: "expected an array") }
        return v.elements
    }

    /// The day of "TERMINATED: 12/04/2008" (also "SELF- TERMINATED: …").
    static func terminated(_ role: String) -> Day? {
        guard let r = role.range(of: "TERMINATED:") else { return nil }
        let parts = String(role[r.upperBound...]).trimmingWhitespace().split(separator: "/")
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2].prefix(4)) else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

extension ItemProblem: Error {}
