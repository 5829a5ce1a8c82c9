import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Temporary folders for tests, all inside one folder per test process (`trama-tests-PID`),
/// removed when the process exits; the folders of a test process that did not exit (killed,
/// crashed) are removed by the next one. Helpers that write fixture files use it, so a run
/// leaves nothing behind in the system's temporary folder whether or not each test cleans up.
public enum TestScratch {
    static let prefix = "trama-tests-"

    private static let root: URL = {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
        }
        let root = base.appendingPathComponent(prefix + String(getpid()))
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(TestScratch.prefix + String(getpid())))
        }
        return root
    }()

    /// A new, empty folder named `name-UUID`.
    public static func directory(_ name: String) throws -> URL {
        let dir = root.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
