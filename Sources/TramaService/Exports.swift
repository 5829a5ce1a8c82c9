import Foundation
public import TramaExport
public import TramaGraph
public import TramaStore

/// A part of the graph to take to other tools — Gephi, yEd, Cytoscape, Aleph, Neo4j, Graphviz —
/// with every entity's and relationship's kind, properties, dates and source record, and the
/// datasets' digests: `trama export` and `GET /api/v1/…/export`.
public struct ExportQuery: Sendable {
    public enum Selection: Sendable, Hashable {
        /// A dataset's relationships and entities, with the entities its relationships reach.
        case dataset(String)
        /// The entities within `hops` of one, and every relationship among them.
        case around(String, hops: Int)
        /// A ring of the latest collusion scan: its firms, what links them, the tenders they
        /// bid in together, and every relationship among those.
        case ring(String)
        /// An investigation's entities and every relationship among them.
        case investigation(Int)

        public var isDataset: Bool { if case .dataset = self { true } else { false } }
        public var isInvestigation: Bool { if case .investigation = self { true } else { false } }

        /// A file name for the export, from what was selected.
        public var fileName: String {
            let raw: String =
                switch self {
                case let .dataset(name): name
                case let .around(reference, hops): "\(reference)-\(hops)-hops"
                case let .ring(id): id
                case let .investigation(id): "investigation-\(id)"
                }
            return String(raw.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }.prefix(100))
        }
    }

    public var selection: Selection
    /// Relationships valid on this date only (`around`, `ring`, `investigation`).
    public var at: Day?

    public init(_ selection: Selection, at: Day? = nil) {
        self.selection = selection
        self.at = at
    }

    /// The most hops `around` takes.
    public static let hopsLimit = 4
    /// The most entities `around` takes, so that a hub's neighbourhood cannot become the
    /// whole graph by accident (a dataset export is the way to take everything).
    public static let aroundLimit = 50_000
    /// Rows read per query.
    static let batch = 50_000

    /// The selection's rows. `investigations` is the asking user's view of the investigations
    /// (an investigation not shared with them is not found).
    public func run(on graph: CSRGraph, store: Store, investigations: Investigations? = nil) throws -> ExportGraph {
        let filter = PathFilter(validAt: at)
        let description: String
        var nodeIDs: [Int64] = []
        var edgeIDs: [Int64] = []
        switch selection {
        case let .dataset(name):
            guard !(try store.execute(.datasetByName, [name]).rows.isEmpty) else {
                throw ServiceError.unknownDataset(name)
            }
            for row in try store.execute(.exportDataset, [name]).rows {
                guard let id = row[1].flatMap({ Int64($0) }) else { continue }
                if row[0] == "e" { edgeIDs.append(id) } else { nodeIDs.append(id) }
            }
            description = "dataset \(name)"
        case let .around(reference, hops):
            let (ref, centre) = try EntityResolver(store: store).node(reference, in: graph)
            let hood = try graph.neighborhood(of: centre, hops: hops, filter: PathFilter(validAt: at, maxHops: hops), perHopCap: Self.aroundLimit)
            let nodes = Array(hood.nodes.prefix(Self.aroundLimit))
            nodeIDs = nodes.map { graph.nodeHandle[Int($0)] }
            edgeIDs = graph.edges(among: nodes, filter: filter).map { graph.edgeHandle[Int($0)] }
            description = "\(hops) hop\(hops == 1 ? "" : "s") around \(ref.reference)" + (at.map { " valid on \($0.iso)" } ?? "")
        case let .ring(id):
            let report = try CollusionReports(store: store).rings(top: nil)
            guard let ring = report.items.first(where: { $0.id == id }) else {
                throw ServiceError.unknownRing(id, rings: report.items.count)
            }
            let references = ring.firms + ring.links.compactMap(\.via) + ring.tenderKeys.map { $0.contains(":") ? $0 : "tender:" + $0 }
            let nodes = references.compactMap { try? EntityResolver(store: store).node($0, in: graph).node }
            nodeIDs = nodes.map { graph.nodeHandle[Int($0)] }
            edgeIDs = graph.edges(among: nodes, filter: filter).map { graph.edgeHandle[Int($0)] }
            description = "\(id) of collusion scan \(report.header.run)"
        case let .investigation(id):
            guard let investigations else { throw ServiceError.noSuchInvestigation(id: id) }
            let investigation = try investigations.load(id, graph: graph, at: at)
            let nodes = investigation.entities.compactMap { try? EntityResolver(store: store).node($0.reference, in: graph).node }
            nodeIDs = nodes.map { graph.nodeHandle[Int($0)] }
            edgeIDs = graph.edges(among: nodes, filter: filter).map { graph.edgeHandle[Int($0)] }
            description = "investigation #\(id) \(investigation.name)"
        }
        return try Self.graph(description: description, nodes: nodeIDs, edges: edgeIDs, store: store)
    }

    /// The records of `nodes` and `edges` as an export, with the datasets they came from.
    static func graph(description: String, nodes: [Int64], edges: [Int64], store: Store) throws -> ExportGraph {
        var out = ExportGraph(description: description, nodes: [], edges: [])
        for start in stride(from: 0, to: nodes.count, by: batch) {
            for r in try store.nodeRecords(ids: Array(nodes[start..<min(nodes.count, start + batch)])).values {
                out.nodes.append(ExportGraph.Node(
                    kind: r.ref.kind, key: r.ref.key, name: r.ref.name, propertiesJSON: r.propertiesJSON, dataset: r.dataset, source: r.source))
            }
        }
        for start in stride(from: 0, to: edges.count, by: batch) {
            for r in try store.edgeRecords(ids: Array(edges[start..<min(edges.count, start + batch)])).values {
                out.edges.append(ExportGraph.Edge(
                    id: r.id, kind: r.kind, from: r.source, to: r.target, validFrom: r.validFrom, validTo: r.validTo, propertiesJSON: r.propertiesJSON,
                    dataset: r.dataset, source: r.sourceRecord))
            }
        }
        let used = Set(out.nodes.map(\.dataset) + out.edges.map(\.dataset))
        out.datasets = EvidenceReport.DatasetSource.used(used, in: try store.versions(), upTo: store.version).map {
            ExportGraph.Dataset(
                name: $0.name, format: $0.format ?? "", digest: $0.digest ?? "", importedAt: $0.importedAt,
                files: $0.files.map { ExportGraph.File(name: $0.name, sha256: $0.sha256) })
        }
        return out
    }
}
