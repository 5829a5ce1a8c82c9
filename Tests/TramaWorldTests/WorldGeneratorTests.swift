import Foundation
import Testing
import TramaIngest
@testable import TramaWorld

/// Reads a generated table into rows keyed by column name.
func table(_ dir: URL, _ t: GRASTable) throws -> [[String: String]] {
    var header: [String] = []
    var rows: [[String: String]] = []
    try CSVReader(url: dir.appendingPathComponent(t.fileName)).forEachRecord { r, _ in
        if header.isEmpty { header = r.fields } else { rows.append(Dictionary(uniqueKeysWithValues: zip(header, r.fields))) }
    }
    return rows
}

func generate(firms: Int, seed: UInt64) throws -> (URL, WorldSummary) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("world-\(UUID().uuidString)")
    return (dir, try WorldGenerator(config: WorldConfig(firms: firms, seed: seed)).write(to: dir))
}

@Suite("Synthetic worlds with planted patterns")
struct WorldGeneratorTests {
    @Test func sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws {
        let (a, _) = try generate(firms: 300, seed: 11)
        let (b, _) = try generate(firms: 300, seed: 11)
        let (c, _) = try generate(firms: 300, seed: 12)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        for file in GRASTable.allCases.map(\.fileName) + ["truth.json"] {
            let x = try Data(contentsOf: a.appendingPathComponent(file))
            #expect(x == (try Data(contentsOf: b.appendingPathComponent(file))), "\(file) differs between runs")
        }
        #expect(try Data(contentsOf: a.appendingPathComponent("bids.csv")) != Data(contentsOf: c.appendingPathComponent("bids.csv")))
    }

    @Test func everyTableHasTheContractsHeaderAndPassesTheImportersChecks() throws {
        let (dir, summary) = try generate(firms: 600, seed: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(summary.rowsPerFile.map(\.file) == GRASTable.allCases.map(\.fileName))
        #expect(summary.rowsPerFile.allSatisfy { $0.rows > 0 })
        for t in GRASTable.allCases {
            var header: [String]?
            try CSVReader(url: dir.appendingPathComponent(t.fileName)).forEachRecord { r, _ in if header == nil { header = r.fields } }
            #expect(header == t.columns.map(\.name))
        }
        var sink = MemorySink()
        let report = try GRASReader(directory: dir).read(into: &sink)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
    }

    @Test func ringFirmsCoBidRotateWinsAndShareTheListedLink() throws {
        let (dir, summary) = try generate(firms: 600, seed: 5)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bids = try table(dir, .bids)
        let owners = try table(dir, .shareholders)
        let jobs = try table(dir, .employment)
        #expect(summary.truth.rings.count >= 3)
        #expect(Set(summary.truth.rings.map(\.link)).count == 3)
        for ring in summary.truth.rings {
            for t in ring.tenders {
                let bidders = Set(bids.filter { $0["ProcessID"] == t }.map { $0["FirmID"]! })
                #expect(Set(ring.firms).isSubset(of: bidders))
            }
            #expect(Set(ring.winners) == Set(ring.firms), "wins rotate through every ring firm")
            for f in ring.firms {
                switch ring.link {
                case .owner:
                    #expect(owners.contains { $0["FirmID"] == f && $0["ShareholderID"] == ring.shared })
                case .ownershipChain:
                    let holding = ring.chain[1]
                    #expect(owners.contains { $0["FirmID"] == f && $0["ShareholderID"] == holding })
                    #expect(owners.contains { $0["FirmID"] == holding && $0["ShareholderID"] == ring.shared })
                case .employee:
                    #expect(jobs.contains { $0["EmployerID"] == f && $0["WorkerID"] == ring.shared })
                }
            }
        }
    }

    @Test func topLosersLoseEveryBidToTheListedWinners() throws {
        let (dir, summary) = try generate(firms: 600, seed: 5)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bids = try table(dir, .bids)
        for tl in summary.truth.topLosers {
            let own = bids.filter { $0["FirmID"] == tl.firm }
            #expect(own.count == tl.bids && tl.bids >= 12)
            #expect(own.allSatisfy { $0["AwardBid"] == "0" })
            let tenders = Set(own.map { $0["ProcessID"]! })
            let winners = Set(bids.filter { tenders.contains($0["ProcessID"]!) && $0["AwardBid"] == "1" }.map { $0["FirmID"]! })
            #expect(winners == Set(tl.winners))
        }
    }

    @Test func fixedDifferencePairsBidTheRecordedDifferenceInEveryListedTender() throws {
        let (dir, summary) = try generate(firms: 600, seed: 5)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bids = try table(dir, .bids)
        for pair in summary.truth.fixedDifferencePairs {
            #expect(pair.tenders.count >= 6)
            for t in pair.tenders {
                let value = { (f: String) in Double(bids.first { $0["ProcessID"] == t && $0["FirmID"] == f }!["BidValue"]!)! }
                let (a, b) = (value(pair.firms[0]), value(pair.firms[1]))
                let diff = pair.kind == .absolute ? b - a : (b - a) / a * 100
                #expect(abs(diff - pair.difference) < 0.005)
            }
        }
    }

    @Test func judgeConflictsHoldOnTheFilingDateAndDecoysDoNot() throws {
        let (dir, summary) = try generate(firms: 600, seed: 5)
        defer { try? FileManager.default.removeItem(at: dir) }
        let relatives = try table(dir, .relatives)
        let owners = try table(dir, .shareholders)
        let parties = try table(dir, .caseParties)
        let cases = try table(dir, .cases)
        #expect(Set(summary.truth.judgeConflicts.map(\.relation)).count == 4)
        for c in summary.truth.judgeConflicts {
            #expect(cases.contains { $0["CaseID"] == c.case && $0["JudgeID"] == c.judge && $0["FiledDate"] == c.filed })
            #expect(parties.contains { $0["CaseID"] == c.case && $0["PartyID"] == c.party })
            if c.relation == .relativeOwnsParty {
                #expect(relatives.contains { $0["PersonID"] == c.judge && $0["RelativeID"] == c.chain[1] })
                #expect(owners.contains { $0["ShareholderID"] == c.chain[1] && $0["FirmID"] == c.party && ($0["ShareholderEntryDate"]! <= c.filed) })
            }
        }
        for d in summary.truth.judgeConflictDecoys {
            let filed = cases.first { $0["CaseID"] == d.case }!["FiledDate"]!
            if d.chain.count == 3 {
                let exit = owners.first { $0["ShareholderID"] == d.chain[1] && $0["FirmID"] == d.party }!["ShareholderExitDate"]!
                #expect(!exit.isEmpty && exit < filed)
            } else {
                #expect(d.chain.count - 1 > 3)
            }
        }
    }

    @Test func registeredAgentsAndMassAddressesAreSuperConnected() throws {
        let (dir, summary) = try generate(firms: 3000, seed: 5)
        defer { try? FileManager.default.removeItem(at: dir) }
        let owners = try table(dir, .shareholders)
        for s in summary.truth.superNodes where s.kind != "address" {
            let held = Set(owners.filter { $0["ShareholderID"] == s.id }.map { $0["FirmID"]! })
            #expect(held.count >= s.firms && s.firms >= 20)
        }
        let firms = try table(dir, .firms)
        for s in summary.truth.superNodes where s.kind == "address" {
            #expect(firms.filter { Normalize.words($0["FirmAddress"]!) == s.id }.count == s.firms && s.firms >= 20)
        }
    }
}
