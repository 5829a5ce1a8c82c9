import Foundation
import TramaAnalysis
public import TramaDocument
public import TramaGraph
import TramaModel
public import TramaRender
public import TramaStore

/// Pre-award screening (GRAS's first use: checking a prospective supplier before the contract):
/// one report on one firm — every red flag with its evidence, its owners up the chain with
/// effective shares, sanctions valid at the date (on the firm, its owners and representatives,
/// and firms they hold: GRAS 3.6), its ties to the buyer's officials and to politicians (4.2,
/// 4.3, from the latest suppliers scan), and the court cases it or its owners are party to.
public struct ScreeningQuery: Sendable {
    public var entity: String
    /// The buyer about to sign: its officials' ties to the firm are shown apart.
    public var buyer: String?
    /// Sanctions and ownership valid on this date; today's data, any date, when nil.
    public var at: Day?
    /// A person holding or representing more firms than this is a registered agent, whose
    /// other firms are not the firm's (as GRAS 3.6.3 counts them).
    public var maximumFirmsPerPerson = 50

    public init(entity: String, buyer: String? = nil, at: Day? = nil) {
        self.entity = entity
        self.buyer = buyer
        self.at = at
    }

    public func run(on graph: CSRGraph, store: Store, version: GraphVersion?, generated: String) throws -> Screening {
        let resolver = EntityResolver(store: store)
        let (ref, node) = try resolver.node(entity, in: graph)
        let buyerRef = try buyer.map { try resolver.node($0, in: graph).ref }
        let subject = ref.reference
        let rows = try FlagRanking.rows(store: store, required: nil, period: nil, subject: subject)[subject] ?? []
        let flags = try FlagRanking.flags(store: store, subjects: [subject], runs: Set(rows.map(\.run)))[subject] ?? []
        let owners = try OwnershipQuery(entity: subject, direction: .owners, at: at).run(on: graph, store: store)

        // Who the firm's sanctions may come through: its owners up the chain and its representatives.
        var people: [(node: UInt32, link: Screening.SanctionLink)] = [(node, .company)]
        for p in owners.parties {
            if let n = try? resolver.node(p.entity.reference, in: graph).node { people.append((n, .owner)) }
        }
        let represents = Set([RelationKind.legalRepresentativeOf, .directorOf].compactMap { graph.edgeKinds.code($0.rawValue) })
        graph.forEachIncoming(node) { source, e in
            if represents.contains(graph.edgeKind[Int(e)]), valid(e, graph) { people.append((source, .representative)) }
        }
        let sanctionedBy = graph.edgeKinds.code(RelationKind.sanctionedBy.rawValue)
        let holds = Set([RelationKind.owns, .legalRepresentativeOf, .directorOf].compactMap { graph.edgeKinds.code($0.rawValue) })
        var found: [(link: Screening.SanctionLink, through: UInt32?, edge: UInt32)] = []
        func sanctions(of n: UInt32, _ link: Screening.SanctionLink, through: UInt32?) {
            graph.forEachOutgoing(n) { _, e in
                if graph.edgeKind[Int(e)] == sanctionedBy, valid(e, graph) { found.append((link, through, e)) }
            }
        }
        for (n, link) in people {
            sanctions(of: n, link, through: n == node ? nil : n)
            guard link != .company else { continue }
            var firms: [UInt32] = []
            graph.forEachOutgoing(n) { firm, e in
                if holds.contains(graph.edgeKind[Int(e)]), firm != node, valid(e, graph) { firms.append(firm) }
            }
            guard firms.count <= maximumFirmsPerPerson else { continue }
            for firm in Set(firms).sorted() { sanctions(of: firm, .linkedCompany, through: n) }
        }
        // Court cases the firm or its owners are party to.
        let partyTo = graph.edgeKinds.code(RelationKind.partyTo.rawValue)
        var cases: [UInt32] = []
        for (n, link) in people where link != .representative {
            graph.forEachOutgoing(n) { _, e in if graph.edgeKind[Int(e)] == partyTo { cases.append(e) } }
        }
        let edges = Array(Set(found.map(\.edge) + cases))
        let records = try SnapshotRecords(nodes: found.compactMap(\.through), edges: edges, of: graph, store: store)

        // The ties to officials the latest suppliers scan documented.
        var connections: [ConnectionDocument] = []
        for r in try store.execute(.analysisResultsSubject, [subject]).rows
        where r[0] == SupplierScan.analysis && [ConnectionDocument.section(.politician), ConnectionDocument.section(.bureaucrat)].contains(r[2] ?? "") {
            if let d = try? JSONDecoder().decode(ConnectionDocument.self, from: Data((r[3] ?? "{}").utf8)) { connections.append(d) }
        }
        let buyerReference = buyerRef.map { EntityInfo($0).reference }
        let buyerOfficials = connections.flatMap(\.connections).filter { buyerReference != nil && $0.post == buyerReference }

        let versions = try store.versions()
        let used = Set(edges.compactMap { try? records.edge($0).dataset } + owners.parties.flatMap { $0.chains.flatMap { $0.hops.map(\.edge.dataset) } })
        var command = ["trama", "screen", EvidenceQuery.shellQuoted(subject)]
        if let buyerReference { command += ["--buyer", EvidenceQuery.shellQuoted(buyerReference)] }
        if let at { command += ["--at", at.iso] }
        if let version { command += ["--as-of", String(version.id)] }
        return Screening(
            generated: generated, command: (command + ["--reproducible", "-o", "FOLDER"]).joined(separator: " "), at: at?.iso,
            graph: .init(version: version, nodes: graph.nodeCount, edges: graph.edgeCount), entity: EntityInfo(ref), buyer: buyerRef.map(EntityInfo.init),
            flags: flags.map(SupplierProfile.Flag.init), owners: owners,
            sanctions: try found.map { f in
                Screening.Sanction(link: f.link, through: try f.through.map { try records.entity($0) }, relationship: try records.edge(f.edge))
            },
            connections: connections, buyerOfficials: buyerOfficials, cases: try cases.map { try records.edge($0) },
            sources: EvidenceReport.DatasetSource.used(used, in: versions, upTo: version?.id))
    }

