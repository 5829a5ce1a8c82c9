import Foundation
import Testing
import TramaAnalysis
import TramaStore
@testable import TramaService

@Suite("Judge–lawyer patterns and judge profiles on a generated world, stored")
struct JudicialPatternsTests {
    @Test func theRunIsStoredWithDocumentedDocumentsAndEntityReferences() throws {
        try withImportedWorld(firms: 3000, seed: 1) { session, _ in
            // Generated worlds draw judges and lawyers independently: nothing survives Bonferroni.
            let report = try JudicialPatterns().run(session: session)
            let run = try #require(try AnalysisRun.latest(JudicialPatterns.analysis, in: session.store))
            #expect(run.id == report.runID && report.cases > 0 && report.appearanceTests > 0)
            for section in [JudicialPatterns.Section.appearance, .winRate] {
                let stored = jsonObjects(try run.section(section.rawValue, in: session.store).map { .raw($0.json) })
                #expect(stored.allSatisfy { $0["significant_after_adjustment"] as? Bool == false })
            }

            // A verdict only from enough decided cases; below, said so and no median compared.
            for row in try run.section(JudicialPatterns.Section.profiles.rawValue, in: session.store) {
                let p = try StoredDocument.decode(JudgeProfileDocument.self, from: row.json)
                if p.caseload.decided < JudicialParameters().verdictMinimumDecided {
                    #expect(p.verdict?.hasPrefix("Too few cases for a verdict") == true)
                    #expect(p.versusPeers?.medianDaysDifference == nil)
                } else {
                    #expect(p.verdict == nil)
                }
            }

            // Every stored document reads back as its type and writes the same JSON.
            try expectRoundTrip(run, JudicialPatterns.Section.profiles.rawValue, as: JudgeProfileDocument.self, in: session.store)
            try expectRoundTrip(run, JudicialPatterns.Section.appearance.rawValue, as: LawyerAppearance.self, in: session.store)
            try expectRoundTrip(run, JudicialPatterns.Section.winRate.rawValue, as: LawyerWinRate.self, in: session.store)
            #expect(try sameJSON(run.summaryJSON, try JSONDecoder().decode(JudicialPatternsSummary.self, from: Data(run.summaryJSON.utf8)).json.compact))

            // Every judge profiled, every case counted once, outcomes as the generator publishes them.
            let stored = try run.section(JudicialPatterns.Section.profiles.rawValue, in: session.store)
            let profiles = jsonObjects(stored.map { .raw($0.json) })
            #expect(profiles.count == report.judges && report.judges > 1)
            #expect(profiles.reduce(0) { $0 + (($1["caseload"] as? [String: Any])?["cases"] as? Int ?? 0) } == report.cases)
            for p in profiles {
                let keys: Set<String> = [
                    "judge", "judge_name", "court", "court_name", "specialisation", "caseload", "peers", "outcomes", "versus_peers", "verdict",
                ]
                #expect(Set(p.keys) == keys)
                #expect((p["judge"] as? String)?.hasPrefix("judge:") == true && (p["court"] as? String)?.hasPrefix("court:") == true)
                let peers = try #require(p["peers"] as? [String: Any])
                let judges = try #require(peers["judges"] as? [String])
                #expect(!judges.isEmpty && judges.allSatisfy { $0.hasPrefix("judge:") } && !judges.contains(p["judge"] as! String))
                let outcomes = (p["outcomes"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
                #expect(Set(outcomes).isSubset(of: ["plaintiff", "defendant", "settled", "dismissed"]))
            }

            // One judge's profile by reference; a lawyer has none.
            let judge = try #require(profiles.first?["judge"] as? String)
            let found = try JudicialPatterns.profile(of: judge, session: session)
            #expect(!found.ran && found.run.id == report.runID)
            #expect(found.document.judge == judge)
            #expect(JudicialReports.profileText(found.document, run: found.run).contains("median days to decision"))

            // Lenient enough that chance makes patterns, to see their documents and flags.
            var lenient = JudicialParameters()
            (lenient.significance, lenient.lawyerMinimumCases, lenient.lawyerMinimumDecided) = (0.5, 2, 2)
            let loose = try JudicialPatterns(parameters: lenient).run(session: session)
            let appearances = jsonObjects(loose.appearances)
            let winRates = jsonObjects(loose.winRates)
            #expect(!appearances.isEmpty && !winRates.isEmpty)
            let pair: Set<String> = ["lawyer", "lawyer_name", "judge", "judge_name", "court", "court_name", "p_value", "adjusted_p_value", "tests",
                "significant_after_adjustment", "cases"]
            for a in appearances {
                #expect(Set(a.keys) == pair.union(["cases_before_judge", "cases_in_peer_group", "judge_share", "expected", "ratio"]))
                #expect((a["cases"] as? [String])?.count == a["cases_before_judge"] as? Int)
            }
            for w in winRates {
                #expect(Set(w.keys) == pair.union(["direction", "before_judge", "before_peers"]))
                #expect(["higher", "lower"].contains(w["direction"] as? String))
            }
            for d in appearances + winRates {
                #expect((d["lawyer"] as? String)?.hasPrefix("lawyer:") == true && (d["judge"] as? String)?.hasPrefix("judge:") == true)
                #expect((d["cases"] as? [String])?.allSatisfy { $0.hasPrefix("case:") } == true)
            }
            let p = appearances.map { $0["p_value"] as! Double }
            #expect(p == p.sorted())
            // Flags on the lawyer and the judge; one CSV row per pattern.
            let lawyer = try #require(appearances.first?["lawyer"] as? String)
            let flags = try FlagList.read(store: session.store, entity: lawyer, indicator: "judge_lawyer_appearance", limit: 50)
            #expect(flags.flags.contains { $0.analysis == JudicialPatterns.analysis && $0.evidence.compact.contains(appearances[0]["judge"] as! String) })
            #expect(JudicialReports.patternsCSV(loose).split(separator: "\n").count == 1 + appearances.count + winRates.count)
            #expect(JudicialReports.patternsText(loose).contains("judicial patterns run \(loose.runID)"))
            #expect(throws: ServiceError.self) { try JudicialPatterns.profile(of: lawyer, session: session) }
        }
    }

    @Test func peersShareTheJudgesSpecialisationWhereJudgesCsvRecordsOne() throws {
        // judges.csv with a column GRAS does not define, as a court's own export would have it:
        // the first judge of each court (judges take courts in turn) sits in family cases, the
        // others in criminal ones.
        func specialise(_ dir: URL) throws {
            let url = dir.appendingPathComponent("judges.csv")
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            lines[0] += ",Specialisation"
            for i in lines.indices.dropFirst() { lines[i] += i <= 2 ? ",Family" : ",criminal" }
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try withImportedWorld(firms: 3000, seed: 1, edit: specialise) { session, _ in
            let report = try JudicialPatterns().run(session: session)
            let run = try #require(try AnalysisRun.latest(JudicialPatterns.analysis, in: session.store))
            let profiles = jsonObjects(try run.section(JudicialPatterns.Section.profiles.rawValue, in: session.store).map { .raw($0.json) })
            #expect(profiles.count == report.judges)
            let speciality = Dictionary(uniqueKeysWithValues: profiles.map { ($0["judge"] as! String, $0["specialisation"] as? String) })
            let court = Dictionary(uniqueKeysWithValues: profiles.map { ($0["judge"] as! String, $0["court"] as? String) })
            #expect(Set(speciality.values.compactMap { $0 }) == ["family", "criminal"])
            var comparedCriminal = false
            for p in profiles {
                let judge = p["judge"] as! String
                let peers = (p["peers"] as? [String: Any])?["judges"] as? [String] ?? []
                // The only family judge of a court has no peer; a criminal judge's peers are
                // the criminal judges of the same court.
                if speciality[judge] == "family" { #expect(peers.isEmpty) }
                #expect(peers.allSatisfy { speciality[$0] == speciality[judge] && court[$0] == court[judge] })
                if speciality[judge] == "criminal" && !peers.isEmpty { comparedCriminal = true }
            }
            #expect(comparedCriminal)
        }
    }
}
