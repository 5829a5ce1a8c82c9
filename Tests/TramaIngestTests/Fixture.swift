import Foundation
import TramaTestSupport

/// The small hand-made GRAS folder in `Fixtures/small`, whose counts below were worked out by
/// hand from the files (not by running Trama).
enum Fixture {
    static let small = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/small")

    /// 2 agencies, 6 people (one judge, one lawyer), 4 firms, 2 addresses ("Rua A, 100" and
    /// "RUA A 100" are one), 1 phone, 2 e-mails, 1 economic group, 2 candidates, 1 party, 2
    /// tenders, 2 contracts, 1 court, 2 cases, 1 sanctioning body.
    static let smallNodes = 29
    /// 14 from firms, 2 party memberships, 2 procures, 4 from contracts, 2 from judges, 4 from
    /// cases, 4 shareholdings, 2 employments, 4 bids, 2 donations, 1 sanction, 5 from case
    /// parties, 1 family tie, 3 declarations.
    static let smallEdges = 50

    /// A writable copy of the small folder, removed by the caller.
    static func copyOfSmall() throws -> URL {
        let dir = try TestScratch.directory("gras").appendingPathComponent("small")
        try FileManager.default.copyItem(at: small, to: dir)
        return dir
    }

    /// Replaces `old` with `new` in one file of `dir` (the text must occur).
    static func edit(_ dir: URL, _ file: String, replacing old: String, with new: String) throws {
        let url = dir.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        precondition(text.contains(old), "\(file) does not contain \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }
}
