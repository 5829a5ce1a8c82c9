import Foundation
public import TramaAnalysis
public import TramaGraph
import TramaModel
public import TramaStore

/// `trama suppliers scan`: the supplier-level GRAS flags — so far 3.6 (sanctions) and 4.1
/// (political finance) —
/// computed over the graph and the market's figures and stored as one run (analysis
/// `suppliers`), each flag pointing at the firm's document that explains it.
public struct SupplierScan: Sendable {
    public static let analysis = "suppliers"
    public var political = PoliticalFinanceParameters()
    /// Only contracts dated within this period count (donations of any date may precede them).
    public var period: Validity?

    public init(period: Validity? = nil) { self.period = period }

    public func run(session: Session, graph loaded: CSRGraph? = nil) throws -> SupplierScanAnswer {
        let clock = ContinuousClock()
        let started = clock.now
        let graph = try loaded ?? session.loadGraph().graph
        let store = session.store
        let facts = try CollusionScan.facts(from: store.procurementRows(), graph: graph).within(period)
        let rows = try store.politicalRows()
        let donations = rows.donations.compactMap { r -> Donation? in
            guard let donor = graph.node(withHandle: r.donor), let candidate = graph.node(withHandle: r.candidate) else { return nil }
            return Donation(donor: donor, candidate: candidate, value: r.value, day: r.day.map { Day(rawValue: $0) }, handle: r.edge)
        }
        let candidates = rows.candidates.compactMap { r -> Candidate? in
            graph.node(withHandle: r.candidate).map { Candidate(node: $0, elected: r.elected, jurisdiction: r.jurisdiction, year: r.year) }
        }
        let figures = PoliticalFinance(parameters: political).run(graph: graph, facts: facts, donations: donations, candidates: candidates)
        let documents = try PoliticalFinanceDocument.documents(figures, donations: donations, facts: facts, graph: graph, store: store)
        let sanctions = try SanctionDocument.documents(Sanctions().run(graph: graph, facts: facts), facts: facts, graph: graph, store: store)
        var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)] = []
        for d in sanctions {
            let pointer = JSONValue.object([("section", .string(SanctionDocument.section)), ("firm", .string(d.firm))])
            if d.sanctions.contains(where: { $0.link == .company }) { flags.append((d.firm, "3.6.1", 1, pointer)) }
            if d.sanctions.contains(where: { $0.link != .company }) { flags.append((d.firm, "3.6.2", 1, pointer)) }
            if !d.whileSanctioned.isEmpty {
                flags.append((d.firm, "3.6.4", Double(d.whileSanctioned.count), .object([
                    ("section", .string(SanctionDocument.section)), ("firm", .string(d.firm)),
                    ("contracts", .array(d.whileSanctioned.map { .string($0.contract) })),
                ])))
            }
        }
        for d in documents {
            let pointer = JSONValue.object([("section", .string(PoliticalFinanceDocument.section)), ("firm", .string(d.firm))])
            flags.append((d.firm, "4.1.1", 1, pointer))
            flags.append((d.firm, "4.1.2", d.value, pointer))
            if !d.following.isEmpty {
                let contracts = JSONValue.object([
                    ("section", .string(PoliticalFinanceDocument.section)), ("firm", .string(d.firm)),
                    ("contracts", .array(d.following.map { .string($0.contract) })),
                ])
                flags.append((d.firm, "4.1.3", Double(d.following.count), contracts))
                flags.append((d.firm, "4.1.4", d.followingShare, pointer))
            }
        }
        let summary = SupplierScanAnswer.Summary(
            donations: donations.count, firmsLinked: documents.count, firmsDirect: documents.filter(\.direct).count,
            firmsWithFollowingContracts: documents.filter { !$0.following.isEmpty }.count, firmsSanctioned: sanctions.count,
            firmsWithContractsWhileSanctioned: sanctions.filter { !$0.whileSanctioned.isEmpty }.count)
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder().encode(political), as: UTF8.self), summary: summary.json,
            sections: [
                (PoliticalFinanceDocument.section, documents.map { ($0.firm, $0.json) }), (SanctionDocument.section, sanctions.map { ($0.firm, $0.json) }),
            ], flags: flags)
        let seconds = (clock.now - started) / .seconds(1)
        let run = try record.store(in: store, period: period, seconds: seconds)
        return SupplierScanAnswer(run: run, seconds: (clock.now - started) / .seconds(1), summary: summary, flags: flags.count)
    }
}

