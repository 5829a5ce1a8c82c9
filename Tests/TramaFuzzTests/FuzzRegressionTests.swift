import Foundation
import Testing
import TramaFuzz
import TramaTestSupport

/// Every seed of the fuzz corpus and every input that once crashed or hung a target
/// (`Fuzz/corpus/<target>`, `Fuzz/regressions/<target>`) is replayed through its target: each
/// must end, with an answer or an error. A crash here fails the whole test process, which is
/// the point.
@Suite("Fuzz seeds and regressions")
struct FuzzRegressionTests {
    static let fuzz = TestDatabase.repositoryRoot.appendingPathComponent("Fuzz")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        ["corpus", "regressions"].flatMap { folder -> [URL] in
            let dir = fuzz.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
            return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everySeedAndRegressionEnds(target: FuzzTarget) throws {
        let inputs = Self.inputs(target)
        #expect(!inputs.isEmpty, "\(target.rawValue) has no seeds in Fuzz/corpus")
        for url in inputs { target.run(try Data(contentsOf: url)) }
    }
}
