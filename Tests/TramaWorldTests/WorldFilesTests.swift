import Foundation
import Testing
import TramaGraph
import TramaIngest
import TramaWorld

@Suite("Generated files honour the GRAS table contract")
struct WorldFilesTests {
    let world = Worlds.standard

    @Test func sameSeedWritesByteIdenticalFilesAndAnotherSeedDoesNot() throws {
        let generate = { (seed: UInt64) throws -> URL in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trama-world-det-\(UUID().uuidString)")
            _ = try WorldGenerator(config: WorldConfig(firms: 400, seed: seed)).write(to: dir)
            return dir
        }
        let (a, b, c) = (try generate(11), try generate(11), try generate(12))
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        var differing = 0
        for file in contract.map(\.file) + ["truth.json"] {
            let x = try Data(contentsOf: a.appendingPathComponent(file))
            #expect(x == (try Data(contentsOf: b.appendingPathComponent(file))), "\(file) differs between two runs with the same seed")
            if x != (try Data(contentsOf: c.appendingPathComponent(file))) { differing += 1 }
        }
        #expect(differing >= 15, "another seed changes (almost) every file, not \(differing)")
    }

    @Test func everyTableIsPresentWithTheContractsColumnsInOrder() throws {
        #expect(world.summary.rowsPerFile.count == 18)
        #expect(Set(world.summary.rowsPerFile.map(\.file)) == Set(contract.map(\.file)))
        for (file, columns) in contract {
            let table = world[file]
            #expect(table.header == columns, "\(file)")
            #expect(!table.rows.isEmpty, "\(file) has rows")
            #expect(table.rows.allSatisfy { $0.count == columns.count }, "\(file): every row has every column")
            #expect(world.summary.rowsPerFile.first { $0.file == file }?.rows == table.rows.count, "\(file): summary counts its rows")
        }
        #expect(FileManager.default.fileExists(atPath: world.directory.appendingPathComponent("truth.json").path))
    }

