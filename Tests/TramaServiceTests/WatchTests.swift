import Foundation
import Testing
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// Watchlists, rules and the alerts a second import raises: exactly what is new about what is
/// watched, nothing when nothing relevant changed.
@Suite("Watchlists, rules and alerts")
struct WatchTests {
    /// The small fixture again with a new owner of Alfa Obras (F1) and Alfa's bid on tender T2,
    /// or with only a person nobody watches.
    static func copyOfSmall(_ directory: URL, adding rows: [String: String]) throws {
        try FileManager.default.copyItem(at: smallFixture, to: directory)
        for (file, row) in rows {
            let url = directory.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            if !text.hasSuffix("\n") { text += "\n" }
            try (text + row + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test func aSecondImportRaisesExactlyTheNewMatchesOfEachRuleKind() throws {
        let extra = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        let unrelated = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { for d in [extra, unrelated] { try? FileManager.default.removeItem(at: d) } }
        try Self.copyOfSmall(extra, adding: [
            "people.csv": "P9,Nova Dona,1970-01-01", "shareholders.csv": "F1,P9,Nova Dona,2021-01-01,,BR,10", "bids.csv": "T2,F1,3,520000,2019-06-01,0",
        ])
        try Self.copyOfSmall(unrelated, adding: [
            "people.csv": "P9,Nova Dona,1970-01-01\nP77,Ninguem,1980-01-01", "shareholders.csv": "F1,P9,Nova Dona,2021-01-01,,BR,10",
            "bids.csv": "T2,F1,3,520000,2019-06-01,0",
        ])
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            let (token, _) = try AccessTokens(store: store).create(role: .analyst, name: "desk")
            let watch = Watch(store: store, user: token.id)
            let added = try watch.add("firm:F1")
            #expect(added.changed && added.created && added.watchlist == "default")
            _ = try watch.add("agency:A2", list: "buyers")
            try watch.addRule(name: "Alfa near buyer A2", kind: .connection, watchlist: "default", toWatchlist: "buyers", hops: 2)
            try watch.addRule(name: "Political winners", kind: .flagFilter, filter: "4.1.3 >= 1")
            #expect(try watch.rules().rules.count == 6, "two lists' own rules, the connection and the flag filter")

            let first = try AlertEvaluation.run(session: session)
            #expect(first.evaluated == 6 && first.alerts == 0, "a rule starts quiet")
            #expect(try AlertEvaluation.run(session: session).evaluated == 0, "once per graph")

            _ = try importer.importGRAS(directory: extra, options: .init(dataset: "small"))
            let second = try AlertEvaluation.run(session: session)
            let alerts = try AlertList.read(store: store, user: token.id, limit: 50).alerts
            #expect(second.alerts == alerts.count)
            let keys = Set(alerts.map(\.key))
            // Alfa was 3 hops from A2 (through its accountant's case); its bid on A2's tender
            // makes it 2.
            #expect(keys == ["activity|bids|firm:F1|tender:T2", "control|owns|firm:F1|person:P9", "connection|firm:F1|agency:A2"], "\(keys.sorted())")
            #expect(alerts.allSatisfy { $0.change == "new" && $0.import != nil })
            let bid = try #require(alerts.first { $0.key.hasPrefix("activity|bids") })
            #expect(bid.evidence.relationships?.map(\.source) == ["bids.csv:6"], "the source record behind the bid")

            // An import that changes nothing watched raises nothing.
            _ = try importer.importGRAS(directory: unrelated, options: .init(dataset: "small"))
            let third = try AlertEvaluation.run(session: session)
            #expect(third.evaluated == 5 && third.alerts == 0, "the flag filter waits for a scan")

            // Watching another entity is not news about it; a rule of someone else's is not listed.
            _ = try watch.add("firm:F2")
            _ = try importer.importGRAS(directory: extra, options: .init(dataset: "small"))
            #expect(try AlertEvaluation.run(session: session).alerts == 0)
            // A scan's new flags: the flag filter alone is due, and names Beta Engenharia (F2).
            _ = try SupplierScan().run(session: session)
            let scanned = try AlertEvaluation.run(session: session)
            #expect(scanned.evaluated == 1 && scanned.alerts == 1)
            let flagged = try #require(try AlertList.read(store: store, user: token.id, limit: 1).alerts.first)
            #expect(flagged.key == "flag|firm:F2" && flagged.evidence.flags?.map(\.indicator) == ["4.1.3"])
            let (other, _) = try AccessTokens(store: store).create(role: .analyst, name: "other desk")
            #expect(try AlertList.read(store: store, user: other.id, limit: 50).alerts.isEmpty)
        }
    }

    /// A case opened on an alert, assigned, noted and closed as unfounded: the same bid coming
    /// back with the same evidence stays quiet; with another price it is news again.
    @Test func aCaseClosedAsUnfoundedSuppressesItsAlertUntilTheEvidenceChanges() throws {
        let withBid = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        let otherPrice = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { for d in [withBid, otherPrice] { try? FileManager.default.removeItem(at: d) } }
        try Self.copyOfSmall(withBid, adding: ["bids.csv": "T2,F1,3,520000,2019-06-01,0"])
        try Self.copyOfSmall(otherPrice, adding: ["bids.csv": "T2,F1,3,480000,2019-06-01,0"])
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            let (token, _) = try AccessTokens(store: store).create(role: .analyst, name: "desk")
            _ = try AccessTokens(store: store).create(role: .analyst, name: "reviewer")
            _ = try Watch(store: store, user: token.id).add("firm:F1")
            _ = try AlertEvaluation.run(session: session)
            _ = try importer.importGRAS(directory: withBid, options: .init(dataset: "small"))
            #expect(try AlertEvaluation.run(session: session).alerts == 1)
            let alert = try #require(try AlertList.read(store: store, user: token.id, limit: 1).alerts.first)

            let cases = Cases(store: store, user: token.id)
            let id = try cases.open(alerts: [alert.id])
            try cases.change(id, CaseChange(status: .inReview, assignee: "reviewer", note: "the bid was withdrawn the same day"))
            try cases.change(id, CaseChange(status: .unfounded, reports: ["trama evidence firm:F1 tender:T2 --as-of 2 --reproducible -o FOLDER"]))
            let closed = try cases.load(id)
            #expect(closed.reports == ["trama evidence firm:F1 tender:T2 --as-of 2 --reproducible -o FOLDER"])
            #expect(closed.status == .unfounded && closed.assignee == "reviewer" && closed.alerts.map(\.id) == [alert.id])
            #expect(closed.history.map(\.change) == ["opened", "alert", "note", "status", "assignee", "report", "status"])
            #expect(try AuditLog(store: store).list(limit: 50, offset: 0, tokenID: token.id, entity: "firm:F1").entries.contains { $0.endpoint == "case \(id): status" })
            #expect(throws: ServiceError.self) { try Cases(store: store, user: token.id).change(id, CaseChange(alerts: [alert.id + 1000])) }

            // The bid goes (a "gone" alert), and comes back as it was: quiet.
            _ = try importer.importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            _ = try AlertEvaluation.run(session: session)
            _ = try importer.importGRAS(directory: withBid, options: .init(dataset: "small"))
            #expect(try AlertEvaluation.run(session: session).alerts == 0)
            // At another price, it is news.
            _ = try importer.importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            _ = try AlertEvaluation.run(session: session)
            _ = try importer.importGRAS(directory: otherPrice, options: .init(dataset: "small"))
            #expect(try AlertEvaluation.run(session: session).alerts == 1)
        }
    }
}

@Suite("Webhook addresses")
struct WebhookAddressTests {
    @Test func thisMachineAndPrivateNetworksAreRecognisedByTheirAddresses() {
        for host in ["localhost", "127.0.0.1", "10.0.0.8", "172.20.1.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "[::1]", "fd00::5", "fe80::1", "::ffff:127.0.0.1"] {
            #expect(Webhooks.isPrivate(host: host), "\(host)")
        }
        for host in ["example.org", "fcbarcelona.example", "fd.example", "8.8.8.8", "172.32.0.1", "2001:db8::1", "11.0.0.1"] {
            #expect(!Webhooks.isPrivate(host: host), "\(host)")
        }
    }
}
