import Foundation
public import TramaDocument
public import TramaRender
import TramaStore

extension EvidenceReport {
    /// The connections as one map: those valid on the date asked drawn as findings.
    public func map() -> NetworkMap {
        let layers = paths.map { c in
            (answer: PathAnswer(from: from, to: to, status: .found, paths: [c.detail], query: PathQuery(from: from.reference, to: to.reference)),
             finding: c.validAt != false)
        }
        var sub = ["\(paths.count) connection\(paths.count == 1 ? "" : "s")"]
        if let at = question.at { sub.append("valid on \(at) highlighted") }
        if let v = graph.asOf { sub.append("data as of import #\(v)") }
        if layers.isEmpty {
            return NetworkMap(title: title, subtitle: "no connection found", nodes: [from.mapNode(.endpoint), to.mapNode(.endpoint)])
        }
        return PathAnswer.map(title: title, subtitle: sub.joined(separator: " · "), layers: layers)
    }

    public var title: String { "\(from.name ?? from.reference) ↔ \(to.name ?? to.reference)" }

    /// The report as a document: what was asked, the answer, every hop with its source record,
    /// the datasets and their digests, the limits, and how to reproduce it.
    public func document() -> Document {
        var blocks: [Block] = []
        var facts = [
            Fact("From", [.strong(from.name ?? from.reference), .text(" "), .code(from.reference)]),
            Fact("To", [.strong(to.name ?? to.reference), .text(" "), .code(to.reference)]),
            Fact("Valid on", question.at ?? "any date (no date asked)"),
            Fact("Relationships followed", (question.directed ? "only in their stated direction" : "in either direction")
                + (question.kinds.map { ", of kinds " + $0.joined(separator: ", ") } ?? ", of every kind")),
            Fact("Connections asked for", "the \(question.k) shortest, of at most \(question.maxHops) hops"),
            Fact("Data", graph.asOf.map { "as it stood after import #\($0) (\(ReportBundle.normalised(graph.asOfTime ?? "")))" } ?? "nothing imported"),
            Fact("Graph", "\(graph.nodes) entities, \(graph.edges) relationships"),
        ]
        facts.append(Fact("Finding", findingText))
        blocks.append(.facts(facts))
        blocks.append(.note(kind: .warning, [.text(notice)]))
        for c in paths {
            var heading = "Connection \(c.rank): \(c.length) hop\(c.length == 1 ? "" : "s")"
            if let at = question.at { heading += c.validAt == true ? ", valid on \(at)" : ", not valid on \(at)" }
            blocks.append(.heading(level: 2, [.text(heading)]))
            blocks.append(.paragraph(Self.chain(c)))
            blocks.append(.table(Table(
                columns: [
                    .init("#", alignment: .trailing, width: 0.3), .init("From", width: 1.4), .init("Relationship", width: 1.25), .init("To", width: 1.4),
                    .init("Dates", width: 1.0), .init("Details", width: 2.4),
                ],
                rows: c.edges.enumerated().map { i, h in
                    [[.text("\(i + 1)")], Self.entity(c.nodes[i]), Self.relationship(h, at: question.at), Self.entity(c.nodes[i + 1]),
                     [.text(Self.period(h))], [.text(Self.details(h))]]
                },
                caption: "The hops of connection \(c.rank), in order")))
            blocks.append(.table(Table(
                columns: [
                    .init("#", alignment: .trailing, width: 0.3), .init("Dataset", width: 1), .init("Source record", monospace: true, width: 1.4),
                    .init("File SHA-256", monospace: true, width: 2.6), .init("Source's own id / URL", width: 1.6),
                ],
                rows: c.edges.enumerated().map { i, h in
                    [[.text("\(i + 1)")], [.text(h.edge.dataset)], [.code(h.edge.source)], [.code(h.fileSHA256 ?? "not recorded")], Self.sourceIdentity(h)]
                },
                caption: "Where each hop of connection \(c.rank) was read")))
        }
        if paths.isEmpty {
            blocks.append(.paragraph([.text("No connection was found under the limits below.")]))
        }
        blocks.append(.heading(level: 2, ["Sources"]))
        if datasets.isEmpty {
            blocks.append(.paragraph(["No dataset was read: there is no connection to source."]))
        } else {
            blocks.append(.table(Table(
                columns: [
                    .init("Dataset", width: 1.2), .init("Format", width: 0.6), .init("Import", alignment: .trailing, width: 0.5),
                    .init("Imported", width: 1.2), .init("By", width: 0.8), .init("Reason", width: 1.4),
                ],
                textRows: datasets.map { d in
                    [d.name, d.format ?? "", "#\(d.version)", ReportBundle.normalised(d.importedAt), d.importedBy, d.reason ?? ""]
                },
                caption: "The datasets the connections come from, as imported")))
            blocks.append(.table(Table(
                columns: [.init("Dataset", width: 1), .init("File", width: 1.2), .init("SHA-256", monospace: true, width: 3), .init("Bytes", alignment: .trailing, width: 0.7)],
                rows: datasets.flatMap { d in
                    d.files.map { f in [[.text(d.name)], [.text(f.name)], [.code(f.sha256)], [.text(f.bytes.map(String.init) ?? "")]] }
                },
                caption: "The files imported, with their digests")))
        }
        blocks.append(.heading(level: 2, ["Limits"]))
        var limitsList: [[Inline]] = [
            ["Connections of at most \(limits.maxHops) hops were searched; the \(question.k) shortest are listed (longer ones may exist)."],
            [.text(limits.maxDegree.map { "Entities with more than \($0) relationships were not passed through." } ?? "No entity was left out for having many relationships (no degree cut-off).")],
            [.text(limitsText)],
            [.text("Only these datasets were searched, as imported: "
                + searched.map { "\($0.name) (import #\($0.version), \(ReportBundle.normalised($0.importedAt)))" }.joined(separator: "; ")
                + ". A relationship none of them records cannot appear.")],
        ]
        if !limits.hubsExcluded.isEmpty {
            limitsList.append([.text("Left out beside these connections for the degree cut-off: ")]
                + limits.hubsExcluded.flatMap { [Inline.code($0.reference), .text(" (\($0.name ?? "unnamed")); ")] })
        }
        blocks.append(.list(limitsList, ordered: false))
        blocks.append(.heading(level: 2, ["Reproducing this report"]))
        blocks.append(.paragraph([.text("On the same data, this command writes byte-identical files: "), .code(command)]))
        blocks.append(.paragraph([.text("Check the files against the manifest with "), .code("sha256sum -c MANIFEST.sha256"), .text(".")]))
        return Document(
            title: "Relationship evidence: \(title)",
            subtitle: graph.asOf.map { "Data as of import #\($0)" },
            generated: generated, blocks: blocks)
    }