    private func valid(_ e: UInt32, _ graph: CSRGraph) -> Bool { at.map { graph.validity(of: e).contains($0) } ?? true }
}

/// The body of `POST /api/v1/screenings`.
public struct ScreeningRequest: Answer, Hashable {
    public var entity: String
    public var buyer: String?
    public var at: String?
}

/// What `trama screen` writes as `screening.json` and `POST /api/v1/screenings` answers.
public struct Screening: Answer {
    public enum SanctionLink: String, Codable, Sendable {
        case company, owner, representative
        /// A firm the firm's owner or representative also holds or represents (GRAS 3.6.3).
        case linkedCompany = "linked_company"
    }

    public struct Sanction: Codable, Sendable, Hashable {
        public var link: SanctionLink
        /// The owner or representative it comes through (nil for the firm's own).
        public var through: EntityInfo?
        /// The sanction: who, by whom, when, from which record.
        public var relationship: EdgeInfo
    }

    public var generated: String
    public var command: String
    public var at: String?
    public var graph: EvidenceReport.GraphState
    public var entity: EntityInfo
    public var buyer: EntityInfo?
    public var flags: [SupplierProfile.Flag]
    public var owners: OwnershipAnswer
    public var sanctions: [Sanction]
    /// Its ties to politicians and bureaucrats, as the latest suppliers scan documented them.
    public var connections: [ConnectionDocument]
    /// Those ties that run to an official of the buyer.
    public var buyerOfficials: [ConnectionDocument.Connection]
    /// Court cases the firm or its owners are party to.
    public var cases: [EdgeInfo]
    public var sources: [EvidenceReport.DatasetSource]

    enum CodingKeys: String, CodingKey {
        case generated, command, at, graph, entity, buyer, flags, owners, sanctions, connections, buyerOfficials = "buyer_officials", cases, sources
    }

    /// The supplier, its owners and the buyer's officials it is tied to: the entities a
    /// screening shows (the audit log's).
    public var namedEntities: [String] {
        Array(Set([entity.reference] + owners.parties.map(\.entity.reference) + buyerOfficials.map(\.official))).sorted()
    }

