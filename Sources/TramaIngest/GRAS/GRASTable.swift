/// The GRAS tables Trama reads (`../shared/reference/gras-tables.md`): file names and columns
/// are the data-field names of the GRAS report's Table 11, so an agency that has mapped its
/// data for GRAS loads it unchanged.
public enum GRASTable: String, Sendable, CaseIterable {
    // Declared in load order: a table comes after every table whose IDs it references.
    case agencies, people, firms, candidates, tenders, contracts, judges, cases
    case shareholders, employment, bids, donations, sanctions
    case caseParties = "case_parties"
    case relatives
    case assetDeclarations = "asset_declarations"
    case socialBenefits = "social_benefits"
    case criminalRecords = "criminal_records"

    public var fileName: String { rawValue + ".csv" }

    /// Columns in the contract's order; the required ones (bold in the contract) are flagged.
    public var columns: [GRASColumn] {
        switch self {
        case .agencies:
            [.id("AgencyID", .agency), .text("AgencyName"), .text("AgencyLocation"), .text("AgencyGovLevel")]
        case .firms:
            [
                .id("FirmID", .firm), .text("FirmName"), .text("EntityType"), .text("FirmCountry"), .text("FirmAddress"),
                .text("FirmPhonenumber"), .text("FirmEmail"), .text("FirmActivityCode"), .date("FirmConstitutionDate"),
                .ref("LegalRepresentativeID", [.person]), .ref("AccountantID", [.person]), .text("EconomicGroup"),
                .number("Turnover"), .number("Profit"),
            ]
        case .people:
            [.id("PersonID", .person), .text("PersonName"), .date("DateOfBirth")]
        case .shareholders:
            [
                .ref("FirmID", [.firm], required: true), .ref("ShareholderID", [.firm, .person], required: true),
                .text("ShareholderName"), .date("ShareholderEntryDate"), .date("ShareholderExitDate"),
                .text("ShareholderCountry"), .percent("Share"),
            ]
        case .employment:
            [
                .ref("EmployerID", [.firm, .agency], required: true), .ref("WorkerID", [.person], required: true),
                .text("Position"), .number("Remuneration"), .date("AdmissionDate"), .date("TerminationDate"),
            ]
        case .tenders:
            [
                .id("ProcessID", .tender), .ref("AgencyID", [.agency]), .text("ProcurementMethod"), .date("PublicationDate"),
                .date("BidDeadline"), .amount("EstimatedPrice"), .text("ProductCode"), .text("ImplementationLocation"),
            ]
        case .bids:
            [
                .ref("ProcessID", [.tender], required: true), .ref("FirmID", [.firm], required: true), .text("BidNumber"),
                .amount("BidValue"), .date("BidDate"), GRASColumn(name: "AwardBid", type: .flag, required: true),
            ]
        case .contracts:
            [
                .id("ContractID", .contract), .ref("ProcessID", [.tender], required: true), .ref("FirmID", [.firm], required: true),
                .amount("ContractValue"), .date("ContractDate"), .number("ContractAmendValue"), .date("DeliveryDate"),
                .date("ImplementationDate"),
            ]
        case .candidates:
            [
                .id("CandidateID", .candidate), .text("CandidateName"), .text("PartyName"), .text("OfficeDisputed"),
                GRASColumn(name: "Elected", type: .flag), .text("ElectionJurisdiction"), GRASColumn(name: "Year", type: .year),
                .ref("PersonID", [.person]),
            ]
        case .donations:
            [
                .ref("CampaignDonorID", [.firm, .person], required: true), .ref("CandidateID", [.candidate], required: true),
                .amount("CampaignDonationValue"), GRASColumn(name: "Year", type: .year),
            ]
        case .sanctions:
            [
                .ref("SanctionedID", [.firm, .person], required: true), .text("SanctionedName"), .date("SanctionStart"),
                .date("SanctionEnd"), .text("SanctioningOrgName"),
            ]
        case .judges:
            [
                .ref("JudgeID", [.person], required: true), .text("JudgeName"), .text("CourtID"),
                .ref("AppointedBy", [.person, .candidate]), .date("AppointmentDate"),
            ]
        case .cases:
            [
                .id("CaseID", .case), .text("CourtID"), .ref("JudgeID", [.judge], required: true), .date("FiledDate"),
                .date("DecidedDate"), .text("Outcome"),
            ]
        case .caseParties:
            [
                .ref("CaseID", [.case], required: true), .ref("PartyID", [.firm, .person, .agency], required: true),
                .text("Role"), .ref("LawyerID", [.person]),
            ]
        case .relatives:
            [.ref("PersonID", [.person], required: true), .ref("RelativeID", [.person], required: true), .text("FamilyRelation")]
        case .assetDeclarations:
            [
                .ref("PersonID", [.person], required: true), GRASColumn(name: "Year", type: .year, required: true),
                .ref("ShareholderCompanyID", [.firm]), .ref("RelativeID", [.person]), .ref("AgencyID", [.agency]),
                .text("Position"),
            ]
        case .socialBenefits:
            [
                .ref("BeneficiaryID", [.person], required: true), .date("BenefitStart"), .date("BenefitEnd"), .amount("BenefitValueTotal"),
                .text("CashtransprogramType"),
            ]
        case .criminalRecords:
            [.ref("PersonID", [.person], required: true), .text("Crime"), .date("SentenceDate")]
        }
    }

