import Foundation
public import TramaAnalysis
import TramaGraph
import TramaModel
import TramaStore

/// The references and names of the graph's nodes a set of documents mentions, read in one query.
struct NodeNames {
    let graph: CSRGraph
    private let refs: [Int64: Store.NodeRef]

    init(_ nodes: some Sequence<UInt32>, graph: CSRGraph, store: Store) throws {
        self.graph = graph
        let ids = Array(Set(nodes.map { graph.nodeHandle[Int($0)] }))
        refs = ids.isEmpty ? [:] : try store.nodeRefs(ids: ids)
    }

    /// `kind:key`, or `node:ID` for a node the store no longer has.
    func reference(_ n: UInt32) -> String { refs[graph.nodeHandle[Int(n)]]?.reference ?? "node:\(graph.nodeHandle[Int(n)])" }

    func name(_ n: UInt32) -> String? { refs[graph.nodeHandle[Int(n)]]?.name }
}

/// The contracts a document lists for one indicator: the first few, by reference, and how many
/// more there are (a supplier of thousands of contracts is not listed whole).
public struct ContractSample: Codable, Sendable, Hashable {
    public static let limit = 20

    public var contracts: [String]
    public var more: Int

    init(_ indices: [Int], facts: ProcurementFacts, names: NodeNames) {
        self.init(nodes: indices.map { facts.contracts[$0].node }, names: names)
    }

    init(nodes: [UInt32], names: NodeNames) {
        contracts = nodes.prefix(Self.limit).map(names.reference)
        more = max(0, nodes.count - Self.limit)
    }

    static func nodes(_ indices: [Int], facts: ProcurementFacts) -> [UInt32] { indices.prefix(limit).map { facts.contracts[$0].node } }
}

/// One firm's GRAS group 1 (procurement cycle) figures: the document its 1.x flags point at
/// (`section: procurement_cycle`).
public struct ProcurementCycleDocument: Answer, Hashable {
    static let section = "procurement_cycle"

    public struct Entry: Codable, Sendable, Hashable {
        public var indicator: String
        public var share: ContractShare
        public var byNumber: Double?
        public var byValue: Double?
        /// The contracts that meet the condition (for 1.2.2 the tenders won).
        public var evidence: ContractSample?

        enum CodingKeys: String, CodingKey { case indicator, share, byNumber = "by_number", byValue = "by_value", evidence }
    }

    public struct BuyerShare: Codable, Sendable, Hashable {
        public var buyer: String
        public var buyerName: String?
        public var year: Int
        public var share: ContractShare
        public var byNumber: Double?
        public var byValue: Double?

        enum CodingKeys: String, CodingKey { case buyer, buyerName = "buyer_name", year, share, byNumber = "by_number", byValue = "by_value" }
    }

    public var firm: String
    public var name: String?
    public var indicators: [Entry]
    /// 1.2.3.
    public var buyerShare: BuyerShare?

    enum CodingKeys: String, CodingKey { case firm, name, indicators, buyerShare = "buyer_share" }

    static func documents(_ figures: [ProcurementCycle.Figures], facts: ProcurementFacts, graph: CSRGraph, store: Store) throws -> [ProcurementCycleDocument] {
        var nodes: [UInt32] = []
        for f in figures {
            nodes.append(f.firm)
            if let b = f.buyerShare { nodes.append(b.agency) }
            for (i, list) in f.evidence {
                nodes += i == .winningRate ? list.prefix(ContractSample.limit).map { facts.tenders[$0].node } : ContractSample.nodes(list, facts: facts)
            }
        }
        let names = try NodeNames(nodes, graph: graph, store: store)
        return figures.map { f in
            let entries = ProcurementCycleIndicator.allCases.compactMap { i -> Entry? in
                guard let share = f.shares[i] else { return nil }
                let list = f.evidence[i] ?? []
                let sample: ContractSample? = list.isEmpty ? nil
                    : i == .winningRate
                        ? ContractSample(nodes: list.map { facts.tenders[$0].node }, names: names)
                        : ContractSample(list, facts: facts, names: names)
                return Entry(indicator: i.rawValue, share: share, byNumber: share.byNumber, byValue: share.byValue, evidence: sample)
            }
            let buyer = f.buyerShare.map {
                BuyerShare(
                    buyer: names.reference($0.agency), buyerName: names.name($0.agency), year: $0.year, share: $0.share, byNumber: $0.share.byNumber,
                    byValue: $0.share.byValue)
            }
            return ProcurementCycleDocument(firm: names.reference(f.firm), name: names.name(f.firm), indicators: entries, buyerShare: buyer)
        }
    }

