import Foundation
import TramaModel
import TramaRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Sample {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let themeURL = repoRoot.appendingPathComponent("visualizations/themes/default.json")
    static let theme: Theme = {
        do { return try Theme.load(from: themeURL) } catch { fatalError("\(error)") }
    }()

    /// Every kind the importers write, and the map's own (a summary box; a loser's tie to the
    /// winner, GRAS 2.1): the theme must style them all.
    static let nodeKinds = EntityKind.allCases.map(\.rawValue) + ["summary"]
    static let edgeKinds = RelationKind.allCases.map(\.rawValue) + ["loses_to", "summary"]

    /// A collusion ring: two firms with one owner, one address and one phone, both bidding in
    /// an agency's tender; the winner holds the contract.
    static let ring = NetworkMap(
        title: "Alfa Obras S.A. ↔ Beta Engenharia Ltda.", subtitle: "2 hops · data: demo",
        nodes: [
            MapNode(id: "agency:A1", kind: "agency", label: "Ministry of Roads"),
            MapNode(id: "tender:T1", kind: "tender", label: "Resurfacing BR-101, lot 3", detail: "T1"),
            MapNode(id: "contract:C1", kind: "contract", label: "Contract 2021/0778"),
            MapNode(id: "firm:F1", kind: "firm", label: "Alfa Obras S.A.", detail: "F1", emphasis: .endpoint),
            MapNode(id: "firm:F2", kind: "firm", label: "Beta Engenharia e Construções Ltda. <subsidiary> & \"Co\"", detail: "F2", emphasis: .endpoint),
            MapNode(id: "person:P6", kind: "person", label: "Fabio Costa", detail: "P6", emphasis: .highlighted),
            MapNode(id: "address:1", kind: "address", label: "Rua A, 100"),
            MapNode(id: "phone:1", kind: "phone", label: "+55 81 3333-1234"),
        ],
        edges: [
            MapEdge(from: "agency:A1", to: "tender:T1", kind: "procures"),
            MapEdge(from: "firm:F1", to: "tender:T1", kind: "bid", label: "bid 990000, won"),
            MapEdge(from: "firm:F2", to: "tender:T1", kind: "bid", label: "bid 1010000, lost"),
            MapEdge(from: "contract:C1", to: "tender:T1", kind: "awarded_under"),
            MapEdge(from: "firm:F1", to: "contract:C1", kind: "holds_contract"),
            MapEdge(from: "person:P6", to: "firm:F1", kind: "owns", label: "owns\n60%\nsince 2006-01-01", highlighted: true),
            MapEdge(from: "person:P6", to: "firm:F2", kind: "owns", label: "owns 40%", highlighted: true),
            MapEdge(from: "firm:F1", to: "address:1", kind: "registered_at"),
            MapEdge(from: "firm:F2", to: "address:1", kind: "registered_at"),
            MapEdge(from: "firm:F1", to: "phone:1", kind: "has_phone"),
            MapEdge(from: "firm:F2", to: "phone:1", kind: "has_phone"),
        ])

    /// A star of `count` firms around one agency.
    static func star(_ count: Int) -> NetworkMap {
        var map = NetworkMap(title: "star", nodes: [MapNode(id: "hub", kind: "agency", label: "Hub agency")])
        for i in 0..<count {
            map.nodes.append(MapNode(id: "f\(i)", kind: "firm", label: "Firm number \(i)"))
            map.edges.append(MapEdge(from: "hub", to: "f\(i)", kind: "procures", label: "edge \(i)", highlighted: i == 7))
        }
        return map
    }
}

/// Runs `body` with file descriptor 2 redirected to a temporary file and returns what was
/// written there. The captured text is written back to the real stderr afterwards, so that
/// nothing another test prints meanwhile is lost.
func capturingStandardError<T>(_ body: () throws -> T) rethrows -> (result: T, stderr: String) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("trama-render-stderr-\(UUID().uuidString)").path
    let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(file >= 0, "cannot open \(path)")
    fflush(nil)
    let saved = dup(2)
    dup2(file, 2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    func restore() -> String {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(file)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        return text
    }
    do {
        let result = try body()
        return (result, restore())
    } catch {
        _ = restore()
        throw error
    }
}

extension [UInt8] {
    var text: String { String(decoding: self, as: UTF8.self) }

    /// Width and height from a PNG's IHDR chunk.
    var pngSize: (width: Int, height: Int)? {
        guard count > 24, self[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        let width = self[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = self[20..<24].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }
}

extension String {
    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}

/// WCAG contrast ratio of two `#RRGGBB` colours.
func contrast(_ a: String, _ b: String) -> Double {
    func luminance(_ hex: String) -> Double {
        let h = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard h.count == 6, let v = Int(h, radix: 16) else { return h.lowercased() == "white" ? 1 : 0 }
        let channels = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map { c -> Double in
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}
