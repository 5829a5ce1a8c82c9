/// What a GRAS indicator needs loaded before it can be computed, in Trama's terms (the GRAS
/// tables' files and columns, or the relationships other importers create).
public enum DataRequirement: String, Codable, Sendable, CaseIterable {
    case contracts, bids, bidValues = "bid_values", contractValues = "contract_values", procurementMethods = "procurement_methods"
    case publicationDates = "publication_dates", bidDeadlines = "bid_deadlines", buyers, buyerLocations = "buyer_locations"
    case amendments, deliveryDates = "delivery_dates", estimatedPrices = "estimated_prices", productCodes = "product_codes"
    case registrationData = "registration_data", shareholders, economicGroups = "economic_groups", employment
    case turnover, profit, constitutionDates = "constitution_dates", firmCountries = "firm_countries", shareholderCountries = "shareholder_countries"
    case sanctions, donations, candidates, candidatePeople = "candidate_people", officials
    case socioEconomicRecords = "socio_economic_records", criminalRecords = "criminal_records"

    /// Where the data comes from, as a user would load it.
    public var label: String {
        switch self {
        case .contracts: "contracts (contracts.csv, OCDS contracts or awards)"
        case .bids: "bids (bids.csv, OCDS bids.details)"
        case .bidValues: "bid prices (bids.csv BidValue)"
        case .contractValues: "contract values (contracts.csv ContractValue)"
        case .procurementMethods: "procurement methods (tenders.csv ProcurementMethod, OCDS tender.procurementMethod)"
        case .publicationDates: "publication dates (tenders.csv PublicationDate)"
        case .bidDeadlines: "bid deadlines (tenders.csv BidDeadline, OCDS tender.tenderPeriod.endDate)"
        case .buyers: "buyers (tenders.csv AgencyID, OCDS buyer)"
        case .buyerLocations: "buyers' locations (agencies.csv AgencyLocation)"
        case .amendments: "amendment values (contracts.csv ContractAmendValue)"
        case .deliveryDates: "planned and actual delivery (contracts.csv DeliveryDate, ImplementationDate)"
        case .estimatedPrices: "estimated prices (tenders.csv EstimatedPrice)"
        case .productCodes: "product codes (tenders.csv ProductCode, OCDS classification)"
        case .registrationData: "registration data (firms.csv FirmAddress, FirmPhonenumber, FirmEmail)"
        case .shareholders: "shareholders (shareholders.csv, BODS, FtM Ownership)"
        case .economicGroups: "corporate groups (firms.csv EconomicGroup)"
        case .employment: "employment (employment.csv)"
        case .turnover: "turnover (firms.csv Turnover)"
        case .profit: "profit (firms.csv Profit)"
        case .constitutionDates: "constitution dates (firms.csv FirmConstitutionDate)"
        case .firmCountries: "firms' countries (firms.csv FirmCountry)"
        case .shareholderCountries: "shareholders' countries (shareholders.csv ShareholderCountry, firms.csv FirmCountry)"
        case .sanctions: "sanctions (sanctions.csv, FtM Sanction)"
        case .donations: "campaign donations (donations.csv)"
        case .candidates: "candidates (candidates.csv)"
        case .candidatePeople: "the people who stood (candidates.csv PersonID)"
        case .officials: "officials (employment.csv with an AgencyID employer, asset_declarations.csv AgencyID)"
        case .socioEconomicRecords: "socio-economic records (social_benefits.csv)"
        case .criminalRecords: "criminal records (criminal_records.csv)"
        }
    }
}

/// One of the 60 GRAS red-flag indicators (report Tables 1–4): what it measures, which way is
/// riskier, what it needs, and which Trama analysis stores it under which flag.
public struct GRASIndicator: Codable, Sendable, Hashable {
    public enum Direction: String, Codable, Sendable {
        case higher = "higher_is_riskier", lower = "lower_is_riskier", binary
    }

    public var id: String
    public var name: String
    public var pattern: String
    public var direction: Direction
    public var needs: [DataRequirement]
    /// The analysis that computes it (`collusion`, `suppliers`); nil when Trama cannot yet.
    public var analysis: String?
    /// The indicator its flags are stored under (several GRAS numbers may share one, as 2.1.1 and
    /// 2.1.2 share the top-loser rule `2.1`).
    public var flag: String?