    /// The flags: each indicator's share by number (`1.1.1`) and by value (`1.1.1.value`) where
    /// some contract meets it; 1.2.3 for every supplier.
    var flags: [FlagRow] {
        let pointer = JSONValue.object([("section", .string(Self.section)), ("firm", .string(firm))])
        var rows: [FlagRow] = []
        for e in indicators where e.share.flagged > 0 {
            if let v = e.byNumber { rows.append(FlagRow(subject: firm, indicator: e.indicator, value: v, evidence: pointer)) }
            if let v = e.byValue { rows.append(FlagRow(subject: firm, indicator: e.indicator + ".value", value: v, evidence: pointer)) }
        }
        if let b = buyerShare {
            if let v = b.byNumber { rows.append(FlagRow(subject: firm, indicator: "1.2.3", value: v, evidence: pointer)) }
            if let v = b.byValue { rows.append(FlagRow(subject: firm, indicator: "1.2.3.value", value: v, evidence: pointer)) }
        }
        return rows
    }
}

/// One stored red flag before it is stored.
struct FlagRow {
    var subject: String
    var indicator: String
    var value: Double?
    var evidence: JSONValue
}

/// One firm's GRAS group 3 figures other than sanctions: the document its 3.1–3.5 and 3.9 flags
/// point at (`section: supplier`).
public struct SupplierDocument: Answer, Hashable {
    static let section = "supplier"

    public struct Revenue: Codable, Sendable, Hashable {
        public var year: Int
        public var revenue: Double
        public var turnover: Double
        public var ratio: Double
    }

    /// A figure against the market's quartiles and upper fence.
    public struct Outlier: Codable, Sendable, Hashable {
        public var value: Double
        public var q1: Double
        public var q3: Double
        public var fence: Double

        init(_ o: SupplierCharacteristics.Outlier) {
            value = o.value
            q1 = o.fences.q1
            q3 = o.fences.q3
            fence = o.fences.upper
        }
    }

    public struct Holder: Codable, Sendable, Hashable {
        public var holder: String
        public var jurisdiction: SecrecyJurisdictions.Jurisdiction
    }

    public var firm: String
    public var name: String?
    /// 3.1.1.
    public var revenue: Revenue?
    /// 3.1.2, with the people employed in the period.
    public var revenuePerEmployee: Outlier?
    public var employees: Int?
    /// 3.2.1.
    public var profitRate: Outlier?
    /// 3.3.1: the product families and their number against the market's fence.
    public var activities: Outlier?
    public var families: [String]?
    /// 3.4.1.
    public var daysToFirstContract: Int?
    public var firstContract: String?
    /// 3.5.1.
    public var contractsBeforeIncorporation: ContractSample?
    /// 3.9.1 and 3.9.2, and the list they were judged by.
    public var jurisdiction: SecrecyJurisdictions.Jurisdiction?
    public var offshoreHolders: [Holder]
    public var secrecyList: String?

    enum CodingKeys: String, CodingKey {
        case firm, name, revenue, revenuePerEmployee = "revenue_per_employee", employees, profitRate = "profit_rate", activities, families
        case daysToFirstContract = "days_to_first_contract", firstContract = "first_contract"
        case contractsBeforeIncorporation = "contracts_before_incorporation", jurisdiction, offshoreHolders = "offshore_holders"
        case secrecyList = "secrecy_list"
    }