    /// Pairs of date columns where the second may not precede the first.
    var dateRanges: [(start: String, end: String)] {
        switch self {
        case .shareholders: [("ShareholderEntryDate", "ShareholderExitDate")]
        case .employment: [("AdmissionDate", "TerminationDate")]
        case .sanctions: [("SanctionStart", "SanctionEnd")]
        case .cases: [("FiledDate", "DecidedDate")]
        case .socialBenefits: [("BenefitStart", "BenefitEnd")]
        default: []
        }
    }
}

/// The ID tables that references resolve in.
public enum IDSpace: String, Sendable, CaseIterable {
    case agency = "AgencyID"
    case firm = "FirmID"
    case person = "PersonID"
    case tender = "ProcessID"
    case contract = "ContractID"
    case candidate = "CandidateID"
    case `case` = "CaseID"
    /// PersonIDs that judges.csv names as judges.
    case judge = "JudgeID"

    /// The table whose rows define the IDs.
    var table: GRASTable {
        switch self {
        case .agency: .agencies
        case .firm: .firms
        case .person: .people
        case .tender: .tenders
        case .contract: .contracts
        case .candidate: .candidates
        case .case: .cases
        case .judge: .judges
        }
    }
}

/// What a column holds, and so how it is checked.
public enum GRASValueType: Sendable, Hashable {
    case text
    /// `YYYY-MM-DD`.
    case date
    /// A decimal number: optional sign, digits, optional fraction; no thousands separators.
    case number
    /// An amount of money a bid, price, contract or donation states: a number, not negative
    /// (``ValueRules``; an amendment's value, a profit, may be negative and are plain numbers).
    case amount
    /// A number from 0 to 100.
    case percent
    /// `1` or `0`.
    case flag
    /// A four-digit year.
    case year
    /// The row's own identifier, unique in its table.
    case identifier(IDSpace)
    /// An identifier that must be defined in one of these tables (in this order of preference).
    case reference([IDSpace])
}

public struct GRASColumn: Sendable, Hashable {
    public var name: String
    public var type: GRASValueType
    public var required: Bool

    public init(name: String, type: GRASValueType, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
    }

    static func id(_ name: String, _ space: IDSpace) -> GRASColumn { GRASColumn(name: name, type: .identifier(space), required: true) }
    static func text(_ name: String) -> GRASColumn { GRASColumn(name: name, type: .text) }
    static func date(_ name: String) -> GRASColumn { GRASColumn(name: name, type: .date) }
    static func number(_ name: String) -> GRASColumn { GRASColumn(name: name, type: .number) }
    static func amount(_ name: String) -> GRASColumn { GRASColumn(name: name, type: .amount) }
    static func percent(_ name: String) -> GRASColumn { GRASColumn(name: name, type: .percent) }
    static func ref(_ name: String, _ spaces: [IDSpace], required: Bool = false) -> GRASColumn {
        GRASColumn(name: name, type: .reference(spaces), required: required)
    }
}
