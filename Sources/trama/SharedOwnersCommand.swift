import ArgumentParser
import Foundation
import TramaService

struct SharedOwnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shared-owners",
        abstract: "Pairs of firms that share an owner — a person or a company — directly or up chains of ownership (GRAS 2.7, any two firms).",
        discussion: """
            Each pair lists every owner the two firms share, how many links up each firm it sits and its effective \
            share in each (shares multiplied along a chain, added over chains; unknown where a stake states none). \
            Owners of more firms than --max-shared-degree (nominee services, the state) are left out and listed.
            """)
    @Option(help: "A file of firms to pair, one kind:key per line. Default: every firm.") var firms: String?
    @Option(help: "The longest chain from a firm up to an owner, in relationships.") var depth = 3
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD).") var at: String?
    @Option(help: "Leave out owners of more firms than this.") var maxSharedDegree = 50
    @Option(help: "List at most this many pairs (the closest first); `total` still counts them all.") var limit: Int?
    @Option(help: "text or json.") var format: ListFormat = .text
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if depth < 1 { throw ValidationError("--depth must be at least 1") }
        if maxSharedDegree < 2 { throw ValidationError("--max-shared-degree must be at least 2") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        var query = SharedOwnersQuery()
        query.depth = depth
        query.at = try at.map(PathQuery.day)
        query.maxSharedDegree = maxSharedDegree
        query.limit = limit
        if let firms {
            let text: String
            do { text = try String(contentsOfFile: firms, encoding: .utf8) } catch {
                throw ServiceError.unreadable(file: firms, reason: error.localizedDescription)
            }
            query.firms = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let answer = try query.run(on: graph, store: session.store)
        print(format == .json ? answer.json.pretty : answer.text)
    }
}
