import TramaIngest

/// An answer written as JSON bytes while its `encode(to:)` runs, with no tree in between.
///
/// ``AnswerEncoder/encode(_:)`` builds a ``JSONValue`` tree (one object per value, then the
/// text): perf over `GET /api/v1/paths` at 64 connections put a tenth of the server's CPU there.
/// This writes the same bytes in one forward pass. `Encoder` allows what one pass cannot
/// follow — a key written twice (the tree keeps its first place and its last value), a
/// container written to after a later sibling, a `superEncoder` left empty — so each of those
/// is detected, and the answer is encoded again through the tree: the bytes are always the
/// tree's.
final class AnswerStream {
    /// An open object or array.
    struct Frame {
        let isObject: Bool
        /// The position (value) this container belongs to: one value's encoder may ask for
        /// its container again and continue it, as the tree allows.
        let owner: Int
        let serial: Int
        /// Where this object's keys start in `keys`.
        let keyStart: Int
        var count = 0
        /// An object's keys once it has many, so the duplicate check stays linear.
        var seen: Set<String>? = nil
    }

    /// Where one value goes: `mark` is the depth its container would take, `start` the byte
    /// offset it starts at.
    struct Position {
        let serial: Int
        let mark: Int
        let start: Int
    }

    /// One pass could not follow the encoding.
    struct OutOfOrder: Error {}

    /// What the pass writes and tracks. It lives behind a pointer the stream owns: as stored
    /// properties of a class every access was checked for exclusivity at run time, which perf
    /// put at a third of the pass.
    private struct State {
        var out: [UInt8] = []
        var frames: [Frame] = []
        /// The keys of open objects, innermost last.
        var keys: [String] = []
        /// The coding path of the value being written (kept only for values with an encoder).
        var path: [any CodingKey] = []
        var serial = 0
        var broken = false
    }

    private let state: UnsafeMutablePointer<State>
    let indent: [UInt8]?