    static func documents(
        _ figures: [SupplierCharacteristics.Figures], history: ProcurementFacts, list: SecrecyJurisdictions, graph: CSRGraph, store: Store
    ) throws -> [SupplierDocument] {
        var nodes: [UInt32] = []
        for f in figures {
            nodes.append(f.firm)
            nodes += f.offshoreHolders.map(\.holder)
            nodes += ContractSample.nodes(f.beforeIncorporation, facts: history)
            if let c = f.firstContract { nodes.append(history.contracts[c].node) }
        }
        let names = try NodeNames(nodes, graph: graph, store: store)
        return figures.map { f in
            let offshore = f.offshore != nil || !f.offshoreHolders.isEmpty
            return SupplierDocument(
                firm: names.reference(f.firm), name: names.name(f.firm),
                revenue: f.revenue.map { Revenue(year: $0.year, revenue: $0.revenue, turnover: $0.turnover, ratio: $0.ratio) },
                revenuePerEmployee: f.revenuePerEmployee.map(Outlier.init), employees: f.revenuePerEmployee == nil ? nil : f.employees,
                profitRate: f.profitRate.map(Outlier.init), activities: f.activities.map(Outlier.init), families: f.activities == nil ? nil : f.families,
                daysToFirstContract: f.daysToFirstContract, firstContract: f.firstContract.map { names.reference(history.contracts[$0].node) },
                contractsBeforeIncorporation: f.beforeIncorporation.isEmpty ? nil : ContractSample(f.beforeIncorporation, facts: history, names: names),
                jurisdiction: f.offshore, offshoreHolders: f.offshoreHolders.map { Holder(holder: names.reference($0.holder), jurisdiction: $0.jurisdiction) },
                secrecyList: offshore ? "\(list.source), \(list.date)" : nil)
        }
    }

    var flags: [FlagRow] {
        let pointer = JSONValue.object([("section", .string(Self.section)), ("firm", .string(firm))])
        let values: [(String, Double?)] = [
            ("3.1.1", revenue?.ratio), ("3.1.2", revenuePerEmployee?.value), ("3.2.1", profitRate?.value), ("3.3.1", activities?.value),
            ("3.4.1", daysToFirstContract.map(Double.init)),
            ("3.5.1", contractsBeforeIncorporation.map { Double($0.contracts.count + $0.more) }),
            ("3.9.1", jurisdiction == nil ? nil : 1), ("3.9.2", offshoreHolders.isEmpty ? nil : Double(offshoreHolders.count)),
        ]
        return values.compactMap { i, v in v.map { FlagRow(subject: firm, indicator: i, value: $0, evidence: pointer) } }
    }
}

/// One firm's GRAS 4.2 or 4.3 figures: its ties to politicians (`section:
/// politician_connections`) or to bureaucrats (`bureaucrat_connections`), with the contracts won
/// from the bodies they serve.
public struct ConnectionDocument: Answer, Hashable {
    public struct Connection: Codable, Sendable, Hashable {
        public var official: String
        public var role: Official.Role
        /// The body a bureaucrat serves, or a politician's candidacy.
        public var post: String
        public var elected: Bool?
        public var jurisdiction: String?
        public var tenureFrom: String?
        public var tenureTo: String?
        public var link: ConnectionLink
        /// An indirect connection's relative, and how they are related.
        public var relative: String?
        public var relation: String?
        /// The tie to the firm: its kind, dates and source record.
        public var tie: String
        public var tieFrom: String?
        public var tieTo: String?
        /// The tie is dated and held while the official was in post (a politician "in power").
        public var whileInPost: Bool
        public var source: String?
        public var dataset: String?

        enum CodingKeys: String, CodingKey {
            case official, role, post, elected, jurisdiction, tenureFrom = "tenure_from", tenureTo = "tenure_to", link, relative, relation, tie
            case tieFrom = "tie_from", tieTo = "tie_to", whileInPost = "while_in_post", source, dataset
        }
    }

