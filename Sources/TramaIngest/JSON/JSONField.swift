import Foundation
import TramaGraph

/// Reading fields of a parsed JSON object, the way every JSON importer needs them: absent,
/// null, empty and wrongly-typed values are all "not given".
enum JSONField {
    static func object(_ v: Any?) -> [String: Any]? { v as? [String: Any] }

    /// The objects of an array (other elements skipped).
    static func array(_ v: Any?) -> [[String: Any]] { (v as? [Any] ?? []).compactMap { $0 as? [String: Any] } }

    /// A non-empty string, or a number as text.
    static func text(_ v: Any?) -> String? {
        switch v {
        case let s as String: s.isEmpty ? nil : s
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }

    /// The day of a date or date-time (its first ten characters).
    static func day(_ v: Any?) -> Day? { text(v).flatMap { Day(iso: $0.prefix(10)) } }
}
