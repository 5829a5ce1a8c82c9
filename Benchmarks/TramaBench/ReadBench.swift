import ArgumentParser
import Foundation
import TramaIngest

/// `trama-bench --read FORMAT FILE…`: an importer's own reading — parse, check and map every
/// item to the nodes and edges it stages — with no store, so `bench/ingest-json` can set it
/// beside Python's `json.load` of the same files and beside the whole import.
struct ReadBench {
    /// Counts what a reader produces, touching every property text as staging would.
    struct CountingSink: GraphSink {
        var nodes = 0
        var edges = 0
        var propertyBytes = 0

        mutating func add(_ node: StagedNode) {
            nodes += 1
            propertyBytes += node.properties.utf8.count
        }

        mutating func add(_ edge: StagedEdge) {
            edges += 1
            propertyBytes += edge.properties.utf8.count
        }
    }

    static func run(format: String, files: [URL], rounds: Int) throws {
        // GRAS reads a folder of tables: its bytes are its CSV files'.
        let read = try format == "gras" ? { let gras = try GRASReader(directory: files[0]); return gras.tables.map(gras.url(of:)) }() : files
        let bytes = try read.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int ?? 0) }
        var best = Double.infinity
        var sink = CountingSink()
        for _ in 0..<rounds {
            sink = CountingSink()
            let clock = ContinuousClock.now
            switch format {
            case "ocds": _ = try OCDSReader(files: files).read(into: &sink)
            case "bods": _ = try BODSReader(files: files, keepUnresolved: true).read(into: &sink)
            case "ftm": _ = try FtMReader(files: files).read(into: &sink)
            case "gras": _ = try GRASReader(directory: files[0]).read(into: &sink)
            default: throw ValidationError("--read takes gras, ocds, bods or ftm, not '\(format)'")
            }
            let elapsed = ContinuousClock.now - clock
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        print(String(format: "trama read %@: %.1f MB in %.3f s = %.1f MB/s (%d nodes, %d edges, %.1f MB of properties; best of %d)",
                     format, Double(bytes) / 1e6, best, Double(bytes) / 1e6 / best, sink.nodes, sink.edges, Double(sink.propertyBytes) / 1e6, rounds))
    }
}
