/// A calendar day, counted from 1970-01-01 (the proleptic Gregorian calendar, no time zone).
///
/// Relationships in investigative data are dated to the day (a share bought, a post taken,
/// a bid filed), so the engine keeps validity as whole days in 32 bits per bound.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The earliest representable day, used as "valid since always".
    public static let distantPast = Day(rawValue: Int32.min)
    /// The latest representable day, used as "still valid".
    public static let distantFuture = Day(rawValue: Int32.max)

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.rawValue = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
    public init?(iso text: some StringProtocol) {
        // A String's bytes are read in place: importers parse millions of dates.
        guard let parsed = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Array(text.utf8).withUnsafeBufferPointer(Self.parse) else {
            return nil
        }
        self.init(year: parsed.year, month: parsed.month, day: parsed.day)
    }

    private static func parse(_ u: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return (y, m, d)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        // Importers write millions of dates: ten digits and dashes into a small string, no
        // intermediate strings (years outside 0...9999 take the general path below).
        if (0...9999).contains(y) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
                func digits(_ v: Int, _ at: Int, _ width: Int) {
                    var v = v
                    for i in stride(from: at + width - 1, through: at, by: -1) {
                        b[i] = UInt8(48 + v % 10)
                        v /= 10
                    }
                }
                digits(y, 0, 4)
                b[4] = UInt8(ascii: "-")
                digits(m, 5, 2)
                b[7] = UInt8(ascii: "-")
                digits(d, 8, 2)
                return String(decoding: b, as: UTF8.self)
            }
        }
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// `YYYY-MM-DD`, or nil for the open ends ``distantPast`` and ``distantFuture``.
    public var boundedISO: String? { self == .distantPast || self == .distantFuture ? nil : iso }

    public var description: String {
        switch self {
        case .distantPast: "-infinity"
        case .distantFuture: "infinity"
        default: iso
        }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.rawValue < rhs.rawValue }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// The days on which a relationship holds, both ends inclusive.
public struct Validity: Hashable, Sendable {
    public var from: Day
    public var to: Day

    public init(from: Day = .distantPast, to: Day = .distantFuture) {
        self.from = from
        self.to = to
    }

    public static let always = Validity()

    public func contains(_ day: Day) -> Bool { from <= day && day <= to }

    /// Whether some day lies in both intervals.
    public func overlaps(_ other: Validity) -> Bool { from <= other.to && other.from <= to }
}
