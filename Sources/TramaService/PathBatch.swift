import Foundation
public import TramaGraph
public import TramaStore

/// Many path questions in one process — the batch screening analysts run over every pair of
/// co-bidders in a market. Each pair gets one answer in the `trama path` JSON shape, in the
/// order of the file; a pair whose entities cannot be resolved gets `"status": "error"` with
/// the reason and its line, and the batch goes on.
public struct PathBatch: Sendable {
    public struct Pair: Sendable, Hashable {
        public var line: Int
        public var from: String
        public var to: String

        public init(line: Int, from: String, to: String) {
            self.line = line
            self.from = from
            self.to = to
        }
    }

    /// The line for a pair that could not be asked, in place of its answer.
    public struct Failure: Answer {
        public var from: String
        public var to: String
        public var status = "error"
        public var error: String
        public var line: Int

        init(from: String, to: String, error: String, line: Int) {
            self.from = from
            self.to = to
            self.error = error
            self.line = line
        }
    }

    /// Kinds, dates, limits and number of paths for every pair (its `from`/`to` are ignored).
    public var query: PathQuery

    public init(query: PathQuery) { self.query = query }

    /// Reads one pair per line: `FROM<TAB>TO`, or `FROM TO` when neither contains a space.
    /// Blank lines and lines starting with `#` are skipped.
    public static func pairs(file path: String) throws -> [Pair] {
        var out: [Pair] = []
        for (number, line) in try listLines(file: path) {
            let fields =
                line.contains("\t")
                ? line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard fields.count == 2 else { throw ServiceError.badPairLine(file: path, line: number, text: line) }
            out.append(Pair(line: number, from: fields[0], to: fields[1]))
        }
        return out
    }

    /// The lines of a list file that say something — trimmed, with their numbers; blank lines
    /// and `#` comments skipped — for the files `--pairs` and `--among` read.
    static func listLines(file path: String) throws -> [(number: Int, text: String)] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ServiceError.unreadable(file: path, reason: error.localizedDescription)
        }
        return listLines(text: text)
    }

    /// Lines end at any newline: a browser sends a form's text with CRLF, which Swift reads as
    /// one character, not as "\r" before "\n".
    static func listLines(text: String) -> [(number: Int, text: String)] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { i, raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return line.isEmpty || line.hasPrefix("#") ? nil : (i + 1, line)
        }
    }

    /// Answers every pair, handing each answer to `emit` in file order. Plain shortest paths
    /// run on all cores at once; k-shortest, all-shortest and weighted queries one by one.
    public func run(_ pairs: [Pair], on graph: CSRGraph, store: Store, emit: (JSONValue) throws -> Void) throws {
        // Co-bidder screens name the same firms in many pairs: each distinct reference is looked
        // up once.
        var known: [String: Result<(info: EntityInfo, node: UInt32), any Error>] = [:]
        func end(_ reference: String) -> Result<(info: EntityInfo, node: UInt32), any Error> {
            if let hit = known[reference] { return hit }
            let result = Result { try query.end(reference, in: graph, store: store) }
            known[reference] = result
            return result
        }
        let resolved: [Result<PathQuery.Ends, any Error>] = pairs.map { pair in
            Result { PathQuery.Ends(from: try end(pair.from).get(), to: try end(pair.to).get()) }
        }
        var lists = [PathList?](repeating: nil, count: pairs.count)
        let found = resolved.enumerated().compactMap { i, r in (try? r.get()).map { (i, $0) } }
        if query.paths == .one, query.weights == nil {
            let results = try graph.shortestPaths(
                pairs: found.map { (from: $0.1.from.node, to: $0.1.to.node) }, filter: query.filter(for: graph))
            for ((i, _), r) in zip(found, results) { lists[i] = PathList(single: r) }
        } else {
            let ws = SearchWorkspace(nodeCount: graph.nodeCount)
            for (i, ends) in found { lists[i] = try query.search(ends.from.node, ends.to.node, in: graph, workspace: ws) }
        }
        for (i, pair) in pairs.enumerated() {
            switch resolved[i] {
            case let .failure(error):
                try emit(Failure(from: pair.from, to: pair.to, error: String(describing: error), line: pair.line).json)
            case let .success(ends):
                var q = query
                q.from = pair.from
                q.to = pair.to
                try emit(q.answer(for: lists[i]!, ends: ends, graph: graph, store: store).json)
            }
        }
    }
}
