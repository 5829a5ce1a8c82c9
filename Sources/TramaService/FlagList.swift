import Foundation
public import TramaStore

/// `trama flags`: the red flags of the latest run of every analysis.
public struct FlagList: Sendable {
    public struct Flag: Sendable, Hashable {
        public var analysis: String
        public var run: Int
        public var subject: String
        public var indicator: String
        public var value: Double?
        public var evidenceJSON: String
    }

    public var flags: [Flag]

    public static func read(store: Store, entity: String?, indicator: String?, limit: Int) throws -> FlagList {
        let rows = try store.execute(.flagsList, [entity, indicator, String(limit)]).rows
        return FlagList(flags: rows.map {
            Flag(analysis: $0[0]!, run: Int($0[1]!)!, subject: $0[2]!, indicator: $0[3]!, value: $0[4].flatMap(Double.init), evidenceJSON: $0[5] ?? "{}")
        })
    }

    public var json: JSONValue {
        .object([
            ("flags", .array(flags.map { f in
                .object([
                    ("analysis", .string(f.analysis)), ("run", .int(f.run)), ("subject", .string(f.subject)), ("indicator", .string(f.indicator)),
                    ("value", f.value.map(JSONValue.double) ?? .null), ("evidence", .raw(f.evidenceJSON)),
                ])
            }))
        ])
    }

    public var text: String {
        guard !flags.isEmpty else { return "no flags (run `trama collusion scan` or `trama judges conflicts` first, or widen the filter)" }
        return (["indicator         value        entity"] + flags.map { f in
            let v = f.value.map { String(format: "%.4g", $0) } ?? ""
            return "\(f.indicator.padding(toLength: 16, withPad: " ", startingAt: 0))  \(v.padding(toLength: 11, withPad: " ", startingAt: 0))  \(f.subject)  \(f.evidenceJSON)"
        }).joined(separator: "\n")
    }
}
