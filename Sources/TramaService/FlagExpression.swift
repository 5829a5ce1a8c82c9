/// A filter over an entity's red flags, as GRAS users combine them: indicators compared with
/// numbers, joined by `and`, `or`, `not` and parentheses —
/// `2.7.1 >= 1 and 4.1.2 > 11000 and 1.2.1 >= 0.5`. A bare indicator means "flagged".
///
/// An indicator is a GRAS number (`2.7.1`, `1.2.1.value` for the by-value share) or a screen name
/// (`ring`, `judge_conflict`). A comparison on an indicator the entity is not flagged for is
/// false (so `not 3.6.1` finds the firms never sanctioned).
public indirect enum FlagExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">=", atMost = "<=", above = ">", below = "<", equal = "=", notEqual = "!="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .atLeast: a >= b
            case .atMost: a <= b
            case .above: a > b
            case .below: a < b
            case .equal: a == b
            case .notEqual: a != b
            }
        }
    }

    case flagged(String)
    case compare(String, Comparison, Double)
    case and(FlagExpression, FlagExpression)
    case or(FlagExpression, FlagExpression)
    case not(FlagExpression)

    /// Whether an entity with these flags (indicator → value; nil for a flag without a value)
    /// satisfies the expression.
    public func matches(_ flags: [String: Double?]) -> Bool {
        switch self {
        case .flagged(let i): flags[i] != nil
        case .compare(let i, let op, let v): (flags[i] ?? nil).map { op.holds($0, v) } ?? false
        case .and(let a, let b): a.matches(flags) && b.matches(flags)
        case .or(let a, let b): a.matches(flags) || b.matches(flags)
        case .not(let a): !a.matches(flags)
        }
    }

    /// Every indicator named.
    public var indicators: Set<String> {
        switch self {
        case .flagged(let i), .compare(let i, _, _): [i]
        case .and(let a, let b), .or(let a, let b): a.indicators.union(b.indicators)
        case .not(let a): a.indicators
        }
    }

    /// Indicators every match must be flagged for (those under `and` outside any `not` or `or`):
    /// the store reads only entities flagged for one of them.
    public var required: Set<String> {
        switch self {
        case .flagged(let i), .compare(let i, _, _): [i]
        case .and(let a, let b): a.required.union(b.required)
        case .or, .not: []
        }
    }

    public var description: String {
        switch self {
        case .flagged(let i): i
        case .compare(let i, let op, let v): "\(i) \(op.rawValue) \(v)"
        case .and(let a, let b): "(\(a) and \(b))"
        case .or(let a, let b): "(\(a) or \(b))"
        case .not(let a): "not \(a)"
        }
    }

    /// Parses `text`; a mistake is a bad `filter` parameter naming the character where it is.
    public static func parse(_ text: String) throws -> FlagExpression {
        guard text.unicodeScalars.count <= 2000 else { throw ServiceError.badParameter(name: "filter", reason: "longer than 2000 characters") }
        var parser = Parser(text: Array(text.unicodeScalars))
        let e = try parser.expression()
        parser.skipSpaces()
        guard parser.at == parser.text.count else { throw parser.error("expected `and`, `or` or the end") }
        return e
    }

    struct Parser {
        let text: [Unicode.Scalar]
        var at = 0
        var depth = 0

        func error(_ what: String) -> ServiceError {
            let near = at < text.count ? "'\(String(String.UnicodeScalarView(text[at...].prefix(20))))'" : "the end"
            return .badParameter(name: "filter", reason: "at character \(at + 1) (\(near)): \(what)")
        }

        mutating func skipSpaces() { while at < text.count, text[at].properties.isWhitespace { at += 1 } }

        /// The next word (letters, digits, `_`, `.`) without consuming it.
        func peekWord() -> String {
            var i = at
            while i < text.count, text[i].isASCII, text[i].properties.isAlphabetic || ("0"..."9").contains(text[i]) || text[i] == "_" || text[i] == "." {
                i += 1
            }
            return String(String.UnicodeScalarView(text[at..<i]))
        }

        mutating func keyword(_ word: String) -> Bool {
            skipSpaces()
            guard peekWord().lowercased() == word else { return false }
            at += word.unicodeScalars.count
            return true
        }

        mutating func expression() throws -> FlagExpression {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { throw error("nested too deeply") }
            var e = try conjunction()
            while keyword("or") { e = .or(e, try conjunction()) }
            return e
        }

        mutating func conjunction() throws -> FlagExpression {
            var e = try negation()
            while keyword("and") { e = .and(e, try negation()) }
            return e
        }

        mutating func negation() throws -> FlagExpression {
            if keyword("not") {
                depth += 1
                defer { depth -= 1 }
                guard depth <= 64 else { throw error("nested too deeply") }
                return .not(try negation())
            }
            return try primary()
        }

        mutating func primary() throws -> FlagExpression {
            skipSpaces()
            if at < text.count, text[at] == "(" {
                at += 1
                let e = try expression()
                skipSpaces()
                guard at < text.count, text[at] == ")" else { throw error("expected ')'") }
                at += 1
                return e
            }
            let word = peekWord()
            guard !word.isEmpty, !["and", "or", "not"].contains(word.lowercased()) else { throw error("expected an indicator such as 2.7.1 or ring") }
            _ = try FlagList.indicatorSelector(word)
            at += word.unicodeScalars.count
            skipSpaces()
            guard let op = comparison() else { return .flagged(word) }
            skipSpaces()
            return .compare(word, op, try number())
        }

        mutating func comparison() -> Comparison? {
            for op in [Comparison.atLeast, .atMost, .notEqual, .above, .below, .equal] {
                let s = Array(op.rawValue.unicodeScalars)
                if at + s.count <= text.count, Array(text[at..<(at + s.count)]) == s {
                    at += s.count
                    if op == .equal, at < text.count, text[at] == "=" { at += 1 }
                    return op
                }
            }
            return nil
        }

        mutating func number() throws -> Double {
            var i = at
            if i < text.count, text[i] == "-" || text[i] == "+" { i += 1 }
            while i < text.count, ("0"..."9").contains(text[i]) || text[i] == "." || text[i] == "e" || text[i] == "E"
                || ((text[i] == "-" || text[i] == "+") && (text[i - 1] == "e" || text[i - 1] == "E"))
            {
                i += 1
            }
            guard let v = Double(String(String.UnicodeScalarView(text[at..<i]))), v.isFinite else { throw error("expected a number") }
            at = i
            return v
        }
    }
}
