/// A dense code for a node or edge kind. The engine is generic over kinds: it never interprets a
/// kind, it only filters by code; `KindTable` maps codes to the domain's names.
public typealias KindCode = UInt8

/// The names of the kinds a graph uses, in code order.
public struct KindTable: Hashable, Sendable {
    public private(set) var names: [String] = []
    private var codes: [String: KindCode] = [:]

    public init() {}

    public init(_ names: [String]) {
        for name in names { _ = try? intern(name) }
    }

    /// The code for `name`, adding it if new.
    public mutating func intern(_ name: String) throws(GraphError) -> KindCode {
        if let code = codes[name] { return code }
        guard names.count <= Int(KindCode.max) else { throw .tooManyKinds(limit: Int(KindCode.max) + 1) }
        let code = KindCode(names.count)
        names.append(name)
        codes[name] = code
        return code
    }

    public func code(_ name: String) -> KindCode? { codes[name] }

    public func name(_ code: KindCode) -> String { Int(code) < names.count ? names[Int(code)] : "#\(code)" }

    public var count: Int { names.count }
}

/// A set of kind codes, as a 256-bit mask, so the traversal loop tests membership with one load.
public struct KindSet: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Every kind.
    public static let all = KindSet(words: (.max, .max, .max, .max))
    public static let none = KindSet(words: (0, 0, 0, 0))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    public init(_ codes: some Sequence<KindCode>) {
        self = .none
        for c in codes { insert(c) }
    }

    /// The codes of `names` in `table`; a name the table does not know cannot occur in the graph
    /// and is ignored.
    public init(names: some Sequence<String>, in table: KindTable) {
        self.init(names.compactMap { table.code($0) })
    }

    @inline(__always)
    public func contains(_ code: KindCode) -> Bool {
        let bit = UInt64(1) << UInt64(code & 63)
        switch code >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    public mutating func insert(_ code: KindCode) {
        let bit = UInt64(1) << UInt64(code & 63)
        switch code >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    public static func == (a: KindSet, b: KindSet) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into h: inout Hasher) {
        h.combine(words.0)
        h.combine(words.1)
        h.combine(words.2)
        h.combine(words.3)
    }
}
