import Foundation
import Testing
import TramaStore
@testable import TramaService

/// Documents as loosely parsed JSON, for tests that pin their shapes key by key.
func jsonObjects(_ values: [JSONValue]) -> [[String: Any]] {
    values.compactMap { try? JSONSerialization.jsonObject(with: Data($0.compact.utf8)) as? [String: Any] }
}

func jsonObjects<A: Answer>(_ answers: [A]) -> [[String: Any]] { jsonObjects(answers.map(\.json)) }

/// Parsed JSON compared as values (key order aside).
func sameJSON(_ a: String, _ b: String) throws -> Bool {
    let x = try JSONSerialization.jsonObject(with: Data(a.utf8), options: .fragmentsAllowed)
    let y = try JSONSerialization.jsonObject(with: Data(b.utf8), options: .fragmentsAllowed)
    return NSArray(array: [x]).isEqual(to: [y])
}

/// Every stored document of `section` decodes into `type` and encodes back to the same JSON;
/// returns how many there were.
@discardableResult
func expectRoundTrip<D: Answer>(_ run: AnalysisRun, _ section: String, as type: D.Type, in store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    let rows = try run.section(section, in: store)
    for row in rows {
        let decoded = try JSONDecoder().decode(D.self, from: Data(row.json.utf8))
        #expect(try sameJSON(row.json, decoded.json.compact), "\(section): \(row.json)", sourceLocation: sourceLocation)
    }
    return rows.count
}

@Suite("Typed documents")
struct StoredDocumentTests {
    @Test func aRunReportListsItsItemsUnderTheirKeyAfterTheHeader() throws {
        let header = RunHeader(run: 7, startedAt: "2026-01-02 10:00:00+00", period: ReportPeriod(from: nil, to: "2020-12-31"), parameters: .raw(#"{"a": 1}"#))
        let pair = LinkedBidderPair(
            tender: "tender:T1", firms: ["firm:A", "firm:B"], winner: nil,
            links: [LinkedBidderPair.Link(kind: "common_shareholder", indicator: "2.6.1", via: "person:P", hops: 2, weight: 1.0)])
        let report = RunReport(header: header, items: [pair])
        #expect(
            report.json.compact
                == #"{"run":7,"started_at":"2026-01-02 10:00:00+00","period":{"from":null,"to":"2020-12-31"},"parameters":{"a": 1},"pairs":[{"tender":"tender:T1","firms":["firm:A","firm:B"],"winner":null,"links":[{"kind":"common_shareholder","indicator":"2.6.1","via":"person:P","hops":2,"weight":1.0}]}]}"#)
        let back = try JSONDecoder().decode(RunReport<LinkedBidderPair>.self, from: Data(report.json.compact.utf8))
        #expect(back.items == [pair] && back.header.run == 7 && back.header.period.to == "2020-12-31")
    }

    @Test func sharedCompetitorsKeepTheirFamiliesAsTopLevelKeys() throws {
        let text = #"{"firm":"firm:A","name":null,"2.6":{"competitors":2,"tenders":3,"win_share":0.5,"win_value_share":null},"2.7.4":{"competitors":1,"tenders":1,"win_share":null,"win_value_share":null}}"#
        let decoded = try JSONDecoder().decode(SharedCompetitors.self, from: Data(text.utf8))
        #expect(decoded.families.keys.sorted() == ["2.6", "2.7.4"] && decoded.families["2.6"]?.winShare == 0.5)
        #expect(decoded.json.compact == text)
    }
}
