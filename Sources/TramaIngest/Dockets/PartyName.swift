/// A name in a docket — a party's, a law firm's — as the keys compare it.
///
/// Dockets say who is a person and who an organisation only through the name. An organisation
/// has a legal form or an organisation's word in it ("AAA Cooper Transportation Inc", "Bank of
/// America, N.A.", "Official Committee of Unsecured Creditors"); a government body one of a
/// government's ("United States of America", "Internal Revenue Service", "U.S. Trustee").
/// The key drops nothing but punctuation, case and accents, so that two spellings are one
/// entity only when they agree; ``core`` drops the legal form as well, which proposes the
/// spellings that agree but for it as candidates.
public struct PartyName: Sendable, Hashable {
    public var written: String
    /// Upper-case words, accents folded.
    public var key: String
    /// ``key`` without legal-form words and a trailing office in parentheses.
    public var core: String

    public init(_ written: String) {
        self.written = written
        let tokens = JudgeDirectory.tokens(written)
        key = tokens.joined(separator: " ")
        var unbracketed = written
        while let open = unbracketed.lastIndex(of: "("), let close = unbracketed[open...].firstIndex(of: ")") { unbracketed.removeSubrange(open...close) }
        var core = JudgeDirectory.tokens(unbracketed)
        while core.count > 1, let last = core.last, Self.legalForms.contains(last) { core.removeLast() }
        // "L L C", "N A", "P C": spelled-out forms read as letters.
        while core.count > 2, core.last!.count == 1, core[core.count - 2].count == 1 { core.removeLast(2) }
        self.core = core.joined(separator: " ")
    }

    public enum Kind: Sendable { case person, organisation, government }

    public var kind: Kind {
        let words = Set(key.split(separator: " ").map(String.init))
        let padded = " " + key + " "
        if Self.governmentPhrases.contains(where: { padded.contains(" \($0) ") }) { return .government }
        if !words.isDisjoint(with: Self.legalForms) || !words.isDisjoint(with: Self.organisationWords) { return .organisation }
        if hasAcronym { return .organisation }
        return .person
    }

    /// An acronym among words in mixed case ("AAA Cooper Transportation", "BMW of North
    /// America"): a name in capitals throughout says nothing, nor does a suffix ("III").
    var hasAcronym: Bool {
        let tokens = written.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let mixed = tokens.contains { t in t.contains(where: \.isLowercase) }
        return mixed && tokens.contains { t in
            (2...5).contains(t.count) && t.allSatisfy { $0.isUppercase && $0.isLetter } && !["II", "III", "IV", "VI", "JR", "SR"].contains(t)
        }
    }

    static let legalForms: Set<String> = [
        "INC", "INCORPORATED", "LLC", "LLP", "LP", "LLLP", "PLLC", "PC", "PA", "PLC", "LTD", "LIMITED", "CORP", "CORPORATION", "CO", "COMPANY", "NA",
        "SA", "AG", "GMBH", "BV", "NV", "SPA", "SARL", "ULC",
    ]
    static let organisationWords: Set<String> = [
        "BANK", "BANCORP", "TRUST", "ASSOCIATION", "ASSN", "FUND", "PARTNERS", "PARTNERSHIP", "HOLDINGS", "GROUP", "UNIVERSITY", "COLLEGE",
        "HOSPITAL", "CENTER", "SERVICES", "SYSTEMS", "INDUSTRIES", "INTERNATIONAL", "ENTERPRISES", "COMMITTEE", "FOUNDATION", "INSURANCE",
        "MORTGAGE", "FINANCIAL", "CAPITAL", "SECURITIES", "CHURCH", "SCHOOL", "CLUB", "UNION", "COOPERATIVE", "VENTURES", "PROPERTIES",
        "INVESTMENTS", "MANAGEMENT", "TECHNOLOGIES", "SOLUTIONS", "LENDING", "CREDIT", "ESTATE", "DBA", "FKA", "AGENT", "ADVISORS", "LAW", "FIRM",
        "BRANCH", "PRESS", "NEWS", "MEDIA", "SOCIETE", "SOCIETY", "COUNCIL", "INSTITUTE", "AIRLINES", "MOTORS", "ENERGY", "PHARMACEUTICALS",
        "LABORATORIES", "PRODUCTS", "SUPPLY", "CONSTRUCTION", "HOTEL", "REALTY", "RESOURCES", "COMMUNICATIONS", "TRANSPORTATION", "LOGISTICS",
        "DEVELOPMENT", "ASSOCIATES", "CONSULTANTS",
    ]
    static let governmentPhrases: [String] = [
        "UNITED STATES", "USA", "U S", "US TRUSTEE", "DEPARTMENT", "DEPT", "INTERNAL REVENUE", "STATE OF", "COUNTY OF", "CITY OF", "COMMONWEALTH OF",
        "COMMISSION", "OFFICE OF", "BUREAU", "ADMINISTRATION", "AGENCY", "AUTHORITY", "BOARD OF", "ATTORNEY GENERAL", "UNITED STATES ATTORNEY",
        "U S ATTORNEY", "GOVERNMENT", "SECRETARY OF", "PEOPLE OF", "TOWN OF", "VILLAGE OF", "DISTRICT OF COLUMBIA", "POLICE", "SHERIFF",
    ]
}
