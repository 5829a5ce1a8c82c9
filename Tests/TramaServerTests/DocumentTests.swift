import Foundation
import Testing
import TramaModel
import TramaService
import TramaTestSupport

/// openapi.json is the contract: the answers the server sends must be what it says, field for
/// field. schemathesis checks that in CI from outside; these tests check it from inside, with
/// no Python, on every endpoint's happy path.
@Suite("The OpenAPI document matches what the server sends", .serialized)
struct DocumentTests {
    static var document: [String: Any] {
        let data = try! Data(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("openapi.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The schema of an operation's response for `status` as JSON.
    static func responseSchema(_ path: String, _ method: String, status: Int = 200) -> [String: Any]? {
        let paths = Self.document["paths"] as! [String: Any]
        let op = (paths[path] as? [String: Any])?[method] as? [String: Any]
        let response = (op?["responses"] as? [String: Any])?[String(status)] as? [String: Any]
        let content = response?["content"] as? [String: Any]
        return ((content?["application/json"] ?? content?["application/problem+json"]) as? [String: Any])?["schema"] as? [String: Any]
    }

    @Test func everyEndpointsAnswerHasTheDocumentedShape() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let document = Self.document
            let cases: [(template: String, method: String, path: String, token: String?, body: String?, status: Int)] = [
                ("/health", "get", "/health", nil, nil, 200),
                ("/api/v1/search", "get", "/api/v1/search?q=Alfa", s.viewer, nil, 200),
                ("/api/v1/flags", "get", "/api/v1/flags", s.viewer, nil, 200),
                ("/api/v1/flags/ranking", "get", "/api/v1/flags/ranking?filter=2.7.1%20%3E%3D%201%20or%20not%202.1&limit=5", s.viewer, nil, 200),
                ("/api/v1/flags/ranking", "get", "/api/v1/flags/ranking?filter=2.7.1%20%3E%3D", s.viewer, nil, 400),
                ("/api/v1/flags/ranking", "get", "/api/v1/flags/ranking?from=2019-01-01&sort_by=2.1", s.viewer, nil, 200),
                ("/api/v1/flags/coverage", "get", "/api/v1/flags/coverage", s.viewer, nil, 200),
                ("/api/v1/flags/validation", "post", "/api/v1/flags/validation", s.analyst, #"{"cases":["firm:F2","firm:NOPE"]}"#, 200),
                ("/api/v1/flags/validation", "post", "/api/v1/flags/validation", s.analyst, #"{"cases":[]}"#, 400),
                ("/api/v1/entities/{ref}/profile", "get", "/api/v1/entities/firm%3AF2/profile", s.analyst, nil, 200),
                ("/api/v1/entities/{ref}/profile", "get", "/api/v1/entities/firm%3AF2/profile", s.viewer, nil, 403),
                ("/api/v1/entities/{ref}/profile", "get", "/api/v1/entities/firm%3ANOPE/profile", s.analyst, nil, 404),
                ("/api/v1/entities/{ref}", "get", "/api/v1/entities/firm%3AF1", s.analyst, nil, 200),
                ("/api/v1/entities/{ref}", "get", "/api/v1/entities/firm%3ANOPE", s.analyst, nil, 404),
                ("/api/v1/entities/{ref}/relationships", "get", "/api/v1/entities/firm%3AF4/relationships", s.analyst, nil, 200),
                ("/api/v1/entities/{ref}/neighborhood", "get", "/api/v1/entities/firm%3AF1/neighborhood", s.viewer, nil, 200),
                ("/api/v1/paths", "get", "/api/v1/paths?from=firm:F1&to=firm:F2&weights=owns=2", s.analyst, nil, 200),
                ("/api/v1/paths", "get", "/api/v1/paths?from=firm:F1&to=firm:F2&max_hops=1&kinds=owns", s.analyst, nil, 200),
                ("/api/v1/paths", "get", "/api/v1/paths?from=firm:F1&to=firm:F2&max_hops=99", s.analyst, nil, 422),
                ("/api/v1/paths/batch", "post", "/api/v1/paths/batch", s.analyst, #"{"pairs":[{"from":"firm:F1","to":"firm:F2"},{"from":"x","to":"y"}]}"#, 200),
                ("/api/v1/paths/batch", "post", "/api/v1/paths/batch", s.analyst, #"{"pairs":[],"max_hop":3}"#, 400),
                ("/api/v1/paths/among", "post", "/api/v1/paths/among", s.analyst, #"{"entities":["firm:F1","firm:F2","x"],"max_hops":3,"limit":1}"#, 200),
                ("/api/v1/paths/among", "post", "/api/v1/paths/among", s.analyst, #"{"entities":["firm:F1"],"max_hops":9}"#, 422),
                ("/api/v1/tokens", "post", "/api/v1/tokens", s.admin, #"{"role":"viewer"}"#, 201),
                ("/api/v1/tokens", "get", "/api/v1/tokens", s.admin, nil, 200),
                ("/api/v1/audit", "get", "/api/v1/audit", s.admin, nil, 200),
                ("/api/v1/audit", "get", "/api/v1/audit", nil, nil, 401),
                ("/api/v1/collusion/pairs", "get", "/api/v1/collusion/pairs", s.viewer, nil, 200),
                ("/api/v1/collusion/top-losers", "get", "/api/v1/collusion/top-losers?all=true", s.viewer, nil, 200),
                ("/api/v1/collusion/tenders", "get", "/api/v1/collusion/tenders", s.viewer, nil, 200),
                ("/api/v1/collusion/rings", "get", "/api/v1/collusion/rings", s.viewer, nil, 200),
                ("/api/v1/judges/conflicts", "get", "/api/v1/judges/conflicts", s.viewer, nil, 200),
                ("/api/v1/judges/{ref}/map", "get", "/api/v1/judges/judge%3AP4/map", s.viewer, nil, 200),
                ("/api/v1/entities/{ref}/owners", "get", "/api/v1/entities/firm%3AF1/owners?min_share=1", s.analyst, nil, 200),
                ("/api/v1/entities/{ref}/holdings", "get", "/api/v1/entities/firm%3AF4/holdings?at=2019-01-01", s.analyst, nil, 200),
                ("/api/v1/entities/{ref}/owners", "get", "/api/v1/entities/firm%3AF1/owners", s.viewer, nil, 403),
                ("/api/v1/shared-owners", "get", "/api/v1/shared-owners?depth=2&limit=5", s.analyst, nil, 200),
                ("/api/v1/evidence", "get", "/api/v1/evidence?from=firm:F1&to=firm:F2&at=2019-06-01&max_degree=3", s.analyst, nil, 200),
                ("/api/v1/evidence", "get", "/api/v1/evidence?from=firm:F1&to=firm:F2&as_of=1999-01-01", s.analyst, nil, 404),
                ("/api/v1/evidence", "get", "/api/v1/evidence?from=firm:F1&to=firm:F2", s.viewer, nil, 403),
                ("/api/v1/entities/{ref}/dossier", "get", "/api/v1/entities/firm%3AF2/dossier?reproducible=true", s.analyst, nil, 200),
                ("/api/v1/entities/{ref}/dossier", "get", "/api/v1/entities/firm%3ANOPE/dossier", s.analyst, nil, 404),
                ("/api/v1/datasets/{name}/export", "get", "/api/v1/datasets/nope/export?format=gexf", s.analyst, nil, 404),
                ("/api/v1/entities/{ref}/export", "get", "/api/v1/entities/firm%3AF1/export?format=xls", s.analyst, nil, 400),
                ("/api/v1/collusion/rings/{id}/export", "get", "/api/v1/collusion/rings/ring-999/export?format=ftm", s.analyst, nil, 404),
                ("/api/v1/investigations/{id}/export", "get", "/api/v1/investigations/999/export?format=dot", s.analyst, nil, 404),
                ("/api/v1/imports", "get", "/api/v1/imports", s.analyst, nil, 200),
                ("/api/v1/judges", "get", "/api/v1/judges?flagged=true&limit=5", s.viewer, nil, 200),
                ("/api/v1/judges/lawyers", "get", "/api/v1/judges/lawyers", s.viewer, nil, 200),
                ("/api/v1/judges/firms", "get", "/api/v1/judges/firms?limit=5", s.viewer, nil, 200),
                ("/api/v1/judges/firms", "get", "/api/v1/judges/firms?judge=judge:P4", s.viewer, nil, 200),
                ("/api/v1/judges/firms", "get", "/api/v1/judges/firms?judge=firm:F1", s.viewer, nil, 400),
                ("/api/v1/judges/firms", "get", "/api/v1/judges/firms?judge=judge:NOPE", s.viewer, nil, 404),
                ("/api/v1/judges/{ref}/profile", "get", "/api/v1/judges/judge%3AP4/profile", s.viewer, nil, 200),
                ("/api/v1/runs", "get", "/api/v1/runs", s.viewer, nil, 200),
                ("/api/v1/resolution/candidates", "get", "/api/v1/resolution/candidates", s.analyst, nil, 200),
                ("/api/v1/resolution/rejections", "post", "/api/v1/resolution/rejections", s.admin, #"{"first":"firm:F1","second":"firm:NOPE"}"#, 404),
                ("/api/v1/resolution/merges", "post", "/api/v1/resolution/merges", s.admin, #"{"kept":"firm:F1"}"#, 400),
                ("/api/v1/collusion/pairs", "get", "/api/v1/collusion/pairs?run=99999", s.viewer, nil, 404),
                ("/api/v1/communities", "get", "/api/v1/communities?on=graph&min_size=2", s.viewer, nil, 200),
                ("/api/v1/rank", "get", "/api/v1/rank?measure=betweenness", s.viewer, nil, 200),
                ("/api/v1/scans", "post", "/api/v1/scans", s.admin, #"{"analysis":"collusion"}"#, 202),
                ("/api/v1/scans", "post", "/api/v1/scans", s.admin, #"{"analysis":"tarot"}"#, 400),
                ("/api/v1/imports", "post", "/api/v1/imports?dataset=x", s.admin, "not a zip", 400),
                ("/api/v1/jobs", "get", "/api/v1/jobs", s.admin, nil, 200),
                ("/api/v1/jobs/{id}", "get", "/api/v1/jobs/1", s.admin, nil, 200),
                ("/api/v1/jobs/{id}", "get", "/api/v1/jobs/999", s.admin, nil, 404),
                ("/api/v1/investigations", "post", "/api/v1/investigations", s.analyst, #"{"name":"A","entities":["firm:F1","firm:F4"]}"#, 201),
                ("/api/v1/investigations", "get", "/api/v1/investigations", s.analyst, nil, 200),
                ("/api/v1/investigations/{id}", "get", "/api/v1/investigations/1", s.analyst, nil, 200),
                ("/api/v1/investigations/{id}", "get", "/api/v1/investigations/1", s.viewer, nil, 403),
                ("/api/v1/investigations/{id}/changes", "post", "/api/v1/investigations/1/changes", s.analyst, #"{"action":"expand","entity":"firm:F1"}"#, 200),
                ("/api/v1/investigations/{id}/changes", "post", "/api/v1/investigations/1/changes", s.admin, #"{"action":"clear"}"#, 404),
            ]
            for c in cases {
                let reply = try await s.send(c.method.uppercased(), c.path, token: c.token, body: c.body.map { Data($0.utf8) })
                #expect(reply.status == c.status, "\(c.method) \(c.path): \(reply.text)")
                let schema = try #require(Self.responseSchema(c.template, c.method, status: c.status), "\(c.template) \(c.status) is not documented")
                let body = try JSONSerialization.jsonObject(with: reply.body)
                let problems = Conformance(document: document).check(body, against: schema, at: "$")
                #expect(problems.isEmpty, "\(c.method) \(c.path): \(problems.joined(separator: "; "))")
            }
        }
    }

    /// The document's vocabularies are the model's: a kind added to the model without
    /// regenerating the document would be refused by clients that trust it.
    @Test func kindsInTheDocumentAreTheModelsKinds() throws {
        let paths = Self.document["paths"] as! [String: Any]
        let search = (paths["/api/v1/search"] as! [String: Any])["get"] as! [String: Any]
        let kind = (search["parameters"] as! [[String: Any]]).first { $0["name"] as? String == "kind" }!
        #expect((kind["schema"] as! [String: Any])["enum"] as? [String] == EntityKind.allCases.map(\.rawValue))
        let rels = (paths["/api/v1/entities/{ref}/relationships"] as! [String: Any])["get"] as! [String: Any]
        let relKind = (rels["parameters"] as! [[String: Any]]).first { $0["name"] as? String == "kind" }!
        #expect((relKind["schema"] as! [String: Any])["enum"] as? [String] == RelationKind.allCases.map(\.rawValue))
        func parameterEnum(_ path: String, _ name: String) -> [String]? {
            let op = (paths[path] as! [String: Any])["get"] as! [String: Any]
            let p = (op["parameters"] as! [[String: Any]]).first { $0["name"] as? String == name }!
            return (p["schema"] as! [String: Any])["enum"] as? [String]
        }
        #expect(parameterEnum("/api/v1/communities", "on") == CommunitiesQuery.Basis.allCases.map(\.rawValue))
        #expect(parameterEnum("/api/v1/rank", "measure") == RankQuery.Measure.allCases.map(\.rawValue))
    }
}

/// A small JSON Schema checker for what openapi.json uses: `$ref`, `type` (with null), required
/// and additional properties, arrays, `enum`, `const` and `oneOf`.
struct Conformance {
    let document: [String: Any]

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        let name = String(ref.split(separator: "/").last!)
        return ((document["components"] as! [String: Any])["schemas"] as! [String: Any])[name] as! [String: Any]
    }

    func check(_ value: Any, against raw: [String: Any], at path: String) -> [String] {
        let schema = resolve(raw)
        if let options = schema["oneOf"] as? [[String: Any]] {
            let matching = options.filter { check(value, against: $0, at: path).isEmpty }
            return matching.count == 1 ? [] : ["\(path): matches \(matching.count) of oneOf"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) { return ["\(path): \(value) not in enum"] }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }) {
            guard types.contains(where: { Self.isOfType(value, $0) }) else { return ["\(path): \(type(of: value)) is not \(types)"] }
        }
        var problems: [String] = []
        if let object = value as? [String: Any], let properties = schema["properties"] as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { problems.append("\(path).\(name) missing") }
            if schema["additionalProperties"] as? Bool == false {
                for name in object.keys where properties[name] == nil { problems.append("\(path).\(name) is not documented") }
            }
            for (name, v) in object {
                if let sub = properties[name] as? [String: Any] { problems += check(v, against: sub, at: "\(path).\(name)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in array.enumerated() { problems += check(v, against: items, at: "\(path)[\(i)]") }
        }
        return problems
    }

    /// JSONSerialization gives booleans as a boolean NSNumber class (and `1.0 is Bool` holds).
    static func isBoolean(_ value: Any) -> Bool { String(describing: type(of: value)).contains("Boolean") }

    static func isOfType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBoolean(value)
        case "integer":
            guard let n = value as? NSNumber, !isBoolean(value) else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        case "number": return value is NSNumber && !isBoolean(value)
        default: return true
        }
    }
}
