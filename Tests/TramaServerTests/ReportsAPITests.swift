import Foundation
import Testing
import TramaService
import TramaStore
import TramaTestSupport

/// A page of the audit log, read back through its entries' type.
struct AuditEntries: Decodable {
    var entries: [AuditEntry]
}

/// Evidence reports, dossiers, exports and the import history over HTTP, on the small fixture.
@Suite("Reports and exports over HTTP")
struct ReportsAPITests {
    @Test func anEvidenceReportComesAsJSONPDFAndAZipBundleAndIsAudited() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let path = "/api/v1/evidence?from=firm:F1&to=firm:F2&at=2019-06-01&reproducible=true"
            let json = try await s.get(path, token: s.analyst)
            #expect(json.status == 200)
            let report = try json.decoded(EvidenceReport.self)
            #expect(report.status == .found && report.graph.asOf != nil && report.paths.first?.validAt == true)
            #expect(report.paths.allSatisfy { $0.edges.allSatisfy { $0.fileSHA256?.count == 64 } })
            let pdf = try await s.get(path + "&format=pdf", token: s.analyst)
            #expect(pdf.status == 200 && pdf.header("Content-Type") == "application/pdf" && pdf.body.starts(with: Data("%PDF-".utf8)))
            let again = try await s.get(path + "&format=pdf", token: s.analyst)
            #expect(again.body == pdf.body, "a reproducible report is the same bytes on every request")
            let zip = try await s.get(path + "&format=zip", token: s.analyst)
            #expect(zip.status == 200 && zip.header("Content-Type") == "application/zip")
            let listing = try Self.unzipList(zip.body)
            for f in ["evidence/report.html", "evidence/report.pdf", "evidence/map.svg", "evidence/map.png", "evidence/evidence.json", "evidence/MANIFEST.sha256"] {
                #expect(listing.contains(f), "\(f) in \(listing)")
            }
            let log = try await s.get("/api/v1/audit", token: s.admin).decoded(AuditEntries.self)
            let entries = log.entries.filter { $0.endpoint == "GET /api/v1/evidence" }
            #expect(entries.count == 4 && entries.allSatisfy { Set($0.entities).isSuperset(of: ["firm:F1", "firm:F2"]) })
        }
    }

    @Test func aDossierIsAnAnalystsAndAsOfAnUnknownImportIsAProblemNamingTheParameter() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            #expect(try await s.get("/api/v1/entities/firm%3AF2/dossier", token: s.viewer).status == 403)
            let d = try await s.get("/api/v1/entities/firm%3AF2/dossier", token: s.analyst)
            #expect(d.status == 200)
            let dossier = try d.decoded(Dossier.self)
            #expect(dossier.tenders.count == 3 && dossier.owners.parties.count == 2)
            let html = try await s.get("/api/v1/entities/firm%3AF2/dossier?format=html", token: s.analyst)
            #expect(html.status == 200 && html.text.contains("Tenders bid, won and lost"))
            let bad = try await s.get("/api/v1/entities/firm%3AF2/dossier?as_of=424242", token: s.analyst)
            #expect(bad.status == 404 && (bad.object["parameter"] as? String) == "as_of")
            let history = try await s.get("/api/v1/imports", token: s.analyst).decoded(ImportHistory.self)
            #expect(history.imports.first?.dataset != nil)
            let asOf = try await s.get("/api/v1/entities/firm%3AF2/dossier?as_of=\(history.imports[0].id)", token: s.analyst)
            #expect(asOf.status == 200)
            #expect(try asOf.decoded(Dossier.self).graph.asOf == history.imports[0].id)
        }
    }

    @Test func exportsComeAsAttachmentsInEachFormat() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let gexf = try await s.get("/api/v1/entities/firm%3AF2/export?format=gexf&hops=1", token: s.analyst)
            #expect(gexf.status == 200 && gexf.text.contains("http://gexf.net/1.3") && gexf.text.contains("firm:F2"))
            #expect(gexf.header("Content-Disposition")?.contains("attachment") == true)
            let neo = try await s.get("/api/v1/entities/firm%3AF2/export?format=neo4j", token: s.analyst)
            #expect(neo.status == 200)
            #expect(try Self.unzipList(neo.body).contains { $0.hasSuffix("/nodes.csv") })
            #expect(try await s.get("/api/v1/entities/firm%3AF2/export", token: s.analyst).object["parameter"] as? String == "format")
            let dataset = try await s.get("/api/v1/datasets/small/export?format=graphml", token: s.analyst)
            #expect(dataset.status == 200 && dataset.header("Content-Disposition") == "attachment; filename=\"small.graphml\"")
            #expect(try await s.get("/api/v1/datasets/nope/export?format=ftm", token: s.analyst).status == 404)
            #expect(try await s.get("/api/v1/entities/firm%3AF2/export?format=ftm", token: s.viewer).status == 403)
        }
    }

    /// The names in a zip, read by `unzip -Z1` (the archive format is checked by a real reader).
    static func unzipList(_ data: Data) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString).zip")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-Z1", file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let bytes = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw HTTPFailure(message: "unzip -Z1 failed: status \(p.terminationStatus)") }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

