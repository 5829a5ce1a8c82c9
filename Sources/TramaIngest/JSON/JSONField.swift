import Foundation
import TramaGraph

/// Reading fields of a JSON object, the way every JSON importer needs them: absent, null,
/// empty and wrongly-typed values are all "not given".
enum JSONField {
    static func object(_ v: RawJSON?) -> RawJSON? { v?.isObject == true ? v : nil }

    /// The objects of an array (other elements skipped).
    static func array(_ v: RawJSON?) -> [RawJSON] { v?.objects ?? [] }

    /// A non-empty string, or a number as text.
    static func text(_ v: RawJSON?) -> String? { v?.text }

    /// The day of a date or date-time (its first ten characters).
    static func day(_ v: RawJSON?) -> Day? { text(v).flatMap { Day(iso: $0.prefix(10)) } }
    static func day(_ v: String?) -> Day? { v.flatMap { Day(iso: $0.prefix(10)) } }
}
