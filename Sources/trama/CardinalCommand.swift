import ArgumentParser
import Foundation
import TramaCardinal

/// cardinal-rs (the Open Contracting Partnership's `ocdscardinal`) as Trama runs it: the same
/// commands, options, settings files and output, so that a procurement monitor already using
/// cardinal can switch to Trama or cross-check the two on the same OCDS data.
struct CardinalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cardinal",
        abstract: "cardinal-rs's red-flag indicators on OCDS compiled releases (JSON Lines), with its settings and output.",
        subcommands: [Indicators.self, Coverage.self, Prepare.self, Init.self])

    /// A file, or `-` for standard input, as cardinal takes it.
    static func input(_ path: String) -> CardinalInput { .file(URL(fileURLWithPath: path == "-" ? "/dev/stdin" : path)) }

    static func settings(_ path: String?) throws -> CardinalSettings {
        guard let path else { return CardinalSettings() }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CardinalError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try CardinalSettings(ini: text, file: (path as NSString).lastPathComponent)
    }

    static func warn(_ warnings: [CardinalWarning]) {
        for w in warnings { FileHandle.standardError.write(Data("WARN \(w.description)\n".utf8)) }
    }

    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the red-flag indicators (R003, R018, R024, R025, R028, R030, R035, R036, R038, R048, R058) that the settings enable.",
            discussion: "Prints cardinal's result object: OCID, Buyer, ProcuringEntity and Tenderer keys, each id with its indicators' values, then Meta (quartiles and fences) unless --no-meta, and Maps with --map.")
        @Argument(help: "OCDS compiled releases, one contracting process per line (\"-\" for standard input).") var file: String
        @Option(name: .shortAndLong, help: "The settings file (`trama cardinal init` writes one).") var settings: String?
        @Flag(name: .shortAndLong, help: "Print the number of results per group to standard error.") var count = false
        @Flag(help: "Exclude the \"Meta\" key from the results object.") var noMeta = false
        @Flag(help: "Include the \"Maps\" key, mapping contracting processes to organizations.") var map = false

        func run() throws {
            let result = try CardinalIndicators.run(
                CardinalCommand.input(file), settings: try CardinalCommand.settings(settings), options: .init(noMeta: noMeta, map: map))
            CardinalCommand.warn(result.warnings)
            print(result.json())
            if count { for line in result.countLines() { FileHandle.standardError.write(Data((line + "\n").utf8)) } }
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count how many times each OCDS field is non-empty (tolerant of broken lines, as cardinal is).")
        @Argument(help: "OCDS compiled releases as JSON Lines (\"-\" for standard input).") var file: String

        func run() throws {
            let result = try CardinalCoverage.run(CardinalCommand.input(file))
            CardinalCommand.warn(result.warnings)
            print(result.text())
        }
    }

    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct quality issues in OCDS data (default currencies, statuses, schemes, redactions) as cardinal's settings say.",
            discussion: "Writes the corrected lines to --output and the issues as CSV (line, ocid, path, array indexes, incorrect value, error description) to --errors; \"-\" is standard output.")
        @Argument(help: "OCDS compiled releases as JSON Lines (\"-\" for standard input).") var file: String
        @Option(name: .shortAndLong, help: "The settings file.") var settings: String?
        @Option(name: .shortAndLong, help: "Where to write the corrected data (\"-\" for standard output).") var output: String
        @Option(name: .shortAndLong, help: "Where to write the quality issues (\"-\" for standard output).") var errors: String

        func run() throws {
            let out = try Sink(output), issues = try Sink(errors)
            defer { out.close(); issues.close() }
            let warnings = try CardinalPrepare.run(
                CardinalCommand.input(file), settings: try CardinalCommand.settings(settings), output: { out.write($0) }, issue: { issues.write($0.csv) })
            CardinalCommand.warn(warnings)
        }

        /// A file written line by line, or standard output.
        final class Sink {
            let handle: FileHandle
            let owned: Bool

            init(_ path: String) throws {
                if path == "-" {
                    (handle, owned) = (FileHandle.standardOutput, false)
                } else {
                    guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                        throw CardinalError.unreadable(file: path, reason: "cannot be written")
                    }
                    (handle, owned) = (h, true)
                }
            }

            func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }
            func close() { if owned { try? handle.close() } }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a default settings file (\"-\" for standard output).")
        @Argument(help: "The path to the settings file to write.") var file: String
        @Flag(name: .shortAndLong, help: "Overwrite the settings file if it already exists.") var force = false

        func run() throws {
            if file == "-" { return print(CardinalSettings.initTemplate, terminator: "") }
            if FileManager.default.fileExists(atPath: file), !force {
                throw ValidationError("\(file) already exists. Use --force to overwrite it.")
            }
            try Data(CardinalSettings.initTemplate.utf8).write(to: URL(fileURLWithPath: file))
            print("Settings written to \(file).")
        }
    }
}
