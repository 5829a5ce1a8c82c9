public import TramaGraph
import TramaModel

/// GRAS 3.7 and 3.8, who stands behind a supplier: a shareholder of extremely low
/// socio-economic status — a social-benefit recipient, the classic straw owner of a shell
/// company (3.7.1; for how long, 3.7.2; for how long while a shareholder, 3.7.3) — and a
/// shareholder or legal representative with a criminal conviction (3.8.1).
///
/// Benefits are `received_benefit` relationships (social_benefits.csv) between the first and
/// the last benefit; convictions `convicted_of` (criminal_records.csv) from the sentence date.
/// A conviction counts whatever its date: GRAS asks whether the person "has" one.
public struct ShareholderRecords: Sendable {
    public init() {}

    /// A shareholder who received social benefits.
    public struct LowStatus: Sendable, Hashable {
        public var holder: UInt32
        /// The shareholding, and the benefit relationships.
        public var holding: UInt32
        public var benefits: [UInt32]
        /// 3.7.2: months with the status (the union of the benefit periods).
        public var months: Double
        /// 3.7.3: months with the status while holding the shares.
        public var overlapMonths: Double
    }

    /// A shareholder or legal representative with a criminal record.
    public struct Convicted: Sendable, Hashable {
        public var person: UInt32
        /// The shareholding or representation, and the conviction.
        public var tie: UInt32
        public var conviction: UInt32
    }

    public struct Figures: Sendable, Hashable {
        public var firm: UInt32
        public var lowStatus: [LowStatus]
        public var convicted: [Convicted]
    }

    /// Average days in a month (365.2425 / 12).
    static let daysPerMonth = 30.436875

    /// Every firm among `firms` (the market's bidders and suppliers) that some record concerns;
    /// a benefit still running is counted to `reference`, one without a start date not at all.
    public func run(graph: CSRGraph, firms: Set<UInt32>, reference: Day) -> [Figures] {
        let owns = graph.edgeKinds.code(RelationKind.owns.rawValue)
        let represents = graph.edgeKinds.code(RelationKind.legalRepresentativeOf.rawValue)
        let benefit = graph.edgeKinds.code(RelationKind.receivedBenefit.rawValue)
        let conviction = graph.edgeKinds.code(RelationKind.convictedOf.rawValue)
        guard benefit != nil || conviction != nil else { return [] }
        func records(_ person: UInt32, _ kind: KindCode?) -> [UInt32] {
            guard let kind else { return [] }
            var found: [UInt32] = []
            graph.forEachOutgoing(person) { _, e in if graph.edgeKind[Int(e)] == kind { found.append(e) } }
            return found
        }
        var out: [Figures] = []
        for firm in firms.sorted() {
            var low: [LowStatus] = []
            var convicted: [Convicted] = []
            graph.forEachIncoming(firm) { person, tie in
                let kind = graph.edgeKind[Int(tie)]
                guard kind == owns || kind == represents else { return }
                for c in records(person, conviction) { convicted.append(Convicted(person: person, tie: tie, conviction: c)) }
                guard kind == owns else { return }
                let benefits = records(person, benefit)
                guard !benefits.isEmpty else { return }
                let spans = benefits.map { graph.validity(of: $0) }.filter { $0.from != .distantPast }
                let window = Validity(from: .distantPast, to: reference)
                let months = Double(Sanctions.daysCovered(spans, within: window)) / Self.daysPerMonth
                let held = graph.validity(of: tie)
                let overlap = Double(Sanctions.daysCovered(spans, within: Validity(from: held.from, to: min(held.to, reference)))) / Self.daysPerMonth
                low.append(LowStatus(holder: person, holding: tie, benefits: benefits, months: months, overlapMonths: overlap))
            }
            if !low.isEmpty || !convicted.isEmpty { out.append(Figures(firm: firm, lowStatus: low, convicted: convicted)) }
        }
        return out
    }
}
