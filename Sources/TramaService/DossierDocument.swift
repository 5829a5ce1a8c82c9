import Foundation
public import TramaDocument
public import TramaGraph
public import TramaRender
public import TramaStore

extension Dossier {
    public var entity: EntityInfo { profile.entity }

    /// The dossier as a document: who or what it is, according to which sources; who owns it
    /// and what it holds; its flags; its tenders; its ties section by section; the sources.
    public func document() -> Document {
        var blocks: [Block] = []
        let name = entity.name ?? entity.reference
        var facts = [
            Fact("Entity", [.strong(name), .text(" "), .code(entity.reference)]),
            Fact("Kind", entity.kind),
            Fact("Record", [.text(profile.dataset + " · "), .code(profile.source)]),
            Fact("Relationships", "\(relationshipsTotal)" + (at.map { " valid on \($0)" } ?? "")
                + (listed < relationshipsTotal ? " (the first \(listed) listed)" : "")),
            Fact("Red flags", profile.flags.isEmpty ? "none raised by the latest analyses" : "\(profile.flags.count)"),
            Fact("Data", graph.asOf.map { "as it stood after import #\($0) (\(ReportBundle.normalised(graph.asOfTime ?? "")))" } ?? "nothing imported"),
        ]
        if let at { facts.insert(Fact("Ties valid on", at), at: 3) }
        blocks.append(.facts(facts))
        blocks.append(.note(kind: .warning, [.text(notice)]))

        blocks.append(.heading(level: 2, ["Identity and identifiers"]))
        let own = RecordValues.of(profile.properties)
        if own.isEmpty {
            blocks.append(.paragraph([.text("The record from \(profile.dataset) states no properties beyond the name.")]))
        } else {
            blocks.append(.table(Table(
                columns: [.init("Property", width: 1), .init("Value", width: 2.4), .init("Source", monospace: true, width: 1.4)],
                rows: own.map { [[.text($0.0)], [.text($0.1)], [.code("\(profile.dataset) · \(profile.source)")]] },
                caption: "As the entity's own record states them")))
        }
        if !mergedRecords.isEmpty {
            blocks.append(.table(Table(
                columns: [.init("Merged record", width: 1.6), .init("Name", width: 1.4), .init("Identifiers", width: 2), .init("Source", monospace: true, width: 1.4)],
                rows: mergedRecords.map { m in
                    [[.code(m.entity.reference)], [.text(m.entity.name ?? "")], [.text(RecordValues.lines(m.properties))],
                     [.code([m.dataset, m.source].compactMap { $0 }.joined(separator: " · "))]]
                },
                caption: "Records of other sources found to be the same entity and merged into it")))
        }
        blocks.append(.table(Table(
            columns: [.init("Dataset", width: 1.4), .init("Its own record", width: 1), .init("Relationships", alignment: .trailing, width: 1)],
            textRows: profile.datasets.map { [$0.dataset, $0.record ? "yes" : "no", String($0.relationships)] },
            caption: "Every dataset that says something about it")))

        for (title, answer) in [("Owners", owners), ("Holdings", holdings)] {
            blocks.append(.heading(level: 2, [.text(title)]))
            blocks.append(Self.ownershipBlock(answer, title: title))
        }

        blocks.append(.heading(level: 2, ["Red flags"]))
        if profile.flags.isEmpty {
            blocks.append(.paragraph(["The latest analyses raised no red flag on it."]))
        } else {
            blocks.append(.table(Table(
                columns: [.init("Indicator", width: 0.8), .init("Analysis", width: 1), .init("Value", alignment: .trailing, width: 0.7),
                          .init("Run", alignment: .trailing, width: 0.4), .init("Evidence", monospace: true, width: 4)],
                rows: profile.flags.map { f in
                    [[.text(f.indicator)], [.text(f.analysis)], [.text(f.value.map { String(format: "%.4g", $0) } ?? "")], [.text(String(f.run))],
                     [.code(String(f.evidence.compact.prefix(600)))]]
                },
                caption: "Indicators by GRAS number; each flag's evidence is the stored result it points at")))
        }

        if !tenders.isEmpty {
            blocks.append(.heading(level: 2, ["Tenders bid, won and lost"]))
            blocks.append(.paragraph([.text(tenderSummary)]))
            blocks.append(.table(Table(
                columns: [.init("Tender or contract", width: 2), .init("Record", width: 0.8), .init("Value", alignment: .trailing, width: 1.1),
                          .init("Outcome", width: 0.9), .init("Date", width: 0.9), .init("Source", monospace: true, width: 1.3)],
                rows: tenders.map { t in
                    [Self.entityCell(t.tender), [.text(t.relationship.replacingOccurrences(of: "_", with: " "))], [.text(t.value.map { String(format: "%.2f", $0) } ?? "")],
                     [.text(t.outcome ?? "")], [.text(t.date ?? "")], [.code("\(t.dataset) · \(t.source)")]]
                })))
        }

        for group in sections where group.section != .procurement || tenders.count < group.ties.count {
            blocks.append(.heading(level: 2, [.text(group.section.title)]))
            blocks.append(.table(Table(
                columns: [.init("Relationship", width: 1.0), .init("With", width: 1.7), .init("Dates", width: 1.0), .init("Details", width: 2.2),
                          .init("Source", monospace: true, width: 1.2)],
                rows: group.ties.map { t in
                    let r = t.relationship
                    return [[.text(r.kind.replacingOccurrences(of: "_", with: " ") + (t.direction == "out" ? " →" : " ←"))], Self.entityCell(t.other),
                            [.text(r.period ?? "undated")], [.text(RecordValues.lines(r.properties))],
                            [.code("\(r.dataset) · \(r.source)")]]
                })))
        }

        blocks.append(.heading(level: 2, ["Sources"]))
        blocks.append(.table(Table(
            columns: [.init("Dataset", width: 1.2), .init("Format", width: 0.6), .init("Import", alignment: .trailing, width: 0.5),
                      .init("Imported", width: 1.2), .init("By", width: 0.8), .init("Digest", monospace: true, width: 2.4)],
            textRows: sources.map { d in [d.name, d.format ?? "", "#\(d.version)", ReportBundle.normalised(d.importedAt), d.importedBy, d.digest ?? ""] },
            caption: "The datasets this dossier read, as imported (files and their SHA-256 in MANIFEST.sha256)")))
        blocks.append(.heading(level: 2, ["Reproducing this dossier"]))
        blocks.append(.paragraph([.text("On the same data, this command writes byte-identical files: "), .code(command)]))
        return Document(title: "Dossier: \(name)", subtitle: "\(entity.kind) \(entity.key)", generated: generated, blocks: blocks)
    }