    public var group: Int { Int(id.prefix(1))! }
    /// The risk pattern: `2.7` for 2.7.4.
    public var patternID: String { String(id.split(separator: ".").prefix(2).joined(separator: ".")) }
}

extension GRASIndicator {
    /// The catalogue, in GRAS order (`../shared/reference/gras-indicators.csv`).
    public static let all: [GRASIndicator] = [
        GRASIndicator(id: "1.1.1", name: "Contract share through non-competitive procedures", pattern: "Non-competitive processes", direction: .higher, needs: [.contracts, .procurementMethods], analysis: "suppliers", flag: "1.1.1"),
        GRASIndicator(id: "1.1.2", name: "Contract share after call for tenders absent", pattern: "Non-competitive processes", direction: .higher, needs: [.contracts, .publicationDates], analysis: "suppliers", flag: "1.1.2"),
        GRASIndicator(id: "1.1.3", name: "Contract share after shortened advertisement period", pattern: "Non-competitive processes", direction: .higher, needs: [.contracts, .publicationDates, .bidDeadlines], analysis: "suppliers", flag: "1.1.3"),
        GRASIndicator(id: "1.2.1", name: "Contract share as single bidder", pattern: "Non-competitive tender results", direction: .higher, needs: [.contracts, .bids], analysis: "suppliers", flag: "1.2.1"),
        GRASIndicator(id: "1.2.2", name: "High winning rate", pattern: "Non-competitive tender results", direction: .higher, needs: [.bids], analysis: "suppliers", flag: "1.2.2"),
        GRASIndicator(id: "1.2.3", name: "Contract share in buyer's portfolio", pattern: "Non-competitive tender results", direction: .higher, needs: [.contracts, .buyers], analysis: "suppliers", flag: "1.2.3"),
        GRASIndicator(id: "1.3.1", name: "Contract share with sizeable cost overruns", pattern: "Contract implementation biases", direction: .higher, needs: [.contracts, .contractValues, .amendments], analysis: "suppliers", flag: "1.3.1"),
        GRASIndicator(id: "1.3.2", name: "Contract share with sizeable delivery delays", pattern: "Contract implementation biases", direction: .higher, needs: [.contracts, .deliveryDates], analysis: "suppliers", flag: "1.3.2"),
        GRASIndicator(id: "2.1.1", name: "Low winning rate", pattern: "Top loser", direction: .lower, needs: [.bids], analysis: "collusion", flag: "2.1"),
        GRASIndicator(id: "2.1.2", name: "Number of competitors", pattern: "Top loser", direction: .lower, needs: [.bids], analysis: "collusion", flag: "2.1"),
        GRASIndicator(id: "2.1.3", name: "Number of wins against Top Losers", pattern: "Top loser", direction: .higher, needs: [.bids], analysis: "collusion", flag: "2.1.3"),
        GRASIndicator(id: "2.1.4", name: "Winning rate against Top Losers", pattern: "Top loser", direction: .higher, needs: [.bids], analysis: "collusion", flag: "2.1.4"),
        GRASIndicator(id: "2.1.5", name: "Number of Top Loser competitors", pattern: "Top loser", direction: .higher, needs: [.bids], analysis: "collusion", flag: "2.1.5"),
        GRASIndicator(id: "2.2.1", name: "Number of colluding partners with fixed difference bids", pattern: "Fixed difference bids", direction: .higher, needs: [.bids, .bidValues], analysis: "collusion", flag: "2.2"),
        GRASIndicator(id: "2.2.2", name: "Number of bids with fixed difference bids", pattern: "Fixed difference bids", direction: .higher, needs: [.bids, .bidValues], analysis: "collusion", flag: "2.2"),
        GRASIndicator(id: "2.2.3", name: "Frequency of fixed difference bids", pattern: "Fixed difference bids", direction: .higher, needs: [.bids, .bidValues], analysis: "collusion", flag: "2.2"),
        GRASIndicator(id: "2.3.1", name: "Bid share in low variance tenders", pattern: "Bid variance biases", direction: .higher, needs: [.bids, .bidValues], analysis: "collusion", flag: "2.3.1"),
        GRASIndicator(id: "2.3.2", name: "Bid share in high relative bid distance tenders", pattern: "Bid variance biases", direction: .higher, needs: [.bids, .bidValues], analysis: "collusion", flag: "2.3.2"),
        GRASIndicator(id: "2.4.1", name: "Contract share with contract value violating Benford's Law", pattern: "Unusual contract value", direction: .higher, needs: [.contracts, .contractValues], analysis: "collusion", flag: "2.4.1"),
        GRASIndicator(id: "2.5.1", name: "Contract share with very high relative contract value", pattern: "High price", direction: .higher, needs: [.contracts, .contractValues, .estimatedPrices], analysis: "collusion", flag: "2.5.1"),
        GRASIndicator(id: "2.6.1", name: "Number of competitors sharing registration data", pattern: "Common registration data", direction: .higher, needs: [.bids, .registrationData], analysis: "collusion", flag: "2.6.1"),
        GRASIndicator(id: "2.6.2", name: "Number of tenders with bidders sharing registration data", pattern: "Common registration data", direction: .higher, needs: [.bids, .registrationData], analysis: "collusion", flag: "2.6.2"),
        GRASIndicator(id: "2.6.3", name: "Share of contracts won against competitors sharing registration data", pattern: "Common registration data", direction: .higher, needs: [.bids, .registrationData], analysis: "collusion", flag: "2.6.3"),
        GRASIndicator(id: "2.7.1", name: "Number of competitors with common shareholder", pattern: "Common shareholder", direction: .higher, needs: [.bids, .shareholders], analysis: "collusion", flag: "2.7.1"),
        GRASIndicator(id: "2.7.2", name: "Number of tenders with competitors sharing a shareholder", pattern: "Common shareholder", direction: .higher, needs: [.bids, .shareholders], analysis: "collusion", flag: "2.7.2"),
        GRASIndicator(id: "2.7.3", name: "Share of contracts won against competitors with common shareholder", pattern: "Common shareholder", direction: .higher, needs: [.bids, .shareholders], analysis: "collusion", flag: "2.7.3"),
        GRASIndicator(id: "2.7.4", name: "Number of competitors in the same corporate group", pattern: "Common shareholder", direction: .higher, needs: [.bids, .economicGroups], analysis: "collusion", flag: "2.7.4"),
        GRASIndicator(id: "2.7.5", name: "Number of tenders with competitors in the same corporate group", pattern: "Common shareholder", direction: .higher, needs: [.bids, .economicGroups], analysis: "collusion", flag: "2.7.5"),
        GRASIndicator(id: "2.7.6", name: "Share of contracts won against competitors in the same corporate group", pattern: "Common shareholder", direction: .higher, needs: [.bids, .economicGroups], analysis: "collusion", flag: "2.7.6"),
        GRASIndicator(id: "2.8.1", name: "Number of competitors with common employee", pattern: "Common employee", direction: .higher, needs: [.bids, .employment], analysis: "collusion", flag: "2.8.1"),
        GRASIndicator(id: "2.8.2", name: "Number of tenders with competitors sharing an employee", pattern: "Common employee", direction: .higher, needs: [.bids, .employment], analysis: "collusion", flag: "2.8.2"),
        GRASIndicator(id: "2.8.3", name: "Share of contracts won against competitors with common employee", pattern: "Common employee", direction: .higher, needs: [.bids, .employment], analysis: "collusion", flag: "2.8.3"),
        GRASIndicator(id: "3.1.1", name: "Contract revenue/turnover ratio", pattern: "Unusual size", direction: .higher, needs: [.contracts, .contractValues, .turnover], analysis: "suppliers", flag: "3.1.1"),
        GRASIndicator(id: "3.1.2", name: "Contract revenue per employee", pattern: "Unusual size", direction: .higher, needs: [.contracts, .contractValues, .employment], analysis: "suppliers", flag: "3.1.2"),
        GRASIndicator(id: "3.2.1", name: "Unusual profitability", pattern: "Unusual profitability", direction: .higher, needs: [.contracts, .turnover, .profit], analysis: "suppliers", flag: "3.2.1"),
        GRASIndicator(id: "3.3.1", name: "Number of economic activities", pattern: "Broad scope of activities", direction: .higher, needs: [.contracts, .productCodes], analysis: "suppliers", flag: "3.3.1"),
        GRASIndicator(id: "3.4.1", name: "Period between incorporation and 1st contract", pattern: "Young supplier", direction: .lower, needs: [.contracts, .constitutionDates], analysis: "suppliers", flag: "3.4.1"),
        GRASIndicator(id: "3.5.1", name: "Contract before incorporation", pattern: "Non-registered supplier", direction: .binary, needs: [.contracts, .constitutionDates], analysis: "suppliers", flag: "3.5.1"),
        GRASIndicator(id: "3.6.1", name: "Sanctioned company", pattern: "Sanctions", direction: .binary, needs: [.sanctions], analysis: "suppliers", flag: "3.6.1"),
        GRASIndicator(id: "3.6.2", name: "Sanctioned shareholder/legal representative", pattern: "Sanctions", direction: .binary, needs: [.sanctions], analysis: "suppliers", flag: "3.6.2"),
        GRASIndicator(id: "3.6.3", name: "Link to another sanctioned company", pattern: "Sanctions", direction: .binary, needs: [.sanctions], analysis: "suppliers", flag: "3.6.3"),
        GRASIndicator(id: "3.6.4", name: "Contracts while sanctioned", pattern: "Sanctions", direction: .higher, needs: [.sanctions], analysis: "suppliers", flag: "3.6.4"),
        GRASIndicator(id: "3.6.5", name: "Sanction relative duration", pattern: "Sanctions", direction: .higher, needs: [.sanctions, .constitutionDates], analysis: "suppliers", flag: "3.6.5"),
        GRASIndicator(id: "3.6.6", name: "Period between incorporation and 1st sanction", pattern: "Sanctions", direction: .lower, needs: [.sanctions, .constitutionDates], analysis: "suppliers", flag: "3.6.6"),
        GRASIndicator(id: "3.7.1", name: "Shareholder has low socio-economic status", pattern: "Shareholder with low socio-economic status", direction: .binary, needs: [.shareholders, .socioEconomicRecords], analysis: "suppliers", flag: "3.7.1"),
        GRASIndicator(id: "3.7.2", name: "Status duration", pattern: "Shareholder with low socio-economic status", direction: .higher, needs: [.shareholders, .socioEconomicRecords], analysis: "suppliers", flag: "3.7.2"),
        GRASIndicator(id: "3.7.3", name: "Time overlap between status and company ownership", pattern: "Shareholder with low socio-economic status", direction: .higher, needs: [.shareholders, .socioEconomicRecords], analysis: "suppliers", flag: "3.7.3"),
        GRASIndicator(id: "3.8.1", name: "Convicted shareholder", pattern: "Shareholder/legal representative with criminal record", direction: .binary, needs: [.shareholders, .criminalRecords], analysis: "suppliers", flag: "3.8.1"),
        GRASIndicator(id: "3.9.1", name: "Company registered in tax haven", pattern: "Tax haven registration", direction: .binary, needs: [.firmCountries], analysis: "suppliers", flag: "3.9.1"),
        GRASIndicator(id: "3.9.2", name: "Shareholder registered in tax haven", pattern: "Tax haven registration", direction: .binary, needs: [.shareholders, .shareholderCountries], analysis: "suppliers", flag: "3.9.2"),
        GRASIndicator(id: "4.1.1", name: "Donation to electoral campaign", pattern: "Political finance", direction: .binary, needs: [.donations], analysis: "suppliers", flag: "4.1.1"),
        GRASIndicator(id: "4.1.2", name: "Value of donation to electoral campaign", pattern: "Political finance", direction: .higher, needs: [.donations], analysis: "suppliers", flag: "4.1.2"),
        GRASIndicator(id: "4.1.3", name: "Contracts won following donation", pattern: "Political finance", direction: .higher, needs: [.donations, .candidates, .contracts, .buyerLocations], analysis: "suppliers", flag: "4.1.3"),
        GRASIndicator(id: "4.1.4", name: "Percent of contracts won following donation", pattern: "Political finance", direction: .higher, needs: [.donations, .candidates, .contracts, .buyerLocations], analysis: "suppliers", flag: "4.1.4"),
        GRASIndicator(id: "4.2.1", name: "Company's personal connections to politicians", pattern: "Personal connections to politicians", direction: .binary, needs: [.candidatePeople], analysis: "suppliers", flag: "4.2.1"),
        GRASIndicator(id: "4.2.2", name: "Contracts won following political connection", pattern: "Personal connections to politicians", direction: .higher, needs: [.candidatePeople, .contracts, .buyerLocations], analysis: "suppliers", flag: "4.2.2"),
        GRASIndicator(id: "4.2.3", name: "Percent of contracts won following political connection", pattern: "Personal connections to politicians", direction: .higher, needs: [.candidatePeople, .contracts, .buyerLocations], analysis: "suppliers", flag: "4.2.3"),
        GRASIndicator(id: "4.3.1", name: "Company's personal connections to bureaucrat", pattern: "Personal connections to bureaucrats", direction: .binary, needs: [.officials], analysis: "suppliers", flag: "4.3.1"),
        GRASIndicator(id: "4.3.2", name: "Contracts won following connection to bureaucrat", pattern: "Personal connections to bureaucrats", direction: .higher, needs: [.officials, .contracts, .buyers], analysis: "suppliers", flag: "4.3.2"),
        GRASIndicator(id: "4.3.3", name: "Percent of contracts won following connection to bureaucrat", pattern: "Personal connections to bureaucrats", direction: .higher, needs: [.officials, .contracts, .buyers], analysis: "suppliers", flag: "4.3.3"),
    ]

