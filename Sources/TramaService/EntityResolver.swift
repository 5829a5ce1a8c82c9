import Foundation
import TramaIngest
public import TramaGraph
import TramaModel
public import TramaStore

/// Turns what a user types into one entity: `kind:ID` (e.g. `firm:F0000123`; `person:` also
/// finds judges and lawyers, who are people), a bare ID, or a name. Anything that matches more
/// than one entity is refused with the candidates, never guessed.
public struct EntityResolver: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func resolve(_ reference: String) throws -> Store.NodeRef {
        let text = ValueRules.trimmed(reference)
        if let parts = KindKey(text), let kind = EntityKind(rawValue: parts.kind) {
            let key = parts.key
            let kinds = kind == .person ? EntityKind.people : [kind]
            let found = try store.nodes(kinds: kinds.map(\.rawValue), key: key)
            if found.count == 1 { return found[0] }
            if found.count > 1 { throw ServiceError.ambiguousEntity(reference: reference, candidates: found.map(\.reference)) }
            // Suggestions come from today's names: for an earlier version they would mislead.
            let sameKey = store.version == nil ? try store.nodes(key: key).map(\.reference) : []
            throw ServiceError.unknownEntity(reference: reference, suggestions: sameKey)
        }
        let byKey = try store.nodes(key: text)
        if byKey.count == 1 { return byKey[0] }
        if byKey.count > 1 { throw ServiceError.ambiguousEntity(reference: reference, candidates: byKey.map(\.reference)) }
        let byName = try store.nodes(named: text)
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 {
            // nodes_by_name returns at most 20.
            let shown = byName.map(Self.describe) + (byName.count >= 20 ? ["… (the first 20 shown)"] : [])
            throw ServiceError.ambiguousEntity(reference: reference, candidates: shown)
        }
        throw ServiceError.unknownEntity(reference: reference, suggestions: store.version == nil ? try store.nodes(similarTo: text).map(Self.describe) : [])
    }

    /// The entity `reference` names, and its node in `graph`: a question about an entity the
    /// store holds but the served graph does not yet (an import in flight) is refused alike.
    public func node(_ reference: String, in graph: CSRGraph) throws -> (ref: Store.NodeRef, node: UInt32) {
        let ref = try resolve(reference)
        guard let node = graph.node(withHandle: ref.id) else { throw ServiceError.unknownEntity(reference: reference, suggestions: []) }
        return (ref, node)
    }

    static func describe(_ n: Store.NodeRef) -> String { n.name.map { "\(n.reference) (\($0))" } ?? n.reference }
}
