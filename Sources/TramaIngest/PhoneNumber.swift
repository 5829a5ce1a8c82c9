import Foundation

/// Telephone numbers as one key per line, whichever way a register writes it: `+55 11 91234-5678`,
/// `0055 11 91234 5678` and — with the record's country, Brazil — `(11) 91234-5678` are all
/// `5511912345678`, the E.164 digits (country code, then the national significant number), as
/// registries and libphonenumber key them. Without this, a national number and its international
/// form were two phone entities, and GRAS 2.6 missed firms that share the line.
///
/// The rules, per country (calling code, trunk prefix, longest national significant number):
/// a number written with `+` or an international prefix (`00`, `011` from North America) is
/// international; one longer than the country's national numbers and starting with its calling
/// code is international written without the `+`; any other is national: its trunk prefix
/// (`0` in most countries) is dropped and the calling code put in front. With no country (or one
/// not in the table) the digits are kept as written, as before.
public struct PhoneNumbering: Sendable {
    struct Country: Sendable {
        var callingCode: String
        var trunkPrefix: String?
        var longestNational: Int
    }

    /// ISO 3166 alpha-2 codes and the English (and local) names registers write, upper case.
    private let countries: [String: Country]

    public static let standard = PhoneNumbering()

    init() {
        var table: [String: Country] = [:]
        // iso2|names|calling code|trunk prefix|longest national significant number
        let rows = """
            AR|ARGENTINA|54|0|11
            AU|AUSTRALIA|61|0|9
            AT|AUSTRIA|ÖSTERREICH|43|0|13
            BE|BELGIUM|BELGIQUE|BELGIË|32|0|9
            BO|BOLIVIA|591|0|8
            BR|BRAZIL|BRASIL|55|0|11
            CA|CANADA|1|1|10
            CL|CHILE|56||9
            CN|CHINA|86|0|11
            CO|COLOMBIA|57||10
            CR|COSTA RICA|506||8
            CZ|CZECHIA|CZECH REPUBLIC|420||9
            DK|DENMARK|DANMARK|45||8
            DO|DOMINICAN REPUBLIC|REPÚBLICA DOMINICANA|1|1|10
            EC|ECUADOR|593|0|9
            EG|EGYPT|20|0|10
            SV|EL SALVADOR|503||8
            FI|FINLAND|SUOMI|358|0|12
            FR|FRANCE|33|0|9
            DE|GERMANY|DEUTSCHLAND|49|0|13
            GH|GHANA|233|0|9
            GR|GREECE|30||10
            GT|GUATEMALA|502||8
            HN|HONDURAS|504||8
            HK|HONG KONG|852||8
            HU|HUNGARY|36|06|9
            IN|INDIA|91|0|10
            ID|INDONESIA|62|0|12
            IE|IRELAND|353|0|9
            IL|ISRAEL|972|0|9
            IT|ITALY|ITALIA|39||11
            JP|JAPAN|81|0|10
            KE|KENYA|254|0|10
            KR|KOREA|SOUTH KOREA|REPUBLIC OF KOREA|82|0|10
            LU|LUXEMBOURG|352||11
            MX|MEXICO|MÉXICO|52||10
            NL|NETHERLANDS|NEDERLAND|31|0|9
            NZ|NEW ZEALAND|64|0|10
            NI|NICARAGUA|505||8
            NG|NIGERIA|234|0|10
            NO|NORWAY|NORGE|47||8
            PA|PANAMA|PANAMÁ|507||8
            PY|PARAGUAY|595|0|9
            PE|PERU|PERÚ|51|0|9
            PH|PHILIPPINES|63|0|10
            PL|POLAND|POLSKA|48||9
            PT|PORTUGAL|351||9
            RO|ROMANIA|40|0|9
            RU|RUSSIA|RUSSIAN FEDERATION|7|8|10
            SK|SLOVAKIA|421|0|9
            ZA|SOUTH AFRICA|27|0|9
            ES|SPAIN|ESPAÑA|34||9
            SE|SWEDEN|SVERIGE|46|0|9
            CH|SWITZERLAND|SCHWEIZ|SUISSE|41|0|9
            TW|TAIWAN|886|0|9
            TZ|TANZANIA|255|0|9
            TR|TURKEY|TÜRKIYE|90|0|10
            UG|UGANDA|256|0|9
            UA|UKRAINE|380|0|9
            GB|UNITED KINGDOM|UK|GREAT BRITAIN|44|0|10
            US|UNITED STATES|USA|UNITED STATES OF AMERICA|1|1|10
            UY|URUGUAY|598|0|8
            VE|VENEZUELA|58|0|10
            VN|VIETNAM|VIET NAM|84|0|10
            """
        for row in rows.split(separator: "\n") {
            let fields = row.trimmingCharacters(in: .whitespaces).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let n = fields.count
            guard n >= 5, let longest = Int(fields[n - 1]) else { continue }
            let country = Country(callingCode: fields[n - 3], trunkPrefix: fields[n - 2].isEmpty ? nil : fields[n - 2], longestNational: longest)
            for name in fields[0..<(n - 3)] { table[name] = country }
        }
        countries = table
    }

    /// The number's key: E.164 digits when the country is known or the number international,
    /// else its digits as written.
    public func key(_ number: String, country: String?) -> String {
        var written = ValueRules.trimmed(number)
        // "+44 (0)20 …": the trunk prefix in brackets is not dialled from abroad.
        if written.hasPrefix("+") || written.hasPrefix("00"), written.utf8.contains(UInt8(ascii: "(")) {
            written = written.replacingOccurrences(of: "(0)", with: "")
        }
        var digits = String(decoding: written.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
        guard !digits.isEmpty else { return "" }
        if written.hasPrefix("+") { return digits }
        if digits.hasPrefix("00") { return String(digits.dropFirst(2)) }
        guard let country = country.flatMap({ countries[ValueRules.trimmed($0).uppercased()] }) else { return digits }
        if country.callingCode == "1", digits.hasPrefix("011") { return String(digits.dropFirst(3)) }
        if digits.count > country.longestNational, digits.hasPrefix(country.callingCode) { return digits }
        // A national significant number never starts with the trunk prefix where there is one
        // (North America's `1` is also its calling code, and handled above).
        if let trunk = country.trunkPrefix, country.callingCode != "1", digits.hasPrefix(trunk), digits.count - trunk.count >= 6 {
            digits.removeFirst(trunk.count)
        }
        return country.callingCode + digits
    }
}
