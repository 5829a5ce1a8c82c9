import Foundation

/// JSON text of a Foundation tree (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `Bool`,
/// `NSNull`), as the docket reader builds and ``RawJSON/foundationValue`` gives.
enum FoundationJSON {
    /// Object keys in the dictionary's order, written as bytes (String appends and per-key
    /// `quoted` copies were once an import's largest cost).
    static func encode(_ value: Any) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: Any, to out: inout [UInt8]) {
        // Containers and strings first: testing a Swift dictionary against NSNumber would
        // bridge it to NSDictionary; exact Bool before NSNumber, which 0 and 1 also cast to.
        switch value {
        case let s as String: JSONObject.appendQuoted(s, to: &out)
        case let o as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in o {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONObject.appendQuoted(k, to: &out)
                out.append(UInt8(ascii: ":"))
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let a as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let b as Bool where type(of: value) == Bool.self: out.append(contentsOf: (b ? "true" : "false").utf8)
        case let n as NSNumber:
            out.append(contentsOf: (n.doubleValue.isFinite ? n.stringValue : "null").utf8)
        default: out.append(contentsOf: "null".utf8)
        }
    }
}
