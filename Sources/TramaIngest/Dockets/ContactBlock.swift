import Foundation

/// An attorney's contact block as PACER prints it under the name, read into its parts:
///
/// ```
/// Fonteneau & Arnold, LLC                 ← the firm (or office, or agency)
/// 2151 Highland Avenue South, Ste. 110    ← the address, to the line with the city
/// Birmingham, AL 35205
/// 205-252-1550                            ← phone
/// Fax: 205-502-4476
/// Email: allen@fonteneauarnold.com
/// ```
///
/// Lines between the firm and the street ("Fresno Office" under "United States Attorney") are
/// the firm's office; a block that starts with its street (a solo practitioner's P.O. box) has
/// no firm; "PRO SE" means the party speaks for itself and no lawyer acts.
public struct ContactBlock: Sendable, Hashable {
    public var firm: String?
    public var office: String?
    /// Street lines and the city line, joined by ", ".
    public var address: String?
    public var phone: String?
    public var fax: String?
    public var email: String?
    public var proSe = false

    public init(_ text: String) {
        var lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        if lines.first?.uppercased() == "PRO SE" {
            proSe = true
            lines.removeFirst()
        }
        var rest: [String] = []
        for line in lines {
            if let v = Self.labelled(line, "email") {
                if v.contains("@") { email = v }
            } else if let v = Self.labelled(line, "fax") {
                if !v.isEmpty { fax = v }
            } else if let v = ["phone", "direct", "tel", "office"].lazy.compactMap({ Self.labelled(line, $0) }).first ?? (Self.isPhone(line) ? line : nil) {
                if phone == nil, !v.isEmpty { phone = v }
            } else {
                rest.append(line)
            }
        }
        guard !rest.isEmpty else { return }
        // The address ends with the city line ("Birmingham, AL 35205") when there is one.
        let city = rest.lastIndex(where: Self.isCityLine)
        let street = rest.firstIndex(where: Self.isStreetLine)
        let addressStart: Int
        if let street, street <= (city ?? rest.count - 1) {
            addressStart = street
        } else if let city {
            addressStart = city
        } else {
            addressStart = rest.count > 1 ? 1 : rest.count
        }
        if addressStart > 0 {
            firm = rest[0]
            if addressStart > 1 { office = rest[1..<addressStart].joined(separator: ", ") }
        }
        let end = city.map { max($0, addressStart) } ?? rest.count - 1
        if addressStart <= end, addressStart < rest.count { address = rest[addressStart...end].joined(separator: ", ") }
    }

    /// The value after "Label:" or "Label :" (case ignored), or nil when the line is not that label.
    static func labelled(_ line: String, _ label: String) -> String? {
        let lower = line.lowercased()
        guard lower.hasPrefix(label) else { return nil }
        let after = line.dropFirst(label.count).drop { $0 == " " }
        guard after.first == ":" else { return nil }
        return String(after.dropFirst()).trimmingWhitespace()
    }

    /// A line that is a phone number and nothing else: 10 or more digits among `()-.+ /x`.
    static func isPhone(_ line: String) -> Bool {
        let bare = line.lowercased().replacingOccurrences(of: "ext", with: "")
        return bare.count(where: \.isNumber) >= 10 && bare.allSatisfy { $0.isNumber || " ()-.+/x".contains($0) }
    }

    /// "Birmingham, AL 35205", "New York, NY 10036-8704": a city, a state's two capitals, a ZIP code.
    static func isCityLine(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count >= 3, let zip = words.last, let state = words.dropLast().last else { return false }
        let five = zip.prefix(5)
        return five.count == 5 && five.allSatisfy(\.isNumber) && state.count == 2 && state.allSatisfy { $0.isUppercase && $0.isASCII }
    }

    /// A line an address starts with: a number, a box, a suite, a building ("Thomas P. O'Neill
    /// Jr. Federal Bldg.").
    static func isStreetLine(_ line: String) -> Bool {
        if line.first?.isNumber == true { return true }
        let upper = line.uppercased()
        let words = Set(Normalize.words(upper).split(separator: " "))
        if !words.isDisjoint(with: ["BLDG", "BUILDING", "COURTHOUSE", "TOWER", "PLAZA"]) { return true }
        return ["P.O.", "PO BOX", "P. O.", "POST OFFICE", "SUITE ", "STE ", "ONE ", "TWO ", "THREE ", "FOUR ", "FIVE ", "BOX "].contains { upper.hasPrefix($0) }
    }
}
