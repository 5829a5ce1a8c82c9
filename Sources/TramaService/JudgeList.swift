public import TramaStore

/// The judges in the data, a page at a time, the most flagged first: who a journalist looks at
/// before drawing anyone's map.
public struct JudgeList: Answer, Hashable {
    public struct Judge: Codable, Sendable, Hashable {
        public var key: String
        public var name: String?
        /// `court:key` of the court they serve at (the latest appointment).
        public var court: String?
        public var courtName: String?
        /// Cases they preside over.
        public var cases: Int
        /// Red flags the latest runs raised on them (conflicts, lawyer patterns).
        public var flags: Int

        enum CodingKeys: String, CodingKey { case key, name, court, courtName = "court_name", cases, flags }

        public var entity: EntityInfo { EntityInfo(kind: "judge", key: key, name: name) }
    }

    public var page: Page
    public var judges: [Judge]

    /// Only judges serving at `court` (`court:key`), only flagged ones (`flagged` true) or only
    /// unflagged ones (false).
    public struct Filter: Sendable, Hashable {
        public var court: String?
        public var flagged: Bool?

        public init(court: String? = nil, flagged: Bool? = nil) {
            self.court = court
            self.flagged = flagged
        }
    }

    public static func read(store: Store, filter: Filter, limit: Int, offset: Int) throws -> JudgeList {
        let rows = try store.execute(.judgesList, [filter.court, filter.flagged.map { $0 ? "true" : "false" }, String(limit), String(offset)]).rows
        let judges = rows.map { r in
            Judge(
                key: r[0] ?? "", name: r[1], court: r[2].map { "court:" + $0 }, courtName: r[3], cases: r[4].flatMap { Int($0) } ?? 0,
                flags: r[5].flatMap { Int($0) } ?? 0)
        }
        return JudgeList(page: Page(total: rows.first?[6].flatMap { Int($0) } ?? 0, limit: limit, offset: offset), judges: judges)
    }

    /// The courts judges serve at (`court:key`, name, judges), for the court filter.
    public static func courts(store: Store) throws -> [(reference: String, name: String?, judges: Int)] {
        try store.execute(.judgeCourts).rows.map { ("court:" + ($0[0] ?? ""), $0[1], $0[2].flatMap { Int($0) } ?? 0) }
    }
}