    init(indent: [UInt8]?) {
        self.indent = indent
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.out.reserveCapacity(2048)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var out: [UInt8] {
        _read { yield state.pointee.out }
        _modify { yield &state.pointee.out }
    }
    var frames: [Frame] {
        _read { yield state.pointee.frames }
        _modify { yield &state.pointee.frames }
    }
    private var keys: [String] {
        _read { yield state.pointee.keys }
        _modify { yield &state.pointee.keys }
    }
    private var path: [any CodingKey] {
        _read { yield state.pointee.path }
        _modify { yield &state.pointee.path }
    }
    private var serial: Int {
        get { state.pointee.serial }
        set { state.pointee.serial = newValue }
    }
    private(set) var broken: Bool {
        get { state.pointee.broken }
        set { state.pointee.broken = newValue }
    }

    func codingPath(_ depth: Int) -> [any CodingKey] { Array(path.prefix(depth)) }

    private func nextSerial() -> Int {
        serial += 1
        return serial
    }

    private func newline(_ level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        for _ in 0..<level { out.append(contentsOf: indent) }
    }

    func fail() -> OutOfOrder {
        broken = true
        return OutOfOrder()
    }

    /// Closes every container deeper than `depth`: a nested container is finished once its
    /// parent is written to again.
    func close(above depth: Int) {
        while frames.count > depth {
            let f = frames.removeLast()
            if f.isObject { keys.removeSubrange(f.keyStart...) }
            if f.count > 0 { newline(frames.count) }
            out.append(f.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// The container of the value at `p`, opened now or continued; nil once the pass is broken.
    func container(object: Bool, at p: Position) -> (index: Int, serial: Int) {
        guard !broken else { return (-1, -1) }
        if frames.count > p.mark {
            guard frames[p.mark].owner == p.serial, frames[p.mark].isObject == object else {
                broken = true
                return (-1, -1)
            }
            close(above: p.mark + 1)
            return (p.mark, frames[p.mark].serial)
        }
        guard frames.count == p.mark, out.count == p.start else {
            broken = true
            return (-1, -1)
        }
        let s = nextSerial()
        frames.append(Frame(isObject: object, owner: p.serial, serial: s, keyStart: keys.count))
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return (p.mark, s)
    }

    /// Before a value written through a single-value container: nothing written there yet.
    func scalar(at p: Position) throws {
        guard !broken, frames.count == p.mark, out.count == p.start else { throw fail() }
    }

    private func element(_ index: Int, _ serial: Int) throws {
        guard !broken, index >= 0, index < frames.count, frames[index].serial == serial else { throw fail() }
        close(above: index + 1)
        if frames[index].count > 0 { out.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        newline(index + 1)
    }

    /// Writes `"key":` into the object at `index`, and the position its value takes.
    func member(_ key: String, _ index: Int, _ serial: Int) throws -> Position {
        try element(index, serial)
        let start = frames[index].keyStart
        if frames[index].seen != nil {
            guard frames[index].seen!.insert(key).inserted else { throw fail() }
        } else {
            for i in start..<keys.count where keys[i] == key { throw fail() }
            if keys.count - start >= 16 { frames[index].seen = Set(keys[start...]).union([key]) }
        }
        keys.append(key)
        JSONObject.appendQuoted(key, to: &out)
        out.append(UInt8(ascii: ":"))
        if indent != nil { out.append(UInt8(ascii: " ")) }
        return Position(serial: nextSerial(), mark: frames.count, start: out.count)
    }

    /// The position of the array at `index`'s next element.
    func next(_ index: Int, _ serial: Int) throws -> Position {
        try element(index, serial)
        return Position(serial: nextSerial(), mark: frames.count, start: out.count)
    }

    func root() -> Position { Position(serial: nextSerial(), mark: 0, start: out.count) }

    /// Writes `value` at `p`, under `key` in the coding path.
    func write<T: Encodable>(_ value: T, at p: Position, key: (any CodingKey)? = nil) throws {
        // Compared by type rather than cast: these calls come through the containers'
        // existentials unspecialised, where a failed `as` is a runtime cast.
        if T.self == JSONValue.self {
            try scalar(at: p)
            unsafeBitCast(value, to: JSONValue.self).write(to: &out, indent: indent, level: p.mark)
        } else if T.self == String.self {
            try scalar(at: p)
            JSONObject.appendQuoted(unsafeBitCast(value, to: String.self), to: &out)
        } else if T.self == Double.self {
            try scalar(at: p)
            double(unsafeBitCast(value, to: Double.self))
        } else if T.self == Bool.self {
            try scalar(at: p)
            bool(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Int.self {
            try scalar(at: p)
            number(String(unsafeBitCast(value, to: Int.self)))
        } else {
            if let key { path.append(key) }
            defer { if key != nil { path.removeLast() } }
            try value.encode(to: StreamEncoder(stream: self, at: p, pathDepth: path.count))
            try finish(p)
        }
    }

    /// After a value's `encode(to:)`: its container closed, or `{}` when it wrote nothing.
    func finish(_ p: Position) throws {
        guard !broken else { throw OutOfOrder() }
        if frames.count > p.mark {
            guard frames[p.mark].owner == p.serial else { throw fail() }
            close(above: p.mark)
        } else if frames.count < p.mark {
            throw fail()
        } else if out.count == p.start {
            out.append(contentsOf: "{}".utf8)
        }
    }

    func null() { out.append(contentsOf: "null".utf8) }
    func bool(_ b: Bool) { out.append(contentsOf: (b ? "true" : "false").utf8) }
    func double(_ d: Double) { d.isFinite ? out.append(contentsOf: d.description.utf8) : null() }
    func number(_ digits: String) { out.append(contentsOf: digits.utf8) }
}

/// The encoder of one value: a small value (three words), so handing it out as `any Encoder`
/// allocates nothing.
private struct StreamEncoder: Encoder {
    let stream: AnswerStream
    let start: Int
    /// serial (high 32 bits), mark (16), path depth (16).
    let packed: UInt64

    init(stream: AnswerStream, at p: AnswerStream.Position, pathDepth: Int) {
        self.stream = stream
        start = p.start
        packed = UInt64(p.serial) << 32 | UInt64(p.mark & 0xFFFF) << 16 | UInt64(pathDepth & 0xFFFF)
    }

    var position: AnswerStream.Position {
        AnswerStream.Position(serial: Int(packed >> 32), mark: Int((packed >> 16) & 0xFFFF), start: start)
    }

    var codingPath: [any CodingKey] { stream.codingPath(Int(packed & 0xFFFF)) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (index, serial) = stream.container(object: true, at: position)
        return KeyedEncodingContainer(KeyedStream<Key>(stream: stream, index: index, serial: serial, pathDepth: Int(packed & 0xFFFF)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (index, serial) = stream.container(object: false, at: position)
        return UnkeyedStream(stream: stream, index: index, serial: serial, pathDepth: Int(packed & 0xFFFF))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleStream(encoder: self) }
}

private struct KeyedStream<Key: CodingKey>: NullWritingContainer {
    let stream: AnswerStream
    let index: Int
    let serial: Int
    let pathDepth: Int
    var codingPath: [any CodingKey] { stream.codingPath(pathDepth) }

    private func member(_ key: Key) throws -> AnswerStream.Position { try stream.member(key.stringValue, index, serial) }

    mutating func encodeNil(forKey key: Key) throws {
        _ = try member(key)
        stream.null()
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try stream.write(value, at: try member(key), key: key) }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        _ = try member(key)
        stream.bool(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        _ = try member(key)
        JSONObject.appendQuoted(value, to: &stream.out)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        _ = try member(key)
        stream.double(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        _ = try member(key)
        stream.double(Double(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    private func integer(_ value: some BinaryInteger, _ key: Key) throws {
        _ = try member(key)
        stream.number(String(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        guard let p = try? member(key) else { return KeyedEncodingContainer(KeyedStream<NestedKey>(stream: stream, index: -1, serial: -1, pathDepth: pathDepth)) }
        return StreamEncoder(stream: stream, at: p, pathDepth: pathDepth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        guard let p = try? member(key) else { return UnkeyedStream(stream: stream, index: -1, serial: -1, pathDepth: pathDepth) }
        return StreamEncoder(stream: stream, at: p, pathDepth: pathDepth).unkeyedContainer()
    }

    // An encoder handed out for later may be left empty, which one pass cannot go back and
    // fill with `{}`: the tree encodes these.
    mutating func superEncoder() -> any Encoder { broken() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { broken() }

    private func broken() -> any Encoder {
        _ = stream.fail()
        return StreamEncoder(stream: stream, at: stream.root(), pathDepth: 0)
    }
}

private struct UnkeyedStream: UnkeyedEncodingContainer {
    let stream: AnswerStream
    let index: Int
    let serial: Int
    let pathDepth: Int
    var codingPath: [any CodingKey] { stream.codingPath(pathDepth) }
    var count: Int { index >= 0 && index < stream.frames.count && stream.frames[index].serial == serial ? stream.frames[index].count : 0 }

    private func next() throws -> AnswerStream.Position { try stream.next(index, serial) }

    mutating func encodeNil() throws {
        _ = try next()
        stream.null()
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let p = try next()
        try stream.write(value, at: p, key: IndexKey(count - 1))
    }
    mutating func encode(_ value: Bool) throws {
        _ = try next()
        stream.bool(value)
    }
    mutating func encode(_ value: String) throws {
        _ = try next()
        JSONObject.appendQuoted(value, to: &stream.out)
    }
    mutating func encode(_ value: Double) throws {
        _ = try next()
        stream.double(value)
    }
    mutating func encode(_ value: Float) throws {
        _ = try next()
        stream.double(Double(value))
    }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    private func integer(_ value: some BinaryInteger) throws {
        _ = try next()
        stream.number(String(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        guard let p = try? next() else { return KeyedEncodingContainer(KeyedStream<NestedKey>(stream: stream, index: -1, serial: -1, pathDepth: pathDepth)) }
        return StreamEncoder(stream: stream, at: p, pathDepth: pathDepth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        guard let p = try? next() else { return UnkeyedStream(stream: stream, index: -1, serial: -1, pathDepth: pathDepth) }
        return StreamEncoder(stream: stream, at: p, pathDepth: pathDepth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _ = stream.fail()
        return StreamEncoder(stream: stream, at: stream.root(), pathDepth: 0)
    }
}

private struct SingleStream: SingleValueEncodingContainer {
    let encoder: StreamEncoder
    private var stream: AnswerStream { encoder.stream }
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func scalar() throws { try stream.scalar(at: encoder.position) }

    mutating func encodeNil() throws {
        try scalar()
        stream.null()
    }
    mutating func encode(_ value: Bool) throws {
        try scalar()
        stream.bool(value)
    }
    mutating func encode(_ value: String) throws {
        try scalar()
        JSONObject.appendQuoted(value, to: &stream.out)
    }
    mutating func encode(_ value: Double) throws {
        try scalar()
        stream.double(value)
    }
    mutating func encode(_ value: Float) throws {
        try scalar()
        stream.double(Double(value))
    }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    private func integer(_ value: some BinaryInteger) throws {
        try scalar()
        stream.number(String(value))
    }

    mutating func encode<T: Encodable>(_ value: T) throws { try stream.write(value, at: encoder.position) }
}
