import Foundation

/// Which PostgreSQL Trama uses: `--database URL`, else `TRAMA_DATABASE_URL`, else the private
/// embedded cluster under `TRAMA_HOME`.
public enum StoreLocation: Sendable {
    case url(String)
    case embedded(EmbeddedCluster)

    public static func resolve(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StoreLocation {
        if let option, !option.isEmpty { return .url(option) }
        if let env = environment["TRAMA_DATABASE_URL"], !env.isEmpty { return .url(env) }
        return .embedded(try EmbeddedCluster(home: EmbeddedCluster.defaultHome(environment: environment)))
    }

    /// The connection URL, starting the embedded cluster first when that is the choice.
    /// `notes` receives what was done to get there (initdb, start), for the user.
    public func connect(notes: (String) -> Void) throws -> String {
        switch self {
        case let .url(u):
            return u
        case let .embedded(cluster):
            for note in try cluster.start() { notes(note) }
            return cluster.url
        }
    }
}
