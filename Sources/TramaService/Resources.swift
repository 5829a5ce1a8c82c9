public import Foundation

/// Where Trama's run-time files are: `schema/` (migrations), `queries/` (named SQL) and
/// `visualizations/` (themes). SwiftPM resources must live inside a target, and these folders
/// are the project's own, so they are found at run time: `TRAMA_RESOURCES`, else the nearest
/// ancestor of the executable, else of the working directory, that has `schema/` and `queries/`.
public struct Resources: Sendable {
    public let root: URL

    public var schema: URL { root.appendingPathComponent("schema") }
    public var queries: URL { root.appendingPathComponent("queries") }
    public var themes: URL { root.appendingPathComponent("visualizations/themes") }
    public func theme(_ name: String) -> URL { themes.appendingPathComponent("\(name).json") }

    public init(root: URL) { self.root = root }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Resources {
        var tried: [String] = []
        func holds(_ dir: URL) -> Bool {
            tried.append(dir.path)
            let fm = FileManager.default
            return fm.fileExists(atPath: dir.appendingPathComponent("schema").path) && fm.fileExists(atPath: dir.appendingPathComponent("queries").path)
        }
        if let r = environment["TRAMA_RESOURCES"], !r.isEmpty {
            let url = URL(fileURLWithPath: r)
            if holds(url) { return Resources(root: url) }
            throw ServiceError.resourcesNotFound(tried: tried)
        }
        let starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ].compactMap { $0 }
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                if holds(dir) { return Resources(root: dir) }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw ServiceError.resourcesNotFound(tried: Array(tried.prefix(6)))
    }
}
