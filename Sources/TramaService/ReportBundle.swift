import Foundation
public import TramaDocument
public import TramaRender
import TramaStore

/// The files of a report a prosecutor files: `report.html`, `report.pdf`, `map.svg`,
/// `map.png`, the answer as JSON, and `MANIFEST.sha256` over all of them (in `sha256sum -c`
/// form) with the digests of the datasets the report read as comments.
///
/// Nothing in them depends on when or where they were made beyond the document's one
/// `generated` time: the same data and options give byte-identical files, so a filed copy can
/// be checked against a fresh run.
public struct ReportBundle: Sendable {
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
    }

    public var files: [File]

    /// `document` with its map drawn by `drawing` in `theme` and placed after the first
    /// `mapAfter` blocks; `json` saved as `jsonName`.
    public init(
        document: Document, mapAfter: Int, map: NetworkMap, mapCaption: String, json: JSONValue, jsonName: String,
        datasets: [EvidenceReport.DatasetSource], drawing: any MapDrawing, theme: Theme
    ) throws {
        let svg = try drawing.render(map, theme: theme, format: .svg)
        let png = try drawing.render(map, theme: theme, format: .png)
        var document = document
        let image = Image(png: png, svg: String(decoding: svg, as: UTF8.self), alt: map.title, caption: mapCaption, dpi: theme.dpi)
        document.blocks.insert(.image(image), at: min(mapAfter, document.blocks.count))
        files = [
            File(name: "report.html", bytes: Array(document.html().utf8)),
            File(name: "report.pdf", bytes: try document.pdf()),
            File(name: "map.svg", bytes: svg),
            File(name: "map.png", bytes: png),
            File(name: jsonName, bytes: Array((json.pretty + "\n").utf8)),
        ]
        files.append(File(name: "MANIFEST.sha256", bytes: Array(Self.manifest(files, datasets: datasets).utf8)))
    }

    /// `sha256sum -c MANIFEST.sha256` checks the files; the comments name the data read.
    static func manifest(_ files: [File], datasets: [EvidenceReport.DatasetSource]) -> String {
        var lines = files.map { "\(SHA256.hex($0.bytes))  \($0.name)" }
        for d in datasets {
            lines.append("# dataset \(d.name) (import #\(d.version), \(d.importedAt)) digest \(d.digest ?? "unknown")")
            for f in d.files { lines.append("#   \(f.sha256)  \(d.name)/\(f.name)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes every file into `directory` (created if missing), replacing files of these names.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for f in files { try Data(f.bytes).write(to: directory.appendingPathComponent(f.name), options: .atomic) }
    }

    /// The time a reproducible report states: `SOURCE_DATE_EPOCH` when set (the reproducible-
    /// builds convention), else when the data it reads was last changed — both the same on
    /// every run over the same data.
    public static func reproducibleTime(dataChangedAt: String?) -> String {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap({ TimeInterval($0) }) {
            return utc(Date(timeIntervalSince1970: epoch))
        }
        return dataChangedAt.map(normalised) ?? "1970-01-01 00:00 UTC"
    }

    public static func now() -> String { utc(Date()) }

    static func utc(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return f.string(from: date)
    }

    /// An import's `2026-12-04T14:57:25.123456Z` as `2026-12-04 14:57:25 UTC`.
    static func normalised(_ timestamp: String) -> String {
        guard timestamp.count >= 19, timestamp.hasSuffix("Z") else { return timestamp }
        return timestamp.prefix(19).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
