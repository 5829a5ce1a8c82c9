/// `kind:key`, the reference users type and results store, split at its first colon.
///
/// Split on Unicode scalars, not characters: a key that begins with a combining mark (a skin
/// tone, an accent) would otherwise fuse with the colon into one character and hide it.
public struct KindKey: Sendable, Hashable {
    public var kind: String
    public var key: String

    /// Nil when there is no colon, or nothing before or after it.
    public init?(_ text: String) {
        let scalars = text.unicodeScalars
        guard let colon = scalars.firstIndex(of: ":"), colon != scalars.startIndex, scalars.index(after: colon) != scalars.endIndex else {
            return nil
        }
        kind = String(scalars[..<colon])
        key = String(scalars[scalars.index(after: colon)...])
    }

    public var text: String { "\(kind):\(key)" }
}
