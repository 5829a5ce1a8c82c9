import Foundation

/// The name a user gives what they save (an investigation, a watchlist, a rule): trimmed,
/// visible, without control characters, at most 200 characters as the database counts them.
enum SavedName {
    static func checked(_ name: String, parameter: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServiceError.badParameter(name: parameter, reason: "needs a visible name, without control characters")
        }
        // Counted as the database counts (code points): "👍🏻" is one character and two.
        guard trimmed.unicodeScalars.count <= 200 else { throw ServiceError.limitExceeded(name: parameter, limit: 200) }
        return trimmed
    }
}
