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

    /// Handles read back as stored (``PackedGraph``): offsets from `base`, or the values whole.
    init(base: Int64, narrow: [UInt32]) {
        self.base = base
        self.narrow = narrow
        wide = []
    }

    init(wide: [Int64]) {
        base = 0
        narrow = []
        self.wide = wide
    }

    /// How the handles are held: 4-byte offsets from `base`, or 8-byte values (`base` 0).
    var layout: (base: Int64, wide: Bool) { (base, !wide.isEmpty) }

    /// The stored words, 4 or 8 bytes each.
    func withStoredBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        wide.isEmpty ? try narrow.withUnsafeBytes(body) : try wide.withUnsafeBytes(body)
    }

    public var count: Int { wide.isEmpty ? narrow.count : wide.count }

    public subscript(i: Int) -> Int64 { wide.isEmpty ? base + Int64(narrow[i]) : wide[i] }

    /// Bytes held.
    public var residentBytes: Int { narrow.count * 4 + wide.count * 8 }
}