    public struct Contract: Codable, Sendable, Hashable {
        public var contract: String
        public var buyer: String?
        public var value: Double?
        public var date: String?
        /// Index into `connections`.
        public var through: Int
    }

    public var firm: String
    public var name: String?
    public var role: Official.Role
    public var direct: Bool
    public var connections: [Connection]
    public var contracts: [Contract]
    public var contractsValue: Double
    public var allContracts: Int
    public var share: Double

    enum CodingKeys: String, CodingKey {
        case firm, name, role, direct, connections, contracts, contractsValue = "contracts_value", allContracts = "all_contracts", share
    }

    /// How the family records and declarations name a relation.
    private struct FamilyProperties: Decodable {
        var FamilyRelation: String?
        var relation: String?
    }

    static func section(_ role: Official.Role) -> String { role == .politician ? "politician_connections" : "bureaucrat_connections" }

    static func documents(
        _ figures: [PersonalConnections.Figures], officials: [Official], facts: ProcurementFacts, graph: CSRGraph, store: Store
    ) throws -> [ConnectionDocument] {
        var nodes = Set<UInt32>()
        var edges = Set<Int64>()
        for f in figures {
            nodes.insert(f.firm)
            for c in f.connections {
                let o = officials[c.official]
                nodes.insert(o.person)
                if let a = o.agency ?? o.candidate { nodes.insert(a) }
                if let r = c.relative { nodes.insert(r) }
                edges.insert(graph.edgeHandle[Int(c.tie)])
                if let family = c.family { edges.insert(graph.edgeHandle[Int(family)]) }
            }
            for k in f.contracts {
                let contract = facts.contracts[k.contract]
                nodes.insert(contract.node)
                if let t = contract.tender.flatMap(facts.tenderIndex(of:)), let a = facts.tenders[t].agency { nodes.insert(a) }
            }
        }
        let names = try NodeNames(nodes, graph: graph, store: store)
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: Array(edges))
        return figures.map { f in
            let connections = f.connections.map { c -> Connection in
                let o = officials[c.official]
                let tie = records[graph.edgeHandle[Int(c.tie)]]
                let family = c.family.flatMap { records[graph.edgeHandle[Int($0)]] }
                let relation = family.map { r in
                    (try? JSONDecoder().decode(FamilyProperties.self, from: Data(r.propertiesJSON.utf8))).flatMap { $0.FamilyRelation ?? $0.relation } ?? r.kind
                }
                return Connection(
                    official: names.reference(o.person), role: o.role, post: names.reference(o.agency ?? o.candidate ?? o.person),
                    elected: o.role == .politician ? o.elected : nil, jurisdiction: o.jurisdiction, tenureFrom: o.tenure?.from.boundedISO,
                    tenureTo: o.tenure?.to.boundedISO, link: c.link, relative: c.relative.map(names.reference), relation: relation,
                    tie: tie?.kind ?? graph.edgeKinds.name(graph.edgeKind[Int(c.tie)]), tieFrom: tie?.validFrom, tieTo: tie?.validTo,
                    whileInPost: c.whileInPost, source: tie?.sourceRecord, dataset: tie?.dataset)
            }
            let contracts = f.contracts.map { k -> Contract in
                let contract = facts.contracts[k.contract]
                let buyer = contract.tender.flatMap(facts.tenderIndex(of:)).flatMap { facts.tenders[$0].agency }.map(names.reference)
                return Contract(contract: names.reference(contract.node), buyer: buyer, value: contract.value, date: contract.day?.iso, through: k.connection)
            }
            return ConnectionDocument(
                firm: names.reference(f.firm), name: names.name(f.firm), role: f.role, direct: f.direct, connections: connections, contracts: contracts,
                contractsValue: f.contractsValue, allContracts: f.allContracts, share: f.share)
        }
    }

    /// 4.2.1–4.2.3 for politicians, 4.3.1–4.3.3 for bureaucrats (officials connected, contracts
    /// won through them, their share), and the variants GRAS lists as flags of their own, where
    /// they hold: `.direct` and `.indirect` (officials tied to the firm themselves, or only
    /// through a relative; contracts won through either), and for politicians `.elected`
    /// (connected politicians who won their election) and `.in_power` (those whose dated tie held
    /// during their term).
    var flags: [FlagRow] {
        let group = role == .politician ? "4.2" : "4.3"
        let pointer = JSONValue.object([("section", .string(Self.section(role))), ("firm", .string(firm))])
        let byOfficial = Dictionary(grouping: connections, by: \.official).values
        var rows = [FlagRow(subject: firm, indicator: group + ".1", value: Double(byOfficial.count), evidence: pointer)]
        func variant(_ indicator: String, _ count: Int) {
            if count > 0 { rows.append(FlagRow(subject: firm, indicator: indicator, value: Double(count), evidence: pointer)) }
        }
        variant(group + ".1.direct", byOfficial.filter { $0.contains { $0.link == .direct } }.count)
        variant(group + ".1.indirect", byOfficial.filter { $0.allSatisfy { $0.link == .indirect } }.count)
        if role == .politician {
            variant("4.2.1.elected", byOfficial.filter { $0.contains { $0.elected == true } }.count)
            variant("4.2.1.in_power", byOfficial.filter { $0.contains(where: \.whileInPost) }.count)
        }
        if !contracts.isEmpty {
            rows.append(FlagRow(subject: firm, indicator: group + ".2", value: Double(contracts.count), evidence: .object([
                ("section", .string(Self.section(role))), ("firm", .string(firm)), ("contracts", .array(contracts.map { .string($0.contract) })),
            ])))
            rows.append(FlagRow(subject: firm, indicator: group + ".3", value: share, evidence: pointer))
            variant(group + ".2.direct", contracts.filter { connections[$0.through].link == .direct }.count)
            variant(group + ".2.indirect", contracts.filter { connections[$0.through].link == .indirect }.count)
        }
        return rows
    }
}

