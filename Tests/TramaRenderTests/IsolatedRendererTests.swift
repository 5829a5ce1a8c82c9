import Foundation
import Testing
@testable import TramaRender

#if canImport(Glibc)
import Glibc
#endif

/// Maps drawn in a child process (`trama render-worker`), as `trama serve` draws them:
/// the same bytes as in-process, Graphviz's errors carried back, a worker replaced on schedule,
/// after a crash, and when a map overruns its deadline.
@Suite("Maps drawn in a child process")
struct IsolatedRendererTests {
    /// The `trama` built beside this test bundle.
    static let trama = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("trama")
    static let dot = #"digraph g { graph [layout=dot]; a [label=<<B>Alfa</B><BR/>Firm>]; a -> b [label="owns"]; b -> c }"#

    @Test func theSameMapAsInProcessAndAWorkerIsReplacedOnSchedule() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.trama.path), "build trama first")
        let isolated = IsolatedRenderer(executable: Self.trama, mapsPerWorker: 2)
        let local = GraphvizRenderer()
        for format in [RenderFormat.svg, .png, .svg] {
            let there = try isolated.draw(dot: Self.dot, layout: "dot", format: format)
            let here = try local.draw(dot: Self.dot, layout: "dot", format: format)
            let same = there.bytes == here.bytes
            #expect(same, "\(format): \(there.bytes.count) bytes there, \(here.bytes.count) here")
            #expect(there.overlappingLabels == here.overlappingLabels)
        }
        #expect(isolated.workersStarted == 2, "a new worker after every two maps")
    }

    @Test func graphvizErrorsComeBackAsThemselves() throws {
        let isolated = IsolatedRenderer(executable: Self.trama)
        #expect {
            try isolated.draw(dot: "digraph {", layout: "dot", format: .svg)
        } throws: { error in
            guard case let .invalidDOT(_, _, message) = error as? RenderError else { return false }
            return message.contains("syntax error")
        }
        #expect(try isolated.draw(dot: Self.dot, layout: "dot", format: .svg).bytes.count > 100, "the worker lives on after an error")
    }

    @Test func aWorkerKilledCostsAtMostOneMap() throws {
        let isolated = IsolatedRenderer(executable: Self.trama)
        _ = try isolated.draw(dot: Self.dot, layout: "dot", format: .svg)
        let pid = try #require(isolated.workerProcess)
        kill(pid, SIGKILL)
        usleep(50_000)
        do {
            _ = try isolated.draw(dot: Self.dot, layout: "dot", format: .svg)
        } catch {
            guard case .renderFailed = error else { throw error }
        }
        #expect(try isolated.draw(dot: Self.dot, layout: "dot", format: .svg).bytes.count > 100)
        #expect(isolated.workerProcess != pid && isolated.workersStarted == 2)
    }

    @Test func aMapOverItsDeadlineIsStoppedWithItsWorker() throws {
        let isolated = IsolatedRenderer(executable: Self.trama, deadline: .milliseconds(1))
        let big = "digraph { graph [layout=dot]; " + (0..<400).map { "n\($0) -> n\(($0 * 7 + 3) % 400) [label=\"e\($0)\"];" }.joined() + " }"
        #expect(throws: RenderError.timedOut(engine: "dot", format: "svg", seconds: 0)) { try isolated.draw(dot: big, layout: "dot", format: .svg) }
        #expect(isolated.workerProcess == nil, "the runaway worker is gone")
    }
}