/// What a supplier scan did.
public struct SupplierScanAnswer: Answer, Hashable {
    public struct Summary: Answer, Hashable {
        public var donations: Int
        /// Firms with a donation counted (4.1.1), of which the firm itself donated.
        public var firmsLinked: Int
        public var firmsDirect: Int
        /// Firms that then won contracts from a donee's jurisdiction (4.1.3).
        public var firmsWithFollowingContracts: Int
        /// Firms a sanction concerns (3.6.1, 3.6.2), and those that won contracts under one (3.6.4).
        public var firmsSanctioned: Int
        public var firmsWithContractsWhileSanctioned: Int

        enum CodingKeys: String, CodingKey {
            case donations, firmsLinked = "firms_linked", firmsDirect = "firms_direct", firmsWithFollowingContracts = "firms_with_following_contracts"
            case firmsSanctioned = "firms_sanctioned", firmsWithContractsWhileSanctioned = "firms_with_contracts_while_sanctioned"
        }
    }

    public var run: Int
    public var seconds: Double
    public var summary: Summary
    public var flags: Int

    public var text: String {
        "suppliers scan stored as run \(run) in \(String(format: "%.1f", seconds)) s: \(summary.donations) donations, "
            + "\(summary.firmsLinked) firms linked to one (\(summary.firmsDirect) donated themselves), "
            + "\(summary.firmsWithFollowingContracts) then won contracts from a donee's jurisdiction; \(summary.firmsSanctioned) firms concerned by a "
            + "sanction, \(summary.firmsWithContractsWhileSanctioned) with contracts while under one; \(flags) flags"
    }
}

/// One firm's GRAS 4.1 figures with every entity named and every donation's source record: the
/// document its flags point at (`trama suppliers political`, `section: political_finance`).
public struct PoliticalFinanceDocument: Answer, Hashable {
    static let section = "political_finance"

    public struct Donation: Codable, Sendable, Hashable {
        public var donor: String
        public var link: DonorLink
        public var candidate: String
        public var candidateName: String?
        public var value: Double?
        public var date: String?
        /// The donation's source record (`donations.csv:12`), and its dataset.
        public var source: String?
        public var dataset: String?

        enum CodingKeys: String, CodingKey { case donor, link, candidate, candidateName = "candidate_name", value, date, source, dataset }
    }

    public struct Contract: Codable, Sendable, Hashable {
        public var contract: String
        public var buyer: String?
        public var value: Double?
        public var date: String?
        /// Which of the donations (index into `donations`) it follows.
        public var follows: Int
    }

    public var firm: String
    public var name: String?
    /// 4.1.1's direct variant: the firm itself donated.
    public var direct: Bool
    public var donations: [Donation]
    /// 4.1.2: the value of the distinct donations.
    public var value: Double
    /// 4.1.3: contracts won from a donee's jurisdiction during the donee's term, after the donation.
    public var following: [Contract]
    public var followingValue: Double
    /// All the firm's contracts in the period, and 4.1.4's share of them.
    public var contracts: Int
    public var followingShare: Double

    enum CodingKeys: String, CodingKey {
        case firm, name, direct, donations, value, following, followingValue = "following_value", contracts, followingShare = "following_share"
    }

