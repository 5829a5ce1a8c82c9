public import Foundation
import TramaGraph

/// Reads the Federal Judicial Center's *Biographical Directory of Article III Federal Judges*
/// export (its own CSV files, joined by `nid`) into the judicial model:
///
/// | FJC | Trama |
/// |---|---|
/// | `demos.csv` row | `judge` `fjc:NID`, named "First Middle Last Suffix", birth, death, gender, race |
/// | `federal-judicial-service.csv` row | `serves_at` judge → court from the commission (or recess appointment) to the termination; seat, title, ABA rating, nomination, confirmation, senior status, chief-judge years and termination reason as properties |
/// | `AppointingPresident` | `person` `us-president:NAME` → judge `appointed`, on the commission date; `ReappointingPresident` likewise, marked `reappointment` |
/// | `PartyofAppointingPresident` | `party` `us-party:NAME` ← president `member_of_party` |
/// | `SeatID` | `succeeded_by` from each holder of a seat to the next (`NYSD0110` → `NYSD0111`: the predecessor) |
/// | `education.csv` | `school` ← judge `educated_at`, with degree and year |
/// | `professional-career.csv` | the text on the judge (`career`); "Law clerk, Hon. NAME, …" → `clerked_for` the judge of that name, when exactly one judge has it |
/// | `other-federal-judicial-service.csv`, `other-nominations-recess.csv` | text on the judge |
///
/// `judges.csv` is the same directory in one wide row per judge and is not read: every fact in
/// it is in the long files above. Courts are matched to Courts-DB ids by name when a
/// ``CourtCatalog`` is given (`nysd`, `ca2`, `scotus`), so that FJC judges meet the courts
/// CourtListener's data uses; a name with no match keeps a court of its own (`fjc-court:NAME`)
/// and is counted in ``Report/unmatchedCourts``. A row whose `nid` is not a judge of
/// `demos.csv`, or whose date does not parse, is rejected with its line and column.
public struct FJCReader: Sendable {
    public let directory: URL
    public let courts: CourtCatalog?

    public static let requiredFiles = ["demos.csv", "federal-judicial-service.csv"]
    public static let optionalFiles = ["education.csv", "professional-career.csv", "other-federal-judicial-service.csv", "other-nominations-recess.csv"]