    @Test func truthJsonDecodesToTheReturnedTruth() throws {
        let data = try Data(contentsOf: world.directory.appendingPathComponent("truth.json"))
        let decoded = try JSONDecoder().decode(WorldTruth.self, from: data)
        #expect(decoded == world.truth)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        for key in ["rings", "top_losers", "fixed_difference_pairs", "judge_conflicts", "judge_conflict_decoys", "political_winners", "super_nodes"] {
            #expect(keys.contains(key), "truth.json has \(key)")
        }
    }

    @Test func everyReferenceResolvesInTheRightTable() throws {
        let firms = Set(world["firms.csv"].values("FirmID"))
        let people = Set(world["people.csv"].values("PersonID"))
        let agencies = Set(world["agencies.csv"].values("AgencyID"))
        let tenders = Set(world["tenders.csv"].values("ProcessID"))
        let candidates = Set(world["candidates.csv"].values("CandidateID"))
        let cases = Set(world["cases.csv"].values("CaseID"))
        let judges = Set(world["judges.csv"].values("JudgeID"))
        #expect(firms.isDisjoint(with: people))
        let firmOrPerson = firms.union(people)

        // (file, column, where it must resolve, may it be empty)
        let references: [(String, String, Set<String>, Bool)] = [
            ("firms.csv", "LegalRepresentativeID", people, true), ("firms.csv", "AccountantID", people, true),
            ("shareholders.csv", "FirmID", firms, false), ("shareholders.csv", "ShareholderID", firmOrPerson, false),
            ("employment.csv", "EmployerID", firms.union(agencies), false), ("employment.csv", "WorkerID", people, false),
            ("tenders.csv", "AgencyID", agencies, false),
            ("bids.csv", "ProcessID", tenders, false), ("bids.csv", "FirmID", firms, false),
            ("contracts.csv", "ProcessID", tenders, false), ("contracts.csv", "FirmID", firms, false),
            ("donations.csv", "CampaignDonorID", firmOrPerson, false), ("donations.csv", "CandidateID", candidates, false),
            ("sanctions.csv", "SanctionedID", firmOrPerson, false),
            ("judges.csv", "JudgeID", people, false), ("judges.csv", "AppointedBy", people.union(candidates), false),
            ("cases.csv", "JudgeID", judges, false),
            ("case_parties.csv", "CaseID", cases, false), ("case_parties.csv", "PartyID", firmOrPerson, false),
            ("case_parties.csv", "LawyerID", people, true),
            ("relatives.csv", "PersonID", people, false), ("relatives.csv", "RelativeID", people, false),
            ("asset_declarations.csv", "PersonID", people, false), ("asset_declarations.csv", "ShareholderCompanyID", firms, true),
            ("asset_declarations.csv", "RelativeID", people, true), ("asset_declarations.csv", "AgencyID", agencies, true),
        ]
        for (file, column, targets, optional) in references {
            let unresolved = world[file].values(column).filter { !(optional && $0.isEmpty) && !targets.contains($0) }
            #expect(unresolved.isEmpty, "\(file).\(column): \(unresolved.count) unresolved, e.g. \(unresolved.prefix(3))")
        }
        // Courts are codes, about a quarter as many as the judges, and each judge sits in one.
        let courts = Set(world["judges.csv"].values("CourtID"))
        #expect(courts.allSatisfy { $0.wholeMatch(of: /CT\d{4}/) != nil })
        #expect(Set(world["cases.csv"].values("CourtID")).isSubset(of: courts))
        #expect(courts.count >= 2 && courts.count <= max(2, judges.count / 4 + 1))
    }

    @Test func idsAreZeroPaddedInDisjointNamespaces() {
        let patterns: [(String, String, Regex<Substring>)] = [
            ("firms.csv", "FirmID", /F\d{7}/), ("people.csv", "PersonID", /P\d{7}/), ("agencies.csv", "AgencyID", /A\d{5}/),
            ("tenders.csv", "ProcessID", /T\d{7}/), ("contracts.csv", "ContractID", /K\d{7}/), ("candidates.csv", "CandidateID", /C\d{6}/),
            ("cases.csv", "CaseID", /J\d{7}/),
        ]
        for (file, column, pattern) in patterns {
            #expect(world[file].values(column).allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(file).\(column)")
        }
    }

    @Test func primaryKeysAreUnique() {
        for (file, column) in [
            ("agencies.csv", "AgencyID"), ("firms.csv", "FirmID"), ("people.csv", "PersonID"), ("tenders.csv", "ProcessID"),
            ("contracts.csv", "ContractID"), ("candidates.csv", "CandidateID"), ("cases.csv", "CaseID"), ("judges.csv", "JudgeID"),
        ] {
            let values = world[file].values(column)
            #expect(Set(values).count == values.count, "\(file).\(column) is unique")
        }
        let owners = world["shareholders.csv"]
        let keys = owners.rows.map { [owners.value($0, "FirmID"), owners.value($0, "ShareholderID"), owners.value($0, "ShareholderEntryDate")] }
        #expect(Set(keys).count == keys.count, "one shareholding per firm, holder and entry date")
        let bids = world["bids.csv"]
        let bidKeys = bids.rows.map { [bids.value($0, "ProcessID"), bids.value($0, "FirmID")] }
        #expect(Set(bidKeys).count == bidKeys.count, "a firm bids once per tender")
    }

    @Test func datesParseAndNoPeriodEndsBeforeItStarts() {
        let dateColumns: [(String, [String])] = [
            ("firms.csv", ["FirmConstitutionDate"]), ("people.csv", ["DateOfBirth"]),
            ("shareholders.csv", ["ShareholderEntryDate", "ShareholderExitDate"]), ("employment.csv", ["AdmissionDate", "TerminationDate"]),
            ("tenders.csv", ["PublicationDate", "BidDeadline"]), ("bids.csv", ["BidDate"]),
            ("contracts.csv", ["ContractDate", "DeliveryDate", "ImplementationDate"]), ("sanctions.csv", ["SanctionStart", "SanctionEnd"]),
            ("judges.csv", ["AppointmentDate"]), ("cases.csv", ["FiledDate", "DecidedDate"]),
        ]
        for (file, columns) in dateColumns {
            for column in columns {
                let bad = world[file].values(column).filter { !$0.isEmpty && Day(iso: $0) == nil }
                #expect(bad.isEmpty, "\(file).\(column): \(bad.prefix(3))")
            }
        }
        let periods: [(String, String, String)] = [
            ("shareholders.csv", "ShareholderEntryDate", "ShareholderExitDate"), ("employment.csv", "AdmissionDate", "TerminationDate"),
            ("sanctions.csv", "SanctionStart", "SanctionEnd"), ("cases.csv", "FiledDate", "DecidedDate"),
            ("tenders.csv", "PublicationDate", "BidDeadline"), ("contracts.csv", "ContractDate", "DeliveryDate"),
        ]
        for (file, start, end) in periods {
            let t = world[file]
            let bad = t.rows.filter { let e = t.value($0, end); return !e.isEmpty && e < t.value($0, start) }
            #expect(bad.isEmpty, "\(file): \(end) before \(start) in \(bad.count) rows")
        }
        // Bids fall between publication and deadline; contracts are signed after the deadline.
        let tenders = world["tenders.csv"]
        var window: [String: (String, String)] = [:]
        for r in tenders.rows { window[tenders.value(r, "ProcessID")] = (tenders.value(r, "PublicationDate"), tenders.value(r, "BidDeadline")) }
        let bids = world["bids.csv"]
        #expect(bids.rows.allSatisfy { r in let w = window[bids.value(r, "ProcessID")]!; return valid(from: w.0, to: w.1, on: bids.value(r, "BidDate")) })
        let contracts = world["contracts.csv"]
        #expect(contracts.rows.allSatisfy { contracts.value($0, "ContractDate") >= window[contracts.value($0, "ProcessID")]!.1 })
        // Tenders fall in 2015–2024.
        #expect(tenders.values("PublicationDate").allSatisfy { $0 >= "2015-01-01" && $0 <= "2024-12-31" })
    }

    @Test func moneySharesYearsAndFlagsAreWrittenPlainly() {
        let money: [(String, String)] = [
            ("firms.csv", "Turnover"), ("firms.csv", "Profit"), ("employment.csv", "Remuneration"), ("tenders.csv", "EstimatedPrice"),
            ("bids.csv", "BidValue"), ("contracts.csv", "ContractValue"), ("contracts.csv", "ContractAmendValue"),
            ("donations.csv", "CampaignDonationValue"),
        ]
        for (file, column) in money {
            let bad = world[file].values(column).filter { !$0.isEmpty && $0.wholeMatch(of: /-?\d+\.\d{2}/) == nil }
            #expect(bad.isEmpty, "\(file).\(column): \(bad.prefix(3))")
        }
        let shares = world["shareholders.csv"].values("Share").map { Double($0) }
        #expect(shares.allSatisfy { $0 != nil && $0! > 0 && $0! <= 100 })
        for (file, column) in [("candidates.csv", "Year"), ("donations.csv", "Year"), ("asset_declarations.csv", "Year")] {
            #expect(world[file].values(column).allSatisfy { $0.wholeMatch(of: /20\d\d/) != nil }, "\(file).\(column)")
        }
        #expect(world["bids.csv"].values("AwardBid").allSatisfy { $0 == "1" || $0 == "0" })
        #expect(world["candidates.csv"].values("Elected").allSatisfy { $0 == "1" || $0 == "0" })
    }

    @Test func eachAwardedTenderHasOneWinnerAndOneContractForTheWinningBid() throws {
        let bids = world["bids.csv"]
        var winners: [String: [[String]]] = [:]
        for r in bids.rows where bids.value(r, "AwardBid") == "1" { winners[bids.value(r, "ProcessID"), default: []].append(r) }
        let contracts = world["contracts.csv"]
        #expect(Set(contracts.values("ProcessID")).count == contracts.rows.count, "one contract per tender")
        #expect(winners.count == contracts.rows.count, "a contract for every awarded tender")
        for c in contracts.rows {
            let w = try #require(winners[contracts.value(c, "ProcessID")])
            #expect(w.count == 1)
            #expect(bids.value(w[0], "FirmID") == contracts.value(c, "FirmID"))
            #expect(bids.value(w[0], "BidValue") == contracts.value(c, "ContractValue"))
        }
        let perTender = Dictionary(grouping: bids.values("ProcessID"), by: { $0 }).mapValues(\.count)
        #expect(perTender.values.allSatisfy { (2...8).contains($0) })
    }

    @Test func theImporterReadsTheWorldWithoutProblems() throws {
        var sink = MemorySink()
        let report = try GRASReader(directory: world.directory).read(into: &sink)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
    }

    @Test func tableSizesFollowTheDocumentedRatios() {
        let n = 1_200.0
        func rows(_ file: String) -> Double { Double(world[file].rows.count) }
        #expect(abs(rows("firms.csv") - n) <= 1)
        #expect((1.15 * n...1.25 * n).contains(rows("people.csv")))
        #expect((0.6 * n...0.75 * n).contains(rows("tenders.csv")))
        #expect((1.2 * n...1.7 * n).contains(rows("shareholders.csv")))
        #expect((1.3 * n...1.7 * n).contains(rows("employment.csv")))
        #expect((0.28 * rows("people.csv")...0.32 * rows("people.csv")).contains(rows("relatives.csv")))
        #expect(rows("agencies.csv") == 8 && rows("candidates.csv") == 10 && rows("judges.csv") == 6)
        #expect(rows("cases.csv") >= n / 20)
        let bidsPerTender = rows("bids.csv") / rows("tenders.csv")
        #expect((2.8...4.0).contains(bidsPerTender))
    }
}
