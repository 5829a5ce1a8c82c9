import ArgumentParser
import Foundation
import TramaIngest
import TramaService
import TramaStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Load source data into the store.", subcommands: [GRAS.self, OCDS.self, BODS.self, FtM.self, FJC.self, Courts.self, Dockets.self])

    struct GRAS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gras",
            abstract: "Load a folder of GRAS CSV tables (agencies.csv, firms.csv, bids.csv, …) as one dataset.",
            discussion: """
                Every record is checked (required columns and values, dates, numbers, ID references). \
                By default any problem fails the import and nothing is loaded; --skip-invalid loads the \
                valid records and writes the others, with their reasons, to --rejected. Re-importing \
                unchanged files does nothing; changed files replace the dataset.
                """)

        @Argument(help: "Folder holding the GRAS tables.") var directory: String
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let report = try DatasetImporter(store: session.store).importGRAS(
                directory: URL(fileURLWithPath: directory),
                options: load.options(),
                progress: IngestCommand.progressLine())
            Console.endProgress()
            try IngestCommand.show(report, session: session)
        }
    }

    struct FJC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fjc",
            abstract: "Load the Federal Judicial Center's biographical directory of federal judges (its CSV export folder) as one dataset.",
            discussion: """
                Judges (demos.csv) with their services at courts, appointing presidents and their parties, \
                predecessors on each seat, schools, career texts and clerkships for other judges \
                ("Law clerk, Hon. NAME"). With --courts, court names are matched to Courts-DB ids \
                (scotus, ca2, nysd) so the judges meet `trama ingest courts`; unmatched names are listed. \
                A row naming an nid that demos.csv lacks, or with a malformed date, is rejected with its line.
                """)

        @Argument(help: "Folder holding demos.csv, federal-judicial-service.csv and the other files of the export.") var directory: String
        @Option(help: "Courts-DB courts.json, to key courts by their CourtListener ids.") var courts: String?
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (report, read) = try DatasetImporter(store: session.store).importFJC(
                directory: URL(fileURLWithPath: directory), courts: courts.map { URL(fileURLWithPath: $0) },
                options: load.options())
            try IngestCommand.show(report, session: session)
            guard !report.unchanged else { return }
            print("  \(read.judges) judges, \(read.services) services, \(read.appointments) appointments by \(read.presidents) presidents, "
                + "\(read.successions) seat successions, \(read.degrees) degrees, \(read.clerkships) clerkships linked "
                + "(\(read.clerkshipsUnlinked) naming no single judge of the directory)")
            if courts != nil {
                print("  courts: \(read.matchedCourts) services matched to Courts-DB, \(read.unmatchedCourts.values.reduce(0, +)) not:")
                for (name, n) in read.unmatchedCourts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { print("    \(n)  \(name)") }
            }
        }
    }

    struct Courts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "courts",
            abstract: "Load Free Law Project's Courts-DB (courts.json) as one dataset: courts keyed by CourtListener id, with their hierarchy.")

        @Argument(help: "courts.json files.") var files: [String]
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (report, read) = try DatasetImporter(store: session.store).importCourtsDB(
                files: files.map { URL(fileURLWithPath: $0) },
                options: load.options(defaultName: "courts-db"))
            try IngestCommand.show(report, session: session)
            if !report.unchanged {
                print("  \(read.courts) courts (" + read.bySystem.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "no system" : $0.key) \($0.value)" }.joined(separator: ", ")
                    + "), \(read.hierarchy) part-of links")
            }
        }
    }

    struct Dockets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dockets",
            abstract: "Load federal court dockets (juriscraper's parsed PACER dockets, CourtListener's RECAP shape) as one dataset.",
            discussion: """
                Each docket becomes a case heard in its court, with its judges (assigned, referred, \
                appellate panel, the judge below), parties with their roles, and attorneys as lawyers \
                with their law firms, addresses, phones and e-mails. Judges are resolved against the FJC \
                directory when it is loaded (`trama ingest fjc`): a name resolves only when it agrees with \
                exactly one judge serving at that court on the filing date; other names stay judges of \
                their own, with `possibly_same_as` candidates for review (`trama resolve review`). Load \
                Courts-DB (`trama ingest courts`) first so that the dockets' courts are its courts. A \
                folder stands for the .json files in it.
                """)

        @Argument(help: "Docket JSON files (one docket each, or JSON Lines), or folders of them.") var files: [String]
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let urls = try IngestCommand.jsonFiles(files)
            let (report, read) = try DatasetImporter(store: session.store).importDockets(
                files: urls, options: load.options(defaultName: IngestCommand.datasetName(files, otherwise: "dockets")), progress: IngestCommand.progressLine())
            Console.endProgress()
            try IngestCommand.show(report, session: session)
            guard !report.unchanged else { return }
            let shapes = DocketReader.shapes.compactMap { s in read.byShape[s].map { "\($0) \(s)" } }.joined(separator: ", ")
            print("  \(read.dockets) dockets (\(shapes))" + (read.repeatedDockets > 0 ? ", \(read.repeatedDockets) more files capturing a docket again (merged)" : "")
                + (read.emptyFiles.isEmpty ? "" : "; \(read.emptyFiles.count) files hold no docket ({}): " + read.emptyFiles.joined(separator: ", ")))
            print("  judges: \(read.judgesResolved) of the FJC directory (\(read.judgeAppearancesResolved) appearances), "
                + "\(read.judgesUnresolved + read.judgesWithCandidates) left as named (\(read.judgeAppearancesUnresolved) appearances; "
                + "\(read.judgesWithCandidates) of them with candidates in the directory)")
            print("  courts: \(read.courtsInStore) already in the store, \(read.courtsAdded) added")
            print("  \(read.partyAppearances) parties on the dockets (\(read.proSe) pro se), \(read.counselAppearances) lawyers' appearances"
                + (read.blankAttorneys > 0 ? " (\(read.blankAttorneys) empty attorney rows left out)" : "") + ", \(read.candidates) possibly-same-as candidates")
            print("  entities made: " + read.entities.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }

    /// A dataset's default name: one file's (without extension), one folder's, else `otherwise`.
    static func datasetName(_ arguments: [String], otherwise: String) -> String {
        guard arguments.count == 1 else { return otherwise }
        let url = URL(fileURLWithPath: arguments[0])
        return url.hasDirectoryPath ? url.standardizedFileURL.lastPathComponent : url.deletingPathExtension().lastPathComponent
    }

    /// The files arguments name: a folder stands for its `.json` and `.jsonl` files, sorted.
    static func jsonFiles(_ arguments: [String]) throws -> [URL] {
        try arguments.flatMap { path -> [URL] in
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return [URL(fileURLWithPath: path)] }
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") || $0.hasSuffix(".json.gz") }
                .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
        }
    }

    /// What every import takes: the dataset's name, and whether bad records fail it or are
    /// written to a rejects file.
    struct LoadOptions: ParsableArguments {
        @Option(help: "Dataset name (default: the folder's or the first file's name).") var dataset: String?
        @Flag(help: "Load the valid records; write the rejected ones, with their reasons, to --rejected.") var skipInvalid = false
        @Option(help: "Where --skip-invalid writes rejected records.") var rejected = "rejected.csv"
        @Option(help: "Why this import is made (kept, with your user name, in `trama db imports`).") var reason: String?

        func options(defaultName: String? = nil) -> DatasetImporter.Options {
            .init(
                dataset: dataset ?? defaultName, skipInvalid: skipInvalid, rejectedFile: URL(fileURLWithPath: rejected),
                author: .processUser(reason: reason))
        }
    }

    /// A progress callback that rewrites one status line at most once a second.
    static func progressLine() -> (IngestProgress) -> Void {
        let started = ContinuousClock.now
        var lastReport = ContinuousClock.now - .seconds(10)
        var pace = ReadingPace()
        return { p in
            if let phase = p.phase {
                return Console.progress(String(format: "%@ (%.0fs)", phase, (ContinuousClock.now - started) / .seconds(1)))
            }
            guard ContinuousClock.now - lastReport >= .seconds(1) else { return }
            lastReport = ContinuousClock.now
            let pct = p.bytesTotal > 0 ? 100 * p.bytesDone / p.bytesTotal : 100
            let secs = (ContinuousClock.now - started) / .seconds(1)
            var line = String(format: "reading %@: %d records, %d%% of %.1f MB, %.0fs", p.file, p.records, pct, Double(p.bytesTotal) / 1e6, secs)
            if let pace = pace.figures(for: p, at: secs) {
                line += String(format: ", %.1f MB/s, %.0f records/s", pace.bytesPerSecond / 1e6, pace.recordsPerSecond)
                if let eta = pace.remainingSeconds { line += String(format: ", about %.0fs to go", eta) }
            }
            Console.progress(line)
        }
    }

    /// What an import did, the same for every format.
    /// What an import did; then the watch rules due on the new graph are evaluated, as after
    /// every import (`trama alerts`).
    static func show(_ report: DatasetImporter.Report, session: Session) throws {
        show(report, location: session.location)
        guard !report.unchanged else { return }
        let evaluation = try AlertEvaluation.run(session: session)
        if evaluation.evaluated > 0 { print("  \(evaluation.text) (`trama alerts`)") }
    }

    static func show(_ report: DatasetImporter.Report, location: String) {
        if report.unchanged {
            print("dataset '\(report.dataset)' is unchanged since its last import (same files): nothing to do")
            print("it holds \(report.nodes) entities and \(report.edges) relationships in \(location)")
            return
        }
        print("\(report.replaced ? "replaced" : "imported") dataset '\(report.dataset)' into \(location)" + (report.version.map { " as import #\($0)" } ?? ""))
        if report.replaced { print("  the version it replaced is kept: --as-of an earlier import (`trama db imports`) rebuilds the graph before it") }
        print("  file                      records  loaded  rejected")
        // Many files (a folder of dockets): the first, those with rejects, and a total.
        let listed = report.files.count <= 25 ? report.files : Array(report.files.prefix(10)) + report.files.dropFirst(10).filter { $0.rejected > 0 }
        for f in listed {
            print("  \(f.file.padding(toLength: 24, withPad: " ", startingAt: 0)) \(IngestCommand.pad(f.records, 8)) \(IngestCommand.pad(f.accepted, 7)) \(IngestCommand.pad(f.rejected, 9))")
        }
        if listed.count < report.files.count {
            print("  … \(report.files.count - listed.count) more files, all loaded; \(report.files.count) files, \(report.records) records in all")
        }
        print("  \(report.nodes) entities, \(report.edges) relationships stored")
        if let file = report.rejectedFile {
            print("  \(report.rejected) rejected records written to \(file.path)")
        }
        let mb = Double(report.bytes) / 1_000_000
        print(
            String(
                format: "  %.2f s: %.0f records/s, %.1f MB/s (%.1f MB read)", report.seconds, Double(report.records) / report.seconds,
                mb / report.seconds, mb))
        print("  " + report.phases.map { String(format: "%@ %.1f s", $0.name, $0.seconds) }.joined(separator: ", "))
        if !report.deferredIndexes.isEmpty {
            print("  indexes of \(report.deferredIndexes.joined(separator: " and ")) built after the insert (the import at least doubled them)")
        }
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    struct OCDS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ocds",
            abstract: "Load Open Contracting Data Standard files (release or record packages, JSON Lines, .gz) as one dataset.",
            discussion: """
                Parties become agencies (buyers) and firms (tenderers, suppliers), keyed by their \
                identifier normalised per scheme; each contracting process (each lot, when bids and \
                awards name lots) becomes a tender with its bids, awards and contracts, so the collusion \
                screens run on it unchanged. A file that is not JSON, or a truncated one, fails the import \
                with its file, line and byte; an item that is not a process is rejected (--skip-invalid \
                loads the rest and writes the rejects to --rejected). The same files again do nothing.
                """)

        @Argument(help: "OCDS files.") var files: [String]
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (report, read) = try DatasetImporter(store: session.store).importOCDS(
                files: files.map { URL(fileURLWithPath: $0) },
                options: load.options(), progress: IngestCommand.progressLine())
            Console.endProgress()
            try IngestCommand.show(report, session: session)
            if !report.unchanged {
                print("  \(read.processes) contracting processes: \(read.tenders) tenders (lots counted), \(read.bids) bids, \(read.awards) awards, "
                    + "\(read.contracts) contracts, \(read.parties) parties" + (read.duplicates > 0 ? "; \(read.duplicates) repeated processes skipped" : ""))
                let inferred = read.inferred.counts
                if !inferred.isEmpty {
                    print("  inferred rather than read: " + inferred.map { "\($0.name.replacingOccurrences(of: "_", with: " ")) \($0.count)" }.joined(separator: ", "))
                    for note in read.inferred.notes { print("    \(note)") }
                    let total = inferred.filter { $0.name == "placeholder_parties" || $0.name == "undetermined_lots" }.map(\.count).reduce(0, +)
                    if total > read.inferred.notes.count { print("    … (the first \(read.inferred.notes.count) shown)") }
                }
            }
        }
    }

    struct BODS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bods",
            abstract: "Load Beneficial Ownership Data Standard statements (0.2–0.4; JSON array or JSON Lines, .gz) as one dataset.",
            discussion: """
                Entity and person statements become firms and people keyed by their identifier \
                normalised per scheme; ownership-or-control statements become owns (shareholding, with \
                the share), director_of and controls edges valid between the interest's dates. \
                Superseded statements (replacesStatements; earlier statements of a 0.4 record) are not \
                loaded. A statement referring to a statement absent from the files is rejected, unless \
                --keep-unresolved makes each such reference an 'unresolved' node (registers publish \
                extracts whose relationships point outside them).
                """)

        @Argument(help: "BODS files.") var files: [String]
        @Flag(help: "Keep a reference to a statement absent from the files as an 'unresolved' node instead of rejecting the statement.")
        var keepUnresolved = false
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            var options = load.options()
            options.keepUnresolved = keepUnresolved
            let (report, read) = try DatasetImporter(store: session.store).importBODS(
                files: files.map { URL(fileURLWithPath: $0) },
                options: options, progress: IngestCommand.progressLine())
            Console.endProgress()
            try IngestCommand.show(report, session: session)
            if !report.unchanged {
                print("  \(read.entities) entities, \(read.persons) people, \(read.relationships) ownership-or-control statements "
                    + "(\(read.interests) interests); \(read.superseded) superseded statements skipped, \(read.unresolved) unresolved references kept")
            }
        }
    }

    struct FtM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ftm",
            abstract: "Load FollowTheMoney entities (JSON Lines as Aleph and OpenSanctions export them) as one dataset.",
            discussion: """
                Things (Company, Person, PublicBody, Address, …) become nodes and interstitial entities \
                (Ownership, Directorship, Employment, Family, Payment, …) edges with their dates; schema \
                and property names are kept as FollowTheMoney writes them. A schema name it does not \
                define, or a reference to an entity absent from the files, is rejected with its line.
                """)

        @Argument(help: "FollowTheMoney JSON Lines files.") var files: [String]
        @OptionGroup var load: LoadOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (report, read) = try DatasetImporter(store: session.store).importFtM(
                files: files.map { URL(fileURLWithPath: $0) },
                options: load.options(), progress: IngestCommand.progressLine())
            Console.endProgress()
            try IngestCommand.show(report, session: session)
            if !report.unchanged {
                print("  by schema: " + read.bySchema.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
    }
}
