/// What the analyses' parameter files share.
enum Parameters {
    /// A parameter file naming a parameter the analysis does not have is an error, not a
    /// silently ignored typo (`topLoserMinBids` would otherwise leave the default in force).
    static func rejectUnknownKeys(in decoder: any Decoder, known: [String]) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [], debugDescription: "unknown parameter(s) \(unknown.sorted().joined(separator: ", ")); known: \(known.sorted().joined(separator: ", "))"))
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A parameter's value outside what the analysis can use: refused when the parameters are
    /// read, naming the parameter, rather than left to crash a screen (a negative size) or run
    /// for hours (ten billion permutations).
    static func require(_ ok: Bool, _ name: String, _ value: Any, _ range: String) throws {
        guard ok else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "parameter \(name) is \(value): it must be \(range)"))
        }
    }
}
