import Foundation
import HTTPTypes
import Hummingbird
import TramaExplorer
import TramaService

/// Imports and scans from the explorer: the admin's upload form (a `multipart/form-data` POST,
/// so that it works without JavaScript), the scan form, and a job's page, over the same jobs
/// as `POST /api/v1/imports` and `POST /api/v1/scans`.
extension Routes {
    func registerJobPages(_ add: Add) {
        add(.get, "/jobs", explorer(.admin, jobsPage))
        add(.get, "/jobs/{id}", explorer(.viewer, jobPage))
        add(.post, "/imports", explorer(.admin, uploadImport))
        add(.post, "/scans", explorer(.analyst, startScan))
    }

    func jobsPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let (limit, offset) = try Self.formQuery(request).page()
        let jobs = state.jobs.store
        let (list, total) = try await state.work.run { try jobs.list(limit: limit, offset: offset) }
        return Self.page(JobsPage.list(JobList(page: Page(total: total, limit: limit, offset: offset), jobs: list), user: user))
    }

    func jobPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        Self.page(JobsPage.job(try await followedJob(context), user: user))
    }

    /// The upload form: streamed to a private folder, its fields read after the CSRF check,
    /// its file queued as an import; then the job's page.
    func uploadImport(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        guard Self.sameOrigin(request) else { throw Problem(category: .forbidden, detail: "this form did not come from the explorer", parameter: "csrf") }
        guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else {
            throw ServiceError.badParameter(name: "body", reason: "is not a multipart/form-data upload")
        }
        let limit = state.configuration.maximumImportBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit + 64 * 1024 { throw Self.tooLarge(limit) }
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("trama-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: staging) }
        let body = staging.appendingPathComponent("body"), file = staging.appendingPathComponent("file")
        _ = try await receive(request.body, to: body, limit: limit + 64 * 1024)
        let form: MultipartForm
        do {
            form = try await state.work.run { try MultipartForm(body: body, boundary: boundary, fileField: "file", fileURL: file) }
        } catch let MultipartForm.Failure.malformed(reason) {
            throw ServiceError.badParameter(name: "body", reason: "is not a readable upload form: \(reason)")
        }
        try? FileManager.default.removeItem(at: body)
        func field(_ name: String) -> String? { form.fields.first { $0.0 == name }?.1 }
        guard let csrf = field("csrf"), CSRF.matches(csrf, user.csrf) else {
            throw Problem(category: .forbidden, detail: "this form did not come from the explorer (its CSRF value is missing or wrong)", parameter: "csrf")
        }
        guard let received = form.file, received.bytes > 0 else { throw ServiceError.badParameter(name: "file", reason: "is empty: choose the dataset's file") }
        guard received.bytes <= limit else { throw Self.tooLarge(limit) }
        let asked = try ImportRequest(
            dataset: field("dataset") ?? "", format: field("format").flatMap { $0.isEmpty ? nil : $0 }, skipInvalid: field("skip_invalid") == "true",
            keepUnresolved: field("keep_unresolved") == "true", reason: field("reason"), contentType: nil)
        let job = try await queueImport(asked, context: context) { upload in
            try FileManager.default.moveItem(at: file, to: upload)
            return received
        }
        return Self.redirect("/jobs/\(job.id)")
    }

    func startScan(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        func field(_ name: String) -> String? { form.first { $0.0 == name }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
        // The form offers the period to every analysis; the collusion and suppliers scans take it,
        // and the suppliers scan a contract-splitting threshold.
        let analysis = field("analysis") ?? ""
        let dated = [ScanRequest.Analysis.collusion.rawValue, ScanRequest.Analysis.suppliers.rawValue].contains(analysis)
        var scan = ScanRequest(analysis: analysis, from: dated ? field("from") : nil, to: dated ? field("to") : nil)
        if analysis == ScanRequest.Analysis.suppliers.rawValue, let text = field("splitting_threshold") {
            guard let threshold = Double(text) else { throw ServiceError.badParameter(name: "splitting_threshold", reason: "'\(text.prefix(40))' is not an amount") }
            scan.splittingThreshold = threshold
        }
        if analysis == ScanRequest.Analysis.suppliers.rawValue, let text = field("secrecy_list") {
            try scan.secrecyList(csv: text, field: "secrecy_list")
        }
        let job = try await queueScan(scan, context: context)
        return Self.redirect("/jobs/\(job.id)")
    }
}
