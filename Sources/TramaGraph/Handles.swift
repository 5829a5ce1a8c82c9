/// The store's identifier per node or edge — the way back to provenance — kept in 4 bytes
/// each as offsets from the smallest when they span less than 2³² (bigserial ids from one
/// store do), else in 8. Saves 4 bytes per relationship and per entity over plain `Int64`.
public struct Handles: Sendable {
    private let base: Int64
    private let narrow: [UInt32]
    private let wide: [Int64]

    public init(_ values: [Int64]) {
        let lo = values.min() ?? 0
        let hi = values.max() ?? 0
        if hi &- lo >= 0, hi &- lo < Int64(UInt32.max) {
            base = lo
            narrow = values.map { UInt32($0 - lo) }
            wide = []
        } else {
            base = 0
            narrow = []
            wide = values
        }
    }

    public var count: Int { wide.isEmpty ? narrow.count : wide.count }

    public subscript(i: Int) -> Int64 { wide.isEmpty ? base + Int64(narrow[i]) : wide[i] }

    /// Bytes held.
    public var residentBytes: Int { narrow.count * 4 + wide.count * 8 }
}
