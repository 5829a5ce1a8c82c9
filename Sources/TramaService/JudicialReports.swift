import Foundation
import TramaIngest

/// The conflict documents of a judicial run as people read them: one block of text per
/// conflict with its chain, or one CSV row per conflict.
public enum JudicialReports {
    /// `judge:J1 —relative_of→ person:P2 —owns→ firm:F3`, each arrow in the relationship's direction.
    static func chain(_ document: [String: Any]) -> String {
        guard let path = document["path"] as? [String: Any], let paths = path["paths"] as? [[String: Any]], let p = paths.first,
            let nodes = p["nodes"] as? [[String: Any]], let edges = p["edges"] as? [[String: Any]]
        else { return "" }
        func ref(_ n: [String: Any]) -> String { "\(n["kind"] as? String ?? ""):\(n["key"] as? String ?? "")" }
        var out = ref(nodes[0])
        for (i, e) in edges.enumerated() {
            let forward = e["from"] as? String == ref(nodes[i])
            let kind = e["kind"] as? String ?? ""
            out += forward ? " —\(kind)→ " : " ←\(kind)— "
            out += ref(nodes[i + 1])
        }
        return out
    }

    static func objects(_ conflicts: [JSONValue]) -> [[String: Any]] {
        conflicts.compactMap { try? JSONSerialization.jsonObject(with: Data($0.compact.utf8)) as? [String: Any] }
    }

    public static func text(_ conflicts: [JSONValue]) -> String {
        var lines: [String] = []
        for d in objects(conflicts) {
            let who = d["reaches"] as? String == "lawyer" ? "the lawyer \(d["lawyer"] as? String ?? "") of \(d["party"] as? String ?? "")" : "\(d["party"] as? String ?? "")"
            let role = (d["role"] as? String).map { " (\($0))" } ?? ""
            lines.append("\(d["case"] as? String ?? "") filed \(d["filed"] as? String ?? "?"): judge \(d["judge"] as? String ?? "") is linked to \(who)\(role)")
            lines.append("  " + chain(d))
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ conflicts: [JSONValue]) -> String {
        var out = "judge,case,filed,party,role,lawyer,reaches,hops,chain\n"
        for d in objects(conflicts) {
            let cells: [Any?] = [d["judge"], d["case"], d["filed"], d["party"], d["role"], d["lawyer"], d["reaches"], d["hops"], chain(d)]
            out += CSVWriter.line(cells.map { $0 == nil || $0 is NSNull ? "" : "\($0!)" })
        }
        return out
    }
}
