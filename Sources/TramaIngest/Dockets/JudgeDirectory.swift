public import Foundation
public import TramaGraph

/// The judges of the FJC directory as a docket meets them: by the name the clerk typed, at a
/// court, on a day.
///
/// A docket names its judge as "Kristi K. Dubose", "T. S. Ellis III", "Randal Hall", or by
/// initials on an appellate panel ("SLL"); the directory holds "Kristi DuBose", "Thomas Selby
/// Ellis", "James Randal Hall", "Sandra Lea Lynch". A name is the directory's judge when the
/// last name agrees (case and accents folded), every given name of the docket agrees with the
/// directory's in order — a full word with the word, an initial with the word's initial, the
/// first given name of the directory skippable for its full middle name (judges who go by it), a
/// trailing initial the directory does not record tolerated — and the judge served at the
/// docket's court while the case was open (a case filed before its judge's commission was
/// reassigned to them: the docket names the judge it has now). Exactly one such judge resolves the name; several, or a
/// judge whose name agrees but who did not serve there then, are only candidates
/// (``Resolution``): no merge is ever made on a name alone.
public struct JudgeDirectory: Sendable {
    public struct Service: Sendable, Hashable {
        /// The court's CourtListener id when the directory was matched to Courts-DB, else its own key.
        public var court: String
        public var from: Day?
        public var to: Day?

        public init(court: String, from: Day?, to: Day?) {
            self.court = court
            self.from = from
            self.to = to
        }

        /// The service overlaps `from` … `to` (nil ends open).
        func overlaps(_ start: Day?, _ end: Day?) -> Bool {
            (from ?? .distantPast) <= (end ?? .distantFuture) && (start ?? .distantPast) <= (to ?? .distantFuture)
        }
    }

    public struct Judge: Sendable, Hashable {
        /// The entity key (`fjc:NID`).
        public var key: String
        public var name: String
        var given: [String]
        var last: [String]
        public var services: [Service]

        public init(key: String, name: String, first: String, middle: String, last: String, services: [Service]) {
            self.key = key
            self.name = name
            given = JudgeDirectory.tokens(first + " " + middle)
            self.last = JudgeDirectory.tokens(last)
            self.services = services
        }

        func served(at court: String, from start: Day?, to end: Day?) -> Bool { services.contains { $0.court == court && $0.overlaps(start, end) } }
    }

    /// What a docket's name turned out to be.
    public enum Resolution: Sendable, Equatable {
        case resolved(Judge)
        /// Not one judge: candidates, each with why it is one.
        case candidates([(judge: Judge, reason: String)])
        case unknown

        public static func == (a: Resolution, b: Resolution) -> Bool {
            switch (a, b) {
            case let (.resolved(x), .resolved(y)): x == y
            case let (.candidates(x), .candidates(y)): x.map(\.judge) == y.map(\.judge)
            case (.unknown, .unknown): true
            default: false
            }
        }
    }

    public private(set) var judges: [Judge] = []
    private var byLast: [String: [Int]] = [:]

    public init(judges: [Judge]) {
        for j in judges {
            guard let last = j.last.last else { continue }
            byLast[last, default: []].append(self.judges.count)
            self.judges.append(j)
        }
    }

    /// The directory as the FJC reader staged it (a test, or a directory read from files):
    /// its `judge` nodes with their name parts and their `serves_at` edges.
    public init(staged: MemorySink) {
        var services: [String: [Service]] = [:]
        for e in staged.edges where e.kind == .servesAt && e.from.kind == .judge {
            services[e.from.key, default: []].append(Service(court: e.to.key, from: e.validFrom, to: e.validTo))
        }
        self.init(judges: staged.nodes.filter { $0.entity.kind == .judge }.map { n in
            let p = (try? JSONSerialization.jsonObject(with: Data(n.properties.utf8))) as? [String: Any] ?? [:]
            func part(_ k: String) -> String { p[k] as? String ?? "" }
            return Judge(
                key: n.entity.key, name: n.name ?? n.entity.key, first: part("first_name"), middle: part("middle_name"), last: part("last_name"),
                services: services[n.entity.key] ?? [])
        })
    }

    /// How many candidates a name that agrees with judges who did not serve at the court lists.
    static let listedElsewhere = 5