    /// The indicator a stored flag reports: its GRAS entry, or for `1.1.1.value` that of 1.1.1.
    public static func entry(forFlag flag: String) -> GRASIndicator? {
        let base = FlagVariant.split(flag).base
        return all.first { $0.id == base } ?? all.first { $0.flag == base }
    }
}

/// What a stored flag's name may add after its GRAS number: `.value` for the share by value
/// rather than by number, and the variants GRAS 4 lists for its political-connection indicators
/// (direct or indirect link; link to an elected politician, or one in office while tied), so
/// that a filter can ask for one variant (`4.2.1.elected >= 1`).
public enum FlagVariant: String, CaseIterable, Sendable {
    case value, direct, indirect, elected, inPower = "in_power"

    public var label: String {
        switch self {
        case .value: "by value"
        case .direct: "direct link"
        case .indirect: "through a relative"
        case .elected: "elected politician"
        case .inPower: "tied while in office"
        }
    }

    /// The GRAS number (or screen name) and the variant of a stored flag's name.
    public static func split(_ flag: String) -> (base: String, variant: FlagVariant?) {
        guard let dot = flag.lastIndex(of: "."), let variant = FlagVariant(rawValue: String(flag[flag.index(after: dot)...])) else { return (flag, nil) }
        return (String(flag[..<dot]), variant)
    }
}

