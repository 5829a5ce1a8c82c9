import Foundation
public import TramaRender

extension PathAnswer {
    /// The path as a network map: the two entities asked about emphasised, each relationship
    /// labelled with its kind, its key detail (share, bid, role…) and its dates.
    public func map(subtitle: String? = nil) -> NetworkMap {
        var sub: [String] = []
        switch status {
        case .found: sub.append("\(paths.first?.edges.count ?? 0) hops" + filterNote)
        case .noPath: sub.append("no connection within \(limits.maxHops) hops" + filterNote)
        case .notWithinLimits: sub.append(limitNote + filterNote)
        case .budgetExhausted: sub.append("search budget exhausted")
        }
        if let subtitle { sub.append(subtitle) }
        return Self.map(
            title: "\(from.name ?? from.reference) ↔ \(to.name ?? to.reference)", subtitle: sub.joined(separator: " · "), layers: [(self, false)])
    }

    /// Several answers drawn as one map (e.g. a ring: each firm's link to the shared owner, and
    /// a tender they bid in together). Layers marked as findings are drawn in the highlight colour.
    public static func map(title: String, subtitle: String?, layers: [(answer: PathAnswer, finding: Bool)]) -> NetworkMap {
        var nodes: [MapNode] = []
        var index: [String: Int] = [:]
        var edges: [MapEdge] = []
        var edgeIndex: [String: Int] = [:]
        let endpoints = Set(layers.flatMap { [$0.answer.from.reference, $0.answer.to.reference] })
        for (answer, finding) in layers {
            let entities = answer.paths.flatMap(\.nodes) + (answer.paths.isEmpty ? [answer.from, answer.to] : [])
            for n in entities {
                if let i = index[n.reference] {
                    if finding, nodes[i].emphasis == .normal { nodes[i].emphasis = .highlighted }
                    continue
                }
                index[n.reference] = nodes.count
                let emphasis: MapNode.Emphasis = endpoints.contains(n.reference) ? .endpoint : finding ? .highlighted : .normal
                nodes.append(n.mapNode(emphasis))
            }
            for e in answer.paths.flatMap(\.edges) {
                let key = "\(e.from)|\(e.kind)|\(e.to)|\(e.source)"
                if let i = edgeIndex[key] {
                    edges[i].highlighted = edges[i].highlighted || finding
                    continue
                }
                edgeIndex[key] = edges.count
                edges.append(e.mapEdge(highlighted: finding))
            }
        }
        let sources = Set(layers.flatMap { $0.answer.paths.flatMap { $0.edges.map(\.dataset) } }).sorted()
        let sub = [subtitle, sources.isEmpty ? nil : "data: " + sources.joined(separator: ", ")].compactMap { $0 }.joined(separator: " · ")
        return NetworkMap(title: title, subtitle: sub.isEmpty ? nil : sub, nodes: nodes, edges: edges)
    }
}

extension EntityInfo {
    func mapNode(_ emphasis: MapNode.Emphasis = .normal) -> MapNode {
        MapNode(id: reference, kind: kind, label: name ?? key, detail: key, emphasis: emphasis)
    }
}

extension EdgeInfo {
    /// Drawn with its kind, its key detail (share, bid, role…) and its dates as the label.
    func mapEdge(highlighted: Bool = false) -> MapEdge {
        let label = [kind.replacingOccurrences(of: "_", with: " "), RelationText.detail(kind: kind, properties: properties), period]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
        return MapEdge(from: from, to: to, kind: kind, label: label, highlighted: highlighted)
    }
}