/// One supplier's contract splits: purchases by one buyer of one product cut into parts below
/// the procedure threshold within the window (`section: contract_splitting`).
public struct SplittingDocument: Answer, Hashable {
    static let section = "contract_splitting"

    public struct Split: Codable, Sendable, Hashable {
        public var buyer: String
        public var product: String?
        public var contracts: [String]
        public var total: Double
        public var first: String
        public var last: String
    }

    public var firm: String
    public var name: String?
    public var threshold: Double
    public var splits: [Split]

    static func documents(_ splits: [ContractSplitting.Split], threshold: Double?, facts: ProcurementFacts, graph: CSRGraph, store: Store) throws
        -> [SplittingDocument]
    {
        guard let threshold, !splits.isEmpty else { return [] }
        let names = try NodeNames(splits.flatMap { [$0.firm, $0.agency] + $0.contracts.map { facts.contracts[$0].node } }, graph: graph, store: store)
        var byFirm: [UInt32: [ContractSplitting.Split]] = [:]
        for s in splits { byFirm[s.firm, default: []].append(s) }
        return byFirm.keys.sorted().map { firm in
            SplittingDocument(
                firm: names.reference(firm), name: names.name(firm), threshold: threshold,
                splits: byFirm[firm]!.map {
                    Split(
                        buyer: names.reference($0.agency), product: $0.product, contracts: $0.contracts.map { names.reference(facts.contracts[$0].node) },
                        total: $0.total, first: $0.first.iso, last: $0.last.iso)
                })
        }
    }

    var flags: [FlagRow] {
        [FlagRow(subject: firm, indicator: "contract_splitting", value: Double(splits.count), evidence: .object([
            ("section", .string(Self.section)), ("firm", .string(firm)), ("contracts", .array(splits.flatMap(\.contracts).map { .string($0) })),
        ]))]
    }
}