    /// The judge `name` denotes at `court` during a case filed on `start` and ended on `end`
    /// (nil: still open).
    public func resolve(_ name: String, court: String, from start: Day?, to end: Day?) -> Resolution {
        let written = Self.written(name)
        guard !written.isEmpty else { return .unknown }
        let agreeing: [Judge]
        if let initials = Self.initials(name) {
            agreeing = judges.filter { Self.initialsAgree(initials, $0) }
        } else {
            guard written.count >= 2, let last = written.last else { return .unknown }
            agreeing = (byLast[last] ?? []).map { judges[$0] }.filter { Self.namesAgree(written, $0) }
        }
        let there = agreeing.filter { $0.served(at: court, from: start, to: end ?? Day.today) }
        let when = start.map { " between \($0.iso) and \(end?.iso ?? "now")" } ?? ""
        if there.count == 1 { return .resolved(there[0]) }
        if there.count > 1 {
            return .candidates(there.map { ($0, "the name '\(name)' agrees with \(there.count) judges of the FJC directory serving at \(court)\(when)") })
        }
        guard !agreeing.isEmpty, agreeing.count <= Self.listedElsewhere else { return .unknown }
        return .candidates(agreeing.map { ($0, "the name '\(name)' agrees with the FJC directory's \($0.name), who did not serve at \(court)\(when)") })
    }

    /// Words a clerk adds to a judge's name that are no part of it.
    static let titles: Set<String> = ["HON", "HONORABLE", "JUDGE", "CHIEF", "MAGISTRATE", "BANKRUPTCY", "BKPTCY", "SENIOR", "DISTRICT", "JR", "SR", "II", "III", "IV", "V"]

    /// Upper case, accents folded, punctuation a space: "Saldaña" and "SALDANA" agree.
    static func tokens(_ s: String) -> [String] {
        Normalize.words(s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)).split(separator: " ").map(String.init)
    }

    /// The name's words without titles and suffixes.
    static func written(_ name: String) -> [String] { tokens(name).filter { !titles.contains($0) } }

    /// "SLL", "Mp": a panel's or a referral's initials (two to four letters, one word).
    static func initials(_ name: String) -> [Character]? {
        let t = name.trimmingWhitespace()
        guard (2...4).contains(t.count), t.allSatisfy({ $0.isLetter && $0.isASCII }), t.first!.isUppercase else { return nil }
        // A short name in capitals and lower case ("Mp") is initials too; "Ann", "Lee" are not.
        guard t.uppercased() == t || t.count == 2 else { return nil }
        return Array(t.uppercased())
    }

    /// The directory's initials contain `initials` in order, ending with the last name's.
    static func initialsAgree(_ initials: [Character], _ j: Judge) -> Bool {
        guard let lastInitial = j.last.first?.first, initials.last == lastInitial else { return false }
        var i = 0
        for w in j.given + [j.last[0]] where i < initials.count && w.first == initials[i] { i += 1 }
        return i == initials.count
    }

    static func namesAgree(_ written: [String], _ j: Judge) -> Bool {
        guard written.count > j.last.count, Array(written.suffix(j.last.count)) == j.last else { return false }
        let given = written.dropLast(j.last.count)
        func compatible(_ a: String, _ b: String) -> Bool {
            a == b || (a.count == 1 && b.first == a.first) || (b.count == 1 && a.first == b.first)
        }
        var next = 0
        var fullWords = 0
        for (i, d) in given.enumerated() {
            let k: Int?
            if i == 0 {
                // The first given name is the directory's first, or its full middle name
                // ("Randal Hall" is James Randal Hall; "Barry Russell" is not Thomas B. Russell).
                if let f = j.given.first, compatible(d, f) {
                    k = 0
                } else if j.given.count > 1, d.count > 1, d == j.given[1] {
                    k = 1
                } else {
                    k = nil
                }
            } else {
                k = (next..<max(next, j.given.count)).first { compatible(d, j.given[$0]) }
            }
            if let k {
                next = k + 1
                if d.count > 1 { fullWords += 1 }
                continue
            }
            // An initial the directory does not record ("Kristi K. Dubose", no middle name there).
            if d.count == 1, next >= j.given.count, fullWords > 0 { continue }
            return false
        }
        return next > 0
    }
}
