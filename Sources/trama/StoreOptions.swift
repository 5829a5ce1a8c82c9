import ArgumentParser
import Foundation
import TramaRender
import TramaService

/// `--database`, shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "PostgreSQL URL. Default: TRAMA_DATABASE_URL, else Trama's private cluster under TRAMA_HOME.", valueName: "url"))
    var database: String?

    /// Opens the store, telling the user on stderr what was started, created or migrated.
    func open(migrate: Bool = true, replica: String? = nil) throws -> Session {
        try Session.open(database: database, replica: replica, migrate: migrate) { note in Console.note(note) }
    }
}

/// Where messages go: results on stdout, notes and progress on stderr.
enum Console {
    static func note(_ s: String) {
        FileHandle.standardError.write(Data("trama: \(s)\n".utf8))
    }

    /// Rewrites one status line on a terminal; prints plain lines otherwise.
    static func progress(_ s: String) {
        if isatty(2) == 1 {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(s)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(s)\n".utf8))
        }
    }

    static func endProgress() {
        if isatty(2) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

extension Session {
    /// Writes a report's files (document, map, JSON, manifest) into `folder`, drawn with the
    /// default theme, and says what it wrote: `trama evidence`, `dossier` and `screen -o`.
    func writeReport(to folder: String, summary: String, _ bundle: (any MapDrawing, Theme) throws -> ReportBundle) throws {
        let files = try bundle(GraphvizRenderer(), try Theme.load(from: resources.theme("default")))
        try files.write(to: URL(fileURLWithPath: folder))
        print(summary)
        Console.note("wrote " + files.files.map(\.name).joined(separator: ", ") + " to \(folder)")
    }
}
