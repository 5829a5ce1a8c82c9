import ArgumentParser
import Foundation
import TramaService

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "The stored analysis runs, newest first: which analysis, when, over which period, what it found.",
        discussion: """
            Reports read the latest run of their analysis; `--run ID` on `collusion pairs|top-losers|\
            tenders|rings` and `judges lawyers|profile` reads an earlier one, e.g. to compare a scan \
            before and after an import.
            """)
    @Option(help: "Only runs of this analysis: \(AnalysisRun.analyses.joined(separator: ", ")).") var analysis: String?
    @OptionGroup var page: PageOptions
    @OptionGroup var format: TextOrJSON
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (limit, offset) = (page.limit, page.offset)
        let session = try store.open()
        defer { session.close() }
        let (runs, total) = try AnalysisRun.list(analysis: analysis, limit: limit, offset: offset, in: session.store)
        let list = RunList(page: Page(total: total, limit: limit, offset: offset), runs: runs.map(RunSummary.init))
        if format.format == .json { return print(list.json.pretty) }
        if runs.isEmpty { return print(total == 0 ? "no runs stored yet" : "no runs past \(offset) (\(total) stored)") }
        for r in list.runs {
            let period = [r.period.from, r.period.to].contains { $0 != nil } ? " \(r.period.from ?? "…")–\(r.period.to ?? "…")" : ""
            let took = r.seconds.map { String(format: " (%.1f s)", $0) } ?? ""
            print("run \(r.run)  \(r.analysis)  \(r.startedAt)\(took)\(period)")
            print("    \(r.summary.compact)")
        }
        if offset + runs.count < total { print("… \(total - offset - runs.count) older (--offset \(offset + runs.count))") }
    }
}