/// A stored flag's *standing*: the share of the entities flagged for the same indicator in the
/// same run whose value is no riskier than its own (SQL's `cume_dist`; 1 = the riskiest), so
/// flags of different scales compare and add up in the composite ranking. Computed once when a
/// run is stored, not on every question asked of it.
public enum FlagStanding {
    /// The stored flags whose lower values are riskier (GRAS 3.4.1 young supplier, 3.6.6 time to
    /// first sanction).
    public static let lowerIsRiskier = Set(GRASIndicator.all.filter { $0.direction == .lower && $0.flag == $0.id }.map(\.id))

    /// The standing of each flag, given in any order as (indicator, value); a flag without a
    /// value has none, and counts among none.
    public static func standings(_ flags: [(indicator: String, value: Double?)]) -> [Double?] {
        var byIndicator: [String: [Int]] = [:]
        for (i, f) in flags.enumerated() where f.value != nil { byIndicator[f.indicator, default: []].append(i) }
        var out = [Double?](repeating: nil, count: flags.count)
        for (indicator, members) in byIndicator {
            let lower = lowerIsRiskier.contains(indicator)
            // Riskiest last, so a flag's standing is (its position among its ties' last + 1) / n.
            let order = members.sorted { lower ? flags[$0].value! > flags[$1].value! : flags[$0].value! < flags[$1].value! }
            let n = Double(order.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count, flags[order[j + 1]].value == flags[order[i]].value { j += 1 }
                for k in i...j { out[order[k]] = Double(j + 1) / n }
                i = j + 1
            }
        }
        return out
    }
}
