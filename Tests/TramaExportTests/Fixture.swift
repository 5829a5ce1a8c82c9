import Foundation
import Testing
import TramaExport

/// A small graph with what trips exporters up: two parallel `owns` edges and a `director_of`
/// between the same two nodes, text with `<&">'`, accents and a control character, numbers, a
/// boolean, a nested array and object, a property that is a number on one node and text on
/// another, a key with spaces, a node without a name, dates given, half given and absent, and an
/// edge to a node the selection left out.
enum Fixture {
    static let firm = "firm:MX-RFC-ABC010101AB1"
    static let person = "person:P-1"
    static let agency = "agency:AG-1"
    static let address = "address:RUA A 100"
    static let tender = "tender:T-1"
    static let firmName = "Constructora <Ñandú> & \"Hijos\" 'SA'"

    static let graph = ExportGraph(
        description: "2 hops around \(firm)",
        datasets: [
            .init(name: "gras-mx", format: "gras", digest: "ab12", importedAt: "2024-05-02T10:00:00Z", files: [.init(name: "firms.csv", sha256: "cd34", rows: 3)]),
            .init(name: "ftm-de", format: "ftm", digest: "ef56", importedAt: "2023-11-30 08:00:00+00"),
        ],
        nodes: [
            .init(
                kind: "firm", key: "MX-RFC-ABC010101AB1", name: firmName,
                propertiesJSON: #"{"tax_id":"ABC010101AB1","employees":120,"capital":1.5e6,"sectors":["obra","vías",{"código":7}],"listed":false,"note":"línea 1\nlínea 2\u0001","empty":null}"#,
                dataset: "gras-mx", source: "firms.csv:2"),
            .init(kind: "person", key: "P-1", name: "Ana Díaz", propertiesJSON: #"{"birth":"1970-01-31","employees":"n/a"}"#, dataset: "gras-mx", source: "people.csv:5"),
            .init(kind: "agency", key: "AG-1", name: "Secretaría de Obras", propertiesJSON: "{}", dataset: "gras-mx", source: "agencies.csv:2"),
            .init(kind: "address", key: "RUA A 100", name: nil, propertiesJSON: "{}", dataset: "gras-mx", source: "firms.csv:2"),
        ],
        edges: [
            .init(id: 6, kind: "bid", from: firm, to: tender, validFrom: "2022-03-04", propertiesJSON: #"{"value":99,"won":true}"#, dataset: "gras-mx", source: "bids.csv:9"),
            .init(id: 1, kind: "owns", from: person, to: firm, validFrom: "2019-02-01", validTo: "2021-01-31", propertiesJSON: #"{"Share":25.0}"#, dataset: "gras-mx", source: "shareholders.csv:2"),
            .init(id: 2, kind: "owns", from: person, to: firm, propertiesJSON: #"{"Share":10}"#, dataset: "ftm-de", source: "de.json:4"),
            .init(id: 3, kind: "director_of", from: person, to: firm, validTo: "2020-12-31", propertiesJSON: "{}", dataset: "gras-mx", source: "boards.csv:3"),
            .init(id: 4, kind: "paid", from: firm, to: agency, validFrom: "2021-06-30", propertiesJSON: #"{"value":1500.5,"meta":{"k":[1,2]}}"#, dataset: "gras-mx", source: "payments.csv:7"),
            .init(id: 5, kind: "registered_at", from: firm, to: address, propertiesJSON: "{}", dataset: "gras-mx", source: "firms.csv:2"),
        ])

    /// Nodes once the edge to the tender brings its bare node.
    static let nodeCount = 5
    static let edgeCount = 6

    static func file(_ format: ExportFormat, named name: String? = nil) throws -> ExportFile {
        let files = export(graph, as: format)
        return try #require(name == nil ? files.first : files.first { $0.name == name })
    }

    static func text(_ format: ExportFormat, named name: String? = nil) throws -> String {
        String(decoding: try file(format, named: name).bytes, as: UTF8.self)
    }

    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")

    /// Writes the bytes to a temporary file for an external tool; the caller removes it.
    static func temporary(_ bytes: [UInt8], suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trama-export-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        return url
    }
}

/// Runs `xmllint --noout --nonet --schema` and returns its exit status and messages. The test
/// fails, never skips, without xmllint: a validation that did not run is not a pass.
func xmllint(schema: URL, file: URL) throws -> (status: Int32, output: String)? {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/xmllint" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else {
        Issue.record("xmllint is not installed: install the Debian package libxml2-utils (apt-get install libxml2-utils) to validate exports")
        return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["--noout", "--nonet", "--schema", schema.path, file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// RFC 4180 records: fields split at commas outside quotes, `""` inside quotes a quote, records
/// ending CRLF (a line break inside quotes is part of the field). A field that was quoted is
/// told apart from an unquoted one, so an empty string and a missing value differ.
func parseCSV(_ text: String) -> [[(value: String, quoted: Bool)]] {
    var records: [[(String, Bool)]] = []
    var record: [(String, Bool)] = []
    var field = ""
    var quoted = false
    var inQuotes = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" {
                    field.unicodeScalars.append("\"")
                    chars.removeFirst()
                } else {
                    inQuotes = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            inQuotes = true
            quoted = true
        } else if c == "," {
            record.append((field, quoted))
            field = ""
            quoted = false
        } else if c == "\r", chars.first == "\n" {
            chars.removeFirst()
            record.append((field, quoted))
            records.append(record)
            record = []
            field = ""
            quoted = false
        } else {
            field.unicodeScalars.append(c)
        }
    }
    return records.map { $0.map { (value: $0.0, quoted: $0.1) } }
}

/// A DOT statement as the tests read it back: its ids (one for a node, two for an edge) and its
/// attributes with DOT's quoting undone (`\"` and `\\`, and `\n` as a line break).
struct DOTStatement {
    var ids: [String]
    var attributes: [String: String]
}

/// Reads the statements of a DOT file of the shape the exporter writes: `graph [...]`,
/// `"a" [...]` and `"a" -> "b" [...]`, one per line.
func parseDOT(_ text: String) throws -> [DOTStatement] {
    var statements: [DOTStatement] = []
    var s = Array(text.unicodeScalars)[...]
    func skipSpace() { while let c = s.first, c == " " || c == "\n" || c == "\t" { s.removeFirst() } }
    func token() throws -> String {
        skipSpace()
        guard let c = s.first else { throw DOTParseError(reason: "unexpected end") }
        if c == "\"" {
            s.removeFirst()
            var out = ""
            while let c = s.popFirst() {
                if c == "\"" { return out }
                if c == "\\", let n = s.popFirst() {
                    switch n {
                    case "n": out += "\n"
                    case "r": out += "\r"
                    default: out.unicodeScalars.append(n)
                    }
                } else {
                    out.unicodeScalars.append(c)
                }
            }
            throw DOTParseError(reason: "unterminated string")
        }
        if "[]=;,{}".unicodeScalars.contains(c) { return String(s.removeFirst()) }
        if c == "-", s.dropFirst().first == ">" {
            s.removeFirst(2)
            return "->"
        }
        var out = ""
        while let c = s.first, !" \n\t[]=;,{}\"".unicodeScalars.contains(c) { out.unicodeScalars.append(s.removeFirst()) }
        return out
    }
    guard try token() == "digraph" else { throw DOTParseError(reason: "not a digraph") }
    _ = try token()
    guard try token() == "{" else { throw DOTParseError(reason: "no body") }
    while true {
        var first = try token()
        if first == "}" { break }
        var ids = [first]
        first = try token()
        if first == "->" {
            ids.append(try token())
            first = try token()
        }
        guard first == "[" else { throw DOTParseError(reason: "expected attributes after \(ids)") }
        var attributes: [String: String] = [:]
        while true {
            let name = try token()
            if name == "]" { break }
            if name == "," { continue }
            guard try token() == "=" else { throw DOTParseError(reason: "expected = after \(name)") }
            attributes[name] = try token()
        }
        guard try token() == ";" else { throw DOTParseError(reason: "expected ;") }
        statements.append(DOTStatement(ids: ids, attributes: attributes))
    }
    return statements
}

struct DOTParseError: Error {
    var reason: String
}
