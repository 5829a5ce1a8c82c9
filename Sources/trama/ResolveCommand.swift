import ArgumentParser
import Foundation
import TramaService

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Entities that may be the same although no identifier says so: scan, review, accept (merge) or reject.",
        discussion: """
            Nothing is merged silently: `scan` proposes candidates (same name once case, punctuation, \
            legal forms and titles are removed; scored up by birth date, country, shared address), \
            `review` lists them, `accept KEPT MERGED` folds the second into the first with every \
            relationship keeping its source record, `reject A B` records that they differ.
            """,
        subcommands: [Scan.self, Review.self, Accept.self, Reject.self])

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Propose candidates (replaces the open ones).")
        @Option(help: "Smallest score to propose (0.5: the name alone).") var minScore = 0.5
        @Option(help: "Names shared by more entities than this are too common to pair.") var largestBlock = 50
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let n = try EntityResolution(store: session.store).scan(minimumScore: minScore, largestNameBlock: largestBlock)
            print("\(n) candidate pairs; review them with `trama resolve review`")
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the open candidates, best first, with where each record came from.")
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "text or json.") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (candidates, total) = try EntityResolution(store: session.store).review(limit: limit, offset: 0)
            if format == .json {
                print(MergeCandidates(candidates, page: Page(total: total, limit: limit, offset: 0)).json.pretty)
                return
            }
            if candidates.isEmpty { return print("no open candidates (run `trama resolve scan`)") }
            for c in candidates {
                print(String(format: "%.2f  ", c.score) + "\(c.kind):\(c.first.key) \"\(c.first.name ?? "")\" [\(c.first.dataset) · \(c.first.source)]")
                print("      \(c.kind):\(c.second.key) \"\(c.second.name ?? "")\" [\(c.second.dataset) · \(c.second.source)]")
                print("      \(c.reason)")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge MERGED into KEPT: its relationships move, its record is kept in the merge log.")
        @Argument(help: "The entity that stays (kind:ID).") var kept: String
        @Argument(help: "The entity folded into it (kind:ID).") var merged: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            try EntityResolution(store: session.store).accept(kept: kept, merged: merged)
            print("merged \(merged) into \(kept)")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that two entities are not the same.")
        @Argument var first: String
        @Argument var second: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            try EntityResolution(store: session.store).reject(first, second)
            print("recorded: \(first) and \(second) are different entities")
        }
    }
}
