import Foundation
import Testing
import TramaServer
import TramaService
import TramaStore
import TramaTestSupport

/// Imports and scans as jobs: accepted with 202, followed at their `Location` to the end, their
/// data and flags then served; failures with the importer's own precise problems.
@Suite("Imports and scans as jobs over HTTP", .serialized)
struct JobTests {
    @Test(.timeLimit(.minutes(2))) func aZippedGRASFolderImportedThroughTheAPIIsServedOnceItsJobSucceeds() async throws {
        let zip = try Self.zip(try Self.fixtureCopy())
        try await LiveServer.with(empty: true) { servers in
            let s = servers[0]
            #expect((try await s.get("/api/v1/search?q=Alfa%20Obras", token: s.viewer).object["results"] as? [Any])?.isEmpty == true)
            let accepted = try await s.send(
                "POST", "/api/v1/imports?dataset=small", token: s.admin, body: zip, headers: ["Content-Type": "application/zip"])
            #expect(accepted.status == 202, "\(accepted.text)")
            let location = try #require(accepted.header("Location"))
            #expect(location == "/api/v1/jobs/\(accepted.object["id"] as? Int ?? 0)")
            #expect(accepted.object["kind"] as? String == "import" && accepted.object["state"] as? String == "queued")

            let job = try await Self.finished(s, location, token: s.admin)
            #expect(job["state"] as? String == "succeeded", "\(job)")
            let result = try #require(job["result"] as? [String: Any])
            #expect(result["dataset"] as? String == "small" && (result["nodes"] as? Int ?? 0) > 10 && result["unchanged"] as? Bool == false)
            #expect((job["problems"] as? [Any])?.isEmpty == true && job["finished_at"] is String && job["started_at"] is String)
            #expect((job["progress"] as? [String: Any])?["message"] as? String == "done")

            // The graph swap: the server's snapshot moves on by itself, and searches (kept
            // between requests while the data is unchanged) with it.
            var nodes = 0
            for _ in 0..<100 where nodes == 0 {
                nodes = try await s.get("/health").object["nodes"] as? Int ?? 0
                if nodes == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(nodes == result["nodes"] as? Int)
            let found = try await s.get("/api/v1/search?q=Alfa%20Obras", token: s.viewer).json()
            #expect((found["results"] as? [[String: Any]])?.first?["key"] as? String == "F1")
            #expect(try await s.get("/api/v1/entities/firm%3AF1/neighborhood?hops=1", token: s.viewer).status == 200)

            let list = try await s.get("/api/v1/jobs", token: s.admin).json()
            #expect((list["jobs"] as? [[String: Any]])?.first?["id"] as? Int == job["id"] as? Int)
            #expect((list["page"] as? [String: Any])?["total"] as? Int == 1)
            // Only the admin role, and the token that asked, may read a job.
            #expect(try await s.get(location, token: s.analyst).status == 403)
            #expect(try await s.get("/api/v1/jobs", token: s.analyst).status == 403)
            #expect(try await s.get("/api/v1/jobs/999999", token: s.admin).status == 404)
        }
    }

    @Test(.timeLimit(.minutes(2))) func anImportWithABadDateFailsWithTheRecordsFileLineAndFieldAndLoadsNothing() async throws {
        let folder = try Self.fixtureCopy()
        let firms = folder.appendingPathComponent("firms.csv")
        let text = try String(contentsOf: firms, encoding: .utf8)
        try text.replacingOccurrences(of: ",2005-06-01,", with: ",2005-13-45,").write(to: firms, atomically: true, encoding: .utf8)
        let zip = try Self.zip(folder)
        try await LiveServer.with(empty: true) { servers in
            let s = servers[0]
            let accepted = try await s.send(
                "POST", "/api/v1/imports?dataset=broken", token: s.admin, body: zip, headers: ["Content-Type": "application/zip"])
            #expect(accepted.status == 202)
            let job = try await Self.finished(s, try #require(accepted.header("Location")), token: s.admin)
            #expect(job["state"] as? String == "failed" && job["result"] is NSNull)
            let problems = try #require(job["problems"] as? [[String: Any]])
            let bad = problems.first { $0["file"] as? String == "firms.csv" }
            #expect(bad?["line"] as? Int == 2 && bad?["field"] as? String == "FirmConstitutionDate" && bad?["value"] as? String == "2005-13-45", "\(problems)")
            #expect((bad?["detail"] as? String)?.hasPrefix("firms.csv:2: FirmConstitutionDate '2005-13-45'") == true, "\(problems)")
            #expect((problems.first?["detail"] as? String)?.contains("nothing was loaded") == true)
            // Nothing was loaded.
            #expect((try await s.get("/api/v1/search?q=Alfa", token: s.viewer).json()["results"] as? [Any])?.isEmpty == true)
            #expect(try await s.get("/health").object["nodes"] as? Int == 0)
        }
    }

    @Test(.timeLimit(.minutes(2))) func scanJobsStoreRunsWhoseFlagsTheFlagsEndpointShows() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let before = try await s.get("/api/v1/flags", token: s.viewer).json()
            #expect((before["page"] as? [String: Any])?["total"] as? Int == 0)
            let body = Data(#"{"analysis": "collusion"}"#.utf8)
            let accepted = try await s.send("POST", "/api/v1/scans", token: s.admin, body: body)
            #expect(accepted.status == 202, "\(accepted.text)")
            let job = try await Self.finished(s, try #require(accepted.header("Location")), token: s.admin)
            #expect(job["state"] as? String == "succeeded" && job["kind"] as? String == "scan", "\(job)")
            let run = try #require((job["result"] as? [String: Any])?["run"] as? Int)
            let flags = try await s.get("/api/v1/flags", token: s.viewer).json()
            #expect(((flags["page"] as? [String: Any])?["total"] as? Int ?? 0) > 0)
            #expect((flags["flags"] as? [[String: Any]])?.allSatisfy { $0["run"] as? Int == run && $0["analysis"] as? String == "collusion" } == true)

            let judicial = try await s.send("POST", "/api/v1/scans", token: s.admin, body: Data(#"{"analysis": "judicial", "hops": 3}"#.utf8))
            let judged = try await Self.finished(s, try #require(judicial.header("Location")), token: s.admin)
            #expect(judged["state"] as? String == "succeeded" && (judged["result"] as? [String: Any])?["cases"] is Int, "\(judged)")

            let patterns = try await s.send("POST", "/api/v1/scans", token: s.admin, body: Data(#"{"analysis": "judicial_patterns"}"#.utf8))
            let tested = try await Self.finished(s, try #require(patterns.header("Location")), token: s.admin)
            let patternsRun = try #require((tested["result"] as? [String: Any])?["run"] as? Int, "\(tested)")
            #expect(try await s.get("/api/v1/judges/lawyers", token: s.viewer).json()["run"] as? Int == patternsRun)
            let withHops = try await s.send("POST", "/api/v1/scans", token: s.admin, body: Data(#"{"analysis": "judicial_patterns", "hops": 2}"#.utf8))
            #expect(withHops.status == 400 && withHops.object["parameter"] as? String == "hops")

            let unknown = try await s.send("POST", "/api/v1/scans", token: s.admin, body: Data(#"{"analysis": "astrology"}"#.utf8))
            #expect(unknown.status == 400 && unknown.object["parameter"] as? String == "analysis")
            let mixed = try await s.send("POST", "/api/v1/scans", token: s.admin, body: Data(#"{"analysis": "judicial", "from": "2019-01-01"}"#.utf8))
            #expect(mixed.status == 400 && mixed.object["parameter"] as? String == "from")
            #expect(try await s.send("POST", "/api/v1/scans", token: s.viewer, body: body).status == 403)
            let analysts = try await s.send("POST", "/api/v1/scans", token: s.analyst, body: body)
            #expect(analysts.status == 202, "an analyst runs the analyses they read")
            let theirs = try #require(analysts.header("Location"))
            let own = try await s.get(theirs, token: s.analyst), other = try await s.get(theirs, token: s.viewer)
            #expect(own.status == 200 && other.status == 403)
        }
    }

    @Test(.timeLimit(.minutes(2))) func candidatesAreReviewedAndMergedOverHTTPAndTheMergedEntityMoves() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            // A donations file naming F1's company its own way: a candidate, no identifier joins them.
            let ftm = Data((#"{"id": "c2", "schema": "Company", "properties": {"name": ["ALFA OBRAS LTDA"]}}"# + "\n").utf8)
            let imported = try await s.send(
                "POST", "/api/v1/imports?dataset=donations&format=ftm&reason=donations%20register%2C%20May", token: s.admin, body: ftm,
                headers: ["Content-Type": "application/octet-stream"])
            #expect(try await Self.finished(s, try #require(imported.header("Location")), token: s.admin)["state"] as? String == "succeeded")
            // The import is a version: by the token that asked, with its reason and file.
            let history = try await s.get("/api/v1/imports", token: s.analyst).decoded(ImportHistory.self)
            let version = try #require(history.imports.first)
            #expect(version.dataset == "donations" && version.action == .import && version.importedBy == "test admin")
            #expect(version.reason == "donations register, May" && version.files.count == 1 && version.files[0].sha256.count == 64)
            let scan = try await s.send("POST", "/api/v1/scans", token: s.admin, body: Data(#"{"analysis": "resolution"}"#.utf8))
            let scanned = try await Self.finished(s, try #require(scan.header("Location")), token: s.admin)
            #expect(((scanned["result"] as? [String: Any])?["candidates"] as? Int ?? 0) >= 1, "\(scanned)")

            #expect(try await s.get("/api/v1/resolution/candidates", token: s.viewer).status == 403)
            let review = try await s.get("/api/v1/resolution/candidates", token: s.analyst).decoded(MergeCandidates.self)
            let pair = try #require(review.candidates.first { $0.first.key == "firm:F1" || $0.second.key == "firm:F1" })
            let other = try #require([pair.first.key, pair.second.key].first { $0 != "firm:F1" })
            #expect(review.page?.total == review.candidates.count)

            let body = Data(#"{"kept": "firm:F1", "merged": "\#(other)"}"#.utf8)
            #expect(try await s.send("POST", "/api/v1/resolution/merges", token: s.analyst, body: body).status == 403)
            let before = try await s.get("/health").json()["graph_version"] as? Int
            let merged = try await s.send("POST", "/api/v1/resolution/merges", token: s.admin, body: body)
            #expect(merged.status == 200, "\(merged.text)")
            let merge = try #require(try await s.get("/api/v1/imports", token: s.analyst).decoded(ImportHistory.self).imports.first)
            #expect(merge.action == .merge && merge.importedBy == "test admin" && merge.reason?.contains("into firm:F1") == true)
            #expect(try await s.send("POST", "/api/v1/resolution/merges", token: s.admin, body: Data(#"{"kept": "F1", "merged": "x"}"#.utf8)).object["parameter"] as? String == "kept")
            // The server swaps in the merged graph; the merged entity then points at the kept one.
            for _ in 0..<100 where try await s.get("/health").json()["graph_version"] as? Int == before { try await Task.sleep(for: .milliseconds(100)) }
            let moved = try await s.get("/api/v1/entities/\(other.replacingOccurrences(of: ":", with: "%3A"))", token: s.analyst)
            #expect(moved.status == 308 && moved.header("Location") == "/api/v1/entities/firm%3AF1", "\(moved.status) \(moved.text)")
            let after = try await s.get("/api/v1/resolution/candidates", token: s.analyst).decoded(MergeCandidates.self).candidates
            #expect(!after.contains { $0.first.key == other || $0.second.key == other })
        }
    }

    @Test(.timeLimit(.minutes(2))) func aCourtDocketIsImportedOverHTTPAndItsLawFirmsAreListedBeforeItsJudge() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            // A real district docket (almd): Efurd v. AAA Cooper Transporation, six firms' lawyers.
            let docket = try Data(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/dockets/district/almd.json"))
            let imported = try await s.send(
                "POST", "/api/v1/imports?dataset=almd&format=dockets", token: s.admin, body: docket, headers: ["Content-Type": "application/json"])
            let location = try #require(imported.header("Location"))
            let finished = try await Self.finished(s, location, token: s.admin)
            #expect(finished["state"] as? String == "succeeded", "\(finished)")
            let job = try await s.get(location, token: s.admin).decoded(Job.self)
            let report = try JSONDecoder().decode(ImportReportAnswer.self, from: Data(try #require(job.result).compact.utf8))
            #expect(report.format == "dockets")
            let firms = try await s.get("/api/v1/judges/firms?judge=judge:docket:almd:WILLIAM%20KEITH%20WATKINS", token: s.viewer)
            #expect(firms.status == 200, "\(firms.text)")
            let rows = try firms.decoded(JudgeFirms.self).firms
            #expect(rows.count == 6 && rows.allSatisfy { $0.cases == 1 })
            let wrong = try await s.send("POST", "/api/v1/imports?dataset=x&format=pacer", token: s.admin, body: docket, headers: ["Content-Type": "application/json"])
            #expect(wrong.status == 400 && wrong.object["parameter"] as? String == "format")
        }
    }

    @Test(.timeLimit(.minutes(2))) func uploadsAreRefusedForOtherRolesAndForBadZipsNamingTheParameter() async throws {
        let good = try Self.zip(try Self.fixtureCopy())
        let scratch = try Self.scratch()
        // A link in the zip would let the import read any file of the server.
        let link = scratch.appendingPathComponent("firms.csv")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")
        let linked = scratch.appendingPathComponent("link.zip")
        #expect(try Subprocess.run("/usr/bin/zip", ["-q", "-j", "-y", linked.path, link.path]).status == 0)
        try await LiveServer.with(empty: true, configure: { $0.maximumImportBytes = 64 * 1024 }) { servers in
            let s = servers[0]
            let zipType = ["Content-Type": "application/zip"]
            for token in [s.viewer, s.analyst] {
                let refused = try await s.send("POST", "/api/v1/imports?dataset=small", token: token, body: good, headers: zipType)
                #expect(refused.status == 403 && refused.header("Content-Type") == "application/problem+json")
            }
            func parameter(_ path: String, _ body: Data, _ headers: [String: String] = zipType) async throws -> (Int, String?) {
                let reply = try await s.send("POST", path, token: s.admin, body: body, headers: headers)
                return (reply.status, reply.object["parameter"] as? String)
            }
            #expect(try await parameter("/api/v1/imports", good) == (400, "dataset"))
            #expect(try await parameter("/api/v1/imports?dataset=%20%20", good) == (400, "dataset"))
            #expect(try await parameter("/api/v1/imports?dataset=x&format=xml", good) == (400, "format"))
            #expect(try await parameter("/api/v1/imports?dataset=x", Data("{}".utf8), ["Content-Type": "application/json"]) == (400, "format"))
            #expect(try await parameter("/api/v1/imports?dataset=x", Data("not a zip".utf8)) == (400, "body"))
            #expect(try await parameter("/api/v1/imports?dataset=x", Self.zipSlip()) == (400, "body"))
            #expect(try await parameter("/api/v1/imports?dataset=x", try Data(contentsOf: linked)) == (400, "body"))
            let large = try await s.send("POST", "/api/v1/imports?dataset=x", token: s.admin, body: Data(count: 200 * 1024), headers: zipType)
            #expect(large.status == 413 && large.object["parameter"] as? String == "body", "\(large.text)")
            #expect((large.object["detail"] as? String)?.contains("65536 bytes") == true)
            // None of them became a job.
            #expect((try await s.get("/api/v1/jobs", token: s.admin).json()["jobs"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(.timeLimit(.minutes(2))) func aJobWhoseServerStoppedIsFailedSayingSo() async throws {
        try await LiveServer.with(empty: true, configure: { $0.jobHeartbeat = .milliseconds(200) }) { servers in
            let s = servers[0]
            let conn = try PQConnection(s.databaseURL)
            defer { conn.close() }
            let id = try conn.execute(
                "INSERT INTO jobs (kind, state, server, started_at, heartbeat_at) VALUES ('import', 'running', 'gone', now() - interval '1 hour', now() - interval '10 minutes') RETURNING id"
            ).rows[0][0]!
            var job: [String: Any] = [:]
            for _ in 0..<100 {
                job = try await s.get("/api/v1/jobs/\(id)", token: s.admin).json()
                if job["state"] as? String != "running" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(job["state"] as? String == "failed" && job["finished_at"] is String)
            let problem = (job["problems"] as? [[String: Any]])?.first
            #expect(problem?["category"] as? String == "unavailable" && (problem?["detail"] as? String)?.contains("stopped") == true, "\(job)")
        }
    }

    // MARK: Helpers

    /// Polls a job until it has ended.
    public static func finished(_ s: LiveServer, _ location: String, token: String) async throws -> [String: Any] {
        for _ in 0..<600 {
            let job = try await s.get(location, token: token).json()
            if ["succeeded", "failed"].contains(job["state"] as? String ?? "") { return job }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HTTPFailure(message: "job \(location) did not end")
    }

    static func scratch() throws -> URL {
        try TestScratch.directory("jobtest")
    }

    /// A copy of the small GRAS fixture that a test may change.
    public static func fixtureCopy() throws -> URL {
        let dir = try scratch().appendingPathComponent("small")
        try FileManager.default.copyItem(at: smallFixture, to: dir)
        return dir
    }

    /// The folder's CSV files zipped flat, with Info-ZIP's `zip`.
    public static func zip(_ folder: URL) throws -> Data {
        let out = folder.deletingLastPathComponent().appendingPathComponent("upload.zip")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        let zipped = try Subprocess.run("/usr/bin/zip", ["-q", "-j", out.path] + files.map { folder.appendingPathComponent($0).path })
        guard zipped.status == 0 else { throw HTTPFailure(message: "zip failed: \(zipped.output)") }
        return try Data(contentsOf: out)
    }

    /// A zip (stored, not compressed) whose one entry, `../evil.csv`, would land outside the
    /// folder it is unpacked into; written by hand, since `zip` itself refuses to.
    static func zipSlip() -> Data {
        let name = Array("../evil.csv".utf8)
        let content = Array("FirmID,FirmName\nF9,Evil\n".utf8)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in content {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        var out: [UInt8] = []
        func u16(_ v: Int) { out += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff)] }
        func u32(_ v: UInt32) { out += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24 & 0xff)] }
        u32(0x0403_4b50); u16(20); u16(0); u16(0); u16(0); u16(0x21)
        u32(crc); u32(UInt32(content.count)); u32(UInt32(content.count)); u16(name.count); u16(0)
        out += name + content
        let central = out.count
        u32(0x0201_4b50); u16(20); u16(20); u16(0); u16(0); u16(0); u16(0x21)
        u32(crc); u32(UInt32(content.count)); u32(UInt32(content.count)); u16(name.count); u16(0); u16(0); u16(0); u16(0); u32(0); u32(0)
        out += name
        let size = out.count - central
        u32(0x0605_4b50); u16(0); u16(0); u16(1); u16(1); u32(UInt32(size)); u32(UInt32(central)); u16(0)
        return Data(out)
    }
}
