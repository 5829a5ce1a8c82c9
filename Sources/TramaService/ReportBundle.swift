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

    /// The bytes of the file named `name` (empty when there is none).
    public func file(_ name: String) -> [UInt8] { files.first { $0.name == name }?.bytes ?? [] }

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

    /// The time a report states: ``reproducibleTime(dataChangedAt:)`` when asked to be
    /// reproducible, else now.
    public static func generated(reproducible: Bool, dataChangedAt: String?) -> String {
        reproducible ? reproducibleTime(dataChangedAt: dataChangedAt) : now()
    }

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

extension ReportBundle {
    /// The files as one ZIP archive, in a folder named `folder`.
    public func zip(folder: String) -> [UInt8] { ZipArchive.make(files.map { ("\(folder)/\($0.name)", $0.bytes) }) }
}

/// ZIP archives of files made in memory: a report bundle or a Neo4j export as one download.
public enum ZipArchive {
    /// Stored, not compressed (PDFs, PNGs and large exports are compressed by the HTTP layer or
    /// already), every entry dated 1980-01-01 so that the archive is as reproducible as its files.
    public static func make(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff)] }
        func le32(_ v: UInt32, _ into: inout [UInt8]) { into += (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }
        let dosDate = (0 << 9) | (1 << 5) | 1  // 1980-01-01
        for f in files {
            let name = Array(f.name.utf8)
            let crc = CRC32.checksum(f.bytes)
            let offset = UInt32(out.count)
            // Local header: version 2.0, flag bit 11 (UTF-8 names), stored, time 00:00.
            le32(0x0403_4b50, &out); le16(20, &out); le16(0x0800, &out); le16(0, &out); le16(0, &out); le16(dosDate, &out)
            le32(crc, &out); le32(UInt32(f.bytes.count), &out); le32(UInt32(f.bytes.count), &out); le16(name.count, &out); le16(0, &out)
            out += name
            out += f.bytes
            le32(0x0201_4b50, &central); le16(20, &central); le16(20, &central); le16(0x0800, &central); le16(0, &central); le16(0, &central)
            le16(dosDate, &central); le32(crc, &central); le32(UInt32(f.bytes.count), &central); le32(UInt32(f.bytes.count), &central)
            le16(name.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central); le32(0o100644 << 16, &central)
            le32(offset, &central)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        le32(0x0605_4b50, &out); le16(0, &out); le16(0, &out); le16(files.count, &out); le16(files.count, &out)
        le32(UInt32(central.count), &out); le32(centralOffset, &out); le16(0, &out)
        return out
    }
}
/// ZIP's checksum (CRC-32, polynomial 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(UInt32.max) { c, b in table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
    }
}
