import Foundation
public import TramaAnalysis

extension SecrecyJurisdictions {
    /// A list of secrecy jurisdictions from a CSV file: `code,name` per line (ISO 3166-1 alpha-2,
    /// then the name sources may write instead), an optional `code,name` header, and `# source:`
    /// and `# date:` comments naming where the list comes from and when it was published.
    public static func read(path: String) throws -> SecrecyJurisdictions {
        guard let data = FileManager.default.contents(atPath: path) else { throw ServiceError.unreadable(file: path, reason: "no such file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ServiceError.unreadable(file: path, reason: "not UTF-8") }
        var source = (path as NSString).lastPathComponent
        var date = ""
        var jurisdictions: [Jurisdiction] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment.lowercased().hasPrefix("source:") { source = comment.dropFirst(7).trimmingCharacters(in: .whitespaces) }
                if comment.lowercased().hasPrefix("date:") { date = comment.dropFirst(5).trimmingCharacters(in: .whitespaces) }
                continue
            }
            let fields = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if jurisdictions.isEmpty, fields.first?.lowercased() == "code" { continue }
            guard fields.count == 2, fields[0].count == 2, fields[0].allSatisfy({ $0.isASCII && $0.isLetter }), !fields[1].isEmpty else {
                throw ServiceError.unreadable(
                    file: "\(path):\(i + 1)", reason: "field code: expected `code,name` with a two-letter ISO 3166-1 code, found '\(line.prefix(80))'")
            }
            jurisdictions.append(Jurisdiction(code: fields[0].uppercased(), name: fields[1]))
        }
        guard !jurisdictions.isEmpty else { throw ServiceError.unreadable(file: path, reason: "no jurisdictions listed") }
        return SecrecyJurisdictions(source: source, date: date, jurisdictions: jurisdictions)
    }
}
