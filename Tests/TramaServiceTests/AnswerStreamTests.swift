import Foundation
import Testing
import TramaGraph
@testable import TramaService

/// JSON through the `Encoder` protocol's containers, member by member, as a type with its own
/// `encode(to:)` would write it (``JSONValue``'s own encoding is taken whole by both encoders).
private struct ThroughContainers: Encodable {
    let value: JSONValue

    private typealias Key = DocumentKey

    func encode(to encoder: any Encoder) throws {
        switch value {
        case let .object(pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in pairs {
                switch v {
                case let .string(s): try c.encode(s, forKey: Key(k))
                case let .bool(b): try c.encode(b, forKey: Key(k))
                case .null: try c.encodeNil(forKey: Key(k))
                case let .number(n): try c.encode(Int64(n)!, forKey: Key(k))
                default: try c.encode(ThroughContainers(value: v), forKey: Key(k))
                }
            }
        case let .array(items):
            var c = encoder.unkeyedContainer()
            for v in items {
                switch v {
                case let .string(s): try c.encode(s)
                case .null: try c.encodeNil()
                default: try c.encode(ThroughContainers(value: v))
                }
            }
        case let .string(s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case let .number(n):
            var c = encoder.singleValueContainer()
            try c.encode(Int64(n)!)
        case let .bool(b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case let .raw(r):
            var c = encoder.singleValueContainer()
            try c.encode(JSONValue.raw(r))
        }
    }
}

/// A random document: nested objects and arrays, keys repeated now and then (in small and in
/// large objects), strings needing escapes and beyond ASCII, empty containers, embedded JSON.
private func randomDocument(_ rng: inout SplitMix64, depth: Int = 0, repeats: Bool) -> JSONValue {
    let words = ["a", "b", "name", "kind", "quote\"d", "back\\slash", "tab\there", "naïve", "日本", "line\nbreak", ""]
    let pick = depth > 4 ? Int.random(in: 2...6, using: &rng) : Int.random(in: 0...6, using: &rng)
    switch pick {
    case 0:
        let n = Int.random(in: 0...(Bool.random(using: &rng) ? 3 : 24), using: &rng)
        var keys = (0..<n).map { "k\($0)" }
        if repeats, n > 1, Int.random(in: 0..<4, using: &rng) == 0 { keys[Int.random(in: 1..<n, using: &rng)] = keys[Int.random(in: 0..<n, using: &rng)] }
        return .object(keys.map { ($0, randomDocument(&rng, depth: depth + 1, repeats: repeats)) })
    case 1: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomDocument(&rng, depth: depth + 1, repeats: repeats) })
    case 2: return .string(words.randomElement(using: &rng)! + String(Int.random(in: 0...9, using: &rng)))
    case 3: return .number(String(Int64.random(in: -1_000_000...1_000_000, using: &rng)))
    case 4: return .bool(Bool.random(using: &rng))
    case 5: return .null
    default: return .raw(#"{"x": [1, 2]}"#)
    }
}

/// Encodes through a value that misuses containers in one of the ways one pass cannot follow.
private struct Awkward: Encodable {
    enum Way { case nestedWrittenAfterLaterSibling, superEncoderLeftEmpty, scalarThenContainer, twoScalars, emptyEncoding, unusedNested, throwing }
    let way: Way
    struct Failure: Error {}
    enum Key: String, CodingKey { case a, b, c }

    func encode(to encoder: any Encoder) throws {
        switch way {
        case .nestedWrittenAfterLaterSibling:
            var c = encoder.container(keyedBy: Key.self)
            var nested = c.nestedContainer(keyedBy: Key.self, forKey: .a)
            try c.encode(1, forKey: .b)
            try nested.encode("late", forKey: .c)
        case .superEncoderLeftEmpty:
            var c = encoder.container(keyedBy: Key.self)
            _ = c.superEncoder(forKey: .a)
            try c.encode(true, forKey: .b)
        case .scalarThenContainer:
            var s = encoder.singleValueContainer()
            try s.encode("dropped")
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(2, forKey: .a)
        case .twoScalars:
            var s = encoder.singleValueContainer()
            try s.encode(1)
            try s.encode(2)
        case .emptyEncoding:
            break
        case .unusedNested:
            var c = encoder.container(keyedBy: Key.self)
            _ = c.nestedContainer(keyedBy: Key.self, forKey: .a)
            _ = c.nestedUnkeyedContainer(forKey: .b)
            try c.encode("after", forKey: .c)
        case .throwing:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: .a)
            throw Failure()
        }
    }
}

@Suite("Answers written as JSON bytes in one pass")
struct AnswerStreamTests {
    private func streamed(_ value: some Encodable, pretty: Bool = false) throws -> (bytes: String, onePass: Bool) {
        let stream = AnswerStream(indent: pretty ? Array("  ".utf8) : nil)
        let onePass: Bool
        do {
            try stream.write(value, at: stream.root())
            onePass = !stream.broken
        } catch is AnswerStream.OutOfOrder {
            onePass = false
        }
        return (String(decoding: try AnswerEncoder().bytes(value, pretty: pretty), as: UTF8.self), onePass)
    }

