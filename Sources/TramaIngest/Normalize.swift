/// Keys for shared registration data (GRAS 2.6): two firms share an address, phone or e-mail
/// when the normalised values are equal, so formatting differences do not hide a link.
public enum Normalize {
    /// Upper case, every run of punctuation and white space one space, trimmed:
    /// "Av. Paulista, 1000 - sala 3" and "AV PAULISTA 1000 SALA 3" are the same address.
    public static func words(_ s: String) -> String {
        asciiWords(s) ?? unicodeWords(s)
    }

    static func unicodeWords(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in s.uppercased() {
            if ch.isLetter || ch.isNumber {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// ``words(_:)`` byte by byte when `s` is ASCII (most registers are), where a letter or a
    /// digit is what Unicode says it is; nil otherwise.
    static func asciiWords(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for c in s.utf8 {
            guard c < 0x80 else { return nil }
            let upper = c >= 0x61 && c <= 0x7A ? c - 0x20 : c
            if (upper >= 0x41 && upper <= 0x5A) || (c >= 0x30 && c <= 0x39) {
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(upper)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Digits only: "+55 (11) 3333-4444" → "551133334444".
    public static func phone(_ s: String) -> String { String(s.filter(\.isASCII).filter(\.isNumber)) }

    /// E.164 digits with the record's country (an ISO code or a name): "(11) 3333-4444" in
    /// Brazil and "+55 11 3333-4444" are one phone (``PhoneNumbering``).
    public static func phone(_ s: String, country: String?) -> String { PhoneNumbering.standard.key(s, country: country) }

    /// Trimmed, lower case.
    public static func email(_ s: String) -> String { s.trimmingWhitespace().lowercased() }
}

extension String {
    func trimmingWhitespace() -> String {
        // Most values have nothing to trim: check the end bytes before walking Characters.
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
        var sub = Substring(self)
        while let f = sub.first, f.isWhitespace { sub = sub.dropFirst() }
        while let l = sub.last, l.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }
}
