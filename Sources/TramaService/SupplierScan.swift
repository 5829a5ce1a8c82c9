import Foundation
public import TramaAnalysis
public import TramaGraph
import TramaModel
import TramaStore

/// `trama suppliers scan`: the supplier-level GRAS flags — group 1 (procurement cycle), group 3
/// (supplier characteristics, sanctions) and group 4 (political finance, personal connections to
/// politicians and bureaucrats) — computed over the graph and the market's figures and stored as
/// one run (analysis `suppliers`), each flag pointing at the firm's document that explains it.
public struct SupplierScan: Sendable {
    public static let analysis = "suppliers"
    public var parameters = Parameters()
    /// Only contracts dated within this period count (donations of any date may precede them; a
    /// firm's first contract is its first ever).
    public var period: Validity?

    /// Every parameter of the scan, stored with its run.
    public struct Parameters: Codable, Sendable, Hashable {
        public var cycle = ProcurementCycleParameters()
        public var characteristics = SupplierCharacteristicsParameters()
        public var political = PoliticalFinanceParameters()
        public var splitting = ContractSplittingParameters()

        public init() {}
    }

    public init(period: Validity? = nil) { self.period = period }

    /// The sections of a run's documents, one per group of flags.
    public static let sections = [
        ProcurementCycleDocument.section, SupplierDocument.section, SanctionDocument.section, PoliticalFinanceDocument.section,
        ConnectionDocument.section(.politician), ConnectionDocument.section(.bureaucrat), SplittingDocument.section,
        ShareholderRecordsDocument.section,
    ]

