import Foundation
import Testing
import TramaDocument

/// Runs a command-line tool found on PATH with `input` on stdin; returns its stdout.
/// A missing tool fails the test with `missing`, which says what to install.
func run(_ tool: String, _ arguments: [String], input: [UInt8] = [], missing: String) throws -> [UInt8] {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(tool)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    let executable = try #require(path, "\(tool) not found on PATH: \(missing)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    // A writer thread, so that a tool that writes before it has read everything cannot block.
    let writer = Thread {
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    return Array(output)
}

/// poppler-utils' view of a PDF: its text, page by page, and its info dictionary.
struct Poppler {
    static let missing = "install poppler-utils (apt-get install poppler-utils)"
    let file: URL

    init(_ pdf: [UInt8]) throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("trama-document-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: file) }

    /// The text of each page (pdftotext separates pages with a form feed).
    func pages() throws -> [String] {
        let text = String(decoding: try run("pdftotext", ["-enc", "UTF-8", file.path, "-"], missing: Self.missing), as: UTF8.self)
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// `pdfinfo`'s fields (`Pages`, `Title`, `Creator`, `CreationDate`, …).
    func info() throws -> [String: String] {
        let text = String(decoding: try run("pdfinfo", [file.path], missing: Self.missing), as: UTF8.self)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Every word's box, in points from the page's top left, as `pdftotext -bbox` reports them.
    func words() throws -> [(page: Int, word: String, xMin: Double, xMax: Double, yMin: Double, yMax: Double)] {
        let html = String(decoding: try run("pdftotext", ["-bbox", file.path, "-"], missing: Self.missing), as: UTF8.self)
        var words: [(Int, String, Double, Double, Double, Double)] = []
        var page = 0
        for line in html.split(separator: "\n") {
            if line.contains("<page ") { page += 1 }
            guard line.contains("<word ") else { continue }
            func attribute(_ name: String) -> Double {
                guard let range = line.range(of: "\(name)=\"") else { return .nan }
                return Double(line[range.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            let word = line.split(separator: ">", maxSplits: 1).last.map { String($0.prefix { $0 != "<" }) } ?? ""
            words.append((page, word, attribute("xMin"), attribute("xMax"), attribute("yMin"), attribute("yMax")))
        }
        return words
    }
}

enum Samples {
    /// A 4 × 2 red PNG.
    static let tinyPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00,
        0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xF0, 0xCA, 0xEA, 0x34, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63,
        0x38, 0x61, 0x63, 0x03, 0x47, 0x0C, 0xC8, 0x1C, 0x00, 0x86, 0x7A, 0x0A, 0x01, 0x47, 0x63, 0x24, 0xB6, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// A small network drawn by Graphviz's `dot`, as the service draws its maps.
    static func networkPNG() throws -> [UInt8] {
        let dot = """
            digraph g { rankdir=LR; node [shape=box, style="rounded,filled", fillcolor="#f3f0e8", fontname="DejaVu Sans"];
              edge [fontname="DejaVu Sans", fontsize=10];
              p [label="Fabio Costa"]; a [label="Alfa Obras S.A."]; b [label="Beta Engenharia Ltda."]; t [label="Tender T1"];
              p -> a [label="owns 60%"]; p -> b [label="owns 40%"]; a -> t [label="bid, won"]; b -> t [label="bid, lost"]; }
            """
        return try run("dot", ["-Tpng"], input: Array(dot.utf8), missing: "install graphviz (apt-get install graphviz)")
    }

    /// A chain of 40 nodes, top to bottom: a picture far taller than a page.
    static func tallPNG() throws -> [UInt8] {
        let dot = "digraph g { " + (0..<40).map { "n\($0) -> n\($0 + 1);" }.joined() + " }"
        return try run("dot", ["-Tpng"], input: Array(dot.utf8), missing: "install graphviz (apt-get install graphviz)")
    }

    static func hash(_ n: Int) -> String {
        var state = UInt64(n) &* 0x9E37_79B9_7F4A_7C15 | 1
        var hex = ""
        for _ in 0..<4 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let word = String(state, radix: 16)
            hex += String(repeating: "0", count: 16 - word.count) + word
        }
        return hex
    }

    static let columns = [
        Table.Column("Record id", monospace: true, width: 1.1),
        Table.Column("Payer", width: 1.8),
        Table.Column("Payee", width: 1.8),
        Table.Column("Amount (BRL)", alignment: .trailing, width: 1.3),
        Table.Column("SHA-256 of the source record", monospace: true, width: 3.5),
    ]

    /// `count` payment rows, each with its id, parties, amount and the source record's hash.
    static func payments(_ count: Int) -> Table {
        let payers = ["Ministry of Roads", "Municipality of São José", "State Water Company"]
        let payees = ["Alfa Obras S.A.", "Beta Engenharia e Construções Ltda.", "Gama Serviços"]
        let rows = (1...count).map { n -> [Table.Cell] in
            let amount = (n * 7919 % 100_000) * 100 + n % 100
            return [
                [.code("row-\(String(repeating: "0", count: 4 - String(n).count))\(n)")],
                [.text(payers[n % payers.count])],
                [.text(payees[n % payees.count])],
                [.text("\(amount / 100).\(amount % 100 < 10 ? "0" : "")\(amount % 100)")],
                [.text(hash(n))],
            ]
        }
        return Table(columns: columns, rows: rows, caption: "Payments from the agency to the firms")
    }

    /// The evidence report a prosecutor files: facts, a path table, a map, a warning.
    static func evidenceReport(map: [UInt8]) -> Document {
        Document(
            title: "How Alfa Obras S.A. and Beta Engenharia Ltda. are connected",
            subtitle: "Evidence report · case 2026/0417 · 2 hops",
            generated: "2026-12-04 14:00 UTC",
            blocks: [
                .note(
                    kind: .warning,
                    [
                        .strong("A connection is not proof of wrongdoing. "),
                        "It shows which records link the two firms; what they mean is for the investigation to establish.",
                    ]),
                .heading(level: 1, ["Parties"]),
                .facts([
                    Fact("Firm A", [.strong("Alfa Obras S.A."), " (tax id ", .code("12.345.678/0001-90"), ")"]),
                    Fact("Firm B", [.strong("Beta Engenharia e Construções Ltda."), " (tax id ", .code("98.765.432/0001-10"), ")"]),
                    Fact("Shared owner", "Fabio Costa, 60 % of A since 2006-01-01 and 40 % of B"),
                    Fact(
                        "Source", [.link(text: "Federal company register, extract of 2026-11-30", url: "https://example.gov.br/cnpj/12345678000190")]),
                ]),
                .heading(level: 1, ["The path, hop by hop"]),
                .list(
                    [
                        ["Fabio Costa ", .emphasis("owns"), " 60 % of Alfa Obras S.A. (register entry ", .code("JUCESP 3520012345-6"), ")."],
                        [
                            "Fabio Costa ", .emphasis("owns"), " 40 % of Beta Engenharia e Construções Ltda. (register entry ",
                            .code("JUCEPE 2620098765-1"), ").",
                        ],
                        ["Both firms bid in tender T1 of the Ministry of Roads; Alfa won with 990,000 and Beta lost with 1,010,000."],
                    ], ordered: true),
                .paragraph([
                    "Both firms also give the same address (Rua A, 100) and the same phone number. The records below come from the agency's payment ledger; each row names the ",
                    .emphasis("source record"), " and its SHA-256 hash, so that the copy kept in the case file can be checked against it.",
                ]),
                .image(
                    Image(
                        png: map, alt: "Map: Fabio Costa owns both firms, which bid in the same tender",
                        caption: "Figure 1: the owner, the two firms and the tender")),
                .heading(level: 2, ["Payments"]),
                .table(payments(40)),
                .note(kind: .info, ["Amounts are in Brazilian reais as recorded by the agency; none has been adjusted for inflation."]),
            ])
    }
}

extension String {
    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}