    /// The blocks before the map: the facts and the notice.
    public static let mapPosition = 2

    var limitsText: String {
        if limits.complete { return "Every connection within these limits is listed." }
        let stops = limits.reached.filter { $0 != "k" }
        if stops.isEmpty { return "The \(question.k) shortest are listed; others, as long or longer, may exist (ask for more with --k)." }
        return "The search stopped at a limit (\(stops.joined(separator: ", "))): connections as short as these may be missing."
    }

    var findingText: String {
        let valid = paths.filter { $0.validAt != false }.count
        if paths.isEmpty { return "no connection within \(limits.maxHops) hops" }
        guard let at = question.at else { return "\(paths.count) connection\(paths.count == 1 ? "" : "s"), the shortest of \(paths[0].length) hops" }
        if valid == 0 { return "no connection valid on \(at); \(paths.count) that were not valid then" }
        return "\(valid) connection\(valid == 1 ? "" : "s") valid on \(at)" + (paths.count > valid ? "; \(paths.count - valid) more not valid then" : "")
    }

    public var text: String {
        var lines = ["\(title): \(findingText)"]
        for c in paths {
            lines.append("  \(c.rank). " + Self.chain(c).map(\.plain).joined() + (c.validAt == false ? "   [not valid on \(question.at ?? "")]" : ""))
        }
        return lines.joined(separator: "\n")
    }

    static func chain(_ c: Connection) -> [Inline] {
        var out: [Inline] = [.strong(c.nodes[0].name ?? c.nodes[0].reference)]
        for (i, h) in c.edges.enumerated() {
            let kind = h.edge.kind.replacingOccurrences(of: "_", with: " ")
            out.append(.text(h.direction == "forward" ? " —\(kind)→ " : " ←\(kind)— "))
            out.append(.strong(c.nodes[i + 1].name ?? c.nodes[i + 1].reference))
        }
        return out
    }

    static func entity(_ e: EntityInfo) -> [Inline] { [.text(e.name ?? e.key), .text("\n"), .code(e.reference)] }

    static func relationship(_ h: Hop, at: String?) -> [Inline] {
        var out: [Inline] = [.text(h.edge.kind.replacingOccurrences(of: "_", with: " ") + (h.direction == "forward" ? " →" : " ←"))]
        if let v = h.validAt, let at { out.append(v ? .text("\nvalid on \(at)") : .strong("\nnot valid on \(at)")) }
        return out
    }

    static func period(_ h: Hop) -> String {
        switch (h.edge.validFrom, h.edge.validTo) {
        case let (f?, t?): "\(f) to \(t)"
        case let (f?, nil): "from \(f)"
        case let (nil, t?): "until \(t)"
        case (nil, nil): "undated"
        }
    }

    /// The relationship's own values (share, position, amount…), not the source's raw record.
    static func details(_ h: Hop) -> String { RecordValues.lines(h.edge.properties) }


    static func sourceIdentity(_ h: Hop) -> [Inline] {
        var out: [Inline] = []
        if let id = h.sourceID { out.append(.text(id)) }
        if let url = h.sourceURL {
            if !out.isEmpty { out.append(.text("\n")) }
            out.append(.link(text: url, url: url))
        }
        return out.isEmpty ? [.text("—")] : out
    }
}

extension EvidenceReport.Connection {
    /// As `trama path` gives it, for the map.
    var detail: PathDetail {
        PathDetail(
            nodes: nodes,
            edges: edges.map(\.edge), cost: nil)
    }
}

extension Inline {
    /// The text without its style, for the console.
    var plain: String {
        switch self {
        case let .text(s), let .strong(s), let .emphasis(s), let .code(s): s
        case let .link(text, _): text
        }
    }
}

/// A record's own values as a report shows them.
enum RecordValues {
    /// The scalar (and list) properties by name, the raw source record (FtM, BODS, OCDS) left
    /// out: it is linked by the source record instead.
    static func of(_ properties: JSONValue) -> [(String, String)] {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(properties.compact.utf8)) else { return [] }
        let raw: Set<String> = ["ftm", "bods", "ocds", "schema"]
        func text(_ v: JSONValue) -> String? {
            switch v {
            case let .string(s): s
            case let .number(n): n
            case let .bool(b): b ? "yes" : "no"
            case let .array(items): items.compactMap(text).joined(separator: ", ")
            default: nil
            }
        }
        return object.keys.sorted().filter { !raw.contains($0) }.compactMap { k in object[k].flatMap(text).map { (k, $0) } }
    }

    /// One `name: value` line each.
    static func lines(_ properties: JSONValue) -> String { of(properties).map { "\($0.0): \($0.1)" }.joined(separator: "\n") }
}