    @Test func writesTheTreesBytesForRandomDocumentsCompactAndIndented() throws {
        var rng = SplitMix64(seed: 20261205)
        var onePass = 0
        for _ in 0..<400 {
            let document = ThroughContainers(value: randomDocument(&rng, repeats: false))
            let tree = try AnswerEncoder().encode(document)
            let compact = try streamed(document)
            #expect(compact.bytes == tree.compact)
            #expect(try streamed(document, pretty: true).bytes == tree.pretty)
            if compact.onePass { onePass += 1 }
        }
        // Without repeated keys nothing here needs the tree.
        #expect(onePass == 400)
    }

    @Test func aKeyWrittenTwiceKeepsItsFirstPlaceAndLastValueAsTheTreeDoes() throws {
        var rng = SplitMix64(seed: 7)
        var fellBack = 0
        for _ in 0..<400 {
            let document = ThroughContainers(value: randomDocument(&rng, repeats: true))
            let tree = try AnswerEncoder().encode(document)
            let compact = try streamed(document)
            #expect(compact.bytes == tree.compact)
            #expect(try streamed(document, pretty: true).bytes == tree.pretty)
            if !compact.onePass { fellBack += 1 }
        }
        #expect(fellBack > 0)
        let twice = ThroughContainers(value: .object([("a", .string("first")), ("b", .bool(true)), ("a", .string("last"))]))
        #expect(try AnswerEncoder.compact(twice) == #"{"a":"last","b":true}"#)
    }

    @Test func encodingsOnePassCannotFollowAreWrittenAsTheTreeWritesThem() throws {
        let expected: [(Awkward.Way, String)] = [
            (.nestedWrittenAfterLaterSibling, #"{"a":{"c":"late"},"b":1}"#),
            (.superEncoderLeftEmpty, #"{"a":{},"b":true}"#),
            (.scalarThenContainer, #"{"a":2}"#),
            (.twoScalars, "2"),
        ]
        for (way, json) in expected {
            let out = try streamed(Awkward(way: way))
            #expect(out.bytes == json, "\(way)")
            #expect(!out.onePass, "\(way)")
            #expect(out.bytes == (try AnswerEncoder().encode(Awkward(way: way)).compact))
        }
    }

    @Test func anEmptyEncodingIsAnEmptyObjectAndUnusedNestedContainersAreEmpty() throws {
        let empty = try streamed(Awkward(way: .emptyEncoding))
        #expect(empty.bytes == "{}" && empty.onePass)
        let unused = try streamed(Awkward(way: .unusedNested))
        #expect(unused.bytes == #"{"a":{},"b":[],"c":"after"}"# && unused.onePass)
        #expect(try streamed(Awkward(way: .unusedNested), pretty: true).bytes == AnswerEncoder().encode(Awkward(way: .unusedNested)).pretty)
    }

    @Test func anErrorFromTheAnswersOwnEncodingReachesTheCaller() {
        #expect(throws: Awkward.Failure.self) { try AnswerEncoder().bytes(Awkward(way: .throwing)) }
    }

    @Test func flattenedAndSharedContainersStayInOnePass() throws {
        var edge = try JSONDecoder().decode(
            EdgeInfo.self,
            from: Data(#"{"kind":"owns","from":"person:P1","to":"firm:F1","valid_from":"2001-02-03","valid_to":null,"dataset":"d","source":"shareholders.csv:2","properties":{}}"#.utf8))
        edge.properties = .raw(#"{"Share": 40.5}"#)
        let hop = OwnershipAnswer.Hop(edge: edge, share: 40.5)
        let party = OwnershipAnswer.Party(
            entity: EntityInfo(kind: "person", key: "P1", name: "Ana \"Quoted\" Núñez"), naturalPerson: true, ultimate: true, effectiveShare: nil, shareComplete: false,
            chains: [OwnershipAnswer.Chain(entities: [], hops: [hop, hop], share: 40.5)], direction: .owners)
        for value in [AnyEncodable(hop), AnyEncodable(party)] {
            let out = try streamed(value)
            #expect(out.onePass)
            #expect(out.bytes == (try AnswerEncoder().encode(value).compact))
            #expect(try streamed(value, pretty: true).bytes == AnswerEncoder().encode(value).pretty)
        }
    }

    @Test func aPathAnswerIsWrittenInOnePassAsTheTreeWritesIt() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2", relations: ["owns"])
            q.weights = ["owns": 2]
            var k = PathQuery(from: "firm:F1", to: "firm:F2")
            k.paths = .shortest(3)
            for query in [q, k, PathQuery(from: "firm:F1", to: "firm:F2", maxHops: 1)] {
                let answer = try query.run(on: graph, store: store)
                let out = try streamed(answer)
                #expect(out.onePass)
                #expect(answer.compactJSON == Array(answer.json.compact.utf8))
                #expect(try AnswerEncoder.pretty(answer) == answer.json.pretty)
            }
        }
    }
}

private struct AnyEncodable: Encodable {
    let encodeTo: (any Encoder) throws -> Void
    init(_ value: some Encodable) { encodeTo = value.encode(to:) }
    func encode(to encoder: any Encoder) throws { try encodeTo(encoder) }
}