    public var text: String {
        let forBuyer = buyer.map { " for \($0.name ?? $0.reference)" } ?? ""
        let onDay = at.map { " on \($0)" } ?? ""
        var lines = ["screening of \(entity.name ?? entity.reference) (\(entity.reference))\(forBuyer)\(onDay)"]
        let main: [String] = flags.map(\.indicator).filter { FlagVariant.split($0).variant == nil }
        lines.append("  red flags: \(main.count)" + (main.isEmpty ? "" : " (\(main.joined(separator: ", ")))"))
        lines.append("  owners up the chain: \(owners.parties.count)")
        lines.append("  sanctions: \(sanctions.count)")
        for s in sanctions {
            let r = s.relationship
            lines.append("    \(s.link.rawValue): \(r.from) sanctioned by \(r.to) \(r.period ?? "undated") (\(r.dataset) · \(r.source))")
        }
        lines.append("  ties to officials: \(connections.reduce(0) { $0 + $1.connections.count })\(buyer == nil ? "" : ", \(buyerOfficials.count) to the buyer's")")
        lines.append("  court cases: \(cases.count)")
        return lines.joined(separator: "\n")
    }

    /// The report as a document: the facts, then each part, then how to reproduce it.
    public func document() -> Document {
        let name = entity.name ?? entity.reference
        var blocks: [Block] = [
            .facts([
                Fact("Supplier", [.strong(name), .text(" "), .code(entity.reference)]),
                Fact("Buyer", buyer.map { "\($0.name ?? $0.key) (\($0.reference))" } ?? "not given"),
                Fact("Valid on", at ?? "any date"),
                Fact("Data", graph.asOf.map { "as it stood after import #\($0) (\(ReportBundle.normalised(graph.asOfTime ?? "")))" } ?? "nothing imported"),
            ]),
            .note(kind: .warning, [.text("A screening lists patterns to review before signing, from the data named below; none of them is a finding of wrongdoing.")]),
            .heading(level: 2, ["Red flags"]),
        ]
        blocks.append(flags.isEmpty ? .paragraph(["The latest analyses raised no red flag on it."]) : .table(Table(
            columns: [.init("Indicator", width: 0.8), .init("What it means", width: 2), .init("Value", alignment: .trailing, width: 0.7),
                      .init("Standing", alignment: .trailing, width: 0.7), .init("Evidence", monospace: true, width: 3)],
            rows: flags.map { f in
                [[.text(f.indicator)], [.text(f.name ?? f.pattern)], [.text(f.value.map { String(format: "%.4g", $0) } ?? "")],
                 [.text(f.standing.map { String(format: "%.0f%%", $0 * 100) } ?? "")], [.code(String(f.evidence.compact.prefix(400)))]]
            })))
        blocks.append(.heading(level: 2, ["Owners up the chain"]))
        blocks.append(Dossier.ownershipBlock(owners, title: "Owners"))
        blocks.append(.heading(level: 2, ["Sanctions"]))
        blocks.append(sanctions.isEmpty ? .paragraph([.text("No sanction \(at.map { "valid on \($0) " } ?? "")on the firm, its owners, its representatives or the firms they hold.")]) : .table(Table(
            columns: [.init("Through", width: 1.4), .init("Sanctioned", width: 1.4), .init("By", width: 1.2), .init("Dates", width: 1), .init("Source", monospace: true, width: 1.3)],
            rows: sanctions.map { s in
                let r = s.relationship
                return [[.text(s.link.rawValue.replacingOccurrences(of: "_", with: " ") + (s.through.map { ": \($0.name ?? $0.reference)" } ?? ""))],
                        [.code(r.from)], [.code(r.to)], [.text(r.period ?? "undated")], [.code("\(r.dataset) · \(r.source)")]]
            })))
        blocks.append(.heading(level: 2, ["Ties to officials and politicians"]))
        let ties = connections.flatMap { d in d.connections.map { (d.role, $0) } }
        blocks.append(ties.isEmpty ? .paragraph(["The latest suppliers scan documented no tie to an official or a politician."]) : .table(Table(
            columns: [.init("Official", width: 1.3), .init("Role", width: 0.8), .init("Post", width: 1.3), .init("Link", width: 1.2), .init("Source", monospace: true, width: 1.2)],
            rows: ties.map { role, c in
                [[.code(c.official)], [.text(role.rawValue)], [.code(c.post), .text(buyerOfficials.contains(c) ? "\nthe buyer's" : "")],
                 [.text(c.link.rawValue + (c.relative.map { " via \($0)" } ?? "") + " · " + c.tie.replacingOccurrences(of: "_", with: " "))],
                 [.code([c.dataset, c.source].compactMap { $0 }.joined(separator: " · "))]]
            })))
        blocks.append(.heading(level: 2, ["Court cases"]))
        blocks.append(cases.isEmpty ? .paragraph(["Neither the firm nor its owners is party to a recorded case."]) : .table(Table(
            columns: [.init("Party", width: 1.4), .init("Case", width: 1.4), .init("Details", width: 1.6), .init("Source", monospace: true, width: 1.3)],
            rows: cases.map { r in [[.code(r.from)], [.code(r.to)], [.text(RecordValues.lines(r.properties))], [.code("\(r.dataset) · \(r.source)")]] })))
        blocks.append(.heading(level: 2, ["Reproducing this screening"]))
        blocks.append(.paragraph([.text("On the same data, this command writes byte-identical files: "), .code(command)]))
        return Document(title: "Screening: \(name)", subtitle: buyer.map { "before an award by \($0.name ?? $0.key)" } ?? "before an award", generated: generated, blocks: blocks)
    }

    /// The report's files: the document with the supplier's neighbourhood, and `screening.json`.
    public func bundle(graph: CSRGraph, store: Store, drawing: any MapDrawing, theme: Theme) throws -> ReportBundle {
        let around = try NeighborsQuery(center: entity.reference, hops: 1, at: at.flatMap { Day(iso: $0) }, perHopCap: 40).run(on: graph, store: store)
        return try ReportBundle(
            document: document(), mapAfter: 2, map: around.map(), mapCaption: "What the supplier is tied to directly (at most 40 entities)", json: json,
            jsonName: "screening.json", datasets: sources, drawing: drawing, theme: theme)
    }
}
