import TramaIngest
import TramaModel

/// Minimal disclosure: what a `viewer` may not see of natural persons — identity numbers,
/// addresses, phones and e-mails — taken out of any answer.
///
/// It works on the encoded answer, so one rule covers every answer type, and an answer that
/// must be drawn is decoded back from the masked JSON (the map can show nothing the JSON hid):
/// - the properties of people, and of relationships with a person at either end, lose every
///   field whose name says it holds an identifier or contact detail;
/// - contact entities (`address`, `phone`, `email`) are named and keyed `[masked]`, wherever
///   they appear, as entities or as `kind:key` references. Whose contact detail a shared address
///   is cannot be told from the answer alone, so none is shown: the pattern (two bidders share
///   one) stays visible, the detail does not.
public enum Disclosure {
    public static let mask = "[masked]"

    static let people = Set(EntityKind.people.map(\.rawValue))
    static let contacts: Set<String> = [EntityKind.address.rawValue, EntityKind.phone.rawValue, EntityKind.email.rawValue]

    /// Words in a property name that mark it as an identifier or a contact detail.
    static let personalMarkers = [
        "identity", "identifier", "national", "passport", "tax", "ssn", "curp", "rfc", "cpf", "dni", "birth",
        "address", "street", "postal", "zip", "phone", "telephone", "mobile", "fax", "email", "e-mail", "mail",
    ]

    /// Whether a property name marks a personal identifier or contact detail: one of the marker
    /// words, or `id`/`number` as a word of its own (`PersonID`, `id_number`, not `Bid`).
    static func isPersonal(_ field: String) -> Bool {
        let lower = field.lowercased()
        if personalMarkers.contains(where: lower.contains) { return true }
        // Split camelCase and separators into words.
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

    /// The answer with what a viewer may not see masked.
    public static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .raw(text):
            guard let parsed = try? JSONValue.parse(text) else { return value }
            return masked(parsed)
        case let .array(items): return .array(items.map(masked))
        case let .string(s): return .string(maskedReference(s))
        case let .object(members):
            let kind = members.first { $0.0 == "kind" }.flatMap { if case let .string(k) = $0.1 { k } else { nil } }
            let ends = ["from", "to"].compactMap { k in members.first { $0.0 == k }.flatMap { if case let .string(s) = $0.1 { s } else { nil } } }
            let personal = kind.map(people.contains) == true || ends.contains { people.contains(String($0.prefix { $0 != ":" })) }
            let contact = kind.map(contacts.contains) == true
            return .object(members.map { key, v in
                if contact, key == "key" || key == "name" { return (key, .string(mask)) }
                if personal, key == "properties" { return (key, maskedProperties(v)) }
                return (key, masked(v))
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

    /// `phone:+5511…` → `phone:[masked]`; any other text as it is.
    static func maskedReference(_ s: String) -> String {
        guard let parts = KindKey(s), contacts.contains(parts.kind) else { return s }
        return parts.kind + ":" + mask
    }
}
