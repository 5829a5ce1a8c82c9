import Foundation
import HTTPTypes
import Hummingbird
import TramaExport
import TramaGraph
import TramaRender
import TramaService
import TramaStore

/// Prosecutors' reports and exports over HTTP, as `trama evidence`, `trama dossier` and
/// `trama export` make them. Reports: JSON by default; `format=html|pdf` the document, `svg|png`
/// its map, `zip` the whole bundle with its manifest; `as_of` rebuilds the graph as an earlier
/// import left it; `reproducible=true` fixes the one time the report states. Analysts only;
/// every entity a report or export shows is audited.
extension Routes {
    func registerEvidence(_ add: (HTTPRequest.Method, String, @escaping Handler) -> Void) {
        add(.get, "/api/v1/evidence", guarded(.analyst, evidence))
        add(.get, "/api/v1/entities/{ref}/dossier", guarded(.analyst, dossier))
        // An export's selection is its path: one thing, named, never two at once.
        add(.get, "/api/v1/datasets/{name}/export", guarded(.analyst) { request, context in
            let name = context.parameters.get("name").map { $0.removingPercentEncoding ?? $0 } ?? ""
            return try await exportResponse(ExportQuery(.dataset(name)), format: try Self.exportFormat(request), request, context)
        })
        add(.get, "/api/v1/entities/{ref}/export", guarded(.analyst) { request, context in
            let p = QueryParameters(request)
            let ref = try await resolve(request, context, snapshot: state.snapshots.snapshot)
            let hops = try p.int("hops", default: 2, minimum: 1, maximum: ExportQuery.hopsLimit)!
            return try await exportResponse(
                ExportQuery(.around(ref.reference, hops: hops), at: try p.parsed("at", PathQuery.day)), format: try Self.exportFormat(request), request, context)
        })
        add(.get, "/api/v1/collusion/rings/{id}/export", guarded(.analyst) { request, context in
            let at = try QueryParameters(request).parsed("at", PathQuery.day)
            return try await exportResponse(ExportQuery(.ring(context.parameters.get("id") ?? ""), at: at), format: try Self.exportFormat(request), request, context)
        })
        add(.get, "/api/v1/investigations/{id}/export", guarded(.analyst) { request, context in
            let at = try QueryParameters(request).parsed("at", PathQuery.day)
            return try await exportResponse(
                ExportQuery(.investigation(try Self.investigationID(context)), at: at), format: try Self.exportFormat(request), request, context)
        })
        // The explorer's downloads: the same answers, named as files, for a signed-in analyst.
        add(.get, "/evidence/{file}", explorer(.analyst) { request, context, _ in
            try await evidenceResponse(Self.formQuery(request), format: try Self.reportFile(context, bundle: "evidence"), request, context)
        })
        add(.get, "/entities/{ref}/{file}", explorer(.analyst) { request, context, _ in
            let file = context.parameters.get("file") ?? ""
            if file.hasPrefix("export.") {
                let ref = try await resolve(request, context, snapshot: state.snapshots.snapshot)
                let hops = try Self.formQuery(request).int("hops", default: 2, minimum: 1, maximum: ExportQuery.hopsLimit)!
                return try await exportResponse(ExportQuery(.around(ref.reference, hops: hops)), format: try Self.exportFile(context), request, context)
            }
            return try await dossierResponse(Self.formQuery(request), format: try Self.reportFile(context, bundle: "dossier"), request, context)
        })
        add(.get, "/rings/{id}/{file}", explorer(.analyst) { request, context, _ in
            try await exportResponse(ExportQuery(.ring(context.parameters.get("id") ?? "")), format: try Self.exportFile(context), request, context)
        })
        add(.get, "/api/v1/imports", guarded(.analyst) { request, context in
            let store = state.store
            return respond(try await state.work.run { try ImportHistory(store: store) }, context, request: request)
        })
    }

