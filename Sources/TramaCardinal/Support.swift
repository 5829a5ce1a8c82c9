/// A dictionary that remembers the order in which keys first arrived and compares keys byte for
/// byte. cardinal's accumulators are Rust `HashMap`s, iterated in no fixed order; where that order
/// reaches the output (the order of identifiers in a group), TramaCardinal uses first arrival in
/// the file, which is what cardinal prints for the single-process examples and is stable.
struct OrderedMap<Value> {
    private(set) var keys: [String] = []
    private(set) var values: [Value] = []
    private var positions: [ByteKey: Int] = [:]

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    subscript(key: String) -> Value? {
        positions[ByteKey(key)].map { values[$0] }
    }

    /// Sets a value, keeping the key's first position.
    mutating func set(_ key: String, _ value: Value) {
        if let i = positions[ByteKey(key)] {
            values[i] = value
        } else {
            positions[ByteKey(key)] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// Edits the value for `key`, creating it with `initial` first if needed.
    mutating func update(_ key: String, default initial: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        let i: Int
        if let found = positions[ByteKey(key)] {
            i = found
        } else {
            i = keys.count
            positions[ByteKey(key)] = i
            keys.append(key)
            values.append(initial())
        }
        body(&values[i])
    }

    var entries: Zip2Sequence<[String], [Value]> { zip(keys, values) }
}

/// A set of strings that keeps arrival order and compares byte for byte.
struct OrderedSet {
    private(set) var elements: [String] = []
    private var members: Set<ByteKey> = []

    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }

    func contains(_ s: String) -> Bool { members.contains(ByteKey(s)) }

    @discardableResult
    mutating func insert(_ s: String) -> Bool {
        guard members.insert(ByteKey(s)).inserted else { return false }
        elements.append(s)
        return true
    }

    /// Set equality, ignoring order.
    func sameMembers(as other: OrderedSet) -> Bool { members == other.members }
}

/// cardinal's pipe-separated lists: Rust's `split_terminator('|')`, which drops one empty piece at
/// the end, so `""` is the empty set, `"a|"` is `{a}` and `"a||"` is `{a, ""}`.
func pipeSeparated(_ value: String?) -> Set<ByteKey> {
    guard let value else { return [] }
    var pieces = value.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    if pieces.last == "" { pieces.removeLast() }
    return Set(pieces.map(ByteKey.init))
}

/// An RFC 3339 timestamp as chrono's `DateTime::parse_from_rfc3339` reads it, reduced to what R003
/// needs: the UTC day, second of that day and fraction (with chrono's leap-second encoding: a
/// second of 60 is second 59 with 10⁹ extra nanoseconds).
struct RFC3339Instant: Sendable, Equatable {
    var day: Int64
    var second: Int64
    var nanosecond: Int64

    /// Accepts `YYYY-MM-DD` `T`/`t`/space `hh:mm:ss`, an optional `.` and 1 or more digits (only
    /// the first 9 count), then `Z`/`z` or `±hh:mm` (hours 00–23; `−`, U+2212, also counts as
    /// minus), and nothing after. The date must exist; the time must be a real time of day.
    init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count >= 19 else { return nil }
        func digit(_ i: Int) -> Int64? {
            let c = b[i]
            return c >= 48 && c <= 57 ? Int64(c - 48) : nil
        }
        func two(_ i: Int) -> Int64? {
            guard let a = digit(i), let c = digit(i + 1) else { return nil }
            return a * 10 + c
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3), b[4] == UInt8(ascii: "-"),
            let month = two(5), b[7] == UInt8(ascii: "-"), let dayOfMonth = two(8)
        else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        guard (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= Self.daysInMonth(year, month) else { return nil }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[10]),
            let hour = two(11), b[13] == UInt8(ascii: ":"), let minute = two(14), b[16] == UInt8(ascii: ":"),
            var sec = two(17)
        else { return nil }
        var nano: Int64 = 0
        if sec == 60 {
            sec = 59
            nano = 1_000_000_000
        }
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var value: Int64 = 0
            var digits = 0
            while i < b.count, digits < 9, let d = digit(i) {
                value = value * 10 + d
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { value *= 10 }
            while i < b.count, digit(i) != nil { i += 1 }
            nano += value
        }
        guard hour < 24, minute < 60, sec < 60, nano < 2_000_000_000, nano < 1_000_000_000 || sec == 59 else { return nil }
        // The offset.
        guard i < b.count else { return nil }
        var offset: Int64
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            offset = 0
            i += 1
        } else {
            let negative: Bool
            if b[i] == UInt8(ascii: "+") {
                negative = false
                i += 1
            } else if b[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            } else if i + 2 < b.count, b[i] == 0xE2, b[i + 1] == 0x88, b[i + 2] == 0x92 {  // U+2212
                negative = true
                i += 3
            } else {
                return nil
            }
            guard i + 1 < b.count, let oh = two(i) else { return nil }
            i += 2
            guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard i + 1 < b.count, let m1 = digit(i), m1 <= 5, let m2 = digit(i + 1) else { return nil }
            i += 2
            offset = oh * 3600 + (m1 * 10 + m2) * 60
            if negative { offset = -offset }
            guard abs(offset) < 86_400 else { return nil }
        }
        guard i == b.count else { return nil }
        let local = hour * 3600 + minute * 60 + sec - offset
        day = Self.daysFromCivil(year, month, dayOfMonth) + Self.floorDiv(local, 86_400)
        second = local - Self.floorDiv(local, 86_400) * 86_400
        nanosecond = nano
    }

    /// Whole days from `start` to `self`, as chrono's `(end - start).num_days()`: the difference
    /// truncated toward zero, with chrono's leap-second rule.
    func wholeDays(since start: RFC3339Instant) -> Int64 {
        var secs = second - start.second
        let frac = nanosecond - start.nanosecond
        if second > start.second && start.nanosecond >= 1_000_000_000 {
            secs += 1
        } else if second < start.second && nanosecond >= 1_000_000_000 {
            secs -= 1
        }
        let total = (day - start.day) * 86_400 + secs + Self.floorDiv(frac, 1_000_000_000)
        let nanos = frac - Self.floorDiv(frac, 1_000_000_000) * 1_000_000_000
        let wholeSeconds = total < 0 && nanos > 0 ? total + 1 : total
        return wholeSeconds / 86_400
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