    /// Owners (or holdings) with their effective shares and shortest chains, or a sentence
    /// saying there are none: as dossiers and screenings show them.
    static func ownershipBlock(_ answer: OwnershipAnswer, title: String) -> Block {
        guard !answer.parties.isEmpty else {
            return .paragraph([.text(title == "Owners" ? "No owner or controller is recorded." : "It is not recorded as owning or controlling anything.")])
        }
        return .table(Table(
            columns: [
                .init(title == "Owners" ? "Owner" : "Holding", width: 2), .init("Effective share", alignment: .trailing, width: 1),
                .init("Chains", alignment: .trailing, width: 0.6), .init("Shortest chain", width: 3),
            ],
            rows: answer.parties.map { p in
                let share = p.effectiveShare.map { String(format: "%.2f%%", $0) + (p.shareComplete ? "" : " or more") } ?? "unknown"
                var who: [Inline] = [.text(p.entity.name ?? p.entity.key), .text("\n"), .code(p.entity.reference)]
                if p.naturalPerson { who.append(.emphasis("\nnatural person")) }
                if p.ultimate { who.append(.emphasis("\nultimate")) }
                let chain = p.chains.min { $0.hops.count < $1.hops.count }
                return [who, [.text(share)], [.text(String(p.chains.count))],
                        [.text(chain.map { $0.entities.map { $0.name ?? $0.key }.joined(separator: " → ") } ?? "")]]
            },
            caption: "Effective shares multiply the stated shares along each chain and add over the chains"
                + (answer.truncated ? "; chains were cut at the limit" : "")))
    }