    /// The required `format` of an export.
    static func exportFormat(_ request: Request) throws -> ExportFormat {
        let text = try QueryParameters(request).require("format")
        guard let format = ExportFormat(rawValue: text) else {
            throw ServiceError.badParameter(name: "format", reason: "'\(text.prefix(40))' is not one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }

    /// One file in the format asked (a zip of the three for neo4j), named after what was selected.
    func exportResponse(_ asked: ExportQuery, format: ExportFormat, _ request: Request, _ context: TramaContext) async throws -> Response {
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let investigations = try asked.selection.isInvestigation ? investigations(context) : nil
        let (selected, files) = try await state.work.run {
            let selected = try asked.run(on: snapshot.graph, store: store, investigations: investigations)
            return (selected, TramaExport.export(selected, as: format))
        }
        // A dataset export is audited as the request that names the dataset; any other, entity by entity.
        try await audit(context, request, entities: asked.selection.isDataset ? [] : selected.nodes.map(\.reference))
        let name = asked.selection.fileName
        let (bytes, type, file): ([UInt8], String, String) =
            if format == .neo4j {
                (ZipArchive.make(files.map { ("\(name)-neo4j/\($0.name)", $0.bytes) }), "application/zip", "\(name)-neo4j.zip")
            } else {
                (files.first?.bytes ?? [], files.first?.mediaType ?? "application/octet-stream", "\(name).\(files.first?.name.split(separator: ".", maxSplits: 1).last ?? "")")
            }
        var response = HTTPAnswer.bytes(bytes, contentType: type, version: snapshot.version, request: request)
        response.headers[.contentDisposition] = "attachment; filename=\"\(file)\""
        return response
    }

    /// The format an explorer download's file name asks for: `export.graphml`, `export.gexf`,
    /// `export.ftm`, `export.neo4j` (a zip) or `export.dot`.
    static func exportFile(_ context: TramaContext) throws -> ExportFormat {
        let file = context.parameters.get("file") ?? ""
        guard file.hasPrefix("export."), let format = ExportFormat(rawValue: String(file.dropFirst(7))) else {
            throw Problem(category: .notFound, detail: "exports are export.graphml, export.gexf, export.ftm, export.neo4j and export.dot", parameter: "file")
        }
        return format
    }

    /// The format an explorer download's file name asks for: `report.pdf`, `report.html`,
    /// `map.svg`, `map.png`, or the bundle `NAME.zip`.
    static func reportFile(_ context: TramaContext, bundle: String) throws -> ReportFormat {
        switch context.parameters.get("file") ?? "" {
        case "report.pdf": .pdf
        case "report.html": .html
        case "map.svg": .svg
        case "map.png": .png
        case "\(bundle).zip": .zip
        case "\(bundle).json": .json
        default: throw Problem(category: .notFound, detail: "a report offers report.pdf, report.html, map.svg, map.png and \(bundle).zip", parameter: "file")
        }
    }

    /// What a report is asked as.
    enum ReportFormat: String, CaseIterable {
        case json, html, pdf, svg, png, zip

        static func requested(_ p: QueryParameters) throws -> ReportFormat {
            guard let text = try p.string("format") else { return .json }
            guard let f = ReportFormat(rawValue: text) else {
                throw ServiceError.badParameter(name: "format", reason: "'\(text.prefix(40))' is not one of \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return f
        }
    }

    /// The version `as_of` names, the time the report states, and the graph to read.
    func reportGraph(_ p: QueryParameters) async throws -> (graph: CSRGraphBox, version: GraphVersion?, generated: String) {
        let asOf = try p.string("as_of")
        let reproducible = try p.bool("reproducible") ?? false
        let store = state.store, snapshots = state.snapshots
        return try await state.work.run {
            let asked = try asOf.map { text in
                do { return try store.version(named: text) } catch let e as StoreError {
                    throw Problem(category: .notFound, detail: e.description, parameter: "as_of")
                }
            }
            let (graph, view, version) = try snapshots.graph(asOf: asked)
            let generated = ReportBundle.generated(reproducible: reproducible, dataChangedAt: version?.finishedAt)
            return (CSRGraphBox(graph: graph, store: view), version, generated)
        }
    }

    @Sendable func evidence(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        return try await evidenceResponse(p, format: try ReportFormat.requested(p), request, context)
    }

    func evidenceResponse(_ p: QueryParameters, format: ReportFormat, _ request: Request, _ context: TramaContext) async throws -> Response {
        let asked = try APIQuestions.evidence(p)
        let (box, version, generated) = try await reportGraph(p)
        let report = try await state.work.run { try asked.run(on: box.graph, store: box.store, version: version, generated: generated) }
        try await audit(context, request, entities: [report.from.reference, report.to.reference] + report.paths.flatMap { $0.nodes.map { $0.reference } })
        return try await respondReport(report.json, format: format, name: "evidence", request: request) { drawing, theme in
            try report.bundle(drawing: drawing, theme: theme)
        }
    }

    @Sendable func dossier(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        return try await dossierResponse(p, format: try ReportFormat.requested(p), request, context)
    }

    func dossierResponse(_ p: QueryParameters, format: ReportFormat, _ request: Request, _ context: TramaContext) async throws -> Response {
        let ref = try await resolve(request, context, snapshot: state.snapshots.snapshot)
        let asked = try APIQuestions.dossier(of: ref.reference, p)
        let (box, version, generated) = try await reportGraph(p)
        let dossier = try await state.work.run { try asked.run(on: box.graph, store: box.store, version: version, generated: generated) }
        try await audit(
            context, request,
            entities: [ref.reference] + dossier.owners.parties.map { $0.entity.reference } + dossier.holdings.parties.map { $0.entity.reference }
                + dossier.sections.flatMap { $0.ties.map { $0.other.reference } })
        return try await respondReport(dossier.json, format: format, name: "dossier", request: request) { drawing, theme in
            try dossier.bundle(graph: box.graph, store: box.store, drawing: drawing, theme: theme)
        }
    }

    /// The report as JSON, or one file of its bundle, or the bundle zipped.
    func respondReport(
        _ json: JSONValue, format: ReportFormat, name: String, request: Request,
        bundle: @escaping @Sendable (any MapDrawing, Theme) throws -> ReportBundle
    ) async throws -> Response {
        if format == .json { return HTTPAnswer.json(json, version: nil, request: request) }
        let theme = state.theme, renderer = state.renderer
        let files = try await state.work.render { try bundle(renderer, theme) }
        let (bytes, type, file): ([UInt8], String, String) =
            switch format {
            case .html: (files.file("report.html"), "text/html; charset=utf-8", "\(name).html")
            case .pdf: (files.file("report.pdf"), "application/pdf", "\(name).pdf")
            case .svg: (files.file("map.svg"), "image/svg+xml", "\(name)-map.svg")
            case .png: (files.file("map.png"), "image/png", "\(name)-map.png")
            case .zip, .json: (files.zip(folder: name), "application/zip", "\(name).zip")
            }
        var response = HTTPAnswer.bytes(bytes, contentType: type, version: nil, request: request)
        if format == .zip || format == .pdf { response.headers[.contentDisposition] = "attachment; filename=\"\(file)\"" }
        return response
    }
}

/// A graph with the store its records are read from, handed between blocking work items.
struct CSRGraphBox: Sendable {
    let graph: CSRGraph
    let store: Store
}
