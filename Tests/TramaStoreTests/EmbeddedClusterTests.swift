import Foundation
import Testing

@testable import TramaStore

/// Where the private cluster goes when Trama runs as root: never a reason to widen a folder's
/// permissions (issue 17).
@Suite struct EmbeddedClusterPlacementTests {
    let postgres = SystemUser(name: "postgres", uid: 100, gid: 100)

    func modes(_ table: [String: FileMode]) -> (String) -> FileMode? { { table[$0] } }

    @Test func aRootHomeOutOfTheOwnersReachMovesTheClusterToASystemFolder() {
        let home = URL(fileURLWithPath: "/root/.local/share/trama")
        let fs = modes([
            "/": FileMode(owner: 0, group: 0, permissions: 0o755),
            "/root": FileMode(owner: 0, group: 0, permissions: 0o700),
            "/root/.local": FileMode(owner: 0, group: 0, permissions: 0o755),
        ])
        let place = EmbeddedCluster.placement(home: home, owner: postgres, mode: fs)
        #expect(place.path.hasPrefix("/var/lib/trama/clusters/trama-"))
        #expect(place == EmbeddedCluster.placement(home: home, owner: postgres, mode: fs), "the same home always finds the same cluster")
        #expect(place != EmbeddedCluster.placement(home: URL(fileURLWithPath: "/root/other/trama"), owner: postgres, mode: fs))
    }

    @Test func aReachableHomeKeepsTheClusterInIt() {
        let home = URL(fileURLWithPath: "/tmp/t/home")
        let fs = modes([
            "/": FileMode(owner: 0, group: 0, permissions: 0o755),
            "/tmp": FileMode(owner: 0, group: 0, permissions: 0o1777),
            "/tmp/t": FileMode(owner: 0, group: 100, permissions: 0o750),
        ])
        #expect(EmbeddedCluster.placement(home: home, owner: postgres, mode: fs).path == "/tmp/t/home/postgres")
    }

    @Test func aClusterAlreadyInTheHomeStaysThere() {
        let home = URL(fileURLWithPath: "/root/.local/share/trama")
        let fs = modes([
            "/root": FileMode(owner: 0, group: 0, permissions: 0o700),
            "/root/.local/share/trama/postgres/data/PG_VERSION": FileMode(owner: 100, group: 100, permissions: 0o600),
        ])
        #expect(EmbeddedCluster.placement(home: home, owner: postgres, mode: fs).path == "/root/.local/share/trama/postgres")
    }

    @Test func notRunningAsRootTheClusterIsAlwaysInTheHome() {
        let home = URL(fileURLWithPath: "/home/ana/.local/share/trama")
        #expect(EmbeddedCluster.placement(home: home, owner: nil, mode: { _ in nil }).path == "/home/ana/.local/share/trama/postgres")
    }

    @Test func traversalUsesTheOwnerGroupOrOtherBitsThatApply() {
        let own = FileMode(owner: 100, group: 0, permissions: 0o700)
        let group = FileMode(owner: 0, group: 100, permissions: 0o710)
        let closed = FileMode(owner: 0, group: 0, permissions: 0o770)
        #expect(postgres.canTraverse(upTo: URL(fileURLWithPath: "/a"), mode: modes(["/a": own])))
        #expect(postgres.canTraverse(upTo: URL(fileURLWithPath: "/a"), mode: modes(["/a": group])))
        #expect(!postgres.canTraverse(upTo: URL(fileURLWithPath: "/a/b"), mode: modes(["/a": closed])))
    }
}