    static func documents(
        _ figures: [PoliticalFinance.Figures], donations: [TramaAnalysis.Donation], facts: ProcurementFacts, graph: CSRGraph, store: Store
    ) throws -> [PoliticalFinanceDocument] {
        var nodes = Set<UInt32>()
        var edges = Set<Int64>()
        for f in figures {
            nodes.insert(f.firm)
            for d in f.donations {
                nodes.formUnion([donations[d.donation].donor, donations[d.donation].candidate])
                edges.insert(donations[d.donation].handle)
            }
            for c in f.following {
                let contract = facts.contracts[c.contract]
                nodes.insert(contract.node)
                if let t = contract.tender, let i = facts.tenderIndex(of: t), let a = facts.tenders[i].agency { nodes.insert(a) }
            }
        }
        let refs = try store.nodeRefs(ids: nodes.map { graph.nodeHandle[Int($0)] })
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: Array(edges))
        func ref(_ n: UInt32) -> Store.NodeRef? { refs[graph.nodeHandle[Int(n)]] }
        func name(_ n: UInt32) -> String { ref(n)?.reference ?? "node:\(graph.nodeHandle[Int(n)])" }
        return figures.map { f in
            let order = Array(Set(f.donations.map(\.donation))).sorted()
            let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let listed = order.map { i -> Donation in
                let d = donations[i]
                let link = f.donations.filter { $0.donation == i }.map(\.link).min()!
                let record = records[d.handle]
                return Donation(
                    donor: name(d.donor), link: link, candidate: name(d.candidate), candidateName: ref(d.candidate)?.name, value: d.value,
                    date: d.day?.iso, source: record?.sourceRecord, dataset: record?.dataset)
            }
            let following = f.following.map { c -> Contract in
                let contract = facts.contracts[c.contract]
                let buyer = contract.tender.flatMap { facts.tenderIndex(of: $0) }.flatMap { facts.tenders[$0].agency }.map(name)
                return Contract(contract: name(contract.node), buyer: buyer, value: contract.value, date: contract.day?.iso, follows: index[c.donation]!)
            }
            return PoliticalFinanceDocument(
                firm: name(f.firm), name: ref(f.firm)?.name, direct: f.direct, donations: listed, value: f.value, following: following,
                followingValue: f.followingValue, contracts: f.contracts, followingShare: f.followingShare)
        }
    }
}

/// One firm's GRAS 3.6 figures, every entity named and every sanction with its source record:
/// the document its flags point at (`section: sanctions`).
public struct SanctionDocument: Answer, Hashable {
    static let section = "sanctions"

    public struct Sanction: Codable, Sendable, Hashable {
        /// The firm itself, a shareholder or its representative.
        public var sanctioned: String
        public var link: DonorLink
        /// The sanctioning body.
        public var by: String
        public var from: String?
        public var to: String?
        public var source: String
        public var dataset: String
    }

    public struct Contract: Codable, Sendable, Hashable {
        public var contract: String
        public var value: Double?
        public var date: String?
        /// Whose sanction was in force (index into `sanctions`).
        public var under: Int
    }

    public var firm: String
    public var name: String?
    public var sanctions: [Sanction]
    /// 3.6.4: contracts signed while one of the sanctions was in force.
    public var whileSanctioned: [Contract]

    enum CodingKeys: String, CodingKey { case firm, name, sanctions, whileSanctioned = "while_sanctioned" }

    static func documents(_ figures: [Sanctions.Figures], facts: ProcurementFacts, graph: CSRGraph, store: Store) throws -> [SanctionDocument] {
        let edges = Set(figures.flatMap { $0.concerns.map(\.sanction) })
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: edges.map { graph.edgeHandle[Int($0)] })
        let nodes = Set(figures.flatMap { [$0.firm] + $0.whileSanctioned.map { facts.contracts[$0.contract].node } })
        let refs = try store.nodeRefs(ids: nodes.map { graph.nodeHandle[Int($0)] })
        func name(_ n: UInt32) -> String { refs[graph.nodeHandle[Int(n)]]?.reference ?? "node:\(graph.nodeHandle[Int(n)])" }
        return figures.compactMap { f in
            var order: [UInt32: Int] = [:]
            var listed: [Sanction] = []
            for c in f.concerns {
                guard let r = records[graph.edgeHandle[Int(c.sanction)]] else { continue }
                order[c.sanction] = order[c.sanction] ?? listed.count
                listed.append(Sanction(
                    sanctioned: r.source, link: c.link, by: r.target, from: r.validFrom, to: r.validTo, source: r.sourceRecord, dataset: r.dataset))
            }
            guard !listed.isEmpty else { return nil }
            let contracts = f.whileSanctioned.map { w in
                let c = facts.contracts[w.contract]
                return Contract(contract: name(c.node), value: c.value, date: c.day?.iso, under: order[w.sanction] ?? 0)
            }
            return SanctionDocument(firm: name(f.firm), name: refs[graph.nodeHandle[Int(f.firm)]]?.name, sanctions: listed, whileSanctioned: contracts)
        }
    }
}
