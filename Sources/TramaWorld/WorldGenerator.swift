public import Foundation

/// What `WorldGenerator.write` wrote.
public struct WorldSummary: Sendable {
    /// Data rows (header excluded) per CSV file, in load order.
    public var rowsPerFile: [(file: String, rows: Int)]
    public var truth: WorldTruth
}

/// Writes a deterministic synthetic world as the 16 GRAS tables plus `truth.json`.
///
/// Background data is drawn at random with heavy tails: a few firms bid very often, a few
/// registered agents hold shares in hundreds of firms, a few addresses host hundreds, economic
/// groups own operating firms through up to four levels of holdings, and many people share a
/// name. Planted patterns use firms and people reserved for them, so background noise neither
/// strengthens nor weakens them, and the background is kept from forming them by accident
/// (background donors never won from their candidate's jurisdiction, background case parties
/// are never linked to their judge). IDs are scrambled, so an ID says nothing about the role.
///
/// The same `WorldConfig` always gives byte-identical files: one seeded SplitMix64 stream, no
/// dictionary or set iteration, no clock.
public struct WorldGenerator: Sendable {
    public let config: WorldConfig

    public init(config: WorldConfig) { self.config = config }

    /// Writes all 18 tables and `truth.json` into `directory` (created if missing).
    /// - Parameter progress: told the name of each phase as it starts.
    public func write(to directory: URL, progress: ((String) -> Void)? = nil) throws -> WorldSummary {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let builder = try WorldBuilder(config: config, directory: directory)
        let rows = try builder.run(progress: progress)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var json = try encoder.encode(builder.truth)
        json.append(0x0A)
        try json.write(to: directory.appendingPathComponent("truth.json"))
        return WorldSummary(rowsPerFile: rows, truth: builder.truth)
    }
}
