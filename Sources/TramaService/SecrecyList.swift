import Foundation
public import TramaAnalysis

extension SecrecyJurisdictions {
    /// A list of secrecy jurisdictions from a CSV file: `code,name` per line (ISO 3166-1 alpha-2,
    /// then the name sources may write instead), an optional `code,name` header, and `# source:`
    /// and `# date:` comments naming where the list comes from and when it was published.
    public static func read(path: String) throws -> SecrecyJurisdictions {
        guard let data = FileManager.default.contents(atPath: path) else { throw ServiceError.unreadable(file: path, reason: "no such file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ServiceError.unreadable(file: path, reason: "not UTF-8") }
        return try parse(text, file: path, source: (path as NSString).lastPathComponent)
    }

    /// The same list given as text (the explorer's scan form); `file` names it in errors,
    /// `source` is its source when no `# source:` comment says otherwise.
    public static func parse(_ text: String, file: String, source: String) throws -> SecrecyJurisdictions {
        let path = file
        var source = source
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

    /// The most jurisdictions a list given over the API may name (ISO 3166-1 has 249 codes).
    public static let maximumJurisdictions = 250

    /// A list given in a request (`secrecy_list`), checked as the file reader checks a file: two-
    /// letter codes (upper-cased), names, a source; `parameter` names it in errors.
    public func checked(parameter: String) throws -> SecrecyJurisdictions {
        func check(_ ok: Bool, _ name: String, _ reason: String) throws {
            if !ok { throw ServiceError.badParameter(name: "\(parameter).\(name)", reason: reason) }
        }
        try check((1...200).contains(source.count), "source", "must name where the list comes from (1 to 200 characters)")
        try check(date.count <= 32, "date", "must be at most 32 characters")
        try check((1...Self.maximumJurisdictions).contains(jurisdictions.count), "jurisdictions", "must list 1 to \(Self.maximumJurisdictions) jurisdictions")
        var out = self
        for (i, j) in jurisdictions.enumerated() {
            try check(j.code.count == 2 && j.code.allSatisfy { $0.isASCII && $0.isLetter }, "jurisdictions[\(i)].code", "must be a two-letter ISO 3166-1 code")
            try check((1...100).contains(j.name.count), "jurisdictions[\(i)].name", "must be 1 to 100 characters")
            out.jurisdictions[i].code = j.code.uppercased()
        }
        return out
    }
}