/// One supplier's shareholders of extremely low socio-economic status (GRAS 3.7) and its
/// shareholders or representative with a criminal record (3.8), each with the source record
/// (`section: shareholder_records`).
public struct ShareholderRecordsDocument: Answer, Hashable {
    static let section = "shareholder_records"

    public struct LowStatus: Codable, Sendable, Hashable {
        public var holder: String
        public var heldFrom: String?
        public var heldTo: String?
        public var programmes: [String]
        public var months: Double
        public var overlapMonths: Double
        public var sources: [String]

        enum CodingKeys: String, CodingKey {
            case holder, heldFrom = "held_from", heldTo = "held_to", programmes, months, overlapMonths = "overlap_months", sources
        }
    }

    public struct Convicted: Codable, Sendable, Hashable {
        public var person: String
        /// `owns` or `legal_representative_of`.
        public var tie: String
        public var offence: String
        public var sentenced: String?
        public var source: String
        public var dataset: String
    }

    public var firm: String
    public var name: String?
    public var lowStatus: [LowStatus]
    public var convicted: [Convicted]

    enum CodingKeys: String, CodingKey { case firm, name, lowStatus = "low_status", convicted }

    static func documents(_ figures: [ShareholderRecords.Figures], graph: CSRGraph, store: Store) throws -> [ShareholderRecordsDocument] {
        var edges = Set<UInt32>()
        var nodes = Set<UInt32>()
        for f in figures {
            nodes.insert(f.firm)
            for l in f.lowStatus {
                nodes.insert(l.holder)
                edges.insert(l.holding)
                edges.formUnion(l.benefits)
            }
            for c in f.convicted {
                nodes.insert(c.person)
                edges.formUnion([c.tie, c.conviction])
            }
        }
        let names = try NodeNames(nodes, graph: graph, store: store)
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: edges.map { graph.edgeHandle[Int($0)] })
        func record(_ e: UInt32) -> Store.EdgeRecord? { records[graph.edgeHandle[Int(e)]] }
        return figures.map { f in
            ShareholderRecordsDocument(
                firm: names.reference(f.firm), name: names.name(f.firm),
                lowStatus: f.lowStatus.map { l in
                    LowStatus(
                        holder: names.reference(l.holder), heldFrom: record(l.holding)?.validFrom, heldTo: record(l.holding)?.validTo,
                        programmes: l.benefits.compactMap { record($0)?.target }, months: l.months, overlapMonths: l.overlapMonths,
                        sources: l.benefits.compactMap { record($0)?.sourceRecord })
                },
                convicted: f.convicted.compactMap { c in
                    guard let r = record(c.conviction) else { return nil }
                    return Convicted(
                        person: names.reference(c.person), tie: record(c.tie)?.kind ?? graph.edgeKinds.name(graph.edgeKind[Int(c.tie)]), offence: r.target,
                        sentenced: r.validFrom, source: r.sourceRecord, dataset: r.dataset)
                })
        }
    }

    /// 3.7.1 (shareholders with the status), 3.7.2 and 3.7.3 (the longest, in months), 3.8.1
    /// (people with a record).
    var flags: [FlagRow] {
        let pointer = JSONValue.object([("section", .string(Self.section)), ("firm", .string(firm))])
        var rows: [FlagRow] = []
        if !lowStatus.isEmpty {
            rows.append(FlagRow(subject: firm, indicator: "3.7.1", value: Double(Set(lowStatus.map(\.holder)).count), evidence: pointer))
            rows.append(FlagRow(subject: firm, indicator: "3.7.2", value: lowStatus.map(\.months).max()!, evidence: pointer))
            if let overlap = lowStatus.map(\.overlapMonths).max(), overlap > 0 {
                rows.append(FlagRow(subject: firm, indicator: "3.7.3", value: overlap, evidence: pointer))
            }
        }
        if !convicted.isEmpty { rows.append(FlagRow(subject: firm, indicator: "3.8.1", value: Double(Set(convicted.map(\.person)).count), evidence: pointer)) }
        return rows
    }
}
