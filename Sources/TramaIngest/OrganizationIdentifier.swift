import Foundation

/// An identifier as published (a scheme and an id) reduced to one key, `SCHEME-ID`, so that the
/// same firm from two sources — an OCDS party, a BODS entity, a FollowTheMoney company, a GRAS
/// table — meets in one node. Publishers write the same identifier many ways: the scheme as an
/// org-id.guide code (`PY-RUC`), a bare acronym (`RUC`, `RFC`, `NIT`) or a sentence ("Registro
/// Único de Contribuyente emitido por el Ministerio de Hacienda del Gobierno de Paraguay"); the
/// id with or without punctuation, leading zeros or check digit. Each scheme Trama knows has
/// its own rule; any other scheme keeps its code upper-cased and its id upper-cased with spaces,
/// dots, dashes and slashes removed.
///
/// An id that does not look like one of its scheme (wrong length, bad check digit) still gets
/// a key — the source said it — and ``problem`` says what is wrong, for the importer to keep.
public struct OrganizationIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// org-id.guide code, or the published scheme upper-cased when Trama knows no rule for it.
    public let scheme: String
    public let id: String
    /// Why the id does not look like one of its scheme; nil when it does, or when no rule applies.
    public let problem: String?

    /// `SCHEME-ID`, or the id alone when no scheme was published.
    public var key: String { scheme.isEmpty ? id : scheme + "-" + id }
    public var description: String { key }

    /// Nil without an id. Without a scheme the key is the cleaned id alone. `country` (ISO
    /// 3166 alpha-2 code or English/Spanish name, e.g. an OCDS party's `address.countryName`)
    /// resolves acronyms several countries use: `NIT` is Colombia's tax number only in Colombia.
    public init?(scheme: String?, id: String?, country: String? = nil) {
        guard let id, case let raw = id.trimmingWhitespace(), !raw.isEmpty else { return nil }
        let published = scheme?.trimmingWhitespace() ?? ""
        if let rule = Self.rule(forScheme: published, country: country) {
            let bare = Self.dropping(prefix: rule.code, from: raw)
            let (cleaned, problem) = rule.normalise(bare)
            guard !cleaned.isEmpty else { return nil }
            (self.scheme, self.id, self.problem) = (rule.code, cleaned, problem)
        } else {
            let code = published.uppercased()
            let cleaned = Self.clean(code.isEmpty ? raw : Self.dropping(prefix: code, from: raw))
            guard !cleaned.isEmpty else { return nil }
            (self.scheme, self.id, self.problem) = (code, cleaned, nil)
        }
    }

    // MARK: - Rules

    struct Rule: Sendable {
        /// org-id.guide code (or, for a scheme it does not list, the code its registry uses).
        var code: String
        /// Other names publishers give the scheme, compared as ``schemeNames(_:)`` folds them.
        var names: [String]
        /// Names several countries use for their own schemes: this rule's only for parties of
        /// its country (the code's prefix).
        var acronyms: [String] = []
        /// The country's names, to read a published `countryName`.
        var countryNames: [String] = []
        var normalise: @Sendable (String) -> (id: String, problem: String?)

        var country: String { String(code.prefix(2)) }
    }

    static let rules: [Rule] = [
        Rule(code: "GB-COH", names: ["Companies House", "UK Companies House"], countryNames: ["United Kingdom", "UK", "Great Britain"], normalise: companiesHouse),
        Rule(code: "XI-LEI", names: ["LEI", "Legal Entity Identifier", "GLEIF"], normalise: lei),
        Rule(code: "MX-RFC", names: ["RFC", "Registro Federal de Contribuyentes"], countryNames: ["Mexico", "México"], normalise: mexicanRFC),
        Rule(
            code: "PY-RUC", names: ["Registro Único de Contribuyente emitido por el Ministerio de Hacienda del Gobierno de Paraguay"],
            acronyms: ["RUC", "Registro Único de Contribuyente", "Registro Único de Contribuyentes"], countryNames: ["Paraguay"],
            normalise: { checkDigitID($0, checkDigit: paraguayCheckDigit, bareLength: nil, scheme: "RUC") }),
        // Colombia's tax number; SECOP publishes it as "NIT" with or without its check digit.
        Rule(
            code: "CO-NIT", names: ["Nit de Persona Jurídica", "Nit de Persona Natural"],
            acronyms: ["NIT", "Número de Identificación Tributaria"], countryNames: ["Colombia"],
            normalise: { checkDigitID($0, checkDigit: colombiaCheckDigit, bareLength: 9, scheme: "NIT") }),
        // Colombia's citizen card, written "17.050.415 de Bogotá" as often as "17050415".
        Rule(code: "CO-CC", names: ["Cédula de Ciudadanía"], acronyms: ["CC"], countryNames: ["Colombia"], normalise: { (leadingDigits($0), nil) }),
        Rule(
            code: "DK-CVR", names: ["DK Centrale Virksomhedsregister", "Det Centrale Virksomhedsregister"], acronyms: ["CVR"], countryNames: ["Denmark", "Danmark"],
            normalise: { (clean($0), nil) }),
    ]

    /// Scheme name → rule (as written, and folded), and acronym + country → rule.
    static let tables: (exact: [String: Rule], names: [String: Rule], acronyms: [String: Rule], countries: [String: String]) = {
        var exact: [String: Rule] = [:]
        var names: [String: Rule] = [:]
        var acronyms: [String: Rule] = [:]
        var countries: [String: String] = [:]
        for rule in rules {
            for name in [rule.code] + rule.names {
                exact[name] = rule
                exact[name.uppercased()] = rule
                for form in schemeNames(name) { names[form] = rule }
            }
            for name in rule.acronyms { for form in schemeNames(name) { acronyms[form + "@" + rule.country] = rule } }
            for name in rule.countryNames { for form in schemeNames(name) { countries[form] = rule.country } }
        }
        return (exact, names, acronyms, countries)
    }()

    /// Every party of a file names its scheme the same way: the exact spelling is looked up
    /// first, and only an unknown one is folded (folding every time was 3% of an OCDS import in `perf`).
    static func rule(forScheme scheme: String, country: String?) -> Rule? {
        guard !scheme.isEmpty else { return nil }
        if let rule = tables.exact[scheme] { return rule }
        let forms = schemeNames(scheme)
        if let rule = forms.lazy.compactMap({ tables.names[$0] }).first { return rule }
        guard let country = country?.trimmingWhitespace(), !country.isEmpty else { return nil }
        let code = country.count == 2 ? country.uppercased() : schemeNames(country).lazy.compactMap { tables.countries[$0] }.first
        guard let code else { return nil }
        return forms.lazy.compactMap { tables.acronyms[$0 + "@" + code] }.first
    }

    /// The forms a scheme name is compared in, without case, punctuation or accents: accents
    /// folded ("CEDULADECIUDADANIA"), and accented letters dropped, as a file decoded with the
    /// wrong encoding loses them ("C\u{FFFD}dula de Ciudadan\u{FFFD}a" and "Cédula de
    /// Ciudadanía" both give "CDULADECIUDADANA").
    static func schemeNames(_ s: String) -> [String] {
        let upper = s.uppercased()
        let folded = upper.folding(options: .diacriticInsensitive, locale: nil)
        func asciiAlphanumerics(_ t: String) -> String { String(t.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }.map(Character.init)) }
        let forms = [asciiAlphanumerics(folded), asciiAlphanumerics(upper)]
        return forms[0] == forms[1] ? [forms[0]] : forms
    }

    /// Upper case, with spaces, dots, dashes, slashes and commas removed.
    static func clean(_ s: String) -> String {
        String(s.uppercased().unicodeScalars.filter { !" .-/,_\t".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// `GB-COH-01234567` under scheme `GB-COH` is `01234567`.
    static func dropping(prefix code: String, from id: String) -> String {
        guard !code.isEmpty, id.count > code.count, id.uppercased().hasPrefix(code) else { return id }
        let rest = id.dropFirst(code.count)
        guard let first = rest.first, "-:/ ".contains(first) else { return id }
        return String(rest.dropFirst())
    }

    static func leadingDigits(_ s: String) -> String {
        String(s.prefix { $0.isNumber || " .,".contains($0) }.filter(\.isNumber))
    }

    /// Companies House numbers are 8 characters: all digits (England and Wales), or a
    /// two-letter prefix (SC, NI, OC, SO, …) and six digits; registers drop leading zeros.
    static func companiesHouse(_ s: String) -> (id: String, problem: String?) {
        let c = clean(s)
        let letters = c.prefix { $0.isLetter }
        let digits = c.dropFirst(letters.count)
        guard letters.count <= 2, !digits.isEmpty, digits.allSatisfy(\.isNumber) else {
            return (c, "a Companies House number is 8 digits, or 2 letters and 6 digits")
        }
        let width = 8 - letters.count
        guard digits.count <= width else { return (c, "a Companies House number has 8 characters, this one \(c.count)") }
        return (letters + String(repeating: "0", count: width - digits.count) + digits, nil)
    }

    /// ISO 17442: 20 characters whose number (letters as 10–35) is 1 modulo 97.
    static func lei(_ s: String) -> (id: String, problem: String?) {
        let c = clean(s)
        guard c.count == 20, c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return (c, "an LEI has 20 letters and digits, this one \(c.count) characters")
        }
        var remainder = 0
        for ch in c {
            let v = Int(String(ch), radix: 36)!
            remainder = (v < 10 ? remainder * 10 + v : remainder * 100 + v) % 97
        }
        return (c, remainder == 1 ? nil : "the LEI's check digits do not match (ISO 17442)")
    }

    /// Mexico's RFC: 3 (firm) or 4 (person) letters, a yymmdd date, a 3-character homoclave.
    static func mexicanRFC(_ s: String) -> (id: String, problem: String?) {
        let c = clean(s)
        let chars = Array(c)
        let letters = chars.prefix { $0.isLetter || $0 == "&" }.count
        let ok = (c.count == 12 && letters == 3 || c.count == 13 && letters == 4)
            && chars[letters..<(letters + 6)].allSatisfy(\.isNumber)
            && chars.suffix(3).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return (c, ok ? nil : "an RFC is 3 or 4 letters, a yymmdd date and 3 letters or digits")
    }

    /// A tax number published with or without its check digit (`80002379-0`, `80002379`): the
    /// key is the number without it, so both spellings meet. The digit after a dash is checked
    /// and dropped; with no dash, an id one longer than `bareLength` whose last digit is its
    /// check digit is taken as written without the dash.
    static func checkDigitID(_ s: String, checkDigit: (String) -> Int, bareLength: Int?, scheme: String) -> (id: String, problem: String?) {
        let trimmed = s.trimmingWhitespace()
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count >= 2, let last = parts.last, last.count == 1, let dv = Int(last) {
            let base = clean(parts.dropLast().joined())
            guard !base.isEmpty, base.allSatisfy(\.isNumber) else { return (clean(trimmed), "a \(scheme) is digits and a check digit") }
            return (base, checkDigit(base) == dv ? nil : "the \(scheme)'s check digit is \(dv), its number gives \(checkDigit(base))")
        }
        let c = clean(trimmed)
        guard !c.isEmpty, c.allSatisfy(\.isNumber) else { return (c, "a \(scheme) is digits and a check digit") }
        if let bareLength, c.count == bareLength + 1 {
            let base = String(c.dropLast())
            if checkDigit(base) == Int(String(c.last!)) { return (base, nil) }
        }
        return (c, nil)
    }

    /// Paraguay's SET: modulo 11, weights 2… from the right.
    static func paraguayCheckDigit(_ base: String) -> Int {
        var total = 0
        for (i, d) in base.reversed().enumerated() { total += Int(String(d))! * (2 + i % 10) }
        let r = total % 11
        return r > 1 ? 11 - r : 0
    }

    /// Colombia's DIAN: modulo 11 with prime weights from the right.
    static func colombiaCheckDigit(_ base: String) -> Int {
        let weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]
        var total = 0
        for (i, d) in base.reversed().enumerated() where i < weights.count { total += Int(String(d))! * weights[i] }
        let r = total % 11
        return r > 1 ? 11 - r : r
    }
}
