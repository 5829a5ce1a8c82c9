/// What TramaCardinal refuses, with the file, line and setting it concerns, in words that say
/// what to fix.
public enum CardinalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The settings file is not INI as cardinal reads it (rust-ini through the `config` crate).
    case settingsSyntax(file: String?, line: Int, reason: String)
    /// A setting cardinal does not know (cardinal's settings deny unknown fields).
    case unknownSetting(file: String?, line: Int?, key: String, known: [String])
    /// A setting whose value cardinal would not accept, e.g. `threshold = 15 # default` (rust-ini
    /// has no inline comments, so the value is the whole text).
    case badSettingValue(file: String?, line: Int?, key: String, value: String, expected: String)
    /// A section where cardinal expects a value, or a value where it expects a section.
    case settingShape(file: String?, line: Int?, key: String, expected: String)
    case unreadable(file: String, reason: String)
    /// A case where cardinal-rs itself stops (a panic or an error that ends its run), e.g. a
    /// `[defaults] bid_status` to set on a bid that is a string, or an ocid that is an object in a
    /// quality issue row.
    case cannotPrepare(line: Int, reason: String)

    public var description: String {
        switch self {
        case .settingsSyntax(let file, let line, let reason):
            "\(Self.place(file, line)): \(reason)"
        case .unknownSetting(let file, let line, let key, let known):
            "\(Self.place(file, line)): unknown setting '\(key)'"
                + (known.isEmpty ? "" : "; known here: \(known.joined(separator: ", "))")
        case .badSettingValue(let file, let line, let key, let value, let expected):
            "\(Self.place(file, line)): \(key) = '\(value)' is not \(expected)"
                + (value.contains("#") || value.contains(";") ? " (comments must be on their own line)" : "")
        case .settingShape(let file, let line, let key, let expected):
            "\(Self.place(file, line)): \(key) must be \(expected)"
        case .unreadable(let file, let reason):
            "cannot read \(file): \(reason)"
        case .cannotPrepare(let line, let reason):
            "line \(line): \(reason)"
        }
    }

    private static func place(_ file: String?, _ line: Int?) -> String {
        let name = file ?? "settings"
        return line.map { "\(name):\($0)" } ?? name
    }
}
