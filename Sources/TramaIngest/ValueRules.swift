import Foundation
import TramaGraph

/// The value rules every importer holds, in one place and one wording, so that a date, an
/// amount or a share is accepted or refused the same way whichever format brought it — a GRAS
/// table, OCDS, BODS or FollowTheMoney. Each rule returns why a value is refused, or nil.
///
/// - Dates are calendar days (`YYYY-MM-DD`, or a date-time starting with one): `2021-02-30` is
///   refused everywhere. Formats that publish partial dates (FollowTheMoney, BODS birth dates)
///   may give `YYYY` or `YYYY-MM`.
/// - Numbers are finite: NaN, an infinity or a number beyond a double's range is refused (the
///   JSON reader refuses such a literal where it stands).
/// - Amounts of money a bid, price, award or contract states are not negative; shares are
///   percentages from 0 to 100.
/// - Text holds no NUL character (a `\u0000` escape in JSON, a 0x00 byte in CSV): PostgreSQL
///   can store none, and the whole import's COPY would fail on it.
public enum ValueRules {
    public static let notADate = "is not a date (expected YYYY-MM-DD)"
    public static let notFinite = "is not a finite number"
    public static let negativeAmount = "is negative: a bid, price or contract value cannot be"
    public static let notAShare = "is not a percentage from 0 to 100"
    public static let nul = "a NUL character (\\u0000 or byte 0), which PostgreSQL cannot store"
    /// The longest value a field may hold, in UTF-8 bytes. Real names, addresses and titles are
    /// far shorter (a long agency name runs to a few hundred); a field of megabytes is an error
    /// or an attack, and would make every map near its entity lay out for minutes.
    public static let maximumFieldBytes = 10_000

    /// Why a text field is refused for its length, or nil.
    public static func lengthProblem(_ text: some StringProtocol) -> String? {
        text.utf8.count > maximumFieldBytes ? "is \(text.utf8.count) bytes long, above the limit of \(maximumFieldBytes)" : nil
    }

    /// Why `text` is not a date, or nil.
    public static func dateProblem(_ text: String, partial: Bool = false) -> String? {
        let t = trimmed(text)
        if partial, Self.isPartialDate(t) { return nil }
        guard t.utf8.count >= 10, Day(iso: t.prefix(10)) != nil else { return notADate }
        if t.utf8.count > 10 {
            let next = t.utf8[t.utf8.index(t.utf8.startIndex, offsetBy: 10)]
            guard next == UInt8(ascii: "T") || next == UInt8(ascii: " ") else { return notADate }
        }
        return nil
    }

    /// `YYYY` or `YYYY-MM` with a month from 01 to 12.
    static func isPartialDate(_ t: String) -> Bool {
        let b = Array(t.utf8)
        func digits(_ r: Range<Int>) -> Bool { b[r].allSatisfy { (48...57).contains($0) } }
        if b.count == 4 { return digits(0..<4) }
        if b.count == 7, digits(0..<4), b[4] == UInt8(ascii: "-"), digits(5..<7), let m = Int(String(decoding: b[5..<7], as: UTF8.self)) {
            return (1...12).contains(m)
        }
        return false
    }

    /// Why a stated amount of money is refused, or nil.
    public static func amountProblem(_ value: Double) -> String? {
        guard value.isFinite else { return notFinite }
        return value < 0 ? negativeAmount : nil
    }

    /// Why a share is refused, or nil.
    public static func shareProblem(_ value: Double) -> String? {
        guard value.isFinite else { return notFinite }
        return (0...100).contains(value) ? nil : notAShare
    }

    /// A number written as text (FollowTheMoney's property values are strings): the number, or
    /// why it is not one.
    public static func number(_ text: String) -> Result<Double, ValueProblem> {
        // NaN and the infinities parse, and are not finite.
        guard let d = Double(trimmed(text)), d.isFinite else { return .failure(ValueProblem(notFinite)) }
        return .success(d)
    }

    /// `text` without the spaces around it (`CharacterSet.whitespaces`). Most values have none,
    /// and Foundation's trimming goes through `NSString` each time: a fifth of a FollowTheMoney
    /// import was spent there, and 1.5% of a server's CPU answering paths (resolving both ends).
    public static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func plain(_ c: UInt8) -> Bool { c < 0x80 && c != 0x20 && c != 0x09 }
        return plain(first) && plain(last) ? text : text.trimmingCharacters(in: .whitespaces)
    }
}

/// A value refused by a rule, with the rule's words.
public struct ValueProblem: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// One value of a JSON item refused: where it is (a JSON path), what it is, and why.
struct ItemProblem: Sendable, Hashable {
    var path: String
    var value: String
    var reason: String
}