extension ExplorerTests {
    @Test func entityPathAndInvestigationPagesOfferReportsAndExportsThatDownload() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let entity = try await s.get("/entities/firm%3AF2", headers: ["Cookie": session])
            #expect(entity.text.contains("href=\"/entities/firm:F2/report.pdf\"") && entity.text.contains("href=\"/entities/firm:F2/export.gexf\""))
            let dossier = try await s.get("/entities/firm%3AF2/report.pdf", headers: ["Cookie": session])
            #expect(dossier.status == 200 && dossier.body.starts(with: Data("%PDF-".utf8)))
            let around = try await s.get("/entities/firm%3AF2/export.graphml", headers: ["Cookie": session])
            #expect(around.status == 200 && around.text.contains("<graphml") && around.header("Content-Disposition")?.contains("graphml") == true)
            #expect(try await s.get("/entities/firm%3AF2/export.xls", headers: ["Cookie": session]).status == 404)

            let paths = try await s.get("/paths?from=firm%3AF1&to=firm%3AF2&at=2019-06-01", headers: ["Cookie": session])
            #expect(paths.text.contains("/evidence/report.pdf?from=firm:F1&amp;to=firm:F2&amp;at=2019-06-01"))
            let evidence = try await s.get("/evidence/report.html?from=firm:F1&to=firm:F2&at=2019-06-01", headers: ["Cookie": session])
            #expect(evidence.status == 200 && evidence.text.contains("Relationship evidence") && evidence.text.contains("not proof of wrongdoing"))
            let bundle = try await s.get("/evidence/evidence.zip?from=firm:F1&to=firm:F2", headers: ["Cookie": session])
            #expect(try ReportsAPITests.unzipList(bundle.body).contains("evidence/MANIFEST.sha256"))

            let created = try await s.send("POST", "/api/v1/investigations", token: s.analyst, body: Data(#"{"name":"E","entities":["firm:F1","firm:F4"]}"#.utf8))
            let id = try #require(created.object["id"] as? Int)
            let page = try await s.get("/investigations/\(id)", headers: ["Cookie": session])
            #expect(page.text.contains("/investigations/\(id)/export.neo4j"))
            let neo = try await s.get("/investigations/\(id)/export.neo4j", headers: ["Cookie": session])
            #expect(try ReportsAPITests.unzipList(neo.body).contains("investigation-\(id)-neo4j/relationships.csv"))

            // A viewer is offered none of it, and cannot download it.
            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            let viewer = try #require(viewerCookie)
            #expect(!(try await s.get("/entities/firm%3AF2", headers: ["Cookie": viewer])).text.contains("report.pdf"))
            #expect(try await s.get("/entities/firm%3AF2/report.pdf", headers: ["Cookie": viewer]).status == 403)
        }
    }
}

extension ReportsAPITests {
    @Test func aSuppliersScanOverHTTPFlagsPoliticalFinanceThatTheFlagsEndpointLists() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let scan = try await s.send("POST", "/api/v1/scans", token: s.analyst, body: Data(#"{"analysis": "suppliers", "from": "2019-01-01"}"#.utf8))
            #expect(scan.status == 202)
            let job = try await JobTests.finished(s, try #require(scan.header("Location")), token: s.analyst)
            #expect(job["state"] as? String == "succeeded", "\(job)")
            let flags = try await s.get("/api/v1/flags?indicator=4.1.3", token: s.viewer).decoded(FlagList.self)
            #expect(flags.flags.map(\.subject) == ["firm:F2"])
            let runs = try await s.get("/api/v1/runs?analysis=suppliers", token: s.viewer).decoded(RunList.self)
            #expect(runs.runs.count == 1)
            let refused = try await s.send("POST", "/api/v1/scans", token: s.analyst, body: Data(#"{"analysis": "suppliers", "hops": 2}"#.utf8))
            #expect(refused.status == 400 && refused.object["parameter"] as? String == "hops")
        }
    }

    /// GRAS 3.9 against a list given in the request: Delta Holdings is registered in Panama, so
    /// the two firms it holds shares in are flagged; a malformed code names its place.
    @Test func aSuppliersScanTakesItsSecrecyListInTheRequest() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let list = #""secrecy_list": {"source": "test list", "date": "2024-01-01", "jurisdictions": [{"code": "pa", "name": "Panama"}]}"#
            let scan = try await s.send("POST", "/api/v1/scans", token: s.analyst, body: Data(#"{"analysis": "suppliers", \#(list)}"#.utf8))
            #expect(scan.status == 202)
            let job = try await JobTests.finished(s, try #require(scan.header("Location")), token: s.analyst)
            #expect(job["state"] as? String == "succeeded", "\(job)")
            let flags = try await s.get("/api/v1/flags?indicator=3.9", token: s.viewer).decoded(FlagList.self)
            #expect(Set(flags.flags.map(\.subject)) == ["firm:F1", "firm:F2"] && Set(flags.flags.map(\.indicator)) == ["3.9.2"])
            let bad = #"{"analysis": "suppliers", "secrecy_list": {"source": "x", "date": "", "jurisdictions": [{"code": "PAN", "name": "Panama"}]}}"#
            let refused = try await s.send("POST", "/api/v1/scans", token: s.analyst, body: Data(bad.utf8))
            #expect(refused.status == 400 && refused.object["parameter"] as? String == "secrecy_list.jurisdictions[0].code")
            let collusion = try await s.send("POST", "/api/v1/scans", token: s.analyst, body: Data(#"{"analysis": "collusion", \#(list)}"#.utf8))
            #expect(collusion.status == 400 && collusion.object["parameter"] as? String == "secrecy_list")
        }
    }
}