    /// The blocks before the map: the facts and the notice.
    public static let mapPosition = 2

    var listed: Int { sections.reduce(0) { $0 + $1.ties.count } }

    /// Bids by outcome, and contracts held, each with their values: a bid won and the contract
    /// it led to are two records of one award, so their values are not added together.
    var tenderSummary: String {
        let bids = tenders.filter { $0.relationship == "bid" }
        let contracts = tenders.filter { $0.relationship != "bid" }
        func value(_ t: [TenderRecord]) -> String {
            let v = t.compactMap(\.value)
            return v.isEmpty ? "" : String(format: " (%.2f in value)", v.reduce(0, +))
        }
        let won = bids.filter { $0.outcome == "won" }
        let lost = bids.filter { $0.outcome == "lost" }
        var parts = ["\(bids.count) bids: \(won.count) won\(value(won)), \(lost.count) lost\(value(lost))"]
        if bids.count > won.count + lost.count { parts[0] += ", \(bids.count - won.count - lost.count) without a stated outcome" }
        if !contracts.isEmpty { parts.append("\(contracts.count) contract\(contracts.count == 1 ? "" : "s") held\(value(contracts))") }
        return parts.joined(separator: "; ") + "."
    }

    public var text: String {
        var lines = ["\(entity.name ?? entity.reference) (\(entity.reference)): \(relationshipsTotal) relationships, \(profile.flags.count) flags"]
        lines.append("  owners: \(owners.parties.count), holdings: \(holdings.parties.count), tenders: \(tenders.count)")
        for s in sections { lines.append("  \(s.section.rawValue): \(s.ties.count)") }
        return lines.joined(separator: "\n")
    }

    static func entityCell(_ e: EntityInfo) -> [Inline] { [.text(e.name ?? e.key), .text("\n"), .code(e.reference)] }

}

extension Dossier {
    /// The entity's neighbourhood as the dossier draws it: what it is tied to directly — the
    /// ties its tables list — as many as stay legible.
    public func neighbourhood(graph: CSRGraph, store: Store) throws -> NeighborsAnswer {
        try NeighborsQuery(center: entity.reference, hops: 1, at: at.flatMap { Day(iso: $0) }, perHopCap: Self.mapEntities).run(on: graph, store: store)
    }

    /// Entities on the dossier's map besides the entity itself.
    static let mapEntities = 40

    /// The dossier's files: the document with its neighbourhood map, and `dossier.json`.
    public func bundle(graph: CSRGraph, store: Store, drawing: any MapDrawing, theme: Theme) throws -> ReportBundle {
        try ReportBundle(
            document: document(), mapAfter: Self.mapPosition, map: try neighbourhood(graph: graph, store: store).map(),
            mapCaption: "What it is tied to directly (at most \(Self.mapEntities) entities)", json: json, jsonName: "dossier.json",
            datasets: sources, drawing: drawing, theme: theme)
    }
}

extension EvidenceReport {
    /// The report's files: the document with its map, and `evidence.json`.
    public func bundle(drawing: any MapDrawing, theme: Theme) throws -> ReportBundle {
        try ReportBundle(
            document: document(), mapAfter: Self.mapPosition, map: map(), mapCaption: "The connections listed below", json: json,
            jsonName: "evidence.json", datasets: datasets, drawing: drawing, theme: theme)
    }
}