    public func run(session: Session, graph loaded: CSRGraph? = nil) throws -> SupplierScanAnswer {
        let clock = ContinuousClock()
        let started = clock.now
        let graph = try loaded ?? session.loadGraph().graph
        let store = session.store
        let history = try CollusionScan.facts(from: store.procurementRows(), graph: graph)
        let facts = history.within(period)
        let rows = try store.politicalRows()
        let donations = rows.donations.compactMap { r -> Donation? in
            guard let donor = graph.node(withHandle: r.donor), let candidate = graph.node(withHandle: r.candidate) else { return nil }
            return Donation(donor: donor, candidate: candidate, value: r.value, day: r.day.map { Day(rawValue: $0) }, handle: r.edge)
        }
        let candidates = rows.candidates.compactMap { r -> Candidate? in
            graph.node(withHandle: r.candidate).map { Candidate(node: $0, elected: r.elected, jurisdiction: r.jurisdiction, year: r.year) }
        }
        let register = try store.supplierRows()
        let firms = register.firms.compactMap { r -> FirmFacts? in
            graph.node(withHandle: r.firm).map {
                FirmFacts(
                    node: $0, constituted: r.constituted.map { Day(rawValue: $0) }, country: r.country, turnover: r.turnover, profit: r.profit,
                    activity: r.activity)
            }
        }
        var holderCountries: [UInt32: String] = [:]
        if !register.holderCountries.isEmpty, let owns = graph.edgeKinds.code(RelationKind.owns.rawValue) {
            for e in 0..<UInt32(graph.edgeCount) where graph.edgeKind[Int(e)] == owns {
                if let country = register.holderCountries[graph.edgeHandle[Int(e)]] { holderCountries[e] = country }
            }
        }

        let political = try PoliticalFinanceDocument.documents(
            PoliticalFinance(parameters: parameters.political).run(graph: graph, facts: facts, donations: donations, candidates: candidates),
            donations: donations, facts: facts, graph: graph, store: store)
        var sanctions = Sanctions()
        sanctions.reference = period.flatMap { $0.to == .distantFuture ? nil : $0.to }
        let sanctioned = try SanctionDocument.documents(sanctions.run(graph: graph, facts: facts, firms: firms), facts: facts, graph: graph, store: store)
        let cycle = try ProcurementCycleDocument.documents(
            ProcurementCycle(parameters: parameters.cycle).run(facts: facts), facts: facts, graph: graph, store: store)
        let characteristics = try SupplierDocument.documents(
            SupplierCharacteristics(parameters: parameters.characteristics).run(
                graph: graph, facts: facts, history: history, firms: firms, holderCountries: holderCountries),
            history: history, list: parameters.characteristics.secrecyJurisdictions, graph: graph, store: store)
        let connections = PersonalConnections()
        let officials = connections.officials(graph: graph, candidates: candidates)
        let connected = try ConnectionDocument.documents(
            connections.run(graph: graph, facts: facts, officials: officials), officials: officials, facts: facts, graph: graph, store: store)

        let splits = try SplittingDocument.documents(
            ContractSplitting(parameters: parameters.splitting).run(facts: facts), threshold: parameters.splitting.threshold, facts: facts, graph: graph,
            store: store)
        var market = Set(facts.contracts.map(\.firm))
        for b in facts.bids { market.insert(b.firm) }
        let reference = sanctions.reference ?? facts.contracts.compactMap(\.day).max() ?? Day(rawValue: Int32(Date().timeIntervalSince1970 / 86_400))
        let behind = try ShareholderRecordsDocument.documents(
            ShareholderRecords().run(graph: graph, firms: market, reference: reference), graph: graph, store: store)
        var flags: [FlagRow] = cycle.flatMap(\.flags)
        flags += behind.flatMap(\.flags)
        flags += splits.flatMap(\.flags)
        flags += characteristics.flatMap(\.flags)
        flags += sanctioned.flatMap(\.flags)
        flags += political.flatMap(\.flags)
        flags += connected.flatMap(\.flags)
        let summary = SupplierScanAnswer.Summary(
            donations: donations.count, firmsLinked: political.count, firmsDirect: political.filter(\.direct).count,
            firmsWithFollowingContracts: political.filter { !$0.following.isEmpty }.count, firmsSanctioned: sanctioned.filter { !$0.sanctions.isEmpty }.count,
            firmsWithContractsWhileSanctioned: sanctioned.filter { !$0.whileSanctioned.isEmpty }.count,
            firmsLinkedToSanctioned: sanctioned.filter { !$0.linked.isEmpty }.count, suppliers: cycle.count,
            firmsWithCharacteristics: characteristics.count, officials: officials.count,
            firmsConnectedToPoliticians: connected.filter { $0.role == .politician }.count,
            firmsConnectedToBureaucrats: connected.filter { $0.role == .bureaucrat }.count, firmsSplittingContracts: splits.count,
            firmsWithLowStatusShareholders: behind.filter { !$0.lowStatus.isEmpty }.count,
            firmsWithConvictedPeople: behind.filter { !$0.convicted.isEmpty }.count)
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder().encode(parameters), as: UTF8.self), summary: summary.json,
            sections: [
                RunSection(ProcurementCycleDocument.section, cycle) { $0.firm }, RunSection(SupplierDocument.section, characteristics) { $0.firm },
                RunSection(PoliticalFinanceDocument.section, political) { $0.firm }, RunSection(SanctionDocument.section, sanctioned) { $0.firm },
                RunSection(ConnectionDocument.section(.politician), connected.filter { $0.role == .politician }) { $0.firm },
                RunSection(ConnectionDocument.section(.bureaucrat), connected.filter { $0.role == .bureaucrat }) { $0.firm },
                RunSection(SplittingDocument.section, splits) { $0.firm },
                RunSection(ShareholderRecordsDocument.section, behind) { $0.firm },
            ], flags: flags.map { ($0.subject, $0.indicator, $0.value, $0.evidence) })
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
        /// Firms whose shareholder or representative holds or runs a sanctioned company (3.6.3).
        public var firmsLinkedToSanctioned: Int
        /// Firms that bid or won (group 1), and those with a group 3 characteristic flagged.
        public var suppliers: Int
        public var firmsWithCharacteristics: Int
        /// Officials found (people employed by a public body or who stood for office), and the
        /// firms tied to a politician (4.2) or a bureaucrat (4.3).
        public var officials: Int
        public var firmsConnectedToPoliticians: Int
        public var firmsConnectedToBureaucrats: Int
        /// Suppliers with contracts split under the procedure threshold (with one given).
        public var firmsSplittingContracts: Int
        /// Suppliers with a shareholder on social benefits (3.7), with a shareholder or
        /// representative convicted (3.8).
        public var firmsWithLowStatusShareholders: Int
        public var firmsWithConvictedPeople: Int

        enum CodingKeys: String, CodingKey {
            case donations, firmsLinked = "firms_linked", firmsDirect = "firms_direct", firmsWithFollowingContracts = "firms_with_following_contracts"
            case firmsSanctioned = "firms_sanctioned", firmsWithContractsWhileSanctioned = "firms_with_contracts_while_sanctioned"
            case firmsLinkedToSanctioned = "firms_linked_to_sanctioned", suppliers, firmsWithCharacteristics = "firms_with_characteristics"
            case officials, firmsConnectedToPoliticians = "firms_connected_to_politicians", firmsConnectedToBureaucrats = "firms_connected_to_bureaucrats"
            case firmsSplittingContracts = "firms_splitting_contracts", firmsWithLowStatusShareholders = "firms_with_low_status_shareholders"
            case firmsWithConvictedPeople = "firms_with_convicted_people"
        }
    }

    public var run: Int
    public var seconds: Double
    public var summary: Summary
    public var flags: Int

    public var text: String {
        "suppliers scan stored as run \(run) in \(String(format: "%.1f", seconds)) s: \(summary.suppliers) suppliers; \(summary.donations) donations, "
            + "\(summary.firmsLinked) firms linked to one (\(summary.firmsDirect) donated themselves), "
            + "\(summary.firmsWithFollowingContracts) then won contracts from a donee's jurisdiction; \(summary.firmsSanctioned) firms concerned by a "
            + "sanction, \(summary.firmsWithContractsWhileSanctioned) with contracts while under one, \(summary.firmsLinkedToSanctioned) tied to a "
            + "sanctioned company; \(summary.firmsWithCharacteristics) with an unusual characteristic; \(summary.officials) officials, "
            + "\(summary.firmsConnectedToPoliticians) firms tied to a politician, \(summary.firmsConnectedToBureaucrats) to a bureaucrat; "
            + "\(summary.firmsSplittingContracts) splitting contracts; \(summary.firmsWithLowStatusShareholders) with a shareholder on social benefits, "
            + "\(summary.firmsWithConvictedPeople) with a convicted shareholder or representative; \(flags) flags"
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

    /// 4.1.1 (yes), 4.1.2 (value), and where contracts followed 4.1.3 (number) and 4.1.4 (share).
    var flags: [FlagRow] {
        let pointer = JSONValue.object([("section", .string(Self.section)), ("firm", .string(firm))])
        var rows = [FlagRow(subject: firm, indicator: "4.1.1", value: 1, evidence: pointer), FlagRow(subject: firm, indicator: "4.1.2", value: value, evidence: pointer)]
        if !following.isEmpty {
            rows.append(FlagRow(subject: firm, indicator: "4.1.3", value: Double(following.count), evidence: .object([
                ("section", .string(Self.section)), ("firm", .string(firm)), ("contracts", .array(following.map { .string($0.contract) })),
            ])))
            rows.append(FlagRow(subject: firm, indicator: "4.1.4", value: followingShare, evidence: pointer))
        }
        return rows
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
        let names = try NodeNames(nodes, graph: graph, store: store)
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: Array(edges))
        let name = names.reference
        return figures.map { f in
            let order = Array(Set(f.donations.map(\.donation))).sorted()
            let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let listed = order.map { i -> Donation in
                let d = donations[i]
                let link = f.donations.filter { $0.donation == i }.map(\.link).min()!
                let record = records[d.handle]
                return Donation(
                    donor: name(d.donor), link: link, candidate: name(d.candidate), candidateName: names.name(d.candidate), value: d.value,
                    date: d.day?.iso, source: record?.sourceRecord, dataset: record?.dataset)
            }
            let following = f.following.map { c -> Contract in
                let contract = facts.contracts[c.contract]
                let buyer = contract.tender.flatMap { facts.tenderIndex(of: $0) }.flatMap { facts.tenders[$0].agency }.map(name)
                return Contract(contract: name(contract.node), buyer: buyer, value: contract.value, date: contract.day?.iso, follows: index[c.donation]!)
            }
            return PoliticalFinanceDocument(
                firm: name(f.firm), name: names.name(f.firm), direct: f.direct, donations: listed, value: f.value, following: following,
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

    /// 3.6.3: a shareholder or representative of the firm who holds or runs a sanctioned company.
    public struct Linked: Codable, Sendable, Hashable {
        public var person: String
        /// The person's tie to the firm.
        public var tie: String
        public var company: String
        public var companyName: String?
        public var by: String
        public var from: String?
        public var to: String?
        public var source: String
        public var dataset: String

        enum CodingKeys: String, CodingKey { case person, tie, company, companyName = "company_name", by, from, to, source, dataset }
    }

    public var firm: String
    public var name: String?
    public var sanctions: [Sanction]
    /// 3.6.4: contracts signed while one of the sanctions was in force.
    public var whileSanctioned: [Contract]
    public var linked: [Linked]
    /// 3.6.5: the share of the firm's life since constitution spent under a sanction concerning it.
    public var relativeDuration: Double?
    /// 3.6.6: days from constitution to the firm's own first sanction.
    public var daysToFirstSanction: Int?

    enum CodingKeys: String, CodingKey {
        case firm, name, sanctions, whileSanctioned = "while_sanctioned", linked, relativeDuration = "relative_duration"
        case daysToFirstSanction = "days_to_first_sanction"
    }

    var flags: [FlagRow] {
        let pointer = JSONValue.object([("section", .string(Self.section)), ("firm", .string(firm))])
        var rows: [FlagRow] = []
        if sanctions.contains(where: { $0.link == .company }) { rows.append(FlagRow(subject: firm, indicator: "3.6.1", value: 1, evidence: pointer)) }
        if sanctions.contains(where: { $0.link != .company }) { rows.append(FlagRow(subject: firm, indicator: "3.6.2", value: 1, evidence: pointer)) }
        if !linked.isEmpty {
            rows.append(FlagRow(subject: firm, indicator: "3.6.3", value: Double(Set(linked.map(\.company)).count), evidence: pointer))
        }
        if !whileSanctioned.isEmpty {
            rows.append(FlagRow(subject: firm, indicator: "3.6.4", value: Double(whileSanctioned.count), evidence: .object([
                ("section", .string(Self.section)), ("firm", .string(firm)), ("contracts", .array(whileSanctioned.map { .string($0.contract) })),
            ])))
        }
        if let d = relativeDuration, d > 0 { rows.append(FlagRow(subject: firm, indicator: "3.6.5", value: d, evidence: pointer)) }
        if let d = daysToFirstSanction { rows.append(FlagRow(subject: firm, indicator: "3.6.6", value: Double(d), evidence: pointer)) }
        return rows
    }

    static func documents(_ figures: [Sanctions.Figures], facts: ProcurementFacts, graph: CSRGraph, store: Store) throws -> [SanctionDocument] {
        let edges = Set(figures.flatMap { $0.concerns.map(\.sanction) + $0.linked.flatMap { [$0.sanction, $0.tie] } })
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: edges.map { graph.edgeHandle[Int($0)] })
        let nodes = figures.flatMap { [$0.firm] + $0.whileSanctioned.map { facts.contracts[$0.contract].node } + $0.linked.flatMap { [$0.person, $0.company] } }
        let names = try NodeNames(nodes, graph: graph, store: store)
        return figures.compactMap { f in
            var order: [UInt32: Int] = [:]
            var listed: [Sanction] = []
            for c in f.concerns {
                guard let r = records[graph.edgeHandle[Int(c.sanction)]] else { continue }
                order[c.sanction] = order[c.sanction] ?? listed.count
                listed.append(Sanction(
                    sanctioned: r.source, link: c.link, by: r.target, from: r.validFrom, to: r.validTo, source: r.sourceRecord, dataset: r.dataset))
            }
            let linked = f.linked.compactMap { l -> Linked? in
                guard let r = records[graph.edgeHandle[Int(l.sanction)]] else { return nil }
                let tie = records[graph.edgeHandle[Int(l.tie)]]?.kind ?? graph.edgeKinds.name(graph.edgeKind[Int(l.tie)])
                return Linked(
                    person: names.reference(l.person), tie: tie, company: names.reference(l.company), companyName: names.name(l.company), by: r.target,
                    from: r.validFrom, to: r.validTo, source: r.sourceRecord, dataset: r.dataset)
            }
            guard !listed.isEmpty || !linked.isEmpty else { return nil }
            let contracts = f.whileSanctioned.map { w in
                let c = facts.contracts[w.contract]
                return Contract(contract: names.reference(c.node), value: c.value, date: c.day?.iso, under: order[w.sanction] ?? 0)
            }
            return SanctionDocument(
                firm: names.reference(f.firm), name: names.name(f.firm), sanctions: listed, whileSanctioned: contracts, linked: linked,
                relativeDuration: listed.isEmpty ? nil : f.relativeDuration, daysToFirstSanction: f.daysToFirstSanction)
        }
    }
}