    public init(directory: URL, courts: CourtCatalog? = nil) throws(IngestError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else { throw .notADirectory(directory.path) }
        for f in Self.requiredFiles where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(f).path) {
            throw .missingFile(directory: directory.path, file: f)
        }
        self.directory = directory
        self.courts = courts
    }

    /// The files read, in order (the dataset's digest covers exactly these).
    public var files: [URL] {
        (Self.requiredFiles + Self.optionalFiles).map { directory.appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    public struct Report: Sendable {
        public var files: [FileReport] = []
        public var problems: [IngestProblem] = []
        public var rejected: [RejectedRecord] = []
        public var judges = 0
        public var services = 0
        public var appointments = 0
        public var presidents = 0
        public var successions = 0
        public var degrees = 0
        public var clerkships = 0
        /// "Law clerk, Hon. NAME" lines whose NAME is not exactly one judge of the directory
        /// (state judges, ambiguous names): the text stays on the clerk's node.
        public var clerkshipsUnlinked = 0
        /// Court names no Courts-DB entry matched, with their rows.
        public var unmatchedCourts: [String: Int] = [:]
        public var matchedCourts = 0
    }

    /// One row of a file, read by column name.
    struct Row {
        var file: String
        var line: Int
        var names: [String]
        var fields: [String]
        var problems: [IngestProblem] = []

        subscript(_ column: String) -> String {
            guard let i = names.firstIndex(of: column), i < fields.count else { return "" }
            return fields[i].trimmingWhitespace()
        }

        /// `M/D/YYYY` or `YYYY-MM-DD`; empty is nil; anything else a problem on this row.
        mutating func day(_ column: String) -> Day? {
            let v = self[column]
            if v.isEmpty { return nil }
            if let d = FJCReader.day(v) { return d }
            problems.append(IngestProblem(file: file, line: line, column: column, value: v, reason: "not a date (M/D/YYYY or YYYY-MM-DD)"))
            return nil
        }

        /// A four-digit year; empty is nil; anything else a problem on this row.
        mutating func year(_ column: String) -> Int? {
            let v = self[column]
            if v.isEmpty { return nil }
            if v.count == 4, let y = Int(v) { return y }
            problems.append(IngestProblem(file: file, line: line, column: column, value: v, reason: "not a year (YYYY)"))
            return nil
        }

        var rejected: RejectedRecord {
            RejectedRecord(file: file, line: line, problems: problems, fields: zip(names, fields).map { ($0, $1) })
        }
    }

    static func day(_ v: String) -> Day? {
        if let d = Day(iso: v) { return d }
        let parts = v.split(separator: "/")
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Every record of `name` (absent optional files have none), with the file's report.
    func rows(_ name: String, report: inout Report) throws -> [Row] {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let reader: CSVReader
        do { reader = try CSVReader(url: url) } catch { throw IngestError.malformedFile(error) }
        var header: [String]?
        var out: [Row] = []
        do {
            try reader.forEachRecord { record, _ in
                guard let h = header else {
                    header = record.fields.map { $0.trimmingWhitespace() }
                    return
                }
                out.append(Row(file: name, line: record.line, names: h, fields: record.fields))
            }
        } catch let e as CSVError {
            throw IngestError.malformedFile(e)
        }
        report.files.append(FileReport(file: name, bytes: reader.byteCount, records: out.count, accepted: 0, rejected: 0))
        return out
    }

    public func read(into sink: inout some GraphSink) throws -> Report {
        var report = Report()
        var accepted: [String: Int] = [:]
        func reject(_ row: Row) {
            report.problems += row.problems
            report.rejected.append(row.rejected)
        }

        // Judges first: every other file refers to them.
        var judges: [String: JudgeRecord] = [:]
        var order: [String] = []
        for var row in try rows("demos.csv", report: &report) {
            let nid = row["nid"]
            if nid.isEmpty { row.problems.append(IngestProblem(file: row.file, line: row.line, column: "nid", value: "", reason: "a judge without an nid")) }
            if judges[nid] != nil {
                row.problems.append(IngestProblem(file: row.file, line: row.line, column: "nid", value: nid, reason: "nid listed twice"))
            }
            guard row.problems.isEmpty else { reject(row); continue }
            judges[nid] = JudgeRecord(row: row)
            order.append(nid)
            accepted[row.file, default: 0] += 1
        }
        func judge(_ row: inout Row) -> String? {
            let nid = row["nid"]
            guard judges[nid] == nil else { return nid }
            row.problems.append(IngestProblem(file: row.file, line: row.line, column: "nid", value: nid, reason: "no judge with this nid in demos.csv"))
            return nil
        }

        // Texts kept on the judge.
        let texts: [(file: String, column: String, property: String)] = [
            ("professional-career.csv", "Professional Career", "career"),
            ("other-federal-judicial-service.csv", "Other Federal Judicial Service", "other_federal_service"),
            ("other-nominations-recess.csv", "Other Nominations/Recess Appointments", "other_nominations"),
        ]
        var clerkships: [(clerk: String, text: String, row: Row)] = []
        for t in texts {
            for var row in try rows(t.file, report: &report) {
                guard let nid = judge(&row) else { reject(row); continue }
                let text = row[t.column]
                judges[nid]!.texts[t.property, default: []].append(text)
                accepted[row.file, default: 0] += 1
                if t.property == "career", text.hasPrefix("Law clerk, Hon. ") { clerkships.append((nid, text, row)) }
            }
        }

        let courtNames = CourtNames(catalog: courts)
        var courtsEmitted = Set<String>()
        var presidents: [String: String] = [:]
        var memberships = Set<String>()
        var seats: [String: [(holder: Int, commission: Day?, nid: String, source: String)]] = [:]
        var schools = Set<String>()
        var parties = Set<String>()
        var staged: [StagedEdge] = []

        for var row in try rows("federal-judicial-service.csv", report: &report) {
            let nid = judge(&row)
            let nomination = row.day("NominationDate"), confirmation = row.day("ConfirmationDate"), commission = row.day("CommissionDate")
            let recess = row.day("RecessAppointmentDate"), termination = row.day("Termination Date"), senior = row.day("Senior Status Date")
            // Chief-judge service is given in years.
            let chief = [
                ("chief_judge_from", "ServiceasChiefJudgeBegin"), ("chief_judge_to", "ServiceasChiefJudgeEnd"),
                ("second_chief_judge_from", "2nd Service as Chief Judge, Begin"), ("second_chief_judge_to", "2nd Service as Chief Judge, End"),
            ].compactMap { key, column in row.year(column).map { (key, $0) } }
            let courtName = row["CourtName"]
            if courtName.isEmpty { row.problems.append(IngestProblem(file: row.file, line: row.line, column: "CourtName", value: "", reason: "a service without a court")) }
            guard let nid, row.problems.isEmpty else { reject(row); continue }
            accepted[row.file, default: 0] += 1
            let source = "\(row.file):\(row.line)"
            let start = commission ?? recess ?? confirmation
            let court = courtNames.court(courtName, on: start)
            if court.matched { report.matchedCourts += 1 } else { report.unmatchedCourts[courtName, default: 0] += 1 }
            if courtsEmitted.insert(court.ref.key).inserted {
                var p = JSONObject()
                p.set("fjc_name", courtName)
                p.set("court_type", row["CourtType"])
                if let id = court.courtsDB { p.set("courts_db", id) }
                try sink.add(StagedNode(entity: court.ref, name: court.matched ? court.name : courtName, properties: p.json, source: source))
            }
            var service = JSONObject()
            service.set("sequence", row["Sequence"])
            for (key, column) in [
                ("title", "AppointmentTitle"), ("seat", "SeatID"), ("aba_rating", "ABARating"), ("statute", "StatuteAuthorizingNewSeat"),
                ("termination", "Termination"), ("senate_vote", "SenateVoteType"), ("ayes_nays", "Ayes/Nays"), ("committee_action", "JudiciaryCommitteeAction"),
            ] where !row[column].isEmpty {
                service.set(key, row[column])
            }
            for (key, d) in [
                ("nomination_date", nomination), ("confirmation_date", confirmation), ("commission_date", commission), ("recess_appointment_date", recess),
                ("senior_status_date", senior),
            ] {
                if let d { service.set(key, d.iso) }
            }
            for (key, year) in chief { service.set(key, year) }
            let judgeRef = EntityRef(.judge, "fjc:" + nid)
            staged.append(StagedEdge(
                kind: .servesAt, from: judgeRef, to: court.ref, validFrom: start, validTo: termination.flatMap { t in start.map { max($0, t) } ?? t },
                properties: service.json, source: source))
            report.services += 1

            let party = row["PartyofAppointingPresident"]
            for (column, reappointment) in [("AppointingPresident", false), ("ReappointingPresident", true)] {
                let name = row[column]
                guard !name.isEmpty else { continue }
                let president = EntityRef(.person, "us-president:" + Normalize.words(name))
                if presidents[president.key] == nil {
                    presidents[president.key] = name
                    var p = JSONObject()
                    p.set("office", "President of the United States")
                    try sink.add(StagedNode(entity: president, name: name, properties: p.json, source: source))
                    report.presidents += 1
                }
                var a = JSONObject()
                a.set("court", courtName)
                a.set("sequence", row["Sequence"])
                if !row["SeatID"].isEmpty { a.set("seat", row["SeatID"]) }
                if reappointment { a.set("reappointment", true) }
                let partyColumn = reappointment ? "PartyofReappointingPresident" : "PartyofAppointingPresident"
                if !row[partyColumn].isEmpty { a.set("party_of_president", row[partyColumn]) }
                staged.append(StagedEdge(kind: .appointed, from: president, to: judgeRef, validFrom: reappointment ? confirmation ?? start : start, validTo: nil, properties: a.json, source: source))
                report.appointments += 1
                let partyName = reappointment ? row["PartyofReappointingPresident"] : party
                // "None (reassignment)" records a transfer, not a party.
                if !partyName.isEmpty, !partyName.hasPrefix("None"), memberships.insert(president.key + "|" + partyName).inserted {
                    let partyRef = EntityRef(.party, "us-party:" + Normalize.words(partyName))
                    if parties.insert(partyRef.key).inserted {
                        try sink.add(StagedNode(entity: partyRef, name: partyName, properties: "{}", source: source))
                    }
                    staged.append(StagedEdge(kind: .memberOfParty, from: president, to: partyRef, validFrom: nil, validTo: nil, properties: "{\"as_recorded\":\"PartyofAppointingPresident\"}", source: source))
                }
            }
            if let seat = Self.seat(row["SeatID"]) { seats[seat.seat, default: []].append((seat.holder, start, nid, source)) }
        }

        for var row in try rows("education.csv", report: &report) {
            guard let nid = judge(&row) else { reject(row); continue }
            let school = row["School"]
            guard !school.isEmpty else {
                row.problems.append(IngestProblem(file: row.file, line: row.line, column: "School", value: "", reason: "a degree without a school"))
                reject(row)
                continue
            }
            accepted[row.file, default: 0] += 1
            let source = "\(row.file):\(row.line)"
            let ref = EntityRef(.school, Normalize.words(school))
            if schools.insert(ref.key).inserted { try sink.add(StagedNode(entity: ref, name: school, properties: "{}", source: source)) }
            var p = JSONObject()
            if !row["Degree"].isEmpty { p.set("degree", row["Degree"]) }
            let year = Int(row["DegreeYear"])
            if let year { p.set("year", year) }
            staged.append(StagedEdge(
                kind: .educatedAt, from: EntityRef(.judge, "fjc:" + nid), to: ref, validFrom: year.flatMap { Day(year: $0, month: 1, day: 1) }, validTo: nil,
                properties: p.json, source: source))
            report.degrees += 1
        }

        // Successive holders of a seat: holder n is succeeded by holder n + 1.
        for (seat, holders) in seats.sorted(by: { $0.key < $1.key }) {
            let sorted = holders.sorted { ($0.holder, $0.nid) < ($1.holder, $1.nid) }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.holder == a.holder + 1 && a.nid != b.nid {
                staged.append(StagedEdge(
                    kind: .succeededBy, from: EntityRef(.judge, "fjc:" + a.nid), to: EntityRef(.judge, "fjc:" + b.nid), validFrom: b.commission, validTo: nil,
                    properties: "{\"seat\":\(JSONObject.quoted(seat))}", source: b.source))
                report.successions += 1
            }
        }

        // Clerkships: the judge clerked for, by name.
        let names = JudgeNames(judges)
        for c in clerkships {
            let text = c.text.dropFirst("Law clerk, Hon. ".count)
            let name = String(text.prefix { $0 != "," && $0 != ";" })
            guard let mentor = names.unique(name), mentor != c.clerk else {
                report.clerkshipsUnlinked += 1
                continue
            }
            let years = FJCReader.years(in: String(text))
            var p = JSONObject()
            p.set("text", c.text)
            staged.append(StagedEdge(
                kind: .clerkedFor, from: EntityRef(.judge, "fjc:" + c.clerk), to: EntityRef(.judge, "fjc:" + mentor),
                validFrom: years.from.flatMap { Day(year: $0, month: 1, day: 1) }, validTo: years.to.flatMap { Day(year: $0, month: 12, day: 31) },
                properties: p.json, source: "\(c.row.file):\(c.row.line)"))
            report.clerkships += 1
        }

        for nid in order {
            try sink.add(judges[nid]!.node(nid: nid))
            report.judges += 1
        }
        for e in staged { try sink.add(e) }
        for i in report.files.indices {
            report.files[i].accepted = accepted[report.files[i].file] ?? 0
            report.files[i].rejected = report.files[i].records - report.files[i].accepted
        }
        return report
    }

    /// A `SeatID` read as the seat and its holder's number: `NYSD0111` is the 11th holder of
    /// seat `NYSD01`. IDs without a two-digit holder number (`CA11SR`, shared by judges
    /// reassigned to a circuit) name no succession.
    static func seat(_ id: String) -> (seat: String, holder: Int)? {
        guard id.count > 2, let holder = Int(id.suffix(2)), id.suffix(2).allSatisfy(\.isNumber) else { return nil }
        return (String(id.dropLast(2)), holder)
    }

    /// The first "YYYY-YYYY" or "YYYY-" span in a career line (its first period).
    static func years(in text: String) -> (from: Int?, to: Int?) {
        let chars = Array(text)
        var i = 0
        while i + 4 <= chars.count {
            let four = String(chars[i..<i + 4])
            if let y = Int(four), four.allSatisfy(\.isNumber), i == 0 || !chars[i - 1].isNumber, i + 4 == chars.count || !chars[i + 4].isNumber {
                if i + 5 <= chars.count, chars[i + 4] == "-" {
                    if i + 9 <= chars.count, let z = Int(String(chars[i + 5..<i + 9])) { return (y, z) }
                    return (y, nil)
                }
                return (y, y)
            }
            i += 1
        }
        return (nil, nil)
    }
}

/// A judge of `demos.csv`, with the texts other files add.
private struct JudgeRecord {
    var row: FJCReader.Row
    var texts: [String: [String]] = [:]

    init(row: FJCReader.Row) { self.row = row }

    var name: String {
        var parts = [row["FirstName"], row["MiddleName"], row["LastName"]].filter { !$0.isEmpty }
        if !row["Suffix"].isEmpty { parts.append(row["Suffix"]) }
        return parts.joined(separator: " ")
    }

    func node(nid: String) -> StagedNode {
        var p = JSONObject()
        p.set("nid", nid)
        for (key, column) in [
            ("jid", "jid"), ("last_name", "LastName"), ("first_name", "FirstName"), ("middle_name", "MiddleName"), ("suffix", "Suffix"),
            ("birth_city", "BirthCity"), ("birth_state", "BirthState"), ("death_city", "DeathCity"), ("death_state", "DeathState"), ("gender", "Gender"),
            ("race_or_ethnicity", "RaceorEthnicity"),
        ] where !row[column].isEmpty {
            p.set(key, row[column])
        }
        for (key, prefix) in [("birth", "Birth"), ("death", "Death")] {
            if let y = Int(row[prefix + "Year"]) {
                let m = Int(row[prefix + "Month"]), d = Int(row[prefix + "Day"])
                p.set(key, m.flatMap { m in d.flatMap { Day(year: y, month: m, day: $0)?.iso } } ?? String(y))
            }
        }
        for (key, values) in texts.sorted(by: { $0.key < $1.key }) { p.set(key, strings: values) }
        return StagedNode(entity: EntityRef(.judge, "fjc:" + nid), name: name, properties: p.json, source: "demos.csv:\(row.line)")
    }
}

/// Judges found by the name a career line gives ("Thomas P. Griesa"): first name, middle
/// initial and last name, else first and last name, when exactly one judge has it.
private struct JudgeNames {
    var full: [String: [String]] = [:]
    var short: [String: [String]] = [:]

    init(_ judges: [String: JudgeRecord]) {
        for (nid, j) in judges.sorted(by: { $0.key < $1.key }) {
            let first = Normalize.words(j.row["FirstName"]), last = Normalize.words(j.row["LastName"])
            let middle = Normalize.words(j.row["MiddleName"]).prefix(1)
            full["\(first)|\(middle)|\(last)", default: []].append(nid)
            short["\(first)|\(last)", default: []].append(nid)
        }
    }

    func unique(_ name: String) -> String? {
        var tokens = Normalize.words(name).split(separator: " ").map(String.init)
        while let t = tokens.last, ["JR", "SR", "II", "III", "IV"].contains(t) { tokens.removeLast() }
        guard tokens.count >= 2 else { return nil }
        let first = tokens[0], last = tokens[tokens.count - 1]
        if tokens.count >= 3, let m = full["\(first)|\(tokens[1].prefix(1))|\(last)"] { return m.count == 1 ? m[0] : nil }
        if let s = short["\(first)|\(last)"], s.count == 1 { return s[0] }
        return nil
    }
}

/// Court names to court entities: Courts-DB's when the catalog matches, else one of the FJC's own.
private struct CourtNames {
    var catalog: CourtCatalog?

    func court(_ name: String, on day: Day?) -> (ref: EntityRef, name: String?, matched: Bool, courtsDB: String?) {
        if let c = catalog?.match(name, on: day) { return (EntityRef(.court, c.id), name, true, c.id) }
        return (EntityRef(.court, "fjc-court:" + Normalize.words(name)), name, false, nil)
    }
}
