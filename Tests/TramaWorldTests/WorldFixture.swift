import Foundation
import TramaTestSupport
import TramaIngest
import TramaWorld

/// The data contract (`gras-tables.md`), written out here so the tests check the generator
/// against the document rather than against the importer's own table list.
let contract: [(file: String, columns: [String])] = [
    ("agencies.csv", ["AgencyID", "AgencyName", "AgencyLocation", "AgencyGovLevel"]),
    ("firms.csv", [
        "FirmID", "FirmName", "EntityType", "FirmCountry", "FirmAddress", "FirmPhonenumber", "FirmEmail", "FirmActivityCode",
        "FirmConstitutionDate", "LegalRepresentativeID", "AccountantID", "EconomicGroup", "Turnover", "Profit",
    ]),
    ("people.csv", ["PersonID", "PersonName", "DateOfBirth"]),
    ("shareholders.csv", [
        "FirmID", "ShareholderID", "ShareholderName", "ShareholderEntryDate", "ShareholderExitDate", "ShareholderCountry", "Share",
    ]),
    ("employment.csv", ["EmployerID", "WorkerID", "Position", "Remuneration", "AdmissionDate", "TerminationDate"]),
    ("tenders.csv", [
        "ProcessID", "AgencyID", "ProcurementMethod", "PublicationDate", "BidDeadline", "EstimatedPrice", "ProductCode",
        "ImplementationLocation",
    ]),
    ("bids.csv", ["ProcessID", "FirmID", "BidNumber", "BidValue", "BidDate", "AwardBid"]),
    ("contracts.csv", [
        "ContractID", "ProcessID", "FirmID", "ContractValue", "ContractDate", "ContractAmendValue", "DeliveryDate", "ImplementationDate",
    ]),
    ("candidates.csv", ["CandidateID", "CandidateName", "PartyName", "OfficeDisputed", "Elected", "ElectionJurisdiction", "Year", "PersonID"]),
    ("donations.csv", ["CampaignDonorID", "CandidateID", "CampaignDonationValue", "Year"]),
    ("sanctions.csv", ["SanctionedID", "SanctionedName", "SanctionStart", "SanctionEnd", "SanctioningOrgName"]),
    ("judges.csv", ["JudgeID", "JudgeName", "CourtID", "AppointedBy", "AppointmentDate"]),
    ("cases.csv", ["CaseID", "CourtID", "JudgeID", "FiledDate", "DecidedDate", "Outcome"]),
    ("case_parties.csv", ["CaseID", "PartyID", "Role", "LawyerID"]),
    ("relatives.csv", ["PersonID", "RelativeID", "FamilyRelation"]),
    ("asset_declarations.csv", ["PersonID", "Year", "ShareholderCompanyID", "RelativeID", "AgencyID", "Position"]),
    ("social_benefits.csv", ["BeneficiaryID", "BenefitStart", "BenefitEnd", "BenefitValueTotal", "CashtransprogramType"]),
    ("criminal_records.csv", ["PersonID", "Crime", "SentenceDate"]),
]

/// A CSV file read back with `CSVReader`.
struct Table: Sendable {
    let header: [String]
    let rows: [[String]]
    private let index: [String: Int]

    init(url: URL) throws {
        var header: [String]?
        var rows: [[String]] = []
        try CSVReader(url: url).forEachRecord { record, _ in
            if header == nil { header = record.fields } else { rows.append(record.fields) }
        }
        self.header = header ?? []
        self.rows = rows
        index = Dictionary(self.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The column's position; traps on a name the table lacks (a test bug, not a data bug).
    func column(_ name: String) -> Int { index[name]! }

    func values(_ name: String) -> [String] {
        let c = column(name)
        return rows.map { $0[c] }
    }

    /// Rows whose `name` column equals `value`.
    func rows(where name: String, is value: String) -> [[String]] {
        let c = column(name)
        return rows.filter { $0[c] == value }
    }

    /// Rows where every (column, value) pair matches.
    func rows(matching pairs: [(String, String)]) -> [[String]] {
        let cs = pairs.map { (column($0.0), $0.1) }
        return rows.filter { row in cs.allSatisfy { row[$0.0] == $0.1 } }
    }

    func value(_ row: [String], _ name: String) -> String { row[column(name)] }
}

/// A generated world in a temporary folder, every table read back.
struct LoadedWorld: Sendable {
    let directory: URL
    let summary: WorldSummary
    let tables: [String: Table]

    var truth: WorldTruth { summary.truth }

    subscript(_ file: String) -> Table { tables[file]! }

    init(firms: Int, seed: UInt64) throws {
        directory = try TestScratch.directory("world-\(firms)-\(seed)")
        summary = try WorldGenerator(config: WorldConfig(firms: firms, seed: seed)).write(to: directory)
        var tables: [String: Table] = [:]
        for (file, _) in contract { tables[file] = try Table(url: directory.appendingPathComponent(file)) }
        self.tables = tables
    }
}

/// Worlds shared by the tests (generated once per test process).
enum Worlds {
    /// 1,200 firms: big enough for every planted kind and for the super nodes' minimum of 20.
    static let standard: LoadedWorld = {
        do { return try LoadedWorld(firms: 1_200, seed: 5) } catch { fatalError("cannot generate the test world: \(error)") }
    }()
}

/// Whether `day` lies in [from, to] with empty meaning unbounded (ISO dates compare as text).
func valid(from: String, to: String, on day: String) -> Bool { (from.isEmpty || from <= day) && (to.isEmpty || to >= day) }

/// Money text to cents, exactly.
func cents(_ text: String) -> Int64? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, let whole = Int64(parts[0]), let frac = Int64(parts[1]) else { return nil }
    return whole * 100 + (whole < 0 || parts[0].hasPrefix("-") ? -frac : frac)
}
