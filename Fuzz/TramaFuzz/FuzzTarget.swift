import Foundation
import TramaAnalysis
import TramaGraph
import TramaIngest
import TramaModel
import TramaService

/// What the fuzzer feeds hostile bytes to: every reader of untrusted input, end to end as far
/// as it goes without a database. Each run must end — with an answer or a thrown, described
/// error — never with a crash, a hang or unbounded memory. Errors are the expected outcome of
/// most inputs and are dropped here.
///
/// `bench/fuzz` builds `trama-fuzz` with `-sanitize=fuzzer,address` and runs each target;
/// `FuzzRegressionTests` replays the seeds and every input that once failed
/// (`Fuzz/corpus/<target>`, `Fuzz/regressions/<target>`) in the ordinary test run.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The CSV reader, record by record.
    case csv
    /// The GRAS importer on a folder whose `firms.csv` is the input (value rules, phones,
    /// identifiers).
    case gras
    /// The JSON item stream: packages, arrays, JSON Lines, gzip.
    case jsonItems = "json-items"
    /// The OCDS, BODS and FollowTheMoney mappers on the input as a file of theirs.
    case ocds, bods, ftm
    /// The flag filter (`indicator`) of `trama flags` and `GET /api/v1/flags`.
    case flagFilter = "flag-filter"
    /// Collusion parameters (the cardinal-style settings file of `trama collusion scan
    /// --parameters`, the body of a scan job), then a scan of a small market with them.
    case collusionSettings = "collusion-settings"
    /// The API's query parameters, as a raw query string, read into each endpoint's question.
    case queryParameters = "query-parameters"

    /// Runs the target on one input.
    public func run(_ data: Data) {
        switch self {
        case .csv:
            Scratch.with(data, as: "input.csv") { url in _ = try? CSVReader(url: url).forEachRecord { _, _ in } }
        case .gras:
            Scratch.with(data, as: "firms.csv") { url in
                var sink = MemorySink()
                _ = try? GRASReader(directory: url.deletingLastPathComponent()).read(into: &sink)
            }
        case .jsonItems:
            let name = data.starts(with: [0x1f, 0x8b]) ? "input.json.gz" : "input.json"
            Scratch.with(data, as: name) { url in _ = try? JSONItemStream(url: url, arrays: ["releases", "records", "statements"]).forEach { _ in } }
        case .ocds:
            Scratch.with(data, as: "input.json") { url in
                var sink = MemorySink()
                _ = try? OCDSReader(files: [url]).read(into: &sink)
            }
        case .bods:
            Scratch.with(data, as: "input.json") { url in
                var sink = MemorySink()
                _ = try? BODSReader(files: [url], keepUnresolved: data.count % 2 == 0).read(into: &sink)
            }
        case .ftm:
            Scratch.with(data, as: "input.json") { url in
                var sink = MemorySink()
                _ = try? FtMReader(files: [url]).read(into: &sink)
            }
        case .flagFilter:
            _ = try? FlagList.indicatorSelector(String(decoding: data, as: UTF8.self))
        case .collusionSettings:
            guard let parameters = try? JSONDecoder().decode(CollusionParameters.self, from: data) else { return }
            _ = SmallMarket.shared.scan(parameters)
        case .queryParameters:
            let p = QueryParameters(query: String(decoding: data, as: UTF8.self))
            _ = try? APIQuestions.search(p)
            _ = try? APIQuestions.neighborhood(center: "firm:F1", p)
            _ = try? APIQuestions.relationships(p)
            _ = try? APIQuestions.paths(p)
            _ = try? APIQuestions.flags(p)
            _ = try? p.page()
        }
    }
}

/// Inputs the readers take as files, each in a folder of its own, removed after the run:
/// the readers map files into memory, and a file rewritten under a reader (two tests at once)
/// would fault it.
enum Scratch {
    static let base: URL = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory

    static func with(_ data: Data, as name: String, _ body: (URL) -> Void) {
        let folder = base.appendingPathComponent("trama-fuzz-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil, (try? data.write(to: url)) != nil else { return }
        body(url)
    }
}

/// A small market with something for every screen: a ring of three firms sharing an owner
/// and rotating wins, two competitors that always lose, prices a fixed step apart.
final class SmallMarket: Sendable {
    static let shared = SmallMarket()
    let graph: CSRGraph
    let facts: ProcurementFacts

    private init() {
        var b = GraphBuilder()
        func node(_ kind: EntityKind) -> UInt32 { try! b.addNode(kind: kind.rawValue, handle: Int64(b.nodeCount + 1)) }
        func edge(_ from: UInt32, _ kind: RelationKind, _ to: UInt32) {
            try! b.addEdge(from: from, to: to, kind: kind.rawValue, validity: Validity(from: .distantPast, to: .distantFuture), handle: Int64(b.edgeCount + 1))
        }
        let agencies = (0..<2).map { _ in node(.agency) }
        let firms = (0..<6).map { _ in node(.firm) }
        let owner = node(.person)
        for f in firms.prefix(3) { edge(owner, .owns, f) }
        var tenders: [TenderFacts] = []
        var bids: [Bid] = []
        for t in 0..<12 {
            let tender = node(.tender)
            let agency = agencies[t % 2]
            edge(agency, .procures, tender)
            let day = Day(iso: String(format: "2020-%02d-01", t % 12 + 1))
            tenders.append(TenderFacts(node: tender, agency: agency, published: day, estimatedPrice: 1000, product: "P\(t % 3)"))
            let winner = firms[t % 3]
            for (i, f) in firms.enumerated() where i < 3 || t % 2 == 0 {
                edge(f, .bid, tender)
                bids.append(Bid(tender: tender, firm: f, value: 900 + Double((i + t) % 6) * 25, won: f == winner, day: day, handle: Int64(bids.count + 1)))
            }
        }
        graph = b.freeze()
        facts = ProcurementFacts(tenders: tenders, bids: bids)
    }

    func scan(_ parameters: CollusionParameters) -> CollusionFindings {
        CollusionAnalysis(parameters: parameters, workers: 1).run(graph: graph, facts: facts)
    }
}
