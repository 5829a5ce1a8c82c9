import Foundation
import Testing
import TramaGraph
import TramaRender
import TramaStore
import TramaTestSupport
@testable import TramaService

@Suite("Saved investigations")
struct InvestigationTests {
    /// Three users: an owner, a colleague, and someone nothing is shared with.
    static func users(_ store: Store) throws -> (owner: Int, colleague: Int, stranger: Int) {
        let tokens = AccessTokens(store: store)
        return (
            try tokens.create(role: .analyst, name: "desk").token.id, try tokens.create(role: .analyst, name: "colleague").token.id,
            try tokens.create(role: .analyst, name: "outsider").token.id
        )
    }

    @Test func entitiesAddedAndExpandedKeepTheirNotesAndPinsAndShowTheRelationshipsAmongThem() throws {
        try withSmallWorld { store, graph in
            let (owner, _, _) = try Self.users(store)
            let mine = Investigations(store: store, user: owner)
            let id = try mine.create(name: "  Alfa and friends ")
            #expect(try mine.add(id, entities: ["firm:F1", "firm:F4"]) == 2)
            #expect(try mine.add(id, entities: ["firm:F1"]) == 0, "already in it")
            #expect(throws: ServiceError.self) { try mine.add(id, entities: ["firm:NOPE"]) }

            var shown = try mine.load(id, graph: graph)
            #expect(shown.name == "Alfa and friends" && shown.access == .owner)
            #expect(shown.entities.map(\.reference) == ["firm:F1", "firm:F4"])
            #expect(shown.entities[0].name == "Alfa Obras S.A." && shown.entities.allSatisfy(\.inData))
            #expect(shown.relationships.map(\.kind) == ["owns"] && shown.relationships[0].source == "shareholders.csv:2")

            try mine.annotate(id, entity: "firm:F4", pinned: true, note: "offshore holder")
            let (added, more) = try mine.expand(id, entity: "firm:F1", graph: graph)
            #expect(added > 0 && more == 0)
            shown = try mine.load(id, graph: graph)
            #expect(shown.entities.contains { $0.reference == "tender:T1" }, "F1 bid in T1")
            #expect(shown.relationships.count > 1)
            let f4 = try #require(shown.entities.first { $0.reference == "firm:F4" })
            #expect(f4.pinned && f4.note == "offshore holder")

            // Clearing keeps the pinned ones only.
            #expect(try mine.remove(id, entity: nil) == shown.entities.count - 1)
            #expect(try mine.load(id, graph: graph).entities.map(\.reference) == ["firm:F4"])
            #expect(throws: ServiceError.self) { try mine.annotate(id, entity: "firm:F1", note: "gone") }

            let map = try mine.load(id, graph: graph).map()
            #expect(map.nodes.map(\.id) == ["firm:F4"] && map.nodes[0].emphasis == .endpoint)
        }
    }

    @Test func onlyTheOwnerSharesAndAReaderCannotChangeButCanMergeIntoTheirOwn() throws {
        try withSmallWorld { store, graph in
            let (owner, colleague, stranger) = try Self.users(store)
            let mine = Investigations(store: store, user: owner), theirs = Investigations(store: store, user: colleague)
            let outsider = Investigations(store: store, user: stranger)
            let a = try mine.create(name: "A")
            try mine.add(a, entities: ["firm:F1", "firm:F2"])
            try mine.annotate(a, entity: "firm:F2", pinned: true, note: "won T2")

            let hidden = #expect(throws: ServiceError.self) { try theirs.load(a, graph: graph) }
            #expect(hidden.map { ErrorCategory.of($0) } == .notFound, "not shared: as if it did not exist")
            try mine.share(a, with: "colleague", access: .read)
            #expect(try theirs.access(a) == .read)
            #expect(try theirs.load(a, graph: graph).shares.isEmpty, "only the owner sees whom it is shared with")
            #expect(try mine.load(a, graph: graph).shares.map(\.name) == ["colleague"])
            #expect(throws: ServiceError.self) { try theirs.add(a, entities: ["firm:F3"]) }
            #expect(throws: ServiceError.self) { try theirs.share(a, with: "outsider", access: .read) }
            #expect(try outsider.list().investigations.isEmpty)
            #expect(throws: ServiceError.self) { try mine.share(a, with: "nobody", access: .read) }

            // Merged into the colleague's own: new entities come with their pins and notes; a
            // note already there is kept and the other's added.
            let b = try theirs.create(name: "B")
            try theirs.add(b, entities: ["firm:F2", "firm:F3"])
            try theirs.annotate(b, entity: "firm:F2", note: "director shared with F1")
            #expect(try theirs.merge(a, into: b) == 1, "F1 is new")
            let merged = try theirs.load(b, graph: graph)
            #expect(Set(merged.entities.map(\.reference)) == ["firm:F1", "firm:F2", "firm:F3"])
            let f2 = try #require(merged.entities.first { $0.reference == "firm:F2" })
            #expect(f2.pinned && f2.note == "director shared with F1\nwon T2")
            #expect(try theirs.merge(a, into: b) == 0 && (try theirs.load(b, graph: graph)).entities.first { $0.reference == "firm:F2" }?.note == f2.note)
            #expect(throws: ServiceError.self) { try theirs.merge(b, into: a) }
            #expect(throws: ServiceError.self) { try outsider.merge(a, into: b) }

            // Edit access lets the colleague change it, never rename, share or delete it.
            try mine.share(a, with: "#\(colleague)", access: .edit)
            try theirs.add(a, entities: ["firm:F3"])
            #expect(throws: ServiceError.self) { try theirs.rename(a, to: "mine now") }
            #expect(throws: ServiceError.self) { try theirs.delete(a) }
            #expect(try theirs.list().investigations.map(\.name).sorted() == ["A", "B"])
            try mine.share(a, with: "colleague", access: nil)
            #expect(try theirs.list().investigations.map(\.name) == ["B"])
            try mine.delete(a)
            #expect(try mine.list().investigations.isEmpty)
        }
    }

    @Test func namesMustBeVisibleAndShort() throws {
        try withSmallWorld { store, _ in
            let mine = Investigations(store: store, user: try Self.users(store).owner)
            #expect(throws: ServiceError.self) { try mine.create(name: "  ") }
            #expect(throws: ServiceError.self) { try mine.create(name: "a\u{7}b") }
            #expect(throws: ServiceError.self) { try mine.create(name: String(repeating: "x", count: 201)) }
        }
    }
}
