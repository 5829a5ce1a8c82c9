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
}
