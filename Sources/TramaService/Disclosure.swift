import Foundation
public import TramaRender
public import TramaStore
import TramaIngest
import TramaModel

/// Minimal disclosure: what a `viewer` may not see of natural persons — identity numbers,
/// addresses, phones and e-mails — taken out of any answer and any map.
///
/// It works on the encoded answer, so one rule covers every answer type:
/// - the properties of people, and of relationships with a person at either end, lose every
///   field whose name says it holds an identifier or contact detail;
/// - contact entities (`address`, `phone`, `email`) are named `[masked]` and keyed by a
///   pseudonym, wherever they appear, as entities or as `kind:key` references. Whose contact
///   detail a shared address is cannot be told from the answer alone, so none is shown. The
///   pseudonym is a salted hash: two bidders sharing one phone still share one masked node, two
///   different phones stay two, and the number cannot be recovered by hashing every number.
public struct Disclosure: Sendable {
    public static let mask = "[masked]"
    /// The store's secret (schema/0009_disclosure_salt.sql).
    let salt: String

    public init(salt: String) { self.salt = salt }

    /// The store's disclosure rule.
    public static func of(_ store: Store) throws -> Disclosure {
        guard let salt = try store.execute(.disclosureSalt).rows.first?[0] ?? nil else { throw ServiceError.malformedRow(query: "disclosure_salt") }
        return Disclosure(salt: salt)
    }

    static let people = Set(EntityKind.people.map(\.rawValue))
    static let contacts: Set<String> = [EntityKind.address.rawValue, EntityKind.phone.rawValue, EntityKind.email.rawValue]

    /// Words in a property name that mark it as an identifier or a contact detail.
    static let personalMarkers = [
        "identity", "identifier", "national", "passport", "tax", "ssn", "curp", "rfc", "cpf", "dni", "birth",
        "address", "street", "postal", "zip", "phone", "telephone", "mobile", "fax", "email", "e-mail", "mail",
    ]

    /// Whether a property name marks a personal identifier or contact detail: one of the marker
    /// words, or `id`/`number`/`no` as a word of its own (`PersonID`, `id_number`, not `Bid`).
    static func isPersonal(_ field: String) -> Bool {
        let lower = field.lowercased()
        if personalMarkers.contains(where: lower.contains) { return true }
        var words: [String] = []
        var word = ""
        for ch in field {
            if ch == "_" || ch == "-" || ch == " " || ch == "." {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = ""
            } else if ch.isUppercase, let last = word.last, last.isLowercase {
                words.append(word.lowercased())
                word = String(ch)
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return words.contains("id") || words.contains("number") || words.contains("no")
    }

    /// The pseudonym of a contact entity's key.
    func pseudonym(kind: String, key: String) -> String {
        "masked-" + SHA256.hex(Array("\(salt)\u{0}\(kind)\u{0}\(key)".utf8)).prefix(16)
    }

    /// A typed answer with what a viewer may not see masked, for a page that shows it: the
    /// same rule as for the API's JSON, applied to the encoded answer and read back.
    public func masked<A: Answer>(_ answer: A) throws -> A {
        try JSONDecoder().decode(A.self, from: Data(masked(answer.json).compact.utf8))
    }

    /// The answer with what a viewer may not see masked.
    public func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .raw(text):
            guard let parsed = try? JSONValue.parse(text) else { return value }
            return masked(parsed)
        case let .array(items): return .array(items.map(masked))
        case let .string(s): return .string(maskedReference(s))
        case let .object(members):
            func text(_ name: String) -> String? {
                members.first { $0.0 == name }.flatMap { if case let .string(s) = $0.1 { s } else { nil } }
            }
            let kind = text("kind")
            let ends = [text("from"), text("to")].compactMap { $0 }
            let personal = kind.map(Self.people.contains) == true || ends.contains { KindKey($0).map { Self.people.contains($0.kind) } ?? false }
            let contact = kind.flatMap { Self.contacts.contains($0) ? $0 : nil }
            return .object(members.map { name, v in
                if let contact, name == "key", let key = text("key") { return (name, .string(pseudonym(kind: contact, key: key))) }
                if contact != nil, name == "name" { return (name, .string(Self.mask)) }
                if personal, name == "properties" { return (name, Self.maskedProperties(v)) }
                return (name, masked(v))
            })
        default: return value
        }
    }

    static func maskedProperties(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .raw(text): return (try? JSONValue.parse(text)).map(maskedProperties) ?? value
        case let .object(members): return .object(members.map { k, v in isPersonal(k) ? (k, .string(mask)) : (k, maskedProperties(v)) })
        case let .array(items): return .array(items.map(maskedProperties))
        default: return value
        }
    }

    /// `phone:+5511…` → `phone:masked-…`; any other text as it is.
    func maskedReference(_ s: String) -> String {
        guard let parts = KindKey(s), Self.contacts.contains(parts.kind) else { return s }
        return parts.kind + ":" + pseudonym(kind: parts.kind, key: parts.key)
    }

    /// A map with the same rule: contact entities drawn as `[masked]` under their pseudonym.
    public func masked(_ map: NetworkMap) -> NetworkMap {
        var map = map
        map.nodes = map.nodes.map { node in
            guard Self.contacts.contains(node.kind) else { return node }
            var n = node
            n.id = maskedReference(node.id)
            n.label = Self.mask
            n.detail = nil
            return n
        }
        map.edges = map.edges.map { edge in
            var e = edge
            e.from = maskedReference(edge.from)
            e.to = maskedReference(edge.to)
            return e
        }
        map.clusters = map.clusters.map { MapCluster(label: $0.label, members: $0.members.map(maskedReference)) }
        map.centre = map.centre.map(maskedReference)
        return map
    }
}
