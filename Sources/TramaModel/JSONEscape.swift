/// JSON's one-character escapes (RFC 8259, section 7), for the three JSON readers that decode
/// strings themselves — the importers' tape, the cardinal-rs layer's parser and the export
/// formats' values — which differ in what they do with an error, not in what `\n` means.
public enum JSONEscape {
    /// The byte `\` followed by `escape` stands for; nil for `u` (four hex digits follow) and
    /// for a character that is no escape.
    @inline(__always)
    public static func byte(for escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escape
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }
}
