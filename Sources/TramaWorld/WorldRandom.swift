import Foundation
import TramaGraph

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and the same sequence on every machine,
/// which is what a world that must be byte-identical for a seed needs.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `range`.
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// An index in `0..<count` skewed towards 0 (density ∝ x^(1/skew - 1)): with skew 2.5, the
    /// first 1% of indices draw about 16% of picks — the heavy tail of who bids how often.
    mutating func skewed(_ count: Int, skew: Double = 2.5) -> Int { min(count - 1, Int(Double(count) * pow(unit(), skew))) }

    /// Log-normal: money amounts are.
    mutating func logNormal(mu: Double, sigma: Double) -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return exp(mu + sigma * sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2))
    }

    mutating func day(_ from: Day, _ to: Day) -> Day { Day(rawValue: from.rawValue + Int32(int(0...Int(to.rawValue - from.rawValue)))) }
}

/// Fixed-width IDs and money, formatted without Foundation's locale-dependent formatters.
enum Format {
    static func id(_ prefix: String, _ n: Int, width: Int) -> String {
        let s = String(n)
        return prefix + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Two decimals, no separators: 1234.5 → "1234.50".
    static func money(_ v: Double) -> String {
        let cents = Int((v * 100).rounded())
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

extension Day {
    func adding(days n: Int) -> Day { Day(rawValue: rawValue + Int32(n)) }
    static func ymd(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    var year: Int { components.year }
}

/// Word lists for names that look like the data investigators read.
enum Words {
    static let firstNames = [
        "Ana", "Bruno", "Carla", "Daniel", "Elisa", "Fabio", "Gabriela", "Hugo", "Isabel", "João", "Karina", "Luis", "Marta", "Nuno",
        "Olga", "Pedro", "Queila", "Rafael", "Sofia", "Tiago", "Úrsula", "Vitor", "Wanda", "Xavier", "Yara", "Zeca", "Adriana", "Bernardo",
        "Cecilia", "Diego", "Esther", "Felipe", "Gloria", "Hector", "Ines", "Jorge", "Lucia", "Mateo", "Natalia", "Oscar", "Paula",
        "Ricardo", "Silvia", "Tomas", "Valeria", "Andrés", "Beatriz", "Camilo", "Dolores", "Emilio",
    ]
    static let lastNames = [
        "Souza", "Lima", "Dias", "Reis", "Costa", "Pereira", "Oliveira", "Santos", "Rodrigues", "Almeida", "Nunes", "Prado", "Gomes",
        "Martins", "Araujo", "Barbosa", "Ribeiro", "Carvalho", "Teixeira", "Moreira", "Cardoso", "Rocha", "Mendes", "Freitas", "Castro",
        "Fernández", "García", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Torres", "Vargas", "Herrera", "Medina", "Aguilar",
        "Rojas", "Ortega", "Silva", "Vega", "Campos", "Fuentes", "Molina", "Peña", "Cortés", "Ramos", "Guerrero", "Mora", "Delgado",
    ]
    static let firmWords = [
        "Alfa", "Beta", "Gama", "Delta", "Sigma", "Omega", "Andes", "Atlas", "Aurora", "Boreal", "Condor", "Cumbre", "Horizonte", "Litoral",
        "Meridiano", "Norte", "Oceano", "Pampa", "Pinheiro", "Planalto", "Rio", "Serra", "Sol", "Sur", "Terra", "Vale", "Vertice", "Zenit",
        "Central", "Nacional", "Imperial", "Progreso", "Unión", "Victoria", "Patria", "Capital", "Costa", "Monte", "Puente", "Faro",
    ]
    static let firmTrades = [
        "Obras", "Construcciones", "Engenharia", "Servicios", "Suministros", "Ingeniería", "Pavimentos", "Transportes", "Consultores",
        "Tecnologia", "Saneamento", "Medical", "Alimentos", "Lácteos", "Logística", "Mantenimiento", "Edificaciones", "Infraestructura",
    ]
    static let firmSuffixes = ["S.A.", "Ltda.", "S.A.S.", "EIRELI", "S.R.L.", "& Cia.", "S.A. de C.V."]
    static let streets = [
        "Rua das Flores", "Av. Paulista", "Calle Mayor", "Av. Libertador", "Rua Augusta", "Calle 10", "Av. Central", "Rua do Comércio",
        "Av. Brasil", "Calle Bolívar", "Rua XV de Novembro", "Av. Independencia", "Calle Sucre", "Rua Direita", "Av. Atlântica",
    ]
    static let cities = [
        "Riverside", "Puerto Alto", "San Miguel", "Nova Esperança", "Villa Sol", "Campo Verde", "Santa Rita", "Bela Vista", "Ciudad Norte",
        "Porto Claro", "Valle Hermoso", "Monte Azul", "Laguna Seca", "Serra Dourada", "Costa Brava", "Três Rios", "Los Pinos", "Cerro Largo",
        "Águas Claras", "La Esperanza",
    ]
    static let agencyKinds = [
        "Ministry of Public Works", "Ministry of Health", "Ministry of Education", "Roads Department", "Water Utility", "Municipal Works Office",
        "Hospital Authority", "School Board", "Transport Agency", "Housing Institute",
    ]
    static let parties = ["Partido Verde", "Unión Cívica", "Movimento Democrático", "Frente Popular", "Partido Liberal", "Aliança Nacional"]
    static let offices = ["mayor", "governor", "deputy", "senator", "councillor"]
    static let positions = ["engineer", "director", "manager", "analyst", "accountant", "technician", "procurement officer", "partner"]
    static let relations = ["spouse", "son", "daughter", "brother", "sister", "father", "mother", "cousin", "nephew", "in-law"]
    static let products = ["45233", "45262", "33141", "15511", "90911", "71311", "60112", "30192", "50232", "44112"]
    static let methods = ["open", "open", "open", "restricted", "negotiated", "direct"]
    static let sanctioningBodies = ["World Bank", "National Procurement Office", "Comptroller General", "Inter-American Development Bank"]
}
